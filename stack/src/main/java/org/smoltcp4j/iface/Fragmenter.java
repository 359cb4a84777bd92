package org.smoltcp4j.iface;

import org.smoltcp4j.wire.NetworkBytes;

/**
 * Sends one IPv4 datagram larger than the MTU as fragments (RFC 791 section 3.2): the datagram is
 * staged whole in a preallocated buffer, then cut into pieces whose data lengths are multiples of
 * 8, each sent with a copy of the header and its own offset, MF flag, length and checksum. Pieces
 * go out as the device has room, over as many polls as it takes.
 */
final class Fragmenter {

    private final byte[] buffer;
    private int length;
    private int sent;
    private long linkDestination;
    private boolean active;

    Fragmenter(int size) {
        buffer = new byte[size];
    }

    byte[] buffer() {
        return buffer;
    }

    int capacity() {
        return buffer.length;
    }

    boolean isActive() {
        return active;
    }

    /** Starts sending the {@code length}-byte datagram now in {@link #buffer()} to {@code linkDestination}. */
    void start(int length, long linkDestination) {
        this.length = length;
        this.linkDestination = linkDestination;
        this.sent = 0;
        this.active = true;
    }

    long linkDestination() {
        return linkDestination;
    }

    /** Header length of the staged datagram. */
    int headerLength() {
        return (buffer[0] & 0x0f) * 4;
    }

    /** True when the staged datagram forbids fragmentation (DF set): it must not be sent. */
    boolean dontFragment() {
        return (buffer[6] & 0x40) != 0;
    }

    /**
     * Data bytes of the next piece for a link that carries {@code ipMtu}-byte IP packets: a
     * multiple of 8 unless it is the last piece.
     */
    int nextPieceDataLength(int ipMtu) {
        int header = headerLength();
        int remaining = length - header - sent;
        int room = ((ipMtu - header) / 8) * 8;
        return Math.min(remaining, room);
    }

    /**
     * Writes the next piece as an IPv4 packet at {@code out[at..]} and advances; returns its total
     * length. {@code fillChecksum} false leaves the header checksum to the device.
     */
    int writeNextPiece(byte[] out, int at, int ipMtu, boolean fillChecksum) {
        int header = headerLength();
        int data = nextPieceDataLength(ipMtu);
        System.arraycopy(buffer, 0, out, at, header);
        System.arraycopy(buffer, header + sent, out, at + header, data);
        boolean last = header + sent + data == length;
        NetworkBytes.setU16(out, at + 2, header + data);
        NetworkBytes.setU16(out, at + 6, (last ? 0 : 0x2000) | (sent / 8));
        NetworkBytes.setU16(out, at + 10, 0);
        if (fillChecksum) {
            NetworkBytes.setU16(out, at + 10, org.smoltcp4j.wire.Checksum.compute(out, at, header));
        }
        sent += data;
        if (last) {
            active = false;
        }
        return header + data;
    }
}
