/* HardwareTimer's SNI glue over the Cortex-M DWT clock, against fake DWT registers and SNI. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fake_hw.h"
#include "hal_time.h"
#include "sni.h"

#define DEMCR 0xE000EDFCu
#define DWT_CTRL 0xE0001000u
#define DWT_CYCCNT 0xE0001004u
#define DWT_LAR 0xE0001FB0u
#define CYCLES_PER_US 100u /* HAL_CPU_HZ of this test */

jlong Java_org_smoltcp4j_hal_HardwareTimer_nowMicros(void);
void Java_org_smoltcp4j_hal_HardwareTimer_waitUntil(jlong deadlineMicros);

static int setup(void **state)
{
    (void)state;
    fake_hw_reset(NULL, NULL);
    fake_sni_suspend_calls = 0;
    fake_sni_resume_calls = 0;
    return 0;
}

/* Runs first: the clock starts the cycle counter on first use. */
static void first_read_unlocks_and_starts_the_cycle_counter(void **state)
{
    (void)state;
    Java_org_smoltcp4j_hal_HardwareTimer_nowMicros();
    assert_true(fake_get(DEMCR) & (1u << 24));
    assert_int_equal(fake_get(DWT_LAR), 0xC5ACCE55u);
    assert_true(fake_get(DWT_CTRL) & 1u);
    assert_true(fake_write_position(DWT_LAR, 0xC5ACCE55u) < fake_write_position(DWT_CTRL, 1u));
}

static void now_counts_microseconds_across_counter_wraps(void **state)
{
    (void)state;
    fake_set(DWT_CYCCNT, 0xFFFFFF00u);
    jlong before = Java_org_smoltcp4j_hal_HardwareTimer_nowMicros();
    fake_set(DWT_CYCCNT, 0x00000100u);
    jlong after = Java_org_smoltcp4j_hal_HardwareTimer_nowMicros();
    assert_int_equal(after - before, 0x200 / CYCLES_PER_US);
    fake_set(DWT_CYCCNT, 0x00000100u + 5000u * CYCLES_PER_US);
    assert_int_equal(Java_org_smoltcp4j_hal_HardwareTimer_nowMicros() - after, 5000);
}

static void wait_until_a_past_deadline_returns_at_once(void **state)
{
    (void)state;
    jlong now = Java_org_smoltcp4j_hal_HardwareTimer_nowMicros();
    Java_org_smoltcp4j_hal_HardwareTimer_waitUntil(now);
    Java_org_smoltcp4j_hal_HardwareTimer_waitUntil(now - 1000);
    assert_int_equal(fake_sni_suspend_calls, 0);
}

static void wait_until_suspends_for_whole_milliseconds_rounded_up(void **state)
{
    (void)state;
    jlong now = Java_org_smoltcp4j_hal_HardwareTimer_nowMicros();
    Java_org_smoltcp4j_hal_HardwareTimer_waitUntil(now + 2500);
    assert_int_equal(fake_sni_suspend_calls, 1);
    assert_int_equal(fake_sni_last_suspend_ms, 3);
}

static void long_waits_are_capped_so_the_clock_sees_every_wrap(void **state)
{
    (void)state;
    jlong now = Java_org_smoltcp4j_hal_HardwareTimer_nowMicros();
    Java_org_smoltcp4j_hal_HardwareTimer_waitUntil(now + 60000000);
    assert_int_equal(fake_sni_last_suspend_ms, 1000);
}

static void device_event_resumes_the_waiting_thread(void **state)
{
    (void)state;
    jlong now = Java_org_smoltcp4j_hal_HardwareTimer_nowMicros();
    Java_org_smoltcp4j_hal_HardwareTimer_waitUntil(now + 10000);
    hal_device_event();
    assert_int_equal(fake_sni_resume_calls, 1);
    /* Resumed once only: a second event finds nobody waiting and is remembered instead. */
    hal_device_event();
    assert_int_equal(fake_sni_resume_calls, 1);
    Java_org_smoltcp4j_hal_HardwareTimer_waitUntil(now + 10000);
    assert_int_equal(fake_sni_suspend_calls, 1);
}

static void event_before_the_wait_makes_it_return_at_once(void **state)
{
    (void)state;
    hal_device_event();
    jlong now = Java_org_smoltcp4j_hal_HardwareTimer_nowMicros();
    Java_org_smoltcp4j_hal_HardwareTimer_waitUntil(now + 10000);
    assert_int_equal(fake_sni_suspend_calls, 0);
    Java_org_smoltcp4j_hal_HardwareTimer_waitUntil(now + 10000);
    assert_int_equal(fake_sni_suspend_calls, 1);
}

/* A counter that runs: every read finds it one microsecond further. */
static uint32_t running_counter(uint32_t address, uint32_t stored)
{
    if (address == DWT_CYCCNT) {
        fake_set(address, stored + CYCLES_PER_US);
    }
    return stored;
}

static void delay_busy_waits_at_least_the_time_asked(void **state)
{
    (void)state;
    fake_hw_reset(running_counter, NULL);
    jlong before = Java_org_smoltcp4j_hal_HardwareTimer_nowMicros();
    hal_delay_us(50);
    jlong after = Java_org_smoltcp4j_hal_HardwareTimer_nowMicros();
    assert_true(after - before >= 50 && after - before <= 55);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(first_read_unlocks_and_starts_the_cycle_counter, setup),
        cmocka_unit_test_setup(now_counts_microseconds_across_counter_wraps, setup),
        cmocka_unit_test_setup(wait_until_a_past_deadline_returns_at_once, setup),
        cmocka_unit_test_setup(wait_until_suspends_for_whole_milliseconds_rounded_up, setup),
        cmocka_unit_test_setup(long_waits_are_capped_so_the_clock_sees_every_wrap, setup),
        cmocka_unit_test_setup(device_event_resumes_the_waiting_thread, setup),
        cmocka_unit_test_setup(event_before_the_wait_makes_it_return_at_once, setup),
        cmocka_unit_test_setup(delay_busy_waits_at_least_the_time_asked, setup),
    };
    return cmocka_run_group_tests_name("hardware-timer", tests, NULL, NULL);
}
