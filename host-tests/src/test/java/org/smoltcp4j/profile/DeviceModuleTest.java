package org.smoltcp4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceModuleTest {

    @TempDir
    Path dir;

    private DeviceModule module() {
        return new DeviceModule("stack", dir.resolve("src/main/java"), dir.resolve("target/classes"),
                List.of("org.smoltcp4j.hal.host"));
    }

    private void write(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
    }

    @Test
    void moduleWithoutSourceDirectoryHasNothingToScan() throws IOException {
        assertFalse(module().hasSources());
    }

    @Test
    void sourceDirectoryWithoutJavaFilesHasNothingToScan() throws IOException {
        write("src/main/java/org/smoltcp4j/.gitkeep");
        assertFalse(module().hasSources());
    }

    @Test
    void moduleWithSourcesButNoClassesDirectoryFails() throws IOException {
        write("src/main/java/org/smoltcp4j/time/Instant.java");
        assertTrue(module().hasSources());
        IllegalStateException e = assertThrows(IllegalStateException.class, module()::compiledClasses);
        assertEquals("module stack has main sources in " + dir.resolve("src/main/java") + " but there"
                + " is no " + dir.resolve("target/classes") + ": it must be compiled before host-tests"
                + " runs (check the reactor order)", e.getMessage());
    }

    @Test
    void moduleWithSourcesAndAnEmptyClassesDirectoryFails() throws IOException {
        write("src/main/java/org/smoltcp4j/time/Instant.java");
        Files.createDirectories(dir.resolve("target/classes/org/smoltcp4j"));
        IllegalStateException e = assertThrows(IllegalStateException.class, module()::compiledClasses);
        assertTrue(e.getMessage().contains("holds no class file"), e.getMessage());
    }

    @Test
    void compiledClassesHonourTheExclusions() throws IOException {
        write("target/classes/org/smoltcp4j/hal/Natives.class");
        write("target/classes/org/smoltcp4j/hal/host/Tap.class");
        ClassDirectory classes = module().compiledClasses();
        assertEquals(1, classes.included().size());
        assertEquals(1, classes.excludedCount());
    }

    @Test
    void readsPathsAndExclusionsFromSystemProperties() {
        String name = "profile-test-module";
        System.setProperty(DeviceModule.property(name, "sources"), "/m/src/main/java");
        System.setProperty(DeviceModule.property(name, "classes"), "/m/target/classes");
        System.setProperty(DeviceModule.property(name, "excluded"), " a.b , c.d,,");
        try {
            assertEquals(new DeviceModule(name, Path.of("/m/src/main/java"), Path.of("/m/target/classes"),
                    List.of("a.b", "c.d")), DeviceModule.fromSystemProperties(name));
        } finally {
            System.clearProperty(DeviceModule.property(name, "sources"));
            System.clearProperty(DeviceModule.property(name, "classes"));
            System.clearProperty(DeviceModule.property(name, "excluded"));
        }
    }

    @Test
    void missingSystemPropertyIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DeviceModule.fromSystemProperties("no-such-module"));
        assertEquals("system property device.no-such-module.sources is not set; run this test through"
                + " Maven (host-tests/pom.xml sets it)", e.getMessage());
    }
}
