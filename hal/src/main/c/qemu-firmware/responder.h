/* The test firmware's network personality: answers ARP requests and ICMP echo requests. */
#ifndef SMOLTCP4J_RESPONDER_H
#define SMOLTCP4J_RESPONDER_H

#include <stdint.h>

#define BOARD_MAC {0x02, 0x00, 0x00, 0x00, 0x00, 0x02}
#define BOARD_IP {10, 42, 0, 2}

/* Builds the answer to in[0..length) into out: its length, or 0 when there is none. */
int respond(const uint8_t *in, int length, uint8_t *out);

#endif
