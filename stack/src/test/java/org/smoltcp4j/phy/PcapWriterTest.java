package org.smoltcp4j.phy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapWriterTest {

    private static final long EPOCH = 1_700_000_000_000_000L;
    private static final int FRAMES = 5;

    /** Every medium in every mode: tshark reads back the frames recorded, in order, at their times. */
    @ParameterizedTest(name = "medium {0}, mode {1}")
    @CsvSource({"1,1", "1,2", "1,3", "2,1", "2,2", "2,3", "3,1", "3,2", "3,3"})
    void tsharkReadsTheFramesRecorded(int medium, int mode, @TempDir Path dir) throws IOException {
        PcapCapture capture = new PcapCapture();
        PcapWriter writer = new PcapWriter(new Loopback(medium, 200, 2), capture.sink, mode);
        assertEquals(mode, writer.mode());
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < FRAMES; n++) {
            long sentAt = EPOCH + n * 1_000_000L + 17;
            long receivedAt = sentAt + 250;
            byte[] frame = PhyFrames.frame(medium, n);
            assertTrue(DeviceIo.send(writer, sentAt, frame));
            assertArrayEquals(frame, DeviceIo.receive(writer, receivedAt));
            String number = PhyFrames.numberValue(medium, n);
            if ((mode & PcapWriter.MODE_TX) != 0) {
                expected.add(sentAt + " " + frame.length + " " + number);
            }
            if ((mode & PcapWriter.MODE_RX) != 0) {
                expected.add(receivedAt + " " + frame.length + " " + number);
            }
        }
        assertEquals(expected, capture.judge(dir.resolve("capture.pcap"), "frame.len", PhyFrames.numberField(medium)));
        assertNull(capture.sink.failure());
    }

    @Test
    void writesTheGlobalHeaderThenRecordsByteForByte() {
        PcapCapture capture = new PcapCapture();
        PcapWriter writer = new PcapWriter(new Loopback(Medium.IEEE802154, 127, 1), capture.sink, PcapWriter.MODE_TX);
        DeviceIo.send(writer, 3_000_002L, new byte[] {(byte) 0xaa, (byte) 0xbb});
        byte[] expected = new byte[PcapFormat.GLOBAL_HEADER_LEN + PcapFormat.RECORD_HEADER_LEN + 2];
        PcapFormat.writeGlobalHeader(expected, 0, PcapFormat.LINKTYPE_IEEE802_15_4_NOFCS, 65535);
        PcapFormat.writeRecordHeader(expected, PcapFormat.GLOBAL_HEADER_LEN, 3_000_002L, 2, 2);
        expected[expected.length - 2] = (byte) 0xaa;
        expected[expected.length - 1] = (byte) 0xbb;
        assertArrayEquals(expected, capture.bytes.toByteArray());
    }

    @Test
    void snapLengthCoversAnMtuAbove65535() {
        PcapCapture capture = new PcapCapture();
        new PcapWriter(new Loopback(Medium.IP, 70_000, 1), capture.sink, PcapWriter.MODE_BOTH);
        byte[] header = capture.bytes.toByteArray();
        assertEquals(70_000, ((header[16] & 0xff) << 24) | ((header[17] & 0xff) << 16) | ((header[18] & 0xff) << 8) | (header[19] & 0xff));
    }

    @Test
    void flushesAfterEveryFrameUnlessToldNot() {
        CountingSink sink = new CountingSink();
        PcapWriter writer = new PcapWriter(new Loopback(Medium.IP, 200, 2), sink, PcapWriter.MODE_BOTH);
        assertEquals(1, sink.flushes, "the global header is flushed");
        assertTrue(writer.isFlushEveryFrame());
        DeviceIo.send(writer, 0, PhyFrames.frame(Medium.IP, 1));
        DeviceIo.receive(writer, 0);
        assertEquals(3, sink.flushes);
        writer.setFlushEveryFrame(false);
        assertFalse(writer.isFlushEveryFrame());
        DeviceIo.send(writer, 0, PhyFrames.frame(Medium.IP, 1));
        DeviceIo.receive(writer, 0);
        assertEquals(3, sink.flushes);
        assertEquals(PcapFormat.GLOBAL_HEADER_LEN + 4 * (PcapFormat.RECORD_HEADER_LEN + PhyFrames.frame(Medium.IP, 1).length), sink.bytes);
    }

    @Test
    void abortedEmptyAndRefusedTransmitsAreNotRecorded() {
        CountingSink sink = new CountingSink();
        Loopback loopback = new Loopback(Medium.IP, 200, 1);
        PcapWriter writer = new PcapWriter(loopback, sink, PcapWriter.MODE_BOTH);
        assertTrue(writer.prepareTransmit(0, 10));
        writer.abortTransmit();
        assertTrue(writer.prepareTransmit(0, 10));
        writer.commitTransmit(0);
        DeviceIo.send(loopback, 0, new byte[10]);
        assertFalse(writer.prepareTransmit(0, 10));
        assertEquals(PcapFormat.GLOBAL_HEADER_LEN, sink.bytes);
    }

    @Test
    void aFailingStreamStopsTheCaptureButNotTheDevice() {
        IOException disk = new IOException("disk full");
        OutputStreamPcapSink sink = new OutputStreamPcapSink(new OutputStream() {
            private int left = PcapFormat.GLOBAL_HEADER_LEN;

            @Override
            public void write(int b) throws IOException {
                if (left-- <= 0) {
                    throw disk;
                }
            }
        });
        PcapWriter writer = new PcapWriter(new Loopback(Medium.IP, 200, 2), sink, PcapWriter.MODE_BOTH);
        assertNull(sink.failure());
        byte[] frame = PhyFrames.frame(Medium.IP, 1);
        DeviceIo.send(writer, 0, frame);
        assertArrayEquals(frame, DeviceIo.receive(writer, 0));
        assertSame(disk, sink.failure());
    }

    @Test
    void aFailingFlushIsKeptToo() {
        IOException gone = new IOException("gone");
        OutputStreamPcapSink sink = new OutputStreamPcapSink(new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void flush() throws IOException {
                throw gone;
            }
        });
        sink.flush();
        sink.flush();
        sink.write(new byte[1], 0, 1);
        assertSame(gone, sink.failure());
    }

    @Test
    void argumentsAreValidated() {
        Loopback loopback = new Loopback(Medium.IP, 10, 1);
        CountingSink sink = new CountingSink();
        assertEquals("PcapWriter: mode must be MODE_RX, MODE_TX or MODE_BOTH, got 0",
                assertThrows(IllegalArgumentException.class, () -> new PcapWriter(loopback, sink, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PcapWriter(loopback, sink, 4));
        assertEquals("PcapWriter: sink is null",
                assertThrows(NullPointerException.class, () -> new PcapWriter(loopback, null, PcapWriter.MODE_RX)).getMessage());
        assertThrows(NullPointerException.class, () -> new OutputStreamPcapSink(null));
        assertEquals(0, sink.bytes, "nothing written by a refused writer");
    }

    /** Counts bytes and flushes. */
    static final class CountingSink implements PcapSink {
        int bytes;
        int flushes;

        @Override
        public void write(byte[] buf, int off, int len) {
            bytes += len;
        }

        @Override
        public void flush() {
            flushes++;
        }
    }
}
