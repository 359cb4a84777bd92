package org.smoltcp4j.firmware.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

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
