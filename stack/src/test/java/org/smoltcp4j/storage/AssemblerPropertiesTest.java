package org.smoltcp4j.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The assembler against an obviously correct model: a {@link BitSet} of received bytes over a bounded
 * window (smoltcp's {@code test_random} does the same with a bool array). After every operation the
 * ranges must be exactly the model's runs of set bits (so merges are maximal), and an operation must
 * be refused exactly when the model's result has more runs than the capacity, leaving everything as it was.
 */
class AssemblerPropertiesTest {

    private static final int ADD = 0;
    private static final int REMOVE_FRONT = 1;
    private static final int ADD_THEN_REMOVE_FRONT = 2;
    /** Offsets stay below 2000 and sizes below 300, so the model never needs more bits than this. */
    private static final int WINDOW = 2400;

    /** One operation: kind, offset, size. */
    record Operation(int kind, int offset, int size) {
    }

    @Provide
    Arbitrary<List<Operation>> operations() {
        Arbitrary<Integer> kinds = Arbitraries.integers().between(0, 9)
                .map(k -> k < 6 ? ADD : k < 8 ? ADD_THEN_REMOVE_FRONT : REMOVE_FRONT);
        Arbitrary<Integer> offsets = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 1999), Arbitraries.integers().between(0, 40));
        Arbitrary<Integer> sizes = Arbitraries.integers().between(0, 299);
        return Combinators.combine(kinds, offsets, sizes).as(Operation::new).list().ofMaxSize(80);
    }

    @Property(tries = 1500)
    void behavesLikeTheBitSetModel(@ForAll @IntRange(min = 1, max = 6) int maxRanges,
                                   @ForAll("operations") List<Operation> operations) {
        Assembler assembler = new Assembler(maxRanges);
        BitSet model = new BitSet(WINDOW);
        for (Operation op : operations) {
            String step = op + " on " + assembler;
            switch (op.kind()) {
                case ADD -> {
                    BitSet next = withRange(model, op.offset(), op.size());
                    boolean fits = runCount(next) <= maxRanges;
                    assertEquals(fits, assembler.add(op.offset(), op.size()), step);
                    if (fits) {
                        model = next;
                    }
                }
                case REMOVE_FRONT -> {
                    int front = frontRun(model);
                    assertEquals(front, assembler.removeFront(), step);
                    model = model.get(front, WINDOW);
                }
                default -> {
                    BitSet added = withRange(model, op.offset(), op.size());
                    int front = frontRun(added);
                    BitSet next = added.get(front, WINDOW);
                    boolean fits = runCount(next) <= maxRanges;
                    assertEquals(fits ? front : Assembler.TOO_MANY_HOLES,
                            assembler.addThenRemoveFront(op.offset(), op.size()), step);
                    if (fits) {
                        model = next;
                    }
                }
            }
            assertArrayEquals(runs(model), ranges(assembler), () -> step + " gave " + assembler);
            assertEquals(frontRun(model), assembler.peekFront(), step);
            assertEquals(model.isEmpty(), assembler.isEmpty(), step);
        }
    }

    @Property(tries = 300)
    void addingRangesInAnyOrderGivesTheirUnion(@ForAll("operations") List<Operation> operations) {
        Assembler forward = new Assembler(operations.size() + 1);
        Assembler backward = new Assembler(operations.size() + 1);
        BitSet union = new BitSet(WINDOW);
        for (int i = 0; i < operations.size(); i++) {
            Operation first = operations.get(i);
            Operation last = operations.get(operations.size() - 1 - i);
            forward.add(first.offset(), first.size());
            backward.add(last.offset(), last.size());
            union.set(first.offset(), first.offset() + first.size());
        }
        assertArrayEquals(runs(union), ranges(forward));
        assertArrayEquals(runs(union), ranges(backward));
    }

    private static BitSet withRange(BitSet model, int offset, int size) {
        BitSet next = (BitSet) model.clone();
        next.set(offset, offset + size);
        return next;
    }

    /** Length of the run of set bits starting at bit 0 (0 if bit 0 is clear). */
    private static int frontRun(BitSet bits) {
        return bits.get(0) ? bits.nextClearBit(0) : 0;
    }

    private static int runCount(BitSet bits) {
        return runs(bits).length / 2;
    }

    /** The runs of set bits as (start, end) pairs. */
    private static int[] runs(BitSet bits) {
        int[] pairs = new int[0];
        int start = bits.nextSetBit(0);
        while (start >= 0) {
            int end = bits.nextClearBit(start);
            pairs = java.util.Arrays.copyOf(pairs, pairs.length + 2);
            pairs[pairs.length - 2] = start;
            pairs[pairs.length - 1] = end;
            start = bits.nextSetBit(end);
        }
        return pairs;
    }

    private static int[] ranges(Assembler assembler) {
        return AssemblerTest.dataRanges(assembler, 0);
    }
}
