package org.smoltcp4j.hal.host;

import java.io.PrintWriter;
import org.smoltcp4j.wire.Ipv4Address;
import org.smoltcp4j.wire.MacAddress;

/**
 * Measures how many frames per second one {@link TapInterface} moves, in each direction, against
 * the Linux kernel on its other side, and prints the figures with how they were taken.
 *
 * <p>The caller sets the scene (see the hal tests, or a tools command): the TAP's kernel side has
 * {@code peerIp} and MAC {@code peerMac}, and a static neighbour entry {@code ourIp -> ourMac}, so
 * Linux answers echo requests without ARP. Two measurements:
 * <ol>
 * <li>transmit only: {@code frames} echo requests to a MAC address Linux does not own, which it
 * drops on arrival; the rate is frames written per second (prepareTransmit, build, commitTransmit).
 * <li>echo: {@code frames} echo requests to {@code peerIp} with at most {@value #WINDOW} outstanding,
 * each reply read back through the device; the rate is replies per second, i.e. frames per second
 * in each direction at once. It stops when all are answered or no reply came for a second.
 * </ol>
 */
public final class TapBenchmark {

    /** Echo requests in flight at once. */
    public static final int WINDOW = 32;
    /** ICMP echo data bytes: 64-byte IP packets, 78-byte frames. */
    public static final int DATA_LENGTH = 36;
    private static final int IDENTIFIER = 0x5344;
    /** A unicast, locally administered MAC that no interface here has: Linux drops such frames. */
    private static final long NOBODY_MAC = 0x0200_dead_beefL;
    private static final long GIVE_UP_MICROS = 1_000_000;

    /** What one run measured. */
    public record Result(int frames, double transmitFramesPerSecond, int replies, double echoRepliesPerSecond) {
    }

    private TapBenchmark() {
    }

    /** Runs both measurements with {@code frames} frames each, prints them to {@code out}, returns them. */
    public static Result run(PrintWriter out, TapInterface tap, long ourMac, int ourIp, long peerMac, int peerIp, int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1, got " + frames);
        }
        IcmpEchoFrames echo = new IcmpEchoFrames();
        double transmitRate = transmitOnly(tap, echo, ourMac, ourIp, peerIp, frames);
        long start = System.nanoTime();
        int replies = echoRoundTrips(tap, echo, ourMac, ourIp, peerMac, peerIp, frames);
        double echoRate = replies * 1e9 / (System.nanoTime() - start);
        int frameLength = 14 + 20 + 8 + DATA_LENGTH;
        out.printf("TAP %s, %d-byte frames (ICMP echo, %d data bytes), %d frames per measurement%n",
                tap.name(), frameLength, DATA_LENGTH, frames);
        out.printf("  transmit only: %.0f frames/s (frames to %s, a MAC Linux drops; time of prepare+build+commit)%n",
                transmitRate, MacAddress.append(new StringBuilder(), NOBODY_MAC));
        out.printf("  echo:          %.0f replies/s = frames/s each way (%d of %d answered by Linux at %s, window %d)%n",
                echoRate, replies, frames, Ipv4Address.append(new StringBuilder(), peerIp), WINDOW);
        out.flush();
        return new Result(frames, transmitRate, replies, echoRate);
    }

    private static double transmitOnly(TapInterface tap, IcmpEchoFrames echo, long ourMac, int ourIp, int peerIp, int frames) {
        long start = System.nanoTime();
        for (int sequence = 0; sequence < frames; sequence++) {
            send(tap, echo, ourMac, NOBODY_MAC, ourIp, peerIp, sequence & 0xffff);
        }
        return frames * 1e9 / (System.nanoTime() - start);
    }

    private static int echoRoundTrips(TapInterface tap, IcmpEchoFrames echo, long ourMac, int ourIp, long peerMac, int peerIp, int frames) {
        int sent = 0;
        int replies = 0;
        long lastProgress = micros();
        while (replies < frames && micros() - lastProgress < GIVE_UP_MICROS) {
            while (sent < frames && sent - replies < WINDOW) {
                send(tap, echo, ourMac, peerMac, ourIp, peerIp, sent & 0xffff);
                sent++;
            }
            if (!tap.waitReadable(10_000)) {
                continue;
            }
            int length;
            while ((length = tap.receive(micros())) > 0) {
                if (echo.echoReplySequenceOfEthernet(tap.receiveBuffer(), tap.receiveOffset(), length, IDENTIFIER) >= 0) {
                    replies++;
                    lastProgress = micros();
                }
                tap.releaseReceive();
            }
        }
        return replies;
    }

    private static void send(TapInterface tap, IcmpEchoFrames echo, long sourceMac, long destinationMac, int sourceIp, int destinationIp, int sequence) {
        long start = micros();
        long now = start;
        while (!tap.prepareTransmit(now, tap.capabilities().mtu())) {
            now = micros();
            if (now - start > GIVE_UP_MICROS) {
                throw new IllegalStateException("TAP " + tap.name() + " had no room to transmit for a second (is it up?)");
            }
        }
        int length = echo.writeEthernet(tap.transmitBuffer(), tap.transmitOffset(), sourceMac, destinationMac,
                sourceIp, destinationIp, IDENTIFIER, sequence, DATA_LENGTH);
        tap.commitTransmit(length);
    }

    private static long micros() {
        return System.nanoTime() / 1000;
    }
}
