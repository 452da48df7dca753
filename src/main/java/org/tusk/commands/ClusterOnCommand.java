package org.tusk.commands;

import org.tusk.catalog.Catalog;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * ALTER TABLE ... CLUSTER ON index and SET WITHOUT CLUSTER (tablecmds.c ATExecClusterOn and
 * ATExecDropCluster, with cluster.c's check_index_is_clusterable and mark_index_clustered): which
 * index pg_index.indisclustered names as the table's clustering index. CLUSTER itself, which
 * rewrites the table in that index's order, is not part of this.
 */
final class ClusterOnCommand {
    private ClusterOnCommand() {}

    /** CLUSTER ON {@code indexName}, or SET WITHOUT CLUSTER when it is null. */
    static void clusterOn(Relation heap, String indexName, Catalog catalog) {
        if (indexName == null) {
            markIndexClustered(heap, 0, catalog);
            return;
        }
        // the index is looked up in the table's schema (get_relname_relid)
        int indexOid = catalog.relnameGetRelid(catalog.namespaceName(heap.namespace()), indexName);
        if (indexOid == 0) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT,
                    "index \"" + indexName + "\" for table \"" + heap.name() + "\" does not exist");
        }
        checkIndexIsClusterable(heap, catalog.openRelation(indexOid), indexName);
        markIndexClustered(heap, indexOid, catalog);
    }

    /** check_index_is_clusterable: an index of this table, not partial, valid. */
    private static void checkIndexIsClusterable(Relation heap, Relation index, String indexName) {
        if (index == null || index.index() == null || index.index().heapOid() != heap.oid()) {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE,
                    "\"" + indexName + "\" is not an index for table \"" + heap.name() + "\"");
        }
        if (index.relam() != Relation.BTREE_AM_OID) {   // amclusterable: B-tree's, not GIN's
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot cluster on index \"" + index.name()
                    + "\" because access method does not support clustering");
        }
        if (index.index().predicate() != null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot cluster on partial index \"" + index.name() + "\"");
        }
        if (!index.indexIsValid()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot cluster on invalid index \"" + index.name() + "\"");
        }
    }

    /** mark_index_clustered: not for a partitioned table, whose indexes are only templates. */
    private static void markIndexClustered(Relation heap, int indexOid, Catalog catalog) {
        if (heap.relkind() == 'p') {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot mark index clustered in partitioned table");
        }
        catalog.markIndexClustered(heap, indexOid);
    }
}
