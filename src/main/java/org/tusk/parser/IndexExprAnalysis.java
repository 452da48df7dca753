package org.tusk.parser;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.PgProc;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The expressions of an index (PostgreSQL's indexcmds.c ComputeIndexAttrs and CheckPredicate,
 * over parse_utilcmd.c transformIndexStmt): key expressions and the partial-index predicate
 * analysed against the columns of the indexed table, so that their Vars are the table's
 * attribute numbers and they evaluate directly on a table row (FormIndexDatum, ExecQual of
 * ii_Predicate). DefineIndex uses it on the text as written; executors and the planner use it on
 * the text stored in pg_index.indexprs / indpred (PostgreSQL reads node trees with stringToNode;
 * Tusk keeps SQL text and analyses it again, as for CHECK constraints).
 */
public final class IndexExprAnalysis {
    private IndexExprAnalysis() {}

    /**
     * An analysed key expression, the index column name FigureColname gives it and its
     * collation (exprCollation, ComputeIndexAttrs' default for the column; 0 when none).
     */
    public record Column(Expr expr, String name, int collation) {}

    /**
     * A key expression of CREATE INDEX: 0A000 for a subquery, 42803 for an aggregate, 42P17 for
     * a function that is not IMMUTABLE (as ComputeIndexAttrs and transformExpr report).
     */
    public static Column cookExpression(Relation heap, RawExpr raw, String sql, InputSettings zone, String currentDatabase,
                                        ExecEnvironment env) {
        Analyzer a = analyzer(heap, sql, zone, currentDatabase, env, "index expressions");
        Expr e = a.transformExpr(raw);
        refuseSystemColumns(heap, e);
        if (containsSubLink(e)) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in index expression");
        if (containsMutable(e)) {
            throw PgException.error("42P17", "functions in index expression must be marked IMMUTABLE");
        }
        return new Column(e, Analyzer.figureColname(raw), ParseCollate.exprCollation(a, e));
    }

    /** CheckPredicate over transformWhereClause(EXPR_KIND_INDEX_PREDICATE): a boolean, immutable condition. */
    public static Expr cookPredicate(Relation heap, RawExpr raw, String sql, InputSettings zone, String currentDatabase,
                                     ExecEnvironment env) {
        Analyzer a = analyzer(heap, sql, zone, currentDatabase, env, "index predicates");
        Expr e = a.coerceToBoolean(a.transformExpr(raw), "WHERE", raw.location());
        refuseSystemColumns(heap, e);
        if (containsSubLink(e)) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in index predicate");
        if (containsMutable(e)) {
            throw PgException.error("42P17", "functions in index predicate must be marked IMMUTABLE");
        }
        return e;
    }

    /** The stored pg_index.indexprs of an index on {@code heap}: its key expressions in key order. */
    public static List<Expr> storedExpressions(Relation heap, String indexprs, InputSettings zone, String currentDatabase,
                                               ExecEnvironment env) {
        String sql = "SELECT " + indexprs;
        List<RawStmt> raws = Parser.parse(sql, Analyzer.scanSettings(env));
        Stmt.SelectStmt select = (Stmt.SelectStmt) raws.get(0).stmt();
        Analyzer a = analyzer(heap, sql, zone, currentDatabase, env, "index expressions");
        List<Expr> out = new ArrayList<>();
        for (Stmt.ResTarget t : select.targetList()) out.add(storedRow(a.transformExpr(t.val())));
        return out;
    }

    /**
     * A whole-row reference in an expression over the row being stored (an index or partition
     * key expression): that row is never a null-extended one, so it is present without reading
     * its ctid, a system column these expressions may not use (makeWholeRowVar's Var of attno 0).
     */
    static Expr storedRow(Expr e) {
        return org.tusk.nodes.ExprTrees.map(e, x -> x instanceof Expr.WholeRowVar w && !(w.present() instanceof Expr.Const)
                ? new Expr.WholeRowVar(w.row(), new Expr.Const(org.tusk.catalog.TypeOids.BOOL, -1, true, -1), w.refname(), w.location())
                : null);
    }

    /**
     * The text to store in pg_index.indexprs (or pg_partitioned_table.partexprs) for expression
     * text {@code exprs}: analysed as it will be read back, its names bound to the objects they
     * resolve to now ({@link org.tusk.catalog.StoredNamePins}).
     */
    public static String pinnedExpressions(Relation heap, String exprs, InputSettings zone, String currentDatabase,
                                           ExecEnvironment env) {
        return org.tusk.catalog.StoredNamePins.analyze("SELECT ", exprs,
                whole -> storedExpressions(heap, exprs, zone, currentDatabase, env)).text();
    }

    /** As {@link #pinnedExpressions} for a partial index's predicate (pg_index.indpred). */
    public static String pinnedPredicate(Relation heap, String indpred, InputSettings zone, String currentDatabase,
                                         ExecEnvironment env) {
        return org.tusk.catalog.StoredNamePins.analyze(indpred,
                () -> storedPredicate(heap, indpred, zone, currentDatabase, env)).text();
    }

    /** The stored pg_index.indpred of a partial index on {@code heap}. */
    public static Expr storedPredicate(Relation heap, String indpred, InputSettings zone, String currentDatabase,
                                       ExecEnvironment env) {
        Analyzer a = analyzer(heap, indpred, zone, currentDatabase, env, "index predicates");
        return a.coerceToBoolean(a.transformExpr(Parser.parseExpression(indpred, Analyzer.scanSettings(env))), "WHERE", 0);
    }

    /** DefineIndex: "index creation on system columns is not supported" for a system column in an expression or predicate. */
    private static void refuseSystemColumns(Relation heap, Expr e) {
        if (org.tusk.nodes.ExprTrees.any(e, x -> x instanceof Expr.Var v && v.levelsup() == 0 && v.attno() > heap.desc().natts())) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "index creation on system columns is not supported");
        }
    }

    /** The table columns {@code e} reads (pull_varattnos), added to {@code attrs}. */
    public static void collectAttnums(Expr e, BitSet attrs) {
        if (e instanceof Expr.Var v && v.levelsup() == 0 && v.attno() > 0) attrs.set(v.attno());
        for (Expr c : Analyzer.children(e)) collectAttnums(c, attrs);
    }

    static Analyzer analyzer(Relation heap, String sql, InputSettings zone, String currentDatabase, ExecEnvironment env,
                                     String kind) {
        Analyzer a = Analyzer.forExpression(sql, zone, currentDatabase, env);
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < heap.desc().natts(); i++) {
            var att = heap.desc().attr(i);
            cols.add(att.attisdropped() ? new ColumnDef("", att.type().oid(), -1)
                    : new ColumnDef(att.name(), heap.atttypid(i + 1), heap.atttypmod(i + 1)));
        }
        a.setRangeTableEntry(new Query.RangeTblEntry(heap.name(), null, heap.name(), null, List.copyOf(cols), heap));
        a.setExprKind(kind);
        return a;
    }

    static boolean containsSubLink(Expr e) {
        if (e instanceof Expr.SubLink || e instanceof Expr.SubPlan) return true;
        for (Expr c : Analyzer.children(e)) if (containsSubLink(c)) return true;
        return false;
    }

    /** contain_mutable_functions: a function or operator that is not IMMUTABLE. */
    static boolean containsMutable(Expr e) {
        if (e instanceof Expr.FuncExpr f && f.proc().volatility() != PgProc.Volatility.IMMUTABLE) return true;
        if (e instanceof Expr.OpExpr o && o.op().volatility() != PgProc.Volatility.IMMUTABLE) return true;
        for (Expr c : Analyzer.children(e)) if (containsMutable(c)) return true;
        return false;
    }
}
