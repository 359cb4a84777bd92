package org.smoltcp4j.phy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.smoltcp4j.testing.Frames;
import org.smoltcp4j.wire.NetworkBytes;

/** Test fixture: numbered frames of each medium that tshark and the frame printer accept. */
final class PhyFrames {

    private static final int ETHERNET_HEADER = 14;
    private static final int UDP_PROTOCOL = 17;
    /** Offset of the sequence number in an 802.15.4 MAC header (after the 2-byte frame control). */
    private static final int WPAN_SEQUENCE = 2;

    private PhyFrames() {
    }

    /** A frame for {@code medium} told apart by {@code n}: UDP source port 1000 + n, or 802.15.4 sequence number n. */
    static byte[] frame(int medium, int n) {
        switch (medium) {
            case Medium.ETHERNET:
                return ethernetUdp(n);
            case Medium.IP:
                return Arrays.copyOfRange(ethernetUdp(n), ETHERNET_HEADER, ethernetUdp(n).length);
            default:
                byte[] frame = ieee802154EchoRequest();
                frame[WPAN_SEQUENCE] = (byte) n;
                return frame;
        }
    }

    /** An Ethernet + IPv4 + UDP frame (checksum 0: none, as IPv4 allows) from port 1000 + n to 7, n payload bytes. */
    static byte[] ethernetUdp(int n) {
        byte[] udp = new byte[8 + n % 32];
        NetworkBytes.setU16(udp, 0, 1000 + n);
        NetworkBytes.setU16(udp, 2, 7);
        NetworkBytes.setU16(udp, 4, udp.length);
        return Frames.ipv4(UDP_PROTOCOL, udp);
    }

    /** smoltcp's golden 802.15.4 frame carrying a 6LoWPAN ICMPv6 echo request. */
    static byte[] ieee802154EchoRequest() {
        try (InputStream in = PhyFrames.class.getResourceAsStream("/org/smoltcp4j/wire/sixlowpan/echo-request.hex")) {
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("[^0-9a-fA-F]", "");
            byte[] out = new byte[hex.length() / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tshark field that carries {@code n} in a frame from {@link #frame}. */
    static String numberField(int medium) {
        return medium == Medium.IEEE802154 ? "wpan.seq_no" : "udp.srcport";
    }

    /** The value of {@link #numberField} tshark prints for frame {@code n}. */
    static String numberValue(int medium, int n) {
        return Integer.toString(medium == Medium.IEEE802154 ? n : 1000 + n);
    }
}
