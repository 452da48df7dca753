package org.tusk.executor;

import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CheckValidResultRel for a materialized view, at ModifyTable's start as ExecInitModifyTable
 * does it: only the fill of CREATE or REFRESH MATERIALIZED VIEW (marked on its context) may
 * change one; INSERT, UPDATE, DELETE written by a user, in a function or not, are refused.
 */
final class ResultRelationCheck {
    private ResultRelationCheck() {}

    static void check(Relation target, ExecContext ctx) {
        if (target == null || target.relkind() != 'm' || ctx.fillsMaterializedView(target.oid())) return;
        throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot change materialized view \"" + target.name() + "\"");
    }
}
