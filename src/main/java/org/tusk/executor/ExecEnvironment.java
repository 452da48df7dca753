package org.tusk.executor;

import org.tusk.access.index.IndexAm;
import org.tusk.access.table.TableAm;
import org.tusk.catalog.Catalog;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.time.Snapshot;

/**
 * What one statement needs from storage and the catalogs (the share of PostgreSQL's EState and
 * of the backend's transaction state that the executor reads): the catalog, the table and index
 * access methods, the statement's snapshot and the current command id. The backend supplies a
 * fresh environment for each statement (a new snapshot per statement in READ COMMITTED, the
 * transaction's snapshot with the current command id in REPEATABLE READ).
 *
 * <p>Invariant: rows this statement writes carry {@link #commandId()}, and {@link #snapshot()}'s
 * curcid equals it, so a statement never sees its own changes (no Halloween problem);
 * {@link #commandCounterIncrement()} after the statement makes them visible to the next one.
 */
public interface ExecEnvironment {
    Catalog catalog();

    TableAm tableAm();

    IndexAm indexAm();

    /** The statement's MVCC snapshot (GetActiveSnapshot). */
    Snapshot snapshot();

    /**
     * A snapshot taken now (GetLatestSnapshot): it sees the versions that transactions which
     * committed after {@link #snapshot()} was taken made, which EvalPlanQual re-checks.
     */
    Snapshot latestSnapshot();

    /** GetCurrentCommandId: the command id written into the rows this statement changes. */
    int commandId();

    /**
     * CommandCounterIncrement: later statements of the transaction see this one's changes. The
     * statement's own snapshot moves on to the new command id too (UpdateActiveSnapshotCommandId),
     * so a statement that runs several steps in this environment sees its earlier steps.
     */
    void commandCounterIncrement();

    /**
     * Relation lengths in blocks already read by this statement's planning, by relation (the
     * planner asks for a table's and an index's length several times while it costs paths;
     * PostgreSQL reads each once per planning, in get_relation_info, and keeps it in the
     * RelOptInfo). Null where nothing is kept. One statement's, used by its one thread.
     */
    default java.util.Map<Object, Integer> plannedRelationBlocks() {
        return null;
    }

    /**
     * What this statement does before it calls a VOLATILE function, whose statements start with
     * CommandCounterIncrement so that they see the rows this statement has changed so far
     * (functions.c fmgr_sql and SPI in non-read-only mode). In PostgreSQL the calling statement is
     * unaffected by those increments: it writes with the command id its ExecutorStart fixed
     * (es_output_cid) and reads through a copy of its snapshot. Here the command id is read when a
     * row is written and the snapshot is shared with the snapshot manager, so this pins them: from
     * now on this statement's rows carry the command id current now, and closing the returned
     * handle (when the call returns) gives the snapshot back the command id it has now. Without
     * that a row the statement has updated would be seen, and updated again, by its own scan.
     */
    default CallerPin pinForVolatileCall() {
        return () -> { };
    }

    /** The calling statement's pinned snapshot, released when a volatile function's call returns. */
    interface CallerPin extends AutoCloseable {
        /** Restores the command id of the calling statement's snapshot. */
        @Override
        void close();
    }

    /**
     * IsolationUsesXactSnapshot: REPEATABLE READ or SERIALIZABLE, where a row changed by a
     * transaction that committed after the snapshot is a serialization failure (40001) rather
     * than something to re-check.
     */
    boolean isolationUsesXactSnapshot();

    /**
     * pg_attribute.atttypmod of attribute {@code attnum} (1-based) of {@code rel}: -1, or the
     * declared modifier (varchar(n): n+4). Asked here because {@link Relation#desc()} does not
     * carry typmods yet.
     */
    int atttypmod(Relation rel, int attnum);

    /**
     * XactLockTableWait: sleeps until transaction {@code xid} has ended (the wait of
     * check_exclusion_or_unique_constraint for an in-progress inserter or deleter of a conflicting
     * row); cancel, lock timeout and deadlock detection end it with an error.
     */
    void waitForTransaction(int xid);

    /** GetUserId: the role whose privileges the statement's table accesses need. */
    int currentUserId();

    /** superuser(): whether that role is a superuser now (read afresh: ALTER ROLE may have changed it). */
    boolean currentUserIsSuperuser();

    /**
     * Analysis and SPI for CHECK constraints and foreign keys (see {@link ConstraintSupport}); null
     * where the backend offers none, and then a table with such constraints cannot be changed.
     */
    default ConstraintSupport constraintSupport() { return null; }

    /**
     * The backend's handler of LANGUAGE sql and the other languages (fmgr_sql): parsing and
     * planning a body needs the parser and planner above the executor, so the traffic cop
     * provides it; null where the backend runs no functions' bodies.
     */
    default SqlFunctionRunner sqlFunctionRunner() { return null; }

    /** The session's trigger nesting depth (MyTriggerDepth); null where nothing counts it. */
    default TriggerFunctions.Depth triggerDepth() { return null; }

    /** The session's cursors, which WHERE CURRENT OF finds by name (the portal table); null where there are none. */
    default ExecCurrent.PortalLookup portals() { return null; }

    /**
     * The session's standard_conforming_strings and escape_string_warning, for whoever parses
     * text on the statement's behalf (stored expressions, function bodies, view queries);
     * PostgreSQL's defaults where there is no session.
     */
    default org.tusk.utils.misc.ScanSettings scanSettings() { return org.tusk.utils.misc.ScanSettings.DEFAULT; }

    /** Where the running command reports its progress (pg_stat_progress_*); nowhere by default. */
    default org.tusk.utils.activity.CommandProgress progress() { return org.tusk.utils.activity.CommandProgress.NONE; }

    /**
     * The transaction's deferred constraint events and SET CONSTRAINTS state; null where no
     * transaction can defer anything (every constraint event then fires at its statement's end).
     */
    default DeferredTriggers deferredTriggers() { return null; }

    /**
     * roles_is_member_of(roleOid, ROLERECURSE_PRIVS): the role and every role whose privileges it
     * has through inherited membership (pg_auth_members, read afresh).
     */
    default java.util.Set<Integer> privilegeRoles(int roleOid) {
        return java.util.Set.of(roleOid);
    }

    /** superuser_arg: whether role {@code roleOid} is a superuser now (a view owner's privileges). */
    default boolean roleIsSuperuser(int roleOid) {
        return roleOid == currentUserId() && currentUserIsSuperuser();
    }
}
