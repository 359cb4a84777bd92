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
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.iface.Interface;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smoltcp4j sim}: the main job. Runs the firmware of a host board or a radio board on the
 * simulator (the HAL mocks: its EthernetMac on a virtual Ethernet segment, or its IEEE 802.15.4
 * radio on a simulated radio medium) and a second simulated host of our stack on the same link that
 * exercises every application over IPv4 and IPv6, then prints a report. No root, no real network.
 */
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        description = {"Run the firmware on the simulator with a second simulated host (192.168.69.100, fdaa::100) that"
                + " exercises every application: ARP, ping, UDP 6969, TCP 6969-6972, the HTTP page and JSON, and a throughput run,"
                + " then ping, UDP, TCP and HTTP again over IPv6. A radio board (nrf52840-dk) runs on a simulated IEEE 802.15.4"
                + " medium, its exchanges over IPv6 and 6LoWPAN.",
            "Needs no root and touches no real network. --pcap and the fault options apply to the simulated host's port."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every exchange succeeded", "1:an exchange failed", "2:bad options or board"})
public final class SimCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--board", paramLabel = "BOARD", defaultValue = "host-sim",
            description = "The board whose firmware runs (default ${DEFAULT-VALUE}): an Ethernet board with a fixed MAC, or a radio board.")
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
        String peerProblem = PeerAddresses.problem(description);
        if (peerProblem == null) {
            peerProblem = nothingToExercise(description);
        }
        if (peerProblem != null) {
            err.println("smoltcp4j sim: " + description.fileName() + ": " + peerProblem);
            return 2;
        }
        SimulatedMedium medium = SimulatedMedium.of(description);
        try (DeviceOptions.DeviceStack peerDevice = deviceOptions.wrap(medium.peerDevice(), null)) {
            StringBuilder bootLog = new StringBuilder();
            Firmware firmware;
            Interface peer;
            try {
                firmware = Boot.build(description, Boot.openDevice(description), HardwareTimer.nowMicros(), bootLog);
                peer = medium.peerInterface(description, peerDevice.device.capabilities());
            } catch (IllegalStateException | IllegalArgumentException e) {
                err.println("smoltcp4j sim: " + e.getMessage());
                return 2;
            }
            out.println("smoltcp4j sim: the firmware of " + description.name() + " at " + PeerAddresses.boardAddresses(description)
                    + " on " + medium.description() + ", with a simulated host at " + peerAddresses(description));
            out.print(bootLog.toString().replaceAll("(?m)^", "  | "));
            out.println();
            return report(description, new SimulatedNetwork(firmware, peer, peerDevice.device, medium::framesInFlight), out);
        } catch (IOException e) {
            err.println("smoltcp4j sim: " + e.getMessage());
            return 2;
        } finally {
            MockBackends.detachAll();
        }
    }

    /**
     * Why the simulated host would have nothing to exercise on {@code board} (a report of "0 of 0
     * exchanges"), or null. Every board lists an app (the parser insists) and sim exercises every
     * app, so only the address matters: the host talks to the applications at the board's IPv4
     * address or first ipv6.address, and a radio board may have neither (no IPv4 on 6LoWPAN, its
     * ipv6.address optional).
     */
    private static String nothingToExercise(BoardDescription board) {
        if (board.hasIpv4() || board.ipv6AddressCount() > 0) {
            return null;
        }
        return "nothing to exercise: the board has no IPv4 address and no ipv6.address, the only addresses the simulated host"
                + " reaches the firmware's applications at; give it an ipv6.address such as fdaa::1/64";
    }

    private static String peerAddresses(BoardDescription board) {
        return (board.hasIpv4() ? SimExchanges.ipv4(PeerAddresses.ipv4(board)) : "")
                + (board.hasIpv4() && board.ipv6AddressCount() > 0 ? ", " : "")
                + (board.ipv6AddressCount() > 0 ? PeerAddresses.ipv6Text(board) : "");
    }

    private int report(BoardDescription description, SimulatedNetwork net, PrintWriter out) {
        boolean lossy = deviceOptions.injectsFaults();
        long start = net.now();
        List<SimExchanges.Outcome> outcomes = new ArrayList<>();
        List<Exchange> plan = new ArrayList<>();
        if (description.hasIpv4()) {
            SimExchanges ipv4 = new SimExchanges(net, description.ipv4Address(), lossy);
            plan.add(ipv4::arp);
            plan.addAll(everyApplication(description, ipv4, out));
        }
        if (description.ipv6AddressCount() > 0) {
            SimExchanges ipv6 = new SimExchanges(net, description.ipv6AddressHigh(0), description.ipv6AddressLow(0), lossy);
            // A board with IPv4 was exercised in full already: over IPv6 the exchanges that show each protocol works.
            plan.addAll(description.hasIpv4() ? echoApplications(description, ipv6) : everyApplication(description, ipv6, out));
        }
        for (Exchange exchange : plan) {
            SimExchanges.Outcome outcome = exchange.run();
            if (outcome != null) {
                outcomes.add(outcome);
                out.printf("  %-4s  %-34s %s%n", outcome.ok() ? "ok" : "FAIL", outcome.name(), outcome.detail());
                out.flush();
            }
        }
        long failed = outcomes.stream().filter(outcome -> !outcome.ok()).count();
        out.println();
        out.printf("sim: %d of %d exchanges succeeded in %.1f s; the firmware loop ran %d iterations%s%n",
                outcomes.size() - failed, outcomes.size(), (net.now() - start) / 1e6, net.firmware.iterations(),
                lossy ? " (with fault injection)" : "");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** Ping and every enabled application, the throughput run included. */
    private List<Exchange> everyApplication(BoardDescription description, SimExchanges exchanges, PrintWriter out) {
        long half = (long) (seconds * 500_000);
        List<Exchange> plan = new ArrayList<>(echoApplications(description, exchanges));
        plan.add(4, () -> enabled(description, BoardDescription.APP_TCP_SINK, exchanges::tcpSink));
        plan.add(5, () -> enabled(description, BoardDescription.APP_TCP_SOURCE, exchanges::tcpSource));
        plan.add(() -> enabled(description, BoardDescription.APP_THROUGHPUT, () -> exchanges.throughputUpload(half, out)));
        plan.add(() -> enabled(description, BoardDescription.APP_THROUGHPUT, () -> exchanges.throughputDownload(half, out)));
        return plan;
    }

    /** Ping, UDP and TCP echo applications and the HTTP page, where enabled (a board without ping ignores echo requests). */
    private static List<Exchange> echoApplications(BoardDescription description, SimExchanges exchanges) {
        return List.of(() -> enabled(description, BoardDescription.APP_PING, exchanges::ping),
                () -> enabled(description, BoardDescription.APP_UDP_REVERSE, exchanges::udpReverse),
                () -> enabled(description, BoardDescription.APP_TCP_HELLO, exchanges::tcpHello),
                () -> enabled(description, BoardDescription.APP_TCP_REVERSE, exchanges::tcpReverse),
                () -> enabled(description, BoardDescription.APP_HTTP, () -> exchanges.http(description.name())));
    }

    /** One exchange of the plan; null when its application is not enabled on the board. */
    private interface Exchange {
        SimExchanges.Outcome run();
    }

    private static SimExchanges.Outcome enabled(BoardDescription board, int app, Exchange exchange) {
        return board.appEnabled(app) ? exchange.run() : null;
    }
}
