package org.smoltcp4j.testing;

import org.smoltcp4j.wire.Checksum;
import org.smoltcp4j.wire.Ipv6Address;
import org.smoltcp4j.wire.NetworkBytes;

/**
 * Test fixture: wraps bytes our code emitted in Ethernet + IPv4/IPv6 headers built here byte by
 * byte, independently of the stack's own IP code, so tshark can judge a transport or application
 * protocol on its own. Addresses are fixed test addresses (never sent anywhere: these frames only
 * go into pcap files).
 */
public final class Frames {

    public static final long SOURCE_MAC = 0x0200_0000_0001L;
    public static final long DESTINATION_MAC = 0x0200_0000_0002L;
    /** 10.0.0.1 and 10.0.0.2. */
    public static final int SOURCE_IPV4 = 0x0a00_0001;
    public static final int DESTINATION_IPV4 = 0x0a00_0002;
    /** fe80::1 and fe80::2. */
    public static final long SOURCE_IPV6_HIGH = 0xfe80_0000_0000_0000L;
    public static final long SOURCE_IPV6_LOW = 1L;
    public static final long DESTINATION_IPV6_HIGH = 0xfe80_0000_0000_0000L;
    public static final long DESTINATION_IPV6_LOW = 2L;

    private static final int ETHERNET_LEN = 14;
    private static final int IPV4_LEN = 20;
    private static final int IPV6_LEN = 40;

    private Frames() {
    }

    /** An Ethernet frame carrying an IPv4 packet (TTL 64, DF, checksum filled) from 10.0.0.1 to 10.0.0.2. */
    public static byte[] ipv4(int protocol, byte[] payload) {
        return ipv4(SOURCE_IPV4, DESTINATION_IPV4, protocol, payload);
    }

    /** An Ethernet frame carrying an IPv4 packet with the given addresses. */
    public static byte[] ipv4(int source, int destination, int protocol, byte[] payload) {
        byte[] frame = new byte[ETHERNET_LEN + IPV4_LEN + payload.length];
        ethernet(frame, 0x0800);
        int ip = ETHERNET_LEN;
        frame[ip] = 0x45;
        NetworkBytes.setU16(frame, ip + 2, IPV4_LEN + payload.length);
        NetworkBytes.setU16(frame, ip + 6, 0x4000);
        frame[ip + 8] = 64;
        frame[ip + 9] = (byte) protocol;
        NetworkBytes.setU32(frame, ip + 12, source);
        NetworkBytes.setU32(frame, ip + 16, destination);
        NetworkBytes.setU16(frame, ip + 10, Checksum.compute(frame, ip, IPV4_LEN));
        System.arraycopy(payload, 0, frame, ip + IPV4_LEN, payload.length);
        return frame;
    }

    /** An Ethernet frame carrying an IPv6 packet (hop limit 64) from fe80::1 to fe80::2. */
    public static byte[] ipv6(int nextHeader, byte[] payload) {
        return ipv6(SOURCE_IPV6_HIGH, SOURCE_IPV6_LOW, DESTINATION_IPV6_HIGH, DESTINATION_IPV6_LOW, nextHeader, payload);
    }

    /** An Ethernet frame carrying an IPv6 packet with the given addresses. */
    public static byte[] ipv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int nextHeader, byte[] payload) {
        byte[] frame = new byte[ETHERNET_LEN + IPV6_LEN + payload.length];
        ethernet(frame, 0x86dd);
        int ip = ETHERNET_LEN;
        frame[ip] = 0x60;
        NetworkBytes.setU16(frame, ip + 4, payload.length);
        frame[ip + 6] = (byte) nextHeader;
        frame[ip + 7] = 64;
        Ipv6Address.write(frame, ip + 8, sourceHigh, sourceLow);
        Ipv6Address.write(frame, ip + 24, destinationHigh, destinationLow);
        System.arraycopy(payload, 0, frame, ip + IPV6_LEN, payload.length);
        return frame;
    }

    private static void ethernet(byte[] frame, int etherType) {
        NetworkBytes.setU48(frame, 0, DESTINATION_MAC);
        NetworkBytes.setU48(frame, 6, SOURCE_MAC);
        NetworkBytes.setU16(frame, 12, etherType);
    }
}
