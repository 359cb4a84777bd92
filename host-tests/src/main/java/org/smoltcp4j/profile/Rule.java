package org.smoltcp4j.profile;

/** The rules of the MicroEJ profile check and of the layering check (design.md sections 1 and 2). */
public enum Rule {
    /** A JDK type or member outside the EDC 1.3 / BON allowlist. */
    JDK_API,
    /** A runtime-visible annotation: MicroEJ has no runtime annotations. */
    RUNTIME_ANNOTATION,
    /** An {@code invokedynamic} instruction (lambda, method reference, indy string concatenation). */
    INVOKEDYNAMIC,
    /** A default, static or private method with a body in an interface (Java 8+ only). */
    INTERFACE_METHOD_BODY,
    /** More than 31 reference-typed instance fields, superclasses included. */
    REFERENCE_FIELD_LIMIT,
    /** A native method that breaks the SNI rules (static, base types, at most 15 parameters). */
    SNI_NATIVE,
    /** A stack package depending against the layer direction. */
    LAYER_DIRECTION,
    /** A stack class depending on a module above it (hal, firmware, tools). */
    MODULE_DIRECTION,
    /** A stack package that the layering table does not declare. */
    UNDECLARED_PACKAGE
}
