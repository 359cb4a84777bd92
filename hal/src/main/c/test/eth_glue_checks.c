#include "eth_glue_checks.h"
#include "fake_hw.h"
#include "hal_eth.h"

const uint8_t eth_test_mac[6] = {0x02, 0x00, 0x5E, 0x10, 0x20, 0x31};

static struct fake_java_array mac_array;
static struct fake_java_array frame_array;

jbyte *eth_test_mac_array(void)
{
    jbyte *mac = fake_java_array(&mac_array, 6);
    for (int i = 0; i < 6; i++) {
        mac[i] = (jbyte)eth_test_mac[i];
    }
    return mac;
}

void eth_test_pattern(uint8_t *frame, int length, int seed)
{
    for (int i = 0; i < length; i++) {
        frame[i] = (uint8_t)(seed * 31 + i * 7);
    }
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
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(ETH_STAT_TX_FRAMES), 0);
}

void glue_rejects_frames_of_bad_length(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    jbyte *frame = fake_java_array(&frame_array, 2000);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_transmit(frame, 0, ETH_MAX_FRAME + 1), ETH_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_transmit(frame, 0, 0), ETH_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_transmit(frame, 0, ETH_MAX_FRAME), ETH_TRANSMIT_SENT);
}

void glue_answers_minus_one_for_unknown_statistics(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(-1), -1);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(ETH_STAT_COUNT), -1);
    assert_int_equal(Java_org_smoltcp4j_hal_EthernetMac_statistic(ETH_STAT_RX_FRAMES), 0);
}
