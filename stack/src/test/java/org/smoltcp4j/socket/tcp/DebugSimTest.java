package org.smoltcp4j.socket.tcp;

import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.tcp.TcpSimulation.Scenario;
import org.smoltcp4j.wire.*;

class DebugSimTest {
    @Test
    void debug() {
        String[] a = System.getProperty("dbg").split(",");
        Scenario s = new Scenario("dbg", Integer.parseInt(a[0]), Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]),
                1000, Long.parseLong(a[4]) * 1000, Integer.parseInt(a[5]), a[6].equals("1"), a[7].equals("1"), Integer.parseInt(a[8]), Long.parseLong(a[9]));
        TcpSimulation sim = new TcpSimulation(s);
        ArrayDeque<String> log = new ArrayDeque<>();
        int keep = Integer.getInteger("dbg.keep", 60);
        sim.wire.setTap((from, now, buf, off, len) -> {
            sim.wireInvariants.transmitted(from, now, buf, off, len);
            EthernetFrame e = new EthernetFrame().wrap(buf, off, len);
            StringBuilder sb = new StringBuilder().append(now / 1000).append("ms ").append(from == 0 ? "C>" : "S>").append(' ');
            if (e.etherType() == EtherType.IPV4) {
                Ipv4Packet ip = new Ipv4Packet().wrap(buf, e.payloadOffset(), e.payloadLength());
                TcpPacket p = new TcpPacket().wrap(buf, ip.payloadOffset(), ip.payloadLength());
                TcpRepr r = new TcpRepr();
                r.parseIpv4(p, ip.source(), ip.destination(), false);
                r.appendTo(sb);
            } else sb.append("ethertype ").append(e.etherType());
            log.add(sb.toString());
            if (log.size() > keep) log.poll();
        });
        try {
            sim.run(3_600_000_000L);
            System.out.println("OK " + sim.progress());
        } catch (Throwable t) {
            log.forEach(System.out::println);
            System.out.println(t);
        }
    }
}
