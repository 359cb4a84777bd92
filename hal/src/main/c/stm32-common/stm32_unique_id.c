/*
 * The STM32's 96-bit unique device ID (UID_BASE in ST's CMSIS device headers, REGISTERS.md):
 * 0x1FF0F420 on the STM32F7, 0x1FF1E800 on the STM32H7; three words.
 */
#include "hal_identity.h"

#if defined(BOARD_NUCLEO_H743ZI)
#define STM32_UID_BASE 0x1FF1E800u
#elif defined(BOARD_STM32F746G_DISCO) || defined(BOARD_NUCLEO_F767ZI)
#define STM32_UID_BASE 0x1FF0F420u
#else
#error "define the board (BOARD_STM32F746G_DISCO, BOARD_NUCLEO_F767ZI or BOARD_NUCLEO_H743ZI)"
#endif

const struct hal_unique_id_location hal_unique_id_location = {STM32_UID_BASE, 3};
