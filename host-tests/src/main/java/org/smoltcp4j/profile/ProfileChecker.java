package org.smoltcp4j.profile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The MicroEJ profile check (design.md section 2): scans compiled device-profile classes and
 * reports every breach of the rules MicroEJ imposes, naming the class and member:
 * <ol>
 *   <li>{@link Rule#JDK_API}: a JDK type or member outside the {@link Allowlist};
 *       {@link Rule#RUNTIME_ANNOTATION}: a runtime-visible annotation;</li>
 *   <li>{@link Rule#INVOKEDYNAMIC}: any {@code invokedynamic};</li>
 *   <li>{@link Rule#INTERFACE_METHOD_BODY}: an interface method with a body other than
 *       {@code <clinit>} (default, static or private methods);</li>
 *   <li>{@link Rule#REFERENCE_FIELD_LIMIT}: more than {@value #MAX_REFERENCE_FIELDS}
 *       reference-typed instance fields, superclasses included (see {@link ReferenceFieldCounts});</li>
 *   <li>{@link Rule#SNI_NATIVE}: a native method that is not static, takes or returns anything
 *       but base types and one-dimensional base-type arrays, or has more than
 *       {@value #MAX_NATIVE_PARAMETERS} parameters.</li>
 * </ol>
 */
public final class ProfileChecker {

    /** MicroEJ's limit on reference-typed instance fields per class, superclasses included. */
    public static final int MAX_REFERENCE_FIELDS = 31;
    /** SNI's limit on the parameters of a native method. */
    public static final int MAX_NATIVE_PARAMETERS = 15;

    private final Allowlist allowlist;

    /** A checker that allows the JDK API in {@code allowlist}. */
    public ProfileChecker(Allowlist allowlist) {
        this.allowlist = allowlist;
    }

    /**
     * Checks the given class files together (superclasses are resolved among them) and returns
     * every violation once, sorted by class and member; empty when the classes are clean.
     */
    public List<Violation> check(Collection<byte[]> classFiles) {
        ReferenceFieldCounts fieldCounts = ReferenceFieldCounts.of(classFiles);
        Set<Violation> violations = new LinkedHashSet<>();
        for (byte[] classFile : classFiles) {
            new RuleVisitor(fieldCounts, violations).scan(classFile);
        }
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(Violation.ORDER);
        return sorted;
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }

    /** Applies the rules to one class. */
    private final class RuleVisitor extends ReferenceCollector {
        private final ReferenceFieldCounts fieldCounts;
        private final Set<Violation> violations;
        private boolean isInterface;

        RuleVisitor(ReferenceFieldCounts fieldCounts, Set<Violation> violations) {
            this.fieldCounts = fieldCounts;
            this.violations = violations;
        }

        private void report(String where, Rule rule, String detail) {
            violations.add(new Violation(dotted(className()), where, rule, detail));
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            super.visit(version, access, name, signature, superName, interfaces);
            isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
            fieldCounts.missingAncestor(name).ifPresent(missing -> report("",
                    Rule.REFERENCE_FIELD_LIMIT, "has superclass " + dotted(missing)
                            + ", which is not among the scanned classes, so its reference fields"
                            + " cannot be counted against the limit of " + MAX_REFERENCE_FIELDS));
            int referenceFields = fieldCounts.total(name);
            if (referenceFields > MAX_REFERENCE_FIELDS) {
                report("", Rule.REFERENCE_FIELD_LIMIT, "has " + referenceFields
                        + " reference-typed instance fields (superclasses included), more than the "
                        + MAX_REFERENCE_FIELDS + " MicroEJ allows");
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor,
                String signature, String[] exceptions) {
            String where = name + descriptor;
            if (isInterface && (access & Opcodes.ACC_ABSTRACT) == 0 && !name.equals("<clinit>")) {
                report(where, Rule.INTERFACE_METHOD_BODY, "is a " + interfaceMethodKind(access)
                        + " method in an interface, which MicroEJ (Java 7) does not support");
            }
            if ((access & Opcodes.ACC_NATIVE) != 0) {
                checkNative(where, access, descriptor);
            }
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }

        private String interfaceMethodKind(int access) {
            if ((access & Opcodes.ACC_STATIC) != 0) {
                return "static";
            }
            return (access & Opcodes.ACC_PRIVATE) != 0 ? "private" : "default";
        }

        private void checkNative(String where, int access, String descriptor) {
            if ((access & Opcodes.ACC_STATIC) == 0) {
                report(where, Rule.SNI_NATIVE, "is a native method that is not static;"
                        + " SNI natives must be static native");
            }
            Type method = Type.getMethodType(descriptor);
            Type[] parameters = method.getArgumentTypes();
            if (parameters.length > MAX_NATIVE_PARAMETERS) {
                report(where, Rule.SNI_NATIVE, "is a native method with " + parameters.length
                        + " parameters; SNI allows at most " + MAX_NATIVE_PARAMETERS);
            }
            for (int i = 0; i < parameters.length; i++) {
                if (!isSniType(parameters[i])) {
                    report(where, Rule.SNI_NATIVE, "is a native method whose parameter " + (i + 1)
                            + " has type " + parameters[i].getClassName() + "; SNI allows only"
                            + " base types and one-dimensional arrays of base types");
                }
            }
            Type result = method.getReturnType();
            if (result.getSort() != Type.VOID && !isSniType(result)) {
                report(where, Rule.SNI_NATIVE, "is a native method returning "
                        + result.getClassName() + "; SNI allows only void, base types and"
                        + " one-dimensional arrays of base types");
            }
        }

        private boolean isSniType(Type type) {
            Type base = type;
            if (type.getSort() == Type.ARRAY) {
                if (type.getDimensions() != 1) {
                    return false;
                }
                base = type.getElementType();
            }
            return base.getSort() >= Type.BOOLEAN && base.getSort() <= Type.DOUBLE;
        }

        @Override
        void onType(String where, String internalName) {
            if (!allowlist.allowsType(internalName)) {
                report(where, Rule.JDK_API, "uses " + dotted(internalName)
                        + ", which is not in the EDC 1.3/BON allowlist");
            }
        }

        @Override
        void onMember(String where, String owner, String name) {
            if (!allowlist.allowsMember(owner, name)) {
                report(where, Rule.JDK_API, "uses " + dotted(owner) + "#" + name
                        + ", which is not in the EDC 1.3/BON allowlist");
            }
        }

        @Override
        void onInvokeDynamic(String where, Handle bootstrap) {
            report(where, Rule.INVOKEDYNAMIC, "uses invokedynamic (bootstrap "
                    + dotted(bootstrap.getOwner()) + "#" + bootstrap.getName() + "), which MicroEJ"
                    + " does not support: no lambdas, method references or indy string"
                    + " concatenation (compile with --release 8)");
        }

        @Override
        void onRuntimeAnnotation(String where, String descriptor) {
            report(where, Rule.RUNTIME_ANNOTATION, "carries the runtime-visible annotation @"
                    + Type.getType(descriptor).getClassName()
                    + "; MicroEJ has no runtime annotations");
        }
    }
}
