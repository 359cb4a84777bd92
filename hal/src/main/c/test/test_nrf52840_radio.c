/* The nRF52840 802.15.4 driver against a model of the RADIO peripheral and of the air. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "fake_hw.h"
#include "hal_radio.h"
#include "sni.h"

#define CLOCK_TASKS_HFCLKSTART 0x40000000u
#define CLOCK_EVENTS_HFCLKSTARTED 0x40000100u
#define RADIO 0x40001000u
#define TASKS_TXEN (RADIO + 0x000u)
#define TASKS_RXEN (RADIO + 0x004u)
#define TASKS_DISABLE (RADIO + 0x010u)
#define EVENTS_END (RADIO + 0x10Cu)
#define EVENTS_DISABLED (RADIO + 0x110u)
#define EVENTS_FRAMESTART (RADIO + 0x138u)
#define EVENTS_EDEND (RADIO + 0x13Cu)
#define EVENTS_CCABUSY (RADIO + 0x148u)
#define EVENTS_PHYEND (RADIO + 0x16Cu)
#define SHORTS (RADIO + 0x200u)
#define INTENSET (RADIO + 0x304u)
#define CRCSTATUS (RADIO + 0x400u)
#define PACKETPTR (RADIO + 0x504u)
#define FREQUENCY (RADIO + 0x508u)
#define MODE (RADIO + 0x510u)
#define PCNF0 (RADIO + 0x514u)
#define CRCPOLY (RADIO + 0x538u)
#define MODECNF0 (RADIO + 0x650u)
#define SFD (RADIO + 0x660u)
#define EDCNT (RADIO + 0x664u)
#define EDSAMPLE (RADIO + 0x668u)
#define CCACTRL (RADIO + 0x66Cu)
#define SHORT_RXREADY_CCASTART (1u << 11)
#define SHORT_READY_EDSTART (1u << 15)

#define PAN 0xBEEF
#define SHORT_ADDRESS 0x1234
#define CHANNEL 15
#define MAX_AIR 16

void RADIO_IRQHandler(void);
jint Java_org_smoltcp4j_hal_Ieee802154Radio_init(jint channel, jint panId, jint shortAddress, jbyte *extendedAddress);
jint Java_org_smoltcp4j_hal_Ieee802154Radio_receive(jbyte *frame, jint offset, jint capacity);
jint Java_org_smoltcp4j_hal_Ieee802154Radio_lastLinkQuality(void);
jint Java_org_smoltcp4j_hal_Ieee802154Radio_lastRssi(void);
jint Java_org_smoltcp4j_hal_Ieee802154Radio_transmit(jbyte *frame, jint offset, jint length, jint flags);
jint Java_org_smoltcp4j_hal_Ieee802154Radio_energyDetect(jint channel, jint durationMicros);
jlong Java_org_smoltcp4j_hal_Ieee802154Radio_statistic(jint which);

static const uint8_t extended[8] = {1, 2, 3, 4, 5, 6, 7, 8};

/* The air: what the radio sent, and when it started sending. */
static uint8_t air[MAX_AIR][128];
static int64_t air_time[MAX_AIR];
static int air_count;
static int cca_busy_remaining;
static int cca_attempts;
static int awaiting_ack;
static uint8_t ack_sequence;
static int acks_missing;
static int ack_sequence_offset;
static int clock_broken;
static uint32_t ed_sample;

static void send_on_air(void)
{
    uint8_t *packet = fake_pointer(fake_get(PACKETPTR));
    if (air_count < MAX_AIR) {
        memcpy(air[air_count], packet, (size_t)packet[0] + 1);
        air_time[air_count] = fake_now;
    }
    air_count++;
    if ((packet[1] & 7u) != 2u && (packet[1] & 0x20u)) {
        awaiting_ack = 1;
        ack_sequence = packet[3];
    }
    fake_set(EVENTS_PHYEND, 1);
}

/* RX enabled after our frame: the peer's ACK arrives (unless the test withholds it). */
static void listen_after_transmit(void)
{
    awaiting_ack = 0;
    if (acks_missing > 0) {
        acks_missing--;
        return;
    }
    uint8_t *packet = fake_pointer(fake_get(PACKETPTR));
    packet[0] = 5;
    packet[1] = 0x02;
    packet[2] = 0x00;
    packet[3] = (uint8_t)(ack_sequence + ack_sequence_offset);
    fake_set(CRCSTATUS, 1);
    fake_set(EVENTS_END, 1);
}

static void on_write(uint32_t address, uint32_t value)
{
    fake_set(address, value);
    uint32_t shorts = fake_get(SHORTS);
    switch (address) {
    case CLOCK_TASKS_HFCLKSTART:
        fake_set(CLOCK_EVENTS_HFCLKSTARTED, !clock_broken);
        break;
    case TASKS_DISABLE:
        fake_set(EVENTS_DISABLED, 1);
        break;
    case TASKS_TXEN:
        send_on_air();
        break;
    case TASKS_RXEN:
        if (shorts & SHORT_READY_EDSTART) {
            fake_set(EDSAMPLE, ed_sample);
            fake_set(EVENTS_EDEND, 1);
        } else if (shorts & SHORT_RXREADY_CCASTART) {
            cca_attempts++;
            if (cca_busy_remaining > 0) {
                cca_busy_remaining--;
                fake_set(EVENTS_CCABUSY, 1);
            } else {
                send_on_air();
            }
        } else if (awaiting_ack) {
            listen_after_transmit();
        }
        break;
    }
}

/* A frame arrives while the radio listens: EasyDMA writes PHR, MPDU and the energy byte. */
static void arrive(const uint8_t *mpdu, int length, int crc_ok, uint8_t energy)
{
    uint8_t *packet = fake_pointer(fake_get(PACKETPTR));
    packet[0] = (uint8_t)(length + 2);
    memcpy(packet + 1, mpdu, (size_t)length);
    packet[1 + length] = energy;
    fake_set(CRCSTATUS, (uint32_t)crc_ok);
    fake_set(EVENTS_END, 1);
}

static struct fake_java_array java_frame;
static struct fake_java_array java_extended;

static jbyte *extended_array(int length)
{
    jbyte *array = fake_java_array(&java_extended, length);
    memcpy(array, extended, 8);
    return array;
}

static void bring_up(int initialise)
{
    fake_hw_reset(NULL, on_write);
    air_count = cca_busy_remaining = cca_attempts = awaiting_ack = acks_missing = 0;
    ack_sequence_offset = clock_broken = 0;
    if (initialise) {
        assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_init(CHANNEL, PAN, SHORT_ADDRESS, extended_array(8)),
                RADIO_STATUS_OK);
    }
}

/* A data frame, PAN ID compressed, short destination and source: 9-byte header + payload. */
static int data_frame(uint8_t *frame, uint16_t pan, uint16_t destination, int ack_request, uint8_t sequence)
{
    uint16_t control = 0x0001u | 0x0040u | (2u << 10) | (2u << 14) | (ack_request ? 0x0020u : 0);
    uint8_t header[9] = {(uint8_t)control, (uint8_t)(control >> 8), sequence, (uint8_t)pan, (uint8_t)(pan >> 8),
        (uint8_t)destination, (uint8_t)(destination >> 8), 0x78, 0x56};
    memcpy(frame, header, 9);
    memcpy(frame + 9, "payload", 7);
    return 16;
}

static int receive(jbyte **frame, int capacity)
{
    *frame = fake_java_array(&java_frame, 200);
    return Java_org_smoltcp4j_hal_Ieee802154Radio_receive(*frame, 0, capacity);
}

static int transmit(const uint8_t *bytes, int length, int flags)
{
    jbyte *frame = fake_java_array(&java_frame, 200);
    memcpy(frame, bytes, (size_t)length);
    return Java_org_smoltcp4j_hal_Ieee802154Radio_transmit(frame, 0, length, flags);
}

static jlong statistic(int which)
{
    return Java_org_smoltcp4j_hal_Ieee802154Radio_statistic(which);
}

static void init_configures_802154_mode_and_listens(void **state)
{
    (void)state;
    bring_up(1);
    assert_int_equal(fake_get(MODE), 15u);
    assert_int_equal(fake_get(MODECNF0), 1u | (2u << 8)); /* fast ramp-up, DTX left at Center */
    assert_int_equal(fake_get(PCNF0), 8u | (2u << 24) | (1u << 26));
    assert_int_equal(fake_get(CRCPOLY), 0x11021u);
    assert_int_equal(fake_get(SFD), 0xA7u);
    assert_int_equal(fake_get(FREQUENCY), 25u); /* 2425 MHz */
    assert_int_equal(fake_get(CCACTRL), 17u << 8); /* -75 dBm */
    assert_true(fake_write_position(TASKS_RXEN, 1) > fake_write_position(MODE, 15u));
    assert_int_equal(fake_get(INTENSET), 1u << 3);
}

static void init_fails_without_the_crystal(void **state)
{
    (void)state;
    bring_up(0);
    clock_broken = 1;
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_init(CHANNEL, PAN, SHORT_ADDRESS, extended_array(8)),
            RADIO_ERROR_HARDWARE);
    jbyte *frame;
    assert_int_equal(receive(&frame, 100), RADIO_ERROR_NOT_INITIALISED);
}

static void glue_rejects_bad_arguments(void **state)
{
    (void)state;
    bring_up(0);
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_init(10, PAN, 1, extended_array(8)), RADIO_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_init(27, PAN, 1, extended_array(8)), RADIO_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_init(11, 0x10000, 1, extended_array(8)),
            RADIO_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_init(11, PAN, -1, extended_array(8)), RADIO_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_init(11, PAN, 1, extended_array(7)), RADIO_ERROR_BAD_ARGUMENT);
    uint8_t frame[20] = {0};
    assert_int_equal(transmit(frame, 10, 0), RADIO_ERROR_NOT_INITIALISED);
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_energyDetect(11, 128), -1001);
    bring_up(1);
    assert_int_equal(transmit(frame, 2, 0), RADIO_ERROR_BAD_ARGUMENT);
    assert_int_equal(transmit(frame, 20, 2), RADIO_ERROR_BAD_ARGUMENT);
    jbyte *big = fake_java_array(&java_frame, 200);
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_transmit(big, 0, RADIO_MAX_FRAME_LENGTH + 1, 0),
            RADIO_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_receive(big, 150, 100), RADIO_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_energyDetect(26, 0), -1002);
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_energyDetect(27, 128), -1002);
    assert_int_equal(statistic(-1), -1);
    assert_int_equal(statistic(RADIO_STAT_COUNT), -1);
}

static void frame_for_us_is_received_with_its_quality(void **state)
{
    (void)state;
    bring_up(1);
    uint8_t sent[127];
    int length = data_frame(sent, PAN, SHORT_ADDRESS, 0, 1);
    arrive(sent, length, 1, 30);
    RADIO_IRQHandler();
    jbyte *frame;
    assert_int_equal(receive(&frame, 127), length);
    assert_memory_equal(frame, sent, (size_t)length);
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_lastLinkQuality(), 120);
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_lastRssi(), -62);
    assert_int_equal(receive(&frame, 127), 0);
    assert_int_equal(statistic(RADIO_STAT_RX_FRAMES), 1);
    assert_int_equal(air_count, 0); /* no ACK requested */
}

static void receive_also_polls_without_the_interrupt(void **state)
{
    (void)state;
    bring_up(1);
    uint8_t sent[127];
    int length = data_frame(sent, 0xFFFF, 0xFFFF, 0, 2);
    arrive(sent, length, 1, 100);
    jbyte *frame;
    assert_int_equal(receive(&frame, 127), length);
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_lastLinkQuality(), 255);
}

static void crc_failures_are_dropped_and_counted(void **state)
{
    (void)state;
    bring_up(1);
    uint8_t sent[127];
    int length = data_frame(sent, PAN, SHORT_ADDRESS, 1, 3);
    arrive(sent, length, 0, 30);
    RADIO_IRQHandler();
    jbyte *frame;
    assert_int_equal(receive(&frame, 127), 0);
    assert_int_equal(statistic(RADIO_STAT_RX_CRC_ERRORS), 1);
    assert_int_equal(air_count, 0); /* never acknowledged */
}

static void frames_for_other_pans_or_nodes_are_filtered(void **state)
{
    (void)state;
    bring_up(1);
    uint8_t sent[127];
    jbyte *frame;
    arrive(sent, data_frame(sent, 0x1111, SHORT_ADDRESS, 1, 4), 1, 30);
    RADIO_IRQHandler();
    arrive(sent, data_frame(sent, PAN, 0x4321, 1, 5), 1, 30);
    RADIO_IRQHandler();
    assert_int_equal(receive(&frame, 127), 0);
    assert_int_equal(statistic(RADIO_STAT_RX_FILTERED), 2);
    /* Broadcast address and broadcast PAN pass, and are not acknowledged. */
    arrive(sent, data_frame(sent, 0xFFFF, 0xFFFF, 1, 6), 1, 30);
    RADIO_IRQHandler();
    assert_int_equal(receive(&frame, 127), 16);
    assert_int_equal(air_count, 0);
}

static void frame_to_our_extended_address_passes(void **state)
{
    (void)state;
    bring_up(1);
    /* Data frame, extended destination (mode 3), no source: FCF 0x0C01. */
    uint8_t sent[20] = {0x01, 0x0C, 7, (uint8_t)PAN, (uint8_t)(PAN >> 8)};
    memcpy(sent + 5, extended, 8);
    arrive(sent, 15, 1, 10);
    jbyte *frame;
    assert_int_equal(receive(&frame, 127), 15);
    sent[5] ^= 1;
    arrive(sent, 15, 1, 10);
    assert_int_equal(receive(&frame, 127), 0);
    assert_int_equal(statistic(RADIO_STAT_RX_FILTERED), 1);
}

static void requested_ack_is_sent_192_us_after_the_frame(void **state)
{
    (void)state;
    bring_up(1);
    uint8_t sent[127];
    arrive(sent, data_frame(sent, PAN, SHORT_ADDRESS, 1, 0x5A), 1, 30);
    int64_t frame_end = fake_now;
    RADIO_IRQHandler();
    assert_int_equal(air_count, 1);
    const uint8_t expected_ack[4] = {5, 0x02, 0x00, 0x5A};
    assert_memory_equal(air[0], expected_ack, 4);
    /* TXEN 40 us (fast ramp-up) before the ACK's first symbol at 192 us. */
    int64_t txen = air_time[0] - frame_end;
    assert_true(txen >= 192 - 40 && txen <= 192 - 40 + 30);
    assert_int_equal(statistic(RADIO_STAT_ACKS_SENT), 1);
    jbyte *frame;
    assert_int_equal(receive(&frame, 127), 16);
}

static void frame_longer_than_the_java_buffer_is_dropped_and_counted(void **state)
{
    (void)state;
    bring_up(1);
    uint8_t sent[127];
    arrive(sent, data_frame(sent, PAN, SHORT_ADDRESS, 0, 8), 1, 30);
    RADIO_IRQHandler();
    jbyte *frame;
    assert_int_equal(receive(&frame, 10), 0);
    assert_int_equal(statistic(RADIO_STAT_RX_TOO_LONG), 1);
}

static void transmit_without_ack_goes_on_air_after_cca(void **state)
{
    (void)state;
    bring_up(1);
    uint8_t sent[127];
    int length = data_frame(sent, PAN, 0x4444, 0, 9);
    assert_int_equal(transmit(sent, length, 0), RADIO_TX_OK);
    assert_int_equal(air_count, 1);
    assert_int_equal(air[0][0], length + 2); /* PHR counts the FCS the radio appends */
    assert_memory_equal(air[0] + 1, sent, (size_t)length);
    assert_int_equal(cca_attempts, 1);
    assert_int_equal(statistic(RADIO_STAT_TX_FRAMES), 1);
}

static void busy_channel_backs_off_and_retries_cca(void **state)
{
    (void)state;
    bring_up(1);
    uint8_t sent[127];
    int length = data_frame(sent, PAN, 0x4444, 0, 10);
    cca_busy_remaining = 2;
    assert_int_equal(transmit(sent, length, 0), RADIO_TX_OK);
    assert_int_equal(cca_attempts, 3);
    assert_int_equal(air_count, 1);
}

static void channel_busy_through_every_backoff_fails_the_transmission(void **state)
{
    (void)state;
    bring_up(1);
    uint8_t sent[127];
    int length = data_frame(sent, PAN, 0x4444, 1, 11);
    cca_busy_remaining = 100;
    assert_int_equal(transmit(sent, length, RADIO_TX_FLAG_ACK_REQUEST), RADIO_TX_CCA_FAILED);
    assert_int_equal(cca_attempts, 4); /* macMaxCSMABackoffs 3, plus the first */
    assert_int_equal(air_count, 0);
    assert_int_equal(statistic(RADIO_STAT_TX_CCA_FAILED), 1);
    assert_int_equal(statistic(RADIO_STAT_TX_FRAMES), 0);
}

static void acknowledged_transmission_succeeds(void **state)
{
    (void)state;
    bring_up(1);
    uint8_t sent[127];
    int length = data_frame(sent, PAN, 0x4444, 1, 12);
    assert_int_equal(transmit(sent, length, RADIO_TX_FLAG_ACK_REQUEST), RADIO_TX_OK);
    assert_int_equal(air_count, 1);
    assert_int_equal(statistic(RADIO_STAT_TX_RETRIES), 0);
}

static void missing_acks_are_retried(void **state)
{
    (void)state;
    bring_up(1);
    uint8_t sent[127];
    int length = data_frame(sent, PAN, 0x4444, 1, 13);
    acks_missing = 2;
    assert_int_equal(transmit(sent, length, RADIO_TX_FLAG_ACK_REQUEST), RADIO_TX_OK);
    assert_int_equal(air_count, 3);
    assert_int_equal(statistic(RADIO_STAT_TX_RETRIES), 2);
}

static void no_ack_after_every_retry_is_reported(void **state)
{
    (void)state;
    bring_up(1);
    uint8_t sent[127];
    int length = data_frame(sent, PAN, 0x4444, 1, 14);
    acks_missing = 100;
    assert_int_equal(transmit(sent, length, RADIO_TX_FLAG_ACK_REQUEST), RADIO_TX_NO_ACK);
    assert_int_equal(air_count, 4); /* the frame and macMaxFrameRetries 3 */
    assert_int_equal(statistic(RADIO_STAT_TX_RETRIES), 3);
    assert_int_equal(statistic(RADIO_STAT_TX_NO_ACK), 1);
}

static void ack_with_another_sequence_number_does_not_count(void **state)
{
    (void)state;
    bring_up(1);
    uint8_t sent[127];
    int length = data_frame(sent, PAN, 0x4444, 1, 15);
    ack_sequence_offset = 1;
    assert_int_equal(transmit(sent, length, RADIO_TX_FLAG_ACK_REQUEST), RADIO_TX_NO_ACK);
}

static void transmit_is_busy_while_a_frame_arrives(void **state)
{
    (void)state;
    bring_up(1);
    fake_set(EVENTS_FRAMESTART, 1);
    uint8_t sent[127];
    int length = data_frame(sent, PAN, 0x4444, 0, 16);
    assert_int_equal(transmit(sent, length, 0), RADIO_TX_BUSY);
    assert_int_equal(air_count, 0);
}

static void energy_detection_reports_dbm_and_returns_to_the_channel(void **state)
{
    (void)state;
    bring_up(1);
    ed_sample = 20;
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_energyDetect(20, 1280), -72);
    assert_int_equal(fake_get(EDCNT), 9u); /* EDCNT + 1 = 10 periods of 128 us */
    assert_int_equal(Java_org_smoltcp4j_hal_Ieee802154Radio_energyDetect(20, 1), -72);
    assert_int_equal(fake_get(EDCNT), 0u); /* at least one period */
    assert_true(fake_write_position(FREQUENCY, 50u) >= 0); /* channel 20 measured */
    assert_int_equal(fake_get(FREQUENCY), 25u);             /* back on channel 15 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(init_configures_802154_mode_and_listens),
        cmocka_unit_test(init_fails_without_the_crystal),
        cmocka_unit_test(glue_rejects_bad_arguments),
        cmocka_unit_test(frame_for_us_is_received_with_its_quality),
        cmocka_unit_test(receive_also_polls_without_the_interrupt),
        cmocka_unit_test(crc_failures_are_dropped_and_counted),
        cmocka_unit_test(frames_for_other_pans_or_nodes_are_filtered),
        cmocka_unit_test(frame_to_our_extended_address_passes),
        cmocka_unit_test(requested_ack_is_sent_192_us_after_the_frame),
        cmocka_unit_test(frame_longer_than_the_java_buffer_is_dropped_and_counted),
        cmocka_unit_test(transmit_without_ack_goes_on_air_after_cca),
        cmocka_unit_test(busy_channel_backs_off_and_retries_cca),
        cmocka_unit_test(channel_busy_through_every_backoff_fails_the_transmission),
        cmocka_unit_test(acknowledged_transmission_succeeds),
        cmocka_unit_test(missing_acks_are_retried),
        cmocka_unit_test(no_ack_after_every_retry_is_reported),
        cmocka_unit_test(ack_with_another_sequence_number_does_not_count),
        cmocka_unit_test(transmit_is_busy_while_a_frame_arrives),
        cmocka_unit_test(energy_detection_reports_dbm_and_returns_to_the_channel),
    };
    return cmocka_run_group_tests_name("nrf52840-radio", tests, NULL, NULL);
}
