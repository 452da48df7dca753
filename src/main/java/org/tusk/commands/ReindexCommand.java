package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelationLocks;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.executor.ExecContext;
import org.tusk.executor.IndexKeys;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * REINDEX (PostgreSQL's indexcmds.c ExecReindex, ReindexIndex, ReindexTable,
 * ReindexMultipleTables; index.c reindex_index, reindex_relation). Each index is rebuilt into a
 * new relfilenode by the access method's bottom-up build ({@link Catalog#reindexIndex}); the old
 * file is removed at commit, so a rollback leaves the index as it was.
 *
 * <p>Locks as PostgreSQL's: REINDEX INDEX takes ShareLock on the table and then
 * AccessExclusiveLock on the index (RangeVarCallbackForReindexIndex's order, so that it cannot
 * deadlock against DML, which locks the table first); REINDEX TABLE takes ShareLock on the table
 * and AccessExclusiveLock on each of its indexes. Readers of the table are not blocked; writers
 * wait. REINDEX SCHEMA, DATABASE and SYSTEM may not run inside a transaction block (the traffic
 * cop refuses them there, PreventInTransactionBlock). REINDEX of a partitioned table or index
 * rebuilds the leaf indexes under it ({@link ReindexPartitions}).
 *
 * <p>Differs from PostgreSQL: the tables of REINDEX SCHEMA/DATABASE/SYSTEM are processed in the
 * statement's one transaction, where PostgreSQL commits after each table (and each partition,
 * which is also why PostgreSQL refuses REINDEX of a partitioned table or index inside a
 * transaction block, as Tusk does); ownership of the
 * index, table or database is not checked, only the schema's of REINDEX SCHEMA. The TABLESPACE option is not supported
 * (0A000). CONCURRENTLY is {@link ReindexConcurrently}'s.
 */
public final class ReindexCommand {
    private ReindexCommand() {}

    /**
     * Runs {@code s}; {@code infos} receives VERBOSE's INFO messages, {@code notices} the NOTICE
     * for a table without indexes.
     */
    public static void reindex(Stmt.ReindexStmt s, ExecContext ctx, Consumer<String> infos, Consumer<String> notices) {
        if (s.concurrently() && s.kind() == 'y') {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot reindex system catalogs concurrently");
        }
        if (s.concurrently()) {
            // the traffic cop runs top-level REINDEX CONCURRENTLY through ReindexConcurrently;
            // anything else is inside some transaction (PreventInTransactionBlock)
            throw PgException.error("25001", "REINDEX CONCURRENTLY cannot run inside a transaction block");
        }
        if (s.tablespace() != null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "REINDEX (TABLESPACE) is not supported yet");
        }
        Catalog catalog = ctx.env().catalog();
        Consumer<String> verbose = s.verbose() ? infos : m -> {};
        switch (s.kind()) {
            case 'i' -> reindexIndex(s.relation(), ctx, verbose);
            case 't' -> {
                Relation heap = openTable(s.relation(), catalog);
                if (heap.relkind() == 'p') {
                    preventInTransactionBlock(ctx, "REINDEX TABLE", "partitioned table", heap);
                    // ReindexPartitions: each leaf partition's indexes
                    for (Relation leaf : ReindexPartitions.leafTables(heap, catalog)) {
                        catalog.lockRelation(leaf.oid(), RelationLocks.SHARE_LOCK);
                        Relation current = catalog.openRelation(leaf.oid());
                        if (current != null) reindexRelation(current, ctx, verbose);
                    }
                    return;
                }
                if (!reindexRelation(heap, ctx, verbose)) {
                    notices.accept("table \"" + heap.name() + "\" has no indexes to reindex");
                }
            }
            default -> {
                for (Relation heap : multipleTables(s, ctx, catalog)) {
                    ctx.session().checkForInterrupts();
                    catalog.lockRelation(heap.oid(), RelationLocks.SHARE_LOCK);
                    Relation current = catalog.openRelation(heap.oid());
                    if (current != null) reindexRelation(current, ctx, verbose);
                }
            }
        }
    }

    /** ReindexIndex: ShareLock on the table first, then AccessExclusiveLock on the index. */
    static void reindexIndex(Stmt.RangeVar rv, ExecContext ctx, Consumer<String> verbose) {
        Catalog catalog = ctx.env().catalog();
        int indexOid = catalog.relnameGetRelid(rv.schema(), rv.name());
        if (indexOid == 0) throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown(rv) + "\" does not exist");
        Relation index = catalog.openRelation(indexOid);
        if (index != null && index.relkind() == 'I') {
            preventInTransactionBlock(ctx, "REINDEX INDEX", "partitioned index", index);
            // ReindexPartitions: each leaf index of the partitioned index
            for (Relation leaf : ReindexPartitions.leafIndexes(index, catalog)) reindexIndex(leaf, rv, ctx, verbose);
            return;
        }
        if (index == null || index.relkind() != 'i') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rv.name() + "\" is not an index");
        }
        reindexIndex(index, rv, ctx, verbose);
    }

    /**
     * ReindexPartitions' PreventInTransactionBlock: each partition is meant to be rebuilt in a
     * transaction of its own, so not inside a block; the report carries
     * reindex_error_callback's CONTEXT line.
     */
    private static void preventInTransactionBlock(ExecContext ctx, String what, String kind, Relation rel) {
        if (!ctx.session().inTransactionBlock()) return;
        String schema = ctx.env().catalog().namespaceName(rel.namespace());
        throw PgException.error("25001", what + " cannot run inside a transaction block")
                .withContext("while reindexing " + kind + " \"" + schema + "." + rel.name() + "\"");
    }

    /** reindex_index of one index: ShareLock on its table, then AccessExclusiveLock on it. */
    private static void reindexIndex(Relation index, Stmt.RangeVar rv, ExecContext ctx, Consumer<String> verbose) {
        Catalog catalog = ctx.env().catalog();
        int indexOid = index.oid();
        int heapOid = index.index().heapOid();
        catalog.lockRelation(heapOid, RelationLocks.SHARE_LOCK);
        catalog.lockRelation(indexOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        Relation heap = catalog.openRelation(heapOid);
        index = catalog.openRelation(indexOid);
        if (heap == null || index == null) {   // dropped while we waited for the locks
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown(rv) + "\" does not exist");
        }
        catalog.reindexIndex(heap, index, IndexKeys.open(heap, index, ctx));
        verbose.accept("index \"" + index.name() + "\" was reindexed");
    }

    /** ReindexTable's lookup (RangeVarCallbackOwnsTable): a table, locked ShareLock. */
    static Relation openTable(Stmt.RangeVar rv, Catalog catalog) {
        Relation heap = catalog.openRelation(rv.schema(), rv.name(), RelationLocks.SHARE_LOCK);
        if (heap == null) throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown(rv) + "\" does not exist");
        if (heap.relkind() != 'r' && heap.relkind() != 'm' && heap.relkind() != 'p') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rv.name() + "\" is not a table or materialized view");
        }
        return heap;
    }

    /**
     * reindex_relation with REINDEX_REL_PROCESS_TOAST: every index of {@code heap}, in OID order,
     * then those of its TOAST relation (ShareLock on it first); false if there were none at all.
     */
    static boolean reindexRelation(Relation heap, ExecContext ctx, Consumer<String> verbose) {
        boolean any = reindexIndexesOf(heap, ctx, verbose);
        if (heap.toastRelid() != 0) {
            Catalog catalog = ctx.env().catalog();
            catalog.lockRelation(heap.toastRelid(), RelationLocks.SHARE_LOCK);
            Relation toast = catalog.openRelation(heap.toastRelid());
            if (toast != null) any |= reindexIndexesOf(toast, ctx, verbose);
        }
        return any;
    }

    /** reindex_relation's own part: every index of {@code heap}, in OID order; false if it has none. */
    private static boolean reindexIndexesOf(Relation heap, ExecContext ctx, Consumer<String> verbose) {
        Catalog catalog = ctx.env().catalog();
        List<Relation> indexes = new ArrayList<>(catalog.indexesOf(heap));
        if (indexes.isEmpty()) return false;
        indexes.sort((a, b) -> Integer.compareUnsigned(a.oid(), b.oid()));
        for (Relation ix : indexes) {
            catalog.lockRelation(ix.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            Relation index = catalog.openRelation(ix.oid());
            if (index == null) continue;
            Relation current = catalog.openRelation(heap.oid());
            catalog.reindexIndex(current, index, IndexKeys.open(current, index, ctx));
            verbose.accept("index \"" + index.name() + "\" was reindexed");
        }
        return true;
    }

    /**
     * ReindexMultipleTables' choice of tables: those of the schema (SCHEMA), the catalogs
     * (SYSTEM), or every table of the database (DATABASE, the catalogs included, as in
     * PostgreSQL 15); other sessions' temporary tables are skipped.
     */
    static List<Relation> multipleTables(Stmt.ReindexStmt s, ExecContext ctx, Catalog catalog) {
        int ownTemp = catalog.namespaceOid("pg_temp");
        List<Relation> candidates = new ArrayList<>();
        if (s.kind() == 's') {
            int nsp = catalog.namespaceOid(s.name());
            if (nsp == 0) throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + s.name() + "\" does not exist");
            // pg_namespace_ownercheck: the schema's owner or a superuser
            if (!ctx.env().currentUserIsSuperuser() && catalog.namespaceOwner(nsp) != ctx.env().currentUserId()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of schema " + s.name());
            }
            candidates.addAll(catalog.relationsInNamespace(nsp));
        } else {
            if (!s.name().equals(ctx.session().currentDatabase())) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "can only reindex the currently open database");
            }
            candidates.addAll(catalog.relationsInNamespace(SystemCatalogs.PG_CATALOG_NAMESPACE));
            if (s.kind() == 'd') {
                candidates.addAll(catalog.userTables());
                if (ownTemp != 0) candidates.addAll(catalog.relationsInNamespace(ownTemp));
            }
        }
        List<Relation> out = new ArrayList<>();
        for (Relation r : candidates) {
            if (r.relkind() != 'r' && r.relkind() != 'm') continue;
            if (r.persistence() == 't' && r.namespace() != ownTemp) continue;   // RELATION_IS_OTHER_TEMP
            out.add(r);
        }
        return out;
    }

    private static String shown(Stmt.RangeVar rv) {
        return rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
    }
}
