package org.tusk.access.index;

import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.activity.PgStatTableStatus;

/**
 * An index scan that counts for the cumulative statistics, as PostgreSQL's index AMs do: the scan
 * itself when it starts (pgstat_count_index_scan in _bt_first and its kin) and each TID it returns
 * (index_getnext_tid's pgstat_count_index_tuples, pg_stat's idx_tup_read).
 */
final class CountedIndexScan implements IndexScan {
    private final IndexScan scan;
    private final PgStatTableStatus stats;

    private CountedIndexScan(IndexScan scan, PgStatTableStatus stats) {
        this.scan = scan;
        this.stats = stats;
    }

    /** {@code scan}, counted on the index's pending statistics if it has any. */
    static IndexScan of(IndexScan scan, PgStatTableStatus stats) {
        if (stats == null) return scan;
        stats.countIndexScan();
        return new CountedIndexScan(scan, stats);
    }

    @Override
    public ItemPointer next() {
        ItemPointer tid = scan.next();
        if (tid != null) stats.countReturned();
        return tid;
    }

    @Override public Object[] indexValues() { return scan.indexValues(); }
    @Override public Double[] orderByValues() { return scan.orderByValues(); }
    @Override public boolean orderByRecheck() { return scan.orderByRecheck(); }
    @Override public void close() { scan.close(); }
}
