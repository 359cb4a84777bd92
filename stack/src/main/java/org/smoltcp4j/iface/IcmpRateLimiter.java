package org.smoltcp4j.iface;

/**
 * The token bucket that limits the ICMP errors the interface sends by itself (RFC 1812 section
 * 4.3.2.8, RFC 4443 section 2.4 f): {@code perSecond} tokens, refilled continuously; each error
 * takes one. One per family, so a flood of IPv4 errors leaves the IPv6 budget alone.
 */
final class IcmpRateLimiter {

    private final int perSecond;
    private long tokens;
    private long lastRefill = Long.MIN_VALUE;

    IcmpRateLimiter(int perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
    }

    /** True, and one token used, when an error may go out at {@code now}. */
    boolean take(long now) {
        if (perSecond == 0) {
            return false;
        }
        if (lastRefill == Long.MIN_VALUE) {
            lastRefill = now;
        }
        long elapsed = now - lastRefill;
        long refill = elapsed * perSecond / 1_000_000L;
        if (refill > 0) {
            tokens = Math.min(perSecond, tokens + refill);
            lastRefill += refill * 1_000_000L / perSecond;
        }
        if (tokens == 0) {
            return false;
        }
        tokens--;
        return true;
    }
}
