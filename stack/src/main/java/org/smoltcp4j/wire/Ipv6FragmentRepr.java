package org.smoltcp4j.wire;

/** The meaning of an IPv6 Fragment header; offsets are in 8-octet units as on the wire. */
public final class Ipv6FragmentRepr {

    private int nextHeader = IpProtocol.IPV6_NO_NEXT_HEADER;
    private int fragmentOffset;
    private boolean moreFragments;
    private int identification;

    /** Fills this holder; TRUNCATED when shorter than 8 bytes. Reserved bits are ignored (RFC 8200). */
    public int parse(Ipv6FragmentHeader header) {
        int status = header.check();
        if (status != WireStatus.OK) {
            return status;
        }
        nextHeader = header.nextHeader();
        fragmentOffset = header.fragmentOffset();
        moreFragments = header.moreFragments();
        identification = header.identification();
        return WireStatus.OK;
    }

    public int bufferLen() {
        return Ipv6FragmentHeader.HEADER_LEN;
    }

    public void emit(Ipv6FragmentHeader header) {
        if (header.length() < Ipv6FragmentHeader.HEADER_LEN) {
            throw new IllegalArgumentException("fragment header of " + header.length() + " bytes is shorter than 8");
        }
        header.setFields(nextHeader, fragmentOffset, moreFragments, identification);
    }

    /** Sets every field; {@code fragmentOffset} is in 8-octet units (0..8191). */
    public Ipv6FragmentRepr set(int nextHeader, int fragmentOffset, boolean moreFragments, int identification) {
        this.nextHeader = Ipv6Repr.requireRange("next header", nextHeader, 0xff);
        this.fragmentOffset = Ipv6Repr.requireRange("fragment offset", fragmentOffset, 0x1fff);
        this.moreFragments = moreFragments;
        this.identification = identification;
        return this;
    }

    public int nextHeader() {
        return nextHeader;
    }

    public int fragmentOffset() {
        return fragmentOffset;
    }

    public boolean moreFragments() {
        return moreFragments;
    }

    public int identification() {
        return identification;
    }

    /** smoltcp-style: {@code IPv6 Fragment next_hdr=TCP offset=320 more=false ident=67890}. */
    public StringBuilder appendTo(StringBuilder out) {
        IpProtocol.append(out.append("IPv6 Fragment next_hdr="), nextHeader);
        return out.append(" offset=").append(fragmentOffset).append(" more=").append(moreFragments)
                .append(" ident=").append(identification & 0xffffffffL);
    }
}
