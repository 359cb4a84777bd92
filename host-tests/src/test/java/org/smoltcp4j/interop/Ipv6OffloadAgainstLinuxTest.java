package org.smoltcp4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoltcp4j.socket.TcpSocket;

/**
 * TCP over IPv6 against Linux on a TAP with offload (virtio-net header): our segments leave with
 * the pseudo-header sum for the kernel to complete from after the IPv6 header (without the
 * header's request the kernel would drop them, their checksum undone), Linux's arrive with
 * partial sums or vouched for.
 */
class Ipv6OffloadAgainstLinuxTest {

    private static final int BUFFER = 16 * 1024;

    @TempDir
    Path directory;
    private LinuxPeer peer;

    @BeforeEach
    void startPeer() throws Exception {
        peer = LinuxPeer.startWithIpv6AndOffload(directory, 4);
    }

    @AfterEach
    void closePeer() throws Exception {
        peer.close();
    }

    /** 60 kB each way, through windows of 16 KiB. */
    @Test
    void ourTcpClientTalksToLinuxOverIpv6() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int line = 0; text.length() < 60_000; line++) {
            text.append("line ").append(line).append(" over ipv6 with offload\n");
        }
        TcpSocket client = new TcpSocket(BUFFER, BUFFER, 3);
        assertEquals(text.toString().toUpperCase(), Ipv6AgainstLinuxTest.upperCasedByLinux(peer, client, text.toString()));
    }
}
