package org.smoltcp4j.phy;

/**
 * A middleware that makes a link unreliable, as smoltcp's fault injector does, to test the stack
 * against adverse networks or limited hardware: it drops frames at random, corrupts them at random
 * (one bit of one random octet flipped: the hardest damage to detect), drops frames larger than a
 * size limit, and limits the frames per shaping interval in each direction with token buckets.
 * All faults are off until set; the randomness comes from a {@link Pcg32} seeded here, so the same
 * seed and the same traffic give the same faults.
 *
 * <p>Each frame meets the checks in the order smoltcp checks received frames: size limit, random
 * drop, rate limit, then corruption (smoltcp checks a transmitted frame's random drop before its
 * size, which only changes which counter a frame failing both lands in). A received frame is
 * corrupted in place in the lent buffer; a transmitted one at commit, in the lent buffer before the
 * inner device has it, with the time given to {@link #prepareTransmit}. A dropped received frame is
 * released to the inner device; a dropped transmit is aborted on the inner device while the caller
 * sees it sent, like a frame lost on the wire.
 *
 * <p>Token buckets: with a rate of N packets, a bucket holds N tokens, a frame takes one or is
 * dropped, and both buckets are refilled when a shaping interval has passed since the last refill,
 * measured with the {@code now} given to {@link #receive} and {@link #prepareTransmit} (virtual
 * time works). Unlike smoltcp, whose buckets start empty at time 0, the buckets start full at the
 * first frame after a rate or the interval is set.
 */
public final class FaultInjector extends ForwardingDevice {

    private static final long MICROS_PER_MILLI = 1000L;

    private final Pcg32 random;
    private final Direction rx = new Direction();
    private final Direction tx = new Direction();
    private int dropPercent;
    private int corruptPercent;
    private int sizeLimit;
    private long shapingIntervalMicros;
    private boolean bucketsStarted;
    private long refilledAt;

    public FaultInjector(Device inner, long seed) {
        super("FaultInjector", inner);
        random = new Pcg32(seed);
    }

    /** The chance, 0..100 %, that a frame is dropped, in either direction. */
    public void setDropChance(int percent) {
        dropPercent = checkPercent("drop chance", percent);
    }

    /** The chance, 0..100 %, that a frame has one bit flipped, in either direction. */
    public void setCorruptChance(int percent) {
        corruptPercent = checkPercent("corrupt chance", percent);
    }

    /** Frames longer than {@code bytes} are dropped; 0 means no limit. */
    public void setSizeLimit(int bytes) {
        sizeLimit = checkNotNegative("size limit", bytes);
    }

    /** At most {@code packets} transmitted per shaping interval; 0 means no limit. */
    public void setTxRateLimit(int packets) {
        tx.rate = checkNotNegative("tx rate limit", packets);
        bucketsStarted = false;
    }

    /** At most {@code packets} received per shaping interval; 0 means no limit. */
    public void setRxRateLimit(int packets) {
        rx.rate = checkNotNegative("rx rate limit", packets);
        bucketsStarted = false;
    }

    /** How often the token buckets are refilled, in milliseconds (0: at every frame, so no limit). */
    public void setShapingInterval(long millis) {
        if (millis < 0 || millis > Long.MAX_VALUE / MICROS_PER_MILLI) {
            throw new IllegalArgumentException("shaping interval must be 0.." + Long.MAX_VALUE / MICROS_PER_MILLI
                    + " ms, got " + millis);
        }
        shapingIntervalMicros = millis * MICROS_PER_MILLI;
        bucketsStarted = false;
    }

    public int dropChance() {
        return dropPercent;
    }

    public int corruptChance() {
        return corruptPercent;
    }

    public int sizeLimit() {
        return sizeLimit;
    }

    public int txRateLimit() {
        return tx.rate;
    }

    public int rxRateLimit() {
        return rx.rate;
    }

    public long shapingInterval() {
        return shapingIntervalMicros / MICROS_PER_MILLI;
    }

    /** Received frames dropped at random. */
    public long rxDropped() {
        return rx.dropped;
    }

    /** Transmitted frames dropped at random. */
    public long txDropped() {
        return tx.dropped;
    }

    public long rxCorrupted() {
        return rx.corrupted;
    }

    public long txCorrupted() {
        return tx.corrupted;
    }

    /** Received frames dropped for exceeding the size limit. */
    public long rxTooLarge() {
        return rx.tooLarge;
    }

    public long txTooLarge() {
        return tx.tooLarge;
    }

    /** Received frames dropped because the rx bucket was empty. */
    public long rxRateLimited() {
        return rx.rateLimited;
    }

    public long txRateLimited() {
        return tx.rateLimited;
    }

    protected boolean admitReceived(long now, byte[] buf, int off, int len) {
        return admit(rx, now, buf, off, len);
    }

    protected boolean admitTransmit(long now, byte[] buf, int off, int len) {
        return admit(tx, now, buf, off, len);
    }

    private boolean admit(Direction direction, long now, byte[] buf, int off, int len) {
        if (sizeLimit > 0 && len > sizeLimit) {
            direction.tooLarge++;
            return false;
        }
        if (dropPercent > 0 && random.chance(dropPercent)) {
            direction.dropped++;
            return false;
        }
        if (direction.rate > 0) {
            refill(now);
            if (direction.tokens == 0) {
                direction.rateLimited++;
                return false;
            }
            direction.tokens--;
        }
        if (corruptPercent > 0 && random.chance(corruptPercent)) {
            corrupt(buf, off, len);
            direction.corrupted++;
        }
        return true;
    }

    private void refill(long now) {
        if (!bucketsStarted || now - refilledAt >= shapingIntervalMicros) {
            bucketsStarted = true;
            refilledAt = now;
            tx.tokens = tx.rate;
            rx.tokens = rx.rate;
        }
    }

    private void corrupt(byte[] buf, int off, int len) {
        int index = random.nextBelow(len);
        buf[off + index] ^= (byte) (1 << random.nextBelow(8));
    }

    private static int checkPercent(String what, int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException(what + " must be 0..100 %, got " + percent);
        }
        return percent;
    }

    private static int checkNotNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be 0 (off) or more, got " + value);
        }
        return value;
    }

    /** The rate limit, token bucket and counters of one direction. */
    private static final class Direction {
        int rate;
        int tokens;
        long dropped;
        long corrupted;
        long tooLarge;
        long rateLimited;
    }
}
