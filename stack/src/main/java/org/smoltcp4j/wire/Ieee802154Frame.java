package org.smoltcp4j.wire;

/**
 * A view of an IEEE 802.15.4 MAC frame without FCS (pcap link type 230) over
 * {@code buf[off, off+len)}: frame control, sequence number, addressing fields, auxiliary security
 * header and payload. All multi-byte fields are little-endian on the air; the accessors return them
 * as numbers (a short address in an {@code int}, an extended address in a {@code long}, most
 * significant octet first as printed). After {@link #check} returns {@link WireStatus#OK}, no
 * accessor can fail.
 *
 * <p>The layout of the addressing fields follows from the frame control alone, so the view
 * recomputes it whenever the frame control is read ({@link #check}) or written
 * ({@link #setFrameControl}); the other setters write at the offsets of the current layout.
 */
public final class Ieee802154Frame extends PacketView {

    public static final int TYPE_BEACON = 0;
    public static final int TYPE_DATA = 1;
    public static final int TYPE_ACK = 2;
    public static final int TYPE_MAC_COMMAND = 3;

    public static final int MODE_ABSENT = 0;
    /** Mode 1 is reserved in every version of the standard: such frames are malformed. */
    public static final int MODE_RESERVED = 1;
    public static final int MODE_SHORT = 2;
    public static final int MODE_EXTENDED = 3;

    public static final int VERSION_2003 = 0;
    public static final int VERSION_2006 = 1;
    /** IEEE 802.15.4-2015 (and 2011e) frames: sequence number suppression, new PAN ID rules. */
    public static final int VERSION_2015 = 2;

    /** The short address that every device receives. */
    public static final int BROADCAST_SHORT = 0xffff;
    public static final int BROADCAST_PAN = 0xffff;

    public static final int FC_SECURITY = 1 << 3;
    public static final int FC_FRAME_PENDING = 1 << 4;
    public static final int FC_ACK_REQUEST = 1 << 5;
    public static final int FC_PAN_ID_COMPRESSION = 1 << 6;
    public static final int FC_SEQUENCE_SUPPRESSION = 1 << 8;
    public static final int FC_IE_PRESENT = 1 << 9;

    /** Security control bit 5: the frame counter is suppressed (2015 frames only). */
    public static final int SEC_FRAME_COUNTER_SUPPRESSION = 1 << 5;

    private static final int FRAME_CONTROL_LEN = 2;
    static final int DST_PAN = 1;
    static final int SRC_PAN = 2;

    // Layout derived from the frame control (offsets relative to off; -1 = field absent).
    private int sequenceAt;
    private int dstPanAt;
    private int dstAddrAt;
    private int srcPanAt;
    private int srcAddrAt;
    private int securityAt;
    private int headerLen;

    /** Points this view at {@code len} bytes of {@code buf} from {@code off}. */
    public Ieee802154Frame wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        this.headerLen = 0;
        return this;
    }

    /**
     * Validates the frame: {@link WireStatus#TRUNCATED} when the buffer ends inside the header or
     * the message integrity code; {@link WireStatus#MALFORMED} for a reserved addressing mode, a
     * PAN ID compression bit that the frame's version does not allow with these addressing modes,
     * or a suppressed frame counter in a frame older than 2015; {@link WireStatus#UNSUPPORTED} for frame types
     * other than beacon, data, acknowledgement and MAC command, the reserved frame version 3,
     * information elements, and security on 2003 frames.
     */
    @Override
    public int check() {
        if (len < FRAME_CONTROL_LEN) {
            return WireStatus.TRUNCATED;
        }
        int status = layout(frameControl());
        if (status != WireStatus.OK) {
            return status;
        }
        if (headerLen > len) {
            return WireStatus.TRUNCATED;
        }
        if (securityAt >= 0) {
            status = securityLayout();
            if (status != WireStatus.OK) {
                return status;
            }
            if (headerLen + micLength() > len) {
                return WireStatus.TRUNCATED;
            }
        }
        return WireStatus.OK;
    }

    /** Computes the addressing layout from {@code fc}; the auxiliary security header is sized later. */
    private int layout(int fc) {
        int pans = panFields(fc);
        if (pans < 0) {
            return pans;
        }
        int at = FRAME_CONTROL_LEN;
        sequenceAt = hasSequenceNumber(fc) ? at : -1;
        if (sequenceAt >= 0) {
            at++;
        }
        dstPanAt = (pans & DST_PAN) != 0 ? at : -1;
        at += (pans & DST_PAN) != 0 ? 2 : 0;
        dstAddrAt = at;
        at += addressLength((fc >>> 10) & 3);
        srcPanAt = (pans & SRC_PAN) != 0 ? at : -1;
        at += (pans & SRC_PAN) != 0 ? 2 : 0;
        srcAddrAt = at;
        at += addressLength((fc >>> 14) & 3);
        securityAt = (fc & FC_SECURITY) != 0 ? at : -1;
        headerLen = at + ((fc & FC_SECURITY) != 0 ? 1 : 0);
        return WireStatus.OK;
    }

    /** False only for 2015 frames that suppress the sequence number. */
    static boolean hasSequenceNumber(int fc) {
        return ((fc >>> 12) & 3) != VERSION_2015 || (fc & FC_SEQUENCE_SUPPRESSION) == 0;
    }

    /**
     * Which PAN ID fields a frame control implies ({@link #DST_PAN} | {@link #SRC_PAN}), or a
     * negative {@link WireStatus} when it describes no frame this view supports.
     */
    static int panFields(int fc) {
        int type = fc & 7;
        int version = (fc >>> 12) & 3;
        int dstMode = (fc >>> 10) & 3;
        int srcMode = (fc >>> 14) & 3;
        if (type > TYPE_MAC_COMMAND || version > VERSION_2015) {
            return WireStatus.UNSUPPORTED;
        }
        if (dstMode == MODE_RESERVED || srcMode == MODE_RESERVED) {
            return WireStatus.MALFORMED;
        }
        if ((fc & FC_IE_PRESENT) != 0 && version == VERSION_2015 || (fc & FC_SECURITY) != 0 && version == VERSION_2003) {
            return WireStatus.UNSUPPORTED;
        }
        boolean compression = (fc & FC_PAN_ID_COMPRESSION) != 0;
        boolean dstPresent = dstMode != MODE_ABSENT;
        boolean srcPresent = srcMode != MODE_ABSENT;
        if (version != VERSION_2015) {
            // 2003/2006: each present address has a PAN ID; compression needs both addresses.
            if (compression && !(dstPresent && srcPresent)) {
                return WireStatus.MALFORMED;
            }
            return (dstPresent ? DST_PAN : 0) | (srcPresent && !compression ? SRC_PAN : 0);
        }
        // IEEE 802.15.4-2015 table 7-2.
        if (!dstPresent && !srcPresent) {
            return compression ? DST_PAN : 0;
        }
        if (!srcPresent) {
            return compression ? 0 : DST_PAN;
        }
        if (!dstPresent) {
            return compression ? 0 : SRC_PAN;
        }
        if (dstMode == MODE_EXTENDED && srcMode == MODE_EXTENDED) {
            return compression ? 0 : DST_PAN;
        }
        return DST_PAN | (compression ? 0 : SRC_PAN);
    }

    /** Extends {@link #headerLen} over the auxiliary security header once its control byte is readable. */
    private int securityLayout() {
        int control = securityControl();
        boolean counterSuppressed = (control & SEC_FRAME_COUNTER_SUPPRESSION) != 0;
        if (counterSuppressed && frameVersion() != VERSION_2015) {
            return WireStatus.MALFORMED;
        }
        headerLen = securityAt + securityHeaderLength(control);
        return headerLen > len ? WireStatus.TRUNCATED : WireStatus.OK;
    }

    /**
     * Octets of MAC header (auxiliary security header included) for a frame control that
     * {@link #panFields} accepts and, when security is enabled, its security control byte.
     */
    static int headerLength(int fc, int securityControl) {
        int pans = panFields(fc);
        int length = FRAME_CONTROL_LEN + (hasSequenceNumber(fc) ? 1 : 0) + ((pans & DST_PAN) != 0 ? 2 : 0) + ((pans & SRC_PAN) != 0 ? 2 : 0)
                + addressLength((fc >>> 10) & 3) + addressLength((fc >>> 14) & 3);
        if ((fc & FC_SECURITY) != 0) {
            length += securityHeaderLength(securityControl);
        }
        return length;
    }

    /** Octets of an auxiliary security header with this security control byte. */
    static int securityHeaderLength(int control) {
        return 1 + ((control & SEC_FRAME_COUNTER_SUPPRESSION) != 0 ? 0 : 4) + keyIdentifierLength(control);
    }

    /** Octets of an address in {@code mode}: 0, 2 or 8. */
    public static int addressLength(int mode) {
        return mode == MODE_SHORT ? 2 : mode == MODE_EXTENDED ? 8 : 0;
    }

    /** Octets of the key identifier for the key identifier mode in a security control byte. */
    static int keyIdentifierLength(int securityControl) {
        switch ((securityControl >>> 3) & 3) {
            case 0:
                return 0;
            case 1:
                return 1;
            case 2:
                return 5;
            default:
                return 9;
        }
    }

    /** Octets of the message integrity code that ends a frame at a security level (0 to 7). */
    public static int micLength(int securityLevel) {
        int size = securityLevel & 3;
        return size == 0 ? 0 : 2 << size;
    }

    /** The 16-bit frame control, as a number (bit 0 = the first bit of the frame type). */
    public int frameControl() {
        return getU16Le(buf, off);
    }

    public int frameType() {
        return frameControl() & 7;
    }

    public boolean securityEnabled() {
        return (frameControl() & FC_SECURITY) != 0;
    }

    public boolean framePending() {
        return (frameControl() & FC_FRAME_PENDING) != 0;
    }

    public boolean ackRequest() {
        return (frameControl() & FC_ACK_REQUEST) != 0;
    }

    public boolean panIdCompression() {
        return (frameControl() & FC_PAN_ID_COMPRESSION) != 0;
    }

    public int dstAddressingMode() {
        return (frameControl() >>> 10) & 3;
    }

    public int frameVersion() {
        return (frameControl() >>> 12) & 3;
    }

    public int srcAddressingMode() {
        return (frameControl() >>> 14) & 3;
    }

    /** True when the frame carries a sequence number (2015 frames may suppress it). */
    public boolean hasSequenceNumber() {
        return sequenceAt >= 0;
    }

    /** The sequence number, or -1 when suppressed. */
    public int sequenceNumber() {
        return sequenceAt < 0 ? -1 : buf[off + sequenceAt] & 0xff;
    }

    public boolean hasDstPan() {
        return dstPanAt >= 0;
    }

    /** The destination PAN ID, or -1 when elided. */
    public int dstPan() {
        return dstPanAt < 0 ? -1 : getU16Le(buf, off + dstPanAt);
    }

    public boolean hasSrcPan() {
        return srcPanAt >= 0;
    }

    /** The source PAN ID, or -1 when elided (by PAN ID compression, it equals the destination's). */
    public int srcPan() {
        return srcPanAt < 0 ? -1 : getU16Le(buf, off + srcPanAt);
    }

    /** The destination address: a short address in the low 16 bits, an extended one in all 64; 0 when absent. */
    public long dstAddress() {
        return readAddress(dstAddrAt, dstAddressingMode());
    }

    /** The source address: a short address in the low 16 bits, an extended one in all 64; 0 when absent. */
    public long srcAddress() {
        return readAddress(srcAddrAt, srcAddressingMode());
    }

    private long readAddress(int at, int mode) {
        if (mode == MODE_SHORT) {
            return getU16Le(buf, off + at);
        }
        return mode == MODE_EXTENDED ? getU64Le(buf, off + at) : 0L;
    }

    /** Index in {@link #buffer()} of the auxiliary security header, or -1 without security. */
    public int securityHeaderOffset() {
        return securityAt < 0 ? -1 : off + securityAt;
    }

    /** The security control byte, or 0 without security. */
    public int securityControl() {
        return securityAt < 0 ? 0 : buf[off + securityAt] & 0xff;
    }

    /** The security level (0 to 7; 4 and above encrypt). */
    public int securityLevel() {
        return securityControl() & 7;
    }

    public int keyIdentifierMode() {
        return (securityControl() >>> 3) & 3;
    }

    public boolean frameCounterSuppressed() {
        return (securityControl() & SEC_FRAME_COUNTER_SUPPRESSION) != 0;
    }

    /** The frame counter (0 to 2^32-1), or -1 when absent. */
    public long frameCounter() {
        if (securityAt < 0 || frameCounterSuppressed()) {
            return -1;
        }
        return getU32Le(buf, off + securityAt + 1);
    }

    private int keyIdentifierAt() {
        return securityAt + 1 + (frameCounterSuppressed() ? 0 : 4);
    }

    /** The key source (4 or 8 octets, little-endian on the air), or 0 when the key identifier has none. */
    public long keySource() {
        int ki = keyIdentifierLength(securityControl());
        if (securityAt < 0 || ki < 5) {
            return 0;
        }
        int at = off + keyIdentifierAt();
        return ki == 5 ? getU32Le(buf, at) : getU64Le(buf, at);
    }

    /** The key index, or -1 when the key identifier mode carries none. */
    public int keyIndex() {
        int ki = keyIdentifierLength(securityControl());
        if (securityAt < 0 || ki == 0) {
            return -1;
        }
        return buf[off + keyIdentifierAt() + ki - 1] & 0xff;
    }

    /** Octets of message integrity code at the end of the frame (0 without security). */
    public int micLength() {
        return securityAt < 0 ? 0 : micLength(securityLevel());
    }

    /** Octets of MAC header, auxiliary security header included. */
    public int headerLength() {
        return headerLen;
    }

    /** Index in {@link #buffer()} where the payload starts. */
    public int payloadOffset() {
        return off + headerLen;
    }

    /** Octets of payload, message integrity code included (it is part of the secured payload). */
    public int payloadLength() {
        return len - headerLen;
    }

    /**
     * Writes the frame control and recomputes the layout from it. Fails when the frame control
     * describes a frame this view cannot lay out (see {@link #check}) or one longer than the view.
     */
    public void setFrameControl(int fc) {
        if (len < FRAME_CONTROL_LEN) {
            throw new IllegalArgumentException("frame of " + len + " bytes cannot hold a frame control");
        }
        if (layout(fc & 0xffff) != WireStatus.OK) {
            throw new IllegalArgumentException("frame control 0x" + Integer.toHexString(fc) + " has no supported layout");
        }
        if (headerLen > len) {
            throw new IllegalArgumentException("frame of " + len + " bytes cannot hold the " + headerLen + "-byte header");
        }
        setU16Le(buf, off, fc);
    }

    public void setSequenceNumber(int value) {
        requireField("sequence number", sequenceAt);
        buf[off + sequenceAt] = (byte) value;
    }

    public void setDstPan(int pan) {
        setU16Le(buf, off + requireField("destination PAN", dstPanAt), pan);
    }

    public void setSrcPan(int pan) {
        setU16Le(buf, off + requireField("source PAN", srcPanAt), pan);
    }

    public void setDstAddress(long address) {
        writeAddress(dstAddrAt, dstAddressingMode(), address);
    }

    public void setSrcAddress(long address) {
        writeAddress(srcAddrAt, srcAddressingMode(), address);
    }

    private void writeAddress(int at, int mode, long address) {
        if (mode == MODE_SHORT) {
            setU16Le(buf, off + at, (int) address);
        } else if (mode == MODE_EXTENDED) {
            setU64Le(buf, off + at, address);
        }
    }

    /**
     * Writes an auxiliary security header after the addressing fields and extends the header over
     * it; the frame control must have security enabled. {@code frameCounter} is ignored when the
     * control suppresses it, {@code keySource} and {@code keyIndex} when the key identifier mode has
     * no such field.
     */
    public void setSecurityHeader(int control, long frameCounter, long keySource, int keyIndex) {
        requireField("auxiliary security header", securityAt);
        int end = securityAt + securityHeaderLength(control);
        if (end > len) {
            throw new IllegalArgumentException("frame of " + len + " bytes cannot hold a security header ending at " + end);
        }
        buf[off + securityAt] = (byte) control;
        headerLen = end;
        int at = off + securityAt + 1;
        if ((control & SEC_FRAME_COUNTER_SUPPRESSION) == 0) {
            setU32Le(buf, at, (int) frameCounter);
            at += 4;
        }
        int ki = keyIdentifierLength(control);
        if (ki == 5) {
            setU32Le(buf, at, (int) keySource);
        } else if (ki == 9) {
            setU64Le(buf, at, keySource);
        }
        if (ki > 0) {
            buf[at + ki - 1] = (byte) keyIndex;
        }
    }

    private int requireField(String what, int at) {
        if (at < 0) {
            throw new IllegalStateException("the frame control leaves no " + what + " field");
        }
        return at;
    }

    static int getU16Le(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    static long getU32Le(byte[] b, int at) {
        return (getU16Le(b, at) | (long) getU16Le(b, at + 2) << 16) & 0xffffffffL;
    }

    static long getU64Le(byte[] b, int at) {
        return getU32Le(b, at) | getU32Le(b, at + 4) << 32;
    }

    static void setU16Le(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
    }

    static void setU32Le(byte[] b, int at, int value) {
        setU16Le(b, at, value);
        setU16Le(b, at + 2, value >>> 16);
    }

    static void setU64Le(byte[] b, int at, long value) {
        setU32Le(b, at, (int) value);
        setU32Le(b, at + 4, (int) (value >>> 32));
    }
}
