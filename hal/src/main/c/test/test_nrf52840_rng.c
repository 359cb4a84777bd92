/*
 * The nRF52840 RNG driver against a model of the peripheral: a byte per VALRDY, bias correction
 * on before the start, stopped after the fill, a VALRDY that never comes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fake_hw.h"
#include "hal_random.h"
#include "sni.h"

jint Java_org_smoltcp4j_hal_HardwareRandom_fill(jbyte *out, jint offset, jint length);

#define RNG_TASKS_START 0x4000D000u
#define RNG_TASKS_STOP 0x4000D004u
#define RNG_EVENTS_VALRDY 0x4000D100u
#define RNG_CONFIG 0x4000D504u
#define RNG_VALUE 0x4000D508u

static int running;
static int broken;
static int values_read;
static struct fake_java_array array;

static uint32_t on_read(uint32_t address, uint32_t stored)
{
    if (address == RNG_EVENTS_VALRDY && running && !broken) {
        return 1; /* a new byte is always ready in the model */
    }
    if (address == RNG_VALUE) {
        return (uint32_t)(0xA0 + values_read++);
    }
    return stored;
}

static void on_write(uint32_t address, uint32_t value)
{
    if (address == RNG_TASKS_START && value) {
        running = 1;
    } else if (address == RNG_TASKS_STOP && value) {
        running = 0;
    }
    fake_set(address, value);
}

static void with(int is_broken)
{
    fake_hw_reset(on_read, on_write);
    running = 0;
    values_read = 0;
    broken = is_broken;
}

static void one_byte_per_event_with_bias_correction_then_stopped(void **state)
{
    (void)state;
    with(0);
    jbyte *out = fake_java_array(&array, 8);
    assert_int_equal(Java_org_smoltcp4j_hal_HardwareRandom_fill(out, 2, 3), 3);
    assert_int_equal((uint8_t)out[1], 0);
    assert_int_equal((uint8_t)out[2], 0xA0);
    assert_int_equal((uint8_t)out[4], 0xA2);
    assert_int_equal((uint8_t)out[5], 0);
    int bias = fake_write_position(RNG_CONFIG, 1u);
    assert_true(bias >= 0 && bias < fake_write_position(RNG_TASKS_START, 1u));
    assert_int_equal(fake_write_count(RNG_EVENTS_VALRDY), 1 + 3); /* cleared before the start and per byte */
    assert_false(running);
}

static void no_valrdy_is_a_timeout_and_the_generator_is_stopped(void **state)
{
    (void)state;
    with(1);
    jbyte *out = fake_java_array(&array, 8);
    assert_int_equal(Java_org_smoltcp4j_hal_HardwareRandom_fill(out, 0, 8), RANDOM_ERROR_TIMEOUT);
    assert_int_equal(values_read, 0);
    assert_true(fake_write_position(RNG_TASKS_STOP, 1u) >= 0);
    assert_false(running);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_byte_per_event_with_bias_correction_then_stopped),
        cmocka_unit_test(no_valrdy_is_a_timeout_and_the_generator_is_stopped),
    };
    return cmocka_run_group_tests_name("rng-nrf52840", tests, NULL, NULL);
}
