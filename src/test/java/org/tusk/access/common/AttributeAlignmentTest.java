package org.tusk.access.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.Test;

/**
 * A column whose attalign is not its Java kind's (a user base type storing int4's Datum with
 * ALIGNMENT = double) is laid out by attalign, as heap_form_tuple does.
 */
class AttributeAlignmentTest {
    @Test
    void int4DatumWithDoubleAlignmentIsPaddedToEight() {
        Attribute flag = Attribute.of("f", DatumType.BOOL);
        Attribute plain = Attribute.of("a", DatumType.INT4);
        Attribute wide = new Attribute("a", DatumType.INT4, 4, true, 'd', 'p', false);
        TupleDesc intAligned = TupleDesc.of(flag, plain);
        TupleDesc doubleAligned = TupleDesc.of(flag, wide);
        Object[] values = {true, 42};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = HeapTupleForm.form(intAligned, values, arena);
            MemorySegment b = HeapTupleForm.form(doubleAligned, values, arena);
            // bool at 0, then int4 at 4 (int-aligned) or at 8 (double-aligned)
            assertEquals(HeapTupleForm.hoff(intAligned, false) + 8, a.byteSize());
            assertEquals(HeapTupleForm.hoff(doubleAligned, false) + 12, b.byteSize());
            assertArrayEquals(values, HeapTupleDeform.deform(doubleAligned, b));
        }
    }

    @Test
    void lengthAndByValueMustStillBeTheKinds() {
        assertThrows(IllegalArgumentException.class, () -> new Attribute("a", DatumType.INT4, 8, true, 'd', 'p', false));
        assertThrows(IllegalArgumentException.class, () -> new Attribute("a", DatumType.INT4, 4, false, 'i', 'p', false));
        assertThrows(IllegalArgumentException.class, () -> new Attribute("a", DatumType.INT4, 4, true, 'x', 'p', false));
    }
}
