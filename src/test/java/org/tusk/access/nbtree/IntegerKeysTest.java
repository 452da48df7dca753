package org.tusk.access.nbtree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tusk.access.common.Attribute;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.IndexTuples;
import org.tusk.access.common.TupleDesc;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * The comparisons on an index tuple's bytes give _bt_compare's answer: the same sign as
 * deforming the tuple and comparing value by value, for every integer type, unsigned oids,
 * DESC columns, and tuples with nulls (which the byte path must leave to the generic one).
 */
class IntegerKeysTest {
    private static final TupleDesc DESC = TupleDesc.of(Attribute.of("a", DatumType.INT2), Attribute.of("b", DatumType.INT8),
            Attribute.of("c", DatumType.OID), Attribute.of("d", DatumType.INT4));

    @Test
    void agreesWithDeformedComparison() {
        Random r = new Random(42);
        int covered = 0;
        for (int round = 0; round < 20_000; round++) {
            short[] options = new short[4];
            for (int i = 0; i < 4; i++) options[i] = (short) (r.nextBoolean() ? Relation.IndexInfo.INDOPTION_DESC : 0);
            Object[] keys = {(short) small(r), (long) small(r), r.nextBoolean() ? (Object) oid(r) : (Object) Integer.toUnsignedLong(oid(r)), small(r)};
            int nkeys = 1 + r.nextInt(4);
            Object[] prefix = java.util.Arrays.copyOf(keys, nkeys);
            Object[] values = {(short) small(r), (long) small(r), oid(r), small(r)};
            if (r.nextInt(5) == 0) values[r.nextInt(4)] = null;
            MemorySegment itup = aligned(IndexTuples.form(DESC, 4, values, new ItemPointer(1, 1)));
            IntegerKeys ik = IntegerKeys.of(DESC, options, prefix);
            int expected = 0;
            Object[] deformed = IndexTuples.deform(DESC, nkeys, itup);
            for (int i = 0; i < nkeys && expected == 0; i++) {
                expected = BTScanInsert.compareValue(DESC.attr(i).type(), options[i], prefix[i], deformed[i]);
            }
            if (ik.covers(itup, nkeys)) {
                covered++;
                assertEquals(Integer.signum(expected), Integer.signum(ik.compare(itup, nkeys)), () -> java.util.Arrays.toString(values));
            } else {
                assertTrue(java.util.Arrays.asList(values).contains(null), "only a tuple with nulls is left to the generic path");
            }
        }
        assertTrue(covered > 10_000);
    }

    @Test
    void nonIntegerKeysEndTheRun() {
        TupleDesc d = TupleDesc.of(Attribute.of("a", DatumType.INT4), Attribute.of("b", DatumType.TEXT));
        MemorySegment itup = aligned(IndexTuples.form(d, 2, new Object[] {5, "x"}, new ItemPointer(1, 1)));
        IntegerKeys ik = IntegerKeys.of(d, new short[2], new Object[] {5, "x"});
        assertTrue(ik.covers(itup, 1));
        assertFalse(ik.covers(itup, 2));
        assertFalse(IntegerKeys.of(d, new short[2], new Object[] {null, "x"}).covers(itup, 1));
        assertFalse(IntegerKeys.of(d, new short[2], new Object[] {5.5, "x"}).covers(itup, 1));
    }

    private static int small(Random r) {
        return r.nextInt(7) - 3;
    }

    /** Around 2^31, so that signed and unsigned order differ. */
    private static int oid(Random r) {
        return (int) (0x7FFF_FFFEL + r.nextInt(5));
    }

    private static MemorySegment aligned(byte[] bytes) {
        MemorySegment seg = MemorySegment.ofArray(new long[(bytes.length + 7) / 8]);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, seg, 0, bytes.length);
        return seg;
    }
}
