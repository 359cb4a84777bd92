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
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpFixtures.PEER_TSVAL;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablishedWithTimestamps;
import static org.smoltcp4j.socket.tcp.TcpFixtures.synAck;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.BASE_MSS;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.REMOTE_ADDR;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.socket.TcpSocket;

/**
 * RFC 7323 timestamps: smoltcp's {@code test_tsval_*} cases (smoltcp's generator returns a fixed
 * TSval; here TSval is the virtual clock in ms, so the tests send at 1 ms where smoltcp's
 * generator said 1), then TS.Recent (section 4.3), RTTM (section 4) and PAWS (section 5).
 */
class TcpTimestampTest {

    private static final Seg SYN = send().syn().seq(REMOTE_SEQ).noAck();
    /** The peer's SYN|ACK to our SYN, as smoltcp's SYN-SENT tests. */
    private static final Seg SYN_ACK = send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(BASE_MSS - 80).ws(0);

    private static Seg ourSyn() {
        return recv().syn().seq(LOCAL_SEQ).noAck().mss(BASE_MSS).ws(0).sackOk();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    // --- smoltcp's test_tsval_* ------------------------------------------------------------------

    @Test
    void tsvalEstablishedConnection() {
        TcpTestSocket s = socketEstablishedWithTimestamps(64, 64, false);
        s.socket.send(bytes("abcdef"), 0, 6);
        s.recv(1, data(0, "abcdef").ts(1, PEER_TSVAL));
        assertEquals(6, s.socket.sendQueue());
        s.send(1, ackOf(6).ts(PEER_TSVAL, 1));
        assertEquals(0, s.socket.sendQueue());
        // Second round trip; an ACK without the option is still processed (as smoltcp and Linux).
        s.socket.send(bytes("foobar"), 0, 6);
        s.recv(1, data(6, "foobar").ts(1, PEER_TSVAL));
        s.send(1, ackOf(12));
        assertEquals(0, s.socket.sendQueue());
    }

    @Test
    void tsvalDisabledInRemoteClient() {
        TcpTestSocket s = TcpFixtures.socketListen();
        s.socket.setTimestampsEnabled(true);
        s.send(SYN);
        assertEquals(TcpSocket.SYN_RECEIVED, s.socket.state());
        assertFalse(s.socket.timestampsNegotiated());
        s.recv(synAck());
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        s.socket.send(bytes("abcdef"), 0, 6);
        s.recv(1, data(0, "abcdef"));
    }

    @Test
    void tsvalDisabledInLocalServer() {
        TcpTestSocket s = TcpFixtures.socketListen();
        assertFalse(s.socket.timestampsEnabled());
        s.send(SYN.ts(500, 0));
        assertEquals(TcpSocket.SYN_RECEIVED, s.socket.state());
        s.recv(synAck()); // RFC 7323 3.2: no TSopt in the SYN|ACK unless we send it
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).ts(502, 0));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        assertFalse(s.socket.timestampsNegotiated());
    }

    @Test
    void tsvalDisabledInRemoteServer() {
        activeOpenWithoutTimestamps(true, ourSyn().ts(1, 0), SYN_ACK);
    }

    @Test
    void tsvalDisabledInLocalClient() {
        activeOpenWithoutTimestamps(false, ourSyn(), SYN_ACK.ts(500, 0));
    }

    /** connect() with timestamps {@code enabled}: our SYN, the peer's SYN|ACK, then data without the option. */
    private static void activeOpenWithoutTimestamps(boolean enabled, Seg expectedSyn, Seg peerSynAck) {
        TcpTestSocket s = TcpFixtures.socket();
        s.socket.setTimestampsEnabled(enabled);
        s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, LOCAL_PORT);
        s.recv(1, expectedSyn);
        s.send(1, peerSynAck);
        assertFalse(s.socket.timestampsNegotiated());
        s.socket.send(bytes("abcdef"), 0, 6);
        s.recv(1, data(0, "abcdef"));
    }

    // --- negotiation -----------------------------------------------------------------------------

    @Test
    void activeOpenNegotiatesAndEchoes() {
        TcpTestSocket s = TcpFixtures.socket();
        s.socket.setTimestampsEnabled(true);
        s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, LOCAL_PORT);
        s.recv(5, ourSyn().ts(5, 0));
        s.send(30, send().syn().seq(REMOTE_SEQ).ack(LOCAL_SEQ + 1).mss(BASE_MSS).ts(700, 5));
        assertTrue(s.socket.timestampsNegotiated());
        assertEquals(25, s.socket.smoothedRttMillis(), "RTTM from the SYN|ACK's echo of our SYN's TSval");
        s.recv(40, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1).ts(40, 700));
    }

    @Test
    void timestampsOnByDefaultWithSeededOffset() {
        TcpSocket socket = new TcpSocket(64, 64, 7);
        assertTrue(socket.timestampsEnabled());
        assertFalse(socket.timestampsNegotiated());
    }

    @Test
    void fullSegmentShrinksByTheOption() {
        TcpTestSocket s = TcpFixtures.socketWithBufferSizes(4000, 64);
        s.socket.setTimestampsEnabled(true);
        s.socket.listen(LOCAL_PORT);
        s.send(SYN.win(8000).mss(BASE_MSS).ts(PEER_TSVAL, 0));
        s.recv(synAck().ts(0, PEER_TSVAL));
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).win(8000).ts(PEER_TSVAL, 0));
        s.socket.send(new byte[3000], 0, 3000);
        s.socket.setNagleEnabled(false);
        assertEquals(BASE_MSS - 12, s.dispatch(1).payload.length, "RFC 6691: MSS less the 12 option bytes");
    }

    // --- TS.Recent (section 4.3) ----------------------------------------------------------------

    @Test
    void outOfOrderSegmentDoesNotSetTsRecent() {
        TcpTestSocket s = socketEstablishedWithTimestamps(64, 64, false);
        // RFC 7323 4.3: the later segment arrives first; its TSval must not be echoed.
        s.send(10, send().seq(REMOTE_SEQ + 1 + 3).ack(LOCAL_SEQ + 1).payload("def").ts(600, 0),
                recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1).ts(10, PEER_TSVAL));
        // The segment that fills the gap covers Last.ACK.sent: its (older) TSval is echoed.
        s.send(20, send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc").ts(550, 0),
                recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 6).win(58).ts(20, 550));
    }

    @Test
    void delayedAckEchoesTheFirstUnacknowledgedSegment() {
        TcpTestSocket s = socketEstablishedWithTimestamps(64, 64, false);
        s.socket.setAckDelay(10000);
        s.send(1, send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc").ts(510, 0));
        // Last.ACK.sent is still REMOTE_SEQ + 1: the second segment's TSval does not replace 510.
        s.send(2, send().seq(REMOTE_SEQ + 1 + 3).ack(LOCAL_SEQ + 1).payload("def").ts(520, 0));
        s.recv(11, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 6).win(58).ts(11, 510));
    }

    // --- RTTM (section 4) ------------------------------------------------------------------------

    @Test
    void rttmSamplesEveryAckOfNewData() {
        TcpTestSocket s = socketEstablishedWithTimestamps(64, 64, false);
        s.socket.send(bytes("abcdef"), 0, 6);
        s.recv(100, data(0, "abcdef").ts(100, PEER_TSVAL));
        s.send(350, ackOf(6).ts(PEER_TSVAL, 100));
        assertEquals(250, s.socket.smoothedRttMillis());
        // A duplicate ACK acknowledges nothing new: no sample, even with a fresh echo.
        s.send(900, ackOf(6).ts(PEER_TSVAL, 800));
        assertEquals(250, s.socket.smoothedRttMillis());
    }

    /** Karn's rule forbids a sample from a retransmitted segment; a TSecr tells which copy arrived. */
    @ParameterizedTest(name = "timestamps {0}")
    @ValueSource(booleans = {true, false})
    void rttSampleAfterRetransmissionOnlyWithTimestamps(boolean timestamps) {
        TcpTestSocket s = timestamps ? socketEstablishedWithTimestamps(64, 64, false) : TcpFixtures.socketEstablished();
        s.socket.send(bytes("abcdef"), 0, 6);
        s.recv(100, stamped(timestamps, data(0, "abcdef"), 100, PEER_TSVAL));
        s.recv(1100, stamped(timestamps, data(0, "abcdef"), 1100, PEER_TSVAL)); // RTO: 1 s
        s.send(1150, stamped(timestamps, ackOf(6), PEER_TSVAL, 1100));
        assertEquals(timestamps ? 50 : 0, s.socket.smoothedRttMillis());
    }

    private static Seg stamped(boolean timestamps, Seg seg, int value, int echoReply) {
        return timestamps ? seg.ts(value, echoReply) : seg;
    }

    // --- PAWS (section 5) ------------------------------------------------------------------------

    @Test
    void pawsDropsOldTsvalWithAnAck() {
        TcpTestSocket s = socketEstablishedWithTimestamps(64, 64, false);
        s.send(10, send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc").ts(PEER_TSVAL - 1, 0),
                recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1).ts(10, PEER_TSVAL));
        assertEquals(0, s.socket.recvQueue());
        assertEquals(1, s.socket.pawsRejected());
        // An equal TSval is not older: accepted.
        s.send(20, send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc").ts(PEER_TSVAL, 0));
        assertEquals(3, s.socket.recvQueue());
    }

    @Test
    void pawsDropsAnOldAckWithoutTouchingSndUna() {
        TcpTestSocket s = socketEstablishedWithTimestamps(64, 64, false);
        s.socket.send(bytes("abcdef"), 0, 6);
        s.recv(1, data(0, "abcdef").ts(1, PEER_TSVAL));
        s.send(2, ackOf(6).ts(PEER_TSVAL - 100, 1), recv().seq(LOCAL_SEQ + 1 + 6).ack(REMOTE_SEQ + 1).ts(2, PEER_TSVAL));
        assertEquals(6, s.socket.sendQueue());
    }

    @Test
    void pawsComparesModulo32Bits() {
        TcpTestSocket s = TcpFixtures.socketWithBufferSizes(64, 64);
        s.socket.setTimestampsEnabled(true);
        s.socket.listen(LOCAL_PORT);
        s.send(SYN.ts(0xfffffff0, 0));
        s.recv(synAck().ts(0, 0xfffffff0));
        // 0x10 is 32 ticks after 0xfffffff0: newer, though smaller as an unsigned number.
        s.send(1, send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc").ts(0x10, 0));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        s.recv(1, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 3).win(61).ts(1, 0x10));
        assertEquals(0, s.socket.pawsRejected());
    }

    @Test
    void pawsNeverDropsAnRst() {
        TcpTestSocket s = socketEstablishedWithTimestamps(64, 64, false);
        s.send(10, send().rst().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).ts(1, 0));
        assertEquals(TcpSocket.CLOSED, s.socket.state());
        assertEquals(0, s.socket.pawsRejected());
    }

    @Test
    void pawsIgnoresSegmentsWithoutTheOption() {
        TcpTestSocket s = socketEstablishedWithTimestamps(64, 64, false);
        s.send(10, send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc"));
        assertEquals(3, s.socket.recvQueue());
    }

    @Test
    void tsRecentExpiresAfter24Days() {
        TcpTestSocket s = socketEstablishedWithTimestamps(64, 64, false);
        long days24 = 24L * 24 * 3600 * 1000;
        s.send(days24, send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc").ts(PEER_TSVAL - 1, 0),
                recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1).ts((int) days24, PEER_TSVAL));
        long later = days24 + 1;
        s.send(later, send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abc").ts(PEER_TSVAL - 1, 0));
        assertEquals(3, s.socket.recvQueue(), "TS.Recent idle for over 24 days no longer rejects");
        s.recv(later, recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 3).win(61).ts((int) later, PEER_TSVAL - 1));
    }
}
