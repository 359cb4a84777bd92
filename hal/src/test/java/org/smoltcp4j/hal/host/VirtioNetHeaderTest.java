package org.smoltcp4j.hal.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.wire.Checksum;

/** The virtio-net header of a TAP with offload: what we write in front of our frames, and which received frames we trust. */
class VirtioNetHeaderTest {

    private static final int SOURCE = 0xc0a84501;
    private static final int DESTINATION = 0xc0a84564;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int IP = VirtioNetHeader.LENGTH + 14;

    private static final long SOURCE6_HIGH = 0xfd00_0000_0000_0000L;
    private static final long SOURCE6_LOW = 1;
    private static final long DESTINATION6_HIGH = 0xfd00_0000_0000_0000L;
    private static final long DESTINATION6_LOW = 0x64;
    private static final int HOP_BY_HOP = 0;

    /** Header room, Ethernet, IPv4 (20 bytes), then a transport header of {@code transportHeader} bytes and a patterned payload. */
    private static byte[] frame(int protocol, int transportHeader, int payload) {
        int ipLength = 20 + transportHeader + payload;
        byte[] buf = new byte[VirtioNetHeader.LENGTH + 14 + ipLength];
        buf[VirtioNetHeader.LENGTH + 12] = 0x08;
        buf[IP] = 0x45;
        buf[IP + 2] = (byte) (ipLength >>> 8);
        buf[IP + 3] = (byte) ipLength;
        buf[IP + 8] = 64;
        buf[IP + 9] = (byte) protocol;
        putInt(buf, IP + 12, SOURCE);
        putInt(buf, IP + 16, DESTINATION);
        return withTransport(buf, IP + 20, protocol, transportHeader, payload);
    }

    /**
     * As {@link #frame} over IPv6 (40 bytes), with {@code extensionHeaders} 8-byte hop-by-hop
     * options headers between the IPv6 header and the transport header.
     */
    private static byte[] frame6(int protocol, int extensionHeaders, int transportHeader, int payload) {
        int payloadLength = 8 * extensionHeaders + transportHeader + payload;
        byte[] buf = new byte[VirtioNetHeader.LENGTH + 14 + 40 + payloadLength];
        buf[VirtioNetHeader.LENGTH + 12] = (byte) 0x86;
        buf[VirtioNetHeader.LENGTH + 13] = (byte) 0xdd;
        buf[IP] = 0x60;
        buf[IP + 4] = (byte) (payloadLength >>> 8);
        buf[IP + 5] = (byte) payloadLength;
        buf[IP + 6] = (byte) (extensionHeaders > 0 ? HOP_BY_HOP : protocol);
        buf[IP + 7] = 64;
        putLong(buf, IP + 8, SOURCE6_HIGH);
        putLong(buf, IP + 16, SOURCE6_LOW);
        putLong(buf, IP + 24, DESTINATION6_HIGH);
        putLong(buf, IP + 32, DESTINATION6_LOW);
        for (int i = 0; i < extensionHeaders; i++) {
            int at = IP + 40 + 8 * i;
            buf[at] = (byte) (i + 1 < extensionHeaders ? HOP_BY_HOP : protocol); // length 0: 8 bytes, PadN-free zeros
        }
        return withTransport(buf, IP + 40 + 8 * extensionHeaders, protocol, transportHeader, payload);
    }

    /** Stale bytes in the header room (the header must overwrite them), the transport header's length fields, the payload. */
    private static byte[] withTransport(byte[] buf, int transport, int protocol, int transportHeader, int payload) {
        Arrays.fill(buf, 0, VirtioNetHeader.LENGTH, (byte) 0x5a);
        if (protocol == TCP) {
            buf[transport + 12] = (byte) ((transportHeader / 4) << 4);
        } else if (protocol == UDP) {
            buf[transport + 4] = (byte) ((transportHeader + payload) >>> 8);
            buf[transport + 5] = (byte) (transportHeader + payload);
        }
        for (int i = transport + transportHeader; i < buf.length; i++) {
            buf[i] = (byte) (i * 7);
        }
        return buf;
    }

    /** Fills the transport checksum (at {@code checksumOffset} in the transport header) as a sender without offload would. */
    private static byte[] withChecksum(byte[] buf, int protocol, int checksumOffset) {
        int segment = buf.length - IP - 20;
        return withChecksum(buf, IP + 20, Checksum.ipv4PseudoHeader(SOURCE, DESTINATION, protocol, segment), checksumOffset);
    }

    /** As {@link #withChecksum(byte[], int, int)} for a {@link #frame6} without extension headers. */
    private static byte[] withChecksum6(byte[] buf, int protocol, int checksumOffset) {
        int segment = buf.length - IP - 40;
        long sum = Checksum.ipv6PseudoHeader(SOURCE6_HIGH, SOURCE6_LOW, DESTINATION6_HIGH, DESTINATION6_LOW, protocol, segment);
        return withChecksum(buf, IP + 40, sum, checksumOffset);
    }

    private static byte[] withChecksum(byte[] buf, int transport, long pseudoHeader, int checksumOffset) {
        int checksum = Checksum.finish(Checksum.accumulate(pseudoHeader, buf, transport, buf.length - transport));
        buf[transport + checksumOffset] = (byte) (checksum >>> 8);
        buf[transport + checksumOffset + 1] = (byte) checksum;
        return buf;
    }

    private static void putLong(byte[] buf, int at, long value) {
        putInt(buf, at, (int) (value >>> 32));
        putInt(buf, at + 4, (int) value);
    }

    private static void putInt(byte[] buf, int at, int value) {
        for (int i = 0; i < 4; i++) {
            buf[at + i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    private static int le16(byte[] buf, int at) {
        return (buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8;
    }

    /**
     * What the kernel does with {@code filled}: sums the segment from csum_start (the field holding
     * the pseudo-header sum) and stores the complement there; the result must be the checksum of
     * {@code expected}, the same frame checksummed by a sender without offload.
     */
    private static void assertTheKernelCompletesTcpsChecksum(byte[] filled, byte[] expected) {
        int start = VirtioNetHeader.LENGTH + le16(filled, 6);
        int field = start + le16(filled, 8);
        int completed = Checksum.finish(Checksum.accumulate(0, filled, start, filled.length - start));
        assertEquals((expected[field] & 0xff) << 8 | (expected[field + 1] & 0xff), completed);
    }

    /** {@code frame} received with an empty header: taken whole, dropped damaged; returns it whole. */
    private static byte[] assertTakenWholeAndDroppedDamaged(byte[] frame) {
        frame[0] = 0;
        assertTrue(VirtioNetHeader.acceptReceived(frame, frame.length - VirtioNetHeader.LENGTH), "whole");
        frame[frame.length - 1] ^= 1;
        assertFalse(VirtioNetHeader.acceptReceived(frame, frame.length - VirtioNetHeader.LENGTH), "damaged: dropped");
        frame[frame.length - 1] ^= 1;
        return frame;
    }

    @Test
    void ourTcpFramesAskTheKernelToCompleteTheChecksum() {
        byte[] buf = frame(TCP, 32, 1000);
        int frameLength = buf.length - VirtioNetHeader.LENGTH;
        VirtioNetHeader.fillForTransmit(buf, frameLength, 1500);
        assertEquals(VirtioNetHeader.NEEDS_CSUM, buf[0]);
        assertEquals(0, buf[1], "no GSO within the MTU");
        assertEquals(14 + 20, le16(buf, 6), "csum_start: the TCP header, from the frame's start");
        assertEquals(16, le16(buf, 8), "csum_offset: TCP's checksum field");
        assertTheKernelCompletesTcpsChecksum(buf, withChecksum(frame(TCP, 32, 1000), TCP, 16));
    }

    /** A TCP packet over the MTU, over IPv4 or IPv6, goes as one GSO frame of the version's type whose segments fill the MTU. */
    @ParameterizedTest(name = "IPv{0}")
    @ValueSource(ints = {4, 6})
    void aTcpPacketOverTheMtuGoesAsOneGsoFrameOfFullSegments(int version) {
        byte[] buf = version == 4 ? frame(TCP, 32, 5000) : frame6(TCP, 0, 32, 5000);
        int ipHeader = version == 4 ? 20 : 40;
        VirtioNetHeader.fillForTransmit(buf, buf.length - VirtioNetHeader.LENGTH, 1500);
        assertEquals(VirtioNetHeader.NEEDS_CSUM, buf[0]);
        assertEquals(version == 4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6, buf[1]);
        assertEquals(14 + ipHeader + 32, le16(buf, 2), "hdr_len: Ethernet, IP and TCP headers with options");
        assertEquals(1500 - ipHeader - 32, le16(buf, 4), "gso_size: the payload that fills the MTU");
    }

    @Test
    void otherFramesGetAnEmptyHeaderAndKeepTheirBytes() {
        byte[] udp = withChecksum(frame(UDP, 8, 100), UDP, 6);
        byte[] original = udp.clone();
        VirtioNetHeader.fillForTransmit(udp, udp.length - VirtioNetHeader.LENGTH, 1500);
        assertArrayEquals(new byte[VirtioNetHeader.LENGTH], Arrays.copyOf(udp, VirtioNetHeader.LENGTH));
        assertArrayEquals(Arrays.copyOfRange(original, VirtioNetHeader.LENGTH, original.length),
                Arrays.copyOfRange(udp, VirtioNetHeader.LENGTH, udp.length));
        byte[] arp = new byte[VirtioNetHeader.LENGTH + 42];
        arp[VirtioNetHeader.LENGTH + 12] = 0x08;
        arp[VirtioNetHeader.LENGTH + 13] = 0x06;
        arp[0] = 1;
        VirtioNetHeader.fillForTransmit(arp, 42, 1500);
        assertEquals(0, arp[0]);
    }

    @Test
    void framesTheKernelVouchesForAreTakenWithoutASum() {
        byte[] partial = frame(TCP, 20, 300); // checksum field not filled: a partial sum from Linux
        partial[0] = VirtioNetHeader.NEEDS_CSUM;
        assertTrue(VirtioNetHeader.acceptReceived(partial, partial.length - VirtioNetHeader.LENGTH));
        partial[0] = VirtioNetHeader.DATA_VALID;
        assertTrue(VirtioNetHeader.acceptReceived(partial, partial.length - VirtioNetHeader.LENGTH));
    }

    @Test
    void otherFramesAreCheckedAsAnOffloadingNicWould() {
        assertTakenWholeAndDroppedDamaged(withChecksum(frame(TCP, 20, 301), TCP, 16));
        byte[] udp = assertTakenWholeAndDroppedDamaged(withChecksum(frame(UDP, 8, 50), UDP, 6));
        udp[IP + 26] = 0;
        udp[IP + 27] = 0;
        assertTrue(VirtioNetHeader.acceptReceived(udp, udp.length - VirtioNetHeader.LENGTH), "UDP without a checksum");
    }

    @Test
    void framesNotForTheChecksumAreLeftToTheStack() {
        byte[] truncated = frame(TCP, 20, 0);
        truncated[0] = 0;
        truncated[IP + 3] = 30; // IP says 10 bytes of TCP: the stack's parser counts it as malformed
        assertTrue(VirtioNetHeader.acceptReceived(truncated, truncated.length - VirtioNetHeader.LENGTH));
        byte[] fragment = frame(TCP, 20, 100);
        fragment[0] = 0;
        fragment[IP + 6] = 0x20; // more fragments: only the whole datagram has a checksum to check
        assertTrue(VirtioNetHeader.acceptReceived(fragment, fragment.length - VirtioNetHeader.LENGTH));
        byte[] runt = new byte[VirtioNetHeader.LENGTH + 20];
        assertTrue(VirtioNetHeader.acceptReceived(runt, 20));
    }

    @Test
    void ourTcpFramesOverIpv6AskTheKernelToCompleteTheChecksumAfterThe40ByteHeader() {
        byte[] buf = frame6(TCP, 0, 32, 1000);
        VirtioNetHeader.fillForTransmit(buf, buf.length - VirtioNetHeader.LENGTH, 1500);
        assertEquals(VirtioNetHeader.NEEDS_CSUM, buf[0]);
        assertEquals(0, buf[1], "no GSO within the MTU");
        assertEquals(14 + 40, le16(buf, 6), "csum_start: the TCP header, after the IPv6 header");
        assertEquals(16, le16(buf, 8), "csum_offset: TCP's checksum field");
        assertTheKernelCompletesTcpsChecksum(buf, withChecksum6(frame6(TCP, 0, 32, 1000), TCP, 16));
    }

    @Test
    void tcpBehindIpv6ExtensionHeadersHasItsChecksumStartAfterThem() {
        byte[] buf = frame6(TCP, 2, 20, 100);
        VirtioNetHeader.fillForTransmit(buf, buf.length - VirtioNetHeader.LENGTH, 1500);
        assertEquals(VirtioNetHeader.NEEDS_CSUM, buf[0]);
        assertEquals(14 + 40 + 16, le16(buf, 6));
    }

    @Test
    void ipv6FramesAreCheckedAsAnOffloadingNicWould() {
        byte[] tcp = assertTakenWholeAndDroppedDamaged(withChecksum6(frame6(TCP, 0, 20, 301), TCP, 16));
        tcp[tcp.length - 1] ^= 1;
        tcp[0] = VirtioNetHeader.NEEDS_CSUM;
        assertTrue(VirtioNetHeader.acceptReceived(tcp, tcp.length - VirtioNetHeader.LENGTH), "the kernel's partial sum");
        tcp[0] = VirtioNetHeader.DATA_VALID;
        assertTrue(VirtioNetHeader.acceptReceived(tcp, tcp.length - VirtioNetHeader.LENGTH), "the kernel vouches for it");

        byte[] udp = assertTakenWholeAndDroppedDamaged(withChecksum6(frame6(UDP, 0, 8, 50), UDP, 6));
        udp[IP + 46] = 0;
        udp[IP + 47] = 0;
        assertFalse(VirtioNetHeader.acceptReceived(udp, udp.length - VirtioNetHeader.LENGTH), "UDP over IPv6 must have a checksum");
    }

    @Test
    void damagedTransportBehindIpv6ExtensionHeadersIsDropped() {
        byte[] udp = frame6(UDP, 1, 8, 50);
        udp[0] = 0;
        udp[IP + 48 + 6] = 0x12; // a checksum, but not the right one
        assertFalse(VirtioNetHeader.acceptReceived(udp, udp.length - VirtioNetHeader.LENGTH));
    }

    @Test
    void ipv6FramesNotForTheChecksumAreLeftToTheStack() {
        byte[] fragment = frame6(UDP, 0, 8, 50);
        fragment[0] = 0;
        fragment[IP + 6] = 44; // a fragment header: only the whole datagram has a checksum to check
        assertTrue(VirtioNetHeader.acceptReceived(fragment, fragment.length - VirtioNetHeader.LENGTH));
        byte[] overrun = frame6(TCP, 1, 20, 0);
        overrun[0] = 0;
        overrun[IP + 41] = 100; // the hop-by-hop header claims more than the packet holds
        assertTrue(VirtioNetHeader.acceptReceived(overrun, overrun.length - VirtioNetHeader.LENGTH));
        byte[] truncated = frame6(TCP, 0, 20, 0);
        truncated[0] = 0;
        truncated[IP + 5] = 10; // IPv6 says 10 bytes of TCP: the stack's parser counts it as malformed
        assertTrue(VirtioNetHeader.acceptReceived(truncated, truncated.length - VirtioNetHeader.LENGTH));
        byte[] shortHeader = frame6(TCP, 0, 20, 0);
        shortHeader[0] = 0;
        assertTrue(VirtioNetHeader.acceptReceived(shortHeader, 14 + 30), "less than an IPv6 header");
        byte[] icmp = frame6(58, 0, 8, 10);
        icmp[0] = 0;
        VirtioNetHeader.fillForTransmit(icmp, icmp.length - VirtioNetHeader.LENGTH, 1500);
        assertEquals(0, icmp[0], "ICMPv6 carries its own complete checksum");
    }
}
