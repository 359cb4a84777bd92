package org.smoltcp4j.wire;

/**
 * The meaning of an Ethernet II header: addresses and EtherType. A reusable holder: {@link #parse}
 * fills it from a frame, {@link #emit} writes it back; setters reject values that cannot be
 * emitted, so a holder can always be emitted.
 */
public final class EthernetRepr {

    private long source;
    private long destination;
    private int etherType = EtherType.IPV4;

    /**
     * Fills this holder from {@code frame}. Returns {@link WireStatus#OK},
     * {@link WireStatus#TRUNCATED}, or {@link WireStatus#UNSUPPORTED} for VLAN-tagged frames
     * (802.1Q/802.1ad) and for IEEE 802.3 length fields (EtherType below 0x0600).
     */
    public int parse(EthernetFrame frame) {
        int status = frame.check();
        if (status != WireStatus.OK) {
            return status;
        }
        int type = frame.etherType();
        if (type == EtherType.VLAN || type == EtherType.QINQ || type < 0x0600) {
            return WireStatus.UNSUPPORTED;
        }
        source = frame.source();
        destination = frame.destination();
        etherType = type;
        return WireStatus.OK;
    }

    /** Header bytes {@link #emit} writes. */
    public int bufferLen() {
        return EthernetFrame.HEADER_LEN;
    }

    /** Writes the header into {@code frame}, which must be at least {@link #bufferLen()} long. */
    public void emit(EthernetFrame frame) {
        if (frame.length() < EthernetFrame.HEADER_LEN) {
            throw new IllegalArgumentException("frame of " + frame.length() + " bytes cannot hold the "
                    + EthernetFrame.HEADER_LEN + "-byte Ethernet header");
        }
        frame.setDestination(destination);
        frame.setSource(source);
        frame.setEtherType(etherType);
    }

    public long source() {
        return source;
    }

    public long destination() {
        return destination;
    }

    public int etherType() {
        return etherType;
    }

    public EthernetRepr setSource(long mac) {
        source = requireMac("source", mac);
        return this;
    }

    public EthernetRepr setDestination(long mac) {
        destination = requireMac("destination", mac);
        return this;
    }

    public EthernetRepr setEtherType(int type) {
        if (type < 0x0600 || type > 0xffff) {
            throw new IllegalArgumentException("EtherType must be 0x0600..0xffff, got " + type);
        }
        etherType = type;
        return this;
    }

    /** tcpdump-style: {@code EthernetII src=.. dst=.. type=IPv4}. */
    public StringBuilder appendTo(StringBuilder out) {
        MacAddress.append(out.append("EthernetII src="), source);
        MacAddress.append(out.append(" dst="), destination);
        return EtherType.append(out.append(" type="), etherType);
    }

    static long requireMac(String what, long mac) {
        if (!MacAddress.isValid(mac)) {
            throw new IllegalArgumentException(what + " MAC address must fit in 48 bits, got 0x" + Long.toHexString(mac));
        }
        return mac;
    }
}
