/* The STM32F7 MAC driver against a model of its registers, its descriptor DMA and a LAN8742A. */
#include <string.h>
#include "eth_glue_checks.h"
#include "fake_hw.h"
#include "fake_lan8742a.h"
#include "hal_eth.h"

#define ETH 0x40028000u
#define MACCR (ETH + 0x0000u)
#define MACMIIAR (ETH + 0x0010u)
#define MACMIIDR (ETH + 0x0014u)
#define MACA0HR (ETH + 0x0040u)
#define MACA0LR (ETH + 0x0044u)
#define DMABMR (ETH + 0x1000u)
#define DMATPDR (ETH + 0x1004u)
#define DMARPDR (ETH + 0x1008u)
#define DMARDLAR (ETH + 0x100Cu)
#define DMATDLAR (ETH + 0x1010u)
#define DMASR (ETH + 0x1014u)
#define DMAOMR (ETH + 0x1018u)
#define DMAMFBOCR (ETH + 0x1020u)
#define RCC_AHB1ENR 0x40023830u
#define SYSCFG_PMC 0x40013804u
#define GPIOB_AFRH 0x40020424u
#define GPIOG_AFRH 0x40021824u

#define OWN (1u << 31)
#define TDES0_ES (1u << 15)
#define RDES0_ES (1u << 15)
#define RDES0_FS_LS ((1u << 9) | (1u << 8))
#define DMASR_RBUS (1u << 7)
#define MACCR_FES (1u << 14)
#define MACCR_DM (1u << 11)

struct descriptor {
    uint32_t status, control, buffer, next;
};

/* The model's DMA state: where each engine stands in its chain, and what went on the wire. */
static uint32_t rx_current;
static uint32_t tx_current;
static int tx_stalled;
static int tx_fail;
static uint8_t wire[8][1600];
static int wire_length[8];
static int wire_count;
static int reset_stuck;

static struct descriptor *at(uint32_t bus_address)
{
    return fake_pointer(bus_address);
}

static void run_tx_dma(void)
{
    while (!tx_stalled && (at(tx_current)->status & OWN)) {
        struct descriptor *d = at(tx_current);
        int length = (int)(d->control & 0x1FFFu);
        memcpy(wire[wire_count % 8], fake_pointer(d->buffer), (size_t)length);
        wire_length[wire_count % 8] = length;
        wire_count++;
        d->status = (d->status & ~OWN) | (tx_fail ? TDES0_ES : 0);
        tx_current = d->next;
    }
}

static uint32_t on_read(uint32_t address, uint32_t stored)
{
    if (address == DMAMFBOCR) {
        fake_set(address, 0); /* clears on read */
    }
    return stored;
}

static void on_write(uint32_t address, uint32_t value)
{
    switch (address) {
    case DMABMR:
        fake_set(address, reset_stuck ? value : value & ~1u);
        return;
    case DMAOMR:
        fake_set(address, value & ~(1u << 20)); /* FTF: the flush completes at once */
        return;
    case MACMIIAR:
        if (!fake_phy_responding) {
            fake_set(address, value); /* MB stays set */
            return;
        }
        if (value & 2u) {
            fake_phy_write((int)(value >> 11) & 31, (int)(value >> 6) & 31, (uint16_t)fake_get(MACMIIDR));
        } else {
            fake_set(MACMIIDR, fake_phy_read((int)(value >> 11) & 31, (int)(value >> 6) & 31));
        }
        fake_set(address, value & ~1u);
        return;
    case DMARDLAR:
        rx_current = value;
        break;
    case DMATDLAR:
        tx_current = value;
        break;
    case DMASR:
        fake_set(address, fake_get(address) & ~value); /* write 1 to clear */
        return;
    case DMATPDR:
        run_tx_dma();
        break;
    }
    fake_set(address, value);
}

/* The wire delivers a frame: the RX DMA fills the next descriptor it owns, or misses the frame. */
static void deliver(const uint8_t *frame, int length, uint32_t error)
{
    struct descriptor *d = at(rx_current);
    if (!(d->status & OWN)) {
        fake_set(DMASR, fake_get(DMASR) | DMASR_RBUS);
        fake_set(DMAMFBOCR, fake_get(DMAMFBOCR) + 1);
        return;
    }
    memcpy(fake_pointer(d->buffer), frame, (size_t)length);
    d->status = ((uint32_t)length << 16) | RDES0_FS_LS | error;
    rx_current = d->next;
}

void eth_test_bring_up(int initialise)
{
    fake_hw_reset(on_read, on_write);
    fake_phy_reset();
    tx_stalled = 0;
    tx_fail = 0;
    wire_count = 0;
    reset_stuck = 0;
    if (initialise) {
        assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_init(eth_test_mac_array(), FAKE_PHY_ADDRESS), ETH_STATUS_OK);
    }
}

static struct fake_java_array java_frame;

static int receive_into(jbyte **frame, int capacity)
{
    *frame = fake_java_array(&java_frame, 1600);
    return Java_org_smoltcp4j_hal_EthernetMac_receive(*frame, 0, capacity);
}

static int transmit(const uint8_t *bytes, int length)
{
    jbyte *frame = fake_java_array(&java_frame, 1600);
    memcpy(frame, bytes, (size_t)length);
    return Java_org_smoltcp4j_hal_EthernetMac_transmit(frame, 0, length);
}

static void init_selects_rmii_before_reset_and_starts_dma_last(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    int rmii = fake_write_position(SYSCFG_PMC, 1u << 23);
    int clocks = fake_write_position(RCC_AHB1ENR, 7u << 25);
    int reset = fake_write_position(DMABMR, 1u);
    int start = fake_write_position(DMAOMR, (1u << 13) | (1u << 1));
    assert_true(rmii >= 0 && rmii < clocks && clocks < reset && reset < start);
    assert_int_equal(fake_get(MACA0HR), 0x3120u);
    assert_int_equal(fake_get(MACA0LR), 0x105E0002u);
    assert_int_equal((fake_get(GPIOB_AFRH) >> 20) & 0xFu, 11u); /* NUCLEO-F767ZI: TXD1 on PB13 */
    assert_int_equal(fake_get(GPIOG_AFRH) & (0xFu << 24), 0u);  /* not PG14 */
    assert_true(fake_get(MACCR) & ((1u << 2) | (1u << 3)));
}

static void configuration_writes_are_repeated_for_errata_es0334(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    /* MACCR: base, TE, RE, each written twice. */
    assert_int_equal(fake_write_count(MACCR), 6);
}

static void init_fails_without_reference_clock(void **state)
{
    (void)state;
    eth_test_bring_up(0);
    reset_stuck = 1;
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_init(eth_test_mac_array(), 0), ETH_ERROR_HARDWARE);
}

static void init_fails_when_the_phy_does_not_answer(void **state)
{
    (void)state;
    eth_test_bring_up(0);
    fake_phy_responding = 0;
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_init(eth_test_mac_array(), 0), ETH_ERROR_HARDWARE);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_receive(fake_java_array(&java_frame, 10), 0, 10),
            ETH_ERROR_NOT_INITIALISED);
}

static void all_receive_descriptors_start_owned_by_the_dma(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint32_t first = fake_get(DMARDLAR);
    uint32_t d = first;
    for (int i = 0; i < 4; i++) {
        assert_true(at(d)->status & OWN);
        d = at(d)->next;
    }
    assert_int_equal(d, first);
}

static void received_frame_is_copied_and_its_descriptor_handed_back(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t sent[100];
    eth_test_pattern(sent, 100, 1);
    uint32_t first = fake_get(DMARDLAR);
    deliver(sent, 100, 0);
    assert_false(at(first)->status & OWN);
    jbyte *frame;
    assert_int_equal(receive_into(&frame, 1600), 100);
    assert_memory_equal(frame, sent, 100);
    assert_true(at(first)->status & OWN);
    assert_int_equal(receive_into(&frame, 1600), 0);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(ETH_STAT_RX_FRAMES), 1);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(ETH_STAT_RX_BYTES), 100);
}

static void receive_ring_wraps(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    for (int i = 0; i < 11; i++) {
        uint8_t sent[64];
        eth_test_pattern(sent, 64, i);
        deliver(sent, 60 + i % 4, 0);
        jbyte *frame;
        assert_int_equal(receive_into(&frame, 1600), 60 + i % 4);
        assert_memory_equal(frame, sent, (size_t)(60 + i % 4));
    }
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(ETH_STAT_RX_FRAMES), 11);
}

static void error_frames_are_dropped_and_counted(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t bad[64], good[64];
    eth_test_pattern(bad, 64, 2);
    eth_test_pattern(good, 64, 3);
    deliver(bad, 64, RDES0_ES);
    deliver(good, 64, 0);
    jbyte *frame;
    assert_int_equal(receive_into(&frame, 1600), 64);
    assert_memory_equal(frame, good, 64);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(ETH_STAT_RX_ERROR_FRAMES), 1);
}

static void frame_longer_than_the_java_buffer_is_dropped_and_counted(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t big[1000], small[60];
    eth_test_pattern(big, 1000, 4);
    eth_test_pattern(small, 60, 5);
    deliver(big, 1000, 0);
    jbyte *frame;
    assert_int_equal(receive_into(&frame, 500), 0);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(ETH_STAT_RX_TOO_LONG), 1);
    deliver(small, 60, 0);
    assert_int_equal(receive_into(&frame, 500), 60);
}

static void frames_missed_for_want_of_descriptors_are_counted_and_the_dma_resumed(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t sent[60];
    eth_test_pattern(sent, 60, 6);
    for (int i = 0; i < 5; i++) {
        deliver(sent, 60, 0);
    }
    jbyte *frame;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(receive_into(&frame, 1600), 60);
    }
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(ETH_STAT_RX_OVERRUN), 1);
    assert_true(fake_write_count(DMARPDR) >= 1);
    assert_false(fake_get(DMASR) & DMASR_RBUS);
}

static void transmitted_frame_reaches_the_wire(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t sent[200];
    eth_test_pattern(sent, 200, 7);
    assert_int_equal(transmit(sent, 200), ETH_TRANSMIT_SENT);
    assert_int_equal(wire_count, 1);
    assert_int_equal(wire_length[0], 200);
    assert_memory_equal(wire[0], sent, 200);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(ETH_STAT_TX_FRAMES), 1);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(ETH_STAT_TX_BYTES), 200);
}

static void transmit_ring_wraps(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    for (int i = 0; i < 9; i++) {
        uint8_t sent[80];
        eth_test_pattern(sent, 80, i);
        assert_int_equal(transmit(sent, 80), ETH_TRANSMIT_SENT);
        assert_memory_equal(wire[i % 8], sent, 80);
    }
    assert_int_equal(wire_count, 9);
}

static void transmit_is_busy_while_the_dma_owns_every_descriptor(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t sent[60];
    eth_test_pattern(sent, 60, 8);
    tx_stalled = 1;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(transmit(sent, 60), ETH_TRANSMIT_SENT);
    }
    assert_int_equal(transmit(sent, 60), ETH_TRANSMIT_BUSY);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(ETH_STAT_TX_BUSY), 1);
    tx_stalled = 0;
    run_tx_dma();
    assert_int_equal(wire_count, 4);
    assert_int_equal(transmit(sent, 60), ETH_TRANSMIT_SENT);
    assert_int_equal(wire_count, 5);
}

static void transmit_errors_are_counted_when_the_descriptor_comes_round(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t sent[60];
    eth_test_pattern(sent, 60, 9);
    tx_fail = 1;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(transmit(sent, 60), ETH_TRANSMIT_SENT);
    }
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(ETH_STAT_TX_ERRORS), 1);
}

static void link_down_then_up_reprograms_speed_and_duplex(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    fake_phy_set_link(0, 0);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_linkState(), ETH_LINK_DOWN);
    fake_phy_set_link(1, 1);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_linkState(), ETH_LINK_UP_10_HALF);
    assert_int_equal(fake_get(MACCR) & (MACCR_FES | MACCR_DM), 0);
    fake_phy_set_link(0, 0);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_linkState(), ETH_LINK_DOWN);
    fake_phy_set_link(1, 6);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_linkState(), ETH_LINK_UP_100_FULL);
    assert_int_equal(fake_get(MACCR) & (MACCR_FES | MACCR_DM), MACCR_FES | MACCR_DM);
    fake_phy_set_link(1, 5);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_linkState(), ETH_LINK_UP_10_FULL);
    fake_phy_set_link(1, 2);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_linkState(), ETH_LINK_UP_100_HALF);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        ETH_GLUE_TESTS,
        cmocka_unit_test(init_selects_rmii_before_reset_and_starts_dma_last),
        cmocka_unit_test(configuration_writes_are_repeated_for_errata_es0334),
        cmocka_unit_test(init_fails_without_reference_clock),
        cmocka_unit_test(init_fails_when_the_phy_does_not_answer),
        cmocka_unit_test(all_receive_descriptors_start_owned_by_the_dma),
        cmocka_unit_test(received_frame_is_copied_and_its_descriptor_handed_back),
        cmocka_unit_test(receive_ring_wraps),
        cmocka_unit_test(error_frames_are_dropped_and_counted),
        cmocka_unit_test(frame_longer_than_the_java_buffer_is_dropped_and_counted),
        cmocka_unit_test(frames_missed_for_want_of_descriptors_are_counted_and_the_dma_resumed),
        cmocka_unit_test(transmitted_frame_reaches_the_wire),
        cmocka_unit_test(transmit_ring_wraps),
        cmocka_unit_test(transmit_is_busy_while_the_dma_owns_every_descriptor),
        cmocka_unit_test(transmit_errors_are_counted_when_the_descriptor_comes_round),
        cmocka_unit_test(link_down_then_up_reprograms_speed_and_duplex),
    };
    return cmocka_run_group_tests_name("stm32f7-eth", tests, NULL, NULL);
}
