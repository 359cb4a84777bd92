package org.smoltcp4j.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test helper: hex strings and hex resource files (golden frames) to bytes. */
final class Hex8 {

    private Hex8() {
    }

    static byte[] parse(String hex) {
        String clean = hex.replaceAll("[^0-9a-fA-F]", "");
        byte[] out = new byte[clean.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(clean.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** The bytes of {@code sixlowpan/NAME.hex} next to this class. */
    static byte[] sixlowpan(String name) {
        try (InputStream in = Hex8.class.getResourceAsStream("sixlowpan/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden frame " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
