/*
 * The LAN8742A PHY (STM32 Nucleo and Discovery boards) over MDIO. The MDIO register layout
 * differs between the STM32F7 MAC and the H7 QoS MAC, so each driver passes its access
 * functions in.
 */
#ifndef SMOLTCP4J_LAN8742A_H
#define SMOLTCP4J_LAN8742A_H

#include <stdint.h>

struct mdio_bus {
    /* Register value 0..0xFFFF, or -1 when the MDIO interface stayed busy. */
    int (*read)(int phy, int reg);
    /* 0, or -1 when the MDIO interface stayed busy. */
    int (*write)(int phy, int reg, uint16_t value);
};

/* Resets the PHY, checks its identifier, starts autonegotiation. ETH_STATUS_OK or ETH_ERROR_HARDWARE. */
int lan8742a_init(const struct mdio_bus *bus, int phy);

/* ETH_LINK_DOWN while the link is down or autonegotiation is not complete, else the speed/duplex. */
int lan8742a_link_state(const struct mdio_bus *bus, int phy);

#endif
