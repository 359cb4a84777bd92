/*
 * The MPS2 AN500 (as QEMU emulates it) has no unique device ID: DeviceIdentity.uniqueId answers
 * ERROR_NO_UNIQUE_ID, and its board file gives a fixed mac.address.
 */
#include "hal_identity.h"

const struct hal_unique_id_location hal_unique_id_location = {0u, 0};
