package org.smoltcp4j.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.smoltcp4j.socket.TcpSocket;

/**
 * Our ends of a bulk transfer, run on the poll loop with the in-place buffer API: a
 * {@link Source} that sends a deterministic pattern and then closes, a {@link Sink} that hashes
 * what it receives (SHA-256) and closes after the peer's FIN. The pattern is known to the test, so
 * its hash can be computed off the loop ({@link #patternSha256}) or written to a file for Linux.
 */
final class BulkEndpoints {

    private static final int CHUNK = 64 * 1024;

    private BulkEndpoints() {
    }

    /** The pattern's byte at {@code position}: a mixed counter, with no short period. */
    static byte patternByte(long position) {
        long x = position * 0x9E3779B97F4A7C15L;
        return (byte) (x >>> 56 ^ x >>> 29);
    }

    /** SHA-256, in lowercase hex as sha256sum prints it, of the first {@code length} pattern bytes. */
    static String patternSha256(long length) {
        MessageDigest digest = sha256();
        byte[] chunk = new byte[CHUNK];
        for (long at = 0; at < length; at += CHUNK) {
            int n = (int) Math.min(CHUNK, length - at);
            fill(chunk, 0, n, at);
            digest.update(chunk, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Writes the first {@code length} pattern bytes to {@code file}. */
    static Path writePattern(Path file, long length) throws IOException {
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long at = 0; at < length; at += CHUNK) {
                int n = (int) Math.min(CHUNK, length - at);
                fill(chunk, 0, n, at);
                out.write(chunk, 0, n);
            }
        }
        return file;
    }

    private static void fill(byte[] buffer, int off, int length, long position) {
        for (int i = 0; i < length; i++) {
            buffer[off + i] = patternByte(position + i);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Sends the first {@code length} pattern bytes, then closes its sending half. */
    static final class Source {
        private final TcpSocket socket;
        private final long length;
        private volatile long queued;
        private boolean closed;

        Source(TcpSocket socket, long length) {
            this.socket = socket;
            this.length = length;
        }

        void step() {
            int room;
            while (queued < length && (room = socket.sendWindowLength()) > 0) {
                int n = (int) Math.min(room, length - queued);
                fill(socket.sendBuffer(), socket.sendWindowStart(), n, queued);
                if (socket.commitSend(n) != n) {
                    return; // not open for sending (reset): the test sees the transfer stall
                }
                queued += n;
            }
            if (queued == length && !closed) {
                socket.close();
                closed = true;
            }
        }

        /** Bytes handed to the socket so far (readable from any thread). */
        long queued() {
            return queued;
        }
    }

    /** Hashes everything received until the peer's FIN, then closes. */
    static final class Sink {
        private final TcpSocket socket;
        private final MessageDigest digest = BulkEndpoints.sha256();
        private volatile long received;
        private volatile String sha256;

        Sink(TcpSocket socket) {
            this.socket = socket;
        }

        void step() {
            if (sha256 != null) {
                return;
            }
            int n;
            while ((n = socket.recvWindowLength()) > 0) {
                digest.update(socket.recvBuffer(), socket.recvWindowStart(), n);
                socket.commitRecv(n);
                received += n;
            }
            if (n == TcpSocket.FINISHED) {
                sha256 = HexFormat.of().formatHex(digest.digest());
                socket.close();
            }
        }

        /** Bytes received so far (readable from any thread). */
        long received() {
            return received;
        }

        /** The hash once the peer's FIN arrived, else null (readable from any thread). */
        String sha256() {
            return sha256;
        }
    }
}
