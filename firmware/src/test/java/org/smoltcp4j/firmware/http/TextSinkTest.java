package org.smoltcp4j.firmware.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.wire.Ipv6Address;

class TextSinkTest {

    private static String text(TextSink sink) {
        return new String(sink.array(), 0, sink.length(), StandardCharsets.US_ASCII);
    }

    @Property
    void decimalsAreThoseOfLongToString(@ForAll long value) {
        assertEquals(Long.toString(value), text(new TextSink(32).append(value)));
    }

    @Test
    void addressesAndEscapes() {
        TextSink sink = new TextSink(200);
        sink.appendIpv4(0xc0a84501).append(' ').appendMac(0x0200_0000_00ffL).append(' ').appendHtml("<a&\"b\">")
                .append(' ').appendJsonString("q\"\\\u0001é");
        assertEquals("192.168.69.1 02:00:00:00:00:ff &lt;a&amp;&quot;b&quot;&gt; \"q\\\"\\\\??\"", text(sink));
        assertEquals(200, sink.capacity());
    }

    @Property
    void ipv6IsWrittenAsTheStackWritesIt(@ForAll long high, @ForAll long low) {
        assertEquals(Ipv6Address.append(new StringBuilder(), high, low).toString(), text(new TextSink(64).appendIpv6(high, low)));
    }

    @Test
    void ipAddressesOfBothVersionsAndExtendedAddresses() {
        TextSink sink = new TextSink(200);
        sink.appendIp(0, Ipv6Address.ipv4MappedLow(0xc0a84564)).append(' ').appendIp(0xfdaa_0000_0000_0000L, 0x100)
                .append(' ').appendIpv6(0xfe80_0000_0000_0000L, 0x0000_00ff_fe00_0001L).append(' ')
                .appendExtendedAddress(0x0200_0000_0000_0001L);
        assertEquals("192.168.69.100 fdaa::100 fe80::ff:fe00:1 02:00:00:00:00:00:00:01", text(sink));
    }

    @Test
    void overflowCutsTheTextAndSaysSo() {
        TextSink sink = new TextSink(4).append("abcdef");
        assertEquals("abcd", text(sink));
        assertTrue(sink.overflowed());
        sink.clear().append(new byte[] {'x', 'y'}, 0, 2);
        assertFalse(sink.overflowed());
        assertEquals("xy", text(sink));
        assertThrows(IllegalArgumentException.class, () -> new TextSink(0));
    }
}
