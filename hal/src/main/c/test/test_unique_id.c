/*
 * DeviceIdentity's glue over one family's unique-ID location, against the register fake. Built
 * once per family; the expected address and length come from the Makefile (EXPECTED_UID_BASE,
 * EXPECTED_UID_BYTES: the values REGISTERS.md records from the vendor headers), so a wrong
 * address in a family file fails here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "fake_hw.h"
#include "hal_identity.h"
#include "sni.h"

jint Java_org_smoltcp4j_hal_DeviceIdentity_uniqueId(jbyte *id);

static struct fake_java_array array;

static void fill_id_words(void)
{
    fake_hw_reset(NULL, NULL);
    for (uint32_t w = 0; w < 3; w++) {
        /* Bytes 0x10 + 4w .. 0x13 + 4w, in memory order. */
        uint32_t b0 = 0x10u + 4u * w;
        fake_set(EXPECTED_UID_BASE + 4u * w, b0 | (b0 + 1u) << 8 | (b0 + 2u) << 16 | (b0 + 3u) << 24);
    }
}

static void copies_the_id_in_memory_order(void **state)
{
    (void)state;
    fill_id_words();
    jbyte *id = fake_java_array(&array, IDENTITY_MAX_LENGTH);
    memset(id, 0x55, IDENTITY_MAX_LENGTH);
    jint length = Java_org_smoltcp4j_hal_DeviceIdentity_uniqueId(id);
    if (EXPECTED_UID_BYTES == 0) {
        assert_int_equal(length, IDENTITY_ERROR_NO_UNIQUE_ID);
        return;
    }
    assert_int_equal(length, EXPECTED_UID_BYTES);
    for (int i = 0; i < EXPECTED_UID_BYTES; i++) {
        assert_int_equal((uint8_t)id[i], 0x10 + i);
    }
    for (int i = EXPECTED_UID_BYTES; i < IDENTITY_MAX_LENGTH; i++) {
        assert_int_equal((uint8_t)id[i], 0x55); /* past the ID: untouched */
    }
}

static void a_short_or_missing_array_is_a_bad_argument(void **state)
{
    (void)state;
    fill_id_words();
    jbyte *id = fake_java_array(&array, IDENTITY_MAX_LENGTH - 1);
    assert_int_equal(Java_org_smoltcp4j_hal_DeviceIdentity_uniqueId(id), IDENTITY_ERROR_BAD_ARGUMENT);
    assert_int_equal(Java_org_smoltcp4j_hal_DeviceIdentity_uniqueId(NULL), IDENTITY_ERROR_BAD_ARGUMENT);
    assert_int_equal(fake_write_count(EXPECTED_UID_BASE), 0);
}

static void the_id_is_only_read(void **state)
{
    (void)state;
    fill_id_words();
    Java_org_smoltcp4j_hal_DeviceIdentity_uniqueId(fake_java_array(&array, IDENTITY_MAX_LENGTH));
    for (uint32_t w = 0; w < 3; w++) {
        assert_int_equal(fake_write_count(EXPECTED_UID_BASE + 4u * w), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(copies_the_id_in_memory_order),
        cmocka_unit_test(a_short_or_missing_array_is_a_bad_argument),
        cmocka_unit_test(the_id_is_only_read),
    };
    return cmocka_run_group_tests_name(UNIQUE_ID_FAMILY, tests, NULL, NULL);
}
