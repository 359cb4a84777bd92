/*
 * The RMII pins of the supported STM32 boards (all AF11, very high speed, push-pull, no pull):
 * PA1 REF_CLK, PA2 MDIO, PC1 MDC, PA7 CRS_DV, PC4 RXD0, PC5 RXD1, PG11 TX_EN, PG13 TXD0, and TXD1
 * on PG14 (STM32F746G-DISCO) or PB13 (NUCLEO-F767ZI, NUCLEO-H743ZI). The board is chosen at
 * compile time with -DBOARD_<NAME>.
 */
#ifndef SMOLTCP4J_STM32_RMII_PINS_H
#define SMOLTCP4J_STM32_RMII_PINS_H

#include <stdint.h>

/* Bit n set: GPIO port n (A=0) carries an RMII pin; its clock must be on before configuring. */
uint32_t stm32_rmii_port_mask(void);

/* Puts every RMII pin in alternate function 11. gpio_base is GPIOA; ports follow every 0x400. */
void stm32_rmii_pins_configure(uint32_t gpio_base);

#endif
