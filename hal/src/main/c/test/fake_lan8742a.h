/* A LAN8742A behind MDIO for the STM32 MAC models: reset completes at once, link set by tests. */
#ifndef SMOLTCP4J_FAKE_LAN8742A_H
#define SMOLTCP4J_FAKE_LAN8742A_H

#include <stdint.h>

#define FAKE_PHY_ADDRESS 0

extern int fake_phy_responding;

void fake_phy_reset(void);
uint16_t fake_phy_read(int phy, int reg);
void fake_phy_write(int phy, int reg, uint16_t value);
/* ETH_LINK_DOWN, or up at an ETH_LINK_* speed and duplex (register 31 bits 4..2 as the chip sets them). */
void fake_phy_set_link(int state);

#endif
