package org.smoltcp4j.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.smoltcp4j.firmware.Boot;
import org.smoltcp4j.firmware.Clock;
import org.smoltcp4j.firmware.Firmware;
import org.smoltcp4j.firmware.HardwareClock;
import org.smoltcp4j.firmware.board.BoardConfigException;
import org.smoltcp4j.firmware.board.BoardDescription;
import org.smoltcp4j.hal.HardwareTimer;
import org.smoltcp4j.hal.host.TapInterface;
import org.smoltcp4j.hal.mock.MockBackends;
import org.smoltcp4j.hal.host.NetworkNamespace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smoltcp4j tap}: the firmware of a host board on a Linux TAP device, through the HAL
 * mocks, for Linux (ping, socat, curl, a browser) to talk to. With {@code --netns NS} it creates the
 * namespace, moves the TAP into it and gives it the peer address there, and deletes it on exit, so
 * the machine's own network is untouched.
 */
@Command(name = "tap",
        mixinStandardHelpOptions = true,
        description = {"Run the firmware on a TAP device (the board's addresses, 192.168.69.1/24 and fdaa::1/64 for host-tap;"
                + " Linux is the peer 192.168.69.100 and fdaa::100), until Ctrl-C or --seconds.",
            "Without --netns the TAP must exist and be configured, e.g.:",
            "  sudo ip tuntap add name tap0 mode tap user $USER",
            "  sudo ip link set tap0 up",
            "  sudo ip addr add 192.168.69.100/24 dev tap0",
            "  sudo ip -6 addr add fdaa::100/64 dev tap0",
            "With --netns NS (needs root) the command creates namespace NS, moves the TAP inside with the peer address,"
                + " and deletes NS on exit: try `sudo ip netns exec NS curl http://192.168.69.1/` or"
                + " `sudo ip netns exec NS curl -g http://[fdaa::1]/`."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ran until the end", "1:the device or namespace failed", "2:bad options or board"})
public final class TapCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--board", paramLabel = "BOARD", defaultValue = "host-tap",
            description = "The board whose firmware runs (default ${DEFAULT-VALUE}).")
    private String board;

    @Option(names = "--iface", paramLabel = "NAME", defaultValue = "tap0", description = "The TAP device (default ${DEFAULT-VALUE}).")
    private String iface;

    @Option(names = "--netns", paramLabel = "NS", description = "Create network namespace NS with the TAP and the peer inside; delete it on exit.")
    private String netns;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "0", description = "Stop after S seconds (0: until Ctrl-C).")
    private long seconds;

    private volatile boolean stopping;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (seconds < 0) {
            err.println("smoltcp4j tap: --seconds must not be negative, got " + seconds);
            return 2;
        }
        BoardDescription description;
        try {
            description = BoardCatalog.load(board);
        } catch (BoardCatalog.UnknownBoardException | BoardConfigException e) {
            err.println("smoltcp4j tap: " + e.getMessage());
            return 2;
        }
        String peerProblem = PeerAddresses.problem(description);
        if (peerProblem != null) {
            err.println("smoltcp4j tap: " + description.fileName() + ": " + peerProblem);
            return 2;
        }
        if (description.driver() != BoardDescription.DRIVER_ETHERNET_MAC) {
            // Checked before a TAP is opened or a namespace made: Linux here has no 6LoWPAN to talk to the radio either.
            err.println("smoltcp4j tap: " + description.name() + " is a radio board (IEEE 802.15.4, 6LoWPAN): a TAP carries Ethernet;"
                    + " run it with smoltcp4j sim --board " + description.name());
            return 2;
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopOnCtrlC = new Thread(() -> {
            stopping = true;
            try {
                finished.await(5, TimeUnit.SECONDS); // let the loop end and delete the namespace
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "smoltcp4j-tap-stop");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        try (TapInterface tap = TapInterface.open(iface);
                NetworkNamespace namespace = netns == null ? null : NetworkNamespace.named(netns)) {
            if (namespace != null) {
                namespace.adoptLink(tap.name());
                if (description.hasIpv4()) {
                    namespace.run("ip", "addr", "add", SimExchanges.ipv4(PeerAddresses.ipv4(description)) + "/" + description.ipv4PrefixLength(),
                            "dev", tap.name());
                }
                if (description.ipv6AddressCount() > 0) {
                    // nodad: the address is usable at once, not after duplicate address detection's second.
                    namespace.run("ip", "-6", "addr", "add", PeerAddresses.ipv6Text(description) + "/" + description.ipv6PrefixLength(0),
                            "dev", tap.name(), "nodad");
                }
                namespace.run("ip", "link", "set", tap.name(), "up");
            }
            MockBackends.attachEthernet(tap);
            StringBuilder bootLog = new StringBuilder();
            Firmware firmware = Boot.build(description, Boot.openDevice(description), HardwareTimer.nowMicros(), bootLog);
            out.print(bootLog);
            out.println("smoltcp4j tap: " + description.name() + " at " + PeerAddresses.boardAddresses(description) + " on " + tap.name()
                    + (namespace != null ? " in namespace " + namespace.name() : "") + "; ready");
            out.flush();
            run(firmware);
            out.println("smoltcp4j tap: stopped after " + firmware.iterations() + " loop iterations; counters: "
                    + firmware.iface().counters().appendTo(new StringBuilder()));
            out.flush();
            return 0;
        } catch (IOException | IllegalStateException e) {
            err.println("smoltcp4j tap: " + e.getMessage());
            return 1;
        } finally {
            MockBackends.detachAll();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for finished
            }
        }
    }

    /** The board's main loop ({@link Firmware#run} on the board's clock), stopped by --seconds, Ctrl-C or an interrupt. */
    private void run(Firmware firmware) {
        Clock clock = new StoppableClock();
        firmware.run(clock, seconds == 0 ? Long.MAX_VALUE : clock.nowMicros() + seconds * 1_000_000L);
    }

    /**
     * The board's clock ({@link HardwareClock}, the mocked timer here), which reads as the end of
     * time once the command is stopping, so the loop ends; its sleeps are bounded so that this is
     * seen soon (a TAP cannot wake the wait as a board's MAC interrupt would).
     */
    private final class StoppableClock implements Clock {
        private static final long MAX_SLEEP_MICROS = 100_000;
        private final Clock board = new HardwareClock();

        @Override
        public long nowMicros() {
            return stopping || Thread.currentThread().isInterrupted() ? Long.MAX_VALUE : board.nowMicros();
        }

        @Override
        public void waitUntil(long deadlineMicros) {
            board.waitUntil(Math.min(deadlineMicros, board.nowMicros() + MAX_SLEEP_MICROS));
        }
    }
}
