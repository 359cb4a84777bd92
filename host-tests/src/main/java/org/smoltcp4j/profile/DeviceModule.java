package org.smoltcp4j.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One device-profile module of the reactor (stack, hal, firmware) as the checks see it: where its
 * main sources and compiled classes are, and which packages in it are host-profile code.
 *
 * @param name             module name, for messages
 * @param sources          its {@code src/main/java}
 * @param classes          its {@code target/classes}
 * @param excludedPackages dotted package prefixes of host-profile code that is not scanned
 */
public record DeviceModule(String name, Path sources, Path classes, List<String> excludedPackages) {

    /** The system property prefix the build uses to describe module {@code name}. */
    static String property(String name, String key) {
        return "device." + name + "." + key;
    }

    /**
     * The module described by the system properties {@code device.<name>.sources},
     * {@code device.<name>.classes} and the optional comma-separated
     * {@code device.<name>.excluded} (set by host-tests/pom.xml for surefire).
     *
     * @throws IllegalStateException if a required property is missing (not run through Maven)
     */
    public static DeviceModule fromSystemProperties(String name) {
        String excluded = System.getProperty(property(name, "excluded"), "");
        return new DeviceModule(name, Path.of(required(name, "sources")),
                Path.of(required(name, "classes")),
                Arrays.stream(excluded.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    private static String required(String name, String key) {
        String value = System.getProperty(property(name, key));
        if (value == null) {
            throw new IllegalStateException("system property " + property(name, key)
                    + " is not set; run this test through Maven (host-tests/pom.xml sets it)");
        }
        return value;
    }

    /** Whether the module has at least one main {@code .java} source, i.e. something to scan. */
    public boolean hasSources() throws IOException {
        if (!Files.isDirectory(sources)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.anyMatch(file -> file.toString().endsWith(".java"));
        }
    }

    /**
     * The module's compiled classes, minus the excluded packages.
     *
     * @throws IllegalStateException if the module has sources but no compiled class file: the
     *                               module was not built before host-tests (wrong build order)
     */
    public ClassDirectory compiledClasses() throws IOException {
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(notBuilt("there is no " + classes));
        }
        ClassDirectory directory = ClassDirectory.read(classes, excludedPackages);
        if (directory.visitedCount() == 0) {
            throw new IllegalStateException(notBuilt(classes + " holds no class file"));
        }
        return directory;
    }

    private String notBuilt(String what) {
        return "module " + name + " has main sources in " + sources + " but " + what
                + ": it must be compiled before host-tests runs (check the reactor order)";
    }
}
