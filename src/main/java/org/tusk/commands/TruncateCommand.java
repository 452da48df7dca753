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
 * rows back. RESTART IDENTITY and CASCADE are accepted: Tusk has neither sequences owned by
 * columns nor foreign keys, so there is nothing for them to reach.
 */
public final class TruncateCommand {
    private TruncateCommand() {}

    public static void truncate(Stmt.TruncateStmt s, ExecEnvironment env, Consumer<String> notices) {
        Catalog catalog = env.catalog();
        List<Relation> rels = new ArrayList<>();
        for (Stmt.RangeVar rv : s.relations()) {
            Relation rel = catalog.openRelation(rv.schema(), rv.name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            if (rel == null) {
                String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
                throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
            }
            if (rel.relkind() != 'r') {
                throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table");
            }
            if (rels.stream().noneMatch(r -> r.oid() == rel.oid())) rels.add(rel);
        }
        for (Relation rel : rels) catalog.truncateRelation(rel);
    }
}
