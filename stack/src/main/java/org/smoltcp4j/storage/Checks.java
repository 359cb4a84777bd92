package org.smoltcp4j.storage;

/**
 * Argument checks shared by the storage classes, so that every misuse is reported the same way:
 * an exception whose message names the parameter and the offending values.
 */
final class Checks {

    private Checks() {
    }

    /** Throws {@link IllegalArgumentException} unless {@code value >= 0}. */
    static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    /**
     * Throws unless {@code [off, off + len)} lies inside {@code array}: {@link NullPointerException}
     * for a null array, {@link IndexOutOfBoundsException} for a range outside it.
     */
    static void arrayRange(String name, byte[] array, int off, int len) {
        if (array == null) {
            throw new NullPointerException(name + " must not be null");
        }
        // Written so that off + len cannot overflow.
        if (off < 0 || len < 0 || len > array.length - off) {
            throw new IndexOutOfBoundsException(name + " range off=" + off + " len=" + len
                    + " is outside an array of length " + array.length);
        }
    }
}
