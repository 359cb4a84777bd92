package org.smoltcp4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AllowlistTest {

    private static final Allowlist EDC = Allowlist.edc();

    /** The API the stack code is written to (preamble and design.md section 2) must be allowed. */
    @ParameterizedTest(name = "{0}#{1}")
    @CsvSource({
        "java/lang/Object, <init>", "java/lang/Object, equals", "java/lang/Object, hashCode",
        "java/lang/Object, toString", "java/lang/Object, getClass",
        "java/lang/String, length", "java/lang/String, charAt", "java/lang/String, equals",
        "java/lang/String, hashCode", "java/lang/String, valueOf", "java/lang/String, toString",
        "java/lang/String, indexOf", "java/lang/String, substring", "java/lang/String, isEmpty",
        "java/lang/String, concat",
        "java/lang/StringBuilder, <init>", "java/lang/StringBuilder, append",
        "java/lang/StringBuilder, length", "java/lang/StringBuilder, charAt",
        "java/lang/StringBuilder, setLength", "java/lang/StringBuilder, toString",
        "java/lang/CharSequence, length",
        "java/lang/Math, min", "java/lang/Math, max", "java/lang/Math, abs",
        "java/lang/System, arraycopy", "java/lang/System, currentTimeMillis",
        "java/lang/System, nanoTime",
        "java/lang/Integer, MIN_VALUE", "java/lang/Integer, MAX_VALUE", "java/lang/Integer, toString",
        "java/lang/Integer, toHexString", "java/lang/Integer, parseInt", "java/lang/Integer, valueOf",
        "java/lang/Long, MIN_VALUE", "java/lang/Long, MAX_VALUE", "java/lang/Long, toString",
        "java/lang/Long, toHexString", "java/lang/Long, parseLong", "java/lang/Long, valueOf",
        "java/lang/Boolean, valueOf", "java/lang/Character, isDigit", "java/lang/Byte, MAX_VALUE",
        "java/lang/Short, MIN_VALUE",
        "java/lang/IllegalArgumentException, <init>", "java/lang/IllegalArgumentException, getMessage",
        "java/lang/IllegalStateException, <init>", "java/lang/IndexOutOfBoundsException, <init>",
        "java/lang/ArrayIndexOutOfBoundsException, <init>", "java/lang/NullPointerException, <init>",
        "java/lang/UnsupportedOperationException, <init>", "java/lang/ArithmeticException, <init>",
        "java/lang/RuntimeException, <init>", "java/lang/Exception, <init>", "java/lang/Error, <init>",
        "java/lang/Throwable, <init>", "java/lang/Throwable, getMessage",
        "java/lang/Throwable, addSuppressed",
        "java/lang/AutoCloseable, close", "java/lang/Runnable, run",
        "java/lang/Thread, start", "java/lang/Thread, sleep",
        "java/io/InputStream, read", "java/io/OutputStream, write", "java/io/IOException, <init>",
        "java/io/PrintStream, println",
        "java/util/ArrayList, add", "java/util/HashMap, put", "java/util/Hashtable, get",
        "java/util/Vector, addElement", "java/util/List, get", "java/util/Map, get",
        "java/util/Iterator, next", "java/util/NoSuchElementException, <init>",
    })
    void edcAllowlistHasWhatTheStackIsWrittenTo(String owner, String member) {
        assertTrue(EDC.allowsType(owner), owner);
        assertTrue(EDC.allowsMember(owner, member), owner + "#" + member);
    }

    @ParameterizedTest(name = "{0}#{1}")
    @CsvSource({
        "java/lang/String, format", "java/lang/String, split", "java/lang/Integer, compareUnsigned",
        "java/lang/Long, toUnsignedString", "java/lang/Object, clone", "java/lang/Class, forName",
        "java/nio/ByteBuffer, wrap", "java/util/Arrays, copyOf", "java/util/Objects, requireNonNull",
    })
    void edcAllowlistLeavesOutWhatEdcLacks(String owner, String member) {
        assertFalse(EDC.allowsMember(owner, member), owner + "#" + member);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java/nio/ByteBuffer", "java/util/function/Function", "java/util/Optional",
        "java/util/concurrent/ConcurrentHashMap", "javax/crypto/Cipher", "sun/misc/Unsafe",
        "jdk/internal/misc/Unsafe", "com/sun/management/ThreadMXBean", "java/lang/invoke/MethodHandle"})
    void edcAllowlistRejectsTypesOutsideEdc(String type) {
        assertTrue(Allowlist.isJdkType(type));
        assertFalse(EDC.allowsType(type), type);
    }

    @Test
    void nonJdkTypesAndMembersAreOutsideTheCheck() {
        assertFalse(Allowlist.isJdkType("ej/bon/Util"));
        assertTrue(EDC.allowsType("ej/bon/Util"));
        assertTrue(EDC.allowsMember("org/smoltcp4j/storage/RingBuffer", "anything"));
    }

    @Test
    void parsesTypesMembersWildcardsAndTypeOnlyLines() {
        Allowlist list = Allowlist.parse("test", """
                # a comment

                java.lang.Math   min max
                java.lang.String *
                java.lang.CharSequence
                java.util.Map$Entry getKey
                """);
        assertTrue(list.allowsMember("java/lang/Math", "min"));
        assertFalse(list.allowsMember("java/lang/Math", "sqrt"));
        assertTrue(list.allowsMember("java/lang/String", "format"));
        assertTrue(list.allowsType("java/lang/CharSequence"));
        assertFalse(list.allowsMember("java/lang/CharSequence", "length"));
        assertTrue(list.allowsMember("java/util/Map$Entry", "getKey"));
        assertFalse(list.allowsType("java/lang/Integer"));
        assertFalse(list.allowsMember("java/lang/Integer", "valueOf"));
    }

    @Test
    void malformedTypeNameIsReportedWithItsLineNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Allowlist.parse("edc.txt", "# header\njava.lang.Math min\nMath max\n"));
        assertEquals("edc.txt line 3 'Math max': 'Math' is not a qualified type name such as"
                + " java.lang.Math", e.getMessage());
    }

    @Test
    void malformedMemberIsReportedWithItsLineNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Allowlist.parse("edc.txt", "java.lang.Math min-max\n"));
        assertEquals("edc.txt line 1 'java.lang.Math min-max': 'min-max' is not a member name,"
                + " <init>, <clinit> or *", e.getMessage());
    }

    @Test
    void typeListedTwiceIsReportedWithTheSecondLineNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Allowlist.parse("edc.txt", "java.lang.Math min\n\njava.lang.Math max\n"));
        assertEquals("edc.txt line 3 'java.lang.Math max': java.lang.Math is listed twice",
                e.getMessage());
    }

    @Test
    void repeatedMemberNameOnOneLineIsHarmless() {
        assertTrue(Allowlist.parse("test", "java.lang.Math min min").allowsMember("java/lang/Math", "min"));
    }
}
