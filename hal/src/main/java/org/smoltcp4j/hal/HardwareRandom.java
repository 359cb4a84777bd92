package org.smoltcp4j.hal;

/**
 * The chip's hardware random number generator, as an SNI native (C side:
 * {@code Java_org_smoltcp4j_hal_HardwareRandom_fill}, one driver per chip family, registers listed
 * in hal/src/main/c/REGISTERS.md): the nRF52840 RNG peripheral with bias correction, the STM32F7
 * and STM32H7 RNG with ST's seed-error recovery; the emulated MPS2 AN500 has none and answers
 * {@link #ERROR_NO_RNG}. The firmware reads it once at boot for the secret keys of the stack (TCP
 * initial sequence numbers, the interface's pseudo-random choices).
 *
 * <p>The native busy-waits for each value (a byte on the nRF52840, 32 bits on the STM32), at most
 * 1 ms each, then fails with {@link #ERROR_TIMEOUT} rather than hang; it freezes every Java thread
 * while it runs, so read a few bytes at boot, not in the main loop. On the host, the class of the same name in the
 * {@code mock} jar answers from {@code java.security.SecureRandom}, or from a seed a host program
 * sets for repeatable runs.
 */
public final class HardwareRandom {

    /** The most bytes one call fills. */
    public static final int MAX_LENGTH = 64;
    /** The array is null, the slice lies outside it, or the length is negative or above {@link #MAX_LENGTH}. */
    public static final int ERROR_BAD_ARGUMENT = -2;
    /** The generator gave no value in time (it is not clocked, or does not respond). */
    public static final int ERROR_TIMEOUT = -3;
    /** The chip has no hardware random number generator (the MPS2 AN500). */
    public static final int ERROR_NO_RNG = -4;
    /** The generator's entropy source failed its health test again after the recovery sequence (STM32 SECS). */
    public static final int ERROR_SEED = -5;
    /** The generator's clock is wrong (STM32 CECS: below the required ratio to the bus clock). */
    public static final int ERROR_CLOCK = -6;

    private HardwareRandom() {
    }

    /**
     * Fills {@code out[offset .. offset + length)} with random bytes from the hardware.
     *
     * @return {@code length}, or one of the negative {@code ERROR_*} (the slice's contents are then
     *         unspecified and must not be used)
     */
    public static native int fill(byte[] out, int offset, int length);
}
