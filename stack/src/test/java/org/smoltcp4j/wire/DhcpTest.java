package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.AllocationProbe;
import org.smoltcp4j.testing.Tshark;

class DhcpTest {

    /** smoltcp wire/dhcpv4.rs DISCOVER_BYTES (276 bytes: 269 of message, 7 of zero padding). */
    static final byte[] DISCOVER = concat(bootp(1, 0x3d1d, 0, 0, 0, 0, 0, "000b8201fc42"),
            hex("3501013d0701000b8201fc42320400000000390205dc37040103062aff"), new byte[7]);
    /** smoltcp ACK_DNS_SERVER_BYTES: four DNS servers, domain name, vendor options, broadcast flag. */
    static final byte[] ACK_DNS_SERVERS = concat(bootp(2, 0xcc3475ab, 0x8000, 0x0aff0691, 0, 0, 0x0aff06fe, "3417ebc9aa2f"),
            hex("3501053604a3014a160104ffffff002b05dc034e41500f156e61742e706879736963732e6f782e61632e756b00"
                    + "03040aff06fe0610a3014a06a3014a07a3014a03a3014a042c10a3014a03a3014a04a3014a06a3014a072e0108ff"));
    /** smoltcp ACK_LEASE_TIME_BYTES: lease time 598 s, then 32 bytes of padding after End. */
    static final byte[] ACK_LEASE_TIME = concat(bootp(2, 6, 0, 0, 0x0a22100b, 0x0a22100a, 0, "049162d2a86f"),
            hex("35010536040a22100a3304000002560104ffffff0003040a22100aff"), new byte[32]);
    /**
     * scapy: BOOTP(op=2, xid=0x11223344, yiaddr=192.168.1.50, siaddr=192.168.1.1, flags=0x8000) /
     * DHCP(ack, server_id, lease 86400, renewal 43200, rebinding 75600, mask /24, router, name_server 8.8.8.8 8.8.4.4).
     */
    static final byte[] SCAPY_ACK = concat(bootp(2, 0x11223344, 0x8000, 0, 0xc0a80132, 0xc0a80101, 0, "020000000001"),
            hex("3501053604c0a801013304000151803a040000a8c03b04000127500104ffffff000304c0a80101060808080808080804"
                    + "04ff"));

    static final long CLIENT_MAC = 0x000b_8201_fc42L;

    private final DhcpPacket packet = new DhcpPacket();
    private final DhcpRepr repr = new DhcpRepr();
    private final DhcpOptionCursor options = new DhcpOptionCursor();

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** A BOOTP header with Ethernet hardware, zero sname/file and the DHCP cookie, built independently. */
    static byte[] bootp(int op, int xid, int flags, int ciaddr, int yiaddr, int siaddr, int giaddr, String chaddr) {
        byte[] header = new byte[240];
        header[0] = (byte) op;
        header[1] = 1;
        header[2] = 6;
        int[] addresses = {ciaddr, yiaddr, siaddr, giaddr};
        header[4] = (byte) (xid >>> 24);
        header[5] = (byte) (xid >>> 16);
        header[6] = (byte) (xid >>> 8);
        header[7] = (byte) xid;
        header[10] = (byte) (flags >>> 8);
        header[11] = (byte) flags;
        for (int i = 0; i < addresses.length; i++) {
            for (int b = 0; b < 4; b++) {
                header[12 + 4 * i + b] = (byte) (addresses[i] >>> (24 - 8 * b));
            }
        }
        System.arraycopy(hex(chaddr), 0, header, 28, 6);
        System.arraycopy(hex("63825363"), 0, header, 236, 4);
        return header;
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 0xa5);
        return bytes;
    }

    private byte[] emit(DhcpRepr source) {
        byte[] out = filled(source.bufferLen());
        source.emit(new DhcpPacket().wrap(out, 0, out.length));
        return out;
    }

    private static String text(DhcpRepr source) {
        return source.appendTo(new StringBuilder()).append(" secs=").append(source.secs()).toString();
    }

    /** smoltcp's discover_repr(). */
    static DhcpRepr discoverRepr() {
        return new DhcpRepr().setMessageType(DhcpPacket.MESSAGE_DISCOVER).setTransactionId(0x3d1d)
                .setClientHardwareAddress(CLIENT_MAC).setMaxMessageSize(1500).setRequestedIp(0)
                .setClientIdentifier(1, CLIENT_MAC).setParameterRequestList(new byte[] {1, 3, 6, 42}, 0, 4);
    }

    /** smoltcp's offer_repr(). */
    static DhcpRepr offerRepr() {
        return new DhcpRepr().setMessageType(DhcpPacket.MESSAGE_OFFER).setTransactionId(0x3d1d)
                .setClientHardwareAddress(CLIENT_MAC).setRouter(0).setSubnetMask(0).setClientIdentifier(1, CLIENT_MAC)
                .setLeaseTime(0xffff_ffffL);
    }

    // ---- smoltcp's nine tests ----

    @Test
    void deconstructDiscover() {
        assertEquals(WireStatus.OK, packet.wrap(DISCOVER, 0, DISCOVER.length).check());
        assertEquals(DhcpPacket.MAGIC_COOKIE, packet.magicCookie());
        assertEquals(DhcpPacket.OP_REQUEST, packet.opcode());
        assertEquals(DhcpPacket.HARDWARE_ETHERNET, packet.hardwareType());
        assertEquals(6, packet.hardwareLength());
        assertEquals(0, packet.hops());
        assertEquals(0x3d1d, packet.transactionId());
        assertEquals(0, packet.secs());
        assertEquals(0, packet.clientIp());
        assertEquals(0, packet.yourIp());
        assertEquals(0, packet.serverIp());
        assertEquals(0, packet.relayAgentIp());
        assertEquals(CLIENT_MAC, packet.clientHardwareAddress());

        options.start(packet);
        expectOption(DhcpPacket.OPTION_MESSAGE_TYPE, "01");
        expectOption(DhcpPacket.OPTION_CLIENT_IDENTIFIER, "01000b8201fc42");
        expectOption(DhcpPacket.OPTION_REQUESTED_IP, "00000000");
        expectOption(DhcpPacket.OPTION_MAX_MESSAGE_SIZE, "05dc");
        expectOption(DhcpPacket.OPTION_PARAMETER_REQUEST_LIST, "0103062a");
        assertEquals(DhcpOptionCursor.END, options.next());
        assertEquals(DhcpOptionCursor.END, options.next(), "END is sticky");
    }

    private void expectOption(int kind, String data) {
        assertEquals(WireStatus.OK, options.next());
        assertEquals(kind, options.kind());
        assertArrayEquals(hex(data), Arrays.copyOfRange(packet.buffer(), options.dataOffset(), options.dataOffset() + options.dataLength()));
    }

    @Test
    void constructDiscover() {
        byte[] bytes = filled(276);
        packet.wrap(bytes, 0, bytes.length);
        packet.setMagicCookie(DhcpPacket.MAGIC_COOKIE);
        packet.clearServerNameAndBootFile();
        packet.setOpcode(DhcpPacket.OP_REQUEST);
        packet.setEthernetHardware();
        packet.setHops(0);
        packet.setTransactionId(0x3d1d);
        packet.setSecs(0);
        packet.setFlags(0);
        packet.setClientIp(0);
        packet.setYourIp(0);
        packet.setServerIp(0);
        packet.setRelayAgentIp(0);
        packet.setClientHardwareAddress(CLIENT_MAC);
        DhcpOptionWriter writer = new DhcpOptionWriter().start(packet);
        writer.emitU8(DhcpPacket.OPTION_MESSAGE_TYPE, DhcpPacket.MESSAGE_DISCOVER);
        writer.emit(DhcpPacket.OPTION_CLIENT_IDENTIFIER, hex("01000b8201fc42"), 0, 7);
        writer.emitU32(DhcpPacket.OPTION_REQUESTED_IP, 0);
        writer.emitU16(DhcpPacket.OPTION_MAX_MESSAGE_SIZE, 1500);
        writer.emit(DhcpPacket.OPTION_PARAMETER_REQUEST_LIST, new byte[] {1, 3, 6, 42}, 0, 4);
        writer.end();
        assertEquals(269, writer.position());
        Arrays.fill(bytes, 269, 276, (byte) 0);
        assertArrayEquals(DISCOVER, bytes);
    }

    @Test
    void parseDiscover() {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(DISCOVER, 0, DISCOVER.length)));
        assertEquals(text(discoverRepr()), text(repr));
        assertEquals(DhcpPacket.MESSAGE_DISCOVER, repr.messageType());
        assertEquals(1500, repr.maxMessageSize());
        assertTrue(repr.has(DhcpPacket.OPTION_REQUESTED_IP));
        assertEquals(0, repr.requestedIp());
        assertEquals(1, repr.clientIdentifierType());
        assertEquals(CLIENT_MAC, repr.clientIdentifierAddress());
        assertEquals(4, repr.parameterRequestCount());
        assertEquals(42, repr.parameterRequest(3));
        assertFalse(repr.has(DhcpPacket.OPTION_SERVER_IDENTIFIER));
        assertFalse(repr.broadcast());
    }

    @Test
    void emitDiscover() {
        DhcpRepr discover = discoverRepr();
        assertEquals(269, discover.bufferLen());
        byte[] out = emit(discover);
        assertArrayEquals(Arrays.copyOf(DISCOVER, 269), out);
        for (int i = 269; i < DISCOVER.length; i++) {
            assertEquals(0, DISCOVER[i], "padding byte " + i);
        }
    }

    @Test
    void emitOffer() {
        DhcpRepr offer = offerRepr();
        byte[] out = emit(offer);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(out, 0, out.length)));
        assertEquals(text(offer), text(repr));
        assertEquals(0xffff_ffffL, repr.leaseTime());
        assertEquals(DhcpPacket.OP_REPLY, packet.opcode());
    }

    @Test
    void emitOfferDns() {
        int[] servers = {Ipv4Address.of(163, 1, 74, 6), Ipv4Address.of(163, 1, 74, 7), Ipv4Address.of(163, 1, 74, 3)};
        DhcpRepr offer = offerRepr().setDnsServers(servers, 0, 3);
        byte[] out = emit(offer);
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(out, 0, out.length)));
        assertEquals(3, repr.dnsServerCount());
        for (int i = 0; i < 3; i++) {
            assertEquals(servers[i], repr.dnsServer(i));
        }
    }

    @Test
    void emitDhcpOption() {
        byte[] bytes = filled(5);
        new DhcpOptionWriter().start(bytes, 0, 5).emit(DhcpPacket.OPTION_PARAMETER_REQUEST_LIST, new byte[] {1, 3, 6}, 0, 3);
        assertArrayEquals(new byte[] {55, 3, 1, 3, 6}, bytes);
    }

    @Test
    void parseAckDnsServers() {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(ACK_DNS_SERVERS, 0, ACK_DNS_SERVERS.length)));
        // four servers are advertised; the first three are kept (smoltcp issue #305)
        assertEquals(3, repr.dnsServerCount());
        assertEquals(Ipv4Address.of(163, 1, 74, 6), repr.dnsServer(0));
        assertEquals(Ipv4Address.of(163, 1, 74, 7), repr.dnsServer(1));
        assertEquals(Ipv4Address.of(163, 1, 74, 3), repr.dnsServer(2));
        assertEquals(DhcpPacket.MESSAGE_ACK, repr.messageType());
        assertEquals(Ipv4Address.of(163, 1, 74, 22), repr.serverIdentifier());
        assertEquals(Ipv4Address.of(255, 255, 255, 0), repr.subnetMask());
        assertEquals(Ipv4Address.of(10, 255, 6, 254), repr.router());
        assertEquals(Ipv4Address.of(10, 255, 6, 145), repr.clientIp());
        assertTrue(repr.broadcast());
    }

    @Test
    void parseAckLeaseDuration() {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(ACK_LEASE_TIME, 0, ACK_LEASE_TIME.length)));
        assertEquals(598, repr.leaseTime());
        assertEquals(Ipv4Address.of(10, 34, 16, 11), repr.yourIp());
    }

    // ---- beyond smoltcp ----

    @Test
    void parsesScapyAckWithRenewalAndRebindingTimes() {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(SCAPY_ACK, 0, SCAPY_ACK.length)));
        assertEquals(86400, repr.leaseTime());
        assertEquals(43200, repr.renewalTime());
        assertEquals(75600, repr.rebindingTime());
        assertEquals(2, repr.dnsServerCount());
        assertEquals(Ipv4Address.of(8, 8, 4, 4), repr.dnsServer(1));
        assertEquals("DHCP ACK xid=0x11223344 chaddr=02:00:00:00:00:01 yiaddr=192.168.1.50 siaddr=192.168.1.1 broadcast"
                + " server-id=192.168.1.1 router=192.168.1.1 mask=255.255.255.0 lease=86400s t1=43200s t2=75600s"
                + " dns=8.8.8.8,8.8.4.4", repr.appendTo(new StringBuilder()).toString());
        byte[] out = emit(repr);
        DhcpRepr again = new DhcpRepr();
        assertEquals(WireStatus.OK, again.parse(new DhcpPacket().wrap(out, 0, out.length)));
        assertEquals(text(repr), text(again));
    }

    @Test
    void printsEveryOption() {
        assertEquals("DHCP DISCOVER xid=0x3d1d chaddr=00:0b:82:01:fc:42 requested=0.0.0.0 prl=1,3,6,42 max-size=1500"
                + " client-id=1/00:0b:82:01:fc:42", discoverRepr().appendTo(new StringBuilder()).toString());
        DhcpRepr relayed = new DhcpRepr().setMessageType(DhcpPacket.MESSAGE_INFORM).setRelayAgentIp(Ipv4Address.of(10, 0, 0, 9));
        assertEquals("DHCP INFORM xid=0x0 chaddr=00:00:00:00:00:00 giaddr=10.0.0.9", relayed.appendTo(new StringBuilder()).toString());
        StringBuilder names = new StringBuilder();
        for (int type = 1; type <= 9; type++) {
            DhcpPacket.appendMessageType(names, type).append(' ');
        }
        assertEquals("DISCOVER OFFER REQUEST DECLINE ACK NAK RELEASE INFORM type-9 ", names.toString());
    }

    @Test
    void truncatedBelowTheFixedHeader() {
        for (int len = 0; len < DhcpPacket.HEADER_LEN; len++) {
            assertEquals(WireStatus.TRUNCATED, packet.wrap(DISCOVER, 0, len).check(), "length " + len);
            assertEquals(WireStatus.TRUNCATED, repr.parse(packet), "length " + len);
        }
    }

    @Test
    void wrongMagicCookieIsMalformed() {
        byte[] bytes = DISCOVER.clone();
        bytes[239] = 0x64;
        assertEquals(WireStatus.MALFORMED, packet.wrap(bytes, 0, bytes.length).check());
        assertEquals(WireStatus.MALFORMED, repr.parse(packet));
    }

    @Test
    void optionRunningPastTheBufferIsTruncated() {
        // 269 bytes end with End; cutting inside an option leaves its length byte or data missing
        assertEquals(WireStatus.TRUNCATED, repr.parse(packet.wrap(DISCOVER, 0, 244)), "length byte missing");
        assertEquals(WireStatus.TRUNCATED, repr.parse(packet.wrap(DISCOVER, 0, 250)), "data missing");
        options.start(packet.wrap(DISCOVER, 0, 250));
        assertEquals(WireStatus.OK, options.next());
        assertEquals(WireStatus.TRUNCATED, options.next());
        assertEquals(WireStatus.TRUNCATED, options.next(), "TRUNCATED is sticky");
    }

    @Test
    void missingEndOptionIsToleratedAsInSmoltcp() {
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(DISCOVER, 0, 268)));
        assertEquals(4, repr.parameterRequestCount());
    }

    @Test
    void padOptionsAreSkipped() {
        byte[] bytes = concat(bootp(1, 7, 0, 0, 0, 0, 0, "020000000001"), hex("000000350103000000ff"));
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(bytes, 0, bytes.length)));
        assertEquals(DhcpPacket.MESSAGE_REQUEST, repr.messageType());
    }

    @Test
    void hardwareOtherThanEthernetIsUnsupportedAndOtherLengthsMalformed() {
        byte[] bytes = DISCOVER.clone();
        bytes[1] = 6;
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(packet.wrap(bytes, 0, bytes.length)));
        bytes[1] = 1;
        bytes[2] = 8;
        assertEquals(WireStatus.MALFORMED, repr.parse(packet.wrap(bytes, 0, bytes.length)));
    }

    @Test
    void messageTypeMustBePresentKnownAndMatchTheOpcode() {
        byte[] missing = concat(bootp(1, 7, 0, 0, 0, 0, 0, "020000000001"), hex("3204c0a80001ff"));
        assertEquals(WireStatus.MALFORMED, repr.parse(packet.wrap(missing, 0, missing.length)));
        byte[] offerAsRequest = concat(bootp(1, 7, 0, 0, 0, 0, 0, "020000000001"), hex("350102ff"));
        assertEquals(WireStatus.MALFORMED, repr.parse(packet.wrap(offerAsRequest, 0, offerAsRequest.length)));
        byte[] forceRenew = concat(bootp(2, 7, 0, 0, 0, 0, 0, "020000000001"), hex("350109ff"));
        assertEquals(WireStatus.UNSUPPORTED, repr.parse(packet.wrap(forceRenew, 0, forceRenew.length)));
        byte[] wrongLength = concat(bootp(1, 7, 0, 0, 0, 0, 0, "020000000001"), hex("35020100ff"));
        assertEquals(WireStatus.MALFORMED, repr.parse(packet.wrap(wrongLength, 0, wrongLength.length)));
    }

    @Test
    void failedParseLeavesTheHolderUnchanged() {
        repr.parse(packet.wrap(SCAPY_ACK, 0, SCAPY_ACK.length));
        String before = text(repr);
        assertEquals(WireStatus.TRUNCATED, repr.parse(packet.wrap(DISCOVER, 0, 250)));
        assertEquals(before, text(repr));
    }

    @Test
    void optionsOfUnexpectedLengthAreIgnored() {
        // router with two addresses keeps the first; a 3-byte subnet mask and 5-byte client id are skipped
        byte[] bytes = concat(bootp(2, 7, 0, 0, 0, 0, 0, "020000000001"),
                hex("3501020308c0a80001c0a800020103ffffff3d050102030405ff"));
        assertEquals(WireStatus.OK, repr.parse(packet.wrap(bytes, 0, bytes.length)));
        assertEquals(Ipv4Address.of(192, 168, 0, 1), repr.router());
        assertFalse(repr.has(DhcpPacket.OPTION_SUBNET_MASK));
        assertFalse(repr.has(DhcpPacket.OPTION_CLIENT_IDENTIFIER));
    }

    @Test
    void clearRemovesOneOptionAndClearOptionsAll() {
        DhcpRepr discover = discoverRepr();
        discover.clear(DhcpPacket.OPTION_MAX_MESSAGE_SIZE);
        assertFalse(discover.has(DhcpPacket.OPTION_MAX_MESSAGE_SIZE));
        assertEquals(265, discover.bufferLen());
        discover.clearOptions();
        assertEquals(244, discover.bufferLen());
        assertEquals(0, discover.parameterRequestCount());
    }

    @Test
    void misuseIsReportedClearly() {
        DhcpRepr holder = new DhcpRepr();
        assertEquals("DHCP message type must be 1..8, got 9",
                assertThrows(IllegalArgumentException.class, () -> holder.setMessageType(9)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> holder.setMessageType(0));
        assertThrows(IllegalArgumentException.class, () -> holder.setSecs(65536));
        assertThrows(IllegalArgumentException.class, () -> holder.setMaxMessageSize(-1));
        assertThrows(IllegalArgumentException.class, () -> holder.setLeaseTime(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> holder.setRenewalTime(-1));
        assertThrows(IllegalArgumentException.class, () -> holder.setRebindingTime(-1));
        assertThrows(IllegalArgumentException.class, () -> holder.setClientHardwareAddress(1L << 48));
        assertThrows(IllegalArgumentException.class, () -> holder.setClientIdentifier(256, 0));
        assertThrows(IllegalArgumentException.class, () -> holder.setClientIdentifier(1, -1));
        assertThrows(IllegalArgumentException.class, () -> holder.setDnsServers(new int[4], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> holder.setDnsServers(new int[2], 1, 2));
        assertThrows(IllegalArgumentException.class, () -> holder.setParameterRequestList(new byte[256], 0, 256));
        assertThrows(IndexOutOfBoundsException.class, () -> holder.setParameterRequestList(new byte[2], 0, 3));
        assertEquals("DHCP option code must be 1..254, got 255",
                assertThrows(IllegalArgumentException.class, () -> holder.has(255)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> holder.clear(0));
        assertThrows(IndexOutOfBoundsException.class, () -> holder.dnsServer(0));
        assertThrows(IndexOutOfBoundsException.class, () -> holder.parameterRequest(0));
        assertThrows(IllegalArgumentException.class, () -> holder.emit(packet.wrap(new byte[243], 0, 243)));
        assertThrows(IllegalArgumentException.class, () -> options.start(packet.wrap(new byte[10], 0, 10)));
        assertThrows(IndexOutOfBoundsException.class, () -> packet.wrap(new byte[10], 5, 6));
    }

    @Test
    void optionWriterRejectsOverflowAndBadKinds() {
        DhcpOptionWriter writer = new DhcpOptionWriter().start(new byte[7], 0, 7);
        assertEquals("no room for DHCP option 51 of 6 bytes: 7 left",
                assertThrows(IllegalArgumentException.class, () -> writer.open(51, 6)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> writer.open(0, 1));
        assertThrows(IllegalArgumentException.class, () -> writer.open(255, 1));
        assertThrows(IllegalArgumentException.class, () -> writer.open(1, 256));
        writer.emitU32(51, 1);
        assertThrows(IllegalArgumentException.class, () -> writer.emitU8(53, 1));
        writer.end();
        assertThrows(IllegalArgumentException.class, writer::end);
    }

    @Test
    void parseEmitAndPrintAreAllocationFree() {
        byte[] out = new byte[400];
        DhcpPacket outPacket = new DhcpPacket();
        DhcpPacket inPacket = new DhcpPacket();
        StringBuilder line = new StringBuilder(512);
        AllocationProbe.assertAllocationFree("DHCP parse, emit and print", () -> {
            repr.parse(inPacket.wrap(ACK_DNS_SERVERS, 0, ACK_DNS_SERVERS.length));
            repr.emit(outPacket.wrap(out, 0, out.length));
            line.setLength(0);
            repr.appendTo(line);
            repr.parse(inPacket.wrap(DISCOVER, 0, DISCOVER.length));
            repr.emit(outPacket.wrap(out, 0, out.length));
            line.setLength(0);
            repr.appendTo(line);
        });
    }

    @Property
    void randomBytesNeverThrow(@ForAll @Size(max = 400) byte[] bytes) {
        parseAndReemitIfOk(bytes);
    }

    @Property
    void mutatedGoldenVectorsNeverThrow(@ForAll @IntRange(max = 3) int which, @ForAll @IntRange(max = 330) int position,
            @ForAll byte value, @ForAll @IntRange(max = 400) int length) {
        byte[] golden = new byte[][] {DISCOVER, ACK_DNS_SERVERS, ACK_LEASE_TIME, SCAPY_ACK}[which];
        byte[] bytes = Arrays.copyOf(golden, Math.min(length, golden.length));
        if (position < bytes.length) {
            bytes[position] = value;
        }
        parseAndReemitIfOk(bytes);
    }

    /** Parses; on OK, emit then re-parse must give the same repr and the same bytes again. */
    private static void parseAndReemitIfOk(byte[] bytes) {
        DhcpRepr parsed = new DhcpRepr();
        DhcpOptionCursor cursor = new DhcpOptionCursor();
        DhcpPacket view = new DhcpPacket().wrap(bytes, 0, bytes.length);
        if (view.check() == WireStatus.OK) {
            cursor.start(view);
            int steps = 0;
            while (cursor.next() == WireStatus.OK) {
                steps++;
            }
            assertTrue(steps <= bytes.length);
        }
        if (parsed.parse(view) != WireStatus.OK) {
            return;
        }
        byte[] first = new byte[parsed.bufferLen()];
        parsed.emit(new DhcpPacket().wrap(first, 0, first.length));
        DhcpRepr again = new DhcpRepr();
        assertEquals(WireStatus.OK, again.parse(new DhcpPacket().wrap(first, 0, first.length)));
        assertEquals(text(parsed), text(again));
        byte[] second = new byte[again.bufferLen()];
        again.emit(new DhcpPacket().wrap(second, 0, second.length));
        assertArrayEquals(first, second);
    }

    @Property
    void generatedReprsRoundTrip(@ForAll("reprs") DhcpRepr generated) {
        byte[] out = new byte[generated.bufferLen()];
        generated.emit(new DhcpPacket().wrap(out, 0, out.length));
        DhcpRepr parsed = new DhcpRepr();
        assertEquals(WireStatus.OK, parsed.parse(new DhcpPacket().wrap(out, 0, out.length)));
        assertEquals(text(generated), text(parsed));
    }

    @Provide
    Arbitrary<DhcpRepr> reprs() {
        Arbitrary<Integer> any = Arbitraries.integers();
        Arbitrary<int[]> header = Combinators.combine(Arbitraries.integers().between(1, 8), any, Arbitraries.integers().between(0, 0xffff),
                any, any, any, any).as((type, xid, secs, ci, yi, si, gi) -> new int[] {type, xid, secs, ci, yi, si, gi});
        Arbitrary<long[]> optional = Combinators.combine(Arbitraries.longs().between(0, 0xffff_ffffL), Arbitraries.longs().between(0, 0xffff_ffffL),
                Arbitraries.longs().between(0, 0xffff_ffffL), Arbitraries.longs().between(0, 0xffff_ffffffffL),
                Arbitraries.integers().between(0, 1 << 13), Arbitraries.integers().between(0, 3), any.list().ofSize(3))
                .as((lease, t1, t2, mac, presence, dns, addresses) -> new long[] {lease, t1, t2, mac, presence, dns,
                    addresses.get(0), addresses.get(1), addresses.get(2)});
        return Combinators.combine(header, optional, Arbitraries.bytes().array(byte[].class).ofMaxSize(255), Arbitraries.of(true, false))
                .as(DhcpTest::build);
    }

    private static DhcpRepr build(int[] h, long[] o, byte[] prl, boolean broadcast) {
        DhcpRepr r = new DhcpRepr().setMessageType(h[0]).setTransactionId(h[1]).setSecs(h[2]).setClientIp(h[3]).setYourIp(h[4])
                .setServerIp(h[5]).setRelayAgentIp(h[6]).setClientHardwareAddress(o[3]).setBroadcast(broadcast);
        int presence = (int) o[4];
        int address = (int) o[6];
        if ((presence & 1) != 0) {
            r.setLeaseTime(o[0]);
        }
        if ((presence & 2) != 0) {
            r.setRenewalTime(o[1]);
        }
        if ((presence & 4) != 0) {
            r.setRebindingTime(o[2]);
        }
        if ((presence & 8) != 0) {
            r.setRequestedIp(address);
        }
        if ((presence & 16) != 0) {
            r.setServerIdentifier((int) o[7]);
        }
        if ((presence & 32) != 0) {
            r.setRouter((int) o[8]);
        }
        if ((presence & 64) != 0) {
            r.setSubnetMask(~address);
        }
        if ((presence & 128) != 0) {
            r.setMaxMessageSize(presence & 0xffff);
        }
        if ((presence & 256) != 0) {
            r.setClientIdentifier(presence >>> 9, o[3]);
        }
        if ((presence & 512) != 0) {
            r.setDnsServers(new int[] {address, (int) o[7], (int) o[8]}, 0, (int) o[5]);
        }
        if ((presence & 1024) != 0) {
            r.setParameterRequestList(prl, 0, prl.length);
        }
        return r;
    }

    @Test
    void tsharkReadsWhatWeEmit(@TempDir Path dir) throws IOException {
        DhcpRepr discover = discoverRepr().setBroadcast(true);
        DhcpRepr ack = new DhcpRepr().setMessageType(DhcpPacket.MESSAGE_ACK).setTransactionId(0x12345678)
                .setClientHardwareAddress(0x0200_0000_0001L).setYourIp(Ipv4Address.of(10, 0, 0, 7))
                .setServerIdentifier(Ipv4Address.of(10, 0, 0, 2)).setRouter(Ipv4Address.of(10, 0, 0, 1))
                .setSubnetMask(Ipv4Address.of(255, 255, 255, 0)).setLeaseTime(3600).setRenewalTime(1800).setRebindingTime(3150)
                .setDnsServers(new int[] {Ipv4Address.of(10, 0, 0, 53), Ipv4Address.of(9, 9, 9, 9)}, 0, 2);
        List<byte[]> frames = List.of(UdpHeaderFixture.ipv4Frame(DhcpPacket.CLIENT_PORT, DhcpPacket.SERVER_PORT, emit(discover)),
                UdpHeaderFixture.ipv4Frame(DhcpPacket.SERVER_PORT, DhcpPacket.CLIENT_PORT, emit(ack)));
        List<String[]> rows = Tshark.judge(dir.resolve("dhcp.pcap"), PcapFormat.LINKTYPE_ETHERNET, frames,
                "dhcp.option.dhcp", "dhcp.id", "dhcp.flags.bc", "dhcp.hw.mac_addr", "dhcp.option.requested_ip_address",
                "dhcp.option.request_list_item", "dhcp.option.dhcp_max_message_size", "dhcp.ip.your", "dhcp.option.dhcp_server_id",
                "dhcp.option.router", "dhcp.option.subnet_mask", "dhcp.option.ip_address_lease_time",
                "dhcp.option.renewal_time_value", "dhcp.option.rebinding_time_value", "dhcp.option.domain_name_server");
        assertArrayEquals(new String[] {"1", "0x00003d1d", "1", "00:0b:82:01:fc:42,00:0b:82:01:fc:42", "0.0.0.0", "1,3,6,42", "1500", "0.0.0.0",
            "", "", "", "", "", "", ""}, rows.get(0));
        assertArrayEquals(new String[] {"5", "0x12345678", "0", "02:00:00:00:00:01", "", "", "", "10.0.0.7", "10.0.0.2",
            "10.0.0.1", "255.255.255.0", "3600", "1800", "3150", "10.0.0.53,9.9.9.9"}, rows.get(1));
    }
}
