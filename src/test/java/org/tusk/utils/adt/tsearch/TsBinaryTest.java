package org.tusk.utils.adt.tsearch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** tsvectorsend/recv and tsquerysend/recv, against what PostgreSQL 15's send functions return. */
class TsBinaryTest {
    private static byte[] hex(String s) { return HexFormat.of().parseHex(s.replace(" ", "")); }

    @Test
    void tsvectorSendMatchesPostgres() {
        TsVector v = TsVectorIO.in("a:1,3A b:2 cat");
        byte[] wire = hex("00000003 6100 0002 0001 c003 6200 0001 0002 63617400 0000");
        assertArrayEquals(wire, TsBinary.tsvectorSend(v));
        assertEquals(v, TsBinary.tsvectorRecv(wire));
    }

    @Test
    void tsquerySendMatchesPostgres() {
        TsQuery q = TsQueryIO.in("!fat:AB* | (cat <2> rat) & 'x'");
        byte[] wire = hex("00000008 0203 0202 01000078 00 02040002 0100007261740 0 010000636174 00 0201 010c01666174 00"
                .replace(" ", ""));
        assertArrayEquals(wire, TsBinary.tsquerySend(q));
        assertEquals(q, TsBinary.tsqueryRecv(wire));
    }

    @Test
    void recvRejectsMisorderedPositions() {
        PgException e = assertThrows(PgException.class, () -> TsBinary.tsvectorRecv(hex("00000001 6100 0002 0002 0001")));
        assertEquals("position information is misordered", e.getMessage());
    }

    @Test
    void legacyCrcMatchesStoredValcrc() {
        assertEquals(0x17b7bebc, LegacyCrc32.of("a"));
        assertEquals(0x8ebeef06, LegacyCrc32.of("b"));
    }
}
