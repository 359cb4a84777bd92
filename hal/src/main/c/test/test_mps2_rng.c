/* The MPS2 AN500 has no RNG: every fill answers ERROR_NO_RNG; a bad slice is still a bad argument. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fake_hw.h"
#include "hal_random.h"
#include "sni.h"

jint Java_org_smoltcp4j_hal_HardwareRandom_fill(jbyte *out, jint offset, jint length);

static struct fake_java_array array;

static void every_fill_answers_no_rng(void **state)
{
    (void)state;
    fake_hw_reset(NULL, NULL);
    jbyte *out = fake_java_array(&array, 16);
    assert_int_equal(Java_org_smoltcp4j_hal_HardwareRandom_fill(out, 0, 16), RANDOM_ERROR_NO_RNG);
    assert_int_equal(Java_org_smoltcp4j_hal_HardwareRandom_fill(out, 0, 17), RANDOM_ERROR_BAD_ARGUMENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_fill_answers_no_rng),
    };
    return cmocka_run_group_tests_name("rng-mps2-an500", tests, NULL, NULL);
}
