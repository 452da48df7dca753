package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.access.table.ClusterCopyStats;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelationLocks;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.IndexKeys;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * VACUUM FULL of one table or materialized view (vacuum.c vacuum_rel with VACOPT_FULL, which
 * calls cluster.c cluster_rel without an index: rebuild_relation's make_new_heap,
 * copy_table_data and finish_heap_swap).
 *
 * <p>Under AccessExclusiveLock the table gets new storage, every row version some snapshot may
 * still need is copied into it with its transaction information (the table access method's
 * copyForCluster), and every index is rebuilt over the new storage as reindex_relation does
 * without REINDEX_REL_CHECK_CONSTRAINTS: a unique or exclusion index is not checked, so one left
 * invalid by a failed CREATE INDEX CONCURRENTLY stays invalid, while any other invalid index
 * becomes valid. The old files go at commit; a rollback keeps them. pg_class gets the new page
 * count and the copied row count, and each index its own.
 *
 * <p>Differs from PostgreSQL: the TOAST relation is not rewritten (the copied rows keep pointing
 * into it, see the heap's rewrite); system catalogs cannot be rewritten, as their files are named
 * by their OIDs (there is no relation mapper), so VACUUM FULL of a catalog is refused (0A000),
 * and a database-wide VACUUM FULL rewrites the user tables only.
 */
final class VacuumFull {
    private VacuumFull() {}

    /**
     * cluster_rel for VACUUM FULL of {@code rel}, with VERBOSE's lines to {@code info} (null
     * without VERBOSE); {@code qualified} is the table's schema-qualified name.
     */
    static void rebuild(Relation rel, ExecContext ctx, Consumer<String> info, String qualified) {
        ExecEnvironment env = ctx.env();
        Catalog catalog = env.catalog();
        catalog.lockRelation(rel.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        Relation old = catalog.openRelation(rel.oid());
        if (old == null) return;   // dropped while we waited for the lock
        // RELATION_IS_OTHER_TEMP: another session's temporary table is silently skipped
        if (old.persistence() == 't' && old.namespace() != catalog.namespaceOid("pg_temp")) return;
        if (old.namespace() == SystemCatalogs.PG_CATALOG_NAMESPACE) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "VACUUM FULL of system catalog \"" + old.name()
                    + "\" is not supported yet");
        }
        if (info != null) info.accept("vacuuming \"" + qualified + "\"");
        int oldPages = env.tableAm().numberOfBlocks(old);
        // make_new_heap + copy_table_data: the old storage stays readable through `old` until commit
        catalog.setNewHeapRelfilenode(old);
        Relation fresh = catalog.openRelation(rel.oid());
        ClusterCopyStats st = env.tableAm().copyForCluster(old, fresh);
        catalog.updateRelationStats(fresh, st.pages(), st.tuplesKept(), 0);
        if (info != null) {
            info.accept("\"" + qualified + "\": found " + st.tuplesVacuumed() + " removable, " + st.tuplesKept()
                    + " nonremovable row versions in " + oldPages + " pages");
        }
        // finish_heap_swap's reindex_relation, without REINDEX_REL_CHECK_CONSTRAINTS
        List<Relation> indexes = new ArrayList<>(catalog.indexesOf(fresh));
        indexes.sort((a, b) -> Integer.compareUnsigned(a.oid(), b.oid()));
        for (Relation ix : indexes) {
            catalog.lockRelation(ix.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            Relation index = catalog.openRelation(ix.oid());
            if (index == null) continue;
            Relation heap = catalog.openRelation(rel.oid());
            catalog.reindexIndexAfterRewrite(heap, index, IndexKeys.open(heap, index, ctx));
        }
    }
}
