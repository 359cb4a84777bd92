/*
 * The STM32F7 and STM32H7 RNG (REGISTERS.md): 32 bits per DRDY, with the seed-error recovery of
 * the reference manuals (RM0410, RM0433 "Error management": clear SEIS, read and discard 12 words of
 * RNG_DR, confirm SEIS stays clear) tried once per fill; a clock error (CECS) is reported, not
 * recovered: the RNG's clock is the VEE Port's clock tree (F7: PLL48CLK from PLLQ; H7: its kernel
 * clock, HSI48 by default, which this driver turns on).
 */
#include "hal_random.h"
#include "hal_reg.h"
#include "hal_time.h"

#if defined(BOARD_NUCLEO_H743ZI)
#define RNG_BASE 0x48021800u
#define RCC_BASE 0x58024400u
#define RCC_AHB2ENR (RCC_BASE + 0xDCu)
#define RCC_CR (RCC_BASE + 0x00u)
#define RCC_CR_HSI48ON (1u << 12)
#define RCC_CR_HSI48RDY (1u << 13)
#elif defined(BOARD_STM32F746G_DISCO) || defined(BOARD_NUCLEO_F767ZI)
#define RNG_BASE 0x50060800u
#define RCC_BASE 0x40023800u
#define RCC_AHB2ENR (RCC_BASE + 0x34u)
#else
#error "define the board (BOARD_STM32F746G_DISCO, BOARD_NUCLEO_F767ZI or BOARD_NUCLEO_H743ZI)"
#endif

#define RCC_AHB2ENR_RNGEN (1u << 6)
#define RNG_CR (RNG_BASE + 0x0u)
#define RNG_SR (RNG_BASE + 0x4u)
#define RNG_DR (RNG_BASE + 0x8u)
#define RNG_CR_RNGEN (1u << 2)
#define RNG_SR_DRDY (1u << 0)
#define RNG_SR_CECS (1u << 1)
#define RNG_SR_SECS (1u << 2)
#define RNG_SR_SEIS (1u << 6)
#define SEED_ERROR_DISCARDED_WORDS 12

static int start(void)
{
#if defined(BOARD_NUCLEO_H743ZI)
    hal_set_bits(RCC_CR, RCC_CR_HSI48ON);
    if (!hal_wait_bits(RCC_CR, RCC_CR_HSI48RDY, RCC_CR_HSI48RDY, RANDOM_WAIT_US)) {
        return RANDOM_ERROR_CLOCK;
    }
#endif
    hal_set_bits(RCC_AHB2ENR, RCC_AHB2ENR_RNGEN);
    (void)hal_read32(RCC_AHB2ENR); /* the clock runs before the RNG's registers are written */
    hal_set_bits(RNG_CR, RNG_CR_RNGEN);
    return 0;
}

/* The reference manuals' sequence; 0 when the seed error is gone. */
static int recover_seed_error(void)
{
    hal_clear_bits(RNG_SR, RNG_SR_SEIS); /* SEIS and CEIS are cleared by 0, a 1 has no effect */
    for (int i = 0; i < SEED_ERROR_DISCARDED_WORDS; i++) {
        (void)hal_read32(RNG_DR);
    }
    return (hal_read32(RNG_SR) & (RNG_SR_SEIS | RNG_SR_SECS)) == 0 ? 0 : RANDOM_ERROR_SEED;
}

static int next_word(uint32_t *word, int *recovered)
{
    int64_t deadline = hal_now_us() + (int64_t)RANDOM_WAIT_US;
    for (;;) {
        uint32_t sr = hal_read32(RNG_SR);
        if (sr & RNG_SR_CECS) {
            return RANDOM_ERROR_CLOCK;
        }
        if (sr & (RNG_SR_SECS | RNG_SR_SEIS)) {
            /* A value waiting in RNG_DR now may lack entropy: never used. */
            if (*recovered || recover_seed_error() != 0) {
                return RANDOM_ERROR_SEED;
            }
            *recovered = 1;
            continue;
        }
        if (sr & RNG_SR_DRDY) {
            *word = hal_read32(RNG_DR);
            return 0;
        }
        if (hal_now_us() > deadline) {
            return RANDOM_ERROR_TIMEOUT;
        }
    }
}

int hal_random_fill(uint8_t *out, int length)
{
    int status = start();
    int recovered = 0;
    uint32_t word = 0;
    for (int i = 0; status == 0 && i < length; i++) {
        if (i % 4 == 0) {
            status = next_word(&word, &recovered);
        }
        out[i] = (uint8_t)(word >> (8 * (i % 4)));
    }
    hal_clear_bits(RNG_CR, RNG_CR_RNGEN);
    return status;
}
