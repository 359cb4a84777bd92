package org.smoltcp4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.profile.planted.layers.iface.Interface;
import org.smoltcp4j.profile.planted.layers.phy.Device;
import org.smoltcp4j.profile.planted.layers.wire.Packet;

class ClassDependenciesTest {

    @Test
    void collectsTypesAndMemberOwnersButNotTheClassItself() {
        Map<String, Set<String>> dependencies = ClassDependencies.of(
                PlantedClasses.classFiles(Interface.class, Packet.class));
        assertEquals(Map.of(
                Interface.class.getName(), Set.of("java.lang.Object", Device.class.getName(),
                        Packet.class.getName()),
                Packet.class.getName(), Set.of("java.lang.Object")),
                dependencies);
    }
}
