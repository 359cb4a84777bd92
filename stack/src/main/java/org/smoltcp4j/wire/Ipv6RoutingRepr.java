package org.smoltcp4j.wire;

/**
 * The meaning of a Routing header of type 0, 2 or 3 (see {@link Ipv6RoutingHeader}). Addresses
 * are kept as their wire bytes in a preallocated array of {@link #MAX_ADDRESSES} full addresses;
 * RPL addresses stay compressed and are expanded against a reference address (the packet's
 * destination, RFC 6554 section 3) by {@link #addressHigh}/{@link #addressLow}.
 */
public final class Ipv6RoutingRepr {

    /** Addresses a holder keeps; a header with more is UNSUPPORTED. */
    public static final int MAX_ADDRESSES = 8;

    private final byte[] addresses = new byte[MAX_ADDRESSES * 16];
    private final byte[] scratch = new byte[16];
    private int nextHeader = IpProtocol.IPV6_NO_NEXT_HEADER;
    private int routingType = Ipv6RoutingHeader.TYPE_MOBILE_IPV6;
    private int segmentsLeft;
    private int cmprI;
    private int cmprE;
    private int pad;
    private int count = 1;

    /**
     * Fills this holder from {@code header}. TRUNCATED when short; MALFORMED for a length that
     * does not match the type, RPL fields that describe no whole number of addresses, or
     * segments left above the number of addresses; UNSUPPORTED for other routing types or more
     * than {@link #MAX_ADDRESSES} addresses.
     */
    public int parse(Ipv6RoutingHeader header) {
        int status = header.check();
        if (status != WireStatus.OK) {
            return status;
        }
        int type = header.routingType();
        int lengthField = header.headerLengthField();
        if (type == Ipv6RoutingHeader.TYPE_SOURCE_ROUTE && (lengthField & 1) != 0
                || type == Ipv6RoutingHeader.TYPE_MOBILE_IPV6 && lengthField != 2) {
            return WireStatus.MALFORMED;
        }
        if (type != Ipv6RoutingHeader.TYPE_SOURCE_ROUTE && type != Ipv6RoutingHeader.TYPE_MOBILE_IPV6
                && type != Ipv6RoutingHeader.TYPE_RPL_SOURCE_ROUTE) {
            return WireStatus.UNSUPPORTED;
        }
        int n = header.addressCount();
        if (n < 0 || header.segmentsLeft() > n) {
            return WireStatus.MALFORMED;
        }
        if (n > MAX_ADDRESSES) {
            return WireStatus.UNSUPPORTED;
        }
        boolean rpl = type == Ipv6RoutingHeader.TYPE_RPL_SOURCE_ROUTE;
        nextHeader = header.nextHeader();
        routingType = type;
        segmentsLeft = header.segmentsLeft();
        cmprI = rpl ? header.cmprI() : 0;
        cmprE = rpl ? header.cmprE() : 0;
        pad = rpl ? header.pad() : 0;
        count = n;
        System.arraycopy(header.buffer(), header.addressesOffset(), addresses, 0, addressBytes());
        return WireStatus.OK;
    }

    private int addressBytes() {
        return count == 0 ? 0 : (count - 1) * (16 - cmprI) + 16 - cmprE;
    }

    public int bufferLen() {
        return Ipv6RoutingHeader.ADDRESSES_START + addressBytes() + pad;
    }

    /** Writes the whole header into {@code header}, which must be at least {@link #bufferLen()} long. */
    public void emit(Ipv6RoutingHeader header) {
        int total = bufferLen();
        if (header.length() < total) {
            throw new IllegalArgumentException("routing header of " + header.length() + " bytes cannot hold " + total);
        }
        header.setNextHeader(nextHeader);
        header.setHeaderLengthField(total / 8 - 1);
        header.setRoutingType(routingType);
        header.setSegmentsLeft(segmentsLeft);
        header.setCompression(cmprI, cmprE, pad);
        int bytes = addressBytes();
        System.arraycopy(addresses, 0, header.buffer(), header.addressesOffset(), bytes);
        NetworkBytes.fill(header.buffer(), header.addressesOffset() + bytes, pad, (byte) 0);
    }

    /** A type 2 header (Mobile IPv6 home address, RFC 6275 section 6.4). */
    public Ipv6RoutingRepr setType2(int nextHeader, int segmentsLeft, long homeHigh, long homeLow) {
        Ipv6Repr.requireRange("type 2 segments left", segmentsLeft, 1);
        setCommon(nextHeader, Ipv6RoutingHeader.TYPE_MOBILE_IPV6, segmentsLeft, 0, 0, 1);
        Ipv6Address.write(addresses, 0, homeHigh, homeLow);
        return this;
    }

    /** A type 0 header with no addresses yet; add them with {@link #addType0Address}. */
    public Ipv6RoutingRepr resetType0(int nextHeader) {
        return setCommon(nextHeader, Ipv6RoutingHeader.TYPE_SOURCE_ROUTE, 0, 0, 0, 0);
    }

    /** Appends a full address to a type 0 header and counts it as a segment left; false when full. */
    public boolean addType0Address(long high, long low) {
        if (routingType != Ipv6RoutingHeader.TYPE_SOURCE_ROUTE) {
            throw new IllegalStateException("addresses are added to type 0 headers only, this is type " + routingType);
        }
        if (count == MAX_ADDRESSES) {
            return false;
        }
        Ipv6Address.write(addresses, count * 16, high, low);
        count++;
        segmentsLeft = count;
        return true;
    }

    /**
     * An RPL source route (type 3) of {@code n} addresses whose compressed bytes are
     * {@code src[off, ...)}: n-1 elements of 16-CmprI bytes, then one of 16-CmprE. Pad is chosen
     * to end the header on an 8-octet boundary.
     */
    public Ipv6RoutingRepr setRpl(int nextHeader, int segmentsLeft, int cmprI, int cmprE, byte[] src, int off, int n) {
        Ipv6Repr.requireRange("CmprI", cmprI, 15);
        Ipv6Repr.requireRange("CmprE", cmprE, 15);
        if (n < 1 || n > MAX_ADDRESSES) {
            throw new IllegalArgumentException("RPL address count must be 1.." + MAX_ADDRESSES + ", got " + n);
        }
        Ipv6Repr.requireRange("RPL segments left", segmentsLeft, n);
        int bytes = (n - 1) * (16 - cmprI) + 16 - cmprE;
        NetworkBytes.checkBounds(src, off, bytes);
        setCommon(nextHeader, Ipv6RoutingHeader.TYPE_RPL_SOURCE_ROUTE, segmentsLeft, cmprI, cmprE, n);
        pad = (8 - bytes % 8) % 8;
        System.arraycopy(src, off, addresses, 0, bytes);
        return this;
    }

    private Ipv6RoutingRepr setCommon(int nextHeader, int type, int segmentsLeft, int cmprI, int cmprE, int n) {
        this.nextHeader = Ipv6Repr.requireRange("next header", nextHeader, 0xff);
        this.routingType = type;
        this.segmentsLeft = segmentsLeft;
        this.cmprI = cmprI;
        this.cmprE = cmprE;
        this.pad = 0;
        this.count = n;
        return this;
    }

    public int nextHeader() {
        return nextHeader;
    }

    public int routingType() {
        return routingType;
    }

    public int segmentsLeft() {
        return segmentsLeft;
    }

    public int cmprI() {
        return cmprI;
    }

    public int cmprE() {
        return cmprE;
    }

    public int pad() {
        return pad;
    }

    public int addressCount() {
        return count;
    }

    /** High half of address {@code index}, elided octets taken from the reference address. */
    public long addressHigh(int index, long referenceHigh, long referenceLow) {
        return Ipv6Address.readHigh(expand(index, referenceHigh, referenceLow), 0);
    }

    /** Low half of address {@code index}, elided octets taken from the reference address. */
    public long addressLow(int index, long referenceHigh, long referenceLow) {
        return Ipv6Address.readLow(expand(index, referenceHigh, referenceLow), 0);
    }

    private byte[] expand(int index, long referenceHigh, long referenceLow) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("address index " + index + " with " + count + " addresses");
        }
        int elided = index == count - 1 ? cmprE : cmprI;
        Ipv6Address.write(scratch, 0, referenceHigh, referenceLow);
        System.arraycopy(addresses, index * (16 - cmprI), scratch, elided, 16 - elided);
        return scratch;
    }

    /** smoltcp-style: {@code IPv6 Routing type=2 seg_left=1 home_address=::1} / {@code .. cmpr_i=.. cmpr_e=.. pad=..}. */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("IPv6 Routing type=").append(routingType).append(" seg_left=").append(segmentsLeft);
        if (routingType == Ipv6RoutingHeader.TYPE_RPL_SOURCE_ROUTE) {
            return out.append(" cmpr_i=").append(cmprI).append(" cmpr_e=").append(cmprE).append(" pad=").append(pad)
                    .append(" addresses=").append(count);
        }
        out.append(routingType == Ipv6RoutingHeader.TYPE_MOBILE_IPV6 ? " home_address=" : " addresses=");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            Ipv6Address.append(out, Ipv6Address.readHigh(addresses, i * 16), Ipv6Address.readLow(addresses, i * 16));
        }
        return out;
    }
}
