package org.tusk.executor;

import org.tusk.nodes.Query;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CheckValidResultRel for a materialized view: only REFRESH (and CREATE) fill one, through the
 * statement Tusk plans for them; INSERT, UPDATE and DELETE written by a user are refused.
 */
public final class ResultRelationCheck {
    private ResultRelationCheck() {}

    public static void check(Query q) {
        switch (q.commandType()) {
            case INSERT, UPDATE, DELETE, MERGE -> { }
            default -> { return; }
        }
        if (q.resultRelation() <= 0) return;
        Relation rel = q.rangeTable().get(q.resultRelation() - 1).table();
        if (rel != null && rel.relkind() == 'm') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot change materialized view \"" + rel.name() + "\"");
        }
    }
}
