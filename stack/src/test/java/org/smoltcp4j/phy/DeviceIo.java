package org.smoltcp4j.phy;

import java.util.Arrays;

/** Test helper: whole frames in and out of a {@link Device}, copying (tests only). */
public final class DeviceIo {

    private DeviceIo() {
    }

    /** Prepares, writes and commits {@code frame}; false when the device had no room. */
    public static boolean send(Device device, long now, byte[] frame) {
        if (!device.prepareTransmit(now, frame.length)) {
            return false;
        }
        System.arraycopy(frame, 0, device.transmitBuffer(), device.transmitOffset(), frame.length);
        device.commitTransmit(frame.length);
        return true;
    }

    /** The next received frame, released, or null when none is waiting. */
    public static byte[] receive(Device device, long now) {
        int length = device.receive(now);
        if (length == 0) {
            return null;
        }
        int offset = device.receiveOffset();
        byte[] frame = Arrays.copyOfRange(device.receiveBuffer(), offset, offset + length);
        device.releaseReceive();
        return frame;
    }

    /** A frame of {@code length} bytes numbered {@code n} (its first four bytes, as far as they fit). */
    public static byte[] numbered(int n, int length) {
        byte[] frame = new byte[length];
        for (int i = 0; i < length; i++) {
            frame[i] = (byte) (i < 4 ? n >>> (24 - 8 * i) : i);
        }
        return frame;
    }
}
