/*
 * The MPS2 AN500 image QEMU emulates has no true random number generator: HardwareRandom.fill
 * answers ERROR_NO_RNG, and the firmware falls back to weaker secrets with a warning in its boot log.
 */
#include "hal_random.h"

int hal_random_fill(uint8_t *out, int length)
{
    (void)out;
    (void)length;
    return RANDOM_ERROR_NO_RNG;
}
