package org.smoltcp4j.profile;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The classes each scanned class refers to, as found by {@link ReferenceCollector}. */
public final class ClassDependencies {

    private ClassDependencies() {
    }

    /**
     * Maps the dotted name of each class to the dotted names of the other classes it names
     * anywhere (header, fields, descriptors, instructions, member owners).
     */
    public static Map<String, Set<String>> of(Collection<byte[]> classFiles) {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        for (byte[] classFile : classFiles) {
            Set<String> used = new TreeSet<>();
            ReferenceCollector collector = new ReferenceCollector() {
                @Override
                void onType(String where, String internalName) {
                    used.add(internalName.replace('/', '.'));
                }

                @Override
                void onMember(String where, String owner, String name) {
                    onType(where, owner);
                }
            };
            collector.scan(classFile);
            String self = collector.className().replace('/', '.');
            used.remove(self);
            dependencies.put(self, used);
        }
        return dependencies;
    }
}
