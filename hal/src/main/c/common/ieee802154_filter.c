#include <string.h>
#include "ieee802154_filter.h"

#define ADDRESS_MODE_NONE 0
#define ADDRESS_MODE_SHORT 2
#define ADDRESS_MODE_EXTENDED 3
#define BROADCAST 0xFFFFu
#define HEADER_BEFORE_ADDRESSES 3 /* frame control (2) and sequence number (1) */

static uint16_t little_endian16(const uint8_t *at)
{
    return (uint16_t)(at[0] | (at[1] << 8));
}

int ieee802154_filter(const struct ieee802154_identity *us, const uint8_t *frame, int length)
{
    if (length < HEADER_BEFORE_ADDRESSES) {
        return FILTER_DROP;
    }
    uint16_t control = little_endian16(frame);
    if ((control & 7u) == IEEE802154_FRAME_TYPE_ACK) {
        return FILTER_DROP;
    }
    unsigned mode = (control >> 10) & 3u;
    if (mode == ADDRESS_MODE_NONE) {
        return FILTER_ACCEPT; /* beacons, and frames to the coordinator: the stack decides */
    }
    int address_length = mode == ADDRESS_MODE_SHORT ? 2 : mode == ADDRESS_MODE_EXTENDED ? 8 : -1;
    if (address_length < 0 || length < HEADER_BEFORE_ADDRESSES + 2 + address_length) {
        return FILTER_DROP;
    }
    uint16_t pan = little_endian16(frame + HEADER_BEFORE_ADDRESSES);
    const uint8_t *address = frame + HEADER_BEFORE_ADDRESSES + 2;
    if (pan != us->pan_id && pan != BROADCAST) {
        return FILTER_DROP;
    }
    if (mode == ADDRESS_MODE_SHORT) {
        uint16_t destination = little_endian16(address);
        if (destination == BROADCAST) {
            return FILTER_ACCEPT; /* never acknowledged */
        }
        if (destination != us->short_address) {
            return FILTER_DROP;
        }
    } else if (memcmp(address, us->extended_address, 8) != 0) {
        return FILTER_DROP;
    }
    return (control & IEEE802154_FCF_ACK_REQUEST) ? FILTER_ACCEPT_AND_ACK : FILTER_ACCEPT;
}
