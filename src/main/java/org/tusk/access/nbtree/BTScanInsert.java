package org.tusk.access.nbtree;

import org.tusk.access.common.DatumType;
import org.tusk.access.common.IndexTuples;
import org.tusk.access.common.TupleDesc;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;

/**
 * BTScanInsertData and _bt_compare (nbtsearch.c): a key to position by in the tree, the first
 * {@code keys.length} key columns' values (a null value means NULL, which sorts after every
 * value unless the column is NULLS FIRST), optionally a heap TID ({@code scantid}, the last key
 * attribute of a heapkeyspace index), the index's per-column indoption (DESC reverses a column's
 * order, NULLS FIRST puts its nulls before every value, as _bt_compare's SK_BT_DESC and
 * SK_BT_NULLS_FIRST flags do), and {@code nextkey}: whether a search looks for the first item greater than the key
 * (true) or the first item greater than or equal to it (false).
 */
final class BTScanInsert {
    final TupleDesc desc;
    final int nkeyatts;
    final Object[] keys;
    final short[] options;
    ItemPointer scantid;
    boolean nextkey;
    /** How many leading key columns {@link IntegerKeys} compares without deforming the tuple. */
    private final IntegerKeys integerKeys;

    BTScanInsert(TupleDesc desc, short[] options, int nkeyatts, Object[] keys, ItemPointer scantid, boolean nextkey) {
        this.desc = desc;
        this.options = options;
        this.nkeyatts = nkeyatts;
        this.keys = keys;
        this.scantid = scantid;
        this.nextkey = nextkey;
        this.integerKeys = IntegerKeys.of(desc, options, keys);
    }

    /**
     * IndexRelationGetNumberOfKeyAttributes: the leading index columns that order the tree; the
     * INCLUDE columns after them are only carried in leaf entries.
     */
    static int nkeyatts(Relation rel) {
        int natts = rel.desc().natts();
        return rel.index() == null ? natts : Math.min(rel.index().keyCount(), natts);
    }

    int keysz() {
        return keys.length;
    }

    boolean anyNullKeys() {
        for (Object k : keys) if (k == null) return true;
        return false;
    }

    /**
     * _bt_compare: the sign of (this key) compared with the tuple at {@code offnum}. The first data
     * item of an internal page is minus infinity; truncated pivot attributes are minus infinity
     * when the key has a value for them; a scan key without a heap TID is greater than a pivot
     * whose heap TID is truncated when every attribute the pivot has is equal (so that searches
     * for a key go right of a separator made from that key), otherwise equal.
     */
    int compare(MemorySegment page, int offnum) {
        return compare(page, offnum, BTPageOpaque.isLeaf(page), BTPageOpaque.firstDataKey(page));
    }

    /**
     * {@link #compare(MemorySegment, int)} with the page's opaque data already read: a binary search
     * reads it once per page, not once per comparison (each read of shared memory is a chain of
     * calls under C1, see docs/performance.md).
     */
    private int compare(MemorySegment page, int offnum, boolean leaf, int firstDataKey) {
        if (!leaf && offnum == firstDataKey) return 1;
        return compareTuple(Page.item(page, offnum));
    }

    int compareTuple(MemorySegment itup) {
        int ntupatts = BTTuple.natts(itup, nkeyatts);
        int ncmpkey = Math.min(ntupatts, keys.length);
        if (ncmpkey > 0 && integerKeys.covers(itup, ncmpkey)) {
            int result = integerKeys.compare(itup, ncmpkey);
            if (result != 0) return result;
        } else if (ncmpkey > 0) {
            Object[] values = IndexTuples.deform(desc, ncmpkey, itup);
            for (int i = 0; i < ncmpkey; i++) {
                int result = compareValue(desc.attr(i).type(), option(options, i), keys[i], values[i]);
                if (result != 0) return result;
            }
        }
        if (keys.length > ntupatts) return 1;
        ItemPointer heapTid = BTTuple.heapTid(itup);
        if (scantid == null) {
            if (keys.length == ntupatts && heapTid == null) return 1;
            return 0;
        }
        if (heapTid == null) return 1;
        return compareTids(scantid, heapTid);
    }

    /** One attribute of an ASC NULLS LAST column: key {@code k} against tuple value {@code v}. */
    static int compareValue(DatumType type, Object k, Object v) {
        return compareValue(type, 0, k, v);
    }

    /**
     * One attribute, key {@code k} against tuple value {@code v}, in the column's index order:
     * _bt_compare's null handling (NULLS FIRST: null below every value, else above) and its
     * inversion of the support function's result unless the column is DESC.
     */
    static int compareValue(DatumType type, int option, Object k, Object v) {
        boolean nullsFirst = (option & Relation.IndexInfo.INDOPTION_NULLS_FIRST) != 0;
        if (k == null) return v == null ? 0 : nullsFirst ? -1 : 1;
        if (v == null) return nullsFirst ? 1 : -1;
        int result = BTOrdering.compare(type, v, k);
        return (option & Relation.IndexInfo.INDOPTION_DESC) != 0 ? result : -result;
    }

    /** The indoption of every key column of {@code index} (all 0 for an index without pg_index data). */
    static short[] options(Relation index) {
        return index.index() == null ? new short[index.desc().natts()] : index.index().indoption();
    }

    static int option(short[] options, int i) {
        return options != null && i < options.length ? options[i] : 0;
    }

    /** ItemPointerCompare: block numbers unsigned, then offset numbers. */
    static int compareTids(ItemPointer a, ItemPointer b) {
        int c = Integer.compareUnsigned(a.block(), b.block());
        return c != 0 ? Integer.signum(c) : Integer.compare(a.offset(), b.offset());
    }

    /**
     * _bt_binsrch: on a leaf, the first offset whose item is >= the key (> with nextkey); on an
     * internal page, the last offset whose item is < the key (<= with nextkey), whose downlink is
     * where the key belongs.
     */
    int binsrch(MemorySegment page) {
        boolean leaf = BTPageOpaque.isLeaf(page);
        int firstDataKey = BTPageOpaque.firstDataKey(page);
        int low = firstDataKey;
        int high = Page.maxOffsetNumber(page);
        if (high < low) return low;
        high++;
        int cmpval = nextkey ? 0 : 1;
        while (high > low) {
            int mid = low + (high - low) / 2;
            if (compare(page, mid, leaf, firstDataKey) >= cmpval) low = mid + 1;
            else high = mid;
        }
        if (leaf) return low;
        return low - 1;
    }
}
