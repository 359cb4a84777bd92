#include "stm32_rmii_pins.h"
#include "hal_reg.h"

#define PORT_A 0
#define PORT_B 1
#define PORT_C 2
#define PORT_G 6

#define GPIO_PORT_STRIDE 0x400u
#define GPIO_MODER 0x00u
#define GPIO_OTYPER 0x04u
#define GPIO_OSPEEDR 0x08u
#define GPIO_PUPDR 0x0Cu
#define GPIO_AFRL 0x20u
#define MODE_ALTERNATE 2u
#define SPEED_VERY_HIGH 3u
#define AF_ETH 11u

struct pin {
    uint8_t port;
    uint8_t number;
};

static const struct pin rmii_pins[] = {
    {PORT_A, 1}, {PORT_A, 2}, {PORT_C, 1}, {PORT_A, 7}, {PORT_C, 4}, {PORT_C, 5}, {PORT_G, 11}, {PORT_G, 13},
#if defined(BOARD_STM32F746G_DISCO)
    {PORT_G, 14},
#elif defined(BOARD_NUCLEO_F767ZI) || defined(BOARD_NUCLEO_H743ZI)
    {PORT_B, 13},
#else
#error "unknown STM32 board: define BOARD_STM32F746G_DISCO, BOARD_NUCLEO_F767ZI or BOARD_NUCLEO_H743ZI"
#endif
};

#define PIN_COUNT (sizeof rmii_pins / sizeof rmii_pins[0])

uint32_t stm32_rmii_port_mask(void)
{
    uint32_t mask = 0;
    for (unsigned i = 0; i < PIN_COUNT; i++) {
        mask |= 1u << rmii_pins[i].port;
    }
    return mask;
}

static void set_field(uint32_t address, unsigned shift, uint32_t width_mask, uint32_t value)
{
    hal_write32(address, (hal_read32(address) & ~(width_mask << shift)) | (value << shift));
}

void stm32_rmii_pins_configure(uint32_t gpio_base)
{
    for (unsigned i = 0; i < PIN_COUNT; i++) {
        uint32_t port = gpio_base + rmii_pins[i].port * GPIO_PORT_STRIDE;
        unsigned n = rmii_pins[i].number;
        set_field(port + GPIO_MODER, 2 * n, 3u, MODE_ALTERNATE);
        set_field(port + GPIO_OTYPER, n, 1u, 0u);
        set_field(port + GPIO_OSPEEDR, 2 * n, 3u, SPEED_VERY_HIGH);
        set_field(port + GPIO_PUPDR, 2 * n, 3u, 0u);
        set_field(port + GPIO_AFRL + 4 * (n / 8), 4 * (n % 8), 0xFu, AF_ETH);
    }
}
