/*
 * SNI glue of org.smoltcp4j.hal.DeviceIdentity: copies the family's unique-ID words into the Java
 * array, each word least significant byte first (the bytes as they lie in the little-endian
 * Cortex-M memory). Never blocks.
 */
#include "sni.h"
#include "hal_identity.h"
#include "hal_reg.h"

jint Java_org_smoltcp4j_hal_DeviceIdentity_uniqueId(jbyte *id)
{
    if (id == 0 || SNI_getArrayLength(id) < IDENTITY_MAX_LENGTH) {
        return IDENTITY_ERROR_BAD_ARGUMENT;
    }
    int words = hal_unique_id_location.words;
    if (words <= 0) {
        return IDENTITY_ERROR_NO_UNIQUE_ID;
    }
    for (int w = 0; w < words; w++) {
        uint32_t word = hal_read32(hal_unique_id_location.base + 4u * (uint32_t)w);
        for (int b = 0; b < 4; b++) {
            id[4 * w + b] = (jbyte)(word >> (8 * b));
        }
    }
    return 4 * words;
}
