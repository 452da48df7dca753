package org.tusk.access.index;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.tusk.access.table.TableAm;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * index_getprocinfo's first step, RelationGetIndexAm: each call goes to the access method of the
 * index it is about (pg_class.relam, {@link Relation#relam}), B-tree for an index without one
 * recorded. One per backend, over that backend's access method instances.
 */
public final class IndexAmDispatch implements IndexAm {
    private final IndexAm btree;
    private final Map<Integer, IndexAm> others;

    /** @param others the access methods other than B-tree, by pg_am OID */
    public IndexAmDispatch(IndexAm btree, Map<Integer, IndexAm> others) {
        this.btree = btree;
        this.others = Map.copyOf(others);
    }

    /** The access method of {@code index}. */
    public IndexAm of(Relation index) {
        IndexAm am = others.get(index.relam());
        return am == null ? btree : am;
    }

    @Override
    public List<java.lang.foreign.MemorySegment> emptyPages(Relation index) {
        return of(index).emptyPages(index);
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
        return CountedIndexScan.of(of(index).beginScan(index, keys, backward), index.pgstatInfo());
    }

    @Override
    public IndexScan beginScan(Relation index, List<ScanKey> keys, boolean backward, boolean wantIndexTuple) {
        return CountedIndexScan.of(of(index).beginScan(index, keys, backward, wantIndexTuple), index.pgstatInfo());
    }

    @Override
    public IndexScan beginOrderedScan(Relation index, List<ScanKey> keys, List<ScanKey> orderBys, boolean wantIndexTuple) {
        return CountedIndexScan.of(of(index).beginOrderedScan(index, keys, orderBys, wantIndexTuple), index.pgstatInfo());
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
