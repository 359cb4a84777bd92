/*
 * SNI glue of org.smoltcp4j.hal.Ieee802154Radio: argument checks, statistics, the quality of
 * the last frame returned, then one call into the radio driver.
 */
#include "sni.h"
#include "java_array.h"
#include "hal_radio.h"

#define EXTENDED_ADDRESS_LENGTH 8
#define MAX_ED_DURATION_US 1000000

static uint64_t counters[RADIO_STAT_COUNT];
static struct radio_frame_quality last_quality;
static int initialised;

void radio_count(int which, uint32_t amount)
{
    counters[which] += amount;
}

void radio_reset_counters(void)
{
    for (int i = 0; i < RADIO_STAT_COUNT; i++) {
        counters[i] = 0;
    }
}

static int channel_valid(jint channel)
{
    return channel >= RADIO_FIRST_CHANNEL && channel <= RADIO_LAST_CHANNEL;
}

jint Java_org_smoltcp4j_hal_Ieee802154Radio_init(jint channel, jint panId, jint shortAddress,
        jbyte *extendedAddress)
{
    if (!channel_valid(channel) || panId < 0 || panId > 0xFFFF || shortAddress < 0 || shortAddress > 0xFFFF
            || !java_slice_valid(extendedAddress, 0, EXTENDED_ADDRESS_LENGTH)
            || SNI_getArrayLength(extendedAddress) != EXTENDED_ADDRESS_LENGTH) {
        return RADIO_ERROR_BAD_ARGUMENT;
    }
    initialised = 0;
    radio_reset_counters();
    int status = radio_driver_init(channel, (uint16_t)panId, (uint16_t)shortAddress,
            (const uint8_t *)extendedAddress);
    initialised = status == RADIO_STATUS_OK;
    return status;
}

jint Java_org_smoltcp4j_hal_Ieee802154Radio_receive(jbyte *frame, jint offset, jint capacity)
{
    if (!initialised) {
        return RADIO_ERROR_NOT_INITIALISED;
    }
    if (!java_slice_valid(frame, offset, capacity)) {
        return RADIO_ERROR_BAD_ARGUMENT;
    }
    struct radio_frame_quality quality;
    int length = radio_driver_receive((uint8_t *)frame + offset, capacity, &quality);
    if (length > 0) {
        counters[RADIO_STAT_RX_FRAMES]++;
        last_quality = quality;
    }
    return length;
}

jint Java_org_smoltcp4j_hal_Ieee802154Radio_lastLinkQuality(void)
{
    return last_quality.lqi;
}

jint Java_org_smoltcp4j_hal_Ieee802154Radio_lastRssi(void)
{
    return last_quality.rssi;
}

jint Java_org_smoltcp4j_hal_Ieee802154Radio_transmit(jbyte *frame, jint offset, jint length, jint flags)
{
    if (!initialised) {
        return RADIO_ERROR_NOT_INITIALISED;
    }
    /* 3 bytes at least: an acknowledged frame's sequence number is its third byte. */
    if (!java_slice_valid(frame, offset, length) || length < 3 || length > RADIO_MAX_FRAME_LENGTH
            || (flags & ~RADIO_TX_FLAG_ACK_REQUEST) != 0) {
        return RADIO_ERROR_BAD_ARGUMENT;
    }
    int result = radio_driver_transmit((const uint8_t *)frame + offset, length, flags);
    if (result == RADIO_TX_OK) {
        counters[RADIO_STAT_TX_FRAMES]++;
    }
    return result;
}

jint Java_org_smoltcp4j_hal_Ieee802154Radio_energyDetect(jint channel, jint durationMicros)
{
    if (!initialised) {
        return RADIO_ED_ERROR_BASE + RADIO_ERROR_NOT_INITIALISED;
    }
    if (!channel_valid(channel) || durationMicros <= 0 || durationMicros > MAX_ED_DURATION_US) {
        return RADIO_ED_ERROR_BASE + RADIO_ERROR_BAD_ARGUMENT;
    }
    return radio_driver_energy_detect(channel, durationMicros);
}

jlong Java_org_smoltcp4j_hal_Ieee802154Radio_statistic(jint which)
{
    if (which < 0 || which >= RADIO_STAT_COUNT) {
        return -1;
    }
    return (jlong)counters[which];
}
