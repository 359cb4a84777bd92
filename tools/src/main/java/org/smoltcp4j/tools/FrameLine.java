package org.smoltcp4j.tools;

import java.io.PrintWriter;

import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.wire.FramePrinter;
import org.smoltcp4j.wire.Hex;

/**
 * One printed line per frame, as {@code decode} and {@code tcpdump} show them:
 * {@code <number> <seconds since the first frame> <every layer>}, and optionally a hex dump.
 */
final class FrameLine {

    private final FramePrinter printer = new FramePrinter();
    private final StringBuilder line = new StringBuilder(512);
    private long firstTimestamp = Long.MIN_VALUE;

    /** Formats a frame of pcap link type {@code linkType} received at {@code micros}. */
    String format(long number, long micros, int linkType, byte[] buf, int off, int len) {
        if (firstTimestamp == Long.MIN_VALUE) {
            firstTimestamp = micros;
        }
        line.setLength(0);
        line.append(number).append(' ');
        appendSeconds(micros - firstTimestamp).append(' ');
        switch (linkType) {
            case PcapFormat.LINKTYPE_ETHERNET:
                printer.appendEthernet(buf, off, len, line);
                break;
            case PcapFormat.LINKTYPE_RAW:
                printer.appendIp(buf, off, len, line);
                break;
            case PcapFormat.LINKTYPE_IEEE802_15_4_NOFCS:
                printer.appendIeee802154(buf, off, len, line);
                break;
            default:
                line.append("link type ").append(linkType).append(" is not decoded");
        }
        return line.toString();
    }

    /** Prints {@code len} bytes as rows of 16 hex bytes, each prefixed by its offset. */
    static void printHex(PrintWriter out, byte[] buf, int off, int len) {
        StringBuilder row = new StringBuilder(80);
        for (int at = 0; at < len; at += 16) {
            row.setLength(0);
            Hex.append(row.append("  "), at, 4).append("  ");
            Hex.appendBytes(row, buf, off + at, Math.min(16, len - at), ' ');
            out.println(row);
        }
    }

    private StringBuilder appendSeconds(long micros) {
        line.append(micros / 1_000_000).append('.');
        long fraction = micros % 1_000_000;
        for (long digit = 100_000; digit > 0; digit /= 10) {
            line.append((char) ('0' + (fraction / digit) % 10));
        }
        return line;
    }
}
