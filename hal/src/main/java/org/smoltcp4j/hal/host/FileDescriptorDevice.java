package org.smoltcp4j.hal.host;

import com.sun.jna.Memory;
import org.smoltcp4j.phy.DeviceCapabilities;

/**
 * A host device behind a non-blocking Linux file descriptor that reads and writes one frame per
 * call (a TUN/TAP device, a packet socket). Reads and writes go through JNA via native buffers
 * allocated here, so each frame is copied once between native memory and the device's Java buffer
 * and nothing is allocated. Errors other than "nothing waiting" are counted, not thrown: a frame
 * whose write fails (the kernel refuses it, e.g. a TUN packet that is not IP) is lost, as on a wire.
 *
 * <p>Room to transmit costs no system call per frame: a write is simply tried. When the kernel has
 * no room for it (EAGAIN, ENOBUFS) or the interface is down (EIO: a TUN/TAP that is down is not
 * writable), the frame is kept and sent again before the next one, and {@link #prepareTransmit}
 * returns false until it has gone.
 */
public abstract class FileDescriptorDevice extends BufferedDevice implements AutoCloseable {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final String name;
    /** One struct pollfd and one struct timespec, reused by every poll. */
    private final int[] pollDescriptor = new int[2];
    private final long[] pollTimeout = new long[2];
    private final Memory receiveNative;
    private final Memory transmitNative;
    private int fd;
    /** Length of a frame in {@link #transmitNative} that the kernel had no room for yet, else 0. */
    private int unsentLength;
    private long receiveErrors;
    private long transmitErrors;
    private int lastErrno;

    FileDescriptorDevice(int fd, String name, DeviceCapabilities capabilities) {
        this(fd, name, capabilities, capabilities.mtu(), 0);
    }

    /** See {@link BufferedDevice#BufferedDevice(String, DeviceCapabilities, int, int)}. */
    FileDescriptorDevice(int fd, String name, DeviceCapabilities capabilities, int largestReceived, int headerRoom) {
        super(name, capabilities, largestReceived, headerRoom);
        this.fd = fd;
        this.name = name;
        this.receiveNative = new Memory(receiveBuffer().length);
        this.transmitNative = new Memory(transmitBuffer().length);
    }

    /** Sets O_NONBLOCK on {@code fd}; returns false (errno set) on failure. */
    static boolean setNonBlocking(int fd) {
        int flags = LibC.fcntl(fd, LibC.F_GETFL, 0);
        return flags >= 0 && LibC.fcntl(fd, LibC.F_SETFL, flags | LibC.O_NONBLOCK) >= 0;
    }

    /** The interface's name (as the kernel assigned it, for a TUN/TAP opened with a pattern). */
    public final String name() {
        return name;
    }

    /**
     * Waits until a frame can be read or {@code timeoutMicros} has passed; returns whether one can.
     * This is the host's stand-in for sleeping until a device event.
     */
    public final boolean waitReadable(long timeoutMicros) {
        if (timeoutMicros < 0) {
            throw new IllegalArgumentException("timeout must be >= 0 microseconds, got " + timeoutMicros);
        }
        return poll(LibC.POLLIN, timeoutMicros);
    }

    /** Frames that could not be read because of an error (not counting "nothing waiting"). */
    public final long receiveErrors() {
        return receiveErrors;
    }

    /** Frames lost because the write failed. */
    public final long transmitErrors() {
        return transmitErrors;
    }

    /** The errno of the last counted error, 0 if none. */
    public final int lastErrno() {
        return lastErrno;
    }

    /** Closes the descriptor; a TUN/TAP interface that is not persistent disappears with it. */
    @Override
    public final void close() {
        if (fd >= 0) {
            LibC.close(fd);
            fd = -1;
        }
    }

    @Override
    final int readFrame(long now, byte[] into) {
        long length = LibC.read(openFd(), receiveNative, into.length);
        if (length > 0) {
            receiveNative.read(0, into, 0, (int) length);
            return (int) length;
        }
        if (length < 0) {
            int errno = LibC.errno();
            if (errno != Errno.EAGAIN && errno != Errno.EINTR) {
                receiveErrors++;
                lastErrno = errno;
            }
        }
        return 0;
    }

    @Override
    final void writeFrame(long now, byte[] from, int length) {
        transmitNative.write(0, from, 0, length);
        unsentLength = length;
        sendUnsent();
    }

    /** Room to send: none while a frame the kernel refused for lack of room still waits. */
    @Override
    final boolean canTransmit(long now) {
        return unsentLength == 0 || sendUnsent();
    }

    /** Writes the waiting frame; returns false, keeping it, when the kernel has no room now. */
    private boolean sendUnsent() {
        long written = LibC.write(openFd(), transmitNative, unsentLength);
        if (written < 0) {
            int errno = LibC.errno();
            if (errno == Errno.EAGAIN || errno == Errno.ENOBUFS || errno == Errno.EIO || errno == Errno.EINTR) {
                return false;
            }
            transmitErrors++;
            lastErrno = errno;
        } else if (written != unsentLength) {
            transmitErrors++;
            lastErrno = Errno.EMSGSIZE;
        }
        unsentLength = 0;
        return true;
    }

    private boolean poll(short event, long timeoutMicros) {
        pollDescriptor[0] = openFd();
        pollDescriptor[1] = event;
        pollTimeout[0] = timeoutMicros / MICROS_PER_SECOND;
        pollTimeout[1] = (timeoutMicros % MICROS_PER_SECOND) * 1000;
        int ready = LibC.ppoll(pollDescriptor, 1, pollTimeout, null);
        return ready > 0 && ((pollDescriptor[1] >>> 16) & event) != 0;
    }

    private int openFd() {
        if (fd < 0) {
            throw new IllegalStateException("device " + name + " is closed");
        }
        return fd;
    }
}
