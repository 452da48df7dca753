package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.TriggerInfo;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * A trigger's WHEN condition (CreateTrigger's transformWhereClause with EXPR_KIND_TRIGGER_WHEN):
 * analysed over two range table entries for the trigger's table, OLD (1) and NEW (2), with
 * CreateTrigger's checks of what the condition may reference. The result's Vars are then
 * renumbered onto one tuple, the old row's columns followed by the new row's, which is what
 * the executor evaluates it on. Tusk stores the condition's SQL text in tgqual and analyses it
 * again when a statement first needs it ({@link #stored}).
 */
public final class TriggerWhenAnalysis {
    private TriggerWhenAnalysis() {}

    private static final int OLD = 1, NEW = 2;

    /**
     * Analyses WHEN ({@code sql}, at {@code location} of {@code queryString}) for a trigger of
     * {@code tgtype} on {@code rel}, with CreateTrigger's errors.
     */
    public static Expr cook(Relation rel, String sql, int tgtype, String queryString, int location, InputSettings zone,
                            String currentDatabase, ExecEnvironment env) {
        try {
            return analyse(rel, sql, tgtype, zone, currentDatabase, env);
        } catch (PgException e) {
            if (e.position() <= 0 || location < 0 || queryString == null) throw e;
            int pos = Lexer.position(queryString, location) + e.position() - 1;
            throw new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), pos);
        }
    }

    /** A stored condition (tgqual), analysed again for a statement that fires the trigger. */
    public static Expr stored(Relation rel, String sql, InputSettings zone, String currentDatabase, ExecEnvironment env) {
        return analyse(rel, sql, TriggerInfo.TRIGGER_TYPE_ROW | TriggerInfo.TRIGGER_TYPE_UPDATE, zone, currentDatabase, env);
    }

    private static Expr analyse(Relation rel, String sql, int tgtype, InputSettings zone, String currentDatabase,
                                ExecEnvironment env) {
        RawExpr raw = Parser.parseExpression(sql, Analyzer.scanSettings(env));
        Analyzer a = Analyzer.forExpression(sql, zone, currentDatabase, env);
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < rel.desc().natts(); i++) {
            var att = rel.desc().attr(i);
            cols.add(att.attisdropped() ? new ColumnDef("", att.type().oid(), -1)
                    : new ColumnDef(att.name(), att.type().oid(), rel.atttypmod(i + 1)));
        }
        Query.RangeTblEntry oldRte = new Query.RangeTblEntry("old", null, rel.name(), null, List.copyOf(cols), rel);
        Query.RangeTblEntry newRte = new Query.RangeTblEntry("new", null, rel.name(), null, List.copyOf(cols), rel);
        a.setRangeTableEntry(oldRte);
        int idx = a.addRangeTableEntry(newRte);
        a.namespace.add(NsItem.of(newRte, idx));
        a.setExprKind("trigger WHEN conditions");
        Expr e = a.coerceToBoolean(a.transformExpr(raw), "WHEN", 0);
        int natts = rel.desc().natts();
        boolean row = (tgtype & TriggerInfo.TRIGGER_TYPE_ROW) != 0;
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.SubLink sl) {
                throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in trigger WHEN condition", sl.location());
            }
            boolean before = (tgtype & TriggerInfo.TRIGGER_TYPE_BEFORE) != 0;
            // CreateTriggerFiringOn: a BEFORE trigger runs before the generated columns are computed
            if (before && row && x instanceof Expr.WholeRowVar w && rel.hasGeneratedStored()
                    && ExprTrees.any(w.row(), y -> y instanceof Expr.Var yv && yv.levelsup() == 0 && yv.varno() == NEW)) {
                throw a.err("42P17", "BEFORE trigger's WHEN condition cannot reference NEW generated columns", w.location())
                        .withDetail("A whole-row reference is used and the table contains generated columns.");
            }
            if (!(x instanceof Expr.Var v) || v.levelsup() != 0) return false;
            if (before && row && v.varno() == NEW && v.attno() >= 1 && v.attno() <= natts && rel.attgenerated(v.attno()) != 0) {
                throw a.err("42P17", "BEFORE trigger's WHEN condition cannot reference NEW generated columns", v.location())
                        .withDetail("Column \"" + v.name() + "\" is a generated column.");
            }
            if (!row) {
                throw a.err("42P17", "statement trigger's WHEN condition cannot reference column values", v.location());
            }
            if (v.varno() == OLD && (tgtype & TriggerInfo.TRIGGER_TYPE_INSERT) != 0) {
                throw a.err("42P17", "INSERT trigger's WHEN condition cannot reference OLD values", v.location());
            }
            if (v.varno() == NEW && (tgtype & TriggerInfo.TRIGGER_TYPE_DELETE) != 0) {
                throw a.err("42P17", "DELETE trigger's WHEN condition cannot reference NEW values", v.location());
            }
            if (v.varno() == NEW && v.attno() > natts && (tgtype & TriggerInfo.TRIGGER_TYPE_BEFORE) != 0) {
                throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "BEFORE trigger's WHEN condition cannot reference NEW system columns",
                        v.location());
            }
            if (v.attno() > natts || v.attno() <= 0) {
                throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "system columns in trigger WHEN conditions are not supported",
                        v.location());
            }
            return false;
        });
        // onto the executor's tuple: OLD's columns, then NEW's
        return ExprTrees.map(e, x -> x instanceof Expr.Var v && v.levelsup() == 0
                ? new Expr.Var(Expr.Var.RESOLVED, v.varno() == NEW ? v.attno() + natts : v.attno(), v.type(), v.typmod(),
                        v.name(), v.location(), 0)
                : null);
    }
}
