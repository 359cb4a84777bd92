package org.smoltcp4j.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDirectoryTest {

    private static final byte[] CLASS_FILE = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};

    @TempDir
    Path root;

    private void write(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, CLASS_FILE);
    }

    @Test
    void readsClassFilesAndLeavesOutExcludedPackagesAndTheirSubpackages() throws IOException {
        write("org/smoltcp4j/hal/Natives.class");
        write("org/smoltcp4j/hal/host/TapDevice.class");
        write("org/smoltcp4j/hal/host/tap/Ioctl.class");
        write("org/smoltcp4j/hal/hostile/Kept.class");
        write("org/smoltcp4j/hal/mock/Mock.class");

        ClassDirectory directory = ClassDirectory.read(root,
                List.of("org.smoltcp4j.hal.host", "org.smoltcp4j.hal.mock"));

        assertEquals(2, directory.included().size());
        assertEquals(3, directory.excludedCount());
        assertEquals(5, directory.visitedCount());
        assertArrayEquals(CLASS_FILE, directory.included().get(0));
    }

    @Test
    void ignoresModuleInfoAndFilesThatAreNotClassFiles() throws IOException {
        write("module-info.class");
        write("org/smoltcp4j/wire/notes.txt");
        write("Default.class");

        ClassDirectory directory = ClassDirectory.read(root, List.of());

        assertEquals(1, directory.included().size());
        assertEquals(0, directory.excludedCount());
    }

    @Test
    void missingDirectoryIsAnError() {
        IOException e = assertThrows(IOException.class,
                () -> ClassDirectory.read(root.resolve("absent"), List.of()));
        assertEquals(root.resolve("absent") + " is not a directory of compiled classes", e.getMessage());
    }
}
