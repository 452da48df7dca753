package org.tusk.access.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.Jsonb;
import org.tusk.utils.adt.JsonbIO;

/**
 * The stored form of arrays and jsonb against the bytes PostgreSQL 15 wrote: each expected hex
 * string is the varlena payload (after its header) of a one-row, one-column table's value,
 * read from the heap page of a reference PostgreSQL 15 server after a CHECKPOINT.
 */
class ArrayAndJsonbFormatTest {
    private static String hex(byte[] b) { return HexFormat.of().formatHex(b); }

    private static ArrayValue arr(int elem, Object... v) { return ArrayValue.of1d(elem, List.of(v)); }

    private static void roundTrip(DatumType t, Object v, String pgHex) {
        byte[] payload = t.varlenaPayload(v);
        assertEquals(pgHex, hex(payload), "stored bytes of " + v);
        assertEquals(v, ArrayFormat.decode(payload, t.elementType()));
    }

    @Test
    void int4ArrayWithoutNulls() {
        roundTrip(DatumType.INT4_ARRAY, arr(23, 1, 2), "01000000000000001700000002000000010000000100000002000000");
    }

    @Test
    void int4ArrayWithNullAndLowerBoundZero() {
        roundTrip(DatumType.INT4_ARRAY, new ArrayValue(23, new int[] {2}, new int[] {0}, new Object[] {1, null}), "0100000020000000170000000200000000000000010000000000000001000000");
    }

    @Test
    void textArrayWithNullAndQuotedElement() {
        java.util.ArrayList<Object> l = new java.util.ArrayList<>();
        l.add("a");
        l.add(null);
        l.add("b c");
        ArrayValue a = ArrayValue.of1d(25, l);
        assertEquals("0100000020000000190000000300000001000000050000000000000014000000610000001c00000062206300", hex(DatumType.TEXT_ARRAY.varlenaPayload(a)));
        assertEquals(a, DatumType.TEXT_ARRAY.fromVarlenaPayload(DatumType.TEXT_ARRAY.varlenaPayload(a)));
    }

    @Test
    void twoDimensionalInt8Array() {
        roundTrip(DatumType.INT8_ARRAY, new ArrayValue(20, new int[] {2, 2}, new int[] {1, 1}, new Object[] {1L, 2L, 3L, 4L}), "020000000000000014000000020000000200000001000000010000000100000000000000020000000000000003000000000000000400000000000000");
    }

    @Test
    void numericArrayWithNull() {
        roundTrip(DatumType.NUMERIC_ARRAY, arr1(1700, new BigDecimal("1.5"), null, new BigDecimal("-20000.001")), "0100000020000000a4060000030000000100000005000000000000002800000080800100881300003000000081a1020000000a00");
    }

    @Test
    void emptyArray() {
        roundTrip(DatumType.INT4_ARRAY, ArrayValue.empty(23), "000000000000000017000000");
    }

    @Test
    void boolUuidTimestampAndInt2Arrays() {
        roundTrip(DatumType.BOOL_ARRAY, arr1(16, true, false, null), "010000002000000010000000030000000100000003000000000000000100");
        roundTrip(DatumType.UUID_ARRAY, arr(2950, UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")), "0100000000000000860b00000100000001000000a0eebc999c0b4ef8bb6d6bb9bd380a11");
        roundTrip(DatumType.TIMESTAMP_ARRAY, arr1(1114, LocalDateTime.of(2020, 1, 1, 10, 0), null), "01000000200000005a0400000200000001000000010000000000000000c886e80f3e0200");
        roundTrip(DatumType.INT2_ARRAY, arr1(21, (short) 1, null, (short) 2), "0100000020000000150000000300000001000000050000000000000001000200");
    }

    private static ArrayValue arr1(int elem, Object... v) {
        return ArrayValue.of1d(elem, java.util.Arrays.asList(v));
    }

    private static void jsonb(String text, String pgHex) {
        Jsonb j = JsonbIO.jsonbIn(text);
        byte[] payload = DatumType.JSONB.varlenaPayload(j);
        assertEquals(pgHex, hex(payload), "stored bytes of " + text);
        assertEquals(JsonbIO.out(j, false), JsonbIO.out((Jsonb) DatumType.JSONB.fromVarlenaPayload(payload), false));
    }

    @Test
    void jsonbObjectWithNestedContainersAndNumerics() {
        jsonb("{\"a\":1,\"b\":[true,null,\"x\",2.5],\"aa\":{}}", "0300002001000080010000000200000008000010220000500600005061626161200000000080010004000040000000b000000040010000000d0000107800000028000000808002008813000000000020");
    }

    @Test
    void jsonbRawScalars() {
        jsonb("1", "01000050080000902000000000800100");
        jsonb("\"str\"", "0100005003000080737472");
        jsonb("[]", "00000040");
    }

    @Test
    void jsonbArrayStoresAnOffsetEveryThirtyTwoEntries() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 1; i <= 40; i++) sb.append(i == 1 ? "" : ",").append(i);
        jsonb(sb.append(']').toString(), "28000040080000900800001008000010080000100800001008000010080000100800001008000010080000100800001008000010080000100800001008000010080000100800001008000010080000100800001008000010080000100800001008000010080000100800001008000010080000100800001008000010080000100800001008010090080000100800001008000010080000100800001008000010080000102000000000800100200000000080020020000000008003002000000000800400200000000080050020000000008006002000000000800700200000000080080020000000008009002000000000800a002000000000800b002000000000800c002000000000800d002000000000800e002000000000800f0020000000008010002000000000801100200000000080120020000000008013002000000000801400200000000080150020000000008016002000000000801700200000000080180020000000008019002000000000801a002000000000801b002000000000801c002000000000801d002000000000801e002000000000801f00200000000080200020000000008021002000000000802200200000000080230020000000008024002000000000802500200000000080260020000000008027002000000000802800");
    }
}
