package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.IndexStateFlags;
import org.tusk.catalog.RelationLocks;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.executor.ExecContext;
import org.tusk.nodes.Stmt;
import org.tusk.storage.lmgr.LockMode;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * REINDEX ... CONCURRENTLY (PostgreSQL's indexcmds.c ReindexRelationConcurrently with index.c
 * index_concurrently_create_copy, index_concurrently_build, validate_index,
 * index_concurrently_swap and index_concurrently_set_dead). Each index to rebuild gets a copy
 * named {@code <name>_ccnew}, built and validated as CREATE INDEX CONCURRENTLY builds one; then
 * the copy takes the old index's name (and constraint, flags, comment) while the old one becomes
 * {@code <name>_ccold}, invalid; after everyone has stopped using it the old index is marked dead,
 * and after that it is dropped. So the index keeps its name but gets a new OID, as in PostgreSQL.
 *
 * <p>Every table and index involved (old and new) is held ShareUpdateExclusiveLock as a session
 * lock from the first transaction to the last; writes and reads go on meanwhile. An error leaves
 * the {@code _ccnew} copy (invalid) or, after the swap, the {@code _ccold} index behind, as in
 * PostgreSQL. Temporary relations are reindexed the plain way, which is as good and faster.
 *
 * <p>A table's TOAST indexes are rebuilt with its own (ReindexRelationConcurrently's
 * toastrelid step); their phases wait for the lockers of the table, which every writer of the
 * TOAST relation holds, and while a copy is ready the TOAST code inserts each new chunk into
 * both indexes, reading through the valid one.
 *
 * <p>Not done: partitioned tables and indexes (REINDEX of those is not supported at all yet),
 * and VERBOSE's resource usage DETAIL.
 */
public final class ReindexConcurrently {
    private ReindexConcurrently() {}

    /**
     * One index being rebuilt: its table, the old index and, after phase 1, the copy; and the
     * table whose lockers the phases wait for, which for an index of a TOAST relation is the
     * table that owns it (its writers lock that table, never the TOAST relation itself).
     */
    private static final class Job {
        final int heapOid;
        final int waitOid;
        final int oldOid;
        final String oldName;
        final int namespace;
        int newOid;

        Job(int heapOid, Relation old) {
            this(heapOid, heapOid, old);
        }

        Job(int heapOid, int waitOid, Relation old) {
            this.heapOid = heapOid;
            this.waitOid = waitOid;
            this.oldOid = old.oid();
            this.oldName = old.name();
            this.namespace = old.namespace();
        }
    }

    public static void reindex(Stmt.ReindexStmt s, ExecContext ctx, TransactionSteps steps, Consumer<String> infos,
                               Consumer<String> notices, Consumer<String> warnings) {
        Catalog catalog = ctx.env().catalog();
        Consumer<String> verbose = s.verbose() ? infos : m -> {};
        if (s.tablespace() != null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "REINDEX (TABLESPACE) is not supported yet");
        }
        switch (s.kind()) {
            case 'i' -> {
                int indexOid = catalog.relnameGetRelid(s.relation().schema(), s.relation().name());
                Relation index = indexOid == 0 ? null : catalog.openRelation(indexOid);
                if (index != null && index.relkind() == 'i' && isCatalogRelation(index.index().heapOid())) {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot reindex system catalogs concurrently");
                }
                if (index != null && index.relkind() == 'I' && index.persistence() != 't') {
                    // ReindexPartitions with CONCURRENTLY: the leaf indexes, each concurrently
                    List<Job> jobs = new ArrayList<>();
                    for (Relation leaf : ReindexPartitions.leafIndexes(index, catalog)) {
                        catalog.lockRelation(leaf.index().heapOid(), RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
                        catalog.lockRelation(leaf.oid(), RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
                        jobs.add(new Job(leaf.index().heapOid(), catalog.openRelation(leaf.oid())));
                    }
                    if (!jobs.isEmpty()) run(jobs, steps, verbose);
                    return;
                }
                if (index == null || index.relkind() != 'i' || index.persistence() == 't') {
                    ReindexCommand.reindexIndex(s.relation(), ctx, verbose);   // its errors, or a temporary index
                    return;
                }
                // ReindexRelationConcurrently: an exclusion constraint's index cannot be built concurrently
                if (index.index().exclusion()) {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "concurrent index creation for exclusion constraints is not supported");
                }
                catalog.lockRelation(index.index().heapOid(), RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
                catalog.lockRelation(indexOid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
                run(List.of(new Job(index.index().heapOid(), catalog.openRelation(indexOid))), steps, verbose);
            }
            case 't' -> {
                Relation heap = catalog.openRelation(s.relation().schema(), s.relation().name(),
                        RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
                if (heap != null && isCatalogRelation(heap.oid())) {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot reindex system catalogs concurrently");
                }
                if (heap != null && heap.relkind() == 'p' && heap.persistence() != 't') {
                    // ReindexPartitions with CONCURRENTLY: each leaf partition in its own transactions
                    List<Integer> leaves = new ArrayList<>();
                    for (Relation leaf : ReindexPartitions.leafTables(heap, catalog)) leaves.add(leaf.oid());
                    for (int oid : leaves) {
                        ExecContext c = steps.statementContext();
                        Catalog cat = c.env().catalog();
                        cat.lockRelation(oid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
                        Relation leaf = cat.openRelation(oid);
                        if (leaf != null) reindexTable(leaf, c, steps, verbose, warnings);
                        steps.commitAndStart();
                    }
                    return;
                }
                if (heap == null || heap.persistence() == 't' || heap.relkind() != 'r' && heap.relkind() != 'm') {
                    heap = ReindexCommand.openTable(s.relation(), catalog);
                    if (!ReindexCommand.reindexRelation(heap, ctx, verbose)) {
                        notices.accept("table \"" + heap.name() + "\" has no indexes to reindex");
                    }
                    return;
                }
                if (!reindexTable(heap, ctx, steps, verbose, warnings)) {
                    notices.accept("table \"" + heap.name() + "\" has no indexes that can be reindexed concurrently");
                }
            }
            case 'y' -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot reindex system catalogs concurrently");
            default -> {
                if (s.kind() == 's' && catalog.namespaceOid(s.name()) == SystemCatalogs.PG_CATALOG_NAMESPACE) {
                    // ReindexMultipleTables: nothing of a schema of catalogs can be done concurrently
                    warnings.accept("cannot reindex system catalogs concurrently, skipping all");
                    return;
                }
                List<Integer> tables = new ArrayList<>();
                for (Relation r : ReindexCommand.multipleTables(s, ctx, catalog)) {
                    if (isCatalogRelation(r.oid())) continue;   // "skipping" silently, as ReindexMultipleTables does
                    tables.add(r.oid());
                }
                for (int oid : tables) {
                    ExecContext c = steps.statementContext();
                    Catalog cat = c.env().catalog();
                    cat.lockRelation(oid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
                    Relation heap = cat.openRelation(oid);
                    if (heap == null) continue;
                    if (heap.persistence() == 't') ReindexCommand.reindexRelation(heap, c, verbose);
                    else reindexTable(heap, c, steps, verbose, warnings);
                    steps.commitAndStart();
                }
            }
        }
    }

    /**
     * ReindexRelationConcurrently for a table: its valid indexes, then those of its TOAST
     * relation (locked ShareUpdateExclusiveLock too); false if there are none.
     */
    private static boolean reindexTable(Relation heap, ExecContext ctx, TransactionSteps steps, Consumer<String> verbose,
                                        Consumer<String> warnings) {
        Catalog catalog = ctx.env().catalog();
        List<Relation> indexes = new ArrayList<>(catalog.indexesOf(heap));
        indexes.sort((a, b) -> Integer.compareUnsigned(a.oid(), b.oid()));
        String schema = catalog.namespaceName(heap.namespace());
        List<Job> jobs = new ArrayList<>();
        for (Relation ix : indexes) {
            if (!ix.indexIsValid()) {
                warnings.accept("cannot reindex invalid index \"" + schema + "." + ix.name() + "\" concurrently, skipping");
                continue;
            }
            if (ix.index().exclusion()) {
                warnings.accept("cannot reindex exclusion constraint index \"" + schema + "." + ix.name()
                        + "\" concurrently, skipping");
                continue;
            }
            catalog.lockRelation(ix.oid(), RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
            jobs.add(new Job(heap.oid(), ix));
        }
        if (heap.toastRelid() != 0) {
            catalog.lockRelation(heap.toastRelid(), RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
            Relation toast = catalog.openRelation(heap.toastRelid());
            List<Relation> toastIndexes = toast == null ? List.of() : new ArrayList<>(catalog.indexesOf(toast));
            toastIndexes.sort((a, b) -> Integer.compareUnsigned(a.oid(), b.oid()));
            for (Relation ix : toastIndexes) {
                if (!ix.indexIsValid()) {
                    warnings.accept("cannot reindex invalid index \"" + catalog.namespaceName(ix.namespace()) + "."
                            + ix.name() + "\" on TOAST table concurrently, skipping");
                    continue;
                }
                catalog.lockRelation(ix.oid(), RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
                jobs.add(new Job(toast.oid(), heap.oid(), ix));
            }
        }
        if (jobs.isEmpty()) return false;
        run(jobs, steps, verbose);
        return true;
    }

    /** The phases, from the first transaction (whose locks are held) to the last. */
    private static void run(List<Job> jobs, TransactionSteps steps, Consumer<String> verbose) {
        List<Integer> sessionLocks = new ArrayList<>();
        try {
            // Phase 1: the copies' catalog entries, committed.
            Catalog catalog = steps.statementContext().env().catalog();
            for (Job j : jobs) {
                lockForSession(j.heapOid, steps, sessionLocks);
                lockForSession(j.oldOid, steps, sessionLocks);
                Relation heap = catalog.openRelation(j.heapOid);
                Relation old = catalog.openRelation(j.oldOid);
                String name = catalog.chooseRelationName(j.oldName, null, "ccnew", j.namespace);
                j.newOid = catalog.createIndexConcurrentCopy(heap, old, name);
                lockForSession(j.newOid, steps, sessionLocks);
            }
            steps.commitAndStart();
            // Phase 2: build each copy once no writer can be unaware of it, and mark it ready.
            waitForLockers(jobs, LockMode.SHARE, steps);
            for (Job j : jobs) {
                ConcurrentIndexBuild.build(j.heapOid, j.newOid, steps.statementContext());
                steps.commitAndStart();
            }
            // Phase 3: validate each, then outwait the snapshots older than its reference snapshot.
            waitForLockers(jobs, LockMode.SHARE, steps);
            for (Job j : jobs) {
                int limitXmin = ConcurrentIndexBuild.validate(j.heapOid, j.newOid, steps.statementContext());
                steps.commitAndStart();
                ConcurrentIndexBuild.waitForOlderSnapshots(limitXmin, steps);
            }
            // Phase 4: swap names, constraints and validity in one transaction.
            catalog = steps.statementContext().env().catalog();
            for (Job j : jobs) {
                String oldNewName = catalog.chooseRelationName(j.oldName, null, "ccold", j.namespace);
                catalog.swapIndexes(catalog.openRelation(j.oldOid), catalog.openRelation(j.newOid), oldNewName);
            }
            steps.commitAndStart();
            // Phase 5: once nobody can be using the old indexes in a plan, mark them dead.
            waitForLockers(jobs, LockMode.ACCESS_EXCLUSIVE, steps);
            catalog = steps.statementContext().env().catalog();
            for (Job j : jobs) catalog.setIndexStateFlags(j.oldOid, IndexStateFlags.DROP_SET_DEAD);
            steps.commitAndStart();
            // Phase 6: once nobody can still be inserting into them, drop them.
            waitForLockers(jobs, LockMode.ACCESS_EXCLUSIVE, steps);
            catalog = steps.statementContext().env().catalog();
            for (Job j : jobs) {
                catalog.lockRelation(j.oldOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
                Relation old = catalog.openRelation(j.oldOid);
                if (old != null) catalog.dropRelation(old);
            }
            Catalog last = catalog;
            for (Job j : jobs) {
                verbose.accept("index \"" + last.namespaceName(j.namespace) + "." + j.oldName + "\" was reindexed");
            }
        } finally {
            for (int i = sessionLocks.size() - 1; i >= 0; i--) {
                steps.unlockRelationForSession(sessionLocks.get(i), RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
            }
        }
    }

    private static void lockForSession(int relOid, TransactionSteps steps, List<Integer> held) {
        steps.lockRelationForSession(relOid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
        held.add(relOid);
    }

    /** WaitForLockersMultiple over the tables of {@code jobs}. */
    private static void waitForLockers(List<Job> jobs, LockMode mode, TransactionSteps steps) {
        java.util.Set<Integer> seen = new java.util.LinkedHashSet<>();
        for (Job j : jobs) seen.add(j.waitOid);
        for (int heap : seen) ConcurrentIndexBuild.waitForLockers(heap, mode, steps);
    }

    /** IsCatalogRelationOid: relations of the initial catalog (OIDs below FirstUnpinnedObjectId). */
    private static boolean isCatalogRelation(int relOid) {
        return Integer.compareUnsigned(relOid, 12000) < 0;
    }
}
