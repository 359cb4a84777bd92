package org.smoltcp4j.profile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

/** Fails with every violation listed, one per line. */
final class ViolationAssertions {

    private ViolationAssertions() {
    }

    static void assertNoViolations(String check, List<Violation> violations) {
        assertTrue(violations.isEmpty(), () -> violations.size() + " " + check + " violation(s):\n"
                + violations.stream().map(Violation::toString).collect(Collectors.joining("\n")));
    }
}
