package org.smoltcp4j.profile;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Counts the reference-typed (object or array) instance fields of each scanned class, superclasses
 * included, for MicroEJ's limit of 31 (microej.md section 5).
 *
 * <p>Superclasses are resolved among the scanned classes. A JDK superclass counts 0: the EDC
 * classes device code may extend (Object, Exception and the other Throwables, Thread) have no
 * reference fields that MicroEJ counts against the application. Any other superclass that is not
 * among the scanned classes cannot be counted; {@link #missingAncestor} names it so the checker
 * reports it instead of guessing.
 */
final class ReferenceFieldCounts {

    private final Map<String, String> superclassOf = new HashMap<>();
    private final Map<String, Integer> ownCountOf = new HashMap<>();

    private ReferenceFieldCounts() {
    }

    /** Reads the class headers and fields of the given class files. */
    static ReferenceFieldCounts of(Collection<byte[]> classFiles) {
        ReferenceFieldCounts counts = new ReferenceFieldCounts();
        for (byte[] classFile : classFiles) {
            new ClassReader(classFile).accept(counts.new HeaderReader(), ClassReader.SKIP_CODE);
        }
        return counts;
    }

    /** Reference instance fields of the class and all its scanned superclasses. */
    int total(String internalName) {
        int total = 0;
        for (String type = internalName; ownCountOf.containsKey(type); type = superclassOf.get(type)) {
            total += ownCountOf.get(type);
        }
        return total;
    }

    /** The first superclass that is neither scanned nor a JDK class, if any. */
    Optional<String> missingAncestor(String internalName) {
        String type = internalName;
        while (ownCountOf.containsKey(type)) {
            type = superclassOf.get(type);
        }
        return type == null || Allowlist.isJdkType(type) ? Optional.empty() : Optional.of(type);
    }

    private final class HeaderReader extends ClassVisitor {
        private String name;

        HeaderReader() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            this.name = name;
            superclassOf.put(name, superName);
            ownCountOf.put(name, 0);
        }

        @Override
        public FieldVisitor visitField(int access, String fieldName, String descriptor,
                String signature, Object value) {
            boolean instance = (access & Opcodes.ACC_STATIC) == 0;
            boolean reference = descriptor.startsWith("L") || descriptor.startsWith("[");
            if (instance && reference) {
                ownCountOf.merge(name, 1, Integer::sum);
            }
            return null;
        }
    }
}
