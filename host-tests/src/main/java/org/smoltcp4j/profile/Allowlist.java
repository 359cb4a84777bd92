package org.smoltcp4j.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JDK types and members that device-profile code may use: the part of the EDC 1.3 / BON API
 * known to exist on MicroEJ.
 *
 * <p>Text format, one type per line: the dotted type name (nested types with {@code $}), then the
 * names of its allowed members separated by blanks; {@code *} allows every member, no member
 * name allows naming the type only (in descriptors, casts, catch clauses, extends). Overloads
 * are allowed by name. Members are matched against the owner named in the bytecode, which javac
 * sets to the static type of the receiver, so an inherited member must be listed on each type it
 * is called through. {@code #} starts a comment line; blank lines are ignored.
 *
 * <p>Only JDK packages (java, javax, sun, jdk, com.sun) are checked; other packages, including
 * MicroEJ's own {@code ej.*} API, are outside the scope of this list.
 */
public final class Allowlist {

    /** The classpath resource holding the EDC 1.3 / BON allowlist. */
    public static final String EDC_RESOURCE = "edc-allowlist.txt";

    private static final List<String> JDK_PREFIXES =
            List.of("java/", "javax/", "sun/", "jdk/", "com/sun/");
    private static final Pattern TYPE =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)+");
    private static final Pattern MEMBER =
            Pattern.compile("\\*|<init>|<clinit>|[A-Za-z_$][A-Za-z0-9_$]*");
    private static final String ALL_MEMBERS = "*";

    /** Allowed member names by internal type name. */
    private final Map<String, Set<String>> membersByType;

    private Allowlist(Map<String, Set<String>> membersByType) {
        this.membersByType = membersByType;
    }

    /** Loads the EDC 1.3 / BON allowlist shipped with this checker. */
    public static Allowlist edc() {
        try (InputStream in = Allowlist.class.getResourceAsStream(EDC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + EDC_RESOURCE
                        + " next to " + Allowlist.class.getName());
            }
            return parse(EDC_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + EDC_RESOURCE, e);
        }
    }

    /**
     * Parses allowlist text.
     *
     * @param source names the text in error messages
     * @throws IllegalArgumentException naming the source and line number of a malformed line
     */
    public static Allowlist parse(String source, String text) {
        Map<String, Set<String>> membersByType = new HashMap<>();
        BufferedReader lines = new BufferedReader(new StringReader(text));
        int lineNumber = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] tokens = trimmed.split("\\s+");
                String where = source + " line " + lineNumber + " '" + trimmed + "': ";
                if (!TYPE.matcher(tokens[0]).matches()) {
                    throw new IllegalArgumentException(where + "'" + tokens[0]
                            + "' is not a qualified type name such as java.lang.Math");
                }
                String type = tokens[0].replace('.', '/');
                if (membersByType.containsKey(type)) {
                    throw new IllegalArgumentException(where + tokens[0] + " is listed twice");
                }
                for (int i = 1; i < tokens.length; i++) {
                    if (!MEMBER.matcher(tokens[i]).matches()) {
                        throw new IllegalArgumentException(where + "'" + tokens[i]
                                + "' is not a member name, <init>, <clinit> or *");
                    }
                }
                membersByType.put(type, Set.copyOf(Arrays.asList(tokens).subList(1, tokens.length)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail
        }
        return new Allowlist(Map.copyOf(membersByType));
    }

    /** Whether this check covers the type: it is in a JDK package. */
    public static boolean isJdkType(String internalName) {
        return JDK_PREFIXES.stream().anyMatch(internalName::startsWith);
    }

    /** Whether the JDK type may be named. Non-JDK types are always allowed here. */
    public boolean allowsType(String internalName) {
        return !isJdkType(internalName) || membersByType.containsKey(internalName);
    }

    /** Whether the member {@code owner.name} may be used. Members of non-JDK types are allowed. */
    public boolean allowsMember(String owner, String name) {
        if (!isJdkType(owner)) {
            return true;
        }
        Set<String> members = membersByType.get(owner);
        return members != null && (members.contains(ALL_MEMBERS) || members.contains(name));
    }
}
