/*
 * The chip's hardware random number generator (org.smoltcp4j.hal.HardwareRandom). Each family
 * implements hal_random_fill (REGISTERS.md "Hardware random number generator"); the SNI glue checks
 * the Java slice. The constants equal HardwareRandom's (NativeSymbolsCrossCheckTest compares them).
 */
#ifndef SMOLTCP4J_HAL_RANDOM_H
#define SMOLTCP4J_HAL_RANDOM_H

#include <stdint.h>

#define RANDOM_MAX_LENGTH 64
#define RANDOM_ERROR_BAD_ARGUMENT (-2)
#define RANDOM_ERROR_TIMEOUT (-3)
#define RANDOM_ERROR_NO_RNG (-4)
#define RANDOM_ERROR_SEED (-5)
#define RANDOM_ERROR_CLOCK (-6)

/*
 * The longest busy-wait for one value (an nRF52840 byte with bias correction, an STM32 word) or
 * for a clock the driver starts, in microseconds; past it the driver gives up with
 * RANDOM_ERROR_TIMEOUT instead of hanging the VM.
 */
#define RANDOM_WAIT_US 1000u

/* Fills out[0 .. length) (length 0 .. RANDOM_MAX_LENGTH); returns 0 or a negative RANDOM_ERROR_*. */
int hal_random_fill(uint8_t *out, int length);

#endif
