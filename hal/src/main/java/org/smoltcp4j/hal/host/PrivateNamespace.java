package org.smoltcp4j.hal.host;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of our own, without a name: one thread that called
 * {@code unshare(CLONE_NEWNET)} and runs the tasks given to it inside the new namespace. Sockets
 * and TAP devices those tasks open belong to the namespace and keep working from any thread.
 *
 * <p>The kernel deletes such a namespace (and the TAP devices in it) as soon as nothing refers to
 * it any more: when the thread has ended and the descriptors opened in it are closed, whether by
 * {@link #close()}, by the JVM's exit on Ctrl-C, or by the process being killed. Nothing is left
 * behind, unlike a namespace made with {@code ip netns add}. This is how a host tool puts a Linux
 * peer next to our stack without configuring any address in the machine's own namespace (design.md
 * section 6). Needs CAP_SYS_ADMIN and CAP_NET_ADMIN.
 */
public final class PrivateNamespace implements AutoCloseable {

    private static final long STOP_SECONDS = 5;

    private final ExecutorService thread;

    private PrivateNamespace(ExecutorService thread) {
        this.thread = thread;
    }

    /** Starts the namespace's thread (named {@code netns-<purpose>}) and enters a fresh namespace with it. */
    public static PrivateNamespace create(String purpose) throws IOException {
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "netns-" + purpose);
            t.setDaemon(true);
            return t;
        });
        PrivateNamespace namespace = new PrivateNamespace(thread);
        try {
            namespace.call(() -> {
                if (LibC.unshare(LibC.CLONE_NEWNET) < 0) {
                    throw new IOException(Errno.describe("cannot create a network namespace", LibC.errno(),
                            "creating a network namespace needs CAP_SYS_ADMIN (run as root)"));
                }
                return null;
            });
        } catch (IOException | RuntimeException e) {
            namespace.close();
            throw e;
        } catch (Exception e) {
            namespace.close();
            throw new IOException("cannot create a network namespace", e);
        }
        return namespace;
    }

    /** Runs {@code task} on the namespace's thread, after the tasks before it, and waits for its result. */
    public <T> T call(Callable<T> task) throws Exception {
        try {
            return submit(task).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        }
    }

    /** Queues {@code task} for the namespace's thread and returns at once. */
    public <T> Future<T> submit(Callable<T> task) {
        return thread.submit(task);
    }

    /**
     * Opens a TAP device inside the namespace (name pattern {@code name}, IP MTU {@code ipMtu}) and
     * gives its Linux side the MAC {@code linuxMac} and the address {@code linuxAddress/prefixLength},
     * up. The returned device is our side of the link; {@code offload} as {@link TapInterface#open(String, int, boolean)}.
     */
    public TapInterface openTap(String name, int ipMtu, boolean offload, long linuxMac, int linuxAddress, int prefixLength)
            throws IOException {
        try {
            return call(() -> {
                TapInterface tap = TapInterface.open(name, ipMtu, offload);
                try {
                    InterfaceRequest.setHardwareAddress(tap.name(), linuxMac);
                    InterfaceRequest.setIpv4Address(tap.name(), linuxAddress, prefixLength);
                    InterfaceRequest.bringUp(tap.name());
                } catch (IOException | RuntimeException e) {
                    tap.close();
                    throw e;
                }
                return tap;
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot open a TAP device in the namespace", e);
        }
    }

    /**
     * Ends the thread (interrupting a running task) and waits for it; the namespace goes away
     * when the last descriptor opened in it is closed too.
     */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
