package org.smoltcp4j.profile;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** The layering check on the real stack classes (design.md section 1). */
class LayeringTest {

    @Test
    void stackPackagesDependOnlyDownwardAndNeverOnHigherModules() throws IOException {
        DeviceModule stack = DeviceModule.fromSystemProperties("stack");
        assumeTrue(stack.hasSources(), "stack has no src/main/java sources: nothing to scan");
        ViolationAssertions.assertNoViolations("layering", LayeringRules.stack()
                .check(ClassDependencies.of(stack.compiledClasses().included())));
    }
}
