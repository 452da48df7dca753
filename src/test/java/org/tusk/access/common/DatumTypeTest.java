package org.tusk.access.common;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tusk.utils.adt.Interval;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.UUID;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The stored bytes of each type the tuple code gained for tables and catalogs, worked out from
 * PostgreSQL's formats (numeric.c make_result, array.h, date/timestamp epochs of 2000-01-01),
 * and their round trips. Each case is a one-column tuple: t_hoff is 24, so the value's bytes
 * start at offset 24.
 */
class DatumTypeTest {
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
    }

    /** The stored bytes of {@code value} as the only column of type {@code type}, checked to read back equal. */
    private String stored(DatumType type, Object value) {
        TupleDesc desc = TupleDesc.of(Attribute.of("v", type));
        MemorySegment t = HeapTupleForm.form(desc, new Object[]{value}, arena);
        Object back = HeapTupleDeform.deform(desc, t)[0];
        if (value instanceof short[] s) assertArrayEquals(s, (short[]) back);
        else if (value instanceof int[] i) assertArrayEquals(i, (int[]) back);
        else if (value instanceof Object[] o) assertArrayEquals(o, (Object[]) back);
        else assertEquals(value, back);
        return HexFormat.of().formatHex(t.asSlice(24).toArray(JAVA_BYTE));
    }

    @Test
    void numericShortFormat() {
        // 1234.5678: digits 1234 5678, weight 0, dscale 4: n_header 0x8000 | 4 << 7 = 0x8200; 7 bytes with a 1-byte header.
        assertEquals("0f" + "0082" + "d204" + "2e16", stored(DatumType.NUMERIC, new BigDecimal("1234.5678")));
        // -0.001: digit 0010 at weight -1, dscale 3: 0x8000 | 0x2000 | 3 << 7 | (-1 & 0x7f) = 0xa1ff.
        assertEquals("0b" + "ffa1" + "0a00", stored(DatumType.NUMERIC, new BigDecimal("-0.001")));
        // 0.00: no digits, weight 0, dscale 2.
        assertEquals("07" + "0081", stored(DatumType.NUMERIC, new BigDecimal("0.00")));
        // 100000000: 1 0000 0000 -> digits [1], weight 2 (trailing zero digits stripped).
        assertEquals("0b" + "0280" + "0100", stored(DatumType.NUMERIC, new BigDecimal("100000000")));
    }

    @Test
    void numericLongFormatWhenWeightOrScaleDoNotFit() {
        // 1e300 = 1 * 10000^75: weight 75 > 63 needs n_sign_dscale 0x0000 and n_weight 75.
        assertEquals("0f" + "0000" + "4b00" + "0100", stored(DatumType.NUMERIC, new BigDecimal("1E+300").setScale(0)));
        // dscale 64 > 63: long format with n_sign_dscale 0x4000 | 64 for a negative value.
        BigDecimal tiny = new BigDecimal("-1").movePointLeft(64);   // -0.000...1, digit 0001 at weight -16
        assertEquals("0f" + "4040" + "f0ff" + "0100", stored(DatumType.NUMERIC, tiny));
    }

    @Test
    void dateTimeTypesCountFromThePostgresEpoch() {
        assertEquals("01000000", stored(DatumType.DATE, LocalDate.of(2000, 1, 2)));
        assertEquals("ffffffff", stored(DatumType.DATE, LocalDate.of(1999, 12, 31)));
        assertEquals("60e3160000000000", stored(DatumType.TIME, LocalTime.of(0, 0, 1, 500_000_000)));
        assertEquals("40420f0000000000", stored(DatumType.TIMESTAMP, LocalDateTime.of(2000, 1, 1, 0, 0, 1)));
        assertEquals("0100000000000000", stored(DatumType.TIMESTAMPTZ, Instant.parse("2000-01-01T00:00:00.000001Z")));
        // A recent instant with microseconds survives the round trip.
        stored(DatumType.TIMESTAMPTZ, Instant.parse("2026-11-27T12:00:00.123456Z"));
        // Interval: int64 time, int32 day, int32 month.
        assertEquals("0300000000000000" + "02000000" + "01000000", stored(DatumType.INTERVAL, new Interval(1, 2, 3)));
    }

    @Test
    void uuidCharAndOidLikeTypes() {
        assertEquals("a0eebc999c0b4ef8bb6d6bb9bd380a11",
                stored(DatumType.UUID, UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")));
        assertEquals("72", stored(DatumType.CHAR, "r"));
        assertEquals("00", stored(DatumType.CHAR, ""));
        assertEquals("feffffff", stored(DatumType.REGCLASS, 0xFFFFFFFE));
        // The executor's oid is a Long; it is stored as the same uint32 and reads back as Integer.
        TupleDesc desc = TupleDesc.of(Attribute.of("o", DatumType.OID));
        assertEquals(-2, HeapTupleDeform.deform(desc, HeapTupleForm.form(desc, new Object[]{4294967294L}, arena))[0]);
        assertThrows(IllegalArgumentException.class, () -> HeapTupleForm.form(desc, new Object[]{4294967296L}, arena));
    }

    @Test
    void varcharBpcharAndNodeTreeAreText() {
        assertEquals("09616263", stored(DatumType.VARCHAR, "abc"));
        assertEquals("0b61622020", stored(DatumType.BPCHAR, "ab  "));
        assertEquals("072b31", stored(DatumType.PG_NODE_TREE, "+1"));
    }

    @Test
    void vectorsAndArraysHaveTheArrayHeader() {
        // int2vector '1 2' (plain storage, always a 4-byte header): size 24 + 2 * 2 = 28; ndim 1,
        // dataoffset 0, elemtype 21, dim 2, lbound 0, then the values.
        assertEquals("70000000" + "01000000" + "00000000" + "15000000" + "02000000" + "00000000" + "0100" + "0200",
                stored(DatumType.INT2VECTOR, new short[]{1, 2}));
        assertEquals("80000000" + "01000000" + "00000000" + "1a000000" + "02000000" + "00000000" + "7c040000" + "b2070000",
                stored(DatumType.OIDVECTOR, new int[]{1148, 1970}));
        // oid[] '{5}' is packable: 25 bytes with a 1-byte header; lower bound 1.
        assertEquals("33" + "01000000" + "00000000" + "1a000000" + "01000000" + "01000000" + "05000000",
                stored(DatumType.OID_ARRAY, new int[]{5}));
        // text[] '{ab,c}': elements with 4-byte headers, each 'i'-aligned from the array's start.
        assertEquals("45" + "01000000" + "00000000" + "19000000" + "02000000" + "01000000" + "18000000" + "6162" + "0000"
                + "14000000" + "63", stored(DatumType.TEXT_ARRAY, new String[]{"ab", "c"}));
        // An empty array: ndim 0, no dimensions.
        assertEquals("1b" + "00000000" + "00000000" + "15000000", stored(DatumType.INT2_ARRAY, new short[0]));
    }

    @Test
    void aclitemArrayCanOnlyBeNull() {
        TupleDesc desc = TupleDesc.of(Attribute.of("a", DatumType.ACLITEM_ARRAY));
        assertArrayEquals(new Object[]{null}, HeapTupleDeform.deform(desc, HeapTupleForm.form(desc, new Object[]{null}, arena)));
        assertThrows(IllegalArgumentException.class, () -> HeapTupleForm.form(desc, new Object[]{"{}"}, arena));
    }
}
