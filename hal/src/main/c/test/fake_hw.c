#include <string.h>
#include "fake_hw.h"
#include "hal_reg.h"
#include "hal_time.h"

#define MAX_REGISTERS 512
#define MAX_WRITES 8192
#define MAX_DMA_REGIONS 32
#define DMA_REGION_SPAN 0x100000u

struct entry {
    uint32_t address;
    uint32_t value;
};

static struct entry registers[MAX_REGISTERS];
static int register_count;
static struct entry writes[MAX_WRITES];
static int write_count;
static fake_read_hook read_hook;
static fake_write_hook write_hook;
static const volatile uint8_t *dma_regions[MAX_DMA_REGIONS];
static int dma_region_count;
static uint32_t dma_bus_base = 0x20000000u;
int64_t fake_now;

void fake_set_bus_base(uint32_t base)
{
    dma_bus_base = base;
}

void fake_hw_reset(fake_read_hook on_read, fake_write_hook on_write)
{
    register_count = 0;
    write_count = 0;
    read_hook = on_read;
    write_hook = on_write;
    fake_now = 0;
}

static struct entry *find(uint32_t address)
{
    for (int i = 0; i < register_count; i++) {
        if (registers[i].address == address) {
            return &registers[i];
        }
    }
    return 0;
}

uint32_t fake_get(uint32_t address)
{
    struct entry *e = find(address);
    return e ? e->value : 0;
}

void fake_set(uint32_t address, uint32_t value)
{
    struct entry *e = find(address);
    if (!e && register_count < MAX_REGISTERS) {
        e = &registers[register_count++];
        e->address = address;
    }
    if (e) {
        e->value = value;
    }
}

uint32_t fake_read32(uint32_t address)
{
    fake_now++;
    uint32_t stored = fake_get(address);
    return read_hook ? read_hook(address, stored) : stored;
}

void fake_write32(uint32_t address, uint32_t value)
{
    if (write_count < MAX_WRITES) {
        writes[write_count].address = address;
        writes[write_count].value = value;
        write_count++;
    }
    if (write_hook) {
        write_hook(address, value);
    } else {
        fake_set(address, value);
    }
}

int fake_write_position(uint32_t address, uint32_t bits)
{
    for (int i = 0; i < write_count; i++) {
        if (writes[i].address == address && (writes[i].value & bits) == bits) {
            return i;
        }
    }
    return -1;
}

int fake_write_count(uint32_t address)
{
    int n = 0;
    for (int i = 0; i < write_count; i++) {
        n += writes[i].address == address;
    }
    return n;
}

/* Bus addresses are 32-bit; host pointers are not. Each static object the drivers hand to the
   DMA gets a 1 MiB window of fake bus space at the first address taken inside it. */
uint32_t fake_bus_address(const volatile void *pointer)
{
    const volatile uint8_t *p = pointer;
    for (int i = 0; i < dma_region_count; i++) {
        if (p >= dma_regions[i] && p < dma_regions[i] + DMA_REGION_SPAN) {
            return dma_bus_base + (uint32_t)i * DMA_REGION_SPAN + (uint32_t)(p - dma_regions[i]);
        }
    }
    dma_regions[dma_region_count] = p;
    return dma_bus_base + (uint32_t)dma_region_count++ * DMA_REGION_SPAN;
}

void *fake_pointer(uint32_t bus_address)
{
    uint32_t offset = bus_address - dma_bus_base;
    return (void *)(uintptr_t)(dma_regions[offset / DMA_REGION_SPAN] + offset % DMA_REGION_SPAN);
}

/*
 * Weak: the timer tests link a real clock over fake registers instead. The virtual clock also
 * ticks when read, so busy-waits on it (802.15.4 turnaround, backoffs) end.
 */
__attribute__((weak)) int64_t hal_now_us(void)
{
    return fake_now++;
}

__attribute__((weak)) void hal_delay_us(uint32_t microseconds)
{
    fake_now += microseconds;
}

int8_t *fake_java_array(struct fake_java_array *array, int32_t length)
{
    memset(array, 0, sizeof *array);
    array->length = length;
    return array->elements;
}
