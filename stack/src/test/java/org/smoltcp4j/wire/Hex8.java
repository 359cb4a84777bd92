package org.smoltcp4j.wire;

/** Test helper: hex strings to bytes. */
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
}
