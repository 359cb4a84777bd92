/* The STM32F7 MAC driver against a model of its registers, its descriptor DMA and a LAN8742A. */
#include <string.h>
#include "eth_driver_tests.h"
#include "fake_hw.h"
#include "fake_dma_mac.h"
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
#define MACCR_APCS (1u << 7)
#define MACCR_CSTF (1u << 25)
#define MACCR_RESET_VALUE (1u << 15) /* RM0410 / ST SVD: bit 15 reserved, reads 1 after reset */

struct descriptor {
    uint32_t status, control, buffer, next;
};

/* The model's DMA: where each engine stands in its chain. */
static uint32_t rx_current;
static uint32_t tx_current;

static struct descriptor *at(uint32_t bus_address)
{
    return fake_pointer(bus_address);
}

void fake_dma_run_tx(void)
{
    while (!fake_dma_tx_stalled && (at(tx_current)->status & OWN)) {
        struct descriptor *d = at(tx_current);
        eth_wire_put(fake_pointer(d->buffer), (int)(d->control & 0x1FFFu));
        d->status = (d->status & ~OWN) | (fake_dma_tx_failing ? TDES0_ES : 0);
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

static void mdio(uint32_t value)
{
    if (!fake_phy_responding) {
        fake_set(MACMIIAR, value); /* MB stays set */
        return;
    }
    int phy = (int)(value >> 11) & 31, reg = (int)(value >> 6) & 31;
    if (value & 2u) {
        fake_phy_write(phy, reg, (uint16_t)fake_get(MACMIIDR));
    } else {
        fake_set(MACMIIDR, fake_phy_read(phy, reg));
    }
    fake_set(MACMIIAR, value & ~1u);
}

static void on_write(uint32_t address, uint32_t value)
{
    switch (address) {
    case DMABMR:
        if (fake_dma_reset_stuck) {
            fake_set(address, value);
        } else {
            fake_set(address, value & ~1u);
            fake_set(MACCR, MACCR_RESET_VALUE); /* the software reset resets the MAC too */
        }
        return;
    case DMAOMR:
        fake_set(address, value & ~(1u << 20)); /* FTF: the flush completes at once */
        return;
    case MACMIIAR:
        mdio(value);
        return;
    case DMASR:
        fake_set(address, fake_get(address) & ~value); /* write 1 to clear */
        return;
    case DMARDLAR:
        rx_current = value;
        break;
    case DMATDLAR:
        tx_current = value;
        break;
    }
    fake_set(address, value);
    if (address == DMATPDR) {
        fake_dma_run_tx();
    }
}

static void install(void)
{
    fake_hw_reset(on_read, on_write);
    fake_set_bus_base(0x20000000u); /* DTCM */
    fake_dma_reset();
}

static void deliver(const uint8_t *frame, int length, int error)
{
    struct descriptor *d = at(rx_current);
    if (!(d->status & OWN)) {
        fake_set(DMASR, fake_get(DMASR) | DMASR_RBUS);
        fake_set(DMAMFBOCR, fake_get(DMAMFBOCR) + 1); /* missed by the controller */
        return;
    }
    memcpy(fake_pointer(d->buffer), frame, (size_t)length);
    d->status = ((uint32_t)length << 16) | RDES0_FS_LS | (error ? RDES0_ES : 0);
    rx_current = d->next;
}

static int mac_full_duplex(void)
{
    return (fake_get(MACCR) & MACCR_DM) != 0;
}

const struct eth_model eth_model = {
    install, deliver, fake_dma_stall_transmitter, fake_dma_fail_transmissions, fake_phy_set_link, mac_full_duplex,
    fake_dma_break_hardware,
};

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
    assert_int_equal(fake_get(MACCR) & ((1u << 2) | (1u << 3)), (1u << 2) | (1u << 3));
}

static void init_strips_crc_and_keeps_the_reserved_maccr_bit(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint32_t maccr = fake_get(MACCR);
    assert_int_equal(maccr & (MACCR_APCS | MACCR_CSTF), MACCR_APCS | MACCR_CSTF);
    assert_int_equal(maccr & MACCR_RESET_VALUE, MACCR_RESET_VALUE);
}

static void configuration_writes_are_repeated_for_errata_es0334(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    assert_int_equal(fake_write_count(MACCR), 6); /* base, TE, RE: each written twice */
}

static void init_fails_when_the_phy_does_not_answer(void **state)
{
    (void)state;
    eth_test_bring_up(0);
    fake_phy_responding = 0;
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_init(eth_test_mac_array(), 0), ETH_ERROR_HARDWARE);
}

static void init_fails_when_dma_memory_is_outside_dtcm(void **state)
{
    (void)state;
    eth_test_bring_up(0);
    fake_set_bus_base(0x20010000u); /* SRAM1: cached */
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_init(eth_test_mac_array(), 0), ETH_ERROR_HARDWARE);
    assert_int_equal(fake_write_count(DMABMR), 0);
}

static void receive_descriptors_start_owned_by_the_dma_and_come_back_to_it(void **state)
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
    uint8_t sent[60] = {1, 2, 3};
    deliver(sent, 60, 0);
    assert_false(at(first)->status & OWN);
    jbyte *frame;
    assert_int_equal(eth_test_receive(&frame, 1600), 60);
    assert_true(at(first)->status & OWN);
}

static void receive_resumes_a_dma_suspended_for_want_of_descriptors(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t sent[60] = {0};
    for (int i = 0; i < 5; i++) {
        deliver(sent, 60, 0);
    }
    assert_true(fake_get(DMASR) & DMASR_RBUS);
    jbyte *frame;
    assert_int_equal(eth_test_receive(&frame, 1600), 60);
    assert_false(fake_get(DMASR) & DMASR_RBUS);
    assert_int_equal(fake_write_count(DMARPDR), 1);
}

static void transmit_hands_the_descriptor_over_and_demands_a_poll(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    fake_dma_stall_transmitter(1);
    uint32_t first = fake_get(DMATDLAR);
    uint8_t sent[60] = {0};
    assert_int_equal(eth_test_transmit(sent, 60), ETH_TRANSMIT_SENT);
    assert_true(at(first)->status & OWN);
    assert_int_equal(at(first)->control, 60);
    assert_int_equal(fake_write_count(DMATPDR), 1);
}

static void link_speed_sets_fes(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    fake_phy_set_link(ETH_LINK_UP_10_FULL);
    Java_org_smoltcp4j_hal_EthernetMac_linkState();
    assert_int_equal(fake_get(MACCR) & (MACCR_FES | MACCR_DM), MACCR_DM);
    fake_phy_set_link(ETH_LINK_UP_100_HALF);
    Java_org_smoltcp4j_hal_EthernetMac_linkState();
    assert_int_equal(fake_get(MACCR) & (MACCR_FES | MACCR_DM), MACCR_FES);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        ETH_DRIVER_TESTS,
        cmocka_unit_test(init_selects_rmii_before_reset_and_starts_dma_last),
        cmocka_unit_test(init_strips_crc_and_keeps_the_reserved_maccr_bit),
        cmocka_unit_test(configuration_writes_are_repeated_for_errata_es0334),
        cmocka_unit_test(init_fails_when_the_phy_does_not_answer),
        cmocka_unit_test(init_fails_when_dma_memory_is_outside_dtcm),
        cmocka_unit_test(receive_descriptors_start_owned_by_the_dma_and_come_back_to_it),
        cmocka_unit_test(receive_resumes_a_dma_suspended_for_want_of_descriptors),
        cmocka_unit_test(transmit_hands_the_descriptor_over_and_demands_a_poll),
        cmocka_unit_test(link_speed_sets_fes),
    };
    return cmocka_run_group_tests_name("stm32f7-eth", tests, NULL, NULL);
}
