package org.smoltcp4j.hal;

/**
 * The chip's factory-programmed unique ID, as an SNI native (C side:
 * {@code Java_org_smoltcp4j_hal_DeviceIdentity_uniqueId}, one ID location per chip family, listed
 * in hal/src/main/c/REGISTERS.md): 96 bits on the STM32F7 and STM32H7, the 64-bit FICR DEVICEID on
 * the nRF52840, none on the emulated MPS2 AN500. On the host, the class of the same name in the
 * {@code mock} jar answers a stable value from a seed the host program sets.
 */
public final class DeviceIdentity {

    /** The longest unique ID of any supported chip, in bytes; the array given must hold this many. */
    public static final int MAX_LENGTH = 12;
    /** The array is null or shorter than {@link #MAX_LENGTH}. */
    public static final int ERROR_BAD_ARGUMENT = -2;
    /** The chip has no unique ID (the board file must give {@code mac.address}). */
    public static final int ERROR_NO_UNIQUE_ID = -4;

    private DeviceIdentity() {
    }

    /**
     * Copies the chip's unique ID into {@code id[0..n)}, in the order of its bytes in memory (the
     * ID's 32-bit words from the lowest address, each least significant byte first).
     *
     * @param id at least {@link #MAX_LENGTH} bytes
     * @return n, the ID's length in bytes (12 or 8), or {@link #ERROR_BAD_ARGUMENT} or
     *         {@link #ERROR_NO_UNIQUE_ID}
     */
    public static native int uniqueId(byte[] id);
}
