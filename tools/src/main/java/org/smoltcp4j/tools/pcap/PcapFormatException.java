package org.smoltcp4j.tools.pcap;

import java.io.IOException;

/** The file is not a pcap/pcapng capture, or is damaged; the message says what and where. */
public final class PcapFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public PcapFormatException(String message) {
        super(message);
    }
}
