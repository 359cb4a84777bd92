package org.smoltcp4j.iface.sixlowpan;

import org.smoltcp4j.wire.Ieee802154Frame;
import org.smoltcp4j.wire.Ieee802154Repr;

/**
 * Writes the IEEE 802.15.4 MAC header of every data frame the node sends: a 2006 data frame
 * within the node's PAN (PAN ID compression: one PAN field), a sequence number counting frames,
 * an acknowledgement request for unicast (the radio waits for the ACK and retries), and the
 * node's own address as source.
 *
 * <p>The source is the extended address unless the IPv6 source's interface identifier is the one
 * made from the node's short address: stateless IPHC then elides the IID either way, and the short
 * form saves 6 octets of MAC header. The interface's link-local address is made from the extended
 * address (contract section 2), so using the short address for it would save 6 octets in the MAC
 * header but cost 8 in-line in IPHC.
 */
public final class Ieee802154Framer {

    private final Ieee802154Repr repr = new Ieee802154Repr();
    private final Ieee802154Frame view = new Ieee802154Frame();
    private final int panId;
    private final long extendedSource;
    private final long shortSource;
    private final long shortInterfaceId;
    private int sequenceNumber;

    /**
     * A framer for the node with extended address {@code extendedAddress} (the EUI-64, most
     * significant octet first; not 0 or all ones) and the PAN and short address of {@code config}.
     * Its first frame carries sequence number {@code firstSequenceNumber} (low 8 bits): IEEE
     * 802.15.4 has macDSN start at a random value, so that a receiver filtering duplicates by
     * sequence number does not take a rebooted node's first frames for retransmissions.
     */
    public Ieee802154Framer(SixlowpanConfig config, long extendedAddress, int firstSequenceNumber) {
        if (extendedAddress == 0 || extendedAddress == -1L) {
            throw new IllegalArgumentException("an IEEE 802.15.4 interface needs an extended address (InterfaceConfig.extendedAddress), got 0x"
                    + Long.toHexString(extendedAddress));
        }
        panId = config.panId();
        sequenceNumber = firstSequenceNumber & 0xff;
        extendedSource = extendedAddress;
        shortSource = config.hasShortAddress() ? LinkAddress.ofShort(config.shortAddress()) : LinkAddress.NONE;
        shortInterfaceId = shortSource == LinkAddress.NONE ? 0 : LinkAddress.interfaceId(shortSource);
        repr.setFrameType(Ieee802154Frame.TYPE_DATA).setFrameVersion(Ieee802154Frame.VERSION_2006).setPanIdCompression(true)
                .setDstPan(panId);
    }

    /** The link source for a packet from IPv6 source interface identifier {@code sourceLow} (see the class comment). */
    public long sourceFor(long sourceLow) {
        return shortSource != LinkAddress.NONE && sourceLow == shortInterfaceId ? shortSource : extendedSource;
    }

    /** Octets of the header {@link #emit} writes for these addresses. */
    public int headerLength(long linkSource, long linkDestination) {
        return 3 + 2 + addressLength(linkDestination) + addressLength(linkSource);
    }

    private static int addressLength(long link) {
        return Ieee802154Frame.addressLength(LinkAddress.mode(link));
    }

    /**
     * Writes the header of the next frame from {@code linkSource} to {@code linkDestination} at
     * {@code out[at..]} (room for {@link #headerLength} bytes) and returns its length.
     */
    public int emit(byte[] out, int at, long linkSource, long linkDestination) {
        int length = headerLength(linkSource, linkDestination);
        repr.setSequenceNumber(sequenceNumber).setAckRequest(linkDestination != LinkAddress.BROADCAST)
                .setDstAddress(LinkAddress.mode(linkDestination), LinkAddress.value(linkDestination))
                .setSrcAddress(LinkAddress.mode(linkSource), LinkAddress.value(linkSource));
        repr.emit(view.wrap(out, at, length));
        sequenceNumber = (sequenceNumber + 1) & 0xff;
        return length;
    }

    public int panId() {
        return panId;
    }

    public long extendedAddress() {
        return extendedSource;
    }

    /** The node's short address in {@link LinkAddress} form, {@link LinkAddress#NONE} without one. */
    public long shortAddress() {
        return shortSource;
    }
}
