/*
 * The contract between the EthernetMac SNI glue (common/sni_ethernet_mac.c) and one MAC driver.
 * Exactly one driver (stm32f7-eth, stm32h7-eth, lan9118) is linked into a board library and
 * implements the eth_driver_* functions. Constants mirror org.smoltcp4j.hal.EthernetMac.
 */
#ifndef SMOLTCP4J_HAL_ETH_H
#define SMOLTCP4J_HAL_ETH_H

#include <stdint.h>

#define ETH_STATUS_OK 0
#define ETH_ERROR_NOT_INITIALISED (-1)
#define ETH_ERROR_BAD_ARGUMENT (-2)
#define ETH_ERROR_HARDWARE (-3)

#define ETH_TRANSMIT_SENT 1
#define ETH_TRANSMIT_BUSY 0

#define ETH_LINK_DOWN 0
#define ETH_LINK_UP_10_HALF 1
#define ETH_LINK_UP_10_FULL 2
#define ETH_LINK_UP_100_HALF 3
#define ETH_LINK_UP_100_FULL 4

#define ETH_STAT_RX_FRAMES 0
#define ETH_STAT_RX_BYTES 1
#define ETH_STAT_RX_ERROR_FRAMES 2
#define ETH_STAT_RX_TOO_LONG 3
#define ETH_STAT_RX_OVERRUN 4
#define ETH_STAT_TX_FRAMES 5
#define ETH_STAT_TX_BYTES 6
#define ETH_STAT_TX_BUSY 7
#define ETH_STAT_TX_ERRORS 8
#define ETH_STAT_COUNT 9

/* Largest frame without FCS: 14-byte header + 1500-byte payload. */
#define ETH_MAX_FRAME_LENGTH 1514

static inline int eth_link_is_100mbps(int state)
{
    return state == ETH_LINK_UP_100_HALF || state == ETH_LINK_UP_100_FULL;
}

static inline int eth_link_is_full_duplex(int state)
{
    return state == ETH_LINK_UP_10_FULL || state == ETH_LINK_UP_100_FULL;
}

/* The MAC address as the address filters of these MACs take it: bytes 0..3 low, 4..5 high. */
static inline uint32_t eth_mac_low_word(const uint8_t mac[6])
{
    return (uint32_t)mac[0] | ((uint32_t)mac[1] << 8) | ((uint32_t)mac[2] << 16) | ((uint32_t)mac[3] << 24);
}

static inline uint32_t eth_mac_high_word(const uint8_t mac[6])
{
    return (uint32_t)mac[4] | ((uint32_t)mac[5] << 8);
}

/* Adds to one of the counters above; drivers count what only they see (errors, overruns). */
void eth_count(int which, uint32_t amount);
/*
 * Takes one received frame out of a DMA buffer: a bad one (`good` false) is counted as an error
 * frame, one longer than capacity as too long (both return 0); otherwise it is copied into
 * frame and its length returned.
 */
int eth_take_frame(int good, const uint8_t *buffer, int length, uint8_t *frame, int capacity);
/* Resets every counter (at init). */
void eth_reset_counters(void);

/* Brings up clocks, pins, PHY (autonegotiation started) and DMA. ETH_STATUS_OK or negative. */
int eth_driver_init(const uint8_t mac[6], int phy_address);
/* Polls the PHY; on a change reprograms the MAC's speed and duplex. ETH_LINK_*. */
int eth_driver_link_state(void);
/*
 * Copies the next good frame (without FCS) into frame[0..capacity): its length, or 0 when none
 * is waiting. Error frames and frames longer than capacity are dropped and counted on the way.
 */
int eth_driver_receive(uint8_t *frame, int capacity);
/* Queues frame[0..length) (1..ETH_MAX_FRAME_LENGTH): ETH_TRANSMIT_SENT or ETH_TRANSMIT_BUSY. */
int eth_driver_transmit(const uint8_t *frame, int length);

#endif
