package org.smoltcp4j.hal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.NetworkInterface;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Needs root: a namespace of our own, with a TAP whose Linux side is configured there and only there. */
class PrivateNamespaceTest {

    @Test
    void tapIsConfiguredInsideAndInvisibleOutside() throws Exception {
        String name;
        try (PrivateNamespace namespace = PrivateNamespace.create("test");
                TapInterface tap = namespace.openTap("s4jpns%d", 1400, true, KernelPeer.PEER_MAC, KernelPeer.PEER_IP, 24)) {
            name = tap.name();
            assertTrue(tap.offload());
            assertEquals(1414, tap.capabilities().mtu());
            assertEquals(0xffff, tap.capabilities().tcpSegmentationLimit());
            List<Object> inside = namespace.call(() -> {
                NetworkInterface link = NetworkInterface.getByName(name);
                List<String> addresses = link.getInterfaceAddresses().stream()
                        .map(a -> a.getAddress().getHostAddress() + "/" + a.getNetworkPrefixLength()).collect(Collectors.toList());
                return List.of(link.isUp(), link.getMTU(), List.of(link.getHardwareAddress()[0], link.getHardwareAddress()[5]), addresses);
            });
            assertEquals(List.of(true, 1400, List.of((byte) 2, (byte) 0x64), List.of("192.168.69.100/24")), inside, "up, MTU, MAC 02:..:64, address");
            assertNull(NetworkInterface.getByName(name), "the TAP is not in the machine's namespace");
            InetAddress linux = InetAddress.getByName("192.168.69.100");
            assertTrue(namespace.call(() -> {
                try (ServerSocket bound = new ServerSocket(0, 1, linux)) {
                    return bound.isBound();
                }
            }), "the address is Linux's inside the namespace");
            assertThrows(BindException.class, () -> new ServerSocket(0, 1, linux).close(), "and nobody's outside");
        }
        assertNull(NetworkInterface.getByName(name));
    }

    @Test
    void aTaskFailureReachesTheCaller() throws Exception {
        try (PrivateNamespace namespace = PrivateNamespace.create("fail")) {
            IOException failure = assertThrows(IOException.class, () -> namespace.call(() -> {
                throw new IOException("inside");
            }));
            assertEquals("inside", failure.getMessage());
            IOException badName = assertThrows(IOException.class,
                    () -> namespace.openTap("s4j/bad", 1500, false, KernelPeer.PEER_MAC, KernelPeer.PEER_IP, 24));
            assertTrue(badName.getMessage().startsWith("cannot create TAP interface 's4j/bad'"), badName.getMessage());
            IllegalArgumentException badPrefix = assertThrows(IllegalArgumentException.class,
                    () -> namespace.openTap("s4jpns%d", 1500, false, KernelPeer.PEER_MAC, KernelPeer.PEER_IP, 33));
            assertEquals("prefix length must be 0..32, got 33", badPrefix.getMessage());
        }
    }
}
