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
                        .withDetail(shown.apply(row))
                        .withObjects(new PgException.ErrorObjects(null, rel.name(), cols.get(i).name(), null, null));
            }
        }
    }

    /**
     * ExecBuildSlotValueDescription as an error's DETAIL: "Failing row contains (v1, v2, ...)."
     * for a row of {@code rel} (its dropped columns left out, each value through its type's
     * output function, "null" for NULL) when the user may read the table; with SELECT on some
     * columns only, those, named: "Failing row contains (a, c) = (v1, v3)."; null (no detail)
     * when it may read none of them or row-level security applies to the table
     * ({@link ExecPermissions#visibleColumns}, {@link ExecPermissions#rowSecurityApplies}). Columns in {@code modified} (1-based: the ones the
     * statement set, PostgreSQL's modifiedCols; null for none) are shown in any case, unless
     * row-level security applies.
     */
    static String failingRowDetail(Relation rel, List<ColumnDef> cols, Object[] row, ExecContext ctx) {
        return failingRowDetail(rel, cols, row, null, ctx);
    }

    /** As {@link #failingRowDetail(Relation, List, Object[], ExecContext)}, showing {@code modified} as well. */
    static String failingRowDetail(Relation rel, List<ColumnDef> cols, Object[] row, java.util.BitSet modified, ExecContext ctx) {
        java.util.Set<Integer> visible = null;
        if (ctx.env() != null) {
            if (ExecPermissions.rowSecurityApplies(rel, ctx.env())) return null;
            visible = ExecPermissions.visibleColumns(rel, ctx.env());
            if (visible != null && modified != null) {
                visible = new java.util.TreeSet<>(visible);
                for (int a = modified.nextSetBit(0); a >= 0; a = modified.nextSetBit(a + 1)) visible.add(a);
            }
        }
        if (visible != null && visible.isEmpty()) return null;
        StringBuilder names = new StringBuilder("("), values = new StringBuilder("(");
        boolean first = true;
        for (int i = 0; i < cols.size(); i++) {
            if (i < rel.desc().natts() && rel.desc().attr(i).attisdropped()) continue;
            if (visible != null && !visible.contains(i + 1)) continue;
            if (!first) {
                names.append(", ");
                values.append(", ");
            }
            first = false;
            names.append(cols.get(i).name());
            Object v = i < row.length ? row[i] : null;
            values.append(v == null ? "null" : BuiltinCatalog.type(cols.get(i).typeOid()).output().out(v, ctx.outputSettings()));
        }
        names.append(')');
        values.append(')');
        return "Failing row contains " + (visible == null ? values : names + " = " + values) + ".";
    }
}
