package org.smoltcp4j.firmware.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BoardDescriptionParserPropertiesTest {

    private static final EditedBoard HOST_SIM = EditedBoard.of("host-sim");

    /** Whatever the bytes, the parser either returns a board or explains with a BoardConfigException. */
    @Property
    void arbitraryBytesNeverEscapeAsAnotherException(@ForAll @Size(max = 300) byte[] bytes) {
        try {
            BoardDescriptionParser.parse("fuzz.board", bytes, bytes.length);
        } catch (BoardConfigException expected) {
            // the documented outcome for a broken file
        }
    }

    /** Any one line of host-sim.board replaced by arbitrary text: a board or a BoardConfigException. */
    @Property
    void arbitraryLineNeverEscapesAsAnotherException(@ForAll @IntRange(min = 1, max = 60) int line, @ForAll String text) {
        String[] lines = HOST_SIM.text().split("\n", -1);
        if (line <= lines.length) {
            lines[line - 1] = text;
        }
        try {
            EditedBoard.raw("host-sim.board", String.join("\n", lines)).parse();
        } catch (BoardConfigException expected) {
            // the documented outcome for a broken file
        }
    }

    @Property
    void everyIpv4AddressAndPrefixReadsBack(@ForAll int address, @ForAll @IntRange(min = 1, max = 32) int prefix) {
        String dotted = (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
        BoardDescription board = HOST_SIM.without("ipv4.gateway").with("ipv4.address", "ipv4.address = " + dotted + "/" + prefix)
                .parse();
        assertEquals(address, board.ipv4Address());
        assertEquals(prefix, board.ipv4PrefixLength());
    }
}
