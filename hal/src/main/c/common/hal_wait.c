#include "hal_reg.h"
#include "hal_time.h"

int hal_wait_bits(uint32_t address, uint32_t mask, uint32_t expected, uint32_t timeout_us)
{
    int64_t deadline = hal_now_us() + (int64_t)timeout_us;
    for (;;) {
        if ((hal_read32(address) & mask) == expected) {
            return 1;
        }
        if (hal_now_us() > deadline) {
            return 0;
        }
    }
}
