/* The STM32H7 (Ethernet QoS) driver against a model of its registers, its tail-pointer DMA and a LAN8742A. */
#include <string.h>
#include "eth_driver_tests.h"
#include "fake_hw.h"
#include "fake_dma_mac.h"
#include "fake_lan8742a.h"
#include "hal_eth.h"

#define ETH 0x40028000u
#define MACCR (ETH + 0x0000u)
#define MACMDIOAR (ETH + 0x0200u)
#define MACMDIODR (ETH + 0x0204u)
#define MACA0HR (ETH + 0x0300u)
#define MACA0LR (ETH + 0x0304u)
#define MTLTQOMR (ETH + 0x0D00u)
#define MTLRQOMR (ETH + 0x0D30u)
#define MTLRQMPOCR (ETH + 0x0D34u)
#define DMAMR (ETH + 0x1000u)
#define DMACTCR (ETH + 0x1104u)
#define DMACRCR (ETH + 0x1108u)
#define DMACTDLAR (ETH + 0x1114u)
#define DMACRDLAR (ETH + 0x111Cu)
#define DMACTDTPR (ETH + 0x1120u)
#define DMACRDTPR (ETH + 0x1128u)
#define DMACTDRLR (ETH + 0x112Cu)
#define DMACRDRLR (ETH + 0x1130u)
#define DMACSR (ETH + 0x1160u)
#define SYSCFG_PMCR 0x58000404u
#define RCC_AHB1ENR 0x580244D8u
#define MPU_RBAR 0xE000ED9Cu
#define MPU_RASR 0xE000EDA0u
#define MPU_CTRL 0xE000ED94u

#define OWN (1u << 31)
#define FD_LD ((1u << 29) | (1u << 28))
#define ES (1u << 15)
#define BUF1V (1u << 24)
#define DMACSR_RBU (1u << 7)
#define MACCR_DM (1u << 13)
#define MACCR_FES (1u << 14)
#define DESCRIPTOR_SIZE 16u
/* Reset values (ST SVD for the STM32H743): TX queue 2048 bytes (TQS=7) and enabled (TXQEN=2);
   RX queue 2048 bytes (RQS=7). */
#define MTLTQOMR_RESET_VALUE 0x00070008u
#define MTLRQOMR_RESET_VALUE 0x00700000u
#define MTLTQOMR_TQS(v) (((v) >> 16) & 7u)
#define MTLRQOMR_RQS(v) (((v) >> 20) & 7u)
#define TSF (1u << 1)
#define RSF (1u << 5)
#define PBL(v) (((v) >> 16) & 0x3Fu)

struct descriptor {
    uint32_t word0, word1, word2, word3;
};

static unsigned rx_index;
static unsigned tx_index;

static struct descriptor *descriptor(uint32_t list_register, unsigned index)
{
    return (struct descriptor *)fake_pointer(fake_get(list_register) + index * DESCRIPTOR_SIZE);
}

static unsigned ring_length(uint32_t length_register)
{
    return fake_get(length_register) + 1;
}

/* The transmit DMA works on descriptors until its current one is the tail. */
void fake_dma_run_tx(void)
{
    while (!fake_dma_tx_stalled && fake_get(DMACTDLAR) + tx_index * DESCRIPTOR_SIZE != fake_get(DMACTDTPR)) {
        struct descriptor *d = descriptor(DMACTDLAR, tx_index);
        if (!(d->word3 & OWN)) {
            break;
        }
        eth_wire_put(fake_pointer(d->word0), (int)(d->word2 & 0x3FFFu));
        d->word3 = (fake_dma_tx_failing ? ES : 0) | FD_LD; /* write-back format */
        tx_index = (tx_index + 1) % ring_length(DMACTDRLR);
    }
}

static uint32_t on_read(uint32_t address, uint32_t stored)
{
    if (address == MTLRQMPOCR) {
        fake_set(address, 0); /* clears on read */
    }
    return stored;
}

static void mdio(uint32_t value)
{
    if (!fake_phy_responding) {
        fake_set(MACMDIOAR, value); /* MB stays set */
        return;
    }
    int phy = (int)(value >> 21) & 31, reg = (int)(value >> 16) & 31;
    if (((value >> 2) & 3u) == 1u) {
        fake_phy_write(phy, reg, (uint16_t)fake_get(MACMDIODR));
    } else {
        fake_set(MACMDIODR, fake_phy_read(phy, reg));
    }
    fake_set(MACMDIOAR, value & ~1u);
}

static void on_write(uint32_t address, uint32_t value)
{
    switch (address) {
    case DMAMR:
        if (fake_dma_reset_stuck) {
            fake_set(address, value);
        } else {
            fake_set(address, value & ~1u);
            fake_set(MTLTQOMR, MTLTQOMR_RESET_VALUE); /* the software reset resets the MTL too */
            fake_set(MTLRQOMR, MTLRQOMR_RESET_VALUE);
        }
        return;
    case MACMDIOAR:
        mdio(value);
        return;
    case DMACSR:
        fake_set(address, fake_get(address) & ~value);
        return;
    case DMACTDLAR:
        tx_index = 0;
        break;
    case DMACRDLAR:
        rx_index = 0;
        break;
    }
    fake_set(address, value);
    if (address == DMACTDTPR) {
        fake_dma_run_tx();
    }
}

static void install(void)
{
    fake_hw_reset(on_read, on_write);
    fake_set_bus_base(0x30040000u); /* D2 SRAM */
    fake_dma_reset();
}

static void deliver(const uint8_t *frame, int length, int error)
{
    struct descriptor *d = descriptor(DMACRDLAR, rx_index);
    if (!(d->word3 & OWN) || !(d->word3 & BUF1V)) {
        fake_set(DMACSR, fake_get(DMACSR) | DMACSR_RBU);
        fake_set(MTLRQMPOCR, fake_get(MTLRQMPOCR) + 1); /* OVFPKTCNT: the RX queue overflowed */
        return;
    }
    memcpy(fake_pointer(d->word0), frame, (size_t)length);
    d->word0 = 0xDEADBEEFu; /* write-back reuses the buffer word */
    d->word3 = FD_LD | (error ? ES : 0) | (uint32_t)length;
    rx_index = (rx_index + 1) % ring_length(DMACRDRLR);
}

static int mac_full_duplex(void)
{
    return (fake_get(MACCR) & MACCR_DM) != 0;
}

const struct eth_model eth_model = {
    install, deliver, fake_dma_stall_transmitter, fake_dma_fail_transmissions, fake_phy_set_link, mac_full_duplex,
    fake_dma_break_hardware,
};

static void init_selects_rmii_and_makes_dma_memory_uncached(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    assert_int_equal(fake_get(SYSCFG_PMCR) & (7u << 21), 4u << 21);
    assert_true(fake_write_position(SYSCFG_PMCR, 4u << 21) < fake_write_position(RCC_AHB1ENR, 7u << 15));
    assert_int_equal(fake_get(MACA0HR), 0x3120u);
    assert_int_equal(fake_get(MACA0LR), 0x105E0002u);
    uint32_t rasr = fake_get(MPU_RASR);
    assert_int_equal(rasr & (7u << 19 | 3u << 16), 1u << 19); /* TEX=001 C=0 B=0: normal, uncached */
    assert_int_equal((rasr >> 1) & 0x1Fu, 13u);                 /* 2^(13+1) = 16 KiB */
    assert_int_equal(fake_get(MPU_RBAR) & 0x3FFFu, 0u);          /* aligned to its size */
    assert_true(fake_get(MPU_CTRL) & 1u);
    assert_int_equal(fake_get(DMACRCR) & 0x7FFEu, 1536u << 1);
    assert_int_equal(fake_get(DMACRDRLR), 3u);
}

static void init_keeps_the_queue_sizes_and_sets_burst_lengths(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint32_t tx_queue = fake_get(MTLTQOMR);
    uint32_t rx_queue = fake_get(MTLRQOMR);
    assert_true(tx_queue & TSF);
    assert_int_equal(MTLTQOMR_TQS(tx_queue), 7u); /* a 256-byte queue could not hold a frame */
    assert_true(rx_queue & RSF);
    assert_int_equal(MTLRQOMR_RQS(rx_queue), 7u);
    assert_int_equal(PBL(fake_get(DMACTCR)), 32u);
    assert_int_equal(PBL(fake_get(DMACRCR)), 32u);
}

static void init_fails_when_dma_memory_is_in_dtcm(void **state)
{
    (void)state;
    eth_test_bring_up(0);
    fake_set_bus_base(0x20000000u); /* DTCM: out of the ETH DMA's reach on the H7 */
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_init(eth_test_mac_array(), 0), ETH_ERROR_HARDWARE);
    assert_int_equal(fake_write_count(DMAMR), 0);
}

static void receive_descriptors_are_rearmed_and_the_tail_rewritten(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    struct descriptor *first = descriptor(DMACRDLAR, 0);
    uint32_t buffer = first->word0;
    assert_int_equal(first->word3, OWN | (1u << 30) | BUF1V);
    uint8_t sent[60] = {9};
    deliver(sent, 60, 0);
    int tails = fake_write_count(DMACRDTPR);
    jbyte *frame;
    assert_int_equal(eth_test_receive(&frame, 1600), 60);
    assert_int_equal(first->word0, buffer);
    assert_int_equal(first->word3, OWN | (1u << 30) | BUF1V);
    assert_int_equal(fake_write_count(DMACRDTPR), tails + 1);
    assert_int_equal(fake_get(DMACRDTPR), fake_get(DMACRDLAR) + 4 * DESCRIPTOR_SIZE);
}

static void transmit_moves_the_tail_past_the_new_descriptor(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    fake_dma_stall_transmitter(1);
    uint8_t sent[70] = {1};
    assert_int_equal(eth_test_transmit(sent, 70), ETH_TRANSMIT_SENT);
    struct descriptor *first = descriptor(DMACTDLAR, 0);
    assert_int_equal(first->word3, OWN | FD_LD | 70u);
    assert_int_equal(first->word2, 70u);
    assert_int_equal(fake_get(DMACTDTPR), fake_get(DMACTDLAR) + DESCRIPTOR_SIZE);
}

static void one_transmit_descriptor_always_stays_free(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    fake_dma_stall_transmitter(1);
    uint8_t sent[60] = {0};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(eth_test_transmit(sent, 60), ETH_TRANSMIT_SENT);
    }
    assert_int_equal(eth_test_transmit(sent, 60), ETH_TRANSMIT_BUSY);
    assert_int_not_equal(fake_get(DMACTDTPR), fake_get(DMACTDLAR)); /* tail never meets the DMA */
}

static void overflowed_and_flushed_frames_both_count_as_overruns(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    fake_set(MTLRQMPOCR, (2u << 16) | 3u | (1u << 11)); /* MISPKTCNT 2, OVFPKTCNT 3, OVFCNTOVF */
    jbyte *frame;
    assert_int_equal(eth_test_receive(&frame, 1600), 0);
    assert_int_equal(eth_test_statistic(ETH_STAT_RX_OVERRUN), 5);
    assert_int_equal(fake_get(MTLRQMPOCR), 0u);
}

static void link_speed_sets_fes(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    fake_phy_set_link(ETH_LINK_UP_100_HALF);
    Java_org_smoltcp4j_hal_EthernetMac_linkState();
    assert_int_equal(fake_get(MACCR) & (MACCR_FES | MACCR_DM), MACCR_FES);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        ETH_DRIVER_TESTS,
        cmocka_unit_test(init_selects_rmii_and_makes_dma_memory_uncached),
        cmocka_unit_test(init_keeps_the_queue_sizes_and_sets_burst_lengths),
        cmocka_unit_test(init_fails_when_dma_memory_is_in_dtcm),
        cmocka_unit_test(receive_descriptors_are_rearmed_and_the_tail_rewritten),
        cmocka_unit_test(transmit_moves_the_tail_past_the_new_descriptor),
        cmocka_unit_test(one_transmit_descriptor_always_stays_free),
        cmocka_unit_test(overflowed_and_flushed_frames_both_count_as_overruns),
        cmocka_unit_test(link_speed_sets_fes),
    };
    return cmocka_run_group_tests_name("stm32h7-eth", tests, NULL, NULL);
}
