package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;

/**
 * The ON COMMIT actions of this backend's temporary tables (PostgreSQL's tablecmds.c on_commits
 * list with register_on_commit_action and PreCommit_on_commit_actions). CREATE TEMP TABLE ...
 * ON COMMIT DELETE ROWS or DROP registers the table; at every commit, before the commit record,
 * each DELETE ROWS table is emptied (with its indexes) and each DROP table is dropped, with
 * whatever depends on it, inside the committing transaction. PRESERVE ROWS, the default, needs
 * nothing.
 *
 * <p>State: the list is the session's, kept by its catalog ({@link Catalog#onCommitActions}), as
 * PostgreSQL's static on_commits is the backend's: only the session's temporary tables are in
 * it, and only its thread uses it, so no lock protects it. An entry whose table is gone
 * (dropped, or its creating transaction rolled back) is forgotten at the next commit instead of
 * being tracked per subtransaction as remove_on_commit_action and AtEOXact_on_commit_actions do;
 * the effect on the tables is the same.
 */
public final class OnCommitActions {
    private OnCommitActions() {}

    /** register_on_commit_action: nothing for ONCOMMIT_NOOP and PRESERVE ROWS, which need no work at commit. */
    static void register(Catalog catalog, int relid, char action) {
        if (action == Stmt.CreateStmt.ONCOMMIT_DELETE_ROWS || action == Stmt.CreateStmt.ONCOMMIT_DROP) {
            catalog.onCommitActions().put(relid, action);
        }
    }

    /** Whether the session of {@code catalog} has any action registered: the commit path skips the work when none is. */
    public static boolean any(Catalog catalog) {
        return !catalog.onCommitActions().isEmpty();
    }

    /**
     * PreCommit_on_commit_actions: empties the DELETE ROWS tables and drops the DROP tables, in
     * the transaction about to commit ({@code env} is its statement environment).
     */
    public static void preCommit(ExecEnvironment env) {
        Catalog catalog = env.catalog();
        List<Relation> truncate = new ArrayList<>();
        List<Relation> drop = new ArrayList<>();
        for (var it = catalog.onCommitActions().entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Character> e = it.next();
            Relation rel = catalog.openRelation(e.getKey());
            if (rel == null) {
                it.remove();
                continue;
            }
            if (e.getValue() == Stmt.CreateStmt.ONCOMMIT_DROP) {
                drop.add(rel);
                it.remove();
            } else {
                truncate.add(rel);
            }
        }
        for (Relation rel : truncate) {
            // PostgreSQL skips the work unless the transaction touched temporary tables
            // (XACT_FLAGS_ACCESSEDTEMPNAMESPACE); here a table without a visible row is skipped,
            // so a read-only commit writes nothing
            if (!hasRows(rel, env)) continue;
            // heap_truncate: the table and its indexes lose every row
            catalog.lockRelation(rel.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            catalog.truncateRelation(catalog.openRelation(rel.oid()));
        }
        if (!drop.isEmpty()) {
            for (Relation rel : drop) catalog.lockRelation(rel.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            // performMultipleDeletions(DROP_CASCADE): what depends on the tables goes with them
            catalog.dropRelations(drop, true);
        }
    }

    private static boolean hasRows(Relation rel, ExecEnvironment env) {
        try (org.tusk.access.table.TableScan scan = env.tableAm().beginScan(rel, env.latestSnapshot())) {
            return scan.next() != null;
        }
    }
}
