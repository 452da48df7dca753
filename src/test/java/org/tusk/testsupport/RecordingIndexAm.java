package org.tusk.testsupport;

import org.tusk.access.index.IndexAm;
import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.access.table.TableAm;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

import java.util.ArrayList;
import java.util.List;

/** An index AM test double that records which (heap, index) pairs were built; scans are not supported. */
public final class RecordingIndexAm implements IndexAm {
    public record Build(Relation heap, Relation index) {}

    private final List<Build> builds = new ArrayList<>();

    public List<Build> builds() { return builds; }

    @Override
    public org.tusk.access.index.IndexBuildResult build(Relation heap, Relation index, TableAm table,
                                                       org.tusk.access.index.IndexKeyFormer keys) {
        builds.add(new Build(heap, index));
        return new org.tusk.access.index.IndexBuildResult(0, 0);
    }

    @Override
    public void insert(Relation index, Object[] keys, ItemPointer heapTid, Relation heap, TableAm table, boolean checkUnique) {
        throw new UnsupportedOperationException("not needed by catalog tests");
    }

    @Override
    public IndexScan beginScan(Relation index, List<ScanKey> keys, boolean backward) {
        throw new UnsupportedOperationException("not needed by catalog tests");
    }

    @Override
    public int numberOfBlocks(Relation index) {
        return 0;
    }

    @Override
    public org.tusk.access.index.IndexBulkDeleteResult indexBulkDelete(org.tusk.utils.cache.Relation index,
            java.util.function.Predicate<org.tusk.storage.page.ItemPointer> isDead) {
        throw new UnsupportedOperationException("bulk delete is tested on the B-tree");
    }
}
