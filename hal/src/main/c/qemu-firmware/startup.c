/* Reset and vector table of the QEMU test firmware (Cortex-M7, mps2-an500). */
#include <stdint.h>
#include <string.h>

extern uint32_t __stack_top, __data_start, __data_end, __data_load, __bss_start, __bss_end;

int main(void);
void SysTick_Handler(void);
void Reset_Handler(void);

#define CPACR 0xE000ED88u
#define CPACR_CP10_CP11_FULL (0xFu << 20)

void Reset_Handler(void)
{
    memcpy(&__data_start, &__data_load, (size_t)((uint8_t *)&__data_end - (uint8_t *)&__data_start));
    memset(&__bss_start, 0, (size_t)((uint8_t *)&__bss_end - (uint8_t *)&__bss_start));
    /* The libraries are built for the hard-float ABI: the FPU must be on before any C runs. */
    *(volatile uint32_t *)CPACR |= CPACR_CP10_CP11_FULL;
    __asm volatile("dsb\n isb");
    main();
    for (;;) {
    }
}

static void hang(void)
{
    for (;;) {
    }
}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))&__stack_top, Reset_Handler, hang, hang, hang, hang, hang, 0, 0, 0, 0, hang, hang, 0, hang,
    SysTick_Handler,
};
