package org.smoltcp4j.phy;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A {@link PcapSink} writing to an {@link OutputStream}. The first {@link IOException} stops the
 * capture: it is kept for {@link #failure()} and later writes are skipped, so the network goes on
 * without its capture instead of failing.
 */
public final class OutputStreamPcapSink implements PcapSink {

    private final OutputStream out;
    private IOException failure;

    public OutputStreamPcapSink(OutputStream out) {
        if (out == null) {
            throw new NullPointerException("OutputStreamPcapSink: stream is null");
        }
        this.out = out;
    }

    public void write(byte[] buf, int off, int len) {
        if (failure != null) {
            return;
        }
        try {
            out.write(buf, off, len);
        } catch (IOException e) {
            failure = e;
        }
    }

    public void flush() {
        if (failure != null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** The error that stopped the capture, or null while it runs. */
    public IOException failure() {
        return failure;
    }
}
