#include "fake_dma_mac.h"
#include "fake_lan8742a.h"

int fake_dma_tx_stalled;
int fake_dma_tx_failing;
int fake_dma_reset_stuck;

void fake_dma_reset(void)
{
    fake_phy_reset();
    fake_dma_tx_stalled = 0;
    fake_dma_tx_failing = 0;
    fake_dma_reset_stuck = 0;
}

void fake_dma_stall_transmitter(int stalled)
{
    fake_dma_tx_stalled = stalled;
    fake_dma_run_tx();
}

void fake_dma_fail_transmissions(int failing)
{
    fake_dma_tx_failing = failing;
}

void fake_dma_break_hardware(void)
{
    fake_dma_reset_stuck = 1; /* the MAC's software reset never completes (no REF_CLK) */
}
