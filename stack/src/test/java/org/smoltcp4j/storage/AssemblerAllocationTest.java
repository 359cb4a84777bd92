package org.smoltcp4j.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.testing.AllocationProbe;

/** The assembler's steady-state operations allocate nothing (design.md section 3). */
class AssemblerAllocationTest {

    private final Assembler assembler = new Assembler(Assembler.DEFAULT_MAX_RANGES);
    private long sink;

    @Test
    void addRemoveAndIterationAllocateNothing() {
        AllocationProbe.assertAllocationFree("Assembler add/removeFront/iteration", () -> {
            assembler.add(40, 10);
            assembler.add(20, 10);
            assembler.add(60, 10);
            assembler.add(80, 10);
            assembler.add(1, 1);
            assembler.add(25, 30);
            for (int i = 0; i < assembler.rangeCount(); i++) {
                sink += assembler.rangeEnd(i) - assembler.rangeStart(i);
            }
            sink += assembler.addThenRemoveFront(0, 5);
            sink += assembler.peekFront();
            sink += assembler.removeFront();
            assembler.clear();
        });
        assertTrue(sink > 0);
    }

    @Test
    void printingIntoAReusedBuilderAllocatesNothing() {
        StringBuilder out = new StringBuilder(64);
        assembler.add(0, 4);
        assembler.add(8, 4);
        AllocationProbe.assertAllocationFree("Assembler.appendTo", () -> {
            out.setLength(0);
            assembler.appendTo(out);
        });
        assertEquals("[ 4 (4) 4 ]", out.toString());
    }
}
