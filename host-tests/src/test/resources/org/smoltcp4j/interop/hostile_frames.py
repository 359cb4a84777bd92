"""Sends hostile frames to our interface on request, from inside the test's namespace.

Usage: hostile_frames.py IFACE OUR_MAC PEER_MAC. Reads one case name per line on stdin, sends that
case's frames on IFACE (the TAP's Linux end) and answers "sent NAME". Frames are built with scapy
and written with a packet socket, byte for byte: scapy would re-dissect and might "repair" them.
"""
import socket
import struct
import sys

from scapy.all import ICMP, IP, UDP, Ether, Raw

iface, our_mac, peer_mac = sys.argv[1:4]
OUR, PEER = "192.168.69.1", "192.168.69.100"


def frame(payload, ether_type=0x0800):
    return bytes(Ether(src=peer_mac, dst=our_mac, type=ether_type)) + bytes(payload)


def echo(**ip):
    return bytearray(bytes(IP(src=PEER, dst=OUR, **ip) / ICMP(id=0x5345, seq=1) / Raw(b"smoltcp4j" * 4)))


def flipped(packet, index):
    packet[index] ^= 0xFF
    return packet


def fragment(ident, offset_units, more, data):
    return bytes(IP(src=PEER, dst=OUR, id=ident, proto=1, flags="MF" if more else 0, frag=offset_units) / Raw(data))


def arp(hlen=6, plen=4, op=1):
    mac = bytes.fromhex(peer_mac.replace(":", ""))
    sender_hw = mac + b"\0" * (hlen - 6)
    sender_ip = socket.inet_aton(PEER) + b"\0" * (plen - 4)
    target_hw = b"\0" * hlen
    target_ip = socket.inet_aton(OUR) + b"\0" * (plen - 4)
    return struct.pack("!HHBBH", 1, 0x0800, hlen, plen, op) + sender_hw + sender_ip + target_hw + target_ip


CASES = {
    "bad_ip_checksum": [frame(flipped(echo(), 10))],
    "truncated_ip_header": [frame(echo()[:12])],
    "ihl_below_5": [frame(echo(ihl=4))],
    "total_length_beyond_frame": [frame(echo(len=200))],
    "total_length_below_header": [frame(echo(len=16))],
    "overlapping_fragments": [frame(fragment(0x0101, 0, True, b"A" * 64)), frame(fragment(0x0101, 4, True, b"B" * 64))],
    # A first fragment, then one whose end lies past 65535 (offset 65512 + 100 bytes).
    "ping_of_death": [frame(fragment(0x0202, 0, True, b"P" * 1480)), frame(fragment(0x0202, 8189, False, b"P" * 100))],
    # The second, last fragment lies inside the first and ends before it.
    "teardrop": [frame(fragment(0x0303, 0, True, b"T" * 40)), frame(fragment(0x0303, 3, False, b"D" * 4))],
    "udp_bad_checksum": [frame(flipped(bytearray(bytes(IP(src=PEER, dst=OUR) / UDP(sport=5555, dport=6969) / Raw(b"bad"))), 26))],
    "icmp_bad_checksum": [frame(flipped(echo(), 22))],
    "arp_wrong_hlen": [frame(arp(hlen=8), 0x0806)],
    "arp_wrong_plen": [frame(arp(plen=16), 0x0806)],
    "arp_truncated": [frame(arp()[:20], 0x0806)],
}

sender = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
sender.bind((iface, 0))
print("ready", flush=True)
for line in sys.stdin:
    name = line.strip()
    for f in CASES[name]:
        sender.send(f)
    print("sent " + name, flush=True)
