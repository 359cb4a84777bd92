package org.smoltcp4j.hal.mock;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.CodeSource;
import org.smoltcp4j.hal.DeviceIdentity;
import org.smoltcp4j.hal.EthernetMac;
import org.smoltcp4j.hal.HardwareRandom;
import org.smoltcp4j.hal.HardwareTimer;
import org.smoltcp4j.hal.Ieee802154Radio;
import org.smoltcp4j.phy.Device;

/**
 * The host side of the mocked board: what the {@code mock} jar's {@code EthernetMac},
 * {@code Ieee802154Radio} and {@code HardwareTimer} (same names as the natives, plain static methods;
 * the MicroEJ simulator convention) run on. A host program attaches the backends before the firmware
 * boots, then runs the firmware unchanged:
 * <pre>
 *   MockBackends.attachEthernet(TapInterface.open("tap0"));   // or a VirtualEthernetSegment port, a UdpFrameLink
 *   MockBackends.attachRadio(medium);                          // a RadioMedium shared with peer radios
 * </pre>
 * The timer runs on {@link System#nanoTime()} from the first use of this class; its
 * {@code waitUntil} returns at the deadline or earlier when an attached backend has a frame or
 * signals an event (see {@link DeviceEvents}). The chip's unique ID ({@code DeviceIdentity}) comes
 * from {@link #setUniqueIdSeed}, {@link #DEFAULT_UNIQUE_ID_SEED} until a host program sets one. Its
 * random number generator ({@code HardwareRandom}) answers from {@link java.security.SecureRandom}
 * until a host program asks for a repeatable stream ({@link #setRandomSeed}) or an error
 * ({@link #failRandom}).
 * One board per process, like the natives: the backends are process-wide.
 */
public final class MockBackends {

    private static final MockClock CLOCK = new MockClock();
    private static final DeviceEvents EVENTS = new DeviceEvents(CLOCK);
    /** The seed of the mocked chip's unique ID until a host program sets another. */
    public static final long DEFAULT_UNIQUE_ID_SEED = 0x5eed_1d00_0000_0001L;
    private static final MockUniqueId UNIQUE_ID = new MockUniqueId(DEFAULT_UNIQUE_ID_SEED);
    private static final MockRandom RANDOM = new MockRandom();
    private static volatile MockEthernet ethernet;
    private static volatile RadioNode radio;

    private MockBackends() {
    }

    /**
     * Makes {@code host} the wire of the mocked {@code EthernetMac}; returns the mocked MAC, for tests
     * to steer. @throws IllegalStateException when the natives, not the mocks, are on the class path
     */
    public static MockEthernet attachEthernet(Device host) {
        if (host == null) {
            throw new NullPointerException("host device");
        }
        checkMocksLoaded();
        MockEthernet mac = new MockEthernet(host, CLOCK, EVENTS);
        ethernet = mac;
        return mac;
    }

    /**
     * Joins a new radio to {@code medium} as the mocked {@code Ieee802154Radio}; returns it, for tests
     * to steer. @throws IllegalStateException when the natives, not the mocks, are on the class path
     */
    public static RadioNode attachRadio(RadioMedium medium) {
        checkMocksLoaded();
        RadioNode node = medium.join();
        node.setArrivalListener(EVENTS::signal);
        radio = node;
        return node;
    }

    /**
     * Removes both backends (between tests); the natives then throw until new ones are attached.
     * The unique ID goes back to the one of {@link #DEFAULT_UNIQUE_ID_SEED}, the random number
     * generator to {@link java.security.SecureRandom}.
     */
    public static void detachAll() {
        ethernet = null;
        radio = null;
        UNIQUE_ID.setSeed(DEFAULT_UNIQUE_ID_SEED);
        RANDOM.useSecureRandom();
    }

    /**
     * Gives the mocked chip the unique ID expanded from {@code seed}: the same seed, the same ID
     * (and MAC address derived from it) on every run.
     */
    public static void setUniqueIdSeed(long seed) {
        UNIQUE_ID.setSeed(seed);
    }

    /** Makes the mocked chip one without a unique ID, as the MPS2 AN500, until the next seed. */
    public static void removeUniqueId() {
        UNIQUE_ID.remove();
    }

    /**
     * Makes the mocked random number generator answer the stream expanded from {@code seed}
     * (SplitMix64, predictable: for tests and repeatable simulations only), from its start, until
     * the next seed, {@link #failRandom} or {@link #detachAll}.
     */
    public static void setRandomSeed(long seed) {
        RANDOM.setSeed(seed);
    }

    /**
     * Makes the mocked random number generator answer {@code error} (e.g.
     * {@code HardwareRandom.ERROR_NO_RNG}, as the MPS2 AN500) until the next seed or {@link #detachAll}.
     *
     * @throws IllegalArgumentException unless {@code error} is one of {@code HardwareRandom}'s
     *                                  hardware errors (not ERROR_BAD_ARGUMENT, which only a bad call gets)
     */
    public static void failRandom(int error) {
        RANDOM.fail(error);
    }

    /** {@code HardwareRandom.fill}: see {@link #setRandomSeed} and {@link #failRandom}. */
    public static int randomFill(byte[] out, int offset, int length) {
        return RANDOM.fill(out, offset, length);
    }

    /** {@code DeviceIdentity.uniqueId}: see {@link #setUniqueIdSeed}. */
    public static int uniqueId(byte[] id) {
        return UNIQUE_ID.read(id);
    }

    /** The attached Ethernet backend. @throws IllegalStateException when none is attached */
    public static MockEthernet ethernet() {
        MockEthernet attached = ethernet;
        if (attached == null) {
            throw new IllegalStateException("no Ethernet backend: call MockBackends.attachEthernet(device) before using EthernetMac");
        }
        return attached;
    }

    /** The attached radio. @throws IllegalStateException when none is attached */
    public static RadioNode radio() {
        RadioNode attached = radio;
        if (attached == null) {
            throw new IllegalStateException("no radio backend: call MockBackends.attachRadio(medium) before using Ieee802154Radio");
        }
        return attached;
    }

    /** {@code HardwareTimer.nowMicros}: microseconds since this class was loaded. */
    public static long nowMicros() {
        return CLOCK.nowMicros();
    }

    /** {@code HardwareTimer.waitUntil}: see the class comment. */
    public static void waitUntil(long deadlineMicros) {
        EVENTS.awaitUntil(deadlineMicros, MockBackends::frameWaiting);
    }

    /**
     * Throws unless the class path gave the mocks of {@code DeviceIdentity}, {@code EthernetMac},
     * {@code Ieee802154Radio}, {@code HardwareTimer} and {@code HardwareRandom}: the mock jar must come before the hal jar, whose natives of the same
     * names cannot run on the host.
     */
    public static void checkMocksLoaded() {
        checkNotNative(DeviceIdentity.class);
        checkNotNative(EthernetMac.class);
        checkNotNative(Ieee802154Radio.class);
        checkNotNative(HardwareTimer.class);
        checkNotNative(HardwareRandom.class);
    }

    static void checkNotNative(Class<?> driver) {
        for (Method method : driver.getDeclaredMethods()) {
            if (Modifier.isNative(method.getModifiers())) {
                CodeSource source = driver.getProtectionDomain().getCodeSource();
                throw new IllegalStateException(driver.getName() + " was loaded from "
                        + (source == null ? "an unknown place" : source.getLocation())
                        + " with native methods (" + method.getName() + "): put the hal jar with classifier \"mock\""
                        + " before the hal jar on the class path");
            }
        }
    }

    private static boolean frameWaiting() {
        MockEthernet mac = ethernet;
        RadioNode node = radio;
        return mac != null && mac.frameWaiting() || node != null && node.queuedFrames() > 0;
    }
}
