package org.smoltcp4j.hal.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.wire.Checksum;

/** The virtio-net header of a TAP with offload: what we write in front of our frames, and which received frames we trust. */
class VirtioNetHeaderTest {

    private static final int SOURCE = 0xc0a84501;
    private static final int DESTINATION = 0xc0a84564;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int IP = VirtioNetHeader.LENGTH + 14;

    /** Header room, Ethernet, IPv4 (20 bytes), then a transport header of {@code transportHeader} bytes and a patterned payload. */
    private static byte[] frame(int protocol, int transportHeader, int payload) {
        int ipLength = 20 + transportHeader + payload;
        byte[] buf = new byte[VirtioNetHeader.LENGTH + 14 + ipLength];
        Arrays.fill(buf, 0, VirtioNetHeader.LENGTH, (byte) 0x5a); // stale bytes the header must overwrite
        buf[VirtioNetHeader.LENGTH + 12] = 0x08;
        buf[IP] = 0x45;
        buf[IP + 2] = (byte) (ipLength >>> 8);
        buf[IP + 3] = (byte) ipLength;
        buf[IP + 8] = 64;
        buf[IP + 9] = (byte) protocol;
        putInt(buf, IP + 12, SOURCE);
        putInt(buf, IP + 16, DESTINATION);
        int transport = IP + 20;
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
        long sum = Checksum.ipv4PseudoHeader(SOURCE, DESTINATION, protocol, segment);
        int checksum = Checksum.finish(Checksum.accumulate(sum, buf, IP + 20, segment));
        buf[IP + 20 + checksumOffset] = (byte) (checksum >>> 8);
        buf[IP + 20 + checksumOffset + 1] = (byte) checksum;
        return buf;
    }

    private static void putInt(byte[] buf, int at, int value) {
        for (int i = 0; i < 4; i++) {
            buf[at + i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    private static int le16(byte[] buf, int at) {
        return (buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8;
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
        // What the kernel does with it: sum the segment from csum_start (the field holding the
        // pseudo-header sum) and store the complement; the result must be TCP's real checksum.
        int segment = buf.length - IP - 20;
        int completed = Checksum.finish(Checksum.accumulate(0, buf, IP + 20, segment));
        byte[] expected = withChecksum(frame(TCP, 32, 1000), TCP, 16);
        assertEquals((expected[IP + 36] & 0xff) << 8 | (expected[IP + 37] & 0xff), completed);
    }

    @Test
    void aTcpPacketOverTheMtuGoesAsOneGsoFrameOfFullSegments() {
        byte[] buf = frame(TCP, 32, 5000);
        VirtioNetHeader.fillForTransmit(buf, buf.length - VirtioNetHeader.LENGTH, 1500);
        assertEquals(VirtioNetHeader.NEEDS_CSUM, buf[0]);
        assertEquals(VirtioNetHeader.GSO_TCPV4, buf[1]);
        assertEquals(14 + 20 + 32, le16(buf, 2), "hdr_len: Ethernet, IP and TCP headers with options");
        assertEquals(1500 - 20 - 32, le16(buf, 4), "gso_size: the payload that fills the MTU");
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
        byte[] tcp = withChecksum(frame(TCP, 20, 301), TCP, 16);
        tcp[0] = 0;
        assertTrue(VirtioNetHeader.acceptReceived(tcp, tcp.length - VirtioNetHeader.LENGTH));
        tcp[tcp.length - 1] ^= 1;
        assertFalse(VirtioNetHeader.acceptReceived(tcp, tcp.length - VirtioNetHeader.LENGTH), "a damaged TCP segment is dropped");

        byte[] udp = withChecksum(frame(UDP, 8, 50), UDP, 6);
        udp[0] = 0;
        assertTrue(VirtioNetHeader.acceptReceived(udp, udp.length - VirtioNetHeader.LENGTH));
        udp[udp.length - 1] ^= 1;
        assertFalse(VirtioNetHeader.acceptReceived(udp, udp.length - VirtioNetHeader.LENGTH), "a damaged UDP datagram is dropped");
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
}
