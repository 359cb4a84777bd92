package org.smoltcp4j.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.phy.DeviceCapabilities;
import org.smoltcp4j.phy.Medium;
import org.smoltcp4j.phy.PcapFormat;
import org.smoltcp4j.testing.TestingDevice;
import org.smoltcp4j.testing.Tshark;
import org.smoltcp4j.wire.Ipv4Address;

class InterfaceSmokeTest {

    @Test
    void answersArpPingAndClosedPorts(@TempDir Path dir) throws Exception {
        TestingDevice device = new TestingDevice(new DeviceCapabilities(Medium.ETHERNET, 1514, 0));
        Interface iface = new Interface(new InterfaceConfig().mldReports(false).hardwareAddress(0x0200_0000_0002L), device.capabilities());
        iface.addIpv4Address(Ipv4Address.of(10, 0, 0, 2), 24);
        SocketSet sockets = new SocketSet(1);
        HexFormat hex = HexFormat.of();
        // ARP who-has 10.0.0.2 tell 10.0.0.1, ICMP echo request, UDP to a closed port (from scapy).
        device.inject(hex.parseHex("ffffffffffff02000000000108060001080006040001020000000001 0a000001 000000000000 0a000002".replace(" ", "")));
        device.inject(hex.parseHex("02000000000202000000000108004500002400010000400166d60a0000010a0000020800542f123400076162636465666768"));
        device.inject(hex.parseHex("02000000000202000000000108004500002100010000401166c90a0000010a00000200010002000da7fc68656c6c6f"));
        iface.poll(0, device, sockets);
        List<byte[]> out = device.drainTransmitted();
        assertEquals(3, out.size());
        List<String[]> rows = Tshark.judge(dir.resolve("smoke.pcap"), PcapFormat.LINKTYPE_ETHERNET, out,
                "arp.opcode", "icmp.type", "icmp.code", "ip.dst");
        assertEquals(List.of("2", "", "", ""), List.of(rows.get(0)));
        assertEquals(List.of("", "0", "0", "10.0.0.1"), List.of(rows.get(1)));
        assertEquals(List.of("", "3", "3", "10.0.0.1,10.0.0.2"), List.of(rows.get(2)));
    }
}
