package org.smoltcp4j.firmware;

import org.smoltcp4j.hal.DeviceIdentity;
import org.smoltcp4j.hal.HardwareRandom;
import org.smoltcp4j.hal.HardwareTimer;
import org.smoltcp4j.socket.SeededTcpSequenceSource;
import org.smoltcp4j.socket.SipHash;
import org.smoltcp4j.socket.TcpSequenceSource;

/**
 * The secrets of one boot: 128 bits from the chip's hardware random number generator
 * ({@link HardwareRandom}), from which the keys of the stack are derived with SipHash-2-4 keyed by
 * them, one tagged message per use, so that what one use reveals (the IPv4 identifications and
 * 6LoWPAN sequence numbers of the interface's generator are visible on the wire) says nothing
 * about the others:
 * <ul>
 * <li>the key of the TCP sequence source (RFC 6528 ISNs, RFC 6056 ephemeral ports, RFC 7323
 * timestamp offsets), secret and new on every boot as RFC 6528 section 3 requires;</li>
 * <li>the interface's random seed (IPv4 identification as RFC 7739 wants it, IGMP report delays,
 * the 6LoWPAN datagram tag and the IEEE 802.15.4 sequence number).</li>
 * </ul>
 * A chip without a generator (the MPS2 AN500) or one that fails gets secrets from what it has, its
 * unique ID (if any) and the hardware timer at boot, which an observer can guess: the boot log then
 * says so. Nothing secret is ever printed.
 */
final class BootSecrets {

    /** The bytes of entropy read at boot: one SipHash key. */
    static final int ENTROPY_BYTES = 16;
    /** The warning a board without a working generator prints. */
    static final String PREDICTABLE = "TCP initial sequence numbers are predictable";

    private static final long TAG_TCP_KEY_HIGH = 1;
    private static final long TAG_TCP_KEY_LOW = 2;
    private static final long TAG_INTERFACE_SEED = 3;
    /** SipHash key of the fallback's mixing (public: the fallback has no secret to keep). */
    private static final long FALLBACK_K0 = 0x736d6f6c74637034L;
    private static final long FALLBACK_K1 = 0x6a2d626f6f742d31L;

    private final SipHash derive;

    private BootSecrets(long k0, long k1) {
        derive = new SipHash(k0, k1);
    }

    /**
     * Reads {@link #ENTROPY_BYTES} from the hardware generator; when it answers an error, falls back
     * to the unique ID and the timer and appends the warning to {@code log}.
     */
    static BootSecrets read(StringBuilder log) {
        byte[] entropy = new byte[ENTROPY_BYTES];
        int status = HardwareRandom.fill(entropy, 0, ENTROPY_BYTES);
        if (status == ENTROPY_BYTES) {
            log.append("secrets: ").append(ENTROPY_BYTES).append(" bytes from the hardware random number generator\n");
            return fromEntropy(entropy);
        }
        appendWarning(log, status);
        return fallback(HardwareTimer.nowMicros());
    }

    /** The secrets keyed with {@code entropy[0, 16)} (little-endian words, as SipHash reads a key). */
    static BootSecrets fromEntropy(byte[] entropy) {
        return new BootSecrets(littleEndian(entropy, 0), littleEndian(entropy, 8));
    }

    /**
     * Secrets from the chip's unique ID (when it has one) and {@code timerMicros}: different on
     * different boards and, with a timer that varies at boot, on different boots, but guessable.
     */
    static BootSecrets fallback(long timerMicros) {
        byte[] id = new byte[DeviceIdentity.MAX_LENGTH];
        int length = DeviceIdentity.uniqueId(id);
        SipHash mix = new SipHash(FALLBACK_K0, FALLBACK_K1);
        long idWords = mix.hash(id, 0, Math.max(0, length));
        return new BootSecrets(mix.hash(idWords, timerMicros), mix.hash(timerMicros, idWords));
    }

    /** One sequence source for all TCP sockets (its numbers depend on the 4-tuple, ports included). */
    TcpSequenceSource tcpSequences() {
        return new SeededTcpSequenceSource(derive.hash(TAG_TCP_KEY_HIGH, 0), derive.hash(TAG_TCP_KEY_LOW, 0));
    }

    /** The seed of the interface's pseudo-random choices. */
    long interfaceSeed() {
        return derive.hash(TAG_INTERFACE_SEED, 0);
    }

    private static void appendWarning(StringBuilder log, int status) {
        log.append("warning: ");
        switch (status) {
            case HardwareRandom.ERROR_NO_RNG:
                log.append("no hardware RNG");
                break;
            case HardwareRandom.ERROR_SEED:
                log.append("hardware RNG seed error (ERROR_SEED)");
                break;
            case HardwareRandom.ERROR_CLOCK:
                log.append("hardware RNG clock error (ERROR_CLOCK)");
                break;
            case HardwareRandom.ERROR_TIMEOUT:
                log.append("hardware RNG gave no value in time (ERROR_TIMEOUT)");
                break;
            default:
                log.append("hardware RNG answered ").append(status);
                break;
        }
        log.append(": ").append(PREDICTABLE).append(" (secrets from the chip's unique ID and the boot time)\n");
    }

    private static long littleEndian(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | bytes[offset + i] & 0xffL;
        }
        return value;
    }
}
