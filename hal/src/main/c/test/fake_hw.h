/*
 * Register and DMA fake for host unit tests (HAL_HOST_FAKE). Registers are a sparse map from
 * address to value; a test installs a device model (read and write hooks) that gives them
 * behaviour (self-clearing bits, MDIO, FIFOs, a DMA engine walking descriptors). Every write is
 * logged so tests can check the order of an init sequence. A virtual clock advances 1 us per
 * register read and per clock read, so polling loops with timeouts always end.
 */
#ifndef SMOLTCP4J_FAKE_HW_H
#define SMOLTCP4J_FAKE_HW_H

#include <stdint.h>
#include "hal_reg.h" /* fake_pointer, fake_bus_address */

/* Returns the value the driver reads; `stored` is the register's current value in the map. */
typedef uint32_t (*fake_read_hook)(uint32_t address, uint32_t stored);
/* Called instead of storing; call fake_set to store. */
typedef void (*fake_write_hook)(uint32_t address, uint32_t value);

void fake_hw_reset(fake_read_hook on_read, fake_write_hook on_write);
uint32_t fake_get(uint32_t address);
void fake_set(uint32_t address, uint32_t value);

/* Position of the first logged write to address with all of `bits` set, or -1. */
int fake_write_position(uint32_t address, uint32_t bits);
/* Number of logged writes to address. */
int fake_write_count(uint32_t address);

/*
 * Where the fake bus space of DMA memory starts (default 0x20000000, the F7's DTCM). The first
 * object a driver hands out gets a 1 MiB window at this base, the next ones further windows.
 */
void fake_set_bus_base(uint32_t base);

/* The virtual clock (microseconds). */
extern int64_t fake_now;

/* A Java byte[] as the VM lays it out for SNI: the length word just before the elements. */
struct fake_java_array {
    int32_t length;
    int8_t elements[2048];
};
int8_t *fake_java_array(struct fake_java_array *array, int32_t length);

/* SNI thread calls seen by fake_sni.c. */
extern int fake_sni_suspend_calls;
extern int64_t fake_sni_last_suspend_ms;
extern int fake_sni_resume_calls;

#endif
