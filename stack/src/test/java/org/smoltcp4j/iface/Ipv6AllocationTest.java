package org.smoltcp4j.iface;

import static org.smoltcp4j.iface.Ipv6Fixture.OUR_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.OUR_MAC;
import static org.smoltcp4j.iface.Ipv6Fixture.PEER_LOW;
import static org.smoltcp4j.iface.Ipv6Fixture.PEER_MAC;
import static org.smoltcp4j.iface.Ipv6Fixture.ULA_HIGH;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.wire.EtherType;

/** The IPv6 steady state allocates nothing: ping6 answered, solicitations answered, errors sent. */
class Ipv6AllocationTest {

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void answeringPing6AllocatesNothing(int medium) {
        assertPollsAllocateNothing(medium, "ping6 in, reply out", Counters.TX_ICMPV6_ECHO_REPLIES,
                Ipv6Fixture.ping(ULA_HIGH, OUR_LOW, 1, Ipv4Fixture.pattern(56)));
    }

    @Test
    void answeringNeighborSolicitationsAllocatesNothing() {
        assertPollsAllocateNothing(Medium.ETHERNET, "NS in, NA out", Counters.TX_NEIGHBOR_ADVERTISEMENTS,
                Ipv6Fixture.solicitation(ULA_HIGH, PEER_LOW, 0xff02_0000_0000_0000L, 0x0000_0001_ff00_0001L, ULA_HIGH, OUR_LOW, PEER_MAC,
                        255));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void sendingParameterProblemsAllocatesNothing(int medium) {
        assertPollsAllocateNothing(medium, "unknown next header in, parameter problem out", Counters.TX_ICMPV6_ERRORS,
                Ipv6Fixture.fromPeer(ULA_HIGH, OUR_LOW, 0x0c, new byte[8]));
    }

    /**
     * Polls an interface that receives {@code packets} each time (10,000 times after warm-up) and
     * expects no allocation, and one frame out per count of {@code counter}.
     */
    private static void assertPollsAllocateNothing(int medium, String what, int counter, byte[]... packets) {
        DeviceCapabilities caps = new DeviceCapabilities(medium, medium == Medium.ETHERNET ? 1514 : 1500, 0);
        byte[][] frames = new byte[packets.length][];
        for (int i = 0; i < packets.length; i++) {
            frames[i] = medium == Medium.ETHERNET ? Ipv4Fixture.ethernetFrame(OUR_MAC, PEER_MAC, EtherType.IPV6, packets[i]) : packets[i];
        }
        ReplayDevice device = new ReplayDevice(caps, frames);
        // A rate limit no run reaches, so every error is sent.
        Interface iface = new Interface(new InterfaceConfig().mldReports(false).hardwareAddress(OUR_MAC).icmpErrorsPerSecond(Integer.MAX_VALUE / 2), caps);
        iface.addIpv6Address(ULA_HIGH, OUR_LOW, 64);
        iface.neighborCache().fill(ULA_HIGH, PEER_LOW, PEER_MAC, 0);
        device.assertPollsAllocateNothing(iface, what, counter);
    }
}
