package org.tusk.access.nbtree;

import org.tusk.access.common.Attribute;
import org.tusk.access.common.IndexTuples;
import org.tusk.access.common.TupleDesc;
import org.tusk.storage.page.Alignment;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * _bt_compare's comparisons of the leading integer key columns (int2, int4, int8, oid), done on
 * the index tuple's bytes. A point lookup compares the key with a few dozen tuples on its way
 * down the tree; deforming each into boxed values first (index_getattr then a generic
 * comparison) made the comparisons 10% of a primary-key select's CPU. PostgreSQL gets the same
 * effect from fetching a by-value Datum at a cached attribute offset (attcacheoff) and calling
 * btint4cmp.
 *
 * <p>Only a tuple without a null bitmap has its attributes at the offsets fixed here (those of
 * a tuple whose every attribute is present, as attcacheoff assumes); {@link #covers} says when
 * those apply, and the caller deforms the tuple otherwise. The key values are converted once,
 * when the scan key is built; a column whose key value is null or not an integer (a cross-type
 * comparison the generic path decides) ends the run of integer columns.
 */
final class IntegerKeys {
    private static final IntegerKeys NONE = new IntegerKeys(0, new long[0], new long[0], new int[0], new boolean[0], new boolean[0]);

    private final int count;
    private final long[] keys;
    /** Each column's offset in a tuple without nulls, and its width. */
    private final long[] offsets;
    private final int[] widths;
    private final boolean[] unsigned;
    private final boolean[] descending;

    private IntegerKeys(int count, long[] keys, long[] offsets, int[] widths, boolean[] unsigned, boolean[] descending) {
        this.count = count;
        this.keys = keys;
        this.offsets = offsets;
        this.widths = widths;
        this.unsigned = unsigned;
        this.descending = descending;
    }

    /** The leading integer key columns of {@code keys} over an index whose columns {@code desc} describes. */
    static IntegerKeys of(TupleDesc desc, short[] options, Object[] keys) {
        int n = Math.min(keys.length, desc.natts());
        long[] values = new long[n];
        long[] offsets = new long[n];
        int[] widths = new int[n];
        boolean[] unsigned = new boolean[n];
        boolean[] descending = new boolean[n];
        long off = IndexTuples.dataOffset(0);
        int count = 0;
        for (; count < n; count++) {
            Attribute att = desc.attr(count);
            Object k = keys[count];
            boolean integerKey = k instanceof Short || k instanceof Integer || k instanceof Long;
            boolean oid = switch (att.type()) {
                case INT2, INT4, INT8 -> false;
                case OID -> true;
                default -> { integerKey = false; yield false; }
            };
            if (!integerKey || (oid && k instanceof Short) || att.attlen() <= 0) break;
            values[count] = oid && k instanceof Integer i ? Integer.toUnsignedLong(i) : ((Number) k).longValue();
            off = Alignment.typeAlign(att.alignment(), off);
            offsets[count] = off;
            widths[count] = att.attlen();
            unsigned[count] = oid;
            descending[count] = (BTScanInsert.option(options, count) & Relation.IndexInfo.INDOPTION_DESC) != 0;
            off += att.attlen();
        }
        return count == 0 ? NONE : new IntegerKeys(count, values, offsets, widths, unsigned, descending);
    }

    /** Whether the first {@code ncmpkey} columns of {@code itup} can be compared here. */
    boolean covers(MemorySegment itup, int ncmpkey) {
        if (ncmpkey > count) return false;
        int info = IndexTuples.info(itup);
        return (info & IndexTuples.INDEX_NULL_MASK) == 0 && (info & IndexTuples.INDEX_SIZE_MASK) >= offsets[ncmpkey - 1] + widths[ncmpkey - 1]
                && itup.maxByteAlignment() >= Long.BYTES;
    }

    /** _bt_compare's loop over the first {@code ncmpkey} columns: the sign of key minus tuple, in index order. */
    int compare(MemorySegment itup, int ncmpkey) {
        for (int i = 0; i < ncmpkey; i++) {
            long off = offsets[i];
            long v = switch (widths[i]) {
                case 2 -> itup.get(JAVA_SHORT, off);
                case 4 -> unsigned[i] ? Integer.toUnsignedLong(itup.get(JAVA_INT, off)) : itup.get(JAVA_INT, off);
                default -> itup.get(JAVA_LONG, off);
            };
            int result = Long.compare(keys[i], v);
            if (result != 0) return descending[i] ? -result : result;
        }
        return 0;
    }
}
