/*
 * Extends a free-running hardware counter of `bits` bits to 64 bits. Correct as long as it is
 * read at least once per wrap period (the HardwareTimer glue caps suspensions to guarantee it).
 */
#ifndef SMOLTCP4J_HAL_COUNTER_H
#define SMOLTCP4J_HAL_COUNTER_H

#include <stdint.h>

struct hal_counter {
    uint64_t high;     /* the wraps seen so far, already shifted */
    uint32_t last_raw;
};

static inline uint64_t hal_counter_extend(struct hal_counter *counter, uint32_t raw, unsigned bits)
{
    if (raw < counter->last_raw) {
        counter->high += (uint64_t)1 << bits;
    }
    counter->last_raw = raw;
    return counter->high | raw;
}

#endif
