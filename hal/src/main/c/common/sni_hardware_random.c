/*
 * SNI glue of org.smoltcp4j.hal.HardwareRandom: checks the Java slice, then lets the family's
 * driver fill it. Busy-waits (bounded by RANDOM_WAIT_US per value): called at boot only.
 */
#include "sni.h"
#include "hal_random.h"
#include "java_array.h"

jint Java_org_smoltcp4j_hal_HardwareRandom_fill(jbyte *out, jint offset, jint length)
{
    if (!java_slice_valid(out, offset, length) || length > RANDOM_MAX_LENGTH) {
        return RANDOM_ERROR_BAD_ARGUMENT;
    }
    int status = hal_random_fill((uint8_t *)out + offset, length);
    return status < 0 ? status : length;
}
