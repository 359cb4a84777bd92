/*
 * Time as the drivers see it: a monotonic microsecond clock and a short busy delay. Each family
 * has one implementation (timer-cortexm: SysTick; timer-nrf52: RTC0); host tests use a virtual
 * clock (test/fake_hw.c).
 */
#ifndef SMOLTCP4J_HAL_TIME_H
#define SMOLTCP4J_HAL_TIME_H

#include <stdint.h>

/* Starts the clock; idempotent. cpu_hz is the core clock (ignored where the timer has its own). */
void hal_time_init(uint32_t cpu_hz);

/* Microseconds since hal_time_init, monotonic, 64-bit so it never wraps in practice. */
int64_t hal_now_us(void);

/* Busy-waits at least microseconds (used for PHY reset and 802.15.4 turnaround times). */
void hal_delay_us(uint32_t microseconds);

/*
 * A device event happened (frame received, link change): wakes a Java thread suspended in
 * HardwareTimer.waitUntil. Safe to call from an interrupt handler.
 */
void hal_device_event(void);

#endif
