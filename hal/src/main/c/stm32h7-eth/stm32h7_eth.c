/*
 * STM32H7 Ethernet (RM0433 "Ethernet (ETH): media access control (MAC) with DMA controller",
 * the Synopsys Ethernet QoS IP): polled, RMII, LAN8742A PHY.
 *
 * Descriptor rings (4 words each, read and write-back formats) of RX_COUNT and TX_COUNT with one
 * 1536-byte buffer per descriptor. The ETH DMA cannot reach DTCM on the H7, so descriptors and
 * buffers live in section .bss.eth_dma, which the VEE Port places in D2 SRAM (0x30040000, as in
 * ST's examples) or AXI SRAM; init fails elsewhere, and makes that block non-cacheable with one
 * MPU region, so no cache maintenance is needed around ownership hand-offs. The DMA is kicked by tail pointers (no poll demand): it works
 * on TX descriptors up to the tail. The MAC strips pad and CRC (ACS, CST).
 */
#include <string.h>
#include "hal_eth.h"
#include "hal_reg.h"
#include "hal_time.h"
#include "lan8742a.h"
#include "stm32_rmii_pins.h"

#define RCC_BASE 0x58024400u
#define RCC_AHB1ENR (RCC_BASE + 0xD8u)
#define RCC_AHB4ENR (RCC_BASE + 0xE0u)
#define RCC_APB4ENR (RCC_BASE + 0xF4u)
#define RCC_AHB1ENR_ETH (7u << 15) /* ETH1MACEN, ETH1TXEN, ETH1RXEN */
#define RCC_APB4ENR_SYSCFGEN (1u << 1)
#define SYSCFG_PMCR 0x58000404u
#define SYSCFG_PMCR_EPIS_MASK (7u << 21)
#define SYSCFG_PMCR_EPIS_RMII (4u << 21)
#define GPIOA_BASE 0x58020000u

#define ETH_BASE 0x40028000u
#define ETH_MACCR (ETH_BASE + 0x0000u)
#define ETH_MACPFR (ETH_BASE + 0x0008u)
#define ETH_MACMDIOAR (ETH_BASE + 0x0200u)
#define ETH_MACMDIODR (ETH_BASE + 0x0204u)
#define ETH_MACA0HR (ETH_BASE + 0x0300u)
#define ETH_MACA0LR (ETH_BASE + 0x0304u)
#define ETH_MTLTQOMR (ETH_BASE + 0x0D00u)
#define ETH_MTLRQOMR (ETH_BASE + 0x0D30u)
#define ETH_MTLRQMPOCR (ETH_BASE + 0x0D34u)
#define ETH_DMAMR (ETH_BASE + 0x1000u)
#define ETH_DMACTCR (ETH_BASE + 0x1104u)
#define ETH_DMACRCR (ETH_BASE + 0x1108u)
#define ETH_DMACTDLAR (ETH_BASE + 0x1114u)
#define ETH_DMACRDLAR (ETH_BASE + 0x111Cu)
#define ETH_DMACTDTPR (ETH_BASE + 0x1120u)
#define ETH_DMACRDTPR (ETH_BASE + 0x1128u)
#define ETH_DMACTDRLR (ETH_BASE + 0x112Cu)
#define ETH_DMACRDRLR (ETH_BASE + 0x1130u)
#define ETH_DMACIER (ETH_BASE + 0x1134u)
#define ETH_DMACSR (ETH_BASE + 0x1160u)

#define MACCR_RE (1u << 0)
#define MACCR_TE (1u << 1)
#define MACCR_DM (1u << 13)
#define MACCR_FES (1u << 14)
#define MACCR_ACS (1u << 20)
#define MACCR_CST (1u << 21)
#define MACPFR_PM (1u << 4)
#define MDIOAR_MB (1u << 0)
#define MDIOAR_GOC_WRITE (1u << 2)
#define MDIOAR_GOC_READ (3u << 2)
#define MDIOAR_CR_150_250MHZ (4u << 8)
#define DMAMR_SWR (1u << 0)
#define DMACTCR_ST (1u << 0)
#define DMACRCR_SR (1u << 0)
#define DMACRCR_RBSZ(bytes) ((uint32_t)(bytes) << 1)
/* TXPBL/RXPBL (bits 21:16) reset to 0, outside the 1..32 beats the DMA takes; 32 as ST's HAL sets. */
#define DMAC_PBL_32 (32u << 16)
#define DMACSR_RI (1u << 6)
#define DMACSR_RBU (1u << 7)
#define DMACSR_NIS (1u << 15)
#define DMACIER_RIE (1u << 6)
#define DMACIER_NIE (1u << 15)
#define MTLTQOMR_TSF (1u << 1)
#define MTLRQOMR_RSF (1u << 5)
#define MTLRQMPOCR_OVFPKTCNT(v) ((v) & 0x7FFu)        /* dropped: RX queue overflowed */
#define MTLRQMPOCR_MISPKTCNT(v) (((v) >> 16) & 0x7FFu) /* dropped: flushed by the DMA */

#define DES3_OWN (1u << 31)
#define DES3_IOC (1u << 30)   /* RX read format */
#define DES3_CTXT (1u << 30)  /* write-back format: a context descriptor, no frame */
#define DES3_FD (1u << 29)
#define DES3_LD (1u << 28)
#define RDES3_BUF1V (1u << 24)
#define DES3_ES (1u << 15)
#define RDES3_PL(v) ((v) & 0x7FFFu)

#define MPU_BASE 0xE000ED90u
#define MPU_CTRL (MPU_BASE + 0x04u)
#define MPU_RNR (MPU_BASE + 0x08u)
#define MPU_RBAR (MPU_BASE + 0x0Cu)
#define MPU_RASR (MPU_BASE + 0x10u)
#define MPU_CTRL_ENABLE (1u << 0)
#define MPU_CTRL_PRIVDEFENA (1u << 2)
#define MPU_RASR_ENABLE (1u << 0)
#define MPU_RASR_SIZE(log2) (((uint32_t)(log2) - 1u) << 1)
#define MPU_RASR_SHAREABLE (1u << 18)
#define MPU_RASR_TEX_NORMAL_UNCACHED (1u << 19) /* TEX=001, C=0, B=0 */
#define MPU_RASR_AP_FULL (3u << 24)
#define MPU_RASR_XN (1u << 28)
#define MPU_REGION_ETH 15u /* the highest-numbered region wins where regions overlap */

#define AXI_SRAM_START 0x24000000u
#define AXI_SRAM_END 0x24080000u
#define D2_SRAM_START 0x30000000u
#define D2_SRAM_END 0x30048000u
#define ETH_IRQ 61
#define RX_COUNT 4
#define TX_COUNT 4
#define BUFFER_SIZE 1536
#define DMA_REGION_LOG2 14 /* 16 KiB holds the descriptors and the eight buffers */
#define RESET_TIMEOUT_US 10000
#define MDIO_TIMEOUT_US 10000

struct descriptor {
    volatile uint32_t word0;
    volatile uint32_t word1;
    volatile uint32_t word2;
    volatile uint32_t word3;
};

struct dma_memory {
    struct descriptor rx[RX_COUNT];
    struct descriptor tx[TX_COUNT];
    uint8_t rx_buffer[RX_COUNT][BUFFER_SIZE];
    uint8_t tx_buffer[TX_COUNT][BUFFER_SIZE];
};

_Static_assert(sizeof(struct dma_memory) <= (1u << DMA_REGION_LOG2), "DMA memory outgrew its MPU region");

/* Aligned to its MPU region size, as a Cortex-M7 MPU region must be. */
static struct dma_memory dma HAL_DMA_SECTION(".bss.eth_dma") __attribute__((aligned(1u << DMA_REGION_LOG2)));
static unsigned char tx_in_flight[TX_COUNT];
static unsigned rx_next;
static unsigned tx_next;
static int phy_address;
static int link;

static int mdio_access(int phy, int reg, uint32_t operation)
{
    hal_write32(ETH_MACMDIOAR, ((uint32_t)phy << 21) | ((uint32_t)reg << 16) | MDIOAR_CR_150_250MHZ | operation
            | MDIOAR_MB);
    return hal_wait_bits(ETH_MACMDIOAR, MDIOAR_MB, 0, MDIO_TIMEOUT_US) ? 0 : -1;
}

static int mdio_read(int phy, int reg)
{
    if (mdio_access(phy, reg, MDIOAR_GOC_READ) != 0) {
        return -1;
    }
    return (int)(hal_read32(ETH_MACMDIODR) & 0xFFFFu);
}

static int mdio_write(int phy, int reg, uint16_t value)
{
    hal_write32(ETH_MACMDIODR, value);
    return mdio_access(phy, reg, MDIOAR_GOC_WRITE);
}

static const struct mdio_bus mdio = {mdio_read, mdio_write};

static void make_dma_memory_uncached(void)
{
    hal_write32(MPU_CTRL, 0);
    hal_write32(MPU_RNR, MPU_REGION_ETH);
    hal_write32(MPU_RBAR, hal_bus_address(&dma));
    hal_write32(MPU_RASR, MPU_RASR_XN | MPU_RASR_AP_FULL | MPU_RASR_TEX_NORMAL_UNCACHED | MPU_RASR_SHAREABLE
            | MPU_RASR_SIZE(DMA_REGION_LOG2) | MPU_RASR_ENABLE);
    hal_write32(MPU_CTRL, MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
    hal_memory_barrier();
}

static void arm_rx(unsigned i)
{
    struct descriptor *d = &dma.rx[i];
    d->word0 = hal_bus_address(dma.rx_buffer[i]); /* write-back overwrote the read format */
    d->word1 = 0;
    d->word2 = 0;
    hal_memory_barrier();
    d->word3 = DES3_OWN | DES3_IOC | RDES3_BUF1V;
    hal_memory_barrier();
}

/*
 * The RX tail sits just past the ring (as Linux's stmmac does): the DMA wraps by the ring
 * length register and never meets it, so it stops only at a descriptor it does not own.
 * Rewriting it resumes a DMA suspended for want of descriptors.
 */
static uint32_t rx_tail(void)
{
    return hal_bus_address(&dma.rx[0]) + (uint32_t)sizeof dma.rx;
}

static void init_rings(void)
{
    for (unsigned i = 0; i < RX_COUNT; i++) {
        arm_rx(i);
    }
    for (unsigned i = 0; i < TX_COUNT; i++) {
        dma.tx[i].word0 = hal_bus_address(dma.tx_buffer[i]);
        dma.tx[i].word1 = 0;
        dma.tx[i].word2 = 0;
        dma.tx[i].word3 = 0;
        tx_in_flight[i] = 0;
    }
    rx_next = 0;
    tx_next = 0;
    hal_write32(ETH_DMACTDRLR, TX_COUNT - 1);
    hal_write32(ETH_DMACRDRLR, RX_COUNT - 1);
    hal_write32(ETH_DMACTDLAR, hal_bus_address(&dma.tx[0]));
    hal_write32(ETH_DMACRDLAR, hal_bus_address(&dma.rx[0]));
    hal_write32(ETH_DMACTDTPR, hal_bus_address(&dma.tx[0])); /* tail == head: nothing to send */
    hal_write32(ETH_DMACRDTPR, rx_tail());
}

static uint32_t speed_bits(int state)
{
    return (eth_link_is_100mbps(state) ? MACCR_FES : 0) | (eth_link_is_full_duplex(state) ? MACCR_DM : 0);
}

/* The ETH DMA is an AXI/AHB master: it reaches AXI SRAM and D2 SRAM, never the TCMs. */
static int dma_memory_reachable(void)
{
    uint32_t start = hal_bus_address(&dma);
    uint32_t end = start + (uint32_t)sizeof dma;
    return (start >= AXI_SRAM_START && end <= AXI_SRAM_END) || (start >= D2_SRAM_START && end <= D2_SRAM_END);
}

int eth_driver_init(const uint8_t mac[6], int phy)
{
    if (!dma_memory_reachable()) {
        return ETH_ERROR_HARDWARE; /* the linker script misses .bss.eth_dma */
    }
    make_dma_memory_uncached();
    hal_set_bits(RCC_APB4ENR, RCC_APB4ENR_SYSCFGEN);
    hal_write32(SYSCFG_PMCR, (hal_read32(SYSCFG_PMCR) & ~SYSCFG_PMCR_EPIS_MASK) | SYSCFG_PMCR_EPIS_RMII);
    hal_set_bits(RCC_AHB4ENR, stm32_rmii_port_mask());
    stm32_rmii_pins_configure(GPIOA_BASE);
    hal_set_bits(RCC_AHB1ENR, RCC_AHB1ENR_ETH);

    hal_set_bits(ETH_DMAMR, DMAMR_SWR);
    if (!hal_wait_bits(ETH_DMAMR, DMAMR_SWR, 0, RESET_TIMEOUT_US)) {
        return ETH_ERROR_HARDWARE; /* no 50 MHz REF_CLK from the PHY */
    }
    phy_address = phy;
    int status = lan8742a_init(&mdio, phy);
    if (status != ETH_STATUS_OK) {
        return status;
    }
    link = ETH_LINK_DOWN;
    hal_write32(ETH_MACA0HR, eth_mac_high_word(mac));
    hal_write32(ETH_MACA0LR, eth_mac_low_word(mac));
    hal_write32(ETH_MACPFR, MACPFR_PM); /* all multicast: IPv6 neighbour discovery needs it */
    hal_write32(ETH_MACCR, MACCR_ACS | MACCR_CST | speed_bits(ETH_LINK_UP_100_FULL));
    /* Read-modify-write: MTLTQOMR.TQS (bits 18:16) resets to 7 (2048-byte TX queue); writing 0
       there would leave a 256-byte queue that cannot store-and-forward a full frame. */
    hal_set_bits(ETH_MTLTQOMR, MTLTQOMR_TSF);
    hal_set_bits(ETH_MTLRQOMR, MTLRQOMR_RSF);
    hal_write32(ETH_DMACTCR, DMAC_PBL_32);
    hal_write32(ETH_DMACRCR, DMAC_PBL_32 | DMACRCR_RBSZ(BUFFER_SIZE));
    init_rings();

    hal_set_bits(ETH_DMACTCR, DMACTCR_ST);
    hal_set_bits(ETH_DMACRCR, DMACRCR_SR);
    hal_set_bits(ETH_MACCR, MACCR_TE | MACCR_RE);
    /* The receive interrupt only wakes the Java loop (HardwareTimer.waitUntil); frames are polled. */
    hal_write32(ETH_DMACIER, DMACIER_NIE | DMACIER_RIE);
    hal_nvic_enable(ETH_IRQ);
    return ETH_STATUS_OK;
}

int eth_driver_link_state(void)
{
    int state = lan8742a_link_state(&mdio, phy_address);
    if (state != link && state != ETH_LINK_DOWN) {
        hal_write32(ETH_MACCR, (hal_read32(ETH_MACCR) & ~(MACCR_FES | MACCR_DM)) | speed_bits(state));
    }
    link = state;
    return state;
}

static void give_back(unsigned i)
{
    arm_rx(i);
    rx_next = (rx_next + 1) % RX_COUNT;
    if (hal_read32(ETH_DMACSR) & DMACSR_RBU) {
        hal_write32(ETH_DMACSR, DMACSR_RBU);
    }
    hal_write32(ETH_DMACRDTPR, rx_tail());
}

int eth_driver_receive(uint8_t *frame, int capacity)
{
    /* Frames lost while the ring was full overflow the MTL RX queue; both counters clear on read. */
    uint32_t missed = hal_read32(ETH_MTLRQMPOCR);
    eth_count(ETH_STAT_RX_OVERRUN, MTLRQMPOCR_OVFPKTCNT(missed) + MTLRQMPOCR_MISPKTCNT(missed));
    for (unsigned seen = 0; seen < RX_COUNT; seen++) {
        unsigned i = rx_next;
        uint32_t status = dma.rx[i].word3;
        if (status & DES3_OWN) {
            return 0;
        }
        int length = 0;
        if (!(status & DES3_CTXT)) { /* a context (timestamp) descriptor carries no frame */
            int good = !(status & DES3_ES) && (status & (DES3_FD | DES3_LD)) == (DES3_FD | DES3_LD);
            length = eth_take_frame(good, dma.rx_buffer[i], (int)RDES3_PL(status), frame, capacity);
        }
        give_back(i);
        if (length > 0) {
            return length;
        }
    }
    return 0;
}

int eth_driver_transmit(const uint8_t *frame, int length)
{
    unsigned i = tx_next;
    struct descriptor *d = &dma.tx[i];
    uint32_t status = d->word3;
    /* One descriptor always stays ours: with all of them queued the tail pointer would equal
       the DMA's current pointer, which the DMA reads as an empty ring. */
    if ((status & DES3_OWN) || (dma.tx[(i + 1) % TX_COUNT].word3 & DES3_OWN)) {
        return ETH_TRANSMIT_BUSY;
    }
    if (tx_in_flight[i] && (status & DES3_ES)) {
        eth_count(ETH_STAT_TX_ERRORS, 1); /* the previous frame of this descriptor failed */
    }
    memcpy(dma.tx_buffer[i], frame, (size_t)length);
    d->word0 = hal_bus_address(dma.tx_buffer[i]);
    d->word1 = 0;
    d->word2 = (uint32_t)length;
    hal_memory_barrier();
    d->word3 = DES3_OWN | DES3_FD | DES3_LD | (uint32_t)length;
    hal_memory_barrier();
    tx_in_flight[i] = 1;
    tx_next = (i + 1) % TX_COUNT;
    hal_write32(ETH_DMACTDTPR, hal_bus_address(&dma.tx[tx_next]));
    return ETH_TRANSMIT_SENT;
}

void ETH_IRQHandler(void)
{
    hal_write32(ETH_DMACSR, DMACSR_RI | DMACSR_NIS);
    hal_device_event();
}
