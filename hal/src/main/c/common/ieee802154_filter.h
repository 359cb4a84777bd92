/*
 * IEEE 802.15.4 receive filtering (the third-level filter of 802.15.4-2006 7.5.6.2, reduced to
 * what a radio without hardware filtering needs): frames addressed to another PAN or node are
 * dropped before they reach Java, and the filter says whether an acknowledgement is owed.
 */
#ifndef SMOLTCP4J_IEEE802154_FILTER_H
#define SMOLTCP4J_IEEE802154_FILTER_H

#include <stdint.h>

struct ieee802154_identity {
    uint16_t pan_id;
    uint16_t short_address;
    uint8_t extended_address[8]; /* little-endian, as on air */
};

#define FILTER_DROP 0
#define FILTER_ACCEPT 1
#define FILTER_ACCEPT_AND_ACK 2

#define IEEE802154_FRAME_TYPE_ACK 2
#define IEEE802154_FCF_ACK_REQUEST (1u << 5)

/* Decides on frame[0..length) (MAC header onwards, no FCS). ACK frames are dropped here. */
int ieee802154_filter(const struct ieee802154_identity *us, const uint8_t *frame, int length);

#endif
