package org.tusk.access.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.utils.adt.RecordValue;

class CompositeFormatTest {
    /** A composite type (r float8, i float8) with the OID a PostgreSQL 15 server gave it. */
    private static final int CPX = 16403;
    /** A composite type (a int4, b text, c int8). */
    private static final int MIXED = 16500;

    @BeforeEach
    void install() {
        CompositeFormat.install(t -> switch (t) {
            case CPX -> new CompositeFormat.Shape(List.of(701, 701),
                    TupleDesc.of(Attribute.of("r", DatumType.FLOAT8), Attribute.of("i", DatumType.FLOAT8)));
            case MIXED -> new CompositeFormat.Shape(List.of(23, 25, 20),
                    TupleDesc.of(Attribute.of("a", DatumType.INT4), Attribute.of("b", DatumType.TEXT),
                            Attribute.of("c", DatumType.INT8)));
            default -> null;
        });
    }

    @AfterEach
    void uninstall() {
        CompositeFormat.install(null);
    }

    @Test
    void storedFormMatchesPostgres() {
        // PostgreSQL 15's heap_page_items t_data of (2, '(3,4)'::cpx, 'b') holds this composite after
        // its 1-byte varlena header 0x4b: typmod -1, typeid 16403, invalid ctid, natts 2, no flags, t_hoff 24
        String expected = "ffffffff13400000ffffffff0000020000001800" + "0000000000000840" + "0000000000001040";
        byte[] payload = DatumType.COMPOSITE.varlenaPayload(new RecordValue(CPX, List.of(701, 701), List.of(3.0, 4.0)));
        assertEquals(expected, HexFormat.of().formatHex(payload));
        RecordValue back = (RecordValue) DatumType.COMPOSITE.fromVarlenaPayload(payload);
        assertEquals(CPX, back.typeOid());
        assertEquals(List.of(3.0, 4.0), back.values());
    }

    @Test
    void nullsAndVarlenaFieldsRoundTrip() {
        RecordValue v = new RecordValue(MIXED, List.of(23, 25, 20), Arrays.asList(7, "a b", null));
        byte[] payload = DatumType.COMPOSITE.varlenaPayload(v);
        // HEAP_HASNULL | HEAP_HASVARWIDTH in t_infomask (payload offset 16), null bitmap 0b011 at 19
        assertEquals(0x03, payload[16]);
        assertEquals(0x03, payload[19]);
        RecordValue back = (RecordValue) DatumType.COMPOSITE.fromVarlenaPayload(payload);
        assertEquals(7, back.get(0));
        assertEquals("a b", back.get(1));
        assertNull(back.get(2));
        assertEquals(List.of(23, 25, 20), back.types());
    }
}
