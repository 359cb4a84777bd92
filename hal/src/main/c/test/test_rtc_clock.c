/* The nRF52 RTC0 clock against fake CLOCK and RTC registers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fake_hw.h"
#include "hal_time.h"

#define CLOCK_TASKS_LFCLKSTART 0x40000008u
#define CLOCK_EVENTS_LFCLKSTARTED 0x40000104u
#define CLOCK_LFCLKSRC 0x40000518u
#define RTC0_TASKS_START 0x4000B000u
#define RTC0_COUNTER 0x4000B504u

static void on_write(uint32_t address, uint32_t value)
{
    fake_set(address, value);
    if (address == CLOCK_TASKS_LFCLKSTART) {
        fake_set(CLOCK_EVENTS_LFCLKSTARTED, 1);
    }
}

/* Runs first: the clock starts the LF crystal and RTC0 on first use. */
static void first_read_starts_the_crystal_then_the_rtc(void **state)
{
    (void)state;
    fake_hw_reset(NULL, on_write);
    hal_now_us();
    assert_int_equal(fake_get(CLOCK_LFCLKSRC), 1u);
    assert_true(fake_write_position(CLOCK_TASKS_LFCLKSTART, 1) < fake_write_position(RTC0_TASKS_START, 1));
}

static void ticks_become_microseconds_across_the_24_bit_wrap(void **state)
{
    (void)state;
    fake_set(RTC0_COUNTER, 0xFFFFF0u);
    int64_t before = hal_now_us();
    fake_set(RTC0_COUNTER, 0x000010u);
    int64_t after = hal_now_us();
    assert_in_range(after - before, 976, 977); /* 32 ticks of 30.5 us, each reading truncated */
    fake_set(RTC0_COUNTER, 0x000010u + 32768u);
    assert_int_equal(hal_now_us() - after, 1000000);
}

static uint32_t running_rtc(uint32_t address, uint32_t stored)
{
    if (address == RTC0_COUNTER) {
        fake_set(address, (stored + 1u) & 0xFFFFFFu);
    }
    return stored;
}

static void delay_rounds_up_to_whole_ticks(void **state)
{
    (void)state;
    fake_hw_reset(running_rtc, NULL);
    fake_set(RTC0_COUNTER, 100);
    int64_t before = hal_now_us();
    hal_delay_us(192); /* 6.3 ticks: 7 */
    int64_t after = hal_now_us();
    /* Each reading of this fake advances it a tick, so allow the readings' own ticks on top. */
    assert_in_range(after - before, 192, 192 + 4 * 31);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(first_read_starts_the_crystal_then_the_rtc),
        cmocka_unit_test(ticks_become_microseconds_across_the_24_bit_wrap),
        cmocka_unit_test(delay_rounds_up_to_whole_ticks),
    };
    return cmocka_run_group_tests_name("rtc-clock", tests, NULL, NULL);
}
