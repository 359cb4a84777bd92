package org.smoltcp4j.phy;

/**
 * Where a {@link PcapWriter} puts the capture: a file, a serial line, a buffer in RAM. Methods do
 * not throw checked exceptions, so a failing capture cannot stop the network; a sink that can fail
 * keeps the failure for the application to read (see {@link OutputStreamPcapSink}).
 */
public interface PcapSink {

    /** Appends {@code buf[off .. off + len)}. */
    void write(byte[] buf, int off, int len);

    /** Pushes what was written to its destination. */
    void flush();
}
