package org.tusk.access.common;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HeapKeyTest on formed tuples: the key attribute is found past nulls, varlenas and alignment padding. */
class ScanKeyTest {
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
    }

    private static final TupleDesc DESC = TupleDesc.of(Attribute.of("a", DatumType.INT4), Attribute.of("t", DatumType.TEXT),
            Attribute.of("b", DatumType.INT2), Attribute.of("c", DatumType.OID), Attribute.of("d", DatumType.INT8));

    @Test
    void firstAttribute() {
        MemorySegment t = HeapTupleForm.form(DESC, new Object[]{42, "x", (short) 1, 7, 9L}, arena);
        assertTrue(new ScanKey(1, 42).matches(DESC, t));
        assertFalse(new ScanKey(1, 43).matches(DESC, t));
    }

    @Test
    void attributeAfterVarlenaAndShortIsFoundAtItsAlignment() {
        // 'abc' has a 1-byte header (unaligned), the int2 then aligns to 2, the oid to 4.
        MemorySegment t = HeapTupleForm.form(DESC, new Object[]{1, "abc", (short) 5, 123456, 9L}, arena);
        assertTrue(new ScanKey(4, 123456).matches(DESC, t));
        assertFalse(new ScanKey(4, 5).matches(DESC, t));
        String longText = "a text long enough to need a four-byte varlena header".repeat(4);
        MemorySegment u = HeapTupleForm.form(DESC, new Object[]{1, longText, (short) 5, -2, 9L}, arena);
        assertTrue(new ScanKey(4, -2).matches(DESC, u));
    }

    @Test
    void nullsBeforeTheKeyTakeNoSpaceAndANullKeyNeverMatches() {
        MemorySegment t = HeapTupleForm.form(DESC, new Object[]{null, null, null, 77, 9L}, arena);
        assertTrue(new ScanKey(4, 77).matches(DESC, t));
        MemorySegment n = HeapTupleForm.form(DESC, new Object[]{1, "x", (short) 2, null, 9L}, arena);
        assertFalse(new ScanKey(4, 0).matches(DESC, n));
    }

    @Test
    void keyOnANonFourByteAttributeIsRefused() {
        MemorySegment t = HeapTupleForm.form(DESC, new Object[]{1, "x", (short) 2, 3, 9L}, arena);
        assertThrows(IllegalStateException.class, () -> new ScanKey(5, 9).matches(DESC, t));
    }

    @Test
    void nameKeyComparesTheStoredBytesUpToTheirPadding() {
        TupleDesc desc = TupleDesc.of(Attribute.of("o", DatumType.OID), Attribute.of("n", DatumType.NAME),
                Attribute.of("x", DatumType.TEXT));
        MemorySegment t = HeapTupleForm.form(desc, new Object[]{1, "pgbench_accounts", "y"}, arena);
        assertTrue(ScanKey.nameEquals(2, "pgbench_accounts").matches(desc, t));
        assertFalse(ScanKey.nameEquals(2, "pgbench_account").matches(desc, t));
        assertFalse(ScanKey.nameEquals(2, "pgbench_accountsx").matches(desc, t));
        MemorySegment u = HeapTupleForm.form(desc, new Object[]{1, "\u00e9t\u00e9", "y"}, arena);
        assertTrue(ScanKey.nameEquals(2, "\u00e9t\u00e9").matches(desc, u));
        assertTrue(ScanKey.nameEquals(2, "\u00e9t\u00e9").matches(new Object[]{1, "\u00e9t\u00e9"}));
    }

    @Test
    void oidAtLeastComparesUnsigned() {
        MemorySegment user = HeapTupleForm.form(DESC, new Object[]{1, "x", (short) 2, 16384, 9L}, arena);
        MemorySegment builtin = HeapTupleForm.form(DESC, new Object[]{1, "x", (short) 2, 2617, 9L}, arena);
        MemorySegment high = HeapTupleForm.form(DESC, new Object[]{1, "x", (short) 2, -10, 9L}, arena);  // OID 4294967286
        assertTrue(ScanKey.oidAtLeast(4, 16384).matches(DESC, user));
        assertFalse(ScanKey.oidAtLeast(4, 16384).matches(DESC, builtin));
        assertTrue(ScanKey.oidAtLeast(4, 16384).matches(DESC, high));
        assertTrue(ScanKey.oidAtLeast(2, 16384).matches(new Object[]{"a", -10}));
        assertFalse(ScanKey.oidAtLeast(2, 16384).matches(new Object[]{"a", 100}));
    }

    @Test
    void deformedRowTest() {
        assertTrue(new ScanKey(2, 5).matches(new Object[]{"a", 5}));
        assertFalse(new ScanKey(2, 5).matches(new Object[]{"a", null}));
    }
}
