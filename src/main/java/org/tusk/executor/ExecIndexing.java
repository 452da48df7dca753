package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelationLocks;
import org.tusk.utils.cache.Relation;

/**
 * execIndexing.c's ExecOpenIndices: the indexes a row written to {@code rel} must be entered in,
 * each locked RowExclusiveLock first (as index_open does), so that no DROP INDEX or REINDEX,
 * which take AccessExclusiveLock on the index, runs while this statement inserts into it.
 */
final class ExecIndexing {
    private ExecIndexing() {}

    /** The indexes of {@code rel}, locked, in the catalog's order, as a list the caller may change. */
    static List<Relation> openIndices(Catalog catalog, Relation rel) {
        for (Relation index : catalog.indexesOf(rel)) catalog.lockRelation(index.oid(), RelationLocks.ROW_EXCLUSIVE_LOCK);
        // read again after the locks: what a DDL they waited for committed is seen now
        return new ArrayList<>(catalog.indexesOf(rel));
    }
}
