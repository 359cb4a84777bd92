package org.smoltcp4j.wire;

/**
 * The meaning of an IEEE 802.15.4 MAC header: frame type and flags, sequence number, PAN IDs,
 * addresses and, for secured frames, the auxiliary security header. A reusable holder:
 * {@link #parse} fills it from a checked frame, {@link #emit} writes it back.
 *
 * <p>Addresses are held as a mode ({@link Ieee802154Frame#MODE_ABSENT}, {@code MODE_SHORT},
 * {@code MODE_EXTENDED}) and a {@code long} value (a short address in its low 16 bits). A PAN ID
 * of -1 means "no such field in the frame"; where the layout needs a PAN ID the holder has none
 * for, {@link #emit} writes the broadcast PAN 0xffff.
 *
 * <p>Secured frames parse (so the payload offset is right and they can be traced), but this stack
 * does not decrypt or authenticate them: {@link #payloadStatus} reports
 * {@link WireStatus#UNSUPPORTED} for their payload.
 */
public final class Ieee802154Repr {

    private int frameType = Ieee802154Frame.TYPE_DATA;
    private int frameVersion = Ieee802154Frame.VERSION_2006;
    private boolean securityEnabled;
    private boolean framePending;
    private boolean ackRequest;
    private boolean panIdCompression;
    private int sequenceNumber;
    private int dstPan = -1;
    private int dstMode = Ieee802154Frame.MODE_ABSENT;
    private long dstAddress;
    private int srcPan = -1;
    private int srcMode = Ieee802154Frame.MODE_ABSENT;
    private long srcAddress;
    private int securityControl;
    private long frameCounter;
    private long keySource;
    private int keyIndex;

    /** Fills this holder from {@code frame}; returns the status of {@link Ieee802154Frame#check}. */
    public int parse(Ieee802154Frame frame) {
        int status = frame.check();
        if (status != WireStatus.OK) {
            return status;
        }
        frameType = frame.frameType();
        frameVersion = frame.frameVersion();
        securityEnabled = frame.securityEnabled();
        framePending = frame.framePending();
        ackRequest = frame.ackRequest();
        panIdCompression = frame.panIdCompression();
        sequenceNumber = frame.sequenceNumber();
        dstPan = frame.dstPan();
        dstMode = frame.dstAddressingMode();
        dstAddress = frame.dstAddress();
        srcPan = frame.srcPan();
        srcMode = frame.srcAddressingMode();
        srcAddress = frame.srcAddress();
        securityControl = frame.securityControl();
        frameCounter = Math.max(0, frame.frameCounter());
        keySource = frame.keySource();
        keyIndex = Math.max(0, frame.keyIndex());
        return WireStatus.OK;
    }

    /**
     * Whether the payload can be processed: {@link WireStatus#OK}, or
     * {@link WireStatus#UNSUPPORTED} when security is enabled (no decryption in this stack).
     */
    public int payloadStatus() {
        return securityEnabled ? WireStatus.UNSUPPORTED : WireStatus.OK;
    }

    /** The frame control this holder emits. */
    public int frameControl() {
        return frameType
                | (securityEnabled ? Ieee802154Frame.FC_SECURITY : 0)
                | (framePending ? Ieee802154Frame.FC_FRAME_PENDING : 0)
                | (ackRequest ? Ieee802154Frame.FC_ACK_REQUEST : 0)
                | (panIdCompression ? Ieee802154Frame.FC_PAN_ID_COMPRESSION : 0)
                | (sequenceNumber < 0 ? Ieee802154Frame.FC_SEQUENCE_SUPPRESSION : 0)
                | dstMode << 10 | frameVersion << 12 | srcMode << 14;
    }

    /** Header bytes {@link #emit} writes (MAC header and auxiliary security header). */
    public int bufferLen() {
        requireLayout();
        return Ieee802154Frame.headerLength(frameControl(), securityControl);
    }

    /**
     * Writes the header into {@code frame}, which must be at least {@link #bufferLen()} long. Fails
     * with {@link IllegalStateException} when the fields together describe no valid frame (PAN ID
     * compression with an absent address before 2015, security on a 2003 frame).
     */
    public void emit(Ieee802154Frame frame) {
        int needed = bufferLen();
        if (frame.length() < needed) {
            throw new IllegalArgumentException("frame of " + frame.length() + " bytes cannot hold the "
                    + needed + "-byte IEEE 802.15.4 header");
        }
        frame.setFrameControl(frameControl());
        if (frame.hasSequenceNumber()) {
            frame.setSequenceNumber(sequenceNumber);
        }
        if (frame.hasDstPan()) {
            frame.setDstPan(dstPan < 0 ? Ieee802154Frame.BROADCAST_PAN : dstPan);
        }
        if (frame.hasSrcPan()) {
            frame.setSrcPan(srcPan < 0 ? Ieee802154Frame.BROADCAST_PAN : srcPan);
        }
        frame.setDstAddress(dstAddress);
        frame.setSrcAddress(srcAddress);
        if (securityEnabled) {
            frame.setSecurityHeader(securityControl, frameCounter, keySource, keyIndex);
        }
    }

    private void requireLayout() {
        int fc = frameControl();
        if (Ieee802154Frame.panFields(fc) < 0) {
            throw new IllegalStateException("no valid IEEE 802.15.4 frame has frame control 0x" + Integer.toHexString(fc)
                    + " (PAN ID compression needs both addresses before 2015; 2003 frames cannot be secured)");
        }
        if ((securityControl & Ieee802154Frame.SEC_FRAME_COUNTER_SUPPRESSION) != 0
                && frameVersion != Ieee802154Frame.VERSION_2015) {
            throw new IllegalStateException("frame counter suppression needs a 2015 frame");
        }
        if (sequenceNumber < 0 && frameVersion != Ieee802154Frame.VERSION_2015) {
            throw new IllegalStateException("sequence number suppression needs a 2015 frame");
        }
    }

    public int frameType() {
        return frameType;
    }

    public int frameVersion() {
        return frameVersion;
    }

    public boolean securityEnabled() {
        return securityEnabled;
    }

    public boolean framePending() {
        return framePending;
    }

    public boolean ackRequest() {
        return ackRequest;
    }

    public boolean panIdCompression() {
        return panIdCompression;
    }

    /** The sequence number, or -1 when suppressed. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** The destination PAN ID, or -1 when the frame has none. */
    public int dstPan() {
        return dstPan;
    }

    /** The source PAN ID, or -1 when the frame has none (elided by PAN ID compression). */
    public int srcPan() {
        return srcPan;
    }

    /** The source PAN ID the frame means: its own field, or the destination's when compressed. */
    public int effectiveSrcPan() {
        return srcPan >= 0 ? srcPan : dstPan;
    }

    public int dstAddressingMode() {
        return dstMode;
    }

    public long dstAddress() {
        return dstAddress;
    }

    public int srcAddressingMode() {
        return srcMode;
    }

    public long srcAddress() {
        return srcAddress;
    }

    public int securityControl() {
        return securityControl;
    }

    public int securityLevel() {
        return securityControl & 7;
    }

    public long frameCounter() {
        return frameCounter;
    }

    public long keySource() {
        return keySource;
    }

    public int keyIndex() {
        return keyIndex;
    }

    public Ieee802154Repr setFrameType(int type) {
        if (type < Ieee802154Frame.TYPE_BEACON || type > Ieee802154Frame.TYPE_MAC_COMMAND) {
            throw new IllegalArgumentException("frame type must be 0..3 (beacon, data, ack, MAC command), got " + type);
        }
        frameType = type;
        return this;
    }

    public Ieee802154Repr setFrameVersion(int version) {
        if (version < Ieee802154Frame.VERSION_2003 || version > Ieee802154Frame.VERSION_2015) {
            throw new IllegalArgumentException("frame version must be 0..2, got " + version);
        }
        frameVersion = version;
        return this;
    }

    public Ieee802154Repr setFramePending(boolean pending) {
        framePending = pending;
        return this;
    }

    public Ieee802154Repr setAckRequest(boolean request) {
        ackRequest = request;
        return this;
    }

    public Ieee802154Repr setPanIdCompression(boolean compression) {
        panIdCompression = compression;
        return this;
    }

    /** Sets the sequence number (0..255), or -1 to suppress it (2015 frames only). */
    public Ieee802154Repr setSequenceNumber(int value) {
        if (value < -1 || value > 0xff) {
            throw new IllegalArgumentException("sequence number must be 0..255 or -1 (suppressed), got " + value);
        }
        sequenceNumber = value;
        return this;
    }

    public Ieee802154Repr setDstPan(int pan) {
        dstPan = requirePan("destination", pan);
        return this;
    }

    public Ieee802154Repr setSrcPan(int pan) {
        srcPan = requirePan("source", pan);
        return this;
    }

    /** Sets the destination address; {@code mode} MODE_ABSENT, MODE_SHORT or MODE_EXTENDED. */
    public Ieee802154Repr setDstAddress(int mode, long address) {
        requireAddress("destination", mode, address);
        dstMode = mode;
        dstAddress = address;
        return this;
    }

    /** Sets the source address; {@code mode} MODE_ABSENT, MODE_SHORT or MODE_EXTENDED. */
    public Ieee802154Repr setSrcAddress(int mode, long address) {
        requireAddress("source", mode, address);
        srcMode = mode;
        srcAddress = address;
        return this;
    }

    /** Disables security: the frame carries no auxiliary security header. */
    public Ieee802154Repr setNoSecurity() {
        securityEnabled = false;
        securityControl = 0;
        frameCounter = 0;
        keySource = 0;
        keyIndex = 0;
        return this;
    }

    /**
     * Enables security with this auxiliary security header: {@code control} holds the level (bits
     * 0-2), key identifier mode (bits 3-4) and frame counter suppression (bit 5); the frame counter
     * is 0..2^32-1; the key source takes 4 or 8 octets per key identifier mode; the key index 0..255.
     */
    public Ieee802154Repr setSecurity(int control, long counter, long source, int index) {
        if (control < 0 || control > 0x3f) {
            throw new IllegalArgumentException("security control must be 0..0x3f, got " + control);
        }
        if (counter < 0 || counter > 0xffffffffL) {
            throw new IllegalArgumentException("frame counter must be 0..2^32-1, got " + counter);
        }
        if (index < 0 || index > 0xff) {
            throw new IllegalArgumentException("key index must be 0..255, got " + index);
        }
        int keyIdLength = Ieee802154Frame.keyIdentifierLength(control);
        long sourceMask = keyIdLength == 5 ? 0xffffffffL : keyIdLength == 9 ? -1L : 0L;
        if ((source & ~sourceMask) != 0) {
            throw new IllegalArgumentException("key source 0x" + Long.toHexString(source)
                    + " does not fit key identifier mode " + ((control >>> 3) & 3));
        }
        securityEnabled = true;
        securityControl = control;
        frameCounter = (control & Ieee802154Frame.SEC_FRAME_COUNTER_SUPPRESSION) != 0 ? 0 : counter;
        keySource = source;
        keyIndex = keyIdLength == 0 ? 0 : index;
        return this;
    }

    private static int requirePan(String what, int pan) {
        if (pan < -1 || pan > 0xffff) {
            throw new IllegalArgumentException(what + " PAN ID must be 0..0xffff or -1 (none), got " + pan);
        }
        return pan;
    }

    /** Fails unless {@code address} fits {@code mode} (absent: 0; short: 16 bits; extended: any). */
    static void requireAddress(String what, int mode, long address) {
        boolean ok;
        if (mode == Ieee802154Frame.MODE_ABSENT) {
            ok = address == 0;
        } else if (mode == Ieee802154Frame.MODE_SHORT) {
            ok = address >= 0 && address <= 0xffff;
        } else {
            ok = mode == Ieee802154Frame.MODE_EXTENDED;
        }
        if (!ok) {
            throw new IllegalArgumentException(what + " address 0x" + Long.toHexString(address)
                    + " does not fit IEEE 802.15.4 addressing mode " + mode);
        }
    }

    /**
     * tcpdump-style: {@code IEEE802.15.4 Data seq=1 dst=abcd/ffff src=abcd/00:12:4b:00:14:b5:d9:c7},
     * with {@code ack-req}, {@code pending} and {@code secured level=5 fc=305} when they apply.
     */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("IEEE802.15.4 ").append(typeName(frameType));
        if (sequenceNumber >= 0) {
            out.append(" seq=").append(sequenceNumber);
        }
        appendAddress(out.append(" dst="), dstPan, dstMode, dstAddress);
        appendAddress(out.append(" src="), effectiveSrcPan(), srcMode, srcAddress);
        if (ackRequest) {
            out.append(" ack-req");
        }
        if (framePending) {
            out.append(" pending");
        }
        if (securityEnabled) {
            out.append(" secured level=").append(securityLevel()).append(" fc=").append(frameCounter);
        }
        return out;
    }

    private static void appendAddress(StringBuilder out, int pan, int mode, long address) {
        if (pan >= 0) {
            Hex.append(out, pan, 4).append('/');
        }
        if (mode == Ieee802154Frame.MODE_SHORT) {
            Hex.append(out, address, 4);
        } else if (mode == Ieee802154Frame.MODE_EXTENDED) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                Hex.append(out, address >>> shift, 2);
                if (shift > 0) {
                    out.append(':');
                }
            }
        } else {
            out.append('-');
        }
    }

    private static String typeName(int type) {
        switch (type) {
            case Ieee802154Frame.TYPE_BEACON:
                return "Beacon";
            case Ieee802154Frame.TYPE_DATA:
                return "Data";
            case Ieee802154Frame.TYPE_ACK:
                return "Ack";
            default:
                return "MAC-command";
        }
    }
}
