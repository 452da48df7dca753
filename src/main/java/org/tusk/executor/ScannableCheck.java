package org.tusk.executor;

import org.tusk.nodes.Query;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * ExecOpenScanRelation's RelationIsScannable test: a materialized view made or refreshed WITH
 * NO DATA cannot be read until REFRESH fills it. The state is read from the relation cache at
 * executor start, not from the plan, since a plan may outlive a REFRESH.
 */
final class ScannableCheck {
    private ScannableCheck() {}

    static void check(Query.RangeTblEntry rte, ExecContext ctx) {
        Relation planned = rte.table();
        if (planned == null || planned.relkind() != 'm' || ctx.env() == null) return;
        Relation rel = ctx.env().catalog().openRelation(planned.oid());
        if (rel != null && !rel.isPopulated()) {
            throw PgException.error("55000",
                    "materialized view \"" + rel.name() + "\" has not been populated")
                    .withHint("Use the REFRESH MATERIALIZED VIEW command.");
        }
    }
}
