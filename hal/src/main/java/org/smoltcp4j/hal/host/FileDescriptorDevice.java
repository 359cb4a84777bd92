package org.smoltcp4j.hal.host;

import org.smoltcp4j.phy.DeviceCapabilities;

/**
 * A host device behind a non-blocking Linux file descriptor that reads and writes one frame per
 * call (a TUN/TAP device, a packet socket). Reads and writes go through JNA into the device's own
 * buffers and allocate nothing. Errors other than "nothing waiting" are counted, not thrown: a
 * frame whose write fails (the kernel refuses it, e.g. a TUN packet that is not IP) is lost, as on
 * a wire. Room to transmit is what poll(2) says; a TUN/TAP interface that is down is not writable,
 * so {@link #prepareTransmit} returns false until it comes up.
 */
public abstract class FileDescriptorDevice extends BufferedDevice implements AutoCloseable {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final String name;
    /** One struct pollfd and one struct timespec, reused by every poll. */
    private final int[] pollDescriptor = new int[2];
    private final long[] pollTimeout = new long[2];
    private int fd;
    private long receiveErrors;
    private long transmitErrors;
    private int lastErrno;

    FileDescriptorDevice(int fd, String name, DeviceCapabilities capabilities) {
        super(name, capabilities);
        this.fd = fd;
        this.name = name;
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
        long length = LibC.read(openFd(), into, into.length);
        if (length > 0) {
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
        long written = LibC.write(openFd(), from, length);
        if (written != length) {
            transmitErrors++;
            lastErrno = written < 0 ? LibC.errno() : Errno.EMSGSIZE;
        }
    }

    /** Room to send is what poll(2) says: a full socket buffer returns false from prepareTransmit. */
    @Override
    final boolean canTransmit(long now) {
        return poll(LibC.POLLOUT, 0);
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
