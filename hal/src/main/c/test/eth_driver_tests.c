#include <string.h>
#include "eth_driver_tests.h"
#include "fake_hw.h"
#include "hal_eth.h"

#define WIRE_SLOTS 32
#define TEST_PHY 0

static const uint8_t test_mac[6] = {0x02, 0x00, 0x5E, 0x10, 0x20, 0x31};
static struct fake_java_array mac_array;
static struct fake_java_array frame_array;
static uint8_t wire[WIRE_SLOTS][1600];
static int wire_lengths[WIRE_SLOTS];
static int wire_frames;

void eth_wire_put(const uint8_t *frame, int length)
{
    memcpy(wire[wire_frames % WIRE_SLOTS], frame, (size_t)length);
    wire_lengths[wire_frames % WIRE_SLOTS] = length;
    wire_frames++;
}

int eth_wire_count(void)
{
    return wire_frames;
}

const uint8_t *eth_wire_frame(int index, int *length)
{
    *length = wire_lengths[index % WIRE_SLOTS];
    return wire[index % WIRE_SLOTS];
}

jbyte *eth_test_mac_array(void)
{
    jbyte *mac = fake_java_array(&mac_array, 6);
    memcpy(mac, test_mac, 6);
    return mac;
}

void eth_test_bring_up(int initialise)
{
    wire_frames = 0;
    eth_model.install();
    if (initialise) {
        assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_init(eth_test_mac_array(), TEST_PHY), ETH_STATUS_OK);
    }
}

void eth_test_pattern(uint8_t *frame, int length, int seed)
{
    for (int i = 0; i < length; i++) {
        frame[i] = (uint8_t)(seed * 31 + i * 7);
    }
}

int eth_test_receive(jbyte **frame, int capacity)
{
    *frame = fake_java_array(&frame_array, 1600);
    return Java_org_smoltcp4j_hal_EthernetMac_receive(*frame, 0, capacity);
}

int eth_test_transmit(const uint8_t *bytes, int length)
{
    jbyte *frame = fake_java_array(&frame_array, 1600);
    memcpy(frame, bytes, (size_t)length);
    return Java_org_smoltcp4j_hal_EthernetMac_transmit(frame, 0, length);
}

jlong eth_test_statistic(int which)
{
    return Java_org_smoltcp4j_hal_EthernetMac_statistic(which);
}

void glue_rejects_calls_before_init(void **state)
{
    (void)state;
    eth_test_bring_up(0);
    /* A failed init leaves the MAC unusable too. */
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_init(eth_test_mac_array(), 40), ETH_ERROR_BAD_ARGUMENT);
    jbyte *frame = fake_java_array(&frame_array, 100);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_receive(frame, 0, 100), ETH_ERROR_NOT_INITIALISED);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_transmit(frame, 0, 60), ETH_ERROR_NOT_INITIALISED);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_linkState(), ETH_LINK_DOWN);
}

void glue_rejects_bad_init_arguments(void **state)
{
    (void)state;
    eth_test_bring_up(0);
    jbyte *short_mac = fake_java_array(&mac_array, 5);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_init(short_mac, 0), ETH_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_init(0, 0), ETH_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_init(eth_test_mac_array(), -1), ETH_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_init(eth_test_mac_array(), 32), ETH_ERROR_BAD_ARGUMENT);
}

void glue_rejects_slices_outside_the_array(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    jbyte *frame = fake_java_array(&frame_array, 100);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_receive(frame, 1, 100), ETH_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_receive(frame, -1, 10), ETH_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_receive(frame, 0, -1), ETH_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_transmit(frame, 50, 60), ETH_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_transmit(0, 0, 60), ETH_ERROR_BAD_ARGUMENT);
    assert_int_equal(eth_test_statistic(ETH_STAT_TX_FRAMES), 0);
}

void glue_rejects_frames_of_bad_length(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    jbyte *frame = fake_java_array(&frame_array, 2000);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_transmit(frame, 0, ETH_MAX_FRAME_LENGTH + 1), ETH_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_transmit(frame, 0, 0), ETH_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_transmit(frame, 0, ETH_MAX_FRAME_LENGTH), ETH_TRANSMIT_SENT);
}

void glue_answers_minus_one_for_unknown_statistics(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    assert_int_equal(eth_test_statistic(-1), -1);
    assert_int_equal(eth_test_statistic(ETH_STAT_COUNT), -1);
    assert_int_equal(eth_test_statistic(ETH_STAT_RX_FRAMES), 0);
}

void init_fails_when_the_hardware_does_not_answer(void **state)
{
    (void)state;
    eth_test_bring_up(0);
    eth_model.break_hardware();
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_init(eth_test_mac_array(), TEST_PHY), ETH_ERROR_HARDWARE);
    jbyte *frame;
    assert_int_equal(eth_test_receive(&frame, 100), ETH_ERROR_NOT_INITIALISED);
}

void received_frame_is_copied(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t sent[101];
    eth_test_pattern(sent, 101, 1);
    eth_model.deliver(sent, 101, 0);
    jbyte *frame;
    assert_int_equal(eth_test_receive(&frame, 1600), 101);
    assert_memory_equal(frame, sent, 101);
    assert_int_equal(eth_test_receive(&frame, 1600), 0);
    assert_int_equal(eth_test_statistic(ETH_STAT_RX_FRAMES), 1);
    assert_int_equal(eth_test_statistic(ETH_STAT_RX_BYTES), 101);
}

void receive_ring_wraps(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    for (int i = 0; i < 11; i++) {
        uint8_t sent[64];
        int length = 60 + i % 4;
        eth_test_pattern(sent, length, i);
        eth_model.deliver(sent, length, 0);
        jbyte *frame;
        assert_int_equal(eth_test_receive(&frame, 1600), length);
        assert_memory_equal(frame, sent, (size_t)length);
    }
    assert_int_equal(eth_test_statistic(ETH_STAT_RX_FRAMES), 11);
}

void error_frames_are_dropped_and_counted(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t bad[64], good[64];
    eth_test_pattern(bad, 64, 2);
    eth_test_pattern(good, 64, 3);
    eth_model.deliver(bad, 64, 1);
    eth_model.deliver(good, 64, 0);
    jbyte *frame;
    assert_int_equal(eth_test_receive(&frame, 1600), 64);
    assert_memory_equal(frame, good, 64);
    assert_int_equal(eth_test_statistic(ETH_STAT_RX_ERROR_FRAMES), 1);
    assert_int_equal(eth_test_statistic(ETH_STAT_RX_FRAMES), 1);
}

void frame_longer_than_the_java_buffer_is_dropped_and_counted(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t big[1000], small[60];
    eth_test_pattern(big, 1000, 4);
    eth_test_pattern(small, 60, 5);
    eth_model.deliver(big, 1000, 0);
    jbyte *frame;
    assert_int_equal(eth_test_receive(&frame, 500), 0);
    assert_int_equal(eth_test_statistic(ETH_STAT_RX_TOO_LONG), 1);
    eth_model.deliver(small, 60, 0);
    assert_int_equal(eth_test_receive(&frame, 500), 60);
    assert_memory_equal(frame, small, 60);
}

void frames_missed_for_want_of_room_are_counted(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t sent[60];
    eth_test_pattern(sent, 60, 6);
    for (int i = 0; i < 20; i++) {
        eth_model.deliver(sent, 60, 0);
    }
    jbyte *frame;
    while (eth_test_receive(&frame, 1600) > 0) {
    }
    jlong received = eth_test_statistic(ETH_STAT_RX_FRAMES);
    assert_true(received >= 1);
    assert_int_equal(received + eth_test_statistic(ETH_STAT_RX_OVERRUN), 20);
    /* Room again: reception resumes. */
    eth_model.deliver(sent, 60, 0);
    assert_int_equal(eth_test_receive(&frame, 1600), 60);
}

void transmitted_frames_reach_the_wire_in_order(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    for (int i = 0; i < 9; i++) {
        uint8_t sent[200];
        int length = 197 + i % 4;
        eth_test_pattern(sent, length, i);
        assert_int_equal(eth_test_transmit(sent, length), ETH_TRANSMIT_SENT);
        int on_wire;
        const uint8_t *frame = eth_wire_frame(i, &on_wire);
        assert_int_equal(on_wire, length);
        assert_memory_equal(frame, sent, (size_t)length);
    }
    assert_int_equal(eth_wire_count(), 9);
    assert_int_equal(eth_test_statistic(ETH_STAT_TX_FRAMES), 9);
}

void transmit_is_busy_while_the_transmitter_is_full(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t sent[1500];
    eth_test_pattern(sent, 1500, 8);
    eth_model.stall_transmitter(1);
    int accepted = 0;
    while (accepted < 100 && eth_test_transmit(sent, 1500) == ETH_TRANSMIT_SENT) {
        accepted++;
    }
    assert_true(accepted >= 1 && accepted < 100);
    assert_int_equal(eth_test_statistic(ETH_STAT_TX_BUSY), 1);
    assert_int_equal(eth_wire_count(), 0);
    eth_model.stall_transmitter(0);
    assert_int_equal(eth_wire_count(), accepted);
    assert_int_equal(eth_test_transmit(sent, 1500), ETH_TRANSMIT_SENT);
    assert_int_equal(eth_wire_count(), accepted + 1);
}

void transmit_errors_are_counted(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t sent[60];
    eth_test_pattern(sent, 60, 9);
    eth_model.fail_transmissions(1);
    for (int i = 0; i < 6; i++) {
        assert_int_equal(eth_test_transmit(sent, 60), ETH_TRANSMIT_SENT);
    }
    assert_true(eth_test_statistic(ETH_STAT_TX_ERRORS) >= 1);
}

void link_down_then_up_reprograms_duplex(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    eth_model.set_link(ETH_LINK_DOWN);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_linkState(), ETH_LINK_DOWN);
    eth_model.set_link(ETH_LINK_UP_10_HALF);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_linkState(), ETH_LINK_UP_10_HALF);
    assert_false(eth_model.mac_full_duplex());
    eth_model.set_link(ETH_LINK_DOWN);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_linkState(), ETH_LINK_DOWN);
    eth_model.set_link(ETH_LINK_UP_100_FULL);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_linkState(), ETH_LINK_UP_100_FULL);
    assert_true(eth_model.mac_full_duplex());
    eth_model.set_link(ETH_LINK_UP_10_FULL);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_linkState(), ETH_LINK_UP_10_FULL);
    eth_model.set_link(ETH_LINK_UP_100_HALF);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_linkState(), ETH_LINK_UP_100_HALF);
}
