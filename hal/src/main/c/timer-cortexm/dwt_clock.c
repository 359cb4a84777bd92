/*
 * hal_now_us for Cortex-M7 boards: the DWT cycle counter (32 bits at HAL_CPU_HZ), extended to
 * 64 bits. It needs no interrupt, so it leaves SysTick to the VEE Port's RTOS. At 216 MHz it
 * wraps every 19.9 s, far more than the 1 s suspension cap of HardwareTimer.waitUntil.
 */
#include "hal_reg.h"
#include "hal_time.h"
#include "hal_counter.h"

#ifndef HAL_CPU_HZ
#error "HAL_CPU_HZ (core clock in Hz) must be defined for the board"
#endif

#define DEMCR 0xE000EDFCu
#define DEMCR_TRCENA (1u << 24)
#define DWT_CTRL 0xE0001000u
#define DWT_CTRL_CYCCNTENA (1u << 0)
#define DWT_CYCCNT 0xE0001004u
#define DWT_LAR 0xE0001FB0u
#define DWT_LAR_UNLOCK 0xC5ACCE55u

static struct hal_counter cycles;
static int started;

static uint64_t cycles_now(void)
{
    if (!started) {
        hal_set_bits(DEMCR, DEMCR_TRCENA);
        hal_write32(DWT_LAR, DWT_LAR_UNLOCK); /* Cortex-M7 locks the DWT until this key is written */
        hal_write32(DWT_CYCCNT, 0);
        hal_set_bits(DWT_CTRL, DWT_CTRL_CYCCNTENA);
        started = 1;
    }
    return hal_counter_extend(&cycles, hal_read32(DWT_CYCCNT), 32);
}

int64_t hal_now_us(void)
{
    return (int64_t)(cycles_now() / (HAL_CPU_HZ / 1000000u));
}

void hal_delay_us(uint32_t microseconds)
{
    uint64_t end = cycles_now() + (uint64_t)microseconds * (HAL_CPU_HZ / 1000000u);
    while (cycles_now() < end) {
    }
}
