package org.smoltcp4j.hal.mock;

import java.util.ArrayList;
import java.util.List;
import org.smoltcp4j.hal.Ieee802154Radio;
import org.smoltcp4j.wire.Ieee802154Frame;
import org.smoltcp4j.wire.WireStatus;

/**
 * A simulated IEEE 802.15.4 medium in one process: radios ({@link RadioNode}) {@link #join} it,
 * and a frame one sends reaches, at once, every other started radio on the same channel, which
 * filters it by PAN ID and address as hardware does, queues it and sends the acknowledgement when
 * asked. A test can jam a channel ({@link #setChannelBusy}: clear channel assessment fails),
 * corrupt a radio's next receptions ({@link RadioNode#corruptNextReceptions}: no ACK, so the sender
 * retries) and set the signal a radio hears ({@link RadioNode#setSignal}). There are no collisions:
 * transmissions are serialised by this object's lock, which also makes the medium safe to use from
 * several threads (the mocked board's main loop and a test's peer radios).
 */
public final class RadioMedium {

    /** Retransmissions after a missing acknowledgement (macMaxFrameRetries' default). */
    public static final int MAX_FRAME_RETRIES = 3;
    /** The energy {@code energyDetect} reports on a quiet channel, in dBm. */
    public static final int NOISE_FLOOR_DBM = -100;
    /** The energy {@code energyDetect} reports on a jammed channel, in dBm. */
    public static final int JAMMED_DBM = -30;

    private final List<RadioNode> nodes = new ArrayList<>();
    private final boolean[] busyChannels = new boolean[Ieee802154Radio.LAST_CHANNEL + 1];
    private final Ieee802154Frame view = new Ieee802154Frame();

    /** A new radio on this medium, not yet started (its {@code init} sets channel and addresses). */
    public synchronized RadioNode join() {
        RadioNode node = new RadioNode(this);
        nodes.add(node);
        return node;
    }

    /** Jams {@code channel} (11..26) or frees it: while jammed, every clear channel assessment on it fails. */
    public synchronized void setChannelBusy(int channel, boolean busy) {
        if (!isChannel(channel)) {
            throw new IllegalArgumentException("channel must be " + Ieee802154Radio.FIRST_CHANNEL + ".."
                    + Ieee802154Radio.LAST_CHANNEL + ", got " + channel);
        }
        busyChannels[channel] = busy;
    }

    static boolean isChannel(int channel) {
        return channel >= Ieee802154Radio.FIRST_CHANNEL && channel <= Ieee802154Radio.LAST_CHANNEL;
    }

    /** {@code energyDetect}'s answer for a started radio and a valid channel. */
    synchronized int energy(int channel) {
        return busyChannels[channel] ? JAMMED_DBM : NOISE_FLOOR_DBM;
    }

    /**
     * Sends {@code frame[offset .. offset + length)} from {@code sender} (started, arguments
     * checked): CCA, delivery to every listener, and the acknowledgement wait with retries when
     * {@code ackRequest} and the frame has a unicast destination. Returns a {@code TX_*} result.
     */
    synchronized int transmit(RadioNode sender, byte[] frame, int offset, int length, boolean ackRequest) {
        if (busyChannels[sender.channel()]) {
            sender.count(Ieee802154Radio.STAT_TX_CCA_FAILED);
            return Ieee802154Radio.TX_CCA_FAILED;
        }
        sender.count(Ieee802154Radio.STAT_TX_FRAMES);
        boolean waitForAck = ackRequest && isUnicast(frame, offset, length);
        for (int attempt = 0; attempt <= MAX_FRAME_RETRIES; attempt++) {
            if (attempt > 0) {
                sender.count(Ieee802154Radio.STAT_TX_RETRIES);
            }
            boolean acknowledged = false;
            for (int i = 0; i < nodes.size(); i++) {
                RadioNode node = nodes.get(i);
                if (node != sender && node.listensOn(sender.channel())) {
                    acknowledged |= node.hear(view, frame, offset, length);
                }
            }
            if (!waitForAck || acknowledged) {
                return Ieee802154Radio.TX_OK;
            }
        }
        sender.count(Ieee802154Radio.STAT_TX_NO_ACK);
        return Ieee802154Radio.TX_NO_ACK;
    }

    /** Whether the frame has one destination address (not absent, not the broadcast short address). */
    private boolean isUnicast(byte[] frame, int offset, int length) {
        if (view.wrap(frame, offset, length).check() != WireStatus.OK) {
            return false;
        }
        int mode = view.dstAddressingMode();
        return mode == Ieee802154Frame.MODE_EXTENDED
                || mode == Ieee802154Frame.MODE_SHORT && view.dstAddress() != Ieee802154Frame.BROADCAST_SHORT;
    }
}
