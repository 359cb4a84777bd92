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

    /**
     * Established with a peer announcing {@code peerMss} and {@code peerWindow}, over a device that
     * segments up to 64 KiB, with {@code queued} bytes to send.
     */
    private static TcpTestSocket offloading(int peerMss, int peerWindow, int queued) {
        TcpTestSocket s = socketEstablishedMss(32767, peerMss);
        s.segmentationLimit = 0xffff;
        s.send(ackOf(0).win(peerWindow));
        s.socket.send(new byte[queued], 0, queued);
        return s;
    }

    @Test
    void newDataGoesInOneSegmentUpToTheLimit() {
        offloading(1460, 32767, 20000).recvExact(0, data(0, "").payload(new byte[20000]).psh());
    }

    @Test
    void theWindowStillBoundsIt() {
        TcpTestSocket s = offloading(1460, 5000, 20000);
        s.recvExact(0, data(0, "").payload(new byte[5000]));
        s.recvNothing(0);
    }

    @Test
    void aPeerWhoseMssIsBelowTheMtuGetsMssSegments() {
        offloading(1000, 32767, 1200).recvExact(0, data(0, "").payload(new byte[1000]));
    }

    /** After a timeout the data goes again from SND.UNA as new data would: the device cuts it the same way. */
    @Test
    void aTimeoutResendsTheWholeSegment() {
        TcpTestSocket s = offloading(1460, 32767, 3000);
        s.recvExact(0, data(0, "").payload(new byte[3000]).psh());
        s.recvNothing(999);
        s.recvExact(1000, data(0, "").payload(new byte[3000]).psh());
    }
}
