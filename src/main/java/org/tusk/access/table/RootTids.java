package org.tusk.access.table;

import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The root TID of each tuple a scan returns, for index builds and validate_index (PostgreSQL's
 * heapam_index_build_range_scan and heapam_index_validate_scan keep root_offsets[] of the page
 * they are on). A scan returns tuples page by page, so one page's roots are kept; they are read
 * again when a tuple lies past them (it was added to the page after they were read).
 */
public final class RootTids {
    private final TableAm table;
    private final Relation heap;
    private int block = -1;
    private int[] roots;

    public RootTids(TableAm table, Relation heap) {
        this.table = table;
        this.heap = heap;
    }

    /**
     * Where index entries for the tuple at {@code tid} point: the root of its HOT chain. An
     * error if the tuple is heap-only and no chain leads to it (PostgreSQL's "failed to find
     * parent tuple for heap-only tuple").
     */
    public ItemPointer rootOf(ItemPointer tid) {
        if (tid.block() != block || roots != null && tid.offset() > roots.length) {
            block = tid.block();
            roots = table.rootOffsets(heap, block);
        }
        if (roots == null) return tid;
        int root = tid.offset() <= roots.length ? roots[tid.offset() - 1] : 0;
        if (root == 0) {
            roots = table.rootOffsets(heap, block);   // the chain may have changed since the page was read
            root = tid.offset() <= roots.length ? roots[tid.offset() - 1] : 0;
        }
        if (root == 0) {
            throw PgException.error(SqlState.DATA_CORRUPTED, "failed to find parent tuple for heap-only tuple at ("
                    + tid.block() + "," + tid.offset() + ") in table \"" + heap.name() + "\"");
        }
        return root == tid.offset() ? tid : new ItemPointer(tid.block(), root);
    }
}
