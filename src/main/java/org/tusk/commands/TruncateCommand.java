package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * TRUNCATE (PostgreSQL's tablecmds.c ExecuteTruncate / ExecuteTruncateGuts): every named table
 * is locked AccessExclusiveLock first, then each gets a new, empty relfilenode, with its indexes
 * rebuilt empty; the old files are removed when the transaction commits, so a rollback brings the
 * rows back. A table referenced by a foreign key of a table not being truncated is refused
 * (0A000), unless CASCADE, which truncates the referencing tables too. RESTART IDENTITY is
 * accepted: Tusk has no sequences owned by columns, so there is nothing for it to reach. A
 * partitioned table is truncated through its leaf partitions (TRUNCATE ONLY of one is 42809).
 */
public final class TruncateCommand {
    private TruncateCommand() {}

    /**
     * TRUNCATE with its triggers: BEFORE TRUNCATE statement triggers of every table to be emptied
     * run first, AFTER TRUNCATE ones once all are empty (ExecuteTruncateGuts).
     */
    public static void truncate(Stmt.TruncateStmt s, org.tusk.executor.ExecContext ctx, Consumer<String> notices) {
        truncate(s, ctx.env(), notices, ctx);
    }

    public static void truncate(Stmt.TruncateStmt s, ExecEnvironment env, Consumer<String> notices) {
        truncate(s, env, notices, null);
    }

    private static void truncate(Stmt.TruncateStmt s, ExecEnvironment env, Consumer<String> notices,
                                 org.tusk.executor.ExecContext ctx) {
        Catalog catalog = env.catalog();
        List<Relation> rels = new ArrayList<>();
        for (Stmt.RangeVar rv : s.relations()) {
            Relation rel = catalog.openRelation(rv.schema(), rv.name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            if (rel == null) {
                String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
                throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
            }
            if (rel.relkind() == 'p') {
                // ExecuteTruncate: a partitioned table is emptied through its leaf partitions
                if (!rv.inh())
                    throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot truncate only a partitioned table")
                            .withHint("Do not specify the ONLY keyword, or use TRUNCATE ONLY on the partitions directly.");
                for (Relation leaf : PartitionCommands.leafPartitions(rel, env)) {
                    catalog.lockRelation(leaf.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
                    if (rels.stream().noneMatch(r -> r.oid() == leaf.oid())) rels.add(catalog.openRelation(leaf.oid()));
                }
                continue;
            }
            if (rel.relkind() != 'r') {
                throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table");
            }
            if (rels.stream().noneMatch(r -> r.oid() == rel.oid())) rels.add(rel);
        }
        // heap_truncate_check_FKs: a table that references one being truncated must be truncated
        // with it; CASCADE adds such tables (and theirs) to the list.
        for (int i = 0; i < rels.size(); i++) {
            for (org.tusk.catalog.ConstraintInfo f : catalog.foreignKeysReferencing(rels.get(i))) {
                if (rels.stream().anyMatch(r -> r.oid() == f.relid())) continue;
                Relation referencing = catalog.openRelation(f.relid());
                if (!s.cascade()) {
                    throw new PgException(org.tusk.utils.error.Severity.ERROR, SqlState.FEATURE_NOT_SUPPORTED,
                            "cannot truncate a table referenced in a foreign key constraint",
                            "Table \"" + referencing.name() + "\" references \"" + rels.get(i).name() + "\".",
                            "Truncate table \"" + referencing.name() + "\" at the same time, or use TRUNCATE ... CASCADE.", 0);
                }
                notices.accept("truncate cascades to table \"" + referencing.name() + "\"");
                rels.add(referencing);   // truncateRelation takes its AccessExclusiveLock
            }
        }
        List<org.tusk.executor.RelationTriggers> triggers = new ArrayList<>();
        if (ctx != null) {
            for (Relation rel : rels) {
                org.tusk.executor.RelationTriggers t = org.tusk.executor.RelationTriggers.open(rel, ctx);
                if (t == null) continue;
                triggers.add(t);
                t.beforeStatement(org.tusk.executor.TriggerData.TRIGGER_EVENT_TRUNCATE);
            }
        }
        for (Relation rel : rels) {
            catalog.truncateRelation(rel);
            // ExecuteTruncateGuts' pgstat_count_truncate: the rows counted so far are gone
            Relation counted = catalog.openRelation(rel.oid());
            if (counted != null && counted.pgstatInfo() != null) counted.pgstatInfo().countTruncate();
        }
        if (s.restartSeqs()) {
            // RESTART IDENTITY (ResetSequence): every sequence owned by a column of a truncated
            // table starts over at its start value
            for (Relation rel : rels) {
                for (int seqOid : catalog.relationOwnership().ownedSequences(rel.oid(), 0)) {
                    Relation seq = catalog.openRelation(seqOid);
                    catalog.lockRelation(seqOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
                    var params = catalog.sequenceParams(seq);
                    catalog.alterSequence(seq, params, params.start());
                }
            }
        }
        for (org.tusk.executor.RelationTriggers t : triggers) {
            t.afterStatement(org.tusk.executor.TriggerData.TRIGGER_EVENT_TRUNCATE);
            t.endOfStatement();
        }
    }
}
