package org.smoltcp4j.hal;

/**
 * Names of the negative status codes the drivers' natives share ({@link EthernetMac},
 * {@link Ieee802154Radio}: the same values mean the same thing), for the messages of the
 * exceptions the device adapters throw when a driver fails to start.
 */
final class NativeStatus {

    private NativeStatus() {
    }

    /** {@code status} with its name and meaning, e.g. "ERROR_HARDWARE (-3): the hardware does not respond". */
    static String describe(int status) {
        switch (status) {
            case EthernetMac.ERROR_NOT_INITIALISED:
                return "ERROR_NOT_INITIALISED (" + status + "): the driver is not initialised";
            case EthernetMac.ERROR_BAD_ARGUMENT:
                return "ERROR_BAD_ARGUMENT (" + status + "): the driver refused an argument";
            case EthernetMac.ERROR_HARDWARE:
                return "ERROR_HARDWARE (" + status + "): the hardware does not respond";
            default:
                return "unknown status " + status;
        }
    }

    /** Throws, naming {@code call} and the status, unless {@code status} is 0 (STATUS_OK). */
    static void checkStarted(String call, int status) {
        if (status != EthernetMac.STATUS_OK) {
            throw new IllegalStateException(call + " failed: " + describe(status));
        }
    }
}
