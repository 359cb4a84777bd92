package org.smoltcp4j.hal.host;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Runs a task inside a named network namespace (one created by {@code ip netns add}) on a dedicated
 * thread. setns(2) moves only the calling thread, so the JVM and its other threads stay where they
 * are, and the namespace is left when the thread ends. Sockets opened by the task belong to the
 * namespace and keep working from any thread afterwards: this is how a {@link RawSocket} is opened
 * on an interface inside a namespace without a helper process. Needs CAP_SYS_ADMIN.
 */
public final class NamespaceThread {

    private static final String NAMESPACE_DIRECTORY = "/var/run/netns/";
    private static final int O_RDONLY = 0;

    private NamespaceThread() {
    }

    /** Calls {@code task} inside namespace {@code namespace} and returns its result or rethrows its exception. */
    public static <T> T call(String namespace, Callable<T> task) throws Exception {
        if (namespace.isEmpty() || namespace.contains("/")) {
            throw new IllegalArgumentException("namespace must be a name under " + NAMESPACE_DIRECTORY + ", got '" + namespace + "'");
        }
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        Thread thread = new Thread(() -> {
            try {
                enter(namespace);
                result[0] = task.call();
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "netns-" + namespace);
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    private static void enter(String namespace) throws IOException {
        String path = NAMESPACE_DIRECTORY + namespace;
        int fd = LibC.open(path, O_RDONLY);
        if (fd < 0) {
            throw new IOException(Errno.describe("cannot open network namespace " + path, LibC.errno(), "permission denied"));
        }
        try {
            if (LibC.setns(fd, LibC.CLONE_NEWNET) < 0) {
                throw new IOException(Errno.describe("cannot enter network namespace " + namespace, LibC.errno(),
                        "entering a network namespace needs CAP_SYS_ADMIN (run as root)"));
            }
        } finally {
            LibC.close(fd);
        }
    }
}
