/*
 * The nRF52840's 64-bit device identifier: FICR.DEVICEID[0..1] at FICR (0x10000000) + 0x060
 * (REGISTERS.md); two words.
 */
#include "hal_identity.h"

const struct hal_unique_id_location hal_unique_id_location = {0x10000060u, 2};
