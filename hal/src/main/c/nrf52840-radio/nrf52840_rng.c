/*
 * The nRF52840 RNG peripheral (REGISTERS.md): one byte per VALRDY event, with bias correction
 * (CONFIG.DERCEN) on, since the raw generator's bits are not guaranteed uniform. Started for one
 * fill and stopped after it, also when a byte does not come in time.
 */
#include "hal_random.h"
#include "hal_reg.h"

#define RNG_BASE 0x4000D000u
#define RNG_TASKS_START (RNG_BASE + 0x000u)
#define RNG_TASKS_STOP (RNG_BASE + 0x004u)
#define RNG_EVENTS_VALRDY (RNG_BASE + 0x100u)
#define RNG_CONFIG (RNG_BASE + 0x504u)
#define RNG_VALUE (RNG_BASE + 0x508u)
#define RNG_CONFIG_DERCEN (1u << 0)

int hal_random_fill(uint8_t *out, int length)
{
    int status = 0;
    hal_write32(RNG_CONFIG, RNG_CONFIG_DERCEN);
    hal_write32(RNG_EVENTS_VALRDY, 0);
    hal_write32(RNG_TASKS_START, 1);
    for (int i = 0; i < length; i++) {
        if (!hal_wait_bits(RNG_EVENTS_VALRDY, 1u, 1u, RANDOM_WAIT_US)) {
            status = RANDOM_ERROR_TIMEOUT;
            break;
        }
        /* Cleared before VALUE is read: the next event then means a byte not read yet. */
        hal_write32(RNG_EVENTS_VALRDY, 0);
        out[i] = (uint8_t)hal_read32(RNG_VALUE);
    }
    hal_write32(RNG_TASKS_STOP, 1);
    return status;
}
