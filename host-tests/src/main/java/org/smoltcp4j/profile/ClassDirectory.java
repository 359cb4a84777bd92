package org.smoltcp4j.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class files of one compiled output directory (e.g. {@code stack/target/classes}), minus the
 * packages excluded from the scan.
 *
 * @param included      the contents of the class files to check
 * @param excludedCount how many class files were found but left out by package
 */
public record ClassDirectory(List<byte[]> included, int excludedCount) {

    /** Every class file found, checked or excluded: 0 means nothing was compiled there. */
    public int visitedCount() {
        return included.size() + excludedCount;
    }

    /**
     * Reads every {@code .class} file under {@code root} except {@code module-info.class} and those
     * in an excluded package.
     *
     * @param excludedPackages dotted package prefixes; a prefix excludes that package and its
     *                         subpackages ({@code org.smoltcp4j.hal.host} excludes
     *                         {@code org.smoltcp4j.hal.host.tap} but not {@code org.smoltcp4j.hal.hostile})
     * @throws IOException if {@code root} is not a readable directory
     */
    public static ClassDirectory read(Path root, List<String> excludedPackages) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a directory of compiled classes");
        }
        List<byte[]> included = new ArrayList<>();
        int excluded = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file) || !name.endsWith(".class")
                        || name.equals("module-info.class")) {
                    continue;
                }
                if (isExcluded(packageOf(root.relativize(file)), excludedPackages)) {
                    excluded++;
                } else {
                    included.add(Files.readAllBytes(file));
                }
            }
        }
        return new ClassDirectory(List.copyOf(included), excluded);
    }

    private static String packageOf(Path relativeClassFile) {
        Path parent = relativeClassFile.getParent();
        return parent == null ? "" : parent.toString().replace(relativeClassFile.getFileSystem()
                .getSeparator(), ".");
    }

    private static boolean isExcluded(String packageName, List<String> excludedPackages) {
        return excludedPackages.stream().anyMatch(prefix ->
                packageName.equals(prefix) || packageName.startsWith(prefix + "."));
    }
}
