package org.smoltcp4j.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smoltcp4j.hal.mock.MockBackends;

/**
 * The mocks keep the natives' contract (hal-contract: same names, same constants, same signatures,
 * static; natives static native, mocks public static and not native). The test's class path holds
 * the mocks ahead of the natives (test-classes before classes), so the natives are loaded apart,
 * from hal's target/classes, by a class loader that sees nothing else.
 */
public class MockContractTest {

    private static URLClassLoader nativesOnly;

    @BeforeAll
    static void loadNatives() {
        nativesOnly = nativesOnlyLoader();
    }

    /** A loader of hal's own classes (target/classes, where the natives are) and the JDK's, nothing else. */
    public static URLClassLoader nativesOnlyLoader() {
        URL classes = EthernetMacDevice.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    static void close() throws Exception {
        nativesOnly.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EthernetMac", "Ieee802154Radio", "HardwareTimer", "DeviceIdentity", "HardwareRandom"})
    void theMockHasTheNativesConstantsAndSignatures(String name) throws Exception {
        Class<?> natives = Class.forName("org.smoltcp4j.hal." + name, false, nativesOnly);
        Class<?> mock = Class.forName("org.smoltcp4j.hal." + name);
        assertTrue(natives != mock && Arrays.stream(natives.getDeclaredMethods()).allMatch(m -> Modifier.isNative(m.getModifiers())),
                "the natives are loaded apart from the mock");

        assertEquals(constants(natives), constants(mock));
        assertEquals(signatures(natives), signatures(mock));
        for (Method method : natives.getDeclaredMethods()) {
            int modifiers = method.getModifiers();
            assertTrue(Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers), method + " is public static");
        }
        for (Method method : mock.getDeclaredMethods()) {
            int modifiers = method.getModifiers();
            assertTrue(Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && !Modifier.isNative(modifiers),
                    method + " is public static and not native");
        }
    }

    @Test
    void theTestsRunAgainstTheMocks() {
        MockBackends.checkMocksLoaded();
    }

    private static Map<String, Integer> constants(Class<?> type) throws IllegalAccessException {
        Map<String, Integer> constants = new TreeMap<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            assertTrue(Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                    && field.getType() == int.class, field + " is a public static final int");
            constants.put(field.getName(), field.getInt(null));
        }
        return constants;
    }

    private static Map<String, String> signatures(Class<?> type) {
        Map<String, String> signatures = new TreeMap<>();
        for (Method method : type.getDeclaredMethods()) {
            signatures.put(method.getName(), method.getReturnType() + " " + Arrays.toString(method.getParameterTypes()));
        }
        return signatures;
    }
}
