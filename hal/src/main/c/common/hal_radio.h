/*
 * The contract between the Ieee802154Radio SNI glue (common/sni_ieee802154_radio.c) and the
 * radio driver (nrf52840-radio). Constants mirror org.smoltcp4j.hal.Ieee802154Radio.
 */
#ifndef SMOLTCP4J_HAL_RADIO_H
#define SMOLTCP4J_HAL_RADIO_H

#include <stdint.h>

#define RADIO_STATUS_OK 0
#define RADIO_ERROR_NOT_INITIALISED (-1)
#define RADIO_ERROR_BAD_ARGUMENT (-2)
#define RADIO_ERROR_HARDWARE (-3)
/* energyDetect reports errors as RADIO_ED_ERROR_BASE + error, so never as a plausible dBm. */
#define RADIO_ED_ERROR_BASE (-1000)

#define RADIO_TX_OK 0
#define RADIO_TX_BUSY 1
#define RADIO_TX_CCA_FAILED 2
#define RADIO_TX_NO_ACK 3
#define RADIO_TX_FLAG_ACK_REQUEST 1

#define RADIO_STAT_RX_FRAMES 0
#define RADIO_STAT_RX_CRC_ERRORS 1
#define RADIO_STAT_RX_FILTERED 2
#define RADIO_STAT_RX_TOO_LONG 3
#define RADIO_STAT_TX_FRAMES 4
#define RADIO_STAT_TX_CCA_FAILED 5
#define RADIO_STAT_TX_NO_ACK 6
#define RADIO_STAT_TX_RETRIES 7
#define RADIO_STAT_ACKS_SENT 8
#define RADIO_STAT_COUNT 9

#define RADIO_FIRST_CHANNEL 11
#define RADIO_LAST_CHANNEL 26
/* The largest MAC frame without its 2-byte FCS (aMaxPhyPacketSize 127). */
#define RADIO_MAX_FRAME_LENGTH 125

void radio_count(int which, uint32_t amount);
void radio_reset_counters(void);

struct radio_frame_quality {
    int lqi;  /* 0..255 */
    int rssi; /* dBm */
};

/* Configures the radio and starts listening. RADIO_STATUS_OK or RADIO_ERROR_HARDWARE. */
int radio_driver_init(int channel, uint16_t pan_id, uint16_t short_address, const uint8_t extended_address[8]);
/*
 * Copies the next received frame (without FCS) that passed the CRC and the address filter into
 * frame[0..capacity): its length, or 0 if none. Longer frames are dropped and counted.
 */
int radio_driver_receive(uint8_t *frame, int capacity, struct radio_frame_quality *quality);
/* Sends frame[0..length) (1..RADIO_MAX_FRAME_LENGTH) with CSMA-CA and, if asked, ACK and retries. RADIO_TX_*. */
int radio_driver_transmit(const uint8_t *frame, int length, int flags);
/* Highest energy on channel over duration_us, in dBm, or RADIO_ED_ERROR_BASE + error. */
int radio_driver_energy_detect(int channel, int duration_us);

#endif
