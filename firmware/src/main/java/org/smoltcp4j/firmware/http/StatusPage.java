package org.smoltcp4j.firmware.http;

import org.smoltcp4j.firmware.Boot;
import org.smoltcp4j.firmware.app.TcpSink;
import org.smoltcp4j.iface.Counters;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.Ipv4Routing;
import org.smoltcp4j.iface.Ipv6Routing;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.socket.Socket;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.UdpSocket;
import org.smoltcp4j.wire.Ipv6Address;

/**
 * The content of the status page of a network appliance: board name, uptime, link and IP addresses (IPv4 and IPv6), the
 * interface's per-reason counters and a table of the sockets, rendered as HTML or as JSON into a
 * {@link TextSink}. Reads the live objects; builds no String.
 */
public final class StatusPage {

    private final String boardName;
    private final long bootMicros;
    private final Interface iface;
    private final Socket[] sockets;
    /** The TCP sink whose received bytes the page shows, or null when the board runs none. */
    private final TcpSink sink;

    /**
     * A page without an application section.
     *
     * @param boardName  shown as the page title (ASCII)
     * @param bootMicros the time the firmware booted, for the uptime
     * @param sockets    the sockets to list, in table order (copied)
     */
    public StatusPage(String boardName, long bootMicros, Interface iface, Socket[] sockets) {
        this(boardName, bootMicros, iface, sockets, null);
    }

    /**
     * A page that also shows how many bytes the TCP sink (port {@link Boot#PORT_SINK}) received,
     * so a client can check that all it sent arrived.
     *
     * @param sink the tcp-sink application, or null when the board runs none
     */
    public StatusPage(String boardName, long bootMicros, Interface iface, Socket[] sockets, TcpSink sink) {
        if (boardName == null || iface == null || sockets == null) {
            throw new NullPointerException("boardName, iface and sockets must not be null");
        }
        this.boardName = boardName;
        this.bootMicros = bootMicros;
        this.iface = iface;
        this.sockets = new Socket[sockets.length];
        System.arraycopy(sockets, 0, this.sockets, 0, sockets.length);
        this.sink = sink;
    }

    /**
     * Renders the HTML page at time {@code now}: compact (optional end tags left out, counters at
     * zero left out) so it fits the few kilobytes of a small board's send buffer.
     */
    public void renderHtml(TextSink out, long now, long httpRequests) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .appendHtml(boardName).append(" - smoltcp4j</title>\n<style>")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}")
                .append("table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #bbb;padding:2px 8px;text-align:left}")
                .append("</style></head>\n<body><h1>").appendHtml(boardName).append("</h1>\n<p>smoltcp4j firmware, up ");
        appendUptime(out, now - bootMicros);
        out.append(", ").append(httpRequests).append(" HTTP responses sent\n<h2>Interface</h2>\n<table><tr><th>");
        if (onRadio()) {
            out.append("802.15.4<td>").appendExtendedAddress(iface.config().hardwareAddress()).append('\n');
        } else {
            out.append("MAC<td>").appendMac(iface.config().hardwareAddress()).append('\n');
        }
        Ipv4Routing routing = iface.routing();
        for (int i = 0; i < routing.addressCount(); i++) {
            out.append("<tr><th>IPv4<td>").appendIpv4(routing.address(i)).append('/').append(routing.prefixLength(i)).append('\n');
        }
        Ipv6Routing routing6 = iface.ipv6Routing();
        for (int i = 0; i < routing6.addressCount(); i++) {
            out.append("<tr><th>IPv6<td>").appendIpv6(routing6.addressHigh(i), routing6.addressLow(i)).append('/')
                    .append(routing6.prefixLength(i)).append('\n');
        }
        out.append("</table>\n");
        if (sink != null) {
            out.append("<h2>Applications</h2>\n<p>TCP sink (port ").append(Boot.PORT_SINK).append("): ").append(sink.bytesReceived())
                    .append(" bytes received\n");
        }
        out.append("<h2>Sockets</h2>\n<table><tr><th>#<th>type<th>state<th>local port<th>remote<th>rx queue<th>tx queue\n");
        for (int i = 0; i < sockets.length; i++) {
            out.append("<tr><td>").append(i).append("<td>").append(typeName(sockets[i])).append("<td>")
                    .append(stateName(sockets[i])).append("<td>").append(localPort(sockets[i])).append("<td>");
            appendRemote(out, sockets[i]);
            out.append("<td>").append(recvQueue(sockets[i])).append("<td>").append(sendQueue(sockets[i])).append('\n');
        }
        out.append("</table>\n<h2>Counters</h2>\n<table><tr><th>counter<th>value\n");
        Counters counters = iface.counters();
        int zero = 0;
        for (int i = 0; i < Counters.COUNT; i++) {
            long value = counters.get(i);
            if (value == 0) {
                zero++;
            } else {
                out.append("<tr><td>").append(Counters.name(i)).append("<td>").append(value).append('\n');
            }
        }
        out.append("</table>\n<p>").append(zero).append(" counters at zero not shown; all are in <a href=\"/status.json\">status.json</a>\n")
                .append("</body></html>\n");
    }

    /** Renders the same content as one JSON object. */
    public void renderJson(TextSink out, long now, long httpRequests) {
        out.append("{\"board\":").appendJsonString(boardName).append(",\"uptime_ms\":").append((now - bootMicros) / 1000)
                .append(",\"http_requests\":").append(httpRequests);
        if (onRadio()) {
            out.append(",\"extended_address\":\"").appendExtendedAddress(iface.config().hardwareAddress());
        } else {
            out.append(",\"mac\":\"").appendMac(iface.config().hardwareAddress());
        }
        out.append("\",\"ipv4\":[");
        Ipv4Routing routing = iface.routing();
        for (int i = 0; i < routing.addressCount(); i++) {
            out.append(i == 0 ? "\"" : ",\"").appendIpv4(routing.address(i)).append('/').append(routing.prefixLength(i)).append('"');
        }
        out.append("],\"ipv6\":[");
        Ipv6Routing routing6 = iface.ipv6Routing();
        for (int i = 0; i < routing6.addressCount(); i++) {
            out.append(i == 0 ? "\"" : ",\"").appendIpv6(routing6.addressHigh(i), routing6.addressLow(i)).append('/')
                    .append(routing6.prefixLength(i)).append('"');
        }
        out.append(']');
        if (sink != null) {
            out.append(",\"tcp_sink\":{\"port\":").append(Boot.PORT_SINK).append(",\"bytes_received\":").append(sink.bytesReceived())
                    .append('}');
        }
        out.append(",\n\"counters\":{");
        Counters counters = iface.counters();
        for (int i = 0; i < Counters.COUNT; i++) {
            out.append(i == 0 ? "\"" : ",\"").append(Counters.name(i)).append("\":").append(counters.get(i));
        }
        out.append("},\n\"sockets\":[");
        for (int i = 0; i < sockets.length; i++) {
            out.append(i == 0 ? "\n" : ",\n").append("{\"type\":\"").append(typeName(sockets[i])).append("\",\"state\":\"")
                    .append(stateName(sockets[i])).append("\",\"local_port\":").append(localPort(sockets[i]))
                    .append(",\"remote\":\"");
            appendRemote(out, sockets[i]);
            out.append("\",\"rx_queue\":").append(recvQueue(sockets[i])).append(",\"tx_queue\":")
                    .append(sendQueue(sockets[i])).append('}');
        }
        out.append("]}\n");
    }

    /** Whether the link is IEEE 802.15.4, whose hardware address is the 64-bit extended address. */
    private boolean onRadio() {
        return iface.capabilities().medium() == Medium.IEEE802154;
    }

    private static void appendUptime(TextSink out, long micros) {
        long seconds = micros / 1000000L;
        if (seconds >= 3600) {
            out.append(seconds / 3600).append(" h ");
        }
        if (seconds >= 60) {
            out.append(seconds / 60 % 60).append(" min ");
        }
        out.append(seconds % 60).append(" s");
    }

    private static String typeName(Socket socket) {
        switch (socket.type()) {
            case Socket.TYPE_TCP:
                return "tcp";
            case Socket.TYPE_UDP:
                return "udp";
            case Socket.TYPE_ICMP:
                return "icmp";
            default:
                return "raw";
        }
    }

    private static String stateName(Socket socket) {
        if (socket instanceof TcpSocket) {
            return TcpSocket.stateName(((TcpSocket) socket).state());
        }
        if (socket instanceof UdpSocket) {
            return ((UdpSocket) socket).isOpen() ? "BOUND" : "CLOSED";
        }
        return "-";
    }

    private static int localPort(Socket socket) {
        if (socket instanceof TcpSocket) {
            return ((TcpSocket) socket).localPort();
        }
        if (socket instanceof UdpSocket) {
            return ((UdpSocket) socket).endpointPort();
        }
        return 0;
    }

    private static void appendRemote(TextSink out, Socket socket) {
        if (socket instanceof TcpSocket && ((TcpSocket) socket).isConnected()) {
            TcpSocket tcp = (TcpSocket) socket;
            if (Ipv6Address.isIpv4Mapped(tcp.remoteAddressHigh(), tcp.remoteAddressLow())) {
                out.appendIp(tcp.remoteAddressHigh(), tcp.remoteAddressLow()).append(':').append(tcp.remotePort());
            } else {
                // RFC 5952 section 6: an IPv6 address with a port is written in brackets.
                out.append('[').appendIpv6(tcp.remoteAddressHigh(), tcp.remoteAddressLow()).append("]:").append(tcp.remotePort());
            }
        } else {
            out.append('-');
        }
    }

    private static int recvQueue(Socket socket) {
        return socket instanceof TcpSocket ? ((TcpSocket) socket).recvQueue() : 0;
    }

    private static int sendQueue(Socket socket) {
        return socket instanceof TcpSocket ? ((TcpSocket) socket).sendQueue() : 0;
    }
}
