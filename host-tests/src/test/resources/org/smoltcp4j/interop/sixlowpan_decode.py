#!/usr/bin/python3
"""Decodes 802.15.4 + 6LoWPAN frames with scapy's independent implementation, for SixlowpanScapyTest.

Reads lines "name frame-hex[;frame-hex...]" (frames without FCS) on stdin and prints
"name ipv6-hex" per line: the uncompressed IPv6 packet scapy decodes. Fragments are put back
together here (scapy's own sixlowpan_defragment cannot handle a compressed FRAG1): the FRAG1
payload (compressed headers and the first data) and the FRAGN payloads in offset order, after
the first frame's MAC header, make one frame scapy decompresses.
"""
import sys

from scapy.all import conf, raw
from scapy.layers.dot15d4 import Dot15d4, Dot15d4Data
from scapy.layers.inet6 import IPv6

conf.dot15d4_protocol = "sixlowpan"


def mac_header_length(frame):
    data = Dot15d4(frame)[Dot15d4Data]
    return len(frame) - len(raw(data.payload))


def decode(frames):
    if len(frames) == 1:
        return raw(Dot15d4(frames[0])[IPv6])
    header = mac_header_length(frames[0])
    pieces = []
    for frame in frames:
        payload = frame[header:]
        if payload[0] >> 3 == 0x18:      # FRAG1: 4-octet header
            pieces.append((0, payload[4:]))
        elif payload[0] >> 3 == 0x1c:    # FRAGN: 5-octet header, offset in 8-octet units
            pieces.append((payload[4] * 8, payload[5:]))
        else:
            raise ValueError("not a fragment: " + frame.hex())
    pieces.sort(key=lambda piece: piece[0])
    whole = frames[0][:header] + b"".join(piece for _, piece in pieces)
    return raw(Dot15d4(whole)[IPv6])


def main():
    for line in sys.stdin:
        name, frames = line.split()
        ipv6 = decode([bytes.fromhex(f) for f in frames.split(";")])
        print(name, ipv6.hex(), flush=True)


if __name__ == "__main__":
    main()
