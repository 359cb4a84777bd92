package org.smoltcp4j.wire;

/**
 * A view of a DHCPv4 message (RFC 2131): the fixed BOOTP header of 236 bytes, the magic cookie
 * 99.130.83.99, then options read with {@link DhcpOptionCursor} and written with
 * {@link DhcpOptionWriter}. The {@code sname} and {@code file} fields are not interpreted (option
 * overload, option 52, is not supported, as in smoltcp). After {@link #check} returns OK no
 * accessor fails.
 */
public final class DhcpPacket extends PacketView {

    /** Fixed header plus magic cookie: where the options start. */
    public static final int HEADER_LEN = 240;
    public static final int MAGIC_COOKIE = 0x6382_5363;
    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;

    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;
    public static final int HARDWARE_ETHERNET = 1;
    /** The broadcast bit of the flags field (RFC 2131 section 2, figure 2); the rest must be zero. */
    public static final int FLAG_BROADCAST = 0x8000;

    public static final int MESSAGE_DISCOVER = 1;
    public static final int MESSAGE_OFFER = 2;
    public static final int MESSAGE_REQUEST = 3;
    public static final int MESSAGE_DECLINE = 4;
    public static final int MESSAGE_ACK = 5;
    public static final int MESSAGE_NAK = 6;
    public static final int MESSAGE_RELEASE = 7;
    public static final int MESSAGE_INFORM = 8;

    /** Option codes of RFC 2132 that the stack reads or writes. */
    public static final int OPTION_PAD = 0;
    public static final int OPTION_SUBNET_MASK = 1;
    public static final int OPTION_ROUTER = 3;
    public static final int OPTION_DOMAIN_NAME_SERVER = 6;
    public static final int OPTION_REQUESTED_IP = 50;
    public static final int OPTION_LEASE_TIME = 51;
    public static final int OPTION_MESSAGE_TYPE = 53;
    public static final int OPTION_SERVER_IDENTIFIER = 54;
    public static final int OPTION_PARAMETER_REQUEST_LIST = 55;
    public static final int OPTION_MAX_MESSAGE_SIZE = 57;
    public static final int OPTION_RENEWAL_TIME = 58;
    public static final int OPTION_REBINDING_TIME = 59;
    public static final int OPTION_CLIENT_IDENTIFIER = 61;
    public static final int OPTION_END = 255;

    private static final int OP = 0;
    private static final int HTYPE = 1;
    private static final int HLEN = 2;
    private static final int HOPS = 3;
    private static final int XID = 4;
    private static final int SECS = 8;
    private static final int FLAGS = 10;
    private static final int CIADDR = 12;
    private static final int YIADDR = 16;
    private static final int SIADDR = 20;
    private static final int GIADDR = 24;
    private static final int CHADDR = 28;
    /** chaddr is 16 bytes, of which Ethernet uses 6; the rest, sname and file are written as zeros. */
    private static final int CHADDR_PADDING = CHADDR + 6;
    private static final int COOKIE = 236;

    public DhcpPacket wrap(byte[] buf, int off, int len) {
        point(buf, off, len);
        return this;
    }

    /**
     * TRUNCATED when shorter than {@link #HEADER_LEN}; MALFORMED when the magic cookie is not
     * 99.130.83.99 (a plain BOOTP message is not DHCP).
     */
    @Override
    public int check() {
        if (len < HEADER_LEN) {
            return WireStatus.TRUNCATED;
        }
        return magicCookie() == MAGIC_COOKIE ? WireStatus.OK : WireStatus.MALFORMED;
    }

    public int opcode() {
        return NetworkBytes.getU8(buf, off + OP);
    }

    public int hardwareType() {
        return NetworkBytes.getU8(buf, off + HTYPE);
    }

    public int hardwareLength() {
        return NetworkBytes.getU8(buf, off + HLEN);
    }

    public int hops() {
        return NetworkBytes.getU8(buf, off + HOPS);
    }

    /** {@code xid}: chosen by the client, echoed by the server. */
    public int transactionId() {
        return NetworkBytes.getU32(buf, off + XID);
    }

    public int secs() {
        return NetworkBytes.getU16(buf, off + SECS);
    }

    public int flags() {
        return NetworkBytes.getU16(buf, off + FLAGS);
    }

    public boolean isBroadcast() {
        return (flags() & FLAG_BROADCAST) != 0;
    }

    /** {@code ciaddr}. */
    public int clientIp() {
        return NetworkBytes.getU32(buf, off + CIADDR);
    }

    /** {@code yiaddr}. */
    public int yourIp() {
        return NetworkBytes.getU32(buf, off + YIADDR);
    }

    /** {@code siaddr}. */
    public int serverIp() {
        return NetworkBytes.getU32(buf, off + SIADDR);
    }

    /** {@code giaddr}. */
    public int relayAgentIp() {
        return NetworkBytes.getU32(buf, off + GIADDR);
    }

    /** The first 6 bytes of {@code chaddr}: the client's Ethernet address. */
    public long clientHardwareAddress() {
        return NetworkBytes.getU48(buf, off + CHADDR);
    }

    public int magicCookie() {
        return NetworkBytes.getU32(buf, off + COOKIE);
    }

    /** Index in {@link #buffer()} where the options start. */
    public int optionsOffset() {
        return off + HEADER_LEN;
    }

    public int optionsLength() {
        return len - HEADER_LEN;
    }

    public void setOpcode(int value) {
        NetworkBytes.setU8(buf, off + OP, value);
    }

    /** Sets htype 1 and hlen 6, the only hardware the stack speaks. */
    public void setEthernetHardware() {
        NetworkBytes.setU8(buf, off + HTYPE, HARDWARE_ETHERNET);
        NetworkBytes.setU8(buf, off + HLEN, 6);
    }

    public void setHops(int value) {
        NetworkBytes.setU8(buf, off + HOPS, value);
    }

    public void setTransactionId(int value) {
        NetworkBytes.setU32(buf, off + XID, value);
    }

    public void setSecs(int value) {
        NetworkBytes.setU16(buf, off + SECS, value);
    }

    public void setFlags(int value) {
        NetworkBytes.setU16(buf, off + FLAGS, value);
    }

    public void setClientIp(int address) {
        NetworkBytes.setU32(buf, off + CIADDR, address);
    }

    public void setYourIp(int address) {
        NetworkBytes.setU32(buf, off + YIADDR, address);
    }

    public void setServerIp(int address) {
        NetworkBytes.setU32(buf, off + SIADDR, address);
    }

    public void setRelayAgentIp(int address) {
        NetworkBytes.setU32(buf, off + GIADDR, address);
    }

    /** Writes the 6-byte Ethernet address at the start of {@code chaddr}. */
    public void setClientHardwareAddress(long mac) {
        NetworkBytes.setU48(buf, off + CHADDR, mac);
    }

    /** Zeroes the unused tail of {@code chaddr} and the {@code sname} and {@code file} fields. */
    public void clearServerNameAndBootFile() {
        NetworkBytes.fill(buf, off + CHADDR_PADDING, COOKIE - CHADDR_PADDING, (byte) 0);
    }

    public void setMagicCookie(int value) {
        NetworkBytes.setU32(buf, off + COOKIE, value);
    }

    /** The request/reply opcode a message type travels in, or 0 for an unknown type. */
    public static int opcodeOf(int messageType) {
        switch (messageType) {
            case MESSAGE_DISCOVER:
            case MESSAGE_REQUEST:
            case MESSAGE_DECLINE:
            case MESSAGE_RELEASE:
            case MESSAGE_INFORM:
                return OP_REQUEST;
            case MESSAGE_OFFER:
            case MESSAGE_ACK:
            case MESSAGE_NAK:
                return OP_REPLY;
            default:
                return 0;
        }
    }

    /** Appends the message type's name (DISCOVER, OFFER, ...), or {@code type-N} for others. */
    public static StringBuilder appendMessageType(StringBuilder out, int messageType) {
        switch (messageType) {
            case MESSAGE_DISCOVER:
                return out.append("DISCOVER");
            case MESSAGE_OFFER:
                return out.append("OFFER");
            case MESSAGE_REQUEST:
                return out.append("REQUEST");
            case MESSAGE_DECLINE:
                return out.append("DECLINE");
            case MESSAGE_ACK:
                return out.append("ACK");
            case MESSAGE_NAK:
                return out.append("NAK");
            case MESSAGE_RELEASE:
                return out.append("RELEASE");
            case MESSAGE_INFORM:
                return out.append("INFORM");
            default:
                return out.append("type-").append(messageType);
        }
    }
}
