package org.smoltcp4j.hal;

import org.smoltcp4j.wire.Ieee802154Frame;
import org.smoltcp4j.wire.Ieee802154Repr;

/** Test fixture: IEEE 802.15.4 data frames (2006, PAN ID compressed, short source) with a patterned payload. */
final class RadioFrames {

    private RadioFrames() {
    }

    /** A data frame to short address {@code dst} on {@code pan}, from short address {@code src}. */
    static byte[] toShort(int pan, int dst, int src, boolean ackRequest, int payloadLength) {
        return frame(pan, Ieee802154Frame.MODE_SHORT, dst, src, ackRequest, payloadLength);
    }

    /** A data frame asking for an ACK to extended address {@code dst} on {@code pan}, from short address {@code src}. */
    static byte[] toExtended(int pan, long dst, int src, int payloadLength) {
        return frame(pan, Ieee802154Frame.MODE_EXTENDED, dst, src, true, payloadLength);
    }

    private static byte[] frame(int pan, int dstMode, long dst, int src, boolean ackRequest, int payloadLength) {
        Ieee802154Repr repr = new Ieee802154Repr().setFrameType(Ieee802154Frame.TYPE_DATA)
                .setFrameVersion(Ieee802154Frame.VERSION_2006).setAckRequest(ackRequest).setPanIdCompression(true)
                .setSequenceNumber(7).setDstPan(pan).setDstAddress(dstMode, dst)
                .setSrcAddress(Ieee802154Frame.MODE_SHORT, src).setNoSecurity();
        byte[] frame = new byte[repr.bufferLen() + payloadLength];
        repr.emit(new Ieee802154Frame().wrap(frame, 0, frame.length));
        for (int i = repr.bufferLen(); i < frame.length; i++) {
            frame[i] = (byte) i;
        }
        return frame;
    }
}
