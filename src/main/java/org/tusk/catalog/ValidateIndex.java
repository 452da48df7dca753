package org.tusk.catalog;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.index.IndexAm;
import org.tusk.access.index.IndexKeyFormer;
import org.tusk.access.table.RootTids;
import org.tusk.access.table.TableAm;
import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.time.Snapshot;

/**
 * validate_index (index.c, with heapam_index_validate_scan): the second pass of CREATE INDEX
 * CONCURRENTLY. The index was built from a snapshot taken before it was marked ready; rows
 * inserted between that snapshot and the moment every writer saw indisready are in the table but
 * not in the index. This pass collects the heap TIDs the index holds (by an ambulkdelete whose
 * callback deletes nothing, validate_index_callback), sorts them, scans the table with the
 * caller's reference snapshot, and inserts an entry for every visible row whose HOT chain root is
 * not among them, with the uniqueness check a unique index makes at insertion.
 *
 * <p>The caller holds ShareUpdateExclusiveLock on the table (a session lock) and has waited until
 * every transaction that could insert without maintaining the index has ended, so any row the
 * snapshot sees is either already indexed or inserted before indisready, and rows inserted later
 * are indexed by their inserters.
 *
 * <p>Differs from PostgreSQL: the TIDs are sorted in memory (PostgreSQL uses a tuplesort that
 * spills to disk past maintenance_work_mem).
 */
public final class ValidateIndex {
    private ValidateIndex() {}

    /** The number of entries inserted (PostgreSQL's state.tups_inserted). */
    public static long validate(Relation heap, Relation index, IndexKeyFormer keys, Snapshot snapshot, TableAm table,
                                IndexAm am) {
        long[] indexed = indexedTids(index, am);
        RootTids roots = new RootTids(table, heap);
        boolean unique = index.index().unique();
        long inserted = 0;
        try (TableScan scan = table.beginScan(heap, snapshot)) {
            TupleSlot slot;
            while ((slot = scan.next()) != null) {
                ItemPointer root = roots.rootOf(slot.tid());
                if (java.util.Arrays.binarySearch(indexed, encode(root)) >= 0) continue;
                Object[] k = keys.form(slot.values());
                if (k == null) continue;   // outside a partial index's predicate
                am.insert(index, k, root, heap, table, unique);
                inserted++;
            }
        }
        return inserted;
    }

    /** The heap TIDs of every entry of {@code index}, encoded and sorted. */
    private static long[] indexedTids(Relation index, IndexAm am) {
        List<Long> tids = new ArrayList<>();
        am.indexBulkDelete(index, tid -> {
            tids.add(encode(tid));
            return false;   // validate_index_callback: collect, never delete
        });
        long[] out = new long[tids.size()];
        for (int i = 0; i < out.length; i++) out[i] = tids.get(i);
        java.util.Arrays.sort(out);
        return out;
    }

    /** itemptr_encode: block and offset as one sortable number. */
    static long encode(ItemPointer tid) {
        return (Integer.toUnsignedLong(tid.block()) << 16) | (tid.offset() & 0xFFFF);
    }
}
