/*
 * hal_now_us for the nRF52840: RTC0 (24 bits at 32768 Hz from the LF crystal), extended to 64
 * bits; it wraps every 512 s and keeps counting in System ON sleep. Resolution is 30.5 us, so
 * hal_delay_us rounds up to whole ticks (the 192 us 802.15.4 turnaround lands within 192..223 us,
 * inside the 864 us the sender waits). RTC0 must not be used by anything else in the VEE Port.
 */
#include "hal_reg.h"
#include "hal_time.h"
#include "hal_counter.h"

#define CLOCK_BASE 0x40000000u
#define CLOCK_TASKS_LFCLKSTART (CLOCK_BASE + 0x008u)
#define CLOCK_EVENTS_LFCLKSTARTED (CLOCK_BASE + 0x104u)
#define CLOCK_LFCLKSRC (CLOCK_BASE + 0x518u)
#define CLOCK_LFCLKSRC_XTAL 1u

#define RTC0_BASE 0x4000B000u
#define RTC0_TASKS_START (RTC0_BASE + 0x000u)
#define RTC0_COUNTER (RTC0_BASE + 0x504u)
#define RTC0_PRESCALER (RTC0_BASE + 0x508u)

#define RTC_HZ 32768u
#define LFCLK_START_TIMEOUT_LOOPS 10000000u

static struct hal_counter ticks;
static int started;

static uint64_t ticks_now(void)
{
    if (!started) {
        hal_write32(CLOCK_LFCLKSRC, CLOCK_LFCLKSRC_XTAL);
        hal_write32(CLOCK_EVENTS_LFCLKSTARTED, 0);
        hal_write32(CLOCK_TASKS_LFCLKSTART, 1);
        /* Bounded by loop count: there is no clock yet to time out with. */
        for (uint32_t i = 0; i < LFCLK_START_TIMEOUT_LOOPS && hal_read32(CLOCK_EVENTS_LFCLKSTARTED) == 0; i++) {
        }
        hal_write32(RTC0_PRESCALER, 0);
        hal_write32(RTC0_TASKS_START, 1);
        started = 1;
    }
    return hal_counter_extend(&ticks, hal_read32(RTC0_COUNTER) & 0xFFFFFFu, 24);
}

int64_t hal_now_us(void)
{
    return (int64_t)(ticks_now() * 1000000u / RTC_HZ);
}

void hal_delay_us(uint32_t microseconds)
{
    uint64_t end = ticks_now() + ((uint64_t)microseconds * RTC_HZ + 999999u) / 1000000u;
    while (ticks_now() < end) {
    }
}
