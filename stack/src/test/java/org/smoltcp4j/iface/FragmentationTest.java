package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.iface.Ipv4Fixture.OUR_IP;
import static org.smoltcp4j.iface.Ipv4Fixture.PEER_IP;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.PacketEmitter;

/** IPv4 fragmentation on the way out, and reassembly of big datagrams on the way in. */
class FragmentationTest {

    private static final int ECHO_DATA = 8000;
    private static final int BIG = 20 + 8 + ECHO_DATA;

    private static Ipv4Fixture bigBuffers(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium, new InterfaceConfig().reassemblyBufferSize(BIG).fragmentationBufferSize(BIG));
        f.learnPeer(0);
        return f;
    }

    private static void injectFragmentedPing(Ipv4Fixture f, int sequence) {
        for (byte[] piece : fragmentedPing(sequence)) {
            f.injectIp(piece);
        }
    }

    /** The 8008-byte ICMP message cut into fragments of 1480 bytes (the last smaller), last first. */
    private static List<byte[]> fragmentedPing(int sequence) {
        byte[] icmp = Ipv4Fixture.echoRequest(0x1234, sequence, Ipv4Fixture.pattern(ECHO_DATA));
        List<byte[]> pieces = new ArrayList<>();
        for (int offset = 0; offset < icmp.length; offset += 1480) {
            int end = Math.min(icmp.length, offset + 1480);
            pieces.add(Ipv4Fixture.fragment(PEER_IP, OUR_IP, 1, 0x5150 + sequence, end < icmp.length, offset,
                    Arrays.copyOfRange(icmp, offset, end)));
        }
        Collections.reverse(pieces);
        return pieces;
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void bigEchoIsReassembledAndItsReplyLeavesAsFragmentsTsharkReassembles(int medium, @TempDir Path dir) throws Exception {
        Ipv4Fixture f = bigBuffers(medium);
        injectFragmentedPing(f, 1);
        List<byte[]> out = f.poll(0);
        assertEquals(1, f.counter(Counters.RX_REASSEMBLY_OK));
        assertEquals(6, out.size(), "8028 bytes in pieces of at most 1480 data bytes");
        // tshark reads in one pass, so the reassembling frame (the last) names its fragments; the
        // earlier ones' ip.reassembled_in would need a second pass.
        List<String[]> rows = f.judge(dir, "big-echo", out, "ip.flags.mf", "ip.frag_offset", "ip.fragment.count",
                "ip.reassembled.length", "icmp.type", "data.len");
        for (int i = 0; i < 5; i++) {
            assertEquals("1", rows.get(i)[0], "MF on piece " + i);
            assertEquals(String.valueOf(i * 1480 / 8), rows.get(i)[1], "offset in 8-byte units");
        }
        assertEquals(List.of("0", "925", "6", "8008", "0", "8000"), List.of(rows.get(5)));
        assertEquals(6, f.counter(Counters.TX_FRAGMENTS));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void aBusyDeviceMidDatagramResumesOnTheNextPoll(int medium, @TempDir Path dir) throws Exception {
        Ipv4Fixture f = bigBuffers(medium);
        injectFragmentedPing(f, 2);
        f.device.limitTransmitRoom(2);
        List<byte[]> out = new ArrayList<>(f.poll(0));
        assertEquals(2, out.size());
        assertEquals(0, f.iface.pollDelay(0, f.sockets), "the rest is due at once");
        f.device.limitTransmitRoom(Integer.MAX_VALUE);
        out.addAll(f.poll(1));
        assertEquals(6, out.size());
        List<String[]> rows = f.judge(dir, "resumed", out, "ip.fragment.count", "icmp.type");
        assertEquals(List.of("6", "0"), List.of(rows.get(5)));
        assertEquals(Long.MAX_VALUE, f.iface.pollAt(2, f.sockets));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void overTheFragmentationBufferIsTooLarge(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium);
        f.learnPeer(0);
        ScriptedSocket socket = ScriptedSocket.of(PEER_IP, 253, 1501 + 20).queue(1);
        f.sockets.add(socket);
        assertEquals(List.of(), f.poll(0));
        assertEquals(PacketEmitter.TOO_LARGE, socket.lastStatus);
        assertEquals(PacketEmitter.TOO_LARGE, socket.blockedStatus());
        assertTrue(f.counter(Counters.TX_TOO_LARGE) >= 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void bigEchoWithoutFragmentationBufferRoomIsCountedNotSent(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium, new InterfaceConfig().reassemblyBufferSize(BIG));
        f.learnPeer(0);
        injectFragmentedPing(f, 3);
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_REASSEMBLY_OK));
        assertEquals(1, f.counter(Counters.TX_TOO_LARGE));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void wholePacketWithDontFragmentOverTheMtuIsNotCut(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium, new InterfaceConfig().fragmentationBufferSize(3000));
        f.learnPeer(0);
        f.sockets.add(new ScriptedSocket(PEER_IP, 253, 2000, true, true).queue(1));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.TX_TOO_LARGE));
        assertEquals(0, f.counter(Counters.TX_FRAGMENTS));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void wholePacketWithoutDontFragmentIsCutAndItsFragmentsCarryNoDf(int medium, @TempDir Path dir) throws Exception {
        Ipv4Fixture f = new Ipv4Fixture(medium, new InterfaceConfig().fragmentationBufferSize(3000));
        f.learnPeer(0);
        f.sockets.add(new ScriptedSocket(PEER_IP, 253, 2000, true, false).queue(1));
        List<byte[]> out = f.poll(0);
        List<String[]> rows = f.judge(dir, "whole", out, "ip.flags.df", "ip.flags.mf", "ip.id", "ip.reassembled.length");
        assertEquals(List.of("0", "1", "0x4242", ""), List.of(rows.get(0)));
        assertEquals(List.of("0", "0", "0x4242", "1980"), List.of(rows.get(1)));
    }
}
