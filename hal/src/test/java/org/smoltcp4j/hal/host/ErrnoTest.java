package org.smoltcp4j.hal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The errno-to-message mapping, including cases (no permission) the root test run cannot provoke. */
class ErrnoTest {

    private static final String TUN_PERMISSION = "opening /dev/net/tun needs CAP_NET_ADMIN (run as root)";

    @Test
    void permissionErrorsSayWhatIsNeeded() {
        assertEquals("cannot open /dev/net/tun: opening /dev/net/tun needs CAP_NET_ADMIN (run as root) (EACCES 13)",
                Errno.describe("cannot open /dev/net/tun", Errno.EACCES, TUN_PERMISSION));
        assertEquals("cannot create TAP interface 'tap0': opening /dev/net/tun needs CAP_NET_ADMIN (run as root) (EPERM 1)",
                Errno.describe("cannot create TAP interface 'tap0'", Errno.EPERM, TUN_PERMISSION));
    }

    @Test
    void otherErrorsAreExplainedAndNamed() {
        assertEquals("x: device busy (another process has it open, or it exists with other flags) (EBUSY 16)",
                Errno.describe("x", Errno.EBUSY, TUN_PERMISSION));
        assertEquals("x: no such interface (ENODEV 19)", Errno.describe("x", Errno.ENODEV, TUN_PERMISSION));
        assertEquals("x: no such interface (ENXIO 6)", Errno.describe("x", Errno.ENXIO, TUN_PERMISSION));
        assertEquals("x: no such file or directory (ENOENT 2)", Errno.describe("x", Errno.ENOENT, TUN_PERMISSION));
        assertEquals("x: failed (ENOBUFS 105)", Errno.describe("x", Errno.ENOBUFS, TUN_PERMISSION));
        assertEquals("x: failed (errno 200)", Errno.describe("x", 200, TUN_PERMISSION));
    }

    @Test
    void everyListedErrnoHasItsName() {
        int[] values = {Errno.EPERM, Errno.ENOENT, Errno.EINTR, Errno.EIO, Errno.ENXIO, Errno.EBADF, Errno.EAGAIN, Errno.ENOMEM,
            Errno.EACCES, Errno.EBUSY, Errno.ENODEV, Errno.EINVAL, Errno.EMSGSIZE, Errno.EAFNOSUPPORT, Errno.ENETDOWN, Errno.ENOBUFS};
        String[] names = {"EPERM 1", "ENOENT 2", "EINTR 4", "EIO 5", "ENXIO 6", "EBADF 9", "EAGAIN 11", "ENOMEM 12",
            "EACCES 13", "EBUSY 16", "ENODEV 19", "EINVAL 22", "EMSGSIZE 90", "EAFNOSUPPORT 97", "ENETDOWN 100", "ENOBUFS 105"};
        for (int i = 0; i < values.length; i++) {
            assertEquals(names[i], Errno.name(values[i]));
        }
    }
}
