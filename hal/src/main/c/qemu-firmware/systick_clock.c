/*
 * hal_now_us for the QEMU firmware: SysTick interrupting every millisecond, plus the counter's
 * position inside the millisecond. (The board libraries use the DWT cycle counter, which QEMU
 * does not model.)
 */
#include <stdint.h>
#include "hal_reg.h"
#include "hal_time.h"

#define SYST_CSR 0xE000E010u
#define SYST_RVR 0xE000E014u
#define SYST_CVR 0xE000E018u
#define SYST_CSR_ENABLE_TICKINT_CPUCLK 7u
#define CYCLES_PER_MS (HAL_CPU_HZ / 1000u)

static volatile uint32_t milliseconds;
static int started;

void SysTick_Handler(void);
void SysTick_Handler(void)
{
    milliseconds++;
}

int64_t hal_now_us(void)
{
    if (!started) {
        hal_write32(SYST_RVR, CYCLES_PER_MS - 1u);
        hal_write32(SYST_CVR, 0);
        hal_write32(SYST_CSR, SYST_CSR_ENABLE_TICKINT_CPUCLK);
        started = 1;
    }
    uint32_t ms, counter;
    do {
        ms = milliseconds;
        counter = hal_read32(SYST_CVR);
    } while (ms != milliseconds);
    return (int64_t)ms * 1000 + (CYCLES_PER_MS - 1u - counter) / (HAL_CPU_HZ / 1000000u);
}

void hal_delay_us(uint32_t microseconds)
{
    int64_t end = hal_now_us() + microseconds;
    while (hal_now_us() < end) {
    }
}
