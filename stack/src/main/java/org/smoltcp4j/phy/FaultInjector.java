package org.smoltcp4j.phy;

/**
 * A middleware that makes a link unreliable, as smoltcp's fault injector does, to test the stack
 * against adverse networks or limited hardware: it drops frames at random, corrupts them at random
 * (one bit of one random octet flipped: the hardest damage to detect), drops frames larger than a
 * size limit, and limits the frames per shaping interval in each direction with token buckets.
 * All faults are off until set; the randomness comes from a {@link Pcg32} seeded here, so the same
 * seed and the same traffic give the same faults.
 *
 * <p>In each direction the checks run in smoltcp's order. Receive: size limit, random drop, rate
 * limit, then corruption in place in the lent frame. Transmit (at commit, with the prepared time):
 * random drop, size limit, rate limit, then corruption of the lent buffer before it is committed.
 * A dropped received frame is released to the inner device; a dropped transmit is aborted on the
 * inner device while the caller sees it sent, like a frame lost on the wire.
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
    private int dropPercent;
    private int corruptPercent;
    private int sizeLimit;
    private int txRate;
    private int rxRate;
    private long shapingIntervalMicros;
    private boolean bucketsStarted;
    private long refilledAt;
    private int txTokens;
    private int rxTokens;

    private long rxDropped;
    private long txDropped;
    private long rxCorrupted;
    private long txCorrupted;
    private long rxTooLarge;
    private long txTooLarge;
    private long rxRateLimited;
    private long txRateLimited;

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
        txRate = checkNotNegative("tx rate limit", packets);
        bucketsStarted = false;
    }

    /** At most {@code packets} received per shaping interval; 0 means no limit. */
    public void setRxRateLimit(int packets) {
        rxRate = checkNotNegative("rx rate limit", packets);
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
        return txRate;
    }

    public int rxRateLimit() {
        return rxRate;
    }

    public long shapingInterval() {
        return shapingIntervalMicros / MICROS_PER_MILLI;
    }

    /** Received frames dropped at random. */
    public long rxDropped() {
        return rxDropped;
    }

    /** Transmitted frames dropped at random. */
    public long txDropped() {
        return txDropped;
    }

    public long rxCorrupted() {
        return rxCorrupted;
    }

    public long txCorrupted() {
        return txCorrupted;
    }

    /** Received frames dropped for exceeding the size limit. */
    public long rxTooLarge() {
        return rxTooLarge;
    }

    public long txTooLarge() {
        return txTooLarge;
    }

    /** Received frames dropped because the rx bucket was empty. */
    public long rxRateLimited() {
        return rxRateLimited;
    }

    public long txRateLimited() {
        return txRateLimited;
    }

    protected boolean admitReceived(long now, byte[] buf, int off, int len) {
        if (sizeLimit > 0 && len > sizeLimit) {
            rxTooLarge++;
            return false;
        }
        if (dropPercent > 0 && random.chance(dropPercent)) {
            rxDropped++;
            return false;
        }
        if (rxRate > 0) {
            refill(now);
            if (rxTokens == 0) {
                rxRateLimited++;
                return false;
            }
            rxTokens--;
        }
        if (corruptPercent > 0 && random.chance(corruptPercent)) {
            corrupt(buf, off, len);
            rxCorrupted++;
        }
        return true;
    }

    protected boolean admitTransmit(long now, byte[] buf, int off, int len) {
        if (dropPercent > 0 && random.chance(dropPercent)) {
            txDropped++;
            return false;
        }
        if (sizeLimit > 0 && len > sizeLimit) {
            txTooLarge++;
            return false;
        }
        if (txRate > 0) {
            refill(now);
            if (txTokens == 0) {
                txRateLimited++;
                return false;
            }
            txTokens--;
        }
        if (corruptPercent > 0 && random.chance(corruptPercent)) {
            corrupt(buf, off, len);
            txCorrupted++;
        }
        return true;
    }

    private void refill(long now) {
        if (!bucketsStarted || now - refilledAt >= shapingIntervalMicros) {
            bucketsStarted = true;
            refilledAt = now;
            txTokens = txRate;
            rxTokens = rxRate;
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
}
