package org.smoltcp4j.profile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dependency direction inside the stack and between modules (design.md section 1): each
 * layer (the package segment after the root, e.g. {@code wire} in {@code org.smoltcp4j.wire.ipv4})
 * may depend only on itself and the layers its table entry lists, and never on the modules built
 * on top of the stack. A class in a layer the table does not declare, or a dependency on such a
 * layer, is a violation too, so a new package cannot slip past the check.
 */
public final class LayeringRules {

    private final String rootPackage;
    private final String prefix;
    private final Map<String, Set<String>> allowedByLayer;
    private final Set<String> higherModules;

    /**
     * @param rootPackage    dotted package whose direct subpackages are the layers
     * @param allowedByLayer for each layer, the other layers it may depend on
     * @param higherModules  subpackages of the root owned by modules above the stack
     */
    public LayeringRules(String rootPackage, Map<String, Set<String>> allowedByLayer,
            Set<String> higherModules) {
        this.rootPackage = rootPackage;
        this.prefix = rootPackage + ".";
        this.allowedByLayer = Map.copyOf(allowedByLayer);
        this.higherModules = Set.copyOf(higherModules);
    }

    /** The rules of design.md section 1 for module {@code stack}, rooted at {@code org.smoltcp4j}. */
    public static LayeringRules stack() {
        return forRoot("org.smoltcp4j");
    }

    /** The stack's rule table applied below another root package (used to test the rules). */
    public static LayeringRules forRoot(String rootPackage) {
        return new LayeringRules(rootPackage, Map.of(
                "time", Set.of(),
                "storage", Set.of(),
                "wire", Set.of(),
                "phy", Set.of("wire", "time"),
                "socket", Set.of("wire", "storage", "time"),
                "iface", Set.of("time", "storage", "wire", "phy", "socket")),
                Set.of("hal", "firmware", "tools"));
    }

    /**
     * Checks a dependency map as built by {@link ClassDependencies#of}; dependencies outside the
     * root package (the JDK) are not this check's concern.
     */
    public List<Violation> check(Map<String, Set<String>> dependencies) {
        Set<Violation> violations = new LinkedHashSet<>();
        dependencies.forEach((className, used) -> {
            String layer = layerOf(className);
            if (!allowedByLayer.containsKey(layer)) {
                violations.add(new Violation(className, "", Rule.UNDECLARED_PACKAGE,
                        "is in a package that the layering table does not declare; the layers of "
                                + rootPackage + " are " + new TreeSet<>(allowedByLayer.keySet())));
                return;
            }
            for (String dependency : used) {
                if (dependency.startsWith(prefix)) {
                    check(className, layer, dependency).ifPresent(violations::add);
                }
            }
        });
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(Violation.ORDER);
        return sorted;
    }

    private Optional<Violation> check(String className, String layer, String dependency) {
        String target = layerOf(dependency);
        if (target.equals(layer) || allowedByLayer.get(layer).contains(target)) {
            return Optional.empty();
        }
        if (higherModules.contains(target)) {
            return Optional.of(new Violation(className, "", Rule.MODULE_DIRECTION,
                    "depends on " + dependency + ", but the stack may not depend on the modules "
                            + new TreeSet<>(higherModules) + " built on top of it"));
        }
        if (!allowedByLayer.containsKey(target)) {
            return Optional.of(new Violation(className, "", Rule.UNDECLARED_PACKAGE,
                    "depends on " + dependency + ", whose package the layering table does not declare"));
        }
        Set<String> allowed = allowedByLayer.get(layer);
        String rule = allowed.isEmpty() ? " may not depend on any other layer"
                : " may depend only on " + new TreeSet<>(allowed);
        return Optional.of(new Violation(className, "", Rule.LAYER_DIRECTION,
                "depends on " + dependency + ", but " + layer + rule));
    }

    /** The package segment after the root, or "" for classes outside any layer. */
    private String layerOf(String className) {
        if (!className.startsWith(prefix)) {
            return "";
        }
        String rest = className.substring(prefix.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? "" : rest.substring(0, dot);
    }
}
