/*
 * SMSC LAN9118 (the Ethernet controller of ARM's MPS2 boards and of QEMU's mps2-an500 model),
 * polled, 32-bit bus, through its FIFOs: no DMA, so no descriptors and no cache concerns.
 *
 * RX: one status word per frame (length includes the 4-byte FCS), then the frame's words. TX:
 * command A, command B, then the frame's words; one status word per frame comes back. The
 * internal PHY's speed comes from the autonegotiation registers (QEMU does not model PHY
 * register 31).
 */
#include "hal_eth.h"
#include "hal_reg.h"
#include "hal_time.h"

#ifndef LAN9118_BASE
#define LAN9118_BASE 0xA0000000u /* mps2-an500; 0x40200000 on the other MPS2 machines */
#endif

#define RX_DATA_FIFO (LAN9118_BASE + 0x00u)
#define TX_DATA_FIFO (LAN9118_BASE + 0x20u)
#define RX_STATUS_FIFO (LAN9118_BASE + 0x40u)
#define TX_STATUS_FIFO (LAN9118_BASE + 0x48u)
#define BYTE_TEST (LAN9118_BASE + 0x64u)
#define TX_CFG (LAN9118_BASE + 0x70u)
#define HW_CFG (LAN9118_BASE + 0x74u)
#define RX_FIFO_INF (LAN9118_BASE + 0x7Cu)
#define TX_FIFO_INF (LAN9118_BASE + 0x80u)
#define PMT_CTRL (LAN9118_BASE + 0x84u)
#define RX_DROP (LAN9118_BASE + 0xA0u)
#define MAC_CSR_CMD (LAN9118_BASE + 0xA4u)
#define MAC_CSR_DATA (LAN9118_BASE + 0xA8u)

#define BYTE_TEST_VALUE 0x87654321u
#define HW_CFG_SRST (1u << 0)
#define PMT_CTRL_READY (1u << 0)
#define TX_CFG_TX_ON (1u << 1)
#define FIFO_INF_STATUS_USED(v) (((v) >> 16) & 0xFFu)
#define TX_FIFO_INF_DATA_FREE(v) ((v) & 0xFFFFu)
#define RX_STATUS_LENGTH(v) (((v) >> 16) & 0x3FFFu)
#define RX_STATUS_ERROR (1u << 15)
#define TX_STATUS_ERROR (1u << 15)
#define TX_CMD_A_FIRST (1u << 13)
#define TX_CMD_A_LAST (1u << 12)

#define CSR_BUSY (1u << 31)
#define CSR_READ (1u << 30)
#define MAC_CR 1u
#define MAC_ADDRH 2u
#define MAC_ADDRL 3u
#define MAC_MII_ACC 6u
#define MAC_MII_DATA 7u
#define MAC_CR_RXEN (1u << 2)
#define MAC_CR_TXEN (1u << 3)
#define MAC_CR_FDPX (1u << 20)
#define MAC_CR_MCPAS (1u << 19)
#define MII_ACC_BUSY (1u << 0)
#define MII_ACC_WRITE (1u << 1)

#define PHY_BCR 0
#define PHY_BSR 1
#define PHY_ADVERTISE 4
#define PHY_PARTNER 5
#define BCR_AUTONEG_ENABLE (1u << 12)
#define BCR_AUTONEG_RESTART (1u << 9)
#define BSR_LINK_UP (1u << 2)
#define BSR_AUTONEG_DONE (1u << 5)
#define ABILITY_100_FULL (1u << 8)
#define ABILITY_100_HALF (1u << 7)
#define ABILITY_10_FULL (1u << 6)
#define ABILITY_10_HALF (1u << 5)

#define FCS_LENGTH 4
#define TX_COMMAND_BYTES 8
#define TIMEOUT_US 100000

static int phy_address;
static int initialised_link = ETH_LINK_DOWN;

static int mac_csr_write(uint32_t index, uint32_t value)
{
    hal_write32(MAC_CSR_DATA, value);
    hal_write32(MAC_CSR_CMD, CSR_BUSY | index);
    return hal_wait_bits(MAC_CSR_CMD, CSR_BUSY, 0, TIMEOUT_US) ? 0 : -1;
}

static int64_t mac_csr_read(uint32_t index)
{
    hal_write32(MAC_CSR_CMD, CSR_BUSY | CSR_READ | index);
    if (!hal_wait_bits(MAC_CSR_CMD, CSR_BUSY, 0, TIMEOUT_US)) {
        return -1;
    }
    return hal_read32(MAC_CSR_DATA);
}

static int phy_read(int reg)
{
    if (mac_csr_write(MAC_MII_ACC, ((uint32_t)phy_address << 11) | ((uint32_t)reg << 6) | MII_ACC_BUSY) != 0) {
        return -1;
    }
    int64_t data = mac_csr_read(MAC_MII_DATA);
    return data < 0 ? -1 : (int)(data & 0xFFFF);
}

static int phy_write(int reg, uint16_t value)
{
    if (mac_csr_write(MAC_MII_DATA, value) != 0) {
        return -1;
    }
    return mac_csr_write(MAC_MII_ACC, ((uint32_t)phy_address << 11) | ((uint32_t)reg << 6) | MII_ACC_WRITE
            | MII_ACC_BUSY);
}

int eth_driver_init(const uint8_t mac[6], int phy)
{
    if (hal_read32(BYTE_TEST) != BYTE_TEST_VALUE) {
        return ETH_ERROR_HARDWARE; /* nothing (or a byte-swapped bus) at LAN9118_BASE */
    }
    hal_write32(HW_CFG, HW_CFG_SRST);
    if (!hal_wait_bits(HW_CFG, HW_CFG_SRST, 0, TIMEOUT_US)
            || !hal_wait_bits(PMT_CTRL, PMT_CTRL_READY, PMT_CTRL_READY, TIMEOUT_US)) {
        return ETH_ERROR_HARDWARE;
    }
    phy_address = phy;
    initialised_link = ETH_LINK_DOWN;
    if (mac_csr_write(MAC_ADDRH, eth_mac_high_word(mac)) != 0 || mac_csr_write(MAC_ADDRL, eth_mac_low_word(mac)) != 0
            || phy_write(PHY_BCR, BCR_AUTONEG_ENABLE | BCR_AUTONEG_RESTART) != 0
            || mac_csr_write(MAC_CR, MAC_CR_MCPAS | MAC_CR_FDPX | MAC_CR_TXEN | MAC_CR_RXEN) != 0) {
        return ETH_ERROR_HARDWARE;
    }
    hal_write32(TX_CFG, TX_CFG_TX_ON);
    return ETH_STATUS_OK;
}

static int negotiated(uint32_t common)
{
    if (common & ABILITY_100_FULL) {
        return ETH_LINK_UP_100_FULL;
    }
    if (common & ABILITY_100_HALF) {
        return ETH_LINK_UP_100_HALF;
    }
    if (common & ABILITY_10_FULL) {
        return ETH_LINK_UP_10_FULL;
    }
    return (common & ABILITY_10_HALF) ? ETH_LINK_UP_10_HALF : ETH_LINK_DOWN;
}

int eth_driver_link_state(void)
{
    phy_read(PHY_BSR); /* the link bit latches low: the second read is the present state */
    int status = phy_read(PHY_BSR);
    int advertised = phy_read(PHY_ADVERTISE);
    int partner = phy_read(PHY_PARTNER);
    int state = ETH_LINK_DOWN;
    if (status >= 0 && (status & BSR_LINK_UP) && (status & BSR_AUTONEG_DONE) && advertised >= 0 && partner >= 0) {
        state = negotiated((uint32_t)(advertised & partner));
    }
    if (state != initialised_link && state != ETH_LINK_DOWN) {
        int64_t control = mac_csr_read(MAC_CR);
        if (control >= 0) {
            uint32_t duplex = eth_link_is_full_duplex(state) ? MAC_CR_FDPX : 0;
            mac_csr_write(MAC_CR, ((uint32_t)control & ~MAC_CR_FDPX) | duplex);
        }
    }
    initialised_link = state;
    return state;
}

static void discard_words(uint32_t words)
{
    for (uint32_t i = 0; i < words; i++) {
        (void)hal_read32(RX_DATA_FIFO);
    }
}

int eth_driver_receive(uint8_t *frame, int capacity)
{
    eth_count(ETH_STAT_RX_OVERRUN, hal_read32(RX_DROP)); /* clears on read */
    while (FIFO_INF_STATUS_USED(hal_read32(RX_FIFO_INF)) != 0) {
        uint32_t status = hal_read32(RX_STATUS_FIFO);
        uint32_t with_fcs = RX_STATUS_LENGTH(status);
        uint32_t words = (with_fcs + 3) / 4;
        int length = (int)with_fcs - FCS_LENGTH;
        if ((status & RX_STATUS_ERROR) || length < 1) {
            eth_count(ETH_STAT_RX_ERROR_FRAMES, 1);
            discard_words(words);
            continue;
        }
        if (length > capacity) {
            eth_count(ETH_STAT_RX_TOO_LONG, 1);
            discard_words(words);
            continue;
        }
        for (uint32_t w = 0; w < words; w++) {
            uint32_t word = hal_read32(RX_DATA_FIFO); /* little-endian: first byte in bits 7..0 */
            for (int b = 0; b < 4; b++) {
                int at = (int)(4 * w) + b;
                if (at < length) {
                    frame[at] = (uint8_t)(word >> (8 * b));
                }
            }
        }
        return length;
    }
    return 0;
}

static void drain_tx_status(void)
{
    while (FIFO_INF_STATUS_USED(hal_read32(TX_FIFO_INF)) != 0) {
        if (hal_read32(TX_STATUS_FIFO) & TX_STATUS_ERROR) {
            eth_count(ETH_STAT_TX_ERRORS, 1);
        }
    }
}

int eth_driver_transmit(const uint8_t *frame, int length)
{
    drain_tx_status();
    uint32_t words = ((uint32_t)length + 3) / 4;
    if (TX_FIFO_INF_DATA_FREE(hal_read32(TX_FIFO_INF)) < 4 * words + TX_COMMAND_BYTES) {
        return ETH_TRANSMIT_BUSY;
    }
    hal_write32(TX_DATA_FIFO, TX_CMD_A_FIRST | TX_CMD_A_LAST | (uint32_t)length);
    hal_write32(TX_DATA_FIFO, ((uint32_t)length << 16) | (uint32_t)length); /* tag = length */
    for (uint32_t w = 0; w < words; w++) {
        uint32_t word = 0;
        for (int b = 0; b < 4; b++) {
            int at = (int)(4 * w) + b;
            if (at < length) {
                word |= (uint32_t)frame[at] << (8 * b);
            }
        }
        hal_write32(TX_DATA_FIFO, word);
    }
    return ETH_TRANSMIT_SENT;
}
