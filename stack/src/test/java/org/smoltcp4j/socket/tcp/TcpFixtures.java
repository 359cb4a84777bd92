package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_PORT;
import static org.smoltcp4j.socket.tcp.Seg.LOCAL_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_PORT;
import static org.smoltcp4j.socket.tcp.Seg.REMOTE_SEQ;
import static org.smoltcp4j.socket.tcp.Seg.recv;
import static org.smoltcp4j.socket.tcp.Seg.send;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.BASE_MSS;
import static org.smoltcp4j.socket.tcp.TcpTestSocket.REMOTE_ADDR;

import org.smoltcp4j.socket.TcpSocket;

/**
 * smoltcp's fixtures (socket_established() and friends), each reached by a real exchange of
 * segments at time 0 rather than by setting private fields: so each fixture also checks the path
 * into its state. Buffers 64/64 and no ACK delay unless told.
 */
final class TcpFixtures {

    private TcpFixtures() {
    }

    static TcpTestSocket socket() {
        return socketWithBufferSizes(64, 64);
    }

    static TcpTestSocket socketWithBufferSizes(int txLen, int rxLen) {
        return new TcpTestSocket(txLen, rxLen);
    }

    static TcpTestSocket socketListen() {
        TcpTestSocket s = socket();
        s.socket.listen(LOCAL_PORT);
        return s;
    }

    /** SYN received, SYN|ACK not sent yet. */
    static TcpTestSocket socketSynReceivedWithBufferSizes(int txLen, int rxLen) {
        TcpTestSocket s = socketWithBufferSizes(txLen, rxLen);
        s.socket.listen(LOCAL_PORT);
        s.send(send().syn().seq(REMOTE_SEQ).noAck());
        assertEquals(TcpSocket.SYN_RECEIVED, s.socket.state());
        return s;
    }

    static TcpTestSocket socketSynReceived() {
        return socketSynReceivedWithBufferSizes(64, 64);
    }

    /** connect() called, SYN not sent yet. */
    static TcpTestSocket socketSynSentWithBufferSizes(int txLen, int rxLen) {
        TcpTestSocket s = socketWithBufferSizes(txLen, rxLen);
        s.socket.connect(s, REMOTE_ADDR, REMOTE_PORT, LOCAL_PORT);
        return s;
    }

    static TcpTestSocket socketSynSent() {
        return socketSynSentWithBufferSizes(64, 64);
    }

    /** The SYN a connecting socket sends first. */
    static Seg ourSyn() {
        return recv().syn().seq(LOCAL_SEQ).noAck().mss(BASE_MSS).ws(0).sackOk();
    }

    /** The SYN|ACK a fresh listener answers REMOTE_SEQ's SYN with. */
    static Seg synAck() {
        return recv().syn().seq(LOCAL_SEQ).ack(REMOTE_SEQ + 1).mss(BASE_MSS);
    }

    static TcpTestSocket socketEstablishedWithBufferSizes(int txLen, int rxLen) {
        TcpTestSocket s = socketSynReceivedWithBufferSizes(txLen, rxLen);
        s.recv(synAck().win(Math.min(rxLen, 0xffff)));
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        return s;
    }

    /**
     * A passive open on new buffers: the peer's {@code syn}, our {@code expectedSynAck}, the peer's
     * ACK. For fixtures whose peer announces options in its SYN.
     */
    private static TcpTestSocket handshake(TcpTestSocket s, Seg syn, Seg expectedSynAck) {
        s.socket.listen(LOCAL_PORT);
        s.send(syn);
        s.recv(expectedSynAck);
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.ESTABLISHED, s.socket.state());
        return s;
    }

    /** Established with a peer that sent SACK-permitted. */
    static TcpTestSocket socketEstablishedWithSack(int txLen, int rxLen) {
        return handshake(socketWithBufferSizes(txLen, rxLen), send().syn().seq(REMOTE_SEQ).noAck().sackOk(),
                synAck().win(Math.min(rxLen, 0xffff)).sackOk());
    }

    /** Established with a peer that scales its window by {@code peerShift} (so we scale ours too). */
    static TcpTestSocket socketEstablishedScaled(int txLen, int rxLen, int peerShift) {
        int ourShift = Math.max(0, 32 - Integer.numberOfLeadingZeros(rxLen) - 16); // smoltcp: log2(rx) - 16
        return handshake(socketWithBufferSizes(txLen, rxLen), send().syn().seq(REMOTE_SEQ).noAck().ws(peerShift),
                synAck().win(Math.min(rxLen, 0xffff)).ws(ourShift));
    }

    /** Established with a peer whose SYN announced {@code mss} (smoltcp's tests set remote_mss directly). */
    static TcpTestSocket socketEstablishedMss(int txLen, int mss) {
        return handshake(socketWithBufferSizes(txLen, 64), send().syn().seq(REMOTE_SEQ).noAck().mss(mss), synAck());
    }

    /** The TSval of the peer's SYN in {@link #socketEstablishedWithTimestamps}: TS.Recent after it. */
    static final int PEER_TSVAL = 500;

    /**
     * Established at time 0 with timestamps negotiated (the peer's SYN carried TSval
     * {@link #PEER_TSVAL}), and SACK too when {@code sack}. Our TSval is the clock in ms.
     */
    static TcpTestSocket socketEstablishedWithTimestamps(int txLen, int rxLen, boolean sack) {
        TcpTestSocket s = socketWithBufferSizes(txLen, rxLen);
        s.socket.setTimestampsEnabled(true);
        Seg syn = send().syn().seq(REMOTE_SEQ).noAck().ts(PEER_TSVAL, 0);
        Seg synAck = synAck().win(Math.min(rxLen, 0xffff)).ts(0, PEER_TSVAL);
        if (sack) {
            syn = syn.sackOk();
            synAck = synAck.sackOk();
        }
        handshake(s, syn, synAck);
        assertTrue(s.socket.timestampsNegotiated());
        return s;
    }

    static TcpTestSocket socketEstablished() {
        return socketEstablishedWithBufferSizes(64, 64);
    }

    /** close() called, FIN not sent yet. */
    static TcpTestSocket socketFinWait1() {
        TcpTestSocket s = socketEstablished();
        s.socket.close();
        return s;
    }

    /** Our FIN sent and acknowledged. */
    static TcpTestSocket socketFinWait2() {
        TcpTestSocket s = socketFinWait1();
        s.recv(recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 1));
        assertEquals(TcpSocket.FIN_WAIT_2, s.socket.state());
        return s;
    }

    /** Our FIN sent (retransmission due at 1000 ms), the peer's FIN received, our ACK of it not sent. */
    static TcpTestSocket socketClosing() {
        TcpTestSocket s = socketFinWait1();
        s.recv(recv().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1));
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        assertEquals(TcpSocket.CLOSING, s.socket.state());
        return s;
    }

    /**
     * TIME-WAIT entered at 1000 ms (so it ends at 11000 ms); from CLOSING the ACK of the peer's
     * FIN has gone out, from FIN-WAIT-2 it has not.
     */
    static TcpTestSocket socketTimeWait(boolean fromClosing) {
        TcpTestSocket s;
        if (fromClosing) {
            s = socketClosing();
            s.recv(recv().seq(LOCAL_SEQ + 1 + 1).ack(REMOTE_SEQ + 1 + 1));
            s.send(1000, send().seq(REMOTE_SEQ + 1 + 1).ack(LOCAL_SEQ + 1 + 1));
        } else {
            s = socketFinWait2();
            s.send(1000, send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1 + 1));
        }
        assertEquals(TcpSocket.TIME_WAIT, s.socket.state());
        return s;
    }

    /** The peer's FIN received and acknowledged. */
    static TcpTestSocket socketCloseWait() {
        TcpTestSocket s = socketEstablished();
        s.send(send().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 1));
        assertEquals(TcpSocket.CLOSE_WAIT, s.socket.state());
        return s;
    }

    /** close() in CLOSE-WAIT, our FIN not sent yet. */
    static TcpTestSocket socketLastAck() {
        TcpTestSocket s = socketCloseWait();
        s.socket.close();
        assertEquals(TcpSocket.LAST_ACK, s.socket.state());
        return s;
    }

    /** Established, "abcdef" received and acknowledged (window 58). */
    static TcpTestSocket socketRecved() {
        TcpTestSocket s = socketEstablished();
        s.send(send().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).payload("abcdef"));
        s.recv(recv().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1 + 6).win(58));
        return s;
    }
}
