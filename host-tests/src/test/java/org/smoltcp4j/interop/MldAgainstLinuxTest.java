package org.smoltcp4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.testing.Tshark;

/**
 * MLDv2 against the Linux bridge's snooping (smoltcp's multicast6 example): Linux puts the TAP in
 * a bridge with MLD snooping and its own querier (MLDv2); our reports must make the bridge list
 * our solicited-node group and the group the application joined on our port, and a datagram Linux
 * sends to that group must reach our any-bound UDP socket. tshark judges every report we sent.
 */
class MldAgainstLinuxTest {

    private static final long GROUP_HIGH = 0xff02_0000_0000_0000L;
    private static final long GROUP_LOW = 0x1234L;
    private static final int PORT = 8123;
    /** Of both fd00::1 and fe80::ff:fe00:1. */
    private static final String OUR_SOLICITED = "ff02::1:ff00:1";
    private static final String BRIDGE = "s4jbr0";

    @TempDir
    Path directory;
    private LinuxPeer peer;

    @BeforeEach
    void startPeer() throws Exception {
        peer = LinuxPeer.startWithIpv6(directory, 2);
    }

    @AfterEach
    void closePeer() throws Exception {
        peer.close();
    }

    /**
     * Puts Linux's end of the TAP in a snooping bridge with an MLDv2 querier that wants answers
     * within 1 s, five startup queries 1 s apart instead of two 31 s apart: the bridge skips an
     * MLD query while it has no IPv6 address yet. It gets only its link-local address: with
     * fd00::100 on it, its startup queries leave from that global address before the link-local
     * one exists, and RFC 3810 5.1.14 has us drop them (as Linux's own hosts do).
     */
    private void bridgeTheTap() throws Exception {
        String tap = peer.link();
        peer.namespace().run("ip", "link", "add", BRIDGE, "type", "bridge", "mcast_snooping", "1", "mcast_querier", "1",
                "mcast_mld_version", "2", "mcast_query_response_interval", "100", "mcast_startup_query_interval", "100", "mcast_startup_query_count", "5");
        peer.namespace().run("ip", "addr", "flush", "dev", tap);
        peer.namespace().run("ip", "link", "set", tap, "master", BRIDGE);
        peer.namespace().run("ip", "link", "set", BRIDGE, "up");
    }

    @Test
    void bridgeLearnsOurGroupsFromOurReportsAndForwardsTheJoinedGroupToUs() throws Exception {
        bridgeTheTap();
        UdpSocket socket = new UdpSocket(2, 256, 2, 256);
        socket.bind(PORT);
        peer.onLoop(() -> {
            peer.sockets().add(socket);
            return peer.iface().joinIpv6MulticastGroup(GROUP_HIGH, GROUP_LOW, peer.now());
        });
        String mdb = "";
        for (int i = 0; i < 150 && !(mdb.contains(OUR_SOLICITED) && mdb.contains("ff02::1234")); i++) {
            Thread.sleep(100);
            mdb = peer.namespace().run("bridge", "mdb", "show", "dev", BRIDGE);
        }
        assertTrue(mdb.contains("port " + peer.link() + " grp " + OUR_SOLICITED), "solicited-node group on our port: " + mdb);
        assertTrue(mdb.contains("port " + peer.link() + " grp ff02::1234"), "the joined group on our port: " + mdb);
        // The querier's startup queries follow br0's link-local address; our answer must keep the groups listed.
        assertTrue(peer.awaitCounter(Counters.RX_MLD_QUERIES, 1, 8_000) >= 1, "the bridge's querier asked us: "
                + peer.onLoop(() -> peer.iface().counters().appendTo(new StringBuilder()).toString()));

        peer.namespace().run("sh", "-c", "printf hello-mld | socat -u - UDP6-SENDTO:[ff02::1234%" + BRIDGE + "]:" + PORT);
        peer.awaitOnLoop(socket::canRecv, "the datagram to ff02::1234 reached our socket");
        byte[] data = new byte[32];
        int length = peer.onLoop(() -> socket.recv(data, 0, data.length));
        assertEquals("hello-mld", new String(data, 0, length, java.nio.charset.StandardCharsets.US_ASCII));

        long[] counters = peer.counters();
        assertEquals(0, counters[Counters.RX_MLD_BAD_SOURCE] + counters[Counters.RX_MLD_BAD_HOP_LIMIT]
                + counters[Counters.RX_MLD_NO_ROUTER_ALERT] + counters[Counters.RX_MLD_MALFORMED], "Linux's queries are valid");
        List<String[]> reports = Tshark.fields(directory.resolve("sent.pcap"), "icmpv6.type", "ipv6.hlim", "ipv6.opt.router_alert",
                "icmpv6.checksum.status", "ipv6.dst");
        int mld = 0;
        for (String[] row : reports) {
            if (row[0].equals("143")) {
                mld++;
                assertEquals("1", row[1], "hop limit 1");
                assertEquals("0", row[2], "Router Alert: MLD");
                assertEquals("1", row[3], "checksum good");
                assertEquals("ff02::16", row[4]);
            } else {
                assertFalse(row[0].equals("131") || row[0].equals("132"), "no MLDv1 messages");
            }
        }
        assertTrue(mld >= 3, "two unsolicited reports and an answer: " + mld);
    }
}
