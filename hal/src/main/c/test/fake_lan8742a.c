#include "fake_lan8742a.h"

static uint16_t registers[32];
int fake_phy_responding;

void fake_phy_reset(void)
{
    for (int i = 0; i < 32; i++) {
        registers[i] = 0;
    }
    registers[2] = 0x0007;
    registers[3] = 0xC131;
    fake_phy_responding = 1;
    fake_phy_set_link(4);
}

uint16_t fake_phy_read(int phy, int reg)
{
    return phy == FAKE_PHY_ADDRESS ? registers[reg & 31] : 0xFFFF;
}

void fake_phy_write(int phy, int reg, uint16_t value)
{
    if (phy == FAKE_PHY_ADDRESS) {
        registers[reg & 31] = reg == 0 ? (uint16_t)(value & ~0x8000u) : value; /* reset ends at once */
    }
}

void fake_phy_set_link(int state)
{
    static const uint16_t speed_fields[] = {0, 1, 5, 2, 6}; /* indexed by ETH_LINK_* */
    registers[1] = state != 0 ? (1u << 2) | (1u << 5) : 0;
    registers[31] = (uint16_t)(speed_fields[state] << 2);
}
