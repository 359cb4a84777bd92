package org.smoltcp4j.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.smoltcp4j.socket.TcpSocket;
import org.smoltcp4j.socket.tcp.TcpSimulation.Faults;
import org.smoltcp4j.socket.tcp.TcpSimulation.Scenario;
import org.smoltcp4j.testing.AllocationProbe;

/**
 * Issue 6, deterministic network simulation: for every seed of a matrix of wire faults (8 profiles:
 * loss up to 30 %, corruption, duplication, reordering, latency with jitter, each direction a
 * 32-frame queue at 10 Mbit/s) and socket settings (no congestion control, Reno, CUBIC; SACK and
 * timestamps on and off; 2, 16 and 128 KiB buffers; Nagle, delayed ACK and keep-alive from the
 * seed), two stacks move a seeded 20..200 KiB stream each way at once and close; both streams must
 * arrive byte-exact with their FIN, both sockets must end CLOSED within a simulated day, nothing
 * may escape a poll, and {@link TcpSimulation}'s invariants must hold after every step and for
 * every segment.
 *
 * <p>Seed N belongs to cell N / 1000. Each seed is its own test named after its cell; a failure says
 * how to rerun just that seed ({@code -Dsim.seed=N}); {@code -Dsim.seeds=N} sets the seeds per cell
 * (default 2: 576 seeds). A summary per fault profile and congestion control (simulated time,
 * timeouts, bytes, faults) goes to stdout; nothing is asserted on time.
 */
class TcpSimulationTest {

    private static final long MAX_SIMULATED_MICROS = 24 * 3_600L * 1_000_000L;
    private static final int DEFAULT_SEEDS_PER_CELL = 2;
    private static final long SEEDS_PER_CELL_MAX = 1000;
    /** Both sockets' buffer sizes: one segment, a few, and a window that needs scaling. */
    private static final int[] BUFFERS = {2048, 16 * 1024, 128 * 1024};
    /** SACK on/off x timestamps on/off x the buffer sizes. */
    private static final int OPTIONS = 4 * 3;
    private static final int MS = 1000;

    /** Loss, corruption, duplication and reordering in percent; latency range. */
    private static final Faults[] FAULTS = {
        new Faults("clean", 0, 0, 0, 0, 1 * MS, 5 * MS),
        new Faults("loss5", 5, 0, 0, 0, 1 * MS, 50 * MS),
        new Faults("loss15+mixed", 15, 1, 2, 5, 1 * MS, 50 * MS),
        new Faults("loss30+mixed", 30, 2, 2, 5, 1 * MS, 50 * MS),
        new Faults("shuffle", 0, 5, 20, 20, 1 * MS, 50 * MS),
        new Faults("reorder-heavy", 10, 2, 10, 30, 1 * MS, 100 * MS),
        new Faults("corrupt-heavy", 5, 20, 0, 0, 1 * MS, 10 * MS),
        new Faults("fast", 20, 2, 5, 10, 1, 300), // latency of microseconds: the RTO floor dominates
    };
    private static final int[] CONGESTION = {TcpSocket.CONGESTION_NONE, TcpSocket.CONGESTION_RENO, TcpSocket.CONGESTION_CUBIC};
    private static final String[] CONGESTION_NAMES = {"none", "reno", "cubic"};

    private static final Map<String, CellSummary> SUMMARIES = new LinkedHashMap<>();

    @TestFactory
    List<DynamicTest> everySeedTransfersByteExactBothWays() {
        int seedsPerCell = Integer.getInteger("sim.seeds", DEFAULT_SEEDS_PER_CELL);
        String onlySeed = System.getProperty("sim.seed");
        List<DynamicTest> tests = new ArrayList<>();
        int cells = FAULTS.length * CONGESTION.length * OPTIONS;
        for (int cell = 0; cell < cells; cell++) {
            for (int i = 0; i < seedsPerCell; i++) {
                long seed = cell * SEEDS_PER_CELL_MAX + i;
                if (onlySeed == null || Long.parseLong(onlySeed) == seed) {
                    tests.add(test(seed));
                }
            }
        }
        if (onlySeed != null && tests.isEmpty()) {
            // A seed beyond -Dsim.seeds is still in its cell: seed = cell * 1000 + index.
            tests.add(test(Long.parseLong(onlySeed)));
        }
        return tests;
    }

    /** The seed's test: its cell is seed / 1000, which picks faults, congestion control and options. */
    private static DynamicTest test(long seed) {
        int cell = (int) (seed / SEEDS_PER_CELL_MAX);
        int options = cell % OPTIONS;
        int congestion = cell / OPTIONS % CONGESTION.length;
        Scenario scenario = new Scenario(FAULTS[cell / OPTIONS / CONGESTION.length], CONGESTION[congestion], (options & 1) != 0,
                (options & 2) != 0, BUFFERS[options >> 2], seed);
        return DynamicTest.dynamicTest(cellName(scenario) + " seed=" + seed, () -> simulate(scenario));
    }

    private static String cellName(Scenario s) {
        return s.faults().name() + " cc=" + CONGESTION_NAMES[s.congestionControl()] + " sack=" + (s.sack() ? "on" : "off")
                + " ts=" + (s.timestamps() ? "on" : "off") + " buf=" + s.bufferSize();
    }

    private static void simulate(Scenario scenario) {
        TcpSimulation sim = new TcpSimulation(scenario);
        try {
            sim.run(MAX_SIMULATED_MICROS);
            assertArrayEquals(sim.up, sim.receivedUp, "client to server stream");
            assertArrayEquals(sim.down, sim.receivedDown, "server to client stream");
            assertEquals(TcpSocket.CLOSED, sim.client.state());
            assertEquals(TcpSocket.CLOSED, sim.server.state());
        } catch (Throwable failure) {
            throw new AssertionError("seed " + scenario.seed() + " (" + cellName(scenario) + ") failed at step " + sim.steps + ", "
                    + sim.progress() + "\n  rerun just it: mvn -B -ntp -o -q -pl stack test -Dtest=TcpSimulationTest -Dsim.seed="
                    + scenario.seed() + " -Dsurefire.failIfNoSpecifiedTests=false\n  " + failure, failure);
        }
        summary(scenario).add(sim);
    }

    /**
     * The steady state of a lossy, reordering, duplicating transfer, invariants checked, allocates
     * nothing per step: not the stacks, not the simulated wire.
     */
    @Test
    void steadyStateStepsAllocateNothing() {
        Scenario scenario = new Scenario(FAULTS[2], TcpSocket.CONGESTION_RENO, true, true, BUFFERS[1], 7);
        TcpSimulation sim = new TcpSimulation(scenario, true);
        for (int i = 0; i < 2_000; i++) {
            sim.step();
        }
        assertEquals(TcpSocket.ESTABLISHED, sim.client.state());
        AllocationProbe.assertAllocationFree("a simulated lossy TCP transfer step", sim::step);
        assertTrue(sim.gotUp > 0 && sim.wire.lost() > 0 && sim.client.retransmissionTimeouts() + sim.client.fastRetransmits() > 0,
                "the transfer moved data through losses: " + sim.progress());
    }

    private static CellSummary summary(Scenario scenario) {
        return SUMMARIES.computeIfAbsent(scenario.faults().name() + " cc=" + CONGESTION_NAMES[scenario.congestionControl()],
                name -> new CellSummary());
    }

    @AfterAll
    static void printSummary() {
        System.out.println("TCP simulation: cell | seeds | simulated s | RTOs | fast retransmits | lost retransmissions | bytes | steps | wire lost/corrupted/duplicated/reordered/overflowed");
        SUMMARIES.forEach((name, s) -> System.out.println("  " + name + " | " + s.seeds + " | " + String.format("%.1f", s.simulatedMicros / 1e6)
                + " | " + s.timeouts + " | " + s.fastRetransmits + " | " + s.lostRetransmissions + " | " + s.bytes + " | " + s.steps + " | " + s.lost + "/" + s.corrupted
                + "/" + s.duplicated + "/" + s.reordered + "/" + s.overflowed));
    }

    /** Totals of one cell of fault profile and congestion control, over its seeds and socket options. */
    private static final class CellSummary {
        int seeds;
        long simulatedMicros;
        long timeouts;
        long fastRetransmits;
        long lostRetransmissions;
        long bytes;
        long steps;
        long lost;
        long corrupted;
        long duplicated;
        long reordered;
        long overflowed;

        void add(TcpSimulation sim) {
            seeds++;
            simulatedMicros += sim.now;
            timeouts += sim.client.retransmissionTimeouts() + sim.server.retransmissionTimeouts();
            fastRetransmits += sim.client.fastRetransmits() + sim.server.fastRetransmits();
            lostRetransmissions += sim.client.lostRetransmissions() + sim.server.lostRetransmissions();
            bytes += sim.up.length + sim.down.length;
            steps += sim.steps;
            lost += sim.wire.lost();
            corrupted += sim.wire.corrupted();
            duplicated += sim.wire.duplicated();
            reordered += sim.wire.reordered();
            overflowed += sim.wire.overflowed();
        }
    }
}
