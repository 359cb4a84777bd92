package org.smoltcp4j.iface.sixlowpan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The frames scapy built and the IPv6 packets scapy says they carry, read from
 * {@code scapy-vectors.txt} (generated once by {@code scapy_vectors.py} beside it).
 */
record GoldenVectors(String name, List<byte[]> frames, byte[] ipv6) {

    /** scapy's node A and B (extended addresses), PAN, and the short addresses 1 and 2 some vectors use. */
    static final long EXT_A = LowpanNode.A;
    static final long EXT_B = LowpanNode.B;
    static final int PAN = 0xabcd;

    static List<GoldenVectors> load() {
        List<GoldenVectors> vectors = new ArrayList<>();
        try (InputStream in = GoldenVectors.class.getResourceAsStream("scapy-vectors.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] parts = line.trim().split(" ");
                List<byte[]> frames = new ArrayList<>();
                for (String frame : parts[1].split(";")) {
                    frames.add(HexFormat.of().parseHex(frame));
                }
                vectors.add(new GoldenVectors(parts[0], frames, HexFormat.of().parseHex(parts[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vectors;
    }

    static GoldenVectors named(String name) {
        return load().stream().filter(v -> v.name.equals(name)).findFirst().orElseThrow();
    }

    @Override
    public String toString() {
        return name;
    }
}
