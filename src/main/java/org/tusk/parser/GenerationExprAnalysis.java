package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.ColumnDef;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * cookDefault for a stored generated column (heap.c, attgenerated 's'): the generation expression
 * analysed over its table's row (EXPR_KIND_GENERATED_COLUMN) and coerced to the column's type, so
 * that it evaluates directly on the row being stored (ExecComputeStoredGenerated). The checks are
 * PostgreSQL's: no system column but tableoid (scanNSItemForColumn), no whole-row reference, no
 * other generated column (check_nested_generated), no subquery, aggregate, window or
 * set-returning function (transformExpr's expression-kind checks), and only immutable functions.
 * Used when the column is made, and by each statement that writes the table (PostgreSQL reads
 * adbin with stringToNode; Tusk keeps the text and analyses it again, once per statement).
 */
public final class GenerationExprAnalysis {
    private GenerationExprAnalysis() {}

    /** ParseExprKindName(EXPR_KIND_GENERATED_COLUMN). */
    public static final String EXPR_KIND = "column generation expressions";

    /** The generation expression {@code sql} of column {@code attnum} of {@code rel}, analysed. */
    public static Expr cook(Relation rel, int attnum, String sql, InputSettings zone, String currentDatabase,
                            ExecEnvironment env) {
        RawExpr raw = Parser.parseExpression(sql, Analyzer.scanSettings(env));
        Analyzer a = Analyzer.forExpression(sql, zone, currentDatabase, env);
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < rel.desc().natts(); i++) {
            var att = rel.desc().attr(i);
            cols.add(att.attisdropped() ? new ColumnDef("", att.type().oid(), -1)
                    : new ColumnDef(att.name(), rel.atttypid(i + 1), rel.atttypmod(i + 1)));
        }
        a.setRangeTableEntry(new Query.RangeTblEntry(rel.name(), null, rel.name(), null, List.copyOf(cols), rel));
        a.setExprKind(EXPR_KIND);
        Expr e = a.transformExpr(raw);
        Expr sub = find(e, x -> x instanceof Expr.SubLink || x instanceof Expr.SubPlan);
        if (sub != null)
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in column generation expression", location(sub));
        Expr whole = find(e, x -> x instanceof Expr.WholeRowVar);
        if (whole != null)
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "cannot use whole-row variable in column generation expression",
                    location(whole)).withDetail("This would cause the generated column to depend on its own value.");
        // check_nested_generated: a generated column cannot read another (nor itself)
        Expr nested = find(e, x -> x instanceof Expr.Var v && v.levelsup() == 0 && rel.attgenerated(v.attno()) != 0
                || x instanceof Expr.Var v2 && v2.levelsup() == 0 && v2.attno() == attnum);
        if (nested != null)
            throw a.err(SqlState.SYNTAX_ERROR, "cannot use generated column \"" + ((Expr.Var) nested).name()
                    + "\" in column generation expression", location(nested))
                    .withDetail("A generated column cannot reference another generated column.");
        if (IndexExprAnalysis.containsMutable(e))
            throw PgException.error("42P17", "generation expression is not immutable");
        int typeOid = rel.atttypid(attnum), typmod = rel.atttypmod(attnum);
        if (e.type() != org.tusk.catalog.TypeOids.UNKNOWN && !ParseCoerce.canCoerce(e.type(), typeOid, Context.ASSIGNMENT))
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "column \"" + rel.desc().attr(attnum - 1).name()
                    + "\" is of type " + BuiltinCatalog.formatType(typeOid) + " but generation expression is of type "
                    + BuiltinCatalog.formatType(e.type()))
                    .withHint("You will need to rewrite or cast the expression.");
        return a.coerce(e, typeOid, typmod, Context.ASSIGNMENT, raw.location());
    }

    /**
     * The same for a generation expression written at {@code location} of {@code queryString}:
     * an error's position is moved from the expression's text to the statement's.
     */
    public static Expr cookAt(Relation rel, int attnum, String sql, String queryString, int location, InputSettings zone,
                              String currentDatabase, ExecEnvironment env) {
        try {
            return cook(rel, attnum, sql, zone, currentDatabase, env);
        } catch (PgException e) {
            if (e.position() <= 0 || location < 0 || queryString == null) throw e;
            int pos = Lexer.position(queryString, location) + e.position() - 1;
            throw new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), pos);
        }
    }

    /** The first node of {@code e} (preorder) {@code p} accepts, or null. */
    private static Expr find(Expr e, java.util.function.Predicate<Expr> p) {
        if (p.test(e)) return e;
        for (Expr c : Analyzer.children(e)) {
            Expr f = find(c, p);
            if (f != null) return f;
        }
        return null;
    }

    private static int location(Expr e) {
        return switch (e) {
            case Expr.Var v -> v.location();
            case Expr.WholeRowVar w -> w.location();
            case Expr.SubLink s -> s.location();
            default -> -1;
        };
    }
}
