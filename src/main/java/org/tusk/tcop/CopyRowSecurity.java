package org.tusk.tcop;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.rewrite.RowSecurity;
import org.tusk.utils.adt.Texts;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * DoCopy's row-level security step (commands/copy.c): COPY table TO on a table whose policies
 * apply to the user becomes COPY (SELECT cols FROM ONLY table) TO, so that the rows pass
 * through the rewriter's policies (and the query's privilege checks); COPY FROM such a table is
 * refused (0A000), as PostgreSQL refuses it.
 */
final class CopyRowSecurity {
    private CopyRowSecurity() {}

    /** The query text COPY TO must run instead of reading the table, or null when no policy applies. */
    static String queryFor(Stmt.CopyStmt c, ExecEnvironment env, boolean rowSecurity) {
        if (c.relation() == null || c.query() != null) return null;
        Stmt.RangeVar rv = c.relation();
        Relation rel = env.catalog().openRelation(rv.schema(), rv.name(), c.isFrom() ? RelationLocks.ROW_EXCLUSIVE_LOCK
                : RelationLocks.ACCESS_SHARE_LOCK);
        if (rel == null || (rel.relkind() != 'r' && rel.relkind() != 'p')) return null;   // COPY reports these itself
        // DoCopy checks the privileges on the copied columns before it looks at row-level security
        org.tusk.executor.ExecPermissions.checkColumns(rel, c.isFrom() ? org.tusk.catalog.Acl.ACL_INSERT
                : org.tusk.catalog.Acl.ACL_SELECT, org.tusk.commands.CopyCommand.attnums(c, rel), env);
        if (!RowSecurity.checkEnableRls(rel, env, rowSecurity)) return null;
        if (c.isFrom()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM not supported with row-level security")
                    .withHint("Use INSERT statements instead.");
        }
        List<String> cols = new ArrayList<>();
        if (c.columns().isEmpty()) {
            for (int i = 0; i < rel.desc().natts(); i++) {
                if (!rel.desc().attr(i).attisdropped()) cols.add(Texts.quoteIdentifier(rel.desc().attr(i).name()));
            }
        } else {
            for (String col : c.columns()) cols.add(Texts.quoteIdentifier(col));
        }
        return "SELECT " + String.join(", ", cols) + " FROM ONLY "
                + Texts.quoteIdentifier(env.catalog().namespaceName(rel.namespace())) + "." + Texts.quoteIdentifier(rel.name());
    }
}
