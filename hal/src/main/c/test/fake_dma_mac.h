/*
 * What the two descriptor-DMA MAC models (STM32F7, STM32H7) share: the switches the generic
 * driver tests flip, and the model hooks built on them. Each model defines fake_dma_run_tx (its
 * transmit DMA walking the descriptors) and fake_dma_full_duplex (from its MACCR).
 */
#ifndef SMOLTCP4J_FAKE_DMA_MAC_H
#define SMOLTCP4J_FAKE_DMA_MAC_H

extern int fake_dma_tx_stalled;
extern int fake_dma_tx_failing;
extern int fake_dma_reset_stuck;

void fake_dma_run_tx(void);

/* Clears the switches and resets the PHY (link up, 100 Mbit/s full duplex). */
void fake_dma_reset(void);
void fake_dma_stall_transmitter(int stalled);
void fake_dma_fail_transmissions(int failing);
void fake_dma_break_hardware(void);

#endif
