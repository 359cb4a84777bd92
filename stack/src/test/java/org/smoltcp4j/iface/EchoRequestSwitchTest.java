package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.phy.Medium;

/**
 * {@link InterfaceConfig#answerEchoRequests(boolean)}: off, the interface ignores echo requests
 * of both IP versions as Linux does with net.ipv4.icmp_echo_ignore_all (and, for IPv6,
 * net.ipv6.icmp.echo_ignore_all): they are still counted as received, nothing is sent.
 */
class EchoRequestSwitchTest {

    @Test
    void echoRequestsAreAnsweredByDefault() {
        assertTrue(new InterfaceConfig().answersEchoRequests());
        assertFalse(new InterfaceConfig().answerEchoRequests(false).answersEchoRequests());
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void ipv4EchoRequestsAreIgnoredWhenSwitchedOff(int medium) {
        Ipv4Fixture f = new Ipv4Fixture(medium, new InterfaceConfig().answerEchoRequests(false));
        f.learnPeer(0);
        f.injectIp(Ipv4Fixture.ping(1, Ipv4Fixture.pattern(56)));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_ECHO_REQUESTS));
        assertEquals(0, f.counter(Counters.TX_ECHO_REPLIES));
    }

    @ParameterizedTest
    @ValueSource(ints = {Medium.ETHERNET, Medium.IP})
    void ipv6EchoRequestsAreIgnoredWhenSwitchedOff(int medium) {
        Ipv6Fixture f = new Ipv6Fixture(medium, new InterfaceConfig().answerEchoRequests(false));
        f.learnPeer(0);
        f.injectIp(Ipv6Fixture.ping(Ipv6Fixture.ULA_HIGH, Ipv6Fixture.OUR_LOW, 1, new byte[56]));
        assertEquals(List.of(), f.poll(0));
        assertEquals(1, f.counter(Counters.RX_ICMPV6_ECHO_REQUESTS));
        assertEquals(0, f.counter(Counters.TX_ICMPV6_ECHO_REPLIES));
    }

    @Test
    void theSameRequestsAreAnsweredWhenSwitchedOn() {
        Ipv4Fixture v4 = new Ipv4Fixture(Medium.IP, new InterfaceConfig().answerEchoRequests(true));
        v4.injectIp(Ipv4Fixture.ping(1, Ipv4Fixture.pattern(56)));
        assertEquals(1, v4.poll(0).size());
        Ipv6Fixture v6 = new Ipv6Fixture(Medium.IP, new InterfaceConfig().answerEchoRequests(true));
        v6.injectIp(Ipv6Fixture.ping(Ipv6Fixture.ULA_HIGH, Ipv6Fixture.OUR_LOW, 1, new byte[56]));
        assertEquals(1, v6.poll(0).size());
    }
}
