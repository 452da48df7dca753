package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;

import org.tusk.catalog.ColumnDef;
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
 * cookConstraint (heap.c): analyses a CHECK constraint's expression text against the columns of
 * its table. The result is a boolean expression whose Vars are the table's attribute numbers, so
 * it evaluates directly on a row of the table (ExecRelCheck). Used when the constraint is made
 * (to reject a bad expression and find the columns it uses) and whenever an executor needs it
 * (PostgreSQL reads ccbin with stringToNode; Tusk keeps the SQL text and analyses it again).
 */
public final class CheckConstraintAnalysis {
    private CheckConstraintAnalysis() {}

    /**
     * An analysed CHECK expression.
     *
     * @param attnums the table's columns the expression uses, in order of first use (conkey, as pull_var_clause finds them)
     */
    /**
     * @param attnums   the user columns the expression reads (conkey)
     * @param varCount  how many distinct columns it reads, system columns (tableoid) included:
     *                  a constraint is named after its column only when this is 1
     */
    public record Cooked(Expr expr, short[] attnums, int varCount) {
        public Cooked(Expr expr, short[] attnums) {
            this(expr, attnums, attnums.length);
        }
    }

    /**
     * Analyses {@code sql} as a CHECK constraint of {@code rel}: 42804 unless boolean, 0A000 for
     * a subquery, 42803 for an aggregate (as transformExpr reports for EXPR_KIND_CHECK_CONSTRAINT).
     */
    public static Cooked cook(Relation rel, String sql, InputSettings zone, String currentDatabase, ExecEnvironment env) {
        RawExpr raw = Parser.parseExpression(sql, Analyzer.scanSettings(env));
        Analyzer a = Analyzer.forExpression(sql, zone, currentDatabase, env);
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < rel.desc().natts(); i++) {
            var att = rel.desc().attr(i);
            cols.add(att.attisdropped() ? new ColumnDef("", att.type().oid(), -1)
                    : new ColumnDef(att.name(), att.type().oid(), rel.atttypmod(i + 1)));
        }
        a.setRangeTableEntry(new Query.RangeTblEntry(rel.name(), null, rel.name(), null, List.copyOf(cols), rel));
        a.setExprKind("check constraints");
        // exprLocation of the whole expression: its text starts it.
        Expr e = a.coerceToBoolean(a.transformExpr(raw), "CHECK", 0);
        int sub = subLinkLocation(e);
        if (sub != Integer.MIN_VALUE) {
            throw PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in check constraint",
                    sub < 0 ? 0 : Lexer.position(sql, sub));
        }
        int natts = rel.desc().natts();
        checkSystemColumns(e, natts, sql);
        // the row a CHECK tests is the one being stored, never a null-extended one
        e = ExprTrees.map(e, x -> x instanceof Expr.WholeRowVar w
                ? new Expr.WholeRowVar(w.row(), new Expr.Const(org.tusk.catalog.TypeOids.BOOL, -1, true, -1), w.refname(),
                        w.location())
                : null);
        LinkedHashSet<Short> used = new LinkedHashSet<>();
        collectVars(e, used);
        int varCount = used.size();
        used.removeIf(att -> att > natts || att == 0);   // conkey lists user columns only
        short[] attnums = new short[used.size()];
        int i = 0;
        for (short s : used) attnums[i++] = s;
        return new Cooked(e, attnums, varCount);
    }

    /**
     * cookConstraint: tableoid is the one system column a CHECK may read. A whole-row reference
     * (tbl.*) is the row itself, as PostgreSQL's whole-row Var is: the ctid Tusk keeps beside it
     * to tell a null-extended row is no reference the user wrote.
     */
    private static void checkSystemColumns(Expr e, int natts, String sql) {
        if (e instanceof Expr.WholeRowVar w) {
            checkSystemColumns(w.row(), natts, sql);
            return;
        }
        if (e instanceof Expr.Var v && v.levelsup() == 0 && v.attno() > natts && !v.name().equals("tableoid")) {
            throw PgException.errorAt("42P10", "system column \"" + v.name() + "\" reference in check constraint is invalid",
                    v.location() < 0 ? 0 : Lexer.position(sql, v.location()));
        }
        for (Expr c : Analyzer.children(e)) checkSystemColumns(c, natts, sql);
    }

    private static void collectVars(Expr e, LinkedHashSet<Short> out) {
        if (e instanceof Expr.WholeRowVar) {
            // one Var of attno 0 in PostgreSQL's tree: the constraint is named after no column
            out.add((short) 0);
            return;
        }
        if (e instanceof Expr.Var v && v.levelsup() == 0 && v.attno() > 0) out.add((short) v.attno());
        for (Expr c : Analyzer.children(e)) collectVars(c, out);
    }

    /** Where the expression's first subquery is (a CHECK constraint may have none), or MIN_VALUE. */
    private static int subLinkLocation(Expr e) {
        if (e instanceof Expr.SubLink sl) return sl.location();
        if (e instanceof Expr.SubPlan) return -1;
        for (Expr c : Analyzer.children(e)) {
            int l = subLinkLocation(c);
            if (l != Integer.MIN_VALUE) return l;
        }
        return Integer.MIN_VALUE;
    }

    /**
     * The same as {@link #cook}, for a CHECK written at {@code location} of {@code queryString}:
     * an error's position is moved from the expression's text to the statement's.
     */
    public static Cooked cookAt(Relation rel, String sql, String queryString, int location, InputSettings zone,
                                String currentDatabase, ExecEnvironment env) {
        try {
            return cook(rel, sql, zone, currentDatabase, env);
        } catch (PgException e) {
            if (e.position() <= 0 || location < 0 || queryString == null) throw e;
            int pos = Lexer.position(queryString, location) + e.position() - 1;
            throw new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), pos);
        }
    }
}
