/*
 * QEMU test firmware: brings up the LAN9118 through the same SNI entry points a MicroEJ VM
 * calls (EthernetMac.init/receive/transmit, with Java arrays laid out as SNI passes them), then
 * answers every ARP request and ping addressed to it, forever. The host test kills QEMU.
 */
#include <string.h>
#include "sni.h"
#include "hal_eth.h"
#include "responder.h"

#define LAN9118_PHY 1 /* the internal PHY's MDIO address */
#define FRAME_CAPACITY 1536

jint Java_org_smoltcp4j_hal_EthernetMac_init(jbyte *macAddress, jint phyAddress);
jint Java_org_smoltcp4j_hal_EthernetMac_linkState(void);
jint Java_org_smoltcp4j_hal_EthernetMac_receive(jbyte *frame, jint offset, jint capacity);
jint Java_org_smoltcp4j_hal_EthernetMac_transmit(jbyte *frame, jint offset, jint length);

/* A Java byte[] as SNI sees it: the element count just before the elements. */
struct java_bytes {
    jint length;
    jbyte elements[FRAME_CAPACITY];
};

static struct java_bytes mac = {6, BOARD_MAC};
static struct java_bytes received = {FRAME_CAPACITY, {0}};
static struct java_bytes answer = {FRAME_CAPACITY, {0}};

int main(void)
{
    if (Java_org_smoltcp4j_hal_EthernetMac_init(mac.elements, LAN9118_PHY) != ETH_STATUS_OK
            || Java_org_smoltcp4j_hal_EthernetMac_linkState() == ETH_LINK_DOWN) {
        return 1; /* the host test sees no answers */
    }
    for (;;) {
        int length = Java_org_smoltcp4j_hal_EthernetMac_receive(received.elements, 0, FRAME_CAPACITY);
        if (length <= 0) {
            continue;
        }
        int reply = respond((const uint8_t *)received.elements, length, (uint8_t *)answer.elements);
        while (reply > 0 && Java_org_smoltcp4j_hal_EthernetMac_transmit(answer.elements, 0, reply) == ETH_TRANSMIT_BUSY) {
        }
    }
}
