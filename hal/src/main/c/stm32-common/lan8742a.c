#include "lan8742a.h"
#include "hal_eth.h"
#include "hal_time.h"

#define REG_BCR 0
#define REG_BSR 1
#define REG_ID1 2
#define REG_SPECIAL_STATUS 31

#define BCR_RESET (1u << 15)
#define BCR_AUTONEG_ENABLE (1u << 12)
#define BCR_AUTONEG_RESTART (1u << 9)
#define BSR_LINK_UP (1u << 2)
#define BSR_AUTONEG_DONE (1u << 5)
#define ID1_MICROCHIP 0x0007
#define SPEED_FIELD(status) (((status) >> 2) & 7u)

#define RESET_TIMEOUT_US 500000

int lan8742a_init(const struct mdio_bus *bus, int phy)
{
    if (bus->write(phy, REG_BCR, BCR_RESET) != 0) {
        return ETH_ERROR_HARDWARE;
    }
    int64_t deadline = hal_now_us() + RESET_TIMEOUT_US;
    int control;
    do {
        control = bus->read(phy, REG_BCR);
        if (control < 0 || hal_now_us() > deadline) {
            return ETH_ERROR_HARDWARE;
        }
    } while (control & BCR_RESET);
    if (bus->read(phy, REG_ID1) != ID1_MICROCHIP) {
        return ETH_ERROR_HARDWARE;
    }
    if (bus->write(phy, REG_BCR, BCR_AUTONEG_ENABLE | BCR_AUTONEG_RESTART) != 0) {
        return ETH_ERROR_HARDWARE;
    }
    return ETH_STATUS_OK;
}

int lan8742a_link_state(const struct mdio_bus *bus, int phy)
{
    /* The link bit latches low: the first read reports a past drop, the second the present. */
    bus->read(phy, REG_BSR);
    int status = bus->read(phy, REG_BSR);
    if (status < 0 || !(status & BSR_LINK_UP) || !(status & BSR_AUTONEG_DONE)) {
        return ETH_LINK_DOWN;
    }
    int special = bus->read(phy, REG_SPECIAL_STATUS);
    if (special < 0) {
        return ETH_LINK_DOWN;
    }
    switch (SPEED_FIELD((unsigned)special)) {
    case 1: return ETH_LINK_UP_10_HALF;
    case 5: return ETH_LINK_UP_10_FULL;
    case 2: return ETH_LINK_UP_100_HALF;
    case 6: return ETH_LINK_UP_100_FULL;
    default: return ETH_LINK_DOWN;
    }
}
