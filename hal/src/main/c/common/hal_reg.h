/*
 * Register and DMA-address accessors: the only way drivers touch hardware.
 *
 * On the board these are volatile 32-bit loads and stores at absolute addresses. Host unit tests
 * build with HAL_HOST_FAKE, which routes every access to a register fake (test/fake_hw.c) that
 * models the peripheral, and translates the 32-bit bus addresses that descriptors hold to and
 * from host pointers (which are 64-bit there).
 */
#ifndef SMOLTCP4J_HAL_REG_H
#define SMOLTCP4J_HAL_REG_H

#include <stdint.h>

#ifdef HAL_HOST_FAKE

uint32_t fake_read32(uint32_t address);
void fake_write32(uint32_t address, uint32_t value);
uint32_t fake_bus_address(const volatile void *pointer);
void *fake_pointer(uint32_t bus_address);

static inline uint32_t hal_read32(uint32_t address) { return fake_read32(address); }
static inline void hal_write32(uint32_t address, uint32_t value) { fake_write32(address, value); }
static inline uint32_t hal_bus_address(const volatile void *pointer) { return fake_bus_address(pointer); }
static inline void hal_memory_barrier(void) { __sync_synchronize(); }

#else

static inline uint32_t hal_read32(uint32_t address) { return *(volatile uint32_t *)(uintptr_t)address; }
static inline void hal_write32(uint32_t address, uint32_t value) { *(volatile uint32_t *)(uintptr_t)address = value; }
static inline uint32_t hal_bus_address(const volatile void *pointer) { return (uint32_t)(uintptr_t)pointer; }
/* DSB: descriptor writes reach memory before the DMA is told to look at them. */
static inline void hal_memory_barrier(void) { __asm volatile("dsb 0xF" ::: "memory"); }

#endif

#ifdef HAL_HOST_FAKE
/* Host tests: DMA memory is ordinary static memory and there are no interrupts to mask. */
#define HAL_DMA_SECTION(name)
static inline uint32_t hal_irq_save(void) { return 0; }
static inline void hal_irq_restore(uint32_t saved) { (void)saved; }
#else
/*
 * DMA descriptors and buffers go to a named zero-initialised section (".bss." prefix: no space
 * in the image) that the VEE Port's linker script places where the DMA can reach it (README:
 * DTCM on F7, D2 SRAM on H7). Drivers check the placement at init and fail it otherwise.
 */
#define HAL_DMA_SECTION(name) __attribute__((section(name)))
static inline uint32_t hal_irq_save(void)
{
    uint32_t primask;
    __asm volatile("mrs %0, primask\n cpsid i" : "=r"(primask) :: "memory");
    return primask;
}
static inline void hal_irq_restore(uint32_t saved) { __asm volatile("msr primask, %0" :: "r"(saved) : "memory"); }
#endif

/* Enables an interrupt line in the Cortex-M NVIC. */
static inline void hal_nvic_enable(unsigned irq) { hal_write32(0xE000E100u + 4u * (irq / 32u), 1u << (irq % 32u)); }

static inline void hal_set_bits(uint32_t address, uint32_t bits) { hal_write32(address, hal_read32(address) | bits); }
static inline void hal_clear_bits(uint32_t address, uint32_t bits) { hal_write32(address, hal_read32(address) & ~bits); }

/*
 * Polls until (register & mask) == expected or timeout_us passes (hal_now_us). Returns 1 when the
 * condition was met, 0 on timeout; drivers turn a timeout into ERROR_HARDWARE instead of hanging.
 */
int hal_wait_bits(uint32_t address, uint32_t mask, uint32_t expected, uint32_t timeout_us);

#endif
