package org.smoltcp4j.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.smoltcp4j.firmware.Boot;
import org.smoltcp4j.firmware.Firmware;
import org.smoltcp4j.firmware.board.BoardConfigException;
import org.smoltcp4j.firmware.board.BoardDescription;
import org.smoltcp4j.hal.HardwareTimer;
import org.smoltcp4j.hal.host.VirtualEthernetSegment;
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.iface.Interface;
import org.smoltcp4j.iface.InterfaceConfig;
import org.smoltcp4j.wire.Ipv4Address;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smoltcp4j sim}: the main job. Runs the firmware of a host board on the simulator (the
 * HAL mocks, its EthernetMac on a virtual Ethernet segment) and a second simulated host on the same
 * segment that exercises every application, then prints a report. No root, no real network.
 */
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        description = {"Run the firmware on the simulator with a second simulated host (192.168.69.100) that exercises"
                + " every application: ARP, ping, UDP 6969, TCP 6969-6972, the HTTP page and JSON, and a throughput run.",
            "Needs no root and touches no real network. --pcap and the fault options apply to the simulated host's port."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every exchange succeeded", "1:an exchange failed", "2:bad options or board"})
public final class SimCommand implements Callable<Integer> {

    static final int PEER_ADDRESS = Ipv4Address.of(192, 168, 69, 100);
    static final long PEER_MAC = 0x02_00_00_00_00_64L;

    @Spec
    private CommandSpec spec;

    @Option(names = "--board", paramLabel = "BOARD", defaultValue = "host-sim",
            description = "The board whose firmware runs (default ${DEFAULT-VALUE}); an Ethernet board with a fixed MAC.")
    private String board;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "2",
            description = "Length of the throughput run, half sending and half receiving (default ${DEFAULT-VALUE}).")
    private double seconds;

    @Mixin
    private DeviceOptions deviceOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String problem = deviceOptions.problem();
        if (problem == null && (seconds <= 0 || seconds > 3600)) {
            problem = "--seconds must be more than 0 and at most 3600, got " + seconds;
        }
        if (problem != null) {
            err.println("smoltcp4j sim: " + problem);
            return 2;
        }
        BoardDescription description;
        try {
            description = BoardCatalog.load(board);
        } catch (BoardCatalog.UnknownBoardException | BoardConfigException e) {
            err.println("smoltcp4j sim: " + e.getMessage());
            return 2;
        }
        VirtualEthernetSegment segment = new VirtualEthernetSegment(2, 0, 0, 1, 64);
        MockBackends.attachEthernet(segment.port(0));
        try (DeviceOptions.DeviceStack peerDevice = deviceOptions.wrap(segment.port(1), null)) {
            StringBuilder bootLog = new StringBuilder();
            Firmware firmware;
            try {
                firmware = Boot.build(description, Boot.openDevice(description), HardwareTimer.nowMicros(), bootLog);
            } catch (IllegalStateException e) {
                err.println("smoltcp4j sim: " + e.getMessage());
                return 2;
            }
            out.println("smoltcp4j sim: the firmware of " + description.name() + " at " + SimExchanges.ipv4(description.ipv4Address())
                    + " on a virtual Ethernet segment, with a simulated host at " + SimExchanges.ipv4(PEER_ADDRESS));
            out.print(bootLog.toString().replaceAll("(?m)^", "  | "));
            out.println();
            Interface peer = new Interface(new InterfaceConfig().hardwareAddress(PEER_MAC), peerDevice.device.capabilities());
            peer.addIpv4Address(PEER_ADDRESS, description.ipv4PrefixLength());
            SimulatedNetwork net = new SimulatedNetwork(firmware, peer, peerDevice.device,
                    () -> segment.port(0).queuedFrames() > 0 || segment.port(1).queuedFrames() > 0);
            return report(description, net, out);
        } catch (IOException e) {
            err.println("smoltcp4j sim: " + e.getMessage());
            return 2;
        } finally {
            MockBackends.detachAll();
        }
    }

    private int report(BoardDescription description, SimulatedNetwork net, PrintWriter out) {
        SimExchanges exchanges = new SimExchanges(net, description.ipv4Address(), deviceOptions.injectsFaults());
        long start = net.now();
        List<SimExchanges.Outcome> outcomes = new ArrayList<>();
        long half = (long) (seconds * 500_000);
        List<Exchange> plan = List.of(
                exchanges::arp, exchanges::ping,
                () -> enabled(description, BoardDescription.APP_UDP_REVERSE, exchanges::udpReverse),
                () -> enabled(description, BoardDescription.APP_TCP_HELLO, exchanges::tcpHello),
                () -> enabled(description, BoardDescription.APP_TCP_REVERSE, exchanges::tcpReverse),
                () -> enabled(description, BoardDescription.APP_TCP_SINK, exchanges::tcpSink),
                () -> enabled(description, BoardDescription.APP_TCP_SOURCE, exchanges::tcpSource),
                () -> enabled(description, BoardDescription.APP_HTTP, () -> exchanges.http(description.name())),
                () -> enabled(description, BoardDescription.APP_THROUGHPUT, () -> exchanges.throughputUpload(half, out)),
                () -> enabled(description, BoardDescription.APP_THROUGHPUT, () -> exchanges.throughputDownload(half, out)));
        for (Exchange exchange : plan) {
            SimExchanges.Outcome outcome = exchange.run();
            if (outcome != null) {
                outcomes.add(outcome);
                out.printf("  %-4s  %-28s %s%n", outcome.ok() ? "ok" : "FAIL", outcome.name(), outcome.detail());
                out.flush();
            }
        }
        long failed = outcomes.stream().filter(outcome -> !outcome.ok()).count();
        out.println();
        out.printf("sim: %d of %d exchanges succeeded in %.1f s; the firmware loop ran %d iterations%s%n",
                outcomes.size() - failed, outcomes.size(), (net.now() - start) / 1e6, net.firmware.iterations(),
                deviceOptions.injectsFaults() ? " (with fault injection)" : "");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** One exchange of the plan; null when its application is not enabled on the board. */
    private interface Exchange {
        SimExchanges.Outcome run();
    }

    private static SimExchanges.Outcome enabled(BoardDescription board, int app, Exchange exchange) {
        return board.appEnabled(app) ? exchange.run() : null;
    }
}
