/*
 * The STM32 RNG driver and the HardwareRandom glue against a model of the RNG: DRDY after
 * enabling, a seed error that the reference manuals' sequence clears (or not), a clock error, a
 * DRDY that never comes. Built once per register map (EXPECTED_* from the Makefile).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "fake_hw.h"
#include "hal_random.h"
#include "sni.h"

jint Java_org_smoltcp4j_hal_HardwareRandom_fill(jbyte *out, jint offset, jint length);

#define RNG_CR (EXPECTED_RNG_BASE + 0x0u)
#define RNG_SR (EXPECTED_RNG_BASE + 0x4u)
#define RNG_DR (EXPECTED_RNG_BASE + 0x8u)
#define CR_RNGEN (1u << 2)
#define SR_DRDY (1u << 0)
#define SR_CECS (1u << 1)
#define SR_SECS (1u << 2)
#define SR_SEIS (1u << 6)
#define AHB2ENR_RNGEN (1u << 6)

enum fault { NONE, SEED_ERROR_RECOVERABLE, SEED_ERROR_PERSISTENT, CLOCK_ERROR, NEVER_READY };

static enum fault fault;
static int seed_error;        /* SECS/SEIS shown */
static int discarded_reads;   /* RNG_DR reads since SEIS was cleared during a seed error */
static uint32_t next_value;
static int used_values;       /* values read while no seed error was shown */
static struct fake_java_array array;

static uint32_t on_read(uint32_t address, uint32_t stored)
{
    if (address == RNG_SR) {
        if (fault == CLOCK_ERROR) {
            return SR_CECS;
        }
        if (seed_error) {
            return SR_SECS | (stored & SR_SEIS);
        }
        int enabled = (fake_get(RNG_CR) & CR_RNGEN) && (fake_get(EXPECTED_RCC_AHB2ENR) & AHB2ENR_RNGEN);
        return enabled && fault != NEVER_READY ? SR_DRDY : 0;
    }
    if (address == RNG_DR) {
        if (!seed_error) {
            used_values++;
        } else if (!(fake_get(RNG_SR) & SR_SEIS) && ++discarded_reads == 12 && fault == SEED_ERROR_RECOVERABLE) {
            seed_error = 0;
        }
        return next_value++;
    }
#ifdef EXPECTED_RCC_CR
    if (address == EXPECTED_RCC_CR) {
        return stored & (1u << 12) ? stored | (1u << 13) : stored; /* HSI48RDY follows HSI48ON */
    }
#endif
    return stored;
}

static void with(enum fault f)
{
    fake_hw_reset(on_read, NULL);
    fault = f;
    seed_error = f == SEED_ERROR_RECOVERABLE || f == SEED_ERROR_PERSISTENT;
    fake_set(RNG_SR, seed_error ? SR_SEIS : 0);
    discarded_reads = 0;
    used_values = 0;
    next_value = 0x03020100u;
}

static jint fill(int offset, int length)
{
    jbyte *out = fake_java_array(&array, 32);
    return Java_org_smoltcp4j_hal_HardwareRandom_fill(out, offset, length);
}

static void fills_words_least_significant_byte_first_after_the_clock(void **state)
{
    (void)state;
    with(NONE);
    assert_int_equal(fill(1, 6), 6);
    const uint8_t expected[] = {0, 0x00, 0x01, 0x02, 0x03, 0x01, 0x01, 0}; /* 0x03020100, then 0x03020101 */
    assert_memory_equal(array.elements, expected, sizeof expected);
    int clock = fake_write_position(EXPECTED_RCC_AHB2ENR, AHB2ENR_RNGEN);
    assert_true(clock >= 0 && clock < fake_write_position(RNG_CR, CR_RNGEN));
    assert_int_equal(fake_get(RNG_CR) & CR_RNGEN, 0); /* disabled again after the fill */
#ifdef EXPECTED_RCC_CR
    assert_true(fake_write_position(EXPECTED_RCC_CR, 1u << 12) >= 0); /* H7: HSI48 on for the kernel clock */
#endif
}

static void a_seed_error_is_cleared_by_the_reference_manuals_sequence(void **state)
{
    (void)state;
    with(SEED_ERROR_RECOVERABLE);
    assert_int_equal(fill(0, 4), 4);
    assert_int_equal(discarded_reads, 12);
    assert_int_equal(used_values, 1); /* only a value read after recovery reaches the caller */
    assert_true(fake_write_position(RNG_SR, 0) >= 0);
    assert_int_equal(fake_get(RNG_SR) & SR_SEIS, 0);
}

static void a_seed_error_that_stays_is_reported(void **state)
{
    (void)state;
    with(SEED_ERROR_PERSISTENT);
    assert_int_equal(fill(0, 4), RANDOM_ERROR_SEED);
    assert_int_equal(used_values, 0);
}

static void a_clock_error_is_reported(void **state)
{
    (void)state;
    with(CLOCK_ERROR);
    assert_int_equal(fill(0, 4), RANDOM_ERROR_CLOCK);
}

static void no_drdy_is_a_timeout_not_a_hang(void **state)
{
    (void)state;
    with(NEVER_READY);
    int64_t before = fake_now;
    assert_int_equal(fill(0, 16), RANDOM_ERROR_TIMEOUT);
    assert_true(fake_now - before <= 4 * (int64_t)RANDOM_WAIT_US); /* one bounded wait, not one per byte */
    assert_int_equal(fake_get(RNG_CR) & CR_RNGEN, 0);
}

static void bad_slices_touch_nothing(void **state)
{
    (void)state;
    with(NONE);
    assert_int_equal(Java_org_smoltcp4j_hal_HardwareRandom_fill(NULL, 0, 4), RANDOM_ERROR_BAD_ARGUMENT);
    assert_int_equal(fill(-1, 4), RANDOM_ERROR_BAD_ARGUMENT);
    assert_int_equal(fill(0, -1), RANDOM_ERROR_BAD_ARGUMENT);
    assert_int_equal(fill(30, 4), RANDOM_ERROR_BAD_ARGUMENT);
    jbyte *big = fake_java_array(&array, 2 * RANDOM_MAX_LENGTH);
    assert_int_equal(Java_org_smoltcp4j_hal_HardwareRandom_fill(big, 0, RANDOM_MAX_LENGTH + 1), RANDOM_ERROR_BAD_ARGUMENT);
    assert_int_equal(fake_write_count(RNG_CR), 0);
    assert_int_equal(Java_org_smoltcp4j_hal_HardwareRandom_fill(big, 0, RANDOM_MAX_LENGTH), RANDOM_MAX_LENGTH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fills_words_least_significant_byte_first_after_the_clock),
        cmocka_unit_test(a_seed_error_is_cleared_by_the_reference_manuals_sequence),
        cmocka_unit_test(a_seed_error_that_stays_is_reported),
        cmocka_unit_test(a_clock_error_is_reported),
        cmocka_unit_test(no_drdy_is_a_timeout_not_a_hang),
        cmocka_unit_test(bad_slices_touch_nothing),
    };
    return cmocka_run_group_tests_name(RNG_FAMILY, tests, NULL, NULL);
}
