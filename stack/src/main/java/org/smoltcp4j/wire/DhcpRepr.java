package org.smoltcp4j.wire;

/**
 * The meaning of a DHCPv4 message for an Ethernet client, as smoltcp models it: the header
 * fields, the message type, and the options a client and a simple server use. A reusable holder;
 * setters reject values that cannot be emitted, so a holder can always be emitted.
 *
 * <p>Optional options are present or absent ({@link #has}); a setter makes its option present,
 * {@link #clear} removes it. Limits: at most {@link #MAX_DNS_SERVERS} DNS servers are kept (as in
 * smoltcp, further addresses are ignored on parse, as is a trailing partial address); the
 * parameter request list holds up to 255 codes, all a single option can carry. Only the first
 * router of the router option is kept. Unknown options are skipped. {@link #emit} writes the
 * options in smoltcp's order and no padding (smoltcp does not pad to the BOOTP minimum of 300
 * bytes either); unlike smoltcp it also emits the renewal and rebinding times when present, so
 * every field survives a round trip.
 */
public final class DhcpRepr {

    /** DNS servers kept from the domain name server option (smoltcp's {@code MAX_DNS_SERVER_COUNT}). */
    public static final int MAX_DNS_SERVERS = 3;
    /** Parameter request list entries: the most one option can hold. */
    public static final int MAX_PARAMETER_REQUESTS = 255;

    /** The 4-byte options in the order smoltcp emits them (renewal and rebinding added after the lease). */
    private static final int[] FOUR_BYTE_OPTIONS = {
        DhcpPacket.OPTION_SERVER_IDENTIFIER, DhcpPacket.OPTION_ROUTER, DhcpPacket.OPTION_SUBNET_MASK,
        DhcpPacket.OPTION_REQUESTED_IP, DhcpPacket.OPTION_LEASE_TIME, DhcpPacket.OPTION_RENEWAL_TIME,
        DhcpPacket.OPTION_REBINDING_TIME,
    };

    private final boolean[] present = new boolean[256];
    private final int[] dnsServers = new int[MAX_DNS_SERVERS];
    private final byte[] parameterRequests = new byte[MAX_PARAMETER_REQUESTS];
    private final DhcpOptionCursor options = new DhcpOptionCursor();
    private final DhcpOptionWriter writer = new DhcpOptionWriter();

    private int messageType = DhcpPacket.MESSAGE_DISCOVER;
    private int transactionId;
    private int secs;
    private long clientHardwareAddress;
    private int clientIp;
    private int yourIp;
    private int serverIp;
    private int relayAgentIp;
    private boolean broadcast;

    private int requestedIp;
    private int serverIdentifier;
    private int router;
    private int subnetMask;
    private int leaseTime;
    private int renewalTime;
    private int rebindingTime;
    private int maxMessageSize;
    private int clientIdentifierType;
    private long clientIdentifierAddress;
    private int dnsServerCount;
    private int parameterRequestCount;

    /**
     * Fills this holder from {@code packet}. TRUNCATED for a short packet or an option running
     * past the end; MALFORMED for a wrong magic cookie, a hardware length other than 6, a missing
     * message type option or one that contradicts the opcode (e.g. an OFFER sent as a request);
     * UNSUPPORTED for hardware other than Ethernet and message types beyond INFORM.
     */
    public int parse(DhcpPacket packet) {
        int status = packet.check();
        if (status != WireStatus.OK) {
            return status;
        }
        if (packet.hardwareType() != DhcpPacket.HARDWARE_ETHERNET) {
            return WireStatus.UNSUPPORTED;
        }
        if (packet.hardwareLength() != 6) {
            return WireStatus.MALFORMED;
        }
        int type = 0;
        options.start(packet);
        while ((status = options.next()) == WireStatus.OK) {
            if (options.kind() == DhcpPacket.OPTION_MESSAGE_TYPE && options.dataLength() == 1) {
                type = options.u8();
            }
        }
        if (status != DhcpOptionCursor.END) {
            return status;
        }
        if (type == 0) {
            return WireStatus.MALFORMED;
        }
        int opcode = DhcpPacket.opcodeOf(type);
        if (opcode == 0) {
            return WireStatus.UNSUPPORTED;
        }
        if (opcode != packet.opcode()) {
            return WireStatus.MALFORMED;
        }
        clearOptions();
        messageType = type;
        transactionId = packet.transactionId();
        secs = packet.secs();
        clientHardwareAddress = packet.clientHardwareAddress();
        clientIp = packet.clientIp();
        yourIp = packet.yourIp();
        serverIp = packet.serverIp();
        relayAgentIp = packet.relayAgentIp();
        broadcast = packet.isBroadcast();
        options.start(packet);
        while (options.next() == WireStatus.OK) {
            take(packet.buffer());
        }
        return WireStatus.OK;
    }

    /** Stores the option under the cursor if it is one this holder keeps, with the length it must have. */
    private void take(byte[] buf) {
        int kind = options.kind();
        int length = options.dataLength();
        switch (kind) {
            case DhcpPacket.OPTION_DOMAIN_NAME_SERVER:
                dnsServerCount = Math.min(MAX_DNS_SERVERS, length / 4);
                for (int i = 0; i < dnsServerCount; i++) {
                    dnsServers[i] = options.u32(4 * i);
                }
                present[kind] = true;
                return;
            case DhcpPacket.OPTION_PARAMETER_REQUEST_LIST:
                System.arraycopy(buf, options.dataOffset(), parameterRequests, 0, length);
                parameterRequestCount = length;
                present[kind] = true;
                return;
            case DhcpPacket.OPTION_ROUTER:
                if (length >= 4 && length % 4 == 0) {
                    router = options.u32(0);
                    present[kind] = true;
                }
                return;
            case DhcpPacket.OPTION_MAX_MESSAGE_SIZE:
                if (length == 2) {
                    maxMessageSize = options.u16();
                    present[kind] = true;
                }
                return;
            case DhcpPacket.OPTION_CLIENT_IDENTIFIER:
                if (length == 7) {
                    clientIdentifierType = options.u8();
                    clientIdentifierAddress = options.u48(1);
                    present[kind] = true;
                }
                return;
            default:
                if (length == 4 && storeFourByteOption(kind, options.u32(0))) {
                    present[kind] = true;
                }
        }
    }

    /** Stores the value of a 4-byte option (address or time); false for options not kept. */
    private boolean storeFourByteOption(int kind, int value) {
        switch (kind) {
            case DhcpPacket.OPTION_SUBNET_MASK:
                subnetMask = value;
                return true;
            case DhcpPacket.OPTION_REQUESTED_IP:
                requestedIp = value;
                return true;
            case DhcpPacket.OPTION_SERVER_IDENTIFIER:
                serverIdentifier = value;
                return true;
            case DhcpPacket.OPTION_LEASE_TIME:
                leaseTime = value;
                return true;
            case DhcpPacket.OPTION_RENEWAL_TIME:
                renewalTime = value;
                return true;
            case DhcpPacket.OPTION_REBINDING_TIME:
                rebindingTime = value;
                return true;
            default:
                return false;
        }
    }

    /** Bytes {@link #emit} writes: header, cookie, options, End. */
    public int bufferLen() {
        int len = DhcpPacket.HEADER_LEN + 3 + 1;
        if (present[DhcpPacket.OPTION_CLIENT_IDENTIFIER]) {
            len += 2 + 7;
        }
        len += fourByteOptionCount() * (2 + 4);
        if (present[DhcpPacket.OPTION_MAX_MESSAGE_SIZE]) {
            len += 2 + 2;
        }
        if (present[DhcpPacket.OPTION_PARAMETER_REQUEST_LIST]) {
            len += 2 + parameterRequestCount;
        }
        if (present[DhcpPacket.OPTION_DOMAIN_NAME_SERVER]) {
            len += 2 + 4 * dnsServerCount;
        }
        return len;
    }

    private int fourByteOptionCount() {
        int count = 0;
        for (int i = 0; i < FOUR_BYTE_OPTIONS.length; i++) {
            if (present[FOUR_BYTE_OPTIONS[i]]) {
                count++;
            }
        }
        return count;
    }

    private int fourByteValue(int kind) {
        switch (kind) {
            case DhcpPacket.OPTION_SERVER_IDENTIFIER:
                return serverIdentifier;
            case DhcpPacket.OPTION_ROUTER:
                return router;
            case DhcpPacket.OPTION_SUBNET_MASK:
                return subnetMask;
            case DhcpPacket.OPTION_REQUESTED_IP:
                return requestedIp;
            case DhcpPacket.OPTION_LEASE_TIME:
                return leaseTime;
            case DhcpPacket.OPTION_RENEWAL_TIME:
                return renewalTime;
            default:
                return rebindingTime;
        }
    }

    /**
     * Writes the message into {@code packet}, which must be at least {@link #bufferLen()} long;
     * bytes after {@link #bufferLen()} are left alone.
     */
    public void emit(DhcpPacket packet) {
        int len = bufferLen();
        if (packet.length() < len) {
            throw new IllegalArgumentException("DHCP packet of " + packet.length() + " bytes is shorter than the "
                    + len + " bytes of this message");
        }
        packet.clearServerNameAndBootFile();
        packet.setOpcode(DhcpPacket.opcodeOf(messageType));
        packet.setEthernetHardware();
        packet.setHops(0);
        packet.setTransactionId(transactionId);
        packet.setSecs(secs);
        packet.setFlags(broadcast ? DhcpPacket.FLAG_BROADCAST : 0);
        packet.setClientIp(clientIp);
        packet.setYourIp(yourIp);
        packet.setServerIp(serverIp);
        packet.setRelayAgentIp(relayAgentIp);
        packet.setClientHardwareAddress(clientHardwareAddress);
        packet.setMagicCookie(DhcpPacket.MAGIC_COOKIE);

        writer.start(packet.buffer(), packet.optionsOffset(), len - DhcpPacket.HEADER_LEN);
        writer.emitU8(DhcpPacket.OPTION_MESSAGE_TYPE, messageType);
        if (present[DhcpPacket.OPTION_CLIENT_IDENTIFIER]) {
            int at = writer.open(DhcpPacket.OPTION_CLIENT_IDENTIFIER, 7);
            NetworkBytes.setU8(packet.buffer(), at, clientIdentifierType);
            NetworkBytes.setU48(packet.buffer(), at + 1, clientIdentifierAddress);
        }
        for (int i = 0; i < FOUR_BYTE_OPTIONS.length; i++) {
            int kind = FOUR_BYTE_OPTIONS[i];
            if (present[kind]) {
                writer.emitU32(kind, fourByteValue(kind));
            }
            // smoltcp writes the maximum message size between the requested address and the lease time
            if (kind == DhcpPacket.OPTION_REQUESTED_IP && present[DhcpPacket.OPTION_MAX_MESSAGE_SIZE]) {
                writer.emitU16(DhcpPacket.OPTION_MAX_MESSAGE_SIZE, maxMessageSize);
            }
        }
        if (present[DhcpPacket.OPTION_PARAMETER_REQUEST_LIST]) {
            writer.emit(DhcpPacket.OPTION_PARAMETER_REQUEST_LIST, parameterRequests, 0, parameterRequestCount);
        }
        if (present[DhcpPacket.OPTION_DOMAIN_NAME_SERVER]) {
            int at = writer.open(DhcpPacket.OPTION_DOMAIN_NAME_SERVER, 4 * dnsServerCount);
            for (int i = 0; i < dnsServerCount; i++) {
                NetworkBytes.setU32(packet.buffer(), at + 4 * i, dnsServers[i]);
            }
        }
        writer.end();
    }

    /** Removes every optional option (the message type is not optional and stays). */
    public DhcpRepr clearOptions() {
        for (int i = 0; i < present.length; i++) {
            present[i] = false;
        }
        dnsServerCount = 0;
        parameterRequestCount = 0;
        return this;
    }

    /**
     * True when the optional option with this code (an {@code OPTION_} constant of
     * {@link DhcpPacket}) is present; always false for the message type, which is always there.
     */
    public boolean has(int option) {
        return present[requireOptionCode(option)];
    }

    /** Removes one option. */
    public DhcpRepr clear(int option) {
        present[requireOptionCode(option)] = false;
        return this;
    }

    private static int requireOptionCode(int option) {
        if (option <= DhcpPacket.OPTION_PAD || option >= DhcpPacket.OPTION_END) {
            throw new IllegalArgumentException("DHCP option code must be 1..254, got " + option);
        }
        return option;
    }

    public int messageType() {
        return messageType;
    }

    public int transactionId() {
        return transactionId;
    }

    public int secs() {
        return secs;
    }

    public long clientHardwareAddress() {
        return clientHardwareAddress;
    }

    public int clientIp() {
        return clientIp;
    }

    public int yourIp() {
        return yourIp;
    }

    public int serverIp() {
        return serverIp;
    }

    public int relayAgentIp() {
        return relayAgentIp;
    }

    public boolean broadcast() {
        return broadcast;
    }

    /** Option 50; 0 when absent. */
    public int requestedIp() {
        return requestedIp;
    }

    /** Option 54; 0 when absent. */
    public int serverIdentifier() {
        return serverIdentifier;
    }

    /** First address of option 3; 0 when absent. */
    public int router() {
        return router;
    }

    /** Option 1; 0 when absent. */
    public int subnetMask() {
        return subnetMask;
    }

    /** Option 51 in seconds (0xffffffff means infinite); 0 when absent. */
    public long leaseTime() {
        return leaseTime & 0xffff_ffffL;
    }

    /** Option 58, T1, in seconds; 0 when absent. */
    public long renewalTime() {
        return renewalTime & 0xffff_ffffL;
    }

    /** Option 59, T2, in seconds; 0 when absent. */
    public long rebindingTime() {
        return rebindingTime & 0xffff_ffffL;
    }

    /** Option 57; 0 when absent. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** The hardware type byte of a 7-byte client identifier (option 61); 1 is Ethernet. */
    public int clientIdentifierType() {
        return clientIdentifierType;
    }

    public long clientIdentifierAddress() {
        return clientIdentifierAddress;
    }

    public int dnsServerCount() {
        return dnsServerCount;
    }

    public int dnsServer(int index) {
        if (index < 0 || index >= dnsServerCount) {
            throw new IndexOutOfBoundsException("DNS server index " + index + " outside 0.." + (dnsServerCount - 1));
        }
        return dnsServers[index];
    }

    public int parameterRequestCount() {
        return parameterRequestCount;
    }

    /** The option code requested at {@code index} of the parameter request list. */
    public int parameterRequest(int index) {
        if (index < 0 || index >= parameterRequestCount) {
            throw new IndexOutOfBoundsException("parameter request index " + index + " outside 0.."
                    + (parameterRequestCount - 1));
        }
        return parameterRequests[index] & 0xff;
    }

    /** One of the {@code MESSAGE_} constants of {@link DhcpPacket} (1..8). */
    public DhcpRepr setMessageType(int type) {
        if (DhcpPacket.opcodeOf(type) == 0) {
            throw new IllegalArgumentException("DHCP message type must be 1..8, got " + type);
        }
        messageType = type;
        return this;
    }

    public DhcpRepr setTransactionId(int xid) {
        transactionId = xid;
        return this;
    }

    public DhcpRepr setSecs(int seconds) {
        secs = requireU16("secs", seconds);
        return this;
    }

    public DhcpRepr setClientHardwareAddress(long mac) {
        clientHardwareAddress = EthernetRepr.requireMac("client hardware", mac);
        return this;
    }

    public DhcpRepr setClientIp(int address) {
        clientIp = address;
        return this;
    }

    public DhcpRepr setYourIp(int address) {
        yourIp = address;
        return this;
    }

    public DhcpRepr setServerIp(int address) {
        serverIp = address;
        return this;
    }

    public DhcpRepr setRelayAgentIp(int address) {
        relayAgentIp = address;
        return this;
    }

    public DhcpRepr setBroadcast(boolean value) {
        broadcast = value;
        return this;
    }

    public DhcpRepr setRequestedIp(int address) {
        requestedIp = address;
        present[DhcpPacket.OPTION_REQUESTED_IP] = true;
        return this;
    }

    public DhcpRepr setServerIdentifier(int address) {
        serverIdentifier = address;
        present[DhcpPacket.OPTION_SERVER_IDENTIFIER] = true;
        return this;
    }

    public DhcpRepr setRouter(int address) {
        router = address;
        present[DhcpPacket.OPTION_ROUTER] = true;
        return this;
    }

    public DhcpRepr setSubnetMask(int mask) {
        subnetMask = mask;
        present[DhcpPacket.OPTION_SUBNET_MASK] = true;
        return this;
    }

    /** Seconds, 0..0xffffffff (the largest meaning infinite). */
    public DhcpRepr setLeaseTime(long seconds) {
        leaseTime = requireU32("lease time", seconds);
        present[DhcpPacket.OPTION_LEASE_TIME] = true;
        return this;
    }

    public DhcpRepr setRenewalTime(long seconds) {
        renewalTime = requireU32("renewal time", seconds);
        present[DhcpPacket.OPTION_RENEWAL_TIME] = true;
        return this;
    }

    public DhcpRepr setRebindingTime(long seconds) {
        rebindingTime = requireU32("rebinding time", seconds);
        present[DhcpPacket.OPTION_REBINDING_TIME] = true;
        return this;
    }

    public DhcpRepr setMaxMessageSize(int size) {
        maxMessageSize = requireU16("maximum message size", size);
        present[DhcpPacket.OPTION_MAX_MESSAGE_SIZE] = true;
        return this;
    }

    /** A client identifier of a hardware type byte and a 6-byte address (type 1, Ethernet, in smoltcp). */
    public DhcpRepr setClientIdentifier(int hardwareType, long mac) {
        if (hardwareType < 0 || hardwareType > 255) {
            throw new IllegalArgumentException("client identifier type must be 0..255, got " + hardwareType);
        }
        clientIdentifierAddress = EthernetRepr.requireMac("client identifier", mac);
        clientIdentifierType = hardwareType;
        present[DhcpPacket.OPTION_CLIENT_IDENTIFIER] = true;
        return this;
    }

    /** Copies {@code count} (0..{@link #MAX_DNS_SERVERS}) addresses from {@code servers[off..]}. */
    public DhcpRepr setDnsServers(int[] servers, int off, int count) {
        if (count < 0 || count > MAX_DNS_SERVERS) {
            throw new IllegalArgumentException("DNS server count must be 0.." + MAX_DNS_SERVERS + ", got " + count);
        }
        if (off < 0 || off > servers.length - count) {
            throw new IndexOutOfBoundsException("DNS servers offset " + off + " count " + count
                    + " outside an array of " + servers.length);
        }
        System.arraycopy(servers, off, dnsServers, 0, count);
        dnsServerCount = count;
        present[DhcpPacket.OPTION_DOMAIN_NAME_SERVER] = true;
        return this;
    }

    /** Copies {@code len} (0..255) requested option codes from {@code codes[off..]}. */
    public DhcpRepr setParameterRequestList(byte[] codes, int off, int len) {
        if (len > MAX_PARAMETER_REQUESTS) {
            throw new IllegalArgumentException("parameter request list must have at most " + MAX_PARAMETER_REQUESTS
                    + " entries, got " + len);
        }
        NetworkBytes.checkBounds(codes, off, len);
        System.arraycopy(codes, off, parameterRequests, 0, len);
        parameterRequestCount = len;
        present[DhcpPacket.OPTION_PARAMETER_REQUEST_LIST] = true;
        return this;
    }

    private static int requireU16(String what, int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(what + " must be 0..65535, got " + value);
        }
        return value;
    }

    private static int requireU32(String what, long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " must be 0..4294967295 seconds, got " + value);
        }
        return (int) value;
    }

    /**
     * tcpdump-style: {@code DHCP DISCOVER xid=0x3d1d chaddr=00:0b:82:01:fc:42}, then the non-zero
     * addresses, the broadcast flag and the present options.
     */
    public StringBuilder appendTo(StringBuilder out) {
        DhcpPacket.appendMessageType(out.append("DHCP "), messageType);
        Hex.appendCompact(out.append(" xid=0x"), transactionId & 0xffff_ffffL);
        MacAddress.append(out.append(" chaddr="), clientHardwareAddress);
        appendAddress(out, " ciaddr=", clientIp, clientIp != 0);
        appendAddress(out, " yiaddr=", yourIp, yourIp != 0);
        appendAddress(out, " siaddr=", serverIp, serverIp != 0);
        appendAddress(out, " giaddr=", relayAgentIp, relayAgentIp != 0);
        if (broadcast) {
            out.append(" broadcast");
        }
        appendAddress(out, " requested=", requestedIp, present[DhcpPacket.OPTION_REQUESTED_IP]);
        appendAddress(out, " server-id=", serverIdentifier, present[DhcpPacket.OPTION_SERVER_IDENTIFIER]);
        appendAddress(out, " router=", router, present[DhcpPacket.OPTION_ROUTER]);
        appendAddress(out, " mask=", subnetMask, present[DhcpPacket.OPTION_SUBNET_MASK]);
        appendSeconds(out, " lease=", leaseTime, present[DhcpPacket.OPTION_LEASE_TIME]);
        appendSeconds(out, " t1=", renewalTime, present[DhcpPacket.OPTION_RENEWAL_TIME]);
        appendSeconds(out, " t2=", rebindingTime, present[DhcpPacket.OPTION_REBINDING_TIME]);
        if (present[DhcpPacket.OPTION_DOMAIN_NAME_SERVER]) {
            out.append(" dns=");
            for (int i = 0; i < dnsServerCount; i++) {
                Ipv4Address.append(i > 0 ? out.append(',') : out, dnsServers[i]);
            }
        }
        if (present[DhcpPacket.OPTION_PARAMETER_REQUEST_LIST]) {
            out.append(" prl=");
            for (int i = 0; i < parameterRequestCount; i++) {
                (i > 0 ? out.append(',') : out).append(parameterRequests[i] & 0xff);
            }
        }
        if (present[DhcpPacket.OPTION_MAX_MESSAGE_SIZE]) {
            out.append(" max-size=").append(maxMessageSize);
        }
        if (present[DhcpPacket.OPTION_CLIENT_IDENTIFIER]) {
            MacAddress.append(out.append(" client-id=").append(clientIdentifierType).append('/'), clientIdentifierAddress);
        }
        return out;
    }

    private static void appendAddress(StringBuilder out, String label, int address, boolean shown) {
        if (shown) {
            Ipv4Address.append(out.append(label), address);
        }
    }

    private static void appendSeconds(StringBuilder out, String label, int seconds, boolean shown) {
        if (shown) {
            out.append(label).append(seconds & 0xffff_ffffL).append('s');
        }
    }
}
