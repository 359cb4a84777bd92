package org.smoltcp4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smoltcp4j.profile.planted.layers.iface.Interface;
import org.smoltcp4j.profile.planted.layers.misc.Unlisted;
import org.smoltcp4j.profile.planted.layers.phy.Device;
import org.smoltcp4j.profile.planted.layers.socket.SocketUsingHal;
import org.smoltcp4j.profile.planted.layers.wire.Packet;
import org.smoltcp4j.profile.planted.layers.wire.WireUsingIface;

class LayeringRulesTest {

    private static final LayeringRules STACK = LayeringRules.stack();

    private static List<Violation> check(String from, String to) {
        return STACK.check(Map.of(from, Set.of(to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "phy, wire", "phy, time",
        "socket, wire", "socket, storage", "socket, time",
        "iface, time", "iface, storage", "iface, wire", "iface, phy", "iface, socket",
        "wire, wire", "time, time",
    })
    void dependenciesAlongTheDirectionPass(String from, String to) {
        assertEquals(List.of(), check("org.smoltcp4j." + from + ".A", "org.smoltcp4j." + to + ".B"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "time, storage", "time, wire", "storage, time", "storage, wire", "wire, storage", "wire, time",
        "wire, iface", "phy, storage", "phy, socket", "phy, iface", "socket, phy", "socket, iface",
        "time, iface", "storage, socket",
    })
    void dependenciesAgainstTheDirectionFail(String from, String to) {
        List<Violation> violations = check("org.smoltcp4j." + from + ".A", "org.smoltcp4j." + to + ".B");
        assertEquals(1, violations.size(), violations::toString);
        assertEquals(Rule.LAYER_DIRECTION, violations.get(0).rule());
        assertEquals("org.smoltcp4j." + from + ".A", violations.get(0).className());
    }

    @Test
    void messageNamesTheDependencyAndWhatTheLayerMayUse() {
        assertEquals("org.smoltcp4j.wire.ipv4.Ipv4Packet: depends on org.smoltcp4j.iface.Interface,"
                + " but wire may not depend on any other layer",
                check("org.smoltcp4j.wire.ipv4.Ipv4Packet", "org.smoltcp4j.iface.Interface").get(0).toString());
        assertEquals("org.smoltcp4j.socket.TcpSocket: depends on org.smoltcp4j.phy.Device, but socket"
                + " may depend only on [storage, time, wire]",
                check("org.smoltcp4j.socket.TcpSocket", "org.smoltcp4j.phy.Device").get(0).toString());
    }

    @Test
    void subpackagesBelongToTheirLayer() {
        assertEquals(List.of(), check("org.smoltcp4j.wire.ipv6.Ipv6Repr", "org.smoltcp4j.wire.Checksum"));
    }

    @Test
    void jdkAndOtherForeignDependenciesAreNotThisChecksConcern() {
        assertEquals(List.of(), STACK.check(Map.of("org.smoltcp4j.wire.A",
                Set.of("java.lang.Object", "java.nio.ByteBuffer", "ej.bon.Util"))));
    }

    @ParameterizedTest
    @CsvSource({"hal", "firmware", "tools"})
    void stackNeverDependsOnHigherModules(String module) {
        List<Violation> violations = check("org.smoltcp4j.iface.Interface",
                "org.smoltcp4j." + module + ".Thing");
        assertEquals(1, violations.size(), violations::toString);
        assertEquals(Rule.MODULE_DIRECTION, violations.get(0).rule());
        assertEquals("org.smoltcp4j.iface.Interface: depends on org.smoltcp4j." + module + ".Thing, but"
                + " the stack may not depend on the modules [firmware, hal, tools] built on top of it",
                violations.get(0).toString());
    }

    @Test
    void classInAnUndeclaredPackageFails() {
        List<Violation> violations = STACK.check(Map.of("org.smoltcp4j.util.Bits", Set.of()));
        assertEquals(List.of(new Violation("org.smoltcp4j.util.Bits", "", Rule.UNDECLARED_PACKAGE,
                "is in a package that the layering table does not declare; the layers of"
                        + " org.smoltcp4j are [iface, phy, socket, storage, time, wire]")), violations);
    }

    @Test
    void classInTheRootPackageOrOutsideItFails() {
        List<Violation> violations = STACK.check(Map.of("org.smoltcp4j.Stack", Set.of(),
                "com.example.Stray", Set.of()));
        assertEquals(List.of("com.example.Stray", "org.smoltcp4j.Stack"),
                violations.stream().map(Violation::className).toList());
        violations.forEach(v -> assertEquals(Rule.UNDECLARED_PACKAGE, v.rule()));
    }

    @Test
    void dependencyOnAnUndeclaredPackageFails() {
        assertEquals(List.of(new Violation("org.smoltcp4j.wire.A", "", Rule.UNDECLARED_PACKAGE,
                "depends on org.smoltcp4j.util.Bits, whose package the layering table does not declare")),
                check("org.smoltcp4j.wire.A", "org.smoltcp4j.util.Bits"));
    }

    /** The same rules on real compiled classes, planted below a test root package. */
    @Test
    void plantedClassesBreakingTheDirectionAreFound() {
        String root = "org.smoltcp4j.profile.planted.layers";
        List<Violation> violations = LayeringRules.forRoot(root).check(ClassDependencies.of(
                PlantedClasses.classFiles(Packet.class, WireUsingIface.class, Device.class,
                        Interface.class, SocketUsingHal.class, Unlisted.class)));
        assertEquals(List.of(
                new Violation(Unlisted.class.getName(), "", Rule.UNDECLARED_PACKAGE,
                        "is in a package that the layering table does not declare; the layers of "
                                + root + " are [iface, phy, socket, storage, time, wire]"),
                new Violation(SocketUsingHal.class.getName(), "", Rule.MODULE_DIRECTION,
                        "depends on " + root + ".hal.Driver, but the stack may not depend on the"
                                + " modules [firmware, hal, tools] built on top of it"),
                new Violation(WireUsingIface.class.getName(), "", Rule.LAYER_DIRECTION,
                        "depends on " + Interface.class.getName() + ", but wire may not depend on any"
                                + " other layer")),
                violations);
    }
}
