package org.smoltcp4j.socket;

import org.smoltcp4j.storage.PacketBuffer;

/**
 * What the datagram sockets (UDP, ICMP, raw) share: a receive queue and a send queue of whole
 * packets, each a {@link PacketBuffer} whose metadata words carry the packet's addresses (remote
 * and local, each in the IPv6 form of two words, IPv4 mapped) and ports, and the application
 * calls on them. Every call returns a status instead of blocking or throwing for
 * conditions of normal operation: an empty queue is {@link #EMPTY}, a full one
 * {@link #SEND_BUFFER_FULL}.
 *
 * <p>In-place use, without copies: {@link #beginSend} reserves a packet in the send queue and
 * returns where to write it in {@link #sendBuffer()}, {@link #commitSend()} releases it to the
 * interface; {@link #peek()} returns the length of the first received packet, which lies in
 * {@link #receiveBuffer()} from {@link #receiveOffset()}, and {@link #discard()} removes it.
 */
public abstract class DatagramSocket extends Socket {

    /** Result of {@link #recv}, {@link #peek} when no packet is queued. */
    public static final int EMPTY = -1;
    /** Result of a send when the send queue has no room now (it frees as the interface sends). */
    public static final int SEND_BUFFER_FULL = -2;
    /** Result of a send that queued the packet. */
    public static final int SEND_OK = 0;

    /** Metadata words every datagram socket's buffers must have. */
    public static final int METADATA_WORDS = 5;

    /** Metadata word: the remote address's high half (the destination of a sent packet, the source of a received one). */
    protected static final int WORD_REMOTE_HIGH = 0;
    /** Metadata word: the remote address's low half. */
    protected static final int WORD_REMOTE_LOW = 1;
    /** Metadata word: the local address's high half (the source of a sent packet, the destination of a received one). */
    protected static final int WORD_LOCAL_HIGH = 2;
    /** Metadata word: the local address's low half. */
    protected static final int WORD_LOCAL_LOW = 3;
    /** Metadata word: the ports, or whatever else the socket keeps per packet. */
    protected static final int WORD_PORTS = 4;

    private final PacketBuffer rx;
    private final PacketBuffer tx;
    /** Send-queue slot lent by {@link #beginSend} and not yet committed, or -1. */
    private int reservedSlot = -1;
    /** The metadata of the packet last returned by {@link #peek()} or {@link #recv}. */
    private final long[] receivedWords = new long[METADATA_WORDS];

    protected DatagramSocket(int type, PacketBuffer rx, PacketBuffer tx) {
        super(type);
        this.rx = checkedBuffer("receive", rx);
        this.tx = checkedBuffer("send", tx);
    }

    private static PacketBuffer checkedBuffer(String which, PacketBuffer buffer) {
        if (buffer == null) {
            throw new NullPointerException(which + " buffer is null");
        }
        if (buffer.metadataWords() < METADATA_WORDS) {
            throw new IllegalArgumentException("the " + which + " buffer needs " + METADATA_WORDS
                    + " metadata words per packet, got " + buffer.metadataWords());
        }
        return buffer;
    }

    // --- application: sending --------------------------------------------------------------------

    /** True when the send queue has a free packet slot. */
    public final boolean canSend() {
        return !tx.isFull();
    }

    /**
     * Commits the packet reserved by the last {@code beginSend}: the interface may send it from
     * the next poll on.
     */
    public final void commitSend() {
        if (reservedSlot < 0) {
            throw new IllegalStateException("no send is reserved: call beginSend first");
        }
        reservedSlot = -1;
    }

    /** The array the packet reserved by {@code beginSend} is written into. */
    public final byte[] sendBuffer() {
        return tx.payloadStorage();
    }

    public final int packetSendCapacity() {
        return tx.metadataCapacity();
    }

    public final int payloadSendCapacity() {
        return tx.payloadCapacity();
    }

    // --- application: receiving ------------------------------------------------------------------

    /** True when a received packet is queued. */
    public final boolean canRecv() {
        return !rx.isEmpty();
    }

    /**
     * Removes the first received packet, copying at most {@code maxLen} bytes of it into
     * {@code dst[off, ...)} (the rest of a longer packet is dropped, as smoltcp's recv_slice).
     *
     * @return the number of bytes copied, or {@link #EMPTY}
     */
    public final int recv(byte[] dst, int off, int maxLen) {
        int copied = peek(dst, off, maxLen);
        if (copied != EMPTY) {
            rx.dequeue();
        }
        return copied;
    }

    /** As {@link #recv(byte[], int, int)}, but the packet stays queued. */
    public final int peek(byte[] dst, int off, int maxLen) {
        checkRange(dst, off, maxLen);
        int length = peek();
        if (length == EMPTY) {
            return EMPTY;
        }
        int copied = Math.min(length, maxLen);
        System.arraycopy(rx.payloadStorage(), receiveOffset(), dst, off, copied);
        return copied;
    }

    /**
     * The length of the first received packet, which stays queued and lies in
     * {@link #receiveBuffer()} from {@link #receiveOffset()}, or {@link #EMPTY}. Its addresses
     * become readable through the subclass's accessors.
     */
    public final int peek() {
        int slot = rx.peek();
        if (slot == PacketBuffer.EMPTY) {
            return EMPTY;
        }
        for (int i = 0; i < METADATA_WORDS; i++) {
            receivedWords[i] = rx.metadata(slot, i);
        }
        return rx.payloadLength(slot);
    }

    /** Removes the first received packet (after reading it in place); false when none was queued. */
    public final boolean discard() {
        return rx.dequeue() != PacketBuffer.EMPTY;
    }

    /** The array received packets lie in. */
    public final byte[] receiveBuffer() {
        return rx.payloadStorage();
    }

    /** Where the first received packet starts in {@link #receiveBuffer()}; call {@link #peek()} first. */
    public final int receiveOffset() {
        int slot = rx.peek();
        if (slot == PacketBuffer.EMPTY) {
            throw new IllegalStateException("no packet is received: check peek() for EMPTY first");
        }
        return rx.payloadStart(slot);
    }

    public final int packetRecvCapacity() {
        return rx.metadataCapacity();
    }

    public final int payloadRecvCapacity() {
        return rx.payloadCapacity();
    }

    // --- for subclasses --------------------------------------------------------------------------

    /**
     * Reserves {@code length} bytes in the send queue with the given metadata (see the
     * {@code WORD_} constants).
     *
     * @return the offset in {@link #sendBuffer()} to write at, or {@link #SEND_BUFFER_FULL}
     * @throws IllegalArgumentException when the packet is larger than the send buffer can ever hold
     */
    protected final int reserveSend(int length, long remoteHigh, long remoteLow, long localHigh, long localLow, long ports) {
        if (reservedSlot >= 0) {
            throw new IllegalStateException("a send is already reserved: commitSend it first");
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        int slot = tx.enqueue(length);
        if (slot == PacketBuffer.TOO_LARGE) {
            throw new IllegalArgumentException("a packet of " + length + " bytes exceeds this socket's send buffer of "
                    + tx.payloadCapacity() + " bytes");
        }
        if (slot < 0) {
            return SEND_BUFFER_FULL;
        }
        setMetadata(tx, slot, remoteHigh, remoteLow, localHigh, localLow, ports);
        reservedSlot = slot;
        return tx.payloadStart(slot);
    }

    /** Copies {@code data[off, off + len)} into a reserved packet and commits it: {@link #SEND_OK} or {@link #SEND_BUFFER_FULL}. */
    protected final int sendCopy(byte[] data, int off, int len, long remoteHigh, long remoteLow, long localHigh,
            long localLow, long ports) {
        checkRange(data, off, len);
        int at = reserveSend(len, remoteHigh, remoteLow, localHigh, localLow, ports);
        if (at < 0) {
            return at;
        }
        System.arraycopy(data, off, tx.payloadStorage(), at, len);
        commitSend();
        return SEND_OK;
    }

    /** The slot of the next committed packet to send, or -1. */
    protected final int nextToSend() {
        int slot = tx.peek();
        return slot == PacketBuffer.EMPTY || slot == reservedSlot ? -1 : slot;
    }

    protected final PacketBuffer sendQueue() {
        return tx;
    }

    /**
     * Handles an emitter's refusal of the packet {@link #nextToSend()} named: one that can never go
     * (no route, too large) is dropped and {@link #DISPATCH_IDLE} returned; otherwise it stays
     * queued for a later poll and {@link #DISPATCH_BLOCKED} is returned.
     */
    protected final int refused(int emitterStatus) {
        if (emitterStatus == PacketEmitter.NO_ROUTE || emitterStatus == PacketEmitter.TOO_LARGE) {
            tx.dequeue();
            return DISPATCH_IDLE;
        }
        return blocked(emitterStatus);
    }

    /** Commits the packet written into {@code emitter} and removes it from the send queue: {@link #DISPATCH_SENT}. */
    protected final int committed(PacketEmitter emitter) {
        emitter.commit();
        tx.dequeue();
        return DISPATCH_SENT;
    }

    /** Queues a received packet; false when the receive queue has no room (the caller counts the drop). */
    protected final boolean received(byte[] src, int off, int len, long remoteHigh, long remoteLow, long localHigh,
            long localLow, long ports) {
        int slot = rx.enqueue(len);
        if (slot < 0) {
            return false;
        }
        System.arraycopy(src, off, rx.payloadStorage(), rx.payloadStart(slot), len);
        setMetadata(rx, slot, remoteHigh, remoteLow, localHigh, localLow, ports);
        return true;
    }

    private static void setMetadata(PacketBuffer queue, int slot, long remoteHigh, long remoteLow, long localHigh,
            long localLow, long ports) {
        queue.setMetadata(slot, WORD_REMOTE_HIGH, remoteHigh);
        queue.setMetadata(slot, WORD_REMOTE_LOW, remoteLow);
        queue.setMetadata(slot, WORD_LOCAL_HIGH, localHigh);
        queue.setMetadata(slot, WORD_LOCAL_LOW, localLow);
        queue.setMetadata(slot, WORD_PORTS, ports);
    }

    /** Metadata word {@code index} (a {@code WORD_} constant) of the packet last returned by {@link #peek()} or {@link #recv}. */
    protected final long receivedWord(int index) {
        return receivedWords[index];
    }

    /** Empties both queues. */
    protected final void resetQueues() {
        rx.reset();
        tx.reset();
        reservedSlot = -1;
    }

    /** {@link Socket#pollAt}: now while a committed packet waits to be sent. */
    @Override
    public long pollAt(SocketContext context) {
        return nextToSend() >= 0 ? context.now() : POLL_NEVER;
    }

    /** Checks a TTL given by the application: 1..255 (RFC 1122 section 3.2.1.7 forbids 0). */
    protected static int checkedTtl(String what, int ttl) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException(what + " must be 1..255, got " + ttl);
        }
        return ttl;
    }

    private static void checkRange(byte[] array, int off, int len) {
        if (array == null) {
            throw new NullPointerException("buffer is null");
        }
        if (off < 0 || len < 0 || off > array.length - len) {
            throw new IndexOutOfBoundsException("offset " + off + " and length " + len + " are outside an array of "
                    + array.length + " bytes");
        }
    }
}
