package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_PORT;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_PORT;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.ackOf;
import static org.smoltcp4j.socket.tcp.Seg.data;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.LOCAL_ADDR;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.OTHER_ADDR;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.REMOTE_ADDR;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.wire.Icmpv4Packet;
import org.smoltcp4j.wire.Icmpv4Repr;
import org.smoltcp4j.wire.IpProtocol;
import org.smoltcp4j.wire.Ipv4Repr;

/**
 * ICMP errors about a connection's segments (issue 6; smoltcp #1071/#963): soft errors recorded,
 * hard errors ending only a connection attempt, "fragmentation needed" lowering the MSS (RFC 1191),
 * and errors quoting a sequence number not in flight ignored (RFC 5927 4.1).
 */
class TcpIcmpErrorTest {

    private static final int HOST_UNREACHABLE = Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE << 8 | Icmpv4Packet.UNREACHABLE_HOST;
    private static final int PORT_UNREACHABLE = Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE << 8 | Icmpv4Packet.UNREACHABLE_PORT;

    /** An error about our segment of {@code segmentLength} bytes (TCP header included). */
    private static Ipv4Repr ourSegment(int segmentLength) {
        return new Ipv4Repr().set(LOCAL_ADDR, REMOTE_ADDR, IpProtocol.TCP, segmentLength, 64);
    }

    private static Icmpv4Repr unreachable(int code) {
        return new Icmpv4Repr().setDestinationUnreachable(code, 0, ourSegment(26), 8);
    }

    private static Icmpv4Repr fragmentationNeeded(int nextHopMtu, int quotedTotalLength) {
        return new Icmpv4Repr().setDestinationUnreachable(Icmpv4Packet.UNREACHABLE_FRAGMENTATION_NEEDED, nextHopMtu,
                ourSegment(quotedTotalLength - 20), 8);
    }

    private static boolean icmp(TcpTestSocket s, Icmpv4Repr error, int quotedSeq) {
        return s.socket.processIcmpError(s, error, quotedSeq);
    }

    /** Established, "abcdef" sent and not yet acknowledged. */
    private static TcpTestSocket withDataInFlight() {
        TcpTestSocket s = TcpFixtures.socketEstablished();
        s.socket.send("abcdef".getBytes(), 0, 6);
        s.recv(data(0, "abcdef"));
        return s;
    }

    private static String text(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + i % 26));
        }
        return sb.toString();
    }

    @Test
    void softErrorIsRecordedReadOnceAndTheConnectionGoesOn() {
        TcpTestSocket s = withDataInFlight();
        assertTrue(icmp(s, unreachable(Icmpv4Packet.UNREACHABLE_HOST), LOCAL_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        assertEquals(HOST_UNREACHABLE, s.socket.softError());
        assertEquals(TcpSocket.NO_SOFT_ERROR, s.socket.softError(), "reading clears it");
        s.recvNothing(); // nothing is retransmitted early for a soft error
        s.send(ackOf(6));
        s.socket.send("gh".getBytes(), 0, 2);
        s.recv(data(6, "gh"));
    }

    @ParameterizedTest
    @CsvSource({"3,0", "3,1", "3,3", "3,2", "3,13", "11,0", "12,0"})
    void everyErrorButFragmentationNeededIsSoftOnAnEstablishedConnection(int type, int code) {
        TcpTestSocket s = withDataInFlight();
        Icmpv4Repr error = type == Icmpv4Packet.TYPE_DESTINATION_UNREACHABLE ? unreachable(code)
                : type == Icmpv4Packet.TYPE_TIME_EXCEEDED ? new Icmpv4Repr().setTimeExceeded(code, ourSegment(26), 8)
                : new Icmpv4Repr().setParameterProblem(code, 0, ourSegment(26), 8);
        assertTrue(icmp(s, error, LOCAL_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state(), "RFC 5461: no abort once synchronized");
        assertEquals(type << 8 | code, s.socket.softError());
    }

    @Test
    void errorQuotingASequenceNumberNotInFlightIsIgnored() {
        TcpTestSocket s = withDataInFlight();
        assertFalse(icmp(s, unreachable(Icmpv4Packet.UNREACHABLE_HOST), LOCAL_SEQ + 1 + 7), "beyond SND.NXT");
        assertFalse(icmp(s, unreachable(Icmpv4Packet.UNREACHABLE_HOST), LOCAL_SEQ), "before SND.UNA");
        assertFalse(icmp(s, fragmentationNeeded(600, 1500), LOCAL_SEQ + 100000));
        assertEquals(TcpSocket.NO_SOFT_ERROR, s.socket.softError());
        assertEquals(65535, s.socket.pathMtu());
        assertTrue(icmp(s, unreachable(Icmpv4Packet.UNREACHABLE_HOST), LOCAL_SEQ + 1 + 6), "SND.NXT itself (a pure ACK)");
        s.send(ackOf(6));
        assertFalse(icmp(s, unreachable(Icmpv4Packet.UNREACHABLE_HOST), LOCAL_SEQ + 1), "acknowledged since");
    }

    @Test
    void errorBeforeAnythingWasSentIsIgnored() {
        TcpTestSocket s = TcpFixtures.socketSynSent();
        assertFalse(icmp(s, unreachable(Icmpv4Packet.UNREACHABLE_PORT), LOCAL_SEQ));
        assertEquals(TcpSocket.SYN_SENT, s.socket.state());
    }

    @Test
    void portUnreachableEndsAConnectionAttemptWithoutReset() {
        TcpTestSocket s = TcpFixtures.socketSynSent();
        s.recv(TcpFixtures.ourSyn());
        assertTrue(icmp(s, unreachable(Icmpv4Packet.UNREACHABLE_PORT), LOCAL_SEQ));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
        assertEquals(PORT_UNREACHABLE, s.socket.softError());
        s.recvNothing(); // the peer has no connection to reset
        assertEquals(Long.MAX_VALUE, s.pollAtMillis(0));
    }

    @Test
    void softErrorDuringAConnectionAttemptKeepsTrying() {
        TcpTestSocket s = TcpFixtures.socketSynSent();
        Seg syn = TcpFixtures.ourSyn();
        s.recv(syn);
        assertTrue(icmp(s, unreachable(Icmpv4Packet.UNREACHABLE_HOST), LOCAL_SEQ));
        assertEquals(TcpSocket.SYN_SENT, s.socket.state());
        s.recv(1000, syn); // retransmitted on time
        assertEquals(HOST_UNREACHABLE, s.socket.softError());
    }

    @Test
    void hardErrorInSynReceivedIsOnlyRecorded() {
        TcpTestSocket s = TcpFixtures.socketSynReceived();
        s.recv(TcpFixtures.synAck());
        assertTrue(icmp(s, unreachable(Icmpv4Packet.UNREACHABLE_PORT), LOCAL_SEQ));
        assertEquals(TcpSocket.SYN_RECEIVED, s.socket.state());
        assertEquals(PORT_UNREACHABLE, s.socket.softError());
    }

    @Test
    void newConnectionForgetsTheOldError() {
        TcpTestSocket s = TcpFixtures.socketSynSent();
        s.recv(TcpFixtures.ourSyn());
        icmp(s, unreachable(Icmpv4Packet.UNREACHABLE_PORT), LOCAL_SEQ);
        s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, LOCAL_PORT);
        assertEquals(TcpSocket.NO_SOFT_ERROR, s.socket.softError());
    }

    /** Established with a 1460-byte MSS, a 4000-byte peer window, Nagle off, 4 KiB to send. */
    private static TcpTestSocket bulk() {
        TcpTestSocket s = TcpFixtures.socketEstablishedMss(4096, 1460);
        s.socket.setNagleEnabled(false);
        s.send(ackOf(0).win(4000));
        return s;
    }

    @Test
    void fragmentationNeededLowersTheMssAndResendsWhatIsInFlight() {
        TcpTestSocket s = bulk();
        String payload = text(2000);
        s.socket.send(payload.getBytes(), 0, 2000);
        s.recv(data(0, payload.substring(0, 1460)), data(1460, payload.substring(1460)));
        assertTrue(icmp(s, fragmentationNeeded(1000, 1500), LOCAL_SEQ + 1));
        assertEquals(1000, s.socket.pathMtu());
        assertEquals(TcpSocket.NO_SOFT_ERROR, s.socket.softError(), "path MTU discovery is no error");
        s.recv(10, data(0, payload.substring(0, 960)), data(960, payload.substring(960, 1920)), data(1920, payload.substring(1920)));
        assertEquals(0, s.socket.retransmissionTimeouts());
        s.send(ackOf(2000).win(4000));
        s.socket.send(payload.getBytes(), 0, 1000);
        s.recv(20, data(2000, payload.substring(0, 960)), data(2960, payload.substring(960, 1000)));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 1500, 1492", // RFC 1191 plateau below the quoted length
        "0, 1006, 576", // plateau 508, raised to the minimum
        "1500, 1500, 1492", // not below the quoted datagram: it would have fit, so a plateau
        "40, 1200, 1006", // below 68: nonsense, a plateau
        "300, 1500, 576", // below the minimum
        "1280, 1500, 1280",
    })
    void nextHopMtuIsCheckedAndBounded(int nextHopMtu, int quotedLength, int pathMtu) {
        TcpTestSocket s = bulk();
        s.socket.send(new byte[100], 0, 100);
        s.recv(data(0, new String(new byte[100])));
        assertTrue(icmp(s, fragmentationNeeded(nextHopMtu, quotedLength), LOCAL_SEQ + 1));
        assertEquals(pathMtu, s.socket.pathMtu());
    }

    @Test
    void icmpNeverRaisesThePathMtu() {
        TcpTestSocket s = bulk();
        s.socket.send(new byte[100], 0, 100);
        s.recv(data(0, new String(new byte[100])));
        assertTrue(icmp(s, fragmentationNeeded(1000, 1500), LOCAL_SEQ + 1));
        s.recv(data(0, new String(new byte[100])));
        assertTrue(icmp(s, fragmentationNeeded(1200, 1500), LOCAL_SEQ + 1));
        assertEquals(1000, s.socket.pathMtu());
        s.recvNothing(); // nothing lowered, nothing resent
    }

    @Test
    void acceptsOnlyItsOwnFourTuple() {
        TcpTestSocket s = withDataInFlight();
        assertTrue(s.socket.acceptsIcmpError(LOCAL_ADDR, LOCAL_PORT, REMOTE_ADDR, REMOTE_PORT));
        assertFalse(s.socket.acceptsIcmpError(OTHER_ADDR, LOCAL_PORT, REMOTE_ADDR, REMOTE_PORT));
        assertFalse(s.socket.acceptsIcmpError(LOCAL_ADDR, LOCAL_PORT + 1, REMOTE_ADDR, REMOTE_PORT));
        assertFalse(s.socket.acceptsIcmpError(LOCAL_ADDR, LOCAL_PORT, OTHER_ADDR, REMOTE_PORT));
        assertFalse(s.socket.acceptsIcmpError(LOCAL_ADDR, LOCAL_PORT, REMOTE_ADDR, REMOTE_PORT + 1));
        assertFalse(TcpFixtures.socketListen().socket.acceptsIcmpError(LOCAL_ADDR, LOCAL_PORT, REMOTE_ADDR, REMOTE_PORT));
    }

    @Test
    void processingErrorsAllocatesNothing() {
        TcpTestSocket s = withDataInFlight();
        Icmpv4Repr soft = unreachable(Icmpv4Packet.UNREACHABLE_HOST);
        Icmpv4Repr mtu = fragmentationNeeded(1400, 1500);
        AllocationProbe.assertAllocationFree("TCP ICMP errors", () -> {
            s.socket.processIcmpError(s, soft, LOCAL_SEQ + 1);
            s.socket.processIcmpError(s, mtu, LOCAL_SEQ + 1);
            s.socket.processIcmpError(s, soft, REMOTE_SEQ);
            s.socket.softError();
        });
    }
}
