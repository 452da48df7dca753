package org.tusk.access.index;

import org.tusk.access.table.TableAm;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

import java.util.List;

/**
 * The index access method interface (PostgreSQL's amapi.h, called through indexam.c): how the
 * executor and the catalog code build, fill and scan indexes. Key values cross it as Java values
 * in the order of the index's key columns. One instance per backend; the B-tree
 * ({@code access.nbtree}) is the implementation.
 */
public interface IndexAm {
    /**
     * ambuildempty: the pages of an empty index, in block order, for the init fork of an unlogged
     * index (crash recovery copies it over the main fork). The caller writes and WAL-logs them.
     */
    default List<java.lang.foreign.MemorySegment> emptyPages(Relation index) {
        throw new UnsupportedOperationException("this index access method cannot build an empty index");
    }

    /**
     * ambuildempty + ambuild: initializes the index's storage and enters every row of {@code heap}
     * (a build under ShareLock: the table's index build scan hands over every row version some
     * snapshot may still see, and only the live ones are checked for uniqueness).
     */
    default IndexBuildResult build(Relation heap, Relation index, TableAm table) {
        return build(heap, index, table, IndexKeyFormer.ofColumns(index));
    }

    /**
     * ambuild with the keys of each live heap row formed by {@code keys} (an index with
     * expressions or a predicate); a row the former returns null for gets no entry. Returns the
     * counts of rows seen and entries made.
     */
    IndexBuildResult build(Relation heap, Relation index, TableAm table, IndexKeyFormer keys);

    /**
     * ambuild for CREATE INDEX CONCURRENTLY (index_concurrently_build, ii_Concurrent): the rows the
     * build snapshot sees, where {@link #build} enters every row version some snapshot may still
     * see. This default builds as {@link #build} does.
     */
    default IndexBuildResult buildConcurrently(Relation heap, Relation index, TableAm table, IndexKeyFormer keys) {
        return build(heap, index, table, keys);
    }

    /**
     * ambuild as VACUUM FULL's finish_heap_swap runs it (reindex_relation without
     * REINDEX_REL_CHECK_CONSTRAINTS, so ii_Unique cleared): every row version of the rewritten
     * heap that some transaction may still see gets an entry, as in {@link #build}, and a unique
     * index is filled without checking its keys for duplicates.
     */
    default IndexBuildResult buildAfterRewrite(Relation heap, Relation index, TableAm table, IndexKeyFormer keys) {
        throw new UnsupportedOperationException("this index access method cannot be rebuilt after a rewrite");
    }

    /**
     * aminsert: enters {@code keys -> heapTid}. With {@code checkUnique} on a unique index, first
     * checks (waiting, through the table AM's dirty check, for in-progress inserters or deleters
     * of an equal key) that no other live row has the same key, and throws 23505 with PostgreSQL's
     * message and "Key (...)=(...) already exists." detail if one has. Keys with a null are never
     * equal to anything.
     */
    void insert(Relation index, Object[] keys, ItemPointer heapTid, Relation heap, TableAm table, boolean checkUnique);

    /**
     * aminsert with an explicit {@link UniqueCheck} mode. Returns false only in
     * {@link UniqueCheck#PARTIAL} mode when an equal key of a possibly live row was found (the
     * entry is inserted anyway and the caller must recheck); true otherwise. An access method
     * that cannot defer its uniqueness check refuses PARTIAL and EXISTING (amcanunique with
     * deferral is B-tree's alone in PostgreSQL too).
     */
    default boolean insert(Relation index, Object[] keys, ItemPointer heapTid, Relation heap, TableAm table, UniqueCheck check) {
        if (check == UniqueCheck.PARTIAL || check == UniqueCheck.EXISTING)
            throw new UnsupportedOperationException("this index access method cannot defer uniqueness checks");
        insert(index, keys, heapTid, heap, table, check == UniqueCheck.YES);
        return true;
    }

    /**
     * ambeginscan + amrescan: a scan returning the heap TIDs of entries that satisfy every key in
     * {@code keys} (ANDed), in index order or, with {@code backward}, in reverse.
     */
    IndexScan beginScan(Relation index, List<ScanKey> keys, boolean backward);

    /**
     * ambeginscan with xs_want_itup: as {@link #beginScan(Relation, List, boolean)}, and with
     * {@code wantIndexTuple} the scan also returns each entry's values ({@link IndexScan#indexValues}),
     * which only an access method that {@link #canReturn} its columns can do.
     */
    default IndexScan beginScan(Relation index, List<ScanKey> keys, boolean backward, boolean wantIndexTuple) {
        if (wantIndexTuple) throw new UnsupportedOperationException("this index access method cannot return index tuples");
        return beginScan(index, keys, backward);
    }

    /**
     * ambeginscan with ORDER BY keys (amcanorderbyop): the entries matching {@code keys}, in
     * ascending order of the distances {@code orderBys} name (each key's strategy number is its
     * distance operator's). Only an access method that can order by operator (GiST) has this.
     */
    default IndexScan beginOrderedScan(Relation index, List<ScanKey> keys, List<ScanKey> orderBys, boolean wantIndexTuple) {
        throw new UnsupportedOperationException("this index access method cannot order by operator");
    }

    /** amcanreturn: whether an index-only scan can take column {@code column} (1-based) from the index entries. */
    default boolean canReturn(Relation index, int column) {
        return false;
    }

    /**
     * ambulkdelete (index_bulk_delete): removes every entry whose heap TID {@code isDead} accepts,
     * for VACUUM. The caller holds a lock that keeps the dead TIDs from being reused meanwhile.
     */
    IndexBulkDeleteResult indexBulkDelete(Relation index, java.util.function.Predicate<ItemPointer> isDead);

    /** Physical blocks of the index, for costs and tests. */
    int numberOfBlocks(Relation index);

    /** The index's tree height as the planner's cost model reads it (IndexOptInfo.tree_height); 0 when it has none. */
    default int treeHeight(Relation index) {
        return 0;
    }
}
