/*
 * Tests that hold for every MAC driver, through the EthernetMac SNI glue, against the driver's
 * device model. Each driver's test file defines `eth_model` and lists ETH_DRIVER_TESTS in its
 * cmocka group, next to its driver-specific tests (init sequence, descriptor ownership).
 */
#ifndef SMOLTCP4J_ETH_DRIVER_TESTS_H
#define SMOLTCP4J_ETH_DRIVER_TESTS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "sni.h"

struct eth_model {
    /* Installs a fresh model (registers, DMA engine, PHY with the link up at 100 Mbit/s full). */
    void (*install)(void);
    /* The wire delivers a frame; with `error` it arrives damaged (CRC). No room: it is missed. */
    void (*deliver)(const uint8_t *frame, int length, int error);
    /* While stalled, the transmitter takes nothing from the driver. */
    void (*stall_transmitter)(int stalled);
    /* Frames sent from now on complete with an error status. */
    void (*fail_transmissions)(int failing);
    /* The PHY's link: down, or up at an ETH_LINK_* speed and duplex. */
    void (*set_link)(int state);
    /* 1 when the MAC is programmed for full duplex. */
    int (*mac_full_duplex)(void);
    /* Makes the hardware unresponsive (reset or MDIO never completes). */
    void (*break_hardware)(void);
};

extern const struct eth_model eth_model;

/* What the model's transmitter put on the wire (the model calls eth_wire_put). */
void eth_wire_put(const uint8_t *frame, int length);
int eth_wire_count(void);
const uint8_t *eth_wire_frame(int index, int *length);

/* Installs the model and, with `initialise`, inits the MAC through the glue (asserting success). */
void eth_test_bring_up(int initialise);
jbyte *eth_test_mac_array(void);
void eth_test_pattern(uint8_t *frame, int length, int seed);
/* receive/transmit through the glue with a fresh 1600-byte Java array. */
int eth_test_receive(jbyte **frame, int capacity);
int eth_test_transmit(const uint8_t *bytes, int length);
jlong eth_test_statistic(int which);

jint Java_org_smoltcp4j_hal_EthernetMac_init(jbyte *macAddress, jint phyAddress);
jint Java_org_smoltcp4j_hal_EthernetMac_linkState(void);
jint Java_org_smoltcp4j_hal_EthernetMac_receive(jbyte *frame, jint offset, jint capacity);
jint Java_org_smoltcp4j_hal_EthernetMac_transmit(jbyte *frame, jint offset, jint length);
jlong Java_org_smoltcp4j_hal_EthernetMac_statistic(jint which);

void glue_rejects_calls_before_init(void **state);
void glue_rejects_bad_init_arguments(void **state);
void glue_rejects_slices_outside_the_array(void **state);
void glue_rejects_frames_of_bad_length(void **state);
void glue_answers_minus_one_for_unknown_statistics(void **state);
void init_fails_when_the_hardware_does_not_answer(void **state);
void received_frame_is_copied(void **state);
void receive_ring_wraps(void **state);
void error_frames_are_dropped_and_counted(void **state);
void frame_longer_than_the_java_buffer_is_dropped_and_counted(void **state);
void frames_missed_for_want_of_room_are_counted(void **state);
void transmitted_frames_reach_the_wire_in_order(void **state);
void transmit_is_busy_while_the_transmitter_is_full(void **state);
void transmit_errors_are_counted(void **state);
void link_down_then_up_reprograms_duplex(void **state);

#define ETH_DRIVER_TESTS \
    cmocka_unit_test(glue_rejects_calls_before_init), \
    cmocka_unit_test(glue_rejects_bad_init_arguments), \
    cmocka_unit_test(glue_rejects_slices_outside_the_array), \
    cmocka_unit_test(glue_rejects_frames_of_bad_length), \
    cmocka_unit_test(glue_answers_minus_one_for_unknown_statistics), \
    cmocka_unit_test(init_fails_when_the_hardware_does_not_answer), \
    cmocka_unit_test(received_frame_is_copied), \
    cmocka_unit_test(receive_ring_wraps), \
    cmocka_unit_test(error_frames_are_dropped_and_counted), \
    cmocka_unit_test(frame_longer_than_the_java_buffer_is_dropped_and_counted), \
    cmocka_unit_test(frames_missed_for_want_of_room_are_counted), \
    cmocka_unit_test(transmitted_frames_reach_the_wire_in_order), \
    cmocka_unit_test(transmit_is_busy_while_the_transmitter_is_full), \
    cmocka_unit_test(transmit_errors_are_counted), \
    cmocka_unit_test(link_down_then_up_reprograms_duplex)

#endif
