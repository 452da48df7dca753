package org.tusk.access.gist;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.tusk.access.common.IndexTuples;
import org.tusk.access.common.TupleDesc;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * GISTSTATE (gist_private.h) for one index: the operator class of each key column, and how its
 * entries are formed and read. A leaf entry holds the compressed key columns and any INCLUDE
 * columns as they are, its t_tid the heap row; an inner entry (a downlink) holds the key columns'
 * unions only, its t_tid the child block with offset 0xFFFF (gistutil.c's ItemPointerSetBlockNumber
 * and GistTupleSetValid).
 */
final class GistState {
    /** The t_tid offset of a downlink (TUPLE_IS_VALID). */
    static final int DOWNLINK_OFFSET = 0xFFFF;

    final Relation index;
    final TupleDesc desc;
    final int nkeys;
    final int natts;
    final GistOpclass[] classes;

    private GistState(Relation index, TupleDesc desc, int nkeys, int natts, GistOpclass[] classes) {
        this.index = index;
        this.desc = desc;
        this.nkeys = nkeys;
        this.natts = natts;
        this.classes = classes;
    }

    /** initGISTstate, kept in the relcache entry's rd_amcache so it is made once per backend and entry. */
    static GistState of(Relation index) {
        if (index.amCache() instanceof GistState s) return s;
        Relation.IndexInfo info = index.index();
        int nkeys = info.keyCount();
        GistOpclass[] classes = new GistOpclass[nkeys];
        int[] indclass = info.indclass();
        for (int i = 0; i < nkeys; i++) {
            classes[i] = GistOpclasses.of(indclass[i]);
            if (classes[i] == null) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "GiST operator class " + Integer.toUnsignedString(indclass[i])
                        + " of index \"" + index.name() + "\" is not supported");
            }
        }
        GistState s = new GistState(index, index.desc(), nkeys, index.desc().natts(), classes);
        index.setAmCache(s);
        return s;
    }

    /** One index entry as read from a page: its values (keys decompressed as stored) and t_tid. */
    record Entry(Object[] values, ItemPointer tid, byte[] bytes) {
        int size() {
            return bytes.length;
        }

        int downlink() {
            return tid.block();
        }
    }

    /** gistFormTuple for a leaf: the column values compressed, then formed. */
    Entry leafEntry(Object[] columnValues, ItemPointer heapTid) {
        Object[] v = new Object[natts];
        for (int i = 0; i < natts; i++) {
            Object x = i < columnValues.length ? columnValues[i] : null;
            v[i] = x == null || i >= nkeys ? x : classes[i].compress(x);
        }
        return form(v, heapTid, natts);
    }

    /** A downlink to {@code child} with these key unions. */
    Entry downlink(Object[] keys, int child) {
        Object[] v = new Object[natts];
        System.arraycopy(keys, 0, v, 0, nkeys);
        return form(v, new ItemPointer(child, DOWNLINK_OFFSET), nkeys);
    }

    private Entry form(Object[] values, ItemPointer tid, int n) {
        byte[] bytes = IndexTuples.form(desc, n, values, tid);
        if (bytes.length > MAX_ENTRY) {
            throw PgException.error("54000", "index row requires " + bytes.length + " bytes, maximum size is " + MAX_ENTRY);
        }
        return new Entry(values, tid, bytes);
    }

    /** GiSTPageSize minus one line pointer: what one entry may take so that a page holds at least one. */
    static final int MAX_ENTRY = org.tusk.storage.page.Page.BLCKSZ - 24 - GistPageOpaque.SIZE - 4;

    /** The entry at {@code item} of a leaf or inner page. */
    Entry read(MemorySegment item, boolean leaf) {
        int n = leaf ? natts : nkeys;
        Object[] values = IndexTuples.deform(desc, n, item);
        if (values.length < natts) values = java.util.Arrays.copyOf(values, natts);
        byte[] bytes = item.asSlice(0, IndexTuples.size(item)).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        return new Entry(values, IndexTuples.tid(item), bytes);
    }

    /** gistMakeUnionItVec: per key column the union of the non-null keys (null when all are null). */
    Object[] union(List<Entry> entries) {
        Object[] out = new Object[nkeys];
        for (int c = 0; c < nkeys; c++) {
            List<Object> keys = new ArrayList<>();
            for (Entry e : entries) if (e.values()[c] != null) keys.add(e.values()[c]);
            out[c] = keys.isEmpty() ? null : keys.size() == 1 ? keys.get(0) : classes[c].union(keys);
        }
        return out;
    }

    /** gistgetadjusted: the union of a downlink's keys with a new entry's, or null if the downlink already covers it. */
    Object[] adjusted(Object[] old, Object[] add) {
        Object[] out = new Object[nkeys];
        boolean changed = false;
        for (int c = 0; c < nkeys; c++) {
            Object o = old[c], a = add[c];
            if (o == null) {
                out[c] = a;
                changed |= a != null;
            } else if (a == null) {
                out[c] = o;
            } else {
                Object u = classes[c].union(List.of(o, a));
                out[c] = u;
                changed |= !classes[c].same(o, u);
            }
        }
        return changed ? out : null;
    }

    /** gistpenalty for column {@code c}: 0 for two nulls, infinite for a null and a value, never negative. */
    double penalty(int c, Object orig, Object add) {
        if (orig == null && add == null) return 0;
        if (orig == null || add == null) return Float.POSITIVE_INFINITY;
        double p = classes[c].penalty(orig, add);
        return p < 0 || Double.isNaN(p) ? 0 : p;
    }
}
