/*
 * nRF52840 RADIO in IEEE 802.15.4 mode (nRF52840 Product Specification, "RADIO - 2.4 GHz radio",
 * "IEEE 802.15.4 operation"). The radio listens whenever it is not sending.
 *
 * Receiving: the RADIO interrupt (END) runs radio_service, which checks the CRC, filters by PAN
 * and address, queues the frame, and sends the acknowledgement itself (the radio has no
 * automatic ACK): 192 us (aTurnaroundTime) after the frame ended. receive() only takes frames
 * from that queue. Transmitting is blocking: CSMA-CA (random backoffs, CCA with the TX started by
 * the CCAIDLE short), then, if an ACK is requested, listening 864 us (macAckWaitDuration) for the
 * ACK with the frame's sequence number, with up to MAX_RETRIES retransmissions. Worst case
 * (every CCA busy, or every ACK missing) about (7+15+15+15) * 320 us + 4 * (4.3 + 0.9) ms = 38 ms;
 * typically 1..5 ms.
 *
 * Signal strength: the radio stores an energy sample after the frame (the "LQI" byte);
 * dBm = sample + ED_MIN_DBM, and the LQI reported is sample * 4 saturated at 255, as Nordic's
 * 802.15.4 driver scales it. EDSAMPLE and CCAEDTHRES use the same units.
 */
#include <string.h>
#include "hal_radio.h"
#include "hal_reg.h"
#include "hal_time.h"
#include "ieee802154_filter.h"

#define CLOCK_TASKS_HFCLKSTART 0x40000000u
#define CLOCK_EVENTS_HFCLKSTARTED 0x40000100u

#define RADIO_BASE 0x40001000u
#define TASKS_TXEN (RADIO_BASE + 0x000u)
#define TASKS_RXEN (RADIO_BASE + 0x004u)
#define TASKS_START (RADIO_BASE + 0x008u)
#define TASKS_DISABLE (RADIO_BASE + 0x010u)
#define EVENTS_END (RADIO_BASE + 0x10Cu)
#define EVENTS_DISABLED (RADIO_BASE + 0x110u)
#define EVENTS_FRAMESTART (RADIO_BASE + 0x138u)
#define EVENTS_EDEND (RADIO_BASE + 0x13Cu)
#define EVENTS_CCAIDLE (RADIO_BASE + 0x144u)
#define EVENTS_CCABUSY (RADIO_BASE + 0x148u)
#define EVENTS_PHYEND (RADIO_BASE + 0x16Cu)
#define SHORTS (RADIO_BASE + 0x200u)
#define INTENSET (RADIO_BASE + 0x304u)
#define INTENCLR (RADIO_BASE + 0x308u)
#define CRCSTATUS (RADIO_BASE + 0x400u)
#define PACKETPTR (RADIO_BASE + 0x504u)
#define FREQUENCY (RADIO_BASE + 0x508u)
#define TXPOWER (RADIO_BASE + 0x50Cu)
#define MODE (RADIO_BASE + 0x510u)
#define PCNF0 (RADIO_BASE + 0x514u)
#define PCNF1 (RADIO_BASE + 0x518u)
#define CRCCNF (RADIO_BASE + 0x534u)
#define CRCPOLY (RADIO_BASE + 0x538u)
#define CRCINIT (RADIO_BASE + 0x53Cu)
#define MODECNF0 (RADIO_BASE + 0x650u)
#define SFD (RADIO_BASE + 0x660u)
#define EDCNT (RADIO_BASE + 0x664u)
#define EDSAMPLE (RADIO_BASE + 0x668u)
#define CCACTRL (RADIO_BASE + 0x66Cu)
#define POWER (RADIO_BASE + 0xFFCu)

#define SHORT_RXREADY_CCASTART (1u << 11)
#define SHORT_CCAIDLE_TXEN (1u << 12)
#define SHORT_CCABUSY_DISABLE (1u << 13)
#define SHORT_READY_EDSTART (1u << 15)
#define SHORT_TXREADY_START (1u << 18)
#define SHORT_RXREADY_START (1u << 19)
#define SHORT_PHYEND_DISABLE (1u << 20)
#define INT_END (1u << 3)

#define MODE_IEEE802154_250KBIT 15u
#define PCNF0_LFLEN_8 8u
#define PCNF0_PLEN_32BIT_ZERO (2u << 24)
#define PCNF0_CRCINC (1u << 26)
#define PCNF1_MAXLEN_127 127u
#define CRCCNF_LEN_2 2u
#define CRCCNF_SKIPADDR_IEEE802154 (2u << 8)
#define CRC_POLY_ITU_T 0x11021u
#define SFD_IEEE802154 0xA7u
#define MODECNF0_RU_FAST 1u
#define MODECNF0_DTX_CENTER (2u << 8) /* the reset value of DTX: keep it */
#define CCAMODE_ED 0u
#define ED_MIN_DBM (-92)
#define CCA_THRESHOLD_DBM (-75)
#define TXPOWER_0DBM 0u
#define RADIO_IRQ 1

#define PHR_FCS_LENGTH 2
#define PACKET_SIZE 128 /* PHR + 127 bytes */
#define RX_QUEUE_LENGTH 4
#define ACK_LENGTH 3 /* frame control, sequence number (the FCS is added by the radio) */

#define TURNAROUND_US 192  /* aTurnaroundTime, 12 symbols */
#define ACK_WAIT_US 864    /* macAckWaitDuration, 54 symbols */
#define FAST_RAMP_UP_US 40
#define UNIT_BACKOFF_US 320 /* aUnitBackoffPeriod, 20 symbols */
#define MIN_BE 3
#define MAX_BE 4
#define MAX_CSMA_BACKOFFS 3
#define MAX_RETRIES 3
#define STATE_CHANGE_TIMEOUT_US 200
#define FRAME_TIMEOUT_US 6000 /* ramp-up, CCA and the longest frame (133 bytes at 32 us) */
#define HFXO_TIMEOUT_US 2000
#define ED_PERIOD_US 128 /* one energy measurement: 8 symbols */

struct queued_frame {
    uint8_t length;
    uint8_t energy;
    uint8_t data[RADIO_MAX_FRAME_LENGTH];
};

static uint8_t rx_packet[PACKET_SIZE];
static uint8_t tx_packet[PACKET_SIZE];
static uint8_t ack_packet[PACKET_SIZE];
static struct queued_frame queue[RX_QUEUE_LENGTH];
static unsigned queue_head;
static unsigned queue_count;
static struct ieee802154_identity identity;
static uint32_t channel_frequency;
static uint32_t random_state;

static uint32_t frequency_of(int channel)
{
    return (uint32_t)(5 * (channel - 10)); /* 2405 MHz + 5 MHz per channel above 11 */
}

static uint32_t next_random(void)
{
    random_state ^= random_state << 13; /* xorshift32: backoffs only need to differ between nodes */
    random_state ^= random_state >> 17;
    random_state ^= random_state << 5;
    return random_state;
}

static void wait_until(int64_t when)
{
    while (hal_now_us() < when) {
    }
}

static int trigger_and_wait(uint32_t task, uint32_t event, uint32_t timeout_us)
{
    hal_write32(event, 0);
    hal_write32(task, 1);
    return hal_wait_bits(event, 1u, 1u, timeout_us);
}

static void disable(void)
{
    hal_write32(SHORTS, 0);
    trigger_and_wait(TASKS_DISABLE, EVENTS_DISABLED, STATE_CHANGE_TIMEOUT_US);
}

static void listen(void)
{
    disable();
    hal_write32(FREQUENCY, channel_frequency);
    hal_write32(PACKETPTR, hal_bus_address(rx_packet));
    hal_write32(EVENTS_END, 0);
    hal_write32(EVENTS_FRAMESTART, 0);
    hal_write32(SHORTS, SHORT_RXREADY_START);
    hal_write32(TASKS_RXEN, 1);
}

static void send_ack(uint8_t sequence, int64_t frame_end)
{
    disable();
    ack_packet[0] = ACK_LENGTH + PHR_FCS_LENGTH;
    ack_packet[1] = IEEE802154_FRAME_TYPE_ACK;
    ack_packet[2] = 0;
    ack_packet[3] = sequence;
    hal_write32(PACKETPTR, hal_bus_address(ack_packet));
    hal_write32(SHORTS, SHORT_TXREADY_START | SHORT_PHYEND_DISABLE);
    wait_until(frame_end + TURNAROUND_US - FAST_RAMP_UP_US);
    if (trigger_and_wait(TASKS_TXEN, EVENTS_PHYEND, FRAME_TIMEOUT_US)) {
        radio_count(RADIO_STAT_ACKS_SENT, 1);
    }
}

static void queue_frame(const uint8_t *mpdu, int length, uint8_t energy)
{
    if (queue_count == RX_QUEUE_LENGTH) {
        return; /* Java is not keeping up; like a full RX ring, the newest frame is lost */
    }
    struct queued_frame *slot = &queue[(queue_head + queue_count) % RX_QUEUE_LENGTH];
    slot->length = (uint8_t)length;
    slot->energy = energy;
    memcpy(slot->data, mpdu, (size_t)length);
    queue_count++;
}

/* Handles a frame the radio finished receiving, if any; leaves the radio listening. */
static void radio_service(void)
{
    if (hal_read32(EVENTS_END) == 0) {
        return;
    }
    int64_t frame_end = hal_now_us();
    hal_write32(EVENTS_END, 0);
    int length = rx_packet[0] - PHR_FCS_LENGTH;
    if (hal_read32(CRCSTATUS) == 0 || length < 1 || length > RADIO_MAX_FRAME_LENGTH) {
        radio_count(RADIO_STAT_RX_CRC_ERRORS, 1);
        listen();
        return;
    }
    int verdict = ieee802154_filter(&identity, rx_packet + 1, length);
    if (verdict == FILTER_DROP) {
        radio_count(RADIO_STAT_RX_FILTERED, 1);
    } else {
        queue_frame(rx_packet + 1, length, rx_packet[1 + length]);
        if (verdict == FILTER_ACCEPT_AND_ACK) {
            send_ack(rx_packet[3], frame_end);
        }
    }
    listen();
}

void RADIO_IRQHandler(void)
{
    radio_service();
    hal_device_event();
}

int radio_driver_init(int channel, uint16_t pan_id, uint16_t short_address, const uint8_t extended_address[8])
{
    hal_write32(INTENCLR, INT_END);
    if (!trigger_and_wait(CLOCK_TASKS_HFCLKSTART, CLOCK_EVENTS_HFCLKSTARTED, HFXO_TIMEOUT_US)) {
        return RADIO_ERROR_HARDWARE; /* the radio needs the 32 MHz crystal */
    }
    hal_write32(POWER, 0); /* power cycling resets every radio register */
    hal_write32(POWER, 1);
    identity.pan_id = pan_id;
    identity.short_address = short_address;
    memcpy(identity.extended_address, extended_address, 8);
    channel_frequency = frequency_of(channel);
    random_state = (uint32_t)short_address << 16 | extended_address[0] | extended_address[7] << 8 | 1u;
    queue_head = 0;
    queue_count = 0;

    hal_write32(MODE, MODE_IEEE802154_250KBIT);
    hal_write32(MODECNF0, MODECNF0_RU_FAST | MODECNF0_DTX_CENTER);
    hal_write32(PCNF0, PCNF0_LFLEN_8 | PCNF0_PLEN_32BIT_ZERO | PCNF0_CRCINC);
    hal_write32(PCNF1, PCNF1_MAXLEN_127);
    hal_write32(CRCCNF, CRCCNF_LEN_2 | CRCCNF_SKIPADDR_IEEE802154);
    hal_write32(CRCPOLY, CRC_POLY_ITU_T);
    hal_write32(CRCINIT, 0);
    hal_write32(SFD, SFD_IEEE802154);
    hal_write32(TXPOWER, TXPOWER_0DBM);
    hal_write32(CCACTRL, CCAMODE_ED | (uint32_t)(CCA_THRESHOLD_DBM - ED_MIN_DBM) << 8);
    listen();
    hal_write32(INTENSET, INT_END);
    hal_nvic_enable(RADIO_IRQ);
    return RADIO_STATUS_OK;
}

int radio_driver_receive(uint8_t *frame, int capacity, struct radio_frame_quality *quality)
{
    hal_write32(INTENCLR, INT_END); /* the queue is shared with the interrupt handler */
    radio_service();
    int length = 0;
    while (queue_count > 0 && length == 0) {
        struct queued_frame *slot = &queue[queue_head];
        if (slot->length > capacity) {
            radio_count(RADIO_STAT_RX_TOO_LONG, 1);
        } else {
            length = slot->length;
            memcpy(frame, slot->data, (size_t)length);
            int lqi = slot->energy * 4;
            quality->lqi = lqi > 255 ? 255 : lqi;
            quality->rssi = slot->energy + ED_MIN_DBM;
        }
        queue_head = (queue_head + 1) % RX_QUEUE_LENGTH;
        queue_count--;
    }
    hal_write32(INTENSET, INT_END);
    return length;
}

/* One CSMA-CA transmission: RADIO_TX_OK once sent, RADIO_TX_CCA_FAILED, or RADIO_ERROR_HARDWARE. */
static int csma_ca_send(void)
{
    int exponent = MIN_BE;
    for (int backoffs = 0; backoffs <= MAX_CSMA_BACKOFFS; backoffs++) {
        uint32_t periods = next_random() & ((1u << exponent) - 1u);
        wait_until(hal_now_us() + (int64_t)periods * UNIT_BACKOFF_US);
        disable();
        hal_write32(PACKETPTR, hal_bus_address(tx_packet));
        hal_write32(EVENTS_CCABUSY, 0);
        hal_write32(EVENTS_PHYEND, 0);
        hal_write32(SHORTS, SHORT_RXREADY_CCASTART | SHORT_CCAIDLE_TXEN | SHORT_TXREADY_START | SHORT_CCABUSY_DISABLE
                | SHORT_PHYEND_DISABLE);
        hal_write32(TASKS_RXEN, 1);
        int64_t deadline = hal_now_us() + FRAME_TIMEOUT_US;
        for (;;) {
            if (hal_read32(EVENTS_PHYEND)) {
                return RADIO_TX_OK;
            }
            if (hal_read32(EVENTS_CCABUSY)) {
                break;
            }
            if (hal_now_us() > deadline) {
                return RADIO_ERROR_HARDWARE;
            }
        }
        exponent = exponent < MAX_BE ? exponent + 1 : MAX_BE;
    }
    return RADIO_TX_CCA_FAILED;
}

/* Listens for the ACK of `sequence` until macAckWaitDuration after our frame ended. */
static int acknowledged(uint8_t sequence)
{
    int64_t deadline = hal_now_us() + ACK_WAIT_US;
    disable();
    hal_write32(PACKETPTR, hal_bus_address(ack_packet));
    hal_write32(EVENTS_END, 0);
    hal_write32(SHORTS, SHORT_RXREADY_START);
    hal_write32(TASKS_RXEN, 1);
    while (hal_now_us() <= deadline) {
        if (hal_read32(EVENTS_END)) {
            hal_write32(EVENTS_END, 0);
            if (hal_read32(CRCSTATUS) && ack_packet[0] == ACK_LENGTH + PHR_FCS_LENGTH
                    && (ack_packet[1] & 7u) == IEEE802154_FRAME_TYPE_ACK && ack_packet[3] == sequence) {
                return 1;
            }
            hal_write32(TASKS_START, 1); /* another frame: keep listening */
        }
    }
    return 0;
}

static int transmit_attempts(int flags)
{
    for (int attempt = 0;; attempt++) {
        int sent = csma_ca_send();
        if (sent == RADIO_TX_CCA_FAILED) {
            radio_count(RADIO_STAT_TX_CCA_FAILED, 1);
            return sent;
        }
        if (sent != RADIO_TX_OK || !(flags & RADIO_TX_FLAG_ACK_REQUEST) || acknowledged(tx_packet[3])) {
            return sent;
        }
        if (attempt == MAX_RETRIES) {
            radio_count(RADIO_STAT_TX_NO_ACK, 1);
            return RADIO_TX_NO_ACK;
        }
        radio_count(RADIO_STAT_TX_RETRIES, 1);
    }
}

int radio_driver_transmit(const uint8_t *frame, int length, int flags)
{
    hal_write32(INTENCLR, INT_END);
    radio_service(); /* a frame that just ended is queued (and acknowledged) first */
    if (hal_read32(EVENTS_FRAMESTART) && !hal_read32(EVENTS_END)) {
        hal_write32(INTENSET, INT_END);
        return RADIO_TX_BUSY; /* a frame is arriving: do not cut it off */
    }
    tx_packet[0] = (uint8_t)(length + PHR_FCS_LENGTH);
    memcpy(tx_packet + 1, frame, (size_t)length);
    int result = transmit_attempts(flags);
    listen();
    hal_write32(INTENSET, INT_END);
    return result;
}

int radio_driver_energy_detect(int channel, int duration_us)
{
    hal_write32(INTENCLR, INT_END);
    disable();
    hal_write32(FREQUENCY, frequency_of(channel));
    /* The radio measures EDCNT + 1 periods and reports the highest. */
    hal_write32(EDCNT, (uint32_t)(duration_us + ED_PERIOD_US - 1) / ED_PERIOD_US - 1u);
    hal_write32(SHORTS, SHORT_READY_EDSTART);
    int done = trigger_and_wait(TASKS_RXEN, EVENTS_EDEND, (uint32_t)duration_us + 1000u);
    int result = done ? (int)(hal_read32(EDSAMPLE) & 0xFFu) + ED_MIN_DBM : RADIO_ED_ERROR_BASE + RADIO_ERROR_HARDWARE;
    listen();
    hal_write32(INTENSET, INT_END);
    return result;
}
