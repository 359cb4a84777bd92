package org.smoltcp4j.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java native declarations and the C side must agree exactly: SNI links by name
 * ({@code Java_<package>_<Class>_<method>}) and passes arguments by position, so a renamed method,
 * a reordered parameter or a changed constant would only fail on the board. This test compares
 * the compiled classes (reflection) with the C glue's function definitions, with the symbols
 * {@code arm-none-eabi-nm} finds in each board library, and with the C constants.
 */
class NativeSymbolsCrossCheckTest {

    private static final Path C_SOURCES = Path.of(System.getProperty("smoltcp4j.c.sources", "src/main/c"));
    private static final Path C_BUILD = Path.of(System.getProperty("smoltcp4j.c.build", "target/c"));

    /*
     * hal's tests run with the simulator mocks first on the class path (same names, no natives), so
     * the classes with the natives are loaded from target/classes by a loader that sees only them.
     */
    private static final Class<?> ETHERNET_MAC = nativeClass("EthernetMac");
    private static final Class<?> RADIO = nativeClass("Ieee802154Radio");
    private static final Class<?> TIMER = nativeClass("HardwareTimer");
    private static final Class<?> IDENTITY = nativeClass("DeviceIdentity");
    private static final Class<?> RANDOM = nativeClass("HardwareRandom");

    /** The classes with natives, the C header holding their constants, and that header's prefix. */
    private static final List<Class<?>> NATIVE_CLASSES = List.of(ETHERNET_MAC, RADIO, TIMER, IDENTITY, RANDOM);
    private static final Map<Class<?>, String> CONSTANT_PREFIXES = Map.of(
            ETHERNET_MAC, "common/hal_eth.h ETH_",
            RADIO, "common/hal_radio.h RADIO_",
            IDENTITY, "common/hal_identity.h IDENTITY_",
            RANDOM, "common/hal_random.h RANDOM_");

    /** Which classes each board library implements. */
    private static final Map<String, List<Class<?>>> BOARDS = Map.of(
            "stm32f746g-disco", List.of(ETHERNET_MAC, TIMER, IDENTITY, RANDOM),
            "nucleo-f767zi", List.of(ETHERNET_MAC, TIMER, IDENTITY, RANDOM),
            "nucleo-h743zi", List.of(ETHERNET_MAC, TIMER, IDENTITY, RANDOM),
            "mps2-an500", List.of(ETHERNET_MAC, TIMER, IDENTITY, RANDOM),
            "nrf52840-dk", List.of(RADIO, TIMER, IDENTITY, RANDOM));

    private static final Pattern C_DEFINITION = Pattern.compile(
            "^(\\w+)\\s+(Java_org_smoltcp4j_hal_\\w+)\\s*\\(([^)]*)\\)\\s*\\{", Pattern.MULTILINE);
    private static final Pattern C_DEFINE = Pattern.compile("^#define\\s+(\\w+)\\s+\\(?(-?\\d+)\\)?\\s*$", Pattern.MULTILINE);

    @Test
    void everyNativeHasACDefinitionWithTheSameSignatureAndNoCFunctionIsExtra() throws IOException {
        Map<String, String> java = javaSignatures();
        Map<String, String> c = cSignatures();
        assertFalse(java.isEmpty(), "no native methods found");
        assertEquals(java, c, "Java natives (left) and C glue definitions (right) differ");
    }

    @Test
    void everyBoardLibraryDefinesTheSymbolsOfItsClasses() throws IOException, InterruptedException {
        for (Map.Entry<String, List<Class<?>>> board : BOARDS.entrySet()) {
            Path library = C_BUILD.resolve(board.getKey()).resolve("libsmoltcp4j-hal-" + board.getKey() + ".a");
            assertTrue(Files.isRegularFile(library), library + " is missing: the C build (make libs) did not run");
            Set<String> defined = definedSymbols(library);
            for (Class<?> type : board.getValue()) {
                for (String symbol : symbolsOf(type)) {
                    assertTrue(defined.contains(symbol), board.getKey() + " library lacks " + symbol);
                }
            }
            Set<String> expected = board.getValue().stream().flatMap(type -> symbolsOf(type).stream())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> glue = defined.stream().filter(s -> s.startsWith("Java_"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, glue, board.getKey() + " library defines other Java_ symbols than its classes");
        }
    }

    @Test
    void everyJavaConstantHasTheSameValueInC() throws IOException, IllegalAccessException {
        for (Map.Entry<Class<?>, String> entry : CONSTANT_PREFIXES.entrySet()) {
            String[] headerAndPrefix = entry.getValue().split(" ");
            Map<String, Long> defines = new TreeMap<>();
            Matcher m = C_DEFINE.matcher(Files.readString(C_SOURCES.resolve(headerAndPrefix[0])));
            while (m.find()) {
                defines.put(m.group(1), Long.parseLong(m.group(2)));
            }
            int checked = 0;
            for (Field field : entry.getKey().getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                    String name = headerAndPrefix[1] + field.getName();
                    assertEquals(Long.valueOf(field.getInt(null)), defines.get(name),
                            entry.getKey().getSimpleName() + "." + field.getName() + " vs " + name + " in " + headerAndPrefix[0]);
                    checked++;
                }
            }
            assertTrue(checked > 0, "no constants found in " + entry.getKey());
        }
    }

    private static List<String> symbolsOf(Class<?> type) {
        List<String> symbols = new ArrayList<>();
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isNative(method.getModifiers())) {
                symbols.add(symbol(type, method));
            }
        }
        return symbols;
    }

    /** SNI's C name; the contract has no overloads and no underscores, so no mangling suffix. */
    private static String symbol(Class<?> type, Method method) {
        return "Java_" + type.getName().replace('.', '_') + "_" + method.getName();
    }

    private static Map<String, String> javaSignatures() {
        Map<String, String> signatures = new TreeMap<>();
        for (Class<?> type : NATIVE_CLASSES) {
            for (Method method : type.getDeclaredMethods()) {
                if (!Modifier.isNative(method.getModifiers())) {
                    continue;
                }
                assertTrue(Modifier.isStatic(method.getModifiers()) && Modifier.isPublic(method.getModifiers()),
                        method + " must be public static (SNI)");
                String parameters = Stream.of(method.getParameterTypes()).map(NativeSymbolsCrossCheckTest::sniType)
                        .collect(Collectors.joining(", "));
                signatures.put(symbol(type, method), sniType(method.getReturnType()) + " (" + parameters + ")");
            }
        }
        return signatures;
    }

    /** The SNI C type of a Java base type or 1-D base-type array (microej.md section 3). */
    private static String sniType(Class<?> type) {
        if (type.isArray()) {
            assertTrue(type.getComponentType().isPrimitive(), "SNI passes only arrays of base types: " + type);
            return sniType(type.getComponentType()) + "*";
        }
        if (type == void.class) {
            return "void";
        }
        assertTrue(type.isPrimitive(), "SNI passes only base types: " + type);
        return "j" + type.getName();
    }

    private static Map<String, String> cSignatures() throws IOException {
        Map<String, String> signatures = new TreeMap<>();
        try (Stream<Path> files = Files.walk(C_SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".c") && !p.toString().contains("/test/")
                    && !p.toString().contains("/qemu-firmware/") && !p.toString().contains("/build/")).toList()) {
                Matcher m = C_DEFINITION.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    signatures.put(m.group(2), m.group(1) + " (" + cParameterTypes(m.group(3)) + ")");
                }
            }
        }
        return signatures;
    }

    /** "jbyte *frame, jint offset" becomes "jbyte*, jint"; "void" becomes "". */
    private static String cParameterTypes(String parameters) {
        String trimmed = parameters.replaceAll("\\s+", " ").trim();
        if (trimmed.equals("void") || trimmed.isEmpty()) {
            return "";
        }
        List<String> types = new ArrayList<>();
        for (String parameter : trimmed.split(",")) {
            String p = parameter.trim();
            boolean pointer = p.contains("*");
            String type = p.replace("*", " ").trim().split(" ")[0];
            types.add(pointer ? type + "*" : type);
        }
        return String.join(", ", types);
    }

    private static Set<String> definedSymbols(Path library) throws IOException, InterruptedException {
        Process nm = new ProcessBuilder("arm-none-eabi-nm", "--defined-only", "-g", library.toString())
                .redirectErrorStream(true).start();
        String output = new String(nm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(nm.waitFor(30, TimeUnit.SECONDS), "arm-none-eabi-nm did not finish");
        assertEquals(0, nm.exitValue(), "arm-none-eabi-nm failed: " + output);
        Set<String> symbols = new TreeSet<>();
        for (String line : output.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 3) {
                symbols.add(columns[2]);
            }
        }
        return symbols;
    }

    private static Class<?> nativeClass(String simpleName) {
        try {
            // The loader stays open for the test run: the classes are used until the JVM exits.
            return Class.forName("org.smoltcp4j.hal." + simpleName, false, MockContractTest.nativesOnlyLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("hal's target/classes lacks org.smoltcp4j.hal." + simpleName, e);
        }
    }
}
