package org.smoltcp4j.wire;

/**
 * A view of an IPv6 Hop-by-Hop or Destination Options header (RFC 8200 sections 4.3 and 4.6):
 * next header, length in 8-octet units not counting the first 8, then TLV-encoded options read
 * with an {@link Ipv6OptionCursor}. {@link #check} validates the header length against the
 * buffer; after OK no accessor fails.
 */
public final class Ipv6OptionsHeader extends PacketView {

    /** Smallest extension header: 8 octets. */
    public static final int MIN_LEN = 8;
    /** Where the options start inside the header. */
    public static final int OPTIONS_START = 2;

    public Ipv6OptionsHeader wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /** TRUNCATED when the buffer is shorter than the length the header announces. */
    @Override
    public int check() {
        return checkExtensionLength(buf, off, len);
    }

    /**
     * The length check shared by the extension headers that use the (next header, length in
     * 8-octet units) layout: options and routing headers.
     */
    static int checkExtensionLength(byte[] buf, int off, int len) {
        if (len < 2 || len < extensionLength(buf, off)) {
            return WireStatus.TRUNCATED;
        }
        return WireStatus.OK;
    }

    static int extensionLength(byte[] buf, int off) {
        return (NetworkBytes.getU8(buf, off + 1) + 1) * 8;
    }

    public int nextHeader() {
        return NetworkBytes.getU8(buf, off);
    }

    /** The raw Hdr Ext Len field (8-octet units beyond the first 8). */
    public int headerLengthField() {
        return NetworkBytes.getU8(buf, off + 1);
    }

    /** Whole header length in bytes. */
    public int headerLength() {
        return extensionLength(buf, off);
    }

    /** Absolute index of the first option byte. */
    public int optionsOffset() {
        return off + OPTIONS_START;
    }

    public int optionsLength() {
        return headerLength() - OPTIONS_START;
    }

    /** Absolute index of the byte after this header (the next header's start). */
    public int payloadOffset() {
        return off + headerLength();
    }

    /** Points {@code cursor} at this header's options. */
    public Ipv6OptionCursor options(Ipv6OptionCursor cursor) {
        return cursor.reset(buf, optionsOffset(), optionsLength());
    }

    public void setNextHeader(int value) {
        NetworkBytes.setU8(buf, off, value);
    }

    public void setHeaderLengthField(int value) {
        NetworkBytes.setU8(buf, off + 1, value);
    }
}
