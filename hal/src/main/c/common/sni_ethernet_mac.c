/*
 * SNI glue of org.smoltcp4j.hal.EthernetMac: argument checks, the statistics the glue can see,
 * then one call into the linked MAC driver. Never blocks.
 */
#include <string.h>
#include "sni.h"
#include "java_array.h"
#include "hal_eth.h"

static uint64_t counters[ETH_STAT_COUNT];
static int initialised;

void eth_count(int which, uint32_t amount)
{
    counters[which] += amount;
}

int eth_take_frame(int good, const uint8_t *buffer, int length, uint8_t *frame, int capacity)
{
    if (!good) {
        counters[ETH_STAT_RX_ERROR_FRAMES]++;
        return 0;
    }
    if (length > capacity) {
        counters[ETH_STAT_RX_TOO_LONG]++;
        return 0;
    }
    memcpy(frame, buffer, (size_t)length);
    return length;
}

void eth_reset_counters(void)
{
    for (int i = 0; i < ETH_STAT_COUNT; i++) {
        counters[i] = 0;
    }
}

jint Java_org_smoltcp4j_hal_EthernetMac_init(jbyte *macAddress, jint phyAddress)
{
    if (!java_slice_valid(macAddress, 0, 6) || SNI_getArrayLength(macAddress) != 6 || phyAddress < 0
            || phyAddress > 31) {
        return ETH_ERROR_BAD_ARGUMENT;
    }
    initialised = 0;
    eth_reset_counters();
    int status = eth_driver_init((const uint8_t *)macAddress, phyAddress);
    initialised = status == ETH_STATUS_OK;
    return status;
}

jint Java_org_smoltcp4j_hal_EthernetMac_linkState(void)
{
    return initialised ? eth_driver_link_state() : ETH_LINK_DOWN;
}

jint Java_org_smoltcp4j_hal_EthernetMac_receive(jbyte *frame, jint offset, jint capacity)
{
    if (!initialised) {
        return ETH_ERROR_NOT_INITIALISED;
    }
    if (!java_slice_valid(frame, offset, capacity)) {
        return ETH_ERROR_BAD_ARGUMENT;
    }
    int length = eth_driver_receive((uint8_t *)frame + offset, capacity);
    if (length > 0) {
        counters[ETH_STAT_RX_FRAMES]++;
        counters[ETH_STAT_RX_BYTES] += (uint32_t)length;
    }
    return length;
}

jint Java_org_smoltcp4j_hal_EthernetMac_transmit(jbyte *frame, jint offset, jint length)
{
    if (!initialised) {
        return ETH_ERROR_NOT_INITIALISED;
    }
    if (!java_slice_valid(frame, offset, length) || length < 1 || length > ETH_MAX_FRAME_LENGTH) {
        return ETH_ERROR_BAD_ARGUMENT;
    }
    int result = eth_driver_transmit((const uint8_t *)frame + offset, length);
    if (result == ETH_TRANSMIT_SENT) {
        counters[ETH_STAT_TX_FRAMES]++;
        counters[ETH_STAT_TX_BYTES] += (uint32_t)length;
    } else if (result == ETH_TRANSMIT_BUSY) {
        counters[ETH_STAT_TX_BUSY]++;
    }
    return result;
}

jlong Java_org_smoltcp4j_hal_EthernetMac_statistic(jint which)
{
    if (which < 0 || which >= ETH_STAT_COUNT) {
        return -1;
    }
    return (jlong)counters[which];
}
