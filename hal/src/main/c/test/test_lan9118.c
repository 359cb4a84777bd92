/* The LAN9118 driver against a model of its FIFOs, indirect MAC registers and internal PHY. */
#include <string.h>
#include "eth_driver_tests.h"
#include "fake_hw.h"
#include "hal_eth.h"

#define BASE 0xA0000000u
#define RX_DATA_FIFO (BASE + 0x00u)
#define TX_DATA_FIFO (BASE + 0x20u)
#define RX_STATUS_FIFO (BASE + 0x40u)
#define TX_STATUS_FIFO (BASE + 0x48u)
#define BYTE_TEST (BASE + 0x64u)
#define TX_CFG (BASE + 0x70u)
#define HW_CFG (BASE + 0x74u)
#define RX_FIFO_INF (BASE + 0x7Cu)
#define TX_FIFO_INF (BASE + 0x80u)
#define PMT_CTRL (BASE + 0x84u)
#define RX_DROP (BASE + 0xA0u)
#define MAC_CSR_CMD (BASE + 0xA4u)
#define MAC_CSR_DATA (BASE + 0xA8u)

#define MAC_CR 1
#define MAC_ADDRH 2
#define MAC_ADDRL 3
#define MII_ACC 6
#define MII_DATA 7
#define MAC_CR_FDPX (1u << 20)
#define TX_FIFO_BYTES 4608
#define RX_FIFO_FRAMES 4
#define MAX_WORDS 400

struct rx_frame {
    uint32_t status;
    uint32_t words[MAX_WORDS];
    uint32_t word_count;
};

static uint32_t mac_registers[16];
static uint16_t phy_registers[32];
static struct rx_frame rx_fifo[RX_FIFO_FRAMES];
static unsigned rx_head, rx_frames, rx_word;
static uint32_t tx_words[4][MAX_WORDS];
static unsigned tx_frames_pending, tx_word_at;
static uint32_t tx_status_words;
static int tx_stalled, tx_failing, broken;

static void emit_pending_frames(void)
{
    for (unsigned f = 0; !tx_stalled && f < tx_frames_pending; f++) {
        uint32_t length = tx_words[f][1] & 0x7FFu;
        eth_wire_put((const uint8_t *)&tx_words[f][2], (int)length); /* FIFO words are little-endian */
        tx_status_words++;
    }
    if (!tx_stalled) {
        tx_frames_pending = 0;
    }
}

static uint32_t tx_free_bytes(void)
{
    uint32_t used = 0;
    for (unsigned f = 0; f < tx_frames_pending; f++) {
        used += 8 + 4 * (((tx_words[f][1] & 0x7FFu) + 3) / 4);
    }
    return TX_FIFO_BYTES - used - 4 * tx_word_at;
}

static void tx_push(uint32_t word)
{
    uint32_t *frame = tx_words[tx_frames_pending];
    frame[tx_word_at++] = word;
    if (tx_word_at >= 2 && tx_word_at == 2 + ((frame[0] & 0x7FFu) + 3) / 4) {
        tx_word_at = 0;
        tx_frames_pending++;
        emit_pending_frames();
    }
}

static uint32_t rx_pop_word(void)
{
    struct rx_frame *frame = &rx_fifo[rx_head];
    uint32_t word = frame->words[rx_word++];
    if (rx_word == frame->word_count) {
        rx_word = 0;
        rx_head = (rx_head + 1) % RX_FIFO_FRAMES;
        rx_frames--;
    }
    return word;
}

static uint32_t on_read(uint32_t address, uint32_t stored)
{
    switch (address) {
    case BYTE_TEST:
        return broken ? 0 : 0x87654321u;
    case PMT_CTRL:
        return 1u;
    case RX_FIFO_INF:
        return rx_frames << 16; /* the driver reads a status, then all its words */
    case RX_STATUS_FIFO:
        return rx_fifo[rx_head].status;
    case RX_DATA_FIFO:
        return rx_pop_word();
    case TX_FIFO_INF:
        return (tx_status_words << 16) | tx_free_bytes();
    case TX_STATUS_FIFO:
        tx_status_words--;
        return tx_failing ? 1u << 15 : 0;
    case RX_DROP:
        fake_set(address, 0);
        return stored;
    }
    return stored;
}

static void mac_command(uint32_t command)
{
    unsigned index = command & 0xFu;
    if (command & (1u << 30)) {
        fake_set(MAC_CSR_DATA, mac_registers[index]);
    } else {
        mac_registers[index] = fake_get(MAC_CSR_DATA);
        if (index == MII_ACC) {
            uint32_t access = mac_registers[MII_ACC];
            unsigned reg = (access >> 6) & 31u;
            if (access & 2u) {
                phy_registers[reg] = (uint16_t)mac_registers[MII_DATA];
            } else {
                mac_registers[MII_DATA] = phy_registers[reg];
            }
            mac_registers[MII_ACC] &= ~1u;
        }
    }
    fake_set(MAC_CSR_CMD, command & ~(1u << 31));
}

static void on_write(uint32_t address, uint32_t value)
{
    if (address == TX_DATA_FIFO) {
        tx_push(value);
    } else if (address == MAC_CSR_CMD) {
        mac_command(value);
    } else if (address == HW_CFG) {
        fake_set(address, value & ~1u);
    } else {
        fake_set(address, value);
    }
}

static void set_link(int state)
{
    static const uint16_t partner[] = {0, 1u << 5, 1u << 6, 1u << 7, 1u << 8}; /* indexed by ETH_LINK_* */
    phy_registers[1] = state != ETH_LINK_DOWN ? (1u << 2) | (1u << 5) : 0;
    phy_registers[4] = 0x01E1;
    phy_registers[5] = partner[state];
}

static void install(void)
{
    fake_hw_reset(on_read, on_write);
    memset(mac_registers, 0, sizeof mac_registers);
    memset(phy_registers, 0, sizeof phy_registers);
    rx_head = rx_frames = rx_word = 0;
    tx_frames_pending = tx_word_at = tx_status_words = 0;
    tx_stalled = tx_failing = broken = 0;
    set_link(ETH_LINK_UP_100_FULL);
}

/* As QEMU's model: the status length counts a 4-byte FCS, which follows the frame in the FIFO. */
static void deliver(const uint8_t *frame, int length, int error)
{
    if (rx_frames == RX_FIFO_FRAMES) {
        fake_set(RX_DROP, fake_get(RX_DROP) + 1);
        return;
    }
    struct rx_frame *slot = &rx_fifo[(rx_head + rx_frames) % RX_FIFO_FRAMES];
    memset(slot->words, 0xA5, sizeof slot->words);
    memcpy(slot->words, frame, (size_t)length);
    slot->status = ((uint32_t)(length + 4) << 16) | (error ? 1u << 15 : 0);
    slot->word_count = ((uint32_t)length + 4 + 3) / 4;
    rx_frames++;
}

static void stall_transmitter(int stalled)
{
    tx_stalled = stalled;
    emit_pending_frames();
}

static void fail_transmissions(int failing)
{
    tx_failing = failing;
}

static int mac_full_duplex(void)
{
    return (mac_registers[MAC_CR] & MAC_CR_FDPX) != 0;
}

static void break_hardware(void)
{
    broken = 1;
}

const struct eth_model eth_model = {
    install, deliver, stall_transmitter, fail_transmissions, set_link, mac_full_duplex, break_hardware,
};

static void init_resets_sets_the_address_and_enables_both_directions(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    assert_true(fake_write_position(HW_CFG, 1u) < fake_write_position(TX_CFG, 2u));
    assert_int_equal(mac_registers[MAC_ADDRH], 0x3120u);
    assert_int_equal(mac_registers[MAC_ADDRL], 0x105E0002u);
    assert_int_equal(mac_registers[MAC_CR] & 0xCu, 0xCu); /* TXEN, RXEN */
    assert_int_equal(mac_registers[MAC_CR] & (1u << 18), 0u); /* not promiscuous */
    assert_int_equal(phy_registers[0] & (1u << 12), 1u << 12); /* autonegotiation */
}

static void transmit_writes_both_commands_then_the_words(void **state)
{
    (void)state;
    eth_test_bring_up(1);
    uint8_t sent[61];
    eth_test_pattern(sent, 61, 3);
    stall_transmitter(1);
    assert_int_equal(eth_test_transmit(sent, 61), ETH_TRANSMIT_SENT);
    assert_int_equal(tx_words[0][0], (1u << 13) | (1u << 12) | 61u);
    assert_int_equal(tx_words[0][1] & 0x7FFu, 61u);
    assert_int_equal(fake_write_count(TX_DATA_FIFO), 2 + 16);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        ETH_DRIVER_TESTS,
        cmocka_unit_test(init_resets_sets_the_address_and_enables_both_directions),
        cmocka_unit_test(transmit_writes_both_commands_then_the_words),
    };
    return cmocka_run_group_tests_name("lan9118", tests, NULL, NULL);
}
