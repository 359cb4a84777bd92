#include <string.h>
#include "responder.h"

#define ETH_HEADER 14
#define ETHERTYPE_ARP 0x0806
#define ETHERTYPE_IPV4 0x0800
#define ARP_LENGTH 28
#define ARP_REQUEST 1
#define ARP_REPLY 2
#define IP_PROTOCOL_ICMP 1
#define ICMP_ECHO_REQUEST 8
#define ICMP_ECHO_REPLY 0

static const uint8_t board_mac[6] = BOARD_MAC;
static const uint8_t board_ip[4] = BOARD_IP;

static uint16_t be16(const uint8_t *at)
{
    return (uint16_t)(at[0] << 8 | at[1]);
}

static void put_be16(uint8_t *at, uint16_t value)
{
    at[0] = (uint8_t)(value >> 8);
    at[1] = (uint8_t)value;
}

static uint16_t checksum(const uint8_t *data, int length)
{
    uint32_t sum = 0;
    for (int i = 0; i + 1 < length; i += 2) {
        sum += be16(data + i);
    }
    if (length & 1) {
        sum += (uint32_t)data[length - 1] << 8;
    }
    while (sum >> 16) {
        sum = (sum & 0xFFFFu) + (sum >> 16);
    }
    return (uint16_t)~sum;
}

static int answer_arp(const uint8_t *in, int length, uint8_t *out)
{
    const uint8_t *arp = in + ETH_HEADER;
    if (length < ETH_HEADER + ARP_LENGTH || be16(arp + 6) != ARP_REQUEST || memcmp(arp + 24, board_ip, 4) != 0) {
        return 0;
    }
    memcpy(out, arp + 8, 6);
    memcpy(out + 6, board_mac, 6);
    put_be16(out + 12, ETHERTYPE_ARP);
    uint8_t *reply = out + ETH_HEADER;
    memcpy(reply, arp, 6); /* hardware and protocol types and sizes */
    put_be16(reply + 6, ARP_REPLY);
    memcpy(reply + 8, board_mac, 6);
    memcpy(reply + 14, board_ip, 4);
    memcpy(reply + 18, arp + 8, 10); /* the requester's MAC and IP */
    return ETH_HEADER + ARP_LENGTH;
}

static int answer_ping(const uint8_t *in, int length, uint8_t *out)
{
    const uint8_t *ip = in + ETH_HEADER;
    if (length < ETH_HEADER + 20) {
        return 0;
    }
    int header = (ip[0] & 0xF) * 4;
    int total = be16(ip + 2);
    if ((ip[0] >> 4) != 4 || ip[9] != IP_PROTOCOL_ICMP || memcmp(ip + 16, board_ip, 4) != 0 || total > length - ETH_HEADER
            || total < header + 8 || ip[header] != ICMP_ECHO_REQUEST) {
        return 0;
    }
    memcpy(out, in + 6, 6);
    memcpy(out + 6, board_mac, 6);
    put_be16(out + 12, ETHERTYPE_IPV4);
    uint8_t *reply = out + ETH_HEADER;
    memcpy(reply, ip, (size_t)total);
    memcpy(reply + 12, ip + 16, 4);
    memcpy(reply + 16, ip + 12, 4);
    reply[8] = 64;
    put_be16(reply + 10, 0);
    put_be16(reply + 10, checksum(reply, header));
    uint8_t *icmp = reply + header;
    icmp[0] = ICMP_ECHO_REPLY;
    put_be16(icmp + 2, 0);
    put_be16(icmp + 2, checksum(icmp, total - header));
    return ETH_HEADER + total;
}

int respond(const uint8_t *in, int length, uint8_t *out)
{
    if (length < ETH_HEADER) {
        return 0;
    }
    switch (be16(in + 12)) {
    case ETHERTYPE_ARP:
        return answer_arp(in, length, out);
    case ETHERTYPE_IPV4:
        return answer_ping(in, length, out);
    default:
        return 0;
    }
}
