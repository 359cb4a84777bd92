/*
 * The chip's factory-programmed unique ID (org.smoltcp4j.hal.DeviceIdentity). Each family says
 * where its ID lies (REGISTERS.md "Unique device ID"); the SNI glue reads it with hal_read32.
 * The constants equal DeviceIdentity's (NativeSymbolsCrossCheckTest compares them).
 */
#ifndef SMOLTCP4J_HAL_IDENTITY_H
#define SMOLTCP4J_HAL_IDENTITY_H

#include <stdint.h>

#define IDENTITY_MAX_LENGTH 12
#define IDENTITY_ERROR_BAD_ARGUMENT (-2)
#define IDENTITY_ERROR_NO_UNIQUE_ID (-4)

/* Where the ID lies: `words` 32-bit words from `base`; words == 0 when the chip has none. */
struct hal_unique_id_location {
    uint32_t base;
    int words;
};

/* Defined once per family (stm32-common, nrf52840-radio, lan9118). */
extern const struct hal_unique_id_location hal_unique_id_location;

#endif
