/*
 * STM32F7 Ethernet MAC (RM0385 / RM0410 "Ethernet (ETH)"), polled, RMII, LAN8742A PHY.
 *
 * Normal (4-word) DMA descriptors in two chained rings of RX_COUNT and TX_COUNT, each with its
 * own 1524-byte buffer. Descriptors and buffers live in section .bss.eth_dma, which the VEE
 * Port places in DTCM (0x20000000): uncached and reachable by the ETH DMA on the F7, so no cache
 * maintenance is needed around ownership hand-offs; init fails if they are elsewhere. The MAC strips pad and CRC (APCS, CSTF), so
 * the frame length the DMA reports is the frame without FCS.
 *
 * Errata ES0334 2.16.5: two successive writes to the same MAC/DMA configuration register may
 * lose the second; configuration writes go through write_config (write, read back, wait, write
 * again), as ST's HAL does.
 */
#include <string.h>
#include "hal_eth.h"
#include "hal_reg.h"
#include "hal_time.h"
#include "lan8742a.h"
#include "stm32_rmii_pins.h"

#define RCC_BASE 0x40023800u
#define RCC_AHB1ENR (RCC_BASE + 0x30u)
#define RCC_APB2ENR (RCC_BASE + 0x44u)
#define RCC_AHB1ENR_ETH (7u << 25) /* ETHMACEN, ETHMACTXEN, ETHMACRXEN */
#define RCC_APB2ENR_SYSCFGEN (1u << 14)
#define SYSCFG_PMC 0x40013804u
#define SYSCFG_PMC_MII_RMII_SEL (1u << 23)
#define GPIOA_BASE 0x40020000u

#define ETH_BASE 0x40028000u
#define ETH_MACCR (ETH_BASE + 0x0000u)
#define ETH_MACFFR (ETH_BASE + 0x0004u)
#define ETH_MACMIIAR (ETH_BASE + 0x0010u)
#define ETH_MACMIIDR (ETH_BASE + 0x0014u)
#define ETH_MACA0HR (ETH_BASE + 0x0040u)
#define ETH_MACA0LR (ETH_BASE + 0x0044u)
#define ETH_DMABMR (ETH_BASE + 0x1000u)
#define ETH_DMATPDR (ETH_BASE + 0x1004u)
#define ETH_DMARPDR (ETH_BASE + 0x1008u)
#define ETH_DMARDLAR (ETH_BASE + 0x100Cu)
#define ETH_DMATDLAR (ETH_BASE + 0x1010u)
#define ETH_DMASR (ETH_BASE + 0x1014u)
#define ETH_DMAOMR (ETH_BASE + 0x1018u)
#define ETH_DMAIER (ETH_BASE + 0x101Cu)
#define ETH_DMAMFBOCR (ETH_BASE + 0x1020u)

#define MACCR_RE (1u << 2)
#define MACCR_TE (1u << 3)
#define MACCR_APCS (1u << 7)
#define MACCR_DM (1u << 11)
#define MACCR_FES (1u << 14)
#define MACCR_CSTF (1u << 25)
#define MACFFR_PAM (1u << 4)
#define MACMIIAR_MB (1u << 0)
#define MACMIIAR_MW (1u << 1)
#define MACMIIAR_CR_HCLK_DIV_102 (4u << 2) /* HCLK 150..216 MHz */
#define DMABMR_SR (1u << 0)
#define DMASR_TBUS (1u << 2)
#define DMASR_RS (1u << 6)
#define DMASR_RBUS (1u << 7)
#define DMASR_NIS (1u << 16)
#define DMAOMR_SR (1u << 1)
#define DMAOMR_ST (1u << 13)
#define DMAOMR_FTF (1u << 20)
#define DMAOMR_TSF (1u << 21)
#define DMAOMR_RSF (1u << 25)
#define DMAIER_RIE (1u << 6)
#define DMAIER_NISE (1u << 16)
#define MFBOCR_MFC(v) ((v) & 0xFFFFu)
#define MFBOCR_MFA(v) (((v) >> 17) & 0x7FFu)

#define DES0_OWN (1u << 31)
#define TDES0_LS (1u << 29)
#define TDES0_FS (1u << 28)
#define TDES0_TCH (1u << 20)
#define TDES0_ES (1u << 15)
#define RDES0_FL(v) (((v) >> 16) & 0x3FFFu)
#define RDES0_ES (1u << 15)
#define RDES0_FS (1u << 9)
#define RDES0_LS (1u << 8)
#define RDES1_RCH (1u << 14)

#define DTCM_START 0x20000000u
#define DTCM_END 0x20010000u /* 64 KiB on the F746 (128 KiB on the F767) */
#define ETH_IRQ 61
#define RX_COUNT 4
#define TX_COUNT 4
#define BUFFER_SIZE 1524 /* a multiple of 4 that holds the largest frame */
#define RESET_TIMEOUT_US 10000
#define MDIO_TIMEOUT_US 10000
#define ERRATA_DELAY_US 1000

struct descriptor {
    volatile uint32_t status;
    volatile uint32_t control;
    volatile uint32_t buffer;
    volatile uint32_t next;
};

struct dma_memory {
    struct descriptor rx[RX_COUNT];
    struct descriptor tx[TX_COUNT];
    uint8_t rx_buffer[RX_COUNT][BUFFER_SIZE];
    uint8_t tx_buffer[TX_COUNT][BUFFER_SIZE];
};

static struct dma_memory dma HAL_DMA_SECTION(".bss.eth_dma") __attribute__((aligned(32)));
static unsigned rx_next;
static unsigned tx_next;
static int phy_address;
static int link;

static void write_config(uint32_t address, uint32_t value)
{
    hal_write32(address, value);
    (void)hal_read32(address);
    hal_delay_us(ERRATA_DELAY_US);
    hal_write32(address, value);
}

static int mdio_read(int phy, int reg)
{
    hal_write32(ETH_MACMIIAR, ((uint32_t)phy << 11) | ((uint32_t)reg << 6) | MACMIIAR_CR_HCLK_DIV_102 | MACMIIAR_MB);
    if (!hal_wait_bits(ETH_MACMIIAR, MACMIIAR_MB, 0, MDIO_TIMEOUT_US)) {
        return -1;
    }
    return (int)(hal_read32(ETH_MACMIIDR) & 0xFFFFu);
}

static int mdio_write(int phy, int reg, uint16_t value)
{
    hal_write32(ETH_MACMIIDR, value);
    hal_write32(ETH_MACMIIAR, ((uint32_t)phy << 11) | ((uint32_t)reg << 6) | MACMIIAR_CR_HCLK_DIV_102 | MACMIIAR_MW
            | MACMIIAR_MB);
    return hal_wait_bits(ETH_MACMIIAR, MACMIIAR_MB, 0, MDIO_TIMEOUT_US) ? 0 : -1;
}

static const struct mdio_bus mdio = {mdio_read, mdio_write};

static void init_rings(void)
{
    for (unsigned i = 0; i < RX_COUNT; i++) {
        dma.rx[i].control = RDES1_RCH | BUFFER_SIZE;
        dma.rx[i].buffer = hal_bus_address(dma.rx_buffer[i]);
        dma.rx[i].next = hal_bus_address(&dma.rx[(i + 1) % RX_COUNT]);
        dma.rx[i].status = DES0_OWN;
    }
    for (unsigned i = 0; i < TX_COUNT; i++) {
        dma.tx[i].status = TDES0_TCH;
        dma.tx[i].control = 0;
        dma.tx[i].buffer = hal_bus_address(dma.tx_buffer[i]);
        dma.tx[i].next = hal_bus_address(&dma.tx[(i + 1) % TX_COUNT]);
    }
    rx_next = 0;
    tx_next = 0;
    hal_memory_barrier();
    hal_write32(ETH_DMARDLAR, hal_bus_address(&dma.rx[0]));
    hal_write32(ETH_DMATDLAR, hal_bus_address(&dma.tx[0]));
}

static uint32_t speed_bits(int state)
{
    return (eth_link_is_100mbps(state) ? MACCR_FES : 0) | (eth_link_is_full_duplex(state) ? MACCR_DM : 0);
}

static int dma_memory_in_dtcm(void)
{
    uint32_t start = hal_bus_address(&dma);
    return start >= DTCM_START && start + sizeof dma <= DTCM_END;
}

int eth_driver_init(const uint8_t mac[6], int phy)
{
    if (!dma_memory_in_dtcm()) {
        return ETH_ERROR_HARDWARE; /* cached memory: the linker script misses .bss.eth_dma */
    }
    hal_set_bits(RCC_APB2ENR, RCC_APB2ENR_SYSCFGEN);
    hal_set_bits(SYSCFG_PMC, SYSCFG_PMC_MII_RMII_SEL); /* RMII must be chosen before the MAC leaves reset */
    hal_set_bits(RCC_AHB1ENR, stm32_rmii_port_mask());
    stm32_rmii_pins_configure(GPIOA_BASE);
    hal_set_bits(RCC_AHB1ENR, RCC_AHB1ENR_ETH);

    hal_set_bits(ETH_DMABMR, DMABMR_SR);
    /* SR clears only once the PHY's 50 MHz REF_CLK arrives: a timeout means wiring or PHY trouble. */
    if (!hal_wait_bits(ETH_DMABMR, DMABMR_SR, 0, RESET_TIMEOUT_US)) {
        return ETH_ERROR_HARDWARE;
    }
    phy_address = phy;
    int status = lan8742a_init(&mdio, phy);
    if (status != ETH_STATUS_OK) {
        return status;
    }
    link = ETH_LINK_DOWN;
    hal_write32(ETH_MACA0HR, eth_mac_high_word(mac));
    hal_write32(ETH_MACA0LR, eth_mac_low_word(mac)); /* the low register latches the address */
    write_config(ETH_MACFFR, MACFFR_PAM); /* all multicast: IPv6 neighbour discovery needs it */
    /* Read-modify-write: bit 15 is reserved and must keep its reset value (1). */
    write_config(ETH_MACCR, hal_read32(ETH_MACCR) | MACCR_APCS | MACCR_CSTF | speed_bits(ETH_LINK_UP_100_FULL));
    init_rings();

    write_config(ETH_DMAOMR, DMAOMR_TSF | DMAOMR_RSF);
    write_config(ETH_MACCR, hal_read32(ETH_MACCR) | MACCR_TE);
    hal_set_bits(ETH_DMAOMR, DMAOMR_FTF);
    if (!hal_wait_bits(ETH_DMAOMR, DMAOMR_FTF, 0, RESET_TIMEOUT_US)) {
        return ETH_ERROR_HARDWARE;
    }
    write_config(ETH_MACCR, hal_read32(ETH_MACCR) | MACCR_RE);
    write_config(ETH_DMAOMR, hal_read32(ETH_DMAOMR) | DMAOMR_ST | DMAOMR_SR);
    /* The receive interrupt only wakes the Java loop (HardwareTimer.waitUntil); frames are polled. */
    hal_write32(ETH_DMAIER, DMAIER_NISE | DMAIER_RIE);
    hal_nvic_enable(ETH_IRQ);
    return ETH_STATUS_OK;
}

int eth_driver_link_state(void)
{
    int state = lan8742a_link_state(&mdio, phy_address);
    if (state != link && state != ETH_LINK_DOWN) {
        uint32_t maccr = hal_read32(ETH_MACCR) & ~(MACCR_FES | MACCR_DM);
        write_config(ETH_MACCR, maccr | speed_bits(state));
    }
    link = state;
    return state;
}

static void count_missed_frames(void)
{
    uint32_t missed = hal_read32(ETH_DMAMFBOCR); /* clears on read */
    eth_count(ETH_STAT_RX_OVERRUN, MFBOCR_MFC(missed) + MFBOCR_MFA(missed));
}

static void give_back(struct descriptor *d)
{
    hal_memory_barrier();
    d->status = DES0_OWN;
    hal_memory_barrier();
    rx_next = (rx_next + 1) % RX_COUNT;
    if (hal_read32(ETH_DMASR) & DMASR_RBUS) {
        /* The DMA suspended for want of a descriptor: it has one again. */
        hal_write32(ETH_DMASR, DMASR_RBUS);
        hal_write32(ETH_DMARPDR, 0);
    }
}

int eth_driver_receive(uint8_t *frame, int capacity)
{
    count_missed_frames();
    for (unsigned seen = 0; seen < RX_COUNT; seen++) {
        struct descriptor *d = &dma.rx[rx_next];
        uint32_t status = d->status;
        if (status & DES0_OWN) {
            return 0;
        }
        /* Buffers hold a whole frame, so a good frame is always first and last segment. */
        int good = !(status & RDES0_ES) && (status & (RDES0_FS | RDES0_LS)) == (RDES0_FS | RDES0_LS);
        int length = eth_take_frame(good, dma.rx_buffer[rx_next], (int)RDES0_FL(status), frame, capacity);
        give_back(d);
        if (length > 0) {
            return length;
        }
    }
    return 0;
}

int eth_driver_transmit(const uint8_t *frame, int length)
{
    struct descriptor *d = &dma.tx[tx_next];
    uint32_t status = d->status;
    if (status & DES0_OWN) {
        return ETH_TRANSMIT_BUSY;
    }
    if ((status & TDES0_FS) && (status & TDES0_ES)) {
        eth_count(ETH_STAT_TX_ERRORS, 1); /* the previous frame of this descriptor failed */
    }
    memcpy(dma.tx_buffer[tx_next], frame, (size_t)length);
    d->control = (uint32_t)length;
    hal_memory_barrier();
    d->status = DES0_OWN | TDES0_FS | TDES0_LS | TDES0_TCH;
    hal_memory_barrier();
    tx_next = (tx_next + 1) % TX_COUNT;
    if (hal_read32(ETH_DMASR) & DMASR_TBUS) {
        hal_write32(ETH_DMASR, DMASR_TBUS);
    }
    hal_write32(ETH_DMATPDR, 0); /* poll demand: the DMA may have suspended on an empty ring */
    return ETH_TRANSMIT_SENT;
}

void ETH_IRQHandler(void)
{
    hal_write32(ETH_DMASR, DMASR_RS | DMASR_NIS);
    hal_device_event();
}
