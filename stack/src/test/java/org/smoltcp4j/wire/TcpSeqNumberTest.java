package org.smoltcp4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TcpSeqNumberTest {

    @Test
    void comparisonWrapsAroundTwoToTheThirtySecond() {
        int beforeWrap = 0xffff_fff0;
        int afterWrap = 0x0000_0010;
        assertTrue(TcpSeqNumber.lessThan(beforeWrap, afterWrap));
        assertTrue(TcpSeqNumber.greaterThan(afterWrap, beforeWrap));
        assertTrue(TcpSeqNumber.lessOrEqual(beforeWrap, beforeWrap));
        assertTrue(TcpSeqNumber.greaterOrEqual(afterWrap, afterWrap));
        assertFalse(TcpSeqNumber.lessThan(afterWrap, beforeWrap));
        assertEquals(afterWrap, TcpSeqNumber.max(beforeWrap, afterWrap));
        assertEquals(beforeWrap, TcpSeqNumber.min(afterWrap, beforeWrap));
        assertEquals(0x20, TcpSeqNumber.difference(afterWrap, beforeWrap));
        assertEquals(afterWrap, TcpSeqNumber.add(beforeWrap, 0x20));
        assertEquals(beforeWrap, TcpSeqNumber.sub(afterWrap, 0x20));
    }

    @Test
    void windowMembershipIsHalfOpen() {
        assertTrue(TcpSeqNumber.inWindow(0xffff_ffff, 0xffff_fff0, 0x20));
        assertTrue(TcpSeqNumber.inWindow(0x0f, 0xffff_fff0, 0x20));
        assertFalse(TcpSeqNumber.inWindow(0x10, 0xffff_fff0, 0x20));
        assertFalse(TcpSeqNumber.inWindow(0xffff_ffef, 0xffff_fff0, 0x20));
        assertFalse(TcpSeqNumber.inWindow(5, 5, 0));
    }

    @Test
    void printsUnsigned() {
        assertEquals("4294967295", TcpSeqNumber.append(new StringBuilder(), -1).toString());
        assertEquals(4294967295L, TcpSeqNumber.toUnsigned(-1));
    }

    @Test
    void negativeCountsAreMisuse() {
        assertEquals("sequence number increment must not be negative, got -1",
                assertThrows(IllegalArgumentException.class, () -> TcpSeqNumber.add(0, -1)).getMessage());
        assertEquals("sequence number decrement must not be negative, got -1",
                assertThrows(IllegalArgumentException.class, () -> TcpSeqNumber.sub(0, -1)).getMessage());
        assertEquals("window length must not be negative, got -2",
                assertThrows(IllegalArgumentException.class, () -> TcpSeqNumber.inWindow(0, 0, -2)).getMessage());
    }

    /** Model: numbers within 2^31 of each other compare like their unwrapped values. */
    @Property
    void agreesWithUnwrappedArithmetic(@ForAll int base, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int ahead) {
        int later = TcpSeqNumber.add(base, ahead);
        assertEquals((base & 0xffffffffL) + ahead & 0xffffffffL, TcpSeqNumber.toUnsigned(later));
        assertEquals(ahead, TcpSeqNumber.difference(later, base));
        assertEquals(ahead > 0, TcpSeqNumber.greaterThan(later, base));
        assertEquals(ahead > 0, TcpSeqNumber.lessThan(base, later));
        assertTrue(TcpSeqNumber.greaterOrEqual(later, base));
        assertTrue(TcpSeqNumber.lessOrEqual(base, later));
        assertEquals(later, TcpSeqNumber.max(base, later));
        assertEquals(base, TcpSeqNumber.min(later, base));
        assertEquals(base, TcpSeqNumber.sub(later, ahead));
        assertEquals(ahead < Integer.MAX_VALUE, TcpSeqNumber.inWindow(later, base, Integer.MAX_VALUE));
    }
}
