package org.smoltcp4j.profile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The MicroEJ profile check on the real device-profile code (design.md section 2): the main
 * classes of stack, hal (minus its host-profile packages, listed in host-tests/pom.xml) and
 * firmware. A module without main sources has nothing to scan and its test is reported as
 * skipped (aborted), never as passed; a module with sources but no compiled classes fails.
 */
class DeviceProfileTest {

    /** The device-profile modules; their paths and exclusions come from host-tests/pom.xml. */
    private static final List<String> MODULES = List.of("stack", "hal", "firmware");

    private static List<DeviceModule> modules() {
        return MODULES.stream().map(DeviceModule::fromSystemProperties).toList();
    }

    @TestFactory
    Stream<DynamicTest> everyDeviceModuleWithSourcesIsCompiledBeforeTheCheck() {
        return modules().stream().map(module -> dynamicTest(
                module.name() + ": compiled classes present (skipped if no src/main/java sources)",
                () -> {
                    assumeTrue(module.hasSources(),
                            module.name() + " has no src/main/java sources: nothing to scan");
                    assertDoesNotThrow(module::compiledClasses);
                }));
    }

    @Test
    void deviceModulesFollowTheMicroEjProfile() throws IOException {
        // One scan over all modules, so superclasses resolve across modules for the field limit.
        List<byte[]> classFiles = new ArrayList<>();
        boolean anySources = false;
        for (DeviceModule module : modules()) {
            if (module.hasSources()) {
                anySources = true;
                classFiles.addAll(module.compiledClasses().included());
            }
        }
        assumeTrue(anySources, "no device-profile module has main sources yet: nothing to scan");
        ViolationAssertions.assertNoViolations("MicroEJ profile",
                new ProfileChecker(Allowlist.edc()).check(classFiles));
    }
}
