package org.tusk.executor;

import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.ColumnDef;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * execMain.c ExecConstraints, for the constraints Tusk has in the heap: NOT NULL. A violation is
 * 23502 with the row shown as ExecBuildSlotValueDescription shows it (each value through its
 * type's output function, "null" for NULL).
 */
final class ExecConstraints {
    private ExecConstraints() {}

    static void check(Relation rel, List<ColumnDef> cols, Object[] row, ExecContext ctx,
                      java.util.function.Function<Object[], String> shown) {
        for (int i = 0; i < cols.size(); i++) {
            if (row[i] == null && rel.desc().attr(i).attnotnull() && !rel.desc().attr(i).attisdropped()) {
                throw PgException.error("23502", "null value in column \"" + cols.get(i).name() + "\" of relation \""
                        + rel.name() + "\" violates not-null constraint")
                        .withDetail("Failing row contains " + shown.apply(row) + ".")
                        .withObjects(new PgException.ErrorObjects(null, rel.name(), cols.get(i).name(), null, null));
            }
        }
    }

    /**
     * ExecBuildSlotValueDescription for a row of {@code rel}: "(v1, v2, ...)", its dropped
     * columns left out.
     */
    static String describe(Relation rel, List<ColumnDef> cols, Object[] row, ExecContext ctx) {
        StringBuilder sb = new StringBuilder("(");
        boolean first = true;
        for (int i = 0; i < cols.size(); i++) {
            if (i < rel.desc().natts() && rel.desc().attr(i).attisdropped()) continue;
            if (!first) sb.append(", ");
            first = false;
            Object v = i < row.length ? row[i] : null;
            sb.append(v == null ? "null" : BuiltinCatalog.type(cols.get(i).typeOid()).output().out(v, ctx.outputSettings()));
        }
        return sb.append(')').toString();
    }

    /** ExecBuildSlotValueDescription: "(v1, v2, ...)". */
    static String describe(List<ColumnDef> cols, Object[] row, ExecContext ctx) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) sb.append(", ");
            Object v = row[i];
            sb.append(v == null ? "null" : BuiltinCatalog.type(cols.get(i).typeOid()).output().out(v, ctx.outputSettings()));
        }
        return sb.append(')').toString();
    }
}
