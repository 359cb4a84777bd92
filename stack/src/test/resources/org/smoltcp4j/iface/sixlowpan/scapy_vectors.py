#!/usr/bin/python3
"""Golden 6LoWPAN vectors from scapy's independent implementation, for SixlowpanGoldenVectorsTest.

Run once (`/usr/bin/python3 scapy_vectors.py > scapy-vectors.txt`) and commit both files; the
Java test reads the text file, so the build does not need scapy. Each line:
    name <frame hex>[;<frame hex>...] <IPv6 packet hex>
the frames (802.15.4 without FCS) and the uncompressed IPv6 packet scapy says they carry.
"""
import sys
from scapy.all import conf, raw
from scapy.layers.dot15d4 import Dot15d4, Dot15d4Data
from scapy.layers.sixlowpan import (LoWPAN_IPHC, LoWPAN_NHC, LoWPAN_NHC_UDP, LoWPANUncompressedIPv6,
                                    LoWPANFragmentationFirst, LoWPANFragmentationSubsequent, SixLoWPAN)
from scapy.layers.inet6 import IPv6, ICMPv6EchoRequest
from scapy.layers.inet import UDP

conf.dot15d4_protocol = "sixlowpan"
PAN = 0xabcd
EXT_A = 0x0012_4b00_0001_0203
EXT_B = 0x0012_4b00_0004_0506
LL_A = "fe80::212:4b00:1:203"   # EUI-64 with the U/L bit flipped
LL_B = "fe80::212:4b00:4:506"


def mac(src, dst, src_mode=3, dst_mode=3, seq=1):
    return Dot15d4(fcf_frametype=1, fcf_panidcompress=1, fcf_destaddrmode=dst_mode, fcf_srcaddrmode=src_mode,
                   fcf_framever=1, seqnum=seq) / Dot15d4Data(dest_panid=PAN, dest_addr=dst, src_addr=src)


def ipv6_of(frame):
    """The uncompressed IPv6 packet scapy decodes from the frame it built."""
    return raw(Dot15d4(raw(frame))[IPv6])


def line(name, frames, ipv6):
    print(name, ";".join(raw(f).hex() for f in frames), ipv6.hex())


def main():
    payload = b"hello 6lowpan"
    # Addresses fully elided: both from extended link addresses; UDP ports 0xF0Bx.
    cases = [
        ("iphc-ext-ext-udp44", mac(EXT_A, EXT_B), dict(sam=3, dam=3), LL_A, LL_B, 0xf0b1, 0xf0b2, 64),
        ("iphc-short-short-udp8", mac(0x0001, 0x0002, 2, 2), dict(sam=3, dam=3),
         "fe80::ff:fe00:1", "fe80::ff:fe00:2", 0xf001, 5683, 1),
        ("iphc-16bit-inline", mac(EXT_A, EXT_B), dict(sam=2, dam=2), "fe80::ff:fe00:1234", "fe80::ff:fe00:5678", 6969, 0xf0aa, 1),
        ("iphc-64bit-inline", mac(EXT_A, EXT_B), dict(sam=1, dam=1), "fe80::1", "fe80::2", 6969, 6970, 64),
        ("iphc-full-inline", mac(EXT_A, EXT_B), dict(sam=0, dam=0), "2001:db8::1", "2001:db8::2", 6969, 6970, 17),
        ("iphc-mcast-8", mac(0x0001, 0xffff, 2, 2), dict(sam=3, m=1, dam=3), "fe80::ff:fe00:1", "ff02::1", 6969, 6969, 64),
        ("iphc-mcast-32", mac(0x0001, 0xffff, 2, 2), dict(sam=3, m=1, dam=2), "fe80::ff:fe00:1", "ff05::1:3", 6969, 6969, 64),
        ("iphc-mcast-48", mac(0x0001, 0xffff, 2, 2), dict(sam=3, m=1, dam=1), "fe80::ff:fe00:1", "ff05::12:3456:789a", 6969, 6969, 64),
        ("iphc-mcast-inline", mac(0x0001, 0xffff, 2, 2), dict(sam=3, m=1, dam=0), "fe80::ff:fe00:1", "ff0e::1234:5678:9abc:def0", 6969, 6969, 64),
    ]
    for name, m, iphc, src, dst, sport, dport, hlim in cases:
        hl = {1: 1, 64: 2, 255: 3}.get(hlim, 0)
        ip = IPv6(src=src, dst=dst, hlim=hlim) / UDP(sport=sport, dport=dport) / payload
        frame = m / LoWPAN_IPHC(tf=3, nh=1, hlim=hl, **iphc) / LoWPAN_NHC() / ip
        line(name, [frame], ipv6_of(frame))
    # Next header in-line (ICMPv6 echo request), hop limit in-line or 255. (Scapy reads the IPHC
    # octet 0x7f, i.e. TF=3 NH=1 HLIM=3, as the RFC 4944 ESC dispatch: no NHC case with 255.)
    for name, hlim, code in (("iphc-icmpv6-inline-nh", 17, 0), ("iphc-icmpv6-hlim255", 255, 3)):
        ip = IPv6(src=LL_A, dst=LL_B, hlim=hlim) / ICMPv6EchoRequest(id=7, seq=1, data=b"ping")
        frame = mac(EXT_A, EXT_B) / LoWPAN_IPHC(tf=3, nh=0, hlim=code, sam=3, dam=3) / ip
        line(name, [frame], ipv6_of(frame))
    # UDP with both ports in-line.
    ip = IPv6(src=LL_A, dst=LL_B) / UDP(sport=6969, dport=7000) / payload
    frame = mac(EXT_A, EXT_B) / LoWPAN_IPHC(tf=3, nh=1, hlim=2, sam=3, dam=3) / LoWPAN_NHC() / ip
    line("iphc-udp-ports-inline", [frame], ipv6_of(frame))
    # The uncompressed IPv6 dispatch.
    ip = IPv6(src=LL_A, dst=LL_B) / UDP(sport=6969, dport=7000) / payload
    frame = mac(EXT_A, EXT_B) / LoWPANUncompressedIPv6() / ip
    line("uncompressed-ipv6", [frame], raw(ip))
    # A fragmented 1280-byte UDP datagram: scapy compresses the first fragment's headers, the
    # fragments are cut here on 8-octet boundaries of the uncompressed datagram (scapy's own
    # sixlowpan_fragment fragments uncompressed packets without a dispatch byte).
    body = bytes((i * 7 + 3) & 0xff for i in range(1280 - 48))
    ip = IPv6(src=LL_A, dst=LL_B) / UDP(sport=6969, dport=6970) / body
    whole = raw(ip)
    compressed = raw(LoWPAN_IPHC(tf=3, nh=1, hlim=2, sam=3, dam=3) / LoWPAN_NHC() / IPv6(whole))
    header = len(compressed) - len(body)
    frames = []
    first = (48 + (125 - 21 - 4 - header)) // 8 * 8 - 48
    frames.append(mac(EXT_A, EXT_B, seq=10) / LoWPANFragmentationFirst(datagramSize=len(whole), datagramTag=0x1234)
                  / compressed[:header + first])
    at = 48 + first
    seq = 11
    while at < len(whole):
        n = min((125 - 21 - 5) // 8 * 8, len(whole) - at)
        frames.append(mac(EXT_A, EXT_B, seq=seq) / LoWPANFragmentationSubsequent(
            datagramSize=len(whole), datagramTag=0x1234, datagramOffset=at // 8) / whole[at:at + n])
        at += n
        seq += 1
    line("frag-udp-1280", frames, whole)


if __name__ == "__main__":
    sys.exit(main())
