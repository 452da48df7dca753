package org.tusk.access.index;

import org.tusk.access.table.TableAm;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

import java.util.List;
import java.util.function.Predicate;

/**
 * index_getprocinfo's dispatch, at the level of whole access methods (RelationData.rd_indam):
 * each call goes to the access method of the index's pg_class.relam, the B-tree unless the
 * index is of another method this backend has.
 */
public final class IndexAmRouter implements IndexAm {
    private final IndexAm btree;
    private final IndexAm gin;

    public IndexAmRouter(IndexAm btree, IndexAm gin) {
        this.btree = btree;
        this.gin = gin;
    }

    private IndexAm of(Relation index) {
        return index.relam() == Relation.GIN_AM_OID ? gin : btree;
    }

    /** The access method serving {@code index}, for what only it offers (GIN's statistics). */
    public IndexAm forIndex(Relation index) {
        return of(index);
    }

    @Override
    public IndexBuildResult build(Relation heap, Relation index, TableAm table) {
        return of(index).build(heap, index, table);
    }

    @Override
    public IndexBuildResult build(Relation heap, Relation index, TableAm table, IndexKeyFormer keys) {
        return of(index).build(heap, index, table, keys);
    }

    @Override
    public IndexBuildResult buildConcurrently(Relation heap, Relation index, TableAm table, IndexKeyFormer keys) {
        return of(index).buildConcurrently(heap, index, table, keys);
    }

    @Override
    public IndexBuildResult buildAfterRewrite(Relation heap, Relation index, TableAm table, IndexKeyFormer keys) {
        return of(index).buildAfterRewrite(heap, index, table, keys);
    }

    @Override
    public void insert(Relation index, Object[] keys, ItemPointer heapTid, Relation heap, TableAm table, boolean checkUnique) {
        of(index).insert(index, keys, heapTid, heap, table, checkUnique);
    }

    @Override
    public boolean insert(Relation index, Object[] keys, ItemPointer heapTid, Relation heap, TableAm table, UniqueCheck check) {
        return of(index).insert(index, keys, heapTid, heap, table, check);
    }

    @Override
    public IndexScan beginScan(Relation index, List<ScanKey> keys, boolean backward) {
        return of(index).beginScan(index, keys, backward);
    }

    @Override
    public IndexScan beginScan(Relation index, List<ScanKey> keys, boolean backward, boolean wantIndexTuple) {
        return of(index).beginScan(index, keys, backward, wantIndexTuple);
    }

    @Override
    public boolean canReturn(Relation index, int column) {
        return of(index).canReturn(index, column);
    }

    @Override
    public IndexBulkDeleteResult indexBulkDelete(Relation index, Predicate<ItemPointer> isDead) {
        return of(index).indexBulkDelete(index, isDead);
    }

    @Override
    public int numberOfBlocks(Relation index) {
        return of(index).numberOfBlocks(index);
    }

    @Override
    public int treeHeight(Relation index) {
        return of(index).treeHeight(index);
    }
}
