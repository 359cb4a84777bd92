package org.smoltcp4j.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the compiled class files of test classes, to feed them to the checkers. */
final class PlantedClasses {

    private PlantedClasses() {
    }

    static List<byte[]> classFiles(Class<?>... classes) {
        List<byte[]> files = new ArrayList<>();
        for (Class<?> type : classes) {
            String resource = "/" + type.getName().replace('.', '/') + ".class";
            try (InputStream in = type.getResourceAsStream(resource)) {
                files.add(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return files;
    }
}
