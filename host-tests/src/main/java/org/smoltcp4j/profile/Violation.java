package org.smoltcp4j.profile;

import java.util.Comparator;

/**
 * One breach of a rule, located at a class and optionally a member of it.
 *
 * @param className the dotted name of the class that breaks the rule
 * @param member    {@code name(descriptor)} for a method, the field name for a field, or "" when
 *                  the breach belongs to the class as a whole
 * @param rule      the rule broken
 * @param detail    what is wrong, in words, e.g. "uses java.lang.String#format, which is not in ..."
 */
public record Violation(String className, String member, Rule rule, String detail) {

    /** Orders violations by class, then member, then rule, then detail, for stable reports. */
    public static final Comparator<Violation> ORDER = Comparator.comparing(Violation::className)
            .thenComparing(Violation::member)
            .thenComparing(Violation::rule)
            .thenComparing(Violation::detail);

    /** The one-line report form: {@code org.x.Foo#bar(I)V: uses java.lang.String#format, ...}. */
    @Override
    public String toString() {
        return member.isEmpty() ? className + ": " + detail : className + "#" + member + ": " + detail;
    }
}
