package org.smoltcp4j.socket.tcp;

import static org.smoltcp4j.socket.tcp.Seg.ackOf;
import static org.smoltcp4j.socket.tcp.Seg.data;
import static org.smoltcp4j.socket.tcp.TcpFixtures.socketEstablishedMss;

import org.junit.jupiter.api.Test;

/**
 * TCP segmentation offload (issue 6): when the interface takes TCP packets larger than its MTU,
 * new data goes out in segments up to that limit, which the device cuts into MTU-filling pieces;
 * only when those pieces are what the peer's MSS allows.
 */
class TcpSegmentationTest {

    private static final int LIMIT = 0xffff;

    @Test
    void newDataGoesInOneSegmentUpToTheLimit() {
        TcpTestSocket s = socketEstablishedMss(32767, 1460);
        s.segmentationLimit = LIMIT;
        s.send(ackOf(0).win(32767));
        s.socket.send(new byte[20000], 0, 20000);
        s.recvExact(0, data(0, "").payload(new byte[20000]).psh());
    }

    @Test
    void theWindowStillBoundsIt() {
        TcpTestSocket s = socketEstablishedMss(32767, 1460);
        s.segmentationLimit = LIMIT;
        s.send(ackOf(0).win(5000));
        s.socket.send(new byte[20000], 0, 20000);
        s.recvExact(0, data(0, "").payload(new byte[5000]));
        s.recvNothing(0);
    }

    @Test
    void aPeerWhoseMssIsBelowTheMtuGetsMssSegments() {
        TcpTestSocket s = socketEstablishedMss(32767, 1000);
        s.segmentationLimit = LIMIT;
        s.send(ackOf(0).win(32767));
        s.socket.send(new byte[1200], 0, 1200);
        s.recvExact(0, data(0, "").payload(new byte[1000]));
    }

    /** After a timeout the data goes again from SND.UNA as new data would: the device cuts it the same way. */
    @Test
    void aTimeoutResendsTheWholeSegment() {
        TcpTestSocket s = socketEstablishedMss(32767, 1460);
        s.segmentationLimit = LIMIT;
        s.send(ackOf(0).win(32767));
        s.socket.send(new byte[3000], 0, 3000);
        s.recvExact(0, data(0, "").payload(new byte[3000]).psh());
        s.recvNothing(999);
        s.recvExact(1000, data(0, "").payload(new byte[3000]).psh());
    }
}
