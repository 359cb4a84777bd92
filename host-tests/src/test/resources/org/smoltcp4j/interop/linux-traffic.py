"""Traffic pieces that Linux's own tools cannot make, for LinuxTrafficCapture.

Run inside a network namespace that the test created: python3 linux-traffic.py <command> <args>.
Every command is bounded in time (socket timeouts) and sends only to the addresses it is given,
which are addresses inside the test's namespaces (or link-local multicast/broadcast on the veth).
"""
import array
import fcntl
import socket
import struct
import sys
import time

SIOCETHTOOL = 0x8946
ETHTOOL_STXCSUM = 0x17


def checksum_offload_off(interface):
    """Turns off transmit checksum offload (what 'ethtool -K IF tx off' does): veth otherwise
    hands packets to tcpdump before their TCP/UDP checksums are filled in."""
    value = array.array('I', [ETHTOOL_STXCSUM, 0])
    request = struct.pack('16sP', interface.encode(), value.buffer_info()[0])
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        fcntl.ioctl(s.fileno(), SIOCETHTOOL, request)


def dns_question(name):
    labels = b''.join(bytes([len(part)]) + part.encode() for part in name.split('.'))
    return labels + b'\x00' + struct.pack('!HH', 1, 1)


def dns_server(address, answer):
    """Answers one A query on UDP 53 with {answer}, then exits (5 s at most)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind((address, 53))
        s.settimeout(5)
        query, peer = s.recvfrom(512)
        transaction, = struct.unpack('!H', query[:2])
        question = query[12:]
        end = 0
        while question[end] != 0:
            end += 1 + question[end]
        question = question[:end + 5]
        record = struct.pack('!HHHIH', 0xc00c, 1, 1, 60, 4) + socket.inet_aton(answer)
        s.sendto(struct.pack('!HHHHHH', transaction, 0x8180, 1, 1, 0, 0) + question + record, peer)


def dns_query(server, name):
    """Sends one recursive A query for {name} and waits (2 s at most) for the answer."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(2)
        s.sendto(struct.pack('!HHHHHH', 0x4a5b, 0x0100, 1, 0, 0, 0) + dns_question(name), (server, 53))
        s.recvfrom(512)


def dhcp(interface, kind, server, offered):
    """Sends one DHCP DISCOVER (from the client side) or OFFER (from the server side) with scapy."""
    from scapy.all import BOOTP, DHCP, IP, UDP, Ether, conf, get_if_hwaddr, sendp
    conf.verb = 0
    client_mac = 'ca:fe:00:00:00:01'
    chaddr = bytes.fromhex(client_mac.replace(':', ''))
    if kind == 'discover':
        packet = (Ether(src=client_mac, dst='ff:ff:ff:ff:ff:ff') / IP(src='0.0.0.0', dst='255.255.255.255')
                  / UDP(sport=68, dport=67) / BOOTP(op=1, xid=0x5a4a1001, flags=0x8000, chaddr=chaddr)
                  / DHCP(options=[('message-type', 'discover'), ('param_req_list', [1, 3, 6]), 'end']))
    else:
        packet = (Ether(src=get_if_hwaddr(interface), dst='ff:ff:ff:ff:ff:ff') / IP(src=server, dst='255.255.255.255')
                  / UDP(sport=67, dport=68)
                  / BOOTP(op=2, xid=0x5a4a1001, flags=0x8000, yiaddr=offered, siaddr=server, chaddr=chaddr)
                  / DHCP(options=[('message-type', 'offer'), ('server_id', server), ('lease_time', 600),
                                  ('subnet_mask', '255.255.255.0'), ('router', server), 'end']))
    sendp(packet, iface=interface)


def join(interface, group, seconds):
    """Joins an IPv4 or IPv6 multicast group on {interface} for {seconds}, then leaves."""
    if ':' in group:
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        request = socket.inet_pton(socket.AF_INET6, group) + struct.pack('@I', socket.if_nametoindex(interface))
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, request)
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        request = struct.pack('@4sii', socket.inet_aton(group), 0, socket.if_nametoindex(interface))
        s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, request)
    time.sleep(float(seconds))
    s.close()


COMMANDS = {
    'offload-off': checksum_offload_off,
    'dns-server': dns_server,
    'dns-query': dns_query,
    'dhcp': dhcp,
    'join': join,
}

if __name__ == '__main__':
    COMMANDS[sys.argv[1]](*sys.argv[2:])
