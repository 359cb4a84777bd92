/*
 * Checks of the EthernetMac SNI glue that hold for every MAC driver. Each driver's test file
 * implements eth_test_bring_up (install its device model, init the MAC through the glue) and
 * lists ETH_GLUE_TESTS in its cmocka group.
 */
#ifndef SMOLTCP4J_ETH_GLUE_CHECKS_H
#define SMOLTCP4J_ETH_GLUE_CHECKS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "sni.h"

/* Installs a fresh device model; with `initialise`, inits the MAC and asserts success. */
void eth_test_bring_up(int initialise);

jint Java_org_smoltcp4j_hal_EthernetMac_init(jbyte *macAddress, jint phyAddress);
jint Java_org_smoltcp4j_hal_EthernetMac_linkState(void);
jint Java_org_smoltcp4j_hal_EthernetMac_receive(jbyte *frame, jint offset, jint capacity);
jint Java_org_smoltcp4j_hal_EthernetMac_transmit(jbyte *frame, jint offset, jint length);
jlong Java_org_smoltcp4j_hal_EthernetMac_statistic(jint which);

extern const uint8_t eth_test_mac[6];
/* A Java byte[] holding the test MAC address. */
jbyte *eth_test_mac_array(void);
/* Fills a frame of `length` bytes with a pattern derived from `seed`. */
void eth_test_pattern(uint8_t *frame, int length, int seed);

void glue_rejects_calls_before_init(void **state);
void glue_rejects_bad_init_arguments(void **state);
void glue_rejects_slices_outside_the_array(void **state);
void glue_rejects_frames_of_bad_length(void **state);
void glue_answers_minus_one_for_unknown_statistics(void **state);

#define ETH_GLUE_TESTS \
    cmocka_unit_test(glue_rejects_calls_before_init), \
    cmocka_unit_test(glue_rejects_bad_init_arguments), \
    cmocka_unit_test(glue_rejects_slices_outside_the_array), \
    cmocka_unit_test(glue_rejects_frames_of_bad_length), \
    cmocka_unit_test(glue_answers_minus_one_for_unknown_statistics)

#endif
