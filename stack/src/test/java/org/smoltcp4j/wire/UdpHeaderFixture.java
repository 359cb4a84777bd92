package org.smoltcp4j.wire;

import org.smoltcp4j.testing.Frames;

/**
 * Test fixture for the DHCP and DNS tests: prepends an 8-byte UDP header (checksum 0, "none",
 * legal over IPv4) built byte by byte here, and wraps the datagram with {@link Frames#ipv4}, so
 * tshark can judge an application payload without the stack's own UDP code.
 */
final class UdpHeaderFixture {

    private UdpHeaderFixture() {
    }

    static byte[] ipv4Frame(int sourcePort, int destinationPort, byte[] payload) {
        byte[] datagram = new byte[8 + payload.length];
        datagram[0] = (byte) (sourcePort >>> 8);
        datagram[1] = (byte) sourcePort;
        datagram[2] = (byte) (destinationPort >>> 8);
        datagram[3] = (byte) destinationPort;
        datagram[4] = (byte) (datagram.length >>> 8);
        datagram[5] = (byte) datagram.length;
        System.arraycopy(payload, 0, datagram, 8, payload.length);
        return Frames.ipv4(17, datagram);
    }
}
