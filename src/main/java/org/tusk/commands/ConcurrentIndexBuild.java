package org.tusk.commands;

import java.util.List;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.IndexStateFlags;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecContext;
import org.tusk.executor.IndexKeys;
import org.tusk.storage.lmgr.LockMode;
import org.tusk.storage.lmgr.LockTag;
import org.tusk.storage.lmgr.VirtualTransactions;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The phases of CREATE INDEX CONCURRENTLY after the catalog entry exists (PostgreSQL's
 * indexcmds.c DefineIndex from "concurrent" on, index.c index_concurrently_build, validate_index,
 * indexcmds.c WaitForOlderSnapshots), each in a transaction of its own:
 * <ol>
 * <li>(the caller's transaction) the index is entered with indisready and indisvalid false and
 *     committed, so every transaction that opens the table from then on knows it (and avoids HOT
 *     updates that would change its columns);</li>
 * <li>wait for every transaction holding a lock on the table that conflicts with ShareLock (the
 *     writers that opened it before the index existed), then build the index from a fresh
 *     snapshot and set indisready;</li>
 * <li>wait again for the writers that may not have seen indisready, then validate: insert
 *     every row the reference snapshot sees that the index lacks;</li>
 * <li>wait for every transaction whose snapshot is older than the reference snapshot's xmin
 *     (they could see rows the index does not have), then set indisvalid.</li>
 * </ol>
 * A ShareUpdateExclusiveLock on the table is held as a session lock throughout, so no other
 * schema change, VACUUM or concurrent index build intervenes, while reads and writes go on. An
 * error or cancel leaves the index in the catalog, invalid (and maybe ready): the planner ignores
 * it, inserts may still maintain it, and DROP INDEX or REINDEX removes or repairs it.
 * The waits are lock waits on virtual transaction ids, made before the new transaction takes a
 * snapshot, so they are cancellable and hold back no one else's waits.
 */
public final class ConcurrentIndexBuild {
    private ConcurrentIndexBuild() {}

    /** DefineIndex from its first CommitTransactionCommand on, for index {@code indexOid} of {@code heapOid}. */
    static void complete(int heapOid, int indexOid, TransactionSteps steps) {
        steps.lockRelationForSession(heapOid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
        try {
            steps.commitAndStart();
            waitForLockers(heapOid, LockMode.SHARE, steps);
            build(heapOid, indexOid, steps.statementContext());
            steps.commitAndStart();
            waitForLockers(heapOid, LockMode.SHARE, steps);
            int limitXmin = validate(heapOid, indexOid, steps.statementContext());
            steps.commitAndStart();
            waitForOlderSnapshots(limitXmin, steps);
            Catalog catalog = steps.statementContext().env().catalog();
            catalog.setIndexStateFlags(indexOid, IndexStateFlags.CREATE_SET_VALID);
        } finally {
            steps.unlockRelationForSession(heapOid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
        }
    }

    /**
     * index_concurrently_build: the table locked ShareUpdateExclusiveLock, the index
     * RowExclusiveLock; the index filled from the statement's snapshot, then marked ready.
     */
    static void build(int heapOid, int indexOid, ExecContext ctx) {
        Catalog catalog = ctx.env().catalog();
        catalog.lockRelation(heapOid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
        catalog.lockRelation(indexOid, RelationLocks.ROW_EXCLUSIVE_LOCK);
        Relation heap = open(catalog, heapOid);
        Relation index = open(catalog, indexOid);
        catalog.buildIndex(heap, index, IndexKeys.open(heap, index, ctx));
        catalog.setIndexStateFlags(indexOid, IndexStateFlags.CREATE_SET_READY);
    }

    /**
     * validate_index with the statement's snapshot as the reference snapshot; returns its xmin,
     * the limit for {@link #waitForOlderSnapshots}.
     */
    static int validate(int heapOid, int indexOid, ExecContext ctx) {
        Catalog catalog = ctx.env().catalog();
        catalog.lockRelation(heapOid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
        catalog.lockRelation(indexOid, RelationLocks.ROW_EXCLUSIVE_LOCK);
        Relation heap = open(catalog, heapOid);
        Relation index = open(catalog, indexOid);
        var snapshot = ctx.env().snapshot();
        catalog.validateIndex(heap, index, IndexKeys.open(heap, index, ctx), snapshot);
        return snapshot.xmin();
    }

    /** WaitForLockers(heaplocktag, mode): every transaction holding a conflicting lock on the table now. */
    static void waitForLockers(int relOid, LockMode mode, TransactionSteps steps) {
        steps.vxids().waitForLockers(LockTag.relation(steps.databaseOid(), relOid), mode);
    }

    /**
     * WaitForOlderSnapshots: waits for each transaction of this database whose xmin precedes or
     * equals {@code limitXmin}, rechecking before each wait whether it still has such a snapshot
     * (a READ COMMITTED transaction may have moved on) by asking again.
     */
    static void waitForOlderSnapshots(int limitXmin, TransactionSteps steps) {
        VirtualTransactions vx = steps.vxids();
        List<VirtualTransactions.Vxid> old = vx.withXminAtOrBefore(limitXmin);
        for (VirtualTransactions.Vxid v : old) {
            if (!vx.withXminAtOrBefore(limitXmin).contains(v)) continue;
            vx.waitFor(v);
        }
    }

    private static Relation open(Catalog catalog, int oid) {
        Relation r = catalog.openRelation(oid);
        if (r == null) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "could not open relation with OID " + Integer.toUnsignedString(oid));
        }
        return r;
    }
}
