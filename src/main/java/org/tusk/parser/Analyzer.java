package org.tusk.parser;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.PgAggregate;
import org.tusk.catalog.PgOperator;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.RelationProvider;
import org.tusk.catalog.ScannableRelation;
import org.tusk.executor.ExecEnvironment;
import org.tusk.utils.cache.Relation;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Parse analysis (PostgreSQL's analyze.c, parse_expr.c, parse_oper.c, parse_func.c,
 * parse_target.c, parse_clause.c, parse_agg.c): turns one raw statement into a {@link Query}.
 * Names are resolved against the {@link RelationProvider}, expressions typed, operators and
 * functions bound to built-ins with implicit coercions inserted, unknown literals resolved.
 * One Analyzer instance analyses one statement; it holds no state beyond that statement.
 */
public final class Analyzer {
    private final String src;
    private final RelationProvider relations;
    private final ZoneId zone;
    private final String currentDatabase;
    /** Tables of the catalog, with their typmods; null when the backend has no storage yet. */
    private ExecEnvironment env;

    /**
     * Parameter types as the client gave them (0: to be inferred), grown as higher $n are seen;
     * null when the statement may have no parameters (a simple Query). PostgreSQL's
     * "variable parameters" of parse_param.c.
     */
    private List<Integer> paramTypes;
    private Query.RangeTblEntry rte;
    private final List<Expr.Aggref> aggs = new ArrayList<>();
    private String exprKind = "SELECT";
    private boolean inAgg;

    private Analyzer(String src, RelationProvider relations, ZoneId zone, String currentDatabase) {
        this.src = src;
        this.relations = relations;
        this.zone = zone;
        this.currentDatabase = currentDatabase;
    }

    /**
     * Analyses a raw statement.
     *
     * @param queryString the full query string the statement was parsed from (for error positions)
     * @param zone        the session time zone, used to convert timestamptz literals
     * @param currentDatabase the session's database, the only catalog name accepted in qualified names
     */
    public static Query analyze(RawStmt raw, String queryString, RelationProvider relations, ZoneId zone,
                                String currentDatabase) {
        return analyze(raw, queryString, relations, zone, currentDatabase, null);
    }

    /**
     * Analyses a statement that may use parameters $1..$n. {@code paramTypes} holds the types the
     * client declared (0 for "infer"); on return it holds every parameter's resolved type, as
     * ParameterDescription reports them. A parameter whose type cannot be inferred is an error
     * (42P18), as in PostgreSQL.
     */
    public static Query analyze(RawStmt raw, String queryString, RelationProvider relations, ZoneId zone,
                                String currentDatabase, List<Integer> paramTypes) {
        return analyze(raw, queryString, relations, null, zone, currentDatabase, paramTypes);
    }

    /**
     * The same, resolving names also against the catalog's tables of {@code env} (may be null:
     * then only the system views of {@code relations} exist).
     */
    public static Query analyze(RawStmt raw, String queryString, RelationProvider relations, ExecEnvironment env,
                                ZoneId zone, String currentDatabase, List<Integer> paramTypes) {
        Analyzer a = new Analyzer(queryString, relations, zone, currentDatabase);
        a.paramTypes = paramTypes;
        a.env = env;
        Query q = switch (raw.stmt()) {
            case Stmt.SelectStmt s -> a.transformSelect(s);
            case Stmt.InsertStmt s -> new ModifyAnalysis(a).transformInsert(s);
            case Stmt.UpdateStmt s -> new ModifyAnalysis(a).transformUpdate(s);
            case Stmt.DeleteStmt s -> new ModifyAnalysis(a).transformDelete(s);
            default -> null;
        };
        if (paramTypes != null) {
            for (int i = 0; i < paramTypes.size(); i++) {
                if (paramTypes.get(i) == 0 || paramTypes.get(i) == UNKNOWN) {
                    throw PgException.error("42P18", "could not determine data type of parameter $" + (i + 1));
                }
            }
        }
        if (q != null) return q;
        return new Query(Query.CommandType.UTILITY, raw.stmt(), List.of(), List.of(), null, List.of(), null, null, List.of());
    }

    int pos(int location) { return location < 0 ? 0 : Lexer.position(src, location); }

    PgException err(String state, String msg, int location) {
        return PgException.errorAt(state, msg, pos(location));
    }

    // ------------------------------------------------------------------ SELECT

    Query transformSelect(Stmt.SelectStmt s) {
        if (s.distinct()) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "SELECT DISTINCT is not supported yet");
        if (!s.groupBy().isEmpty())
            throw err(SqlState.FEATURE_NOT_SUPPORTED, "GROUP BY is not supported yet", s.groupBy().get(0).location());
        List<Query.RangeTblEntry> rtable = List.of();
        if (s.from() != null) {
            Stmt.RangeVar rv = s.from();
            if (rv.catalog() != null && !rv.catalog().equals(currentDatabase))
                throw err(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: \""
                        + rv.catalog() + "." + rv.schema() + "." + rv.name() + "\"", rv.location());
            rte = rangeTableEntry(rv);
            rtable = List.of(rte);
        }

        // WHERE
        Expr where = null;
        if (s.where() != null) {
            exprKind = "WHERE";
            where = coerceToBoolean(transformExpr(s.where()), "WHERE", s.where().location());
        }

        // target list
        exprKind = "SELECT";
        List<Query.TargetEntry> tlist = transformTargetList(s.targetList());
        int visible = tlist.size();

        // HAVING (without GROUP BY: one group)
        Expr having = null;
        if (s.having() != null) {
            exprKind = "HAVING";
            having = coerceToBoolean(transformExpr(s.having()), "HAVING", s.having().location());
        }

        // ORDER BY
        exprKind = "ORDER BY";
        List<Query.SortClause> sort = new ArrayList<>();
        for (Stmt.SortBy sb : s.sortClause()) {
            int resno = findSortTarget(sb.node(), tlist, visible);
            Query.TargetEntry te = tlist.get(resno - 1);
            if (te.expr().type() == UNKNOWN) {
                te = new Query.TargetEntry(coerce(te.expr(), TEXT, -1, Context.IMPLICIT, -1), te.resno(), te.name(), te.resjunk());
                tlist.set(resno - 1, te);
            }
            checkSortable(te.expr().type(), sb.location());
            boolean nullsFirst = sb.nullsFirst() != null ? sb.nullsFirst() : sb.desc();
            sort.add(new Query.SortClause(resno, sb.desc(), nullsFirst));
        }

        // LIMIT / OFFSET
        exprKind = "LIMIT";
        Expr limit = s.limitCount() == null ? null : transformLimit(s.limitCount(), "LIMIT");
        exprKind = "OFFSET";
        Expr offset = s.limitOffset() == null ? null : transformLimit(s.limitOffset(), "OFFSET");

        if (!aggs.isEmpty() || having != null) {
            for (Query.TargetEntry te : tlist) checkUngrouped(te.expr());
            if (having != null) checkUngrouped(having);
            // plain aggregation: represent HAVING as a qual the Agg node applies

        }
        Query q = new Query(Query.CommandType.SELECT, null, rtable, List.copyOf(tlist), where, List.copyOf(sort), limit,
                offset, List.copyOf(aggs));
        return having == null ? q : withHaving(q, having);
    }

    /**
     * cookDefault's analysis, for CREATE TABLE: checks that the DEFAULT text {@code sql} is an
     * expression without column references whose value can be assigned to a column of type
     * {@code typeOid}, and returns it analysed.
     */
    public static Expr analyzeColumnDefault(String sql, String column, int typeOid, int typmod, ZoneId zone,
                                            String currentDatabase) {
        Analyzer a = new Analyzer(sql, RelationProvider.EMPTY, zone, currentDatabase);
        return ModifyAnalysis.analyzeDefault(a, sql, column, typeOid, typmod);
    }

    /** transformTargetList: a SELECT list or RETURNING list, with {@code *} expanded and unknowns resolved to text. */
    List<Query.TargetEntry> transformTargetList(List<Stmt.ResTarget> targets) {
        List<Query.TargetEntry> tlist = new ArrayList<>();
        for (Stmt.ResTarget rt : targets) {
            if (rt.val() instanceof RawExpr.ColumnRef cr && cr.star()) {
                expandStar(cr, tlist);
                continue;
            }
            Expr e = transformExpr(rt.val());
            if (e instanceof Expr.Param p && p.type() == UNKNOWN) {
                throw err("42P18", "could not determine data type of parameter $" + p.number(), rt.val().location());
            }
            if (e.type() == UNKNOWN) e = coerce(e, TEXT, -1, Context.IMPLICIT, rt.val().location());
            String name = rt.name() != null ? rt.name() : figureColname(rt.val());
            tlist.add(new Query.TargetEntry(e, tlist.size() + 1, name, false));
        }
        return tlist;
    }

    /** An analyzer for a sub-statement (INSERT's SELECT, a column default) sharing this one's parameters. */
    Analyzer child(String text) {
        Analyzer a = new Analyzer(text, relations, zone, currentDatabase);
        a.paramTypes = paramTypes;
        a.env = env;
        return a;
    }

    ExecEnvironment env() { return env; }

    String src() { return src; }

    void setRangeTableEntry(Query.RangeTblEntry r) { this.rte = r; }

    void setExprKind(String kind) { this.exprKind = kind; }

    boolean hasAggregates() { return !aggs.isEmpty(); }

    /**
     * parserOpenTable + addRangeTableEntry: the system view or catalog table {@code rv} names
     * (views first, as pg_catalog comes first in the search path); 42P01 if there is neither.
     */
    Query.RangeTblEntry rangeTableEntry(Stmt.RangeVar rv) {
        if (rv.catalog() != null && !rv.catalog().equals(currentDatabase))
            throw err(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: \""
                    + rv.catalog() + "." + rv.schema() + "." + rv.name() + "\"", rv.location());
        String refname = rv.alias() != null ? rv.alias() : rv.name();
        ScannableRelation view = relations.lookup(rv.schema(), rv.name());
        if (view != null) return new Query.RangeTblEntry(refname, rv.schema(), rv.name(), view, List.copyOf(view.columns()));
        Relation table = env == null ? null : env.catalog().openRelation(rv.schema(), rv.name());
        if (table == null) {
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            throw err(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist", rv.location());
        }
        if (table.relkind() == 'i')
            throw err("42809", "\"" + table.name() + "\" is an index", rv.location());
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < table.desc().natts(); i++) {
            var att = table.desc().attr(i);
            cols.add(new ColumnDef(att.name(), att.type().oid(), env.atttypmod(table, i + 1)));
        }
        return new Query.RangeTblEntry(refname, rv.schema(), rv.name(), null, List.copyOf(cols), table);
    }

    /** HAVING is carried as an extra resjunk boolean column named "?having?" evaluated by the Agg node. */
    private static Query withHaving(Query q, Expr having) {
        List<Query.TargetEntry> tl = new ArrayList<>(q.targetList());
        tl.add(new Query.TargetEntry(having, tl.size() + 1, "?having?", true));
        return new Query(q.commandType(), null, q.rangeTable(), List.copyOf(tl), q.where(), q.sortClause(), q.limitCount(),
                q.limitOffset(), q.aggregates());
    }

    private void checkUngrouped(Expr e) {
        switch (e) {
            case Expr.Var v -> throw err(SqlState.GROUPING_ERROR, "column \"" + rte.refname() + "." + v.name()
                    + "\" must appear in the GROUP BY clause or be used in an aggregate function", v.location());
            case Expr.Aggref a -> { }
            default -> children(e).forEach(this::checkUngrouped);
        }
    }

    /** Direct sub-expressions of a node (expression_tree_walker). */
    public static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        switch (e) {
            case Expr.FuncExpr f -> out.addAll(f.args());
            case Expr.OpExpr o -> out.addAll(o.args());
            case Expr.CastFunc c -> out.add(c.arg());
            case Expr.RelabelType r -> out.add(r.arg());
            case Expr.CoerceViaIO c -> out.add(c.arg());
            case Expr.CoerceToTypmod c -> out.add(c.arg());
            case Expr.BoolExpr b -> out.addAll(b.args());
            case Expr.NullTest n -> out.add(n.arg());
            case Expr.BooleanTest b -> out.add(b.arg());
            case Expr.DistinctExpr d -> {
                out.add(d.left());
                out.add(d.right());
            }
            case Expr.CaseExpr c -> {
                for (Expr.CaseWhen w : c.whens()) {
                    out.add(w.cond());
                    out.add(w.result());
                }
                if (c.defResult() != null) out.add(c.defResult());
            }
            case Expr.CoalesceExpr c -> out.addAll(c.args());
            case Expr.MinMaxExpr m -> out.addAll(m.args());
            case Expr.NullIfExpr n -> {
                out.add(n.a());
                out.add(n.b());
            }
            case Expr.Aggref a -> out.addAll(a.args());
            default -> { }
        }
        return out;
    }

    private void expandStar(RawExpr.ColumnRef cr, List<Query.TargetEntry> tlist) {
        if (rte == null) throw err(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid", cr.location());
        if (!cr.fields().isEmpty()) {
            String ref = cr.fields().get(cr.fields().size() - 1);
            if (!ref.equals(rte.refname()))
                throw err(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + ref + "\"", cr.location());
        }
        List<ColumnDef> cols = rte.columns();
        for (int i = 0; i < cols.size(); i++) {
            ColumnDef c = cols.get(i);
            tlist.add(new Query.TargetEntry(new Expr.Var(1, i + 1, c.typeOid(), c.typmod(), c.name(), cr.location()),
                    tlist.size() + 1, c.name(), false));
        }
    }

    private int findSortTarget(RawExpr node, List<Query.TargetEntry> tlist, int visible) {
        if (node instanceof RawExpr.AConst c && c.kind() == RawExpr.AConst.Kind.INTEGER) {
            int n = (Integer) c.value();
            if (n < 1 || n > visible)
                throw err("42P10", "ORDER BY position " + n + " is not in select list", c.location());
            return n;
        }
        if (node instanceof RawExpr.ColumnRef cr && !cr.star() && cr.fields().size() == 1) {
            String name = cr.fields().get(0);
            int found = -1;
            for (int i = 0; i < visible; i++) {
                Query.TargetEntry te = tlist.get(i);
                if (name.equals(te.name())) {
                    if (found >= 0 && !tlist.get(found).expr().equals(te.expr()))
                        throw err(SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"" + name + "\" is ambiguous", cr.location());
                    if (found < 0) found = i;
                }
            }
            if (found >= 0) return found + 1;
        }
        Expr e = transformExpr(node);
        for (Query.TargetEntry te : tlist) if (te.expr().equals(e) && !te.name().equals("?having?")) return te.resno();
        tlist.add(new Query.TargetEntry(e, tlist.size() + 1, "?column?", true));
        return tlist.size();
    }

    private void checkSortable(int type, int location) {
        int t = type == VARCHAR ? TEXT : type;
        for (PgOperator op : BuiltinCatalog.operators("<")) if (op.left() == t && op.right() == t) return;
        throw err(SqlState.UNDEFINED_FUNCTION, "could not identify an ordering operator for type "
                + BuiltinCatalog.formatType(type), location).withHint(
                "Use an explicit ordering operator or modify the query.");
    }

    private Expr transformLimit(RawExpr node, String what) {
        Expr e = transformExpr(node);
        if (containsVars(e))
            throw err("42P10", "argument of " + what + " must not contain variables", node.location());
        if (!aggs.isEmpty() && containsAgg(e))
            throw err(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in " + what, node.location());
        return coerceTo(e, INT8, what, node.location());
    }

    private static boolean containsVars(Expr e) {
        if (e instanceof Expr.Var) return true;
        for (Expr c : children(e)) if (containsVars(c)) return true;
        return false;
    }

    private static boolean containsAgg(Expr e) {
        if (e instanceof Expr.Aggref) return true;
        for (Expr c : children(e)) if (containsAgg(c)) return true;
        return false;
    }

    // ------------------------------------------------------------------ expressions

    /** A $n reference: its declared type, or unknown until the context infers one. */
    private Expr transformParamRef(RawExpr.ParamRef p) {
        if (paramTypes == null || p.number() < 1 || p.number() > 65535) {
            throw err("42P02", "there is no parameter $" + p.number(), p.location());
        }
        while (paramTypes.size() < p.number()) paramTypes.add(0);
        int t = paramTypes.get(p.number() - 1);
        return new Expr.Param(p.number(), t == 0 ? UNKNOWN : t);
    }

    Expr coerce(Expr e, int to, int typmod, Context ctx, int location) {
        if (e instanceof Expr.Param p && p.type() == UNKNOWN && paramTypes != null && to != UNKNOWN) {
            // variable_coerce_param_hook: the first context that needs a type decides it.
            paramTypes.set(p.number() - 1, to);
            return new Expr.Param(p.number(), to);
        }
        return ParseCoerce.coerce(e, to, typmod, ctx, src, location, zone);
    }

    /** coerce_to_boolean(). */
    Expr coerceToBoolean(Expr e, String construct, int location) {
        if (e.type() == BOOL) return e;
        if (!ParseCoerce.canCoerce(e.type(), BOOL, Context.IMPLICIT))
            throw err(SqlState.DATATYPE_MISMATCH, "argument of " + construct + " must be type boolean, not type "
                    + BuiltinCatalog.formatType(e.type()), location);
        return coerce(e, BOOL, -1, Context.IMPLICIT, location);
    }

    /** coerce_to_specific_type(). */
    private Expr coerceTo(Expr e, int type, String construct, int location) {
        if (e.type() == type) return e;
        if (!ParseCoerce.canCoerce(e.type(), type, Context.IMPLICIT))
            throw err(SqlState.DATATYPE_MISMATCH, "argument of " + construct + " must be type "
                    + BuiltinCatalog.formatType(type) + ", not type " + BuiltinCatalog.formatType(e.type()), location);
        return coerce(e, type, -1, Context.IMPLICIT, location);
    }

    public Expr transformExpr(RawExpr raw) {
        return switch (raw) {
            case RawExpr.AConst c -> makeConst(c);
            case RawExpr.ColumnRef c -> transformColumnRef(c);
            case RawExpr.ParamRef p -> transformParamRef(p);
            case RawExpr.AExpr a -> transformOp(a.op(), a.lexpr(), a.rexpr(), a.location());
            case RawExpr.BoolExpr b -> {
                List<Expr> args = new ArrayList<>();
                for (RawExpr r : b.args()) args.add(coerceToBoolean(transformExpr(r), b.op().name(), r.location()));
                yield new Expr.BoolExpr(b.op(), args);
            }
            case RawExpr.NullTest n -> {
                Expr arg = transformExpr(n.arg());
                yield new Expr.NullTest(arg, n.isNot());
            }
            case RawExpr.BooleanTest b -> {
                String what = switch (b.test()) {
                    case IS_TRUE -> "IS TRUE";
                    case IS_NOT_TRUE -> "IS NOT TRUE";
                    case IS_FALSE -> "IS FALSE";
                    case IS_NOT_FALSE -> "IS NOT FALSE";
                    case IS_UNKNOWN -> "IS UNKNOWN";
                    case IS_NOT_UNKNOWN -> "IS NOT UNKNOWN";
                };
                yield new Expr.BooleanTest(coerceToBoolean(transformExpr(b.arg()), what, b.arg().location()), b.test());
            }
            case RawExpr.DistinctExpr d -> {
                Expr.OpExpr eq = (Expr.OpExpr) transformOp("=", d.lexpr(), d.rexpr(), d.location());
                if (eq.type() != BOOL)
                    throw err(SqlState.DATATYPE_MISMATCH, "IS DISTINCT FROM requires = operator to yield boolean", d.location());
                yield new Expr.DistinctExpr(eq.op(), eq.args().get(0), eq.args().get(1), d.not());
            }
            case RawExpr.InList in -> {
                List<Expr> ors = new ArrayList<>();
                for (RawExpr item : in.list())
                    ors.add(transformOp(in.not() ? "<>" : "=", in.arg(), item, in.location()));
                yield ors.size() == 1 ? ors.get(0)
                        : new Expr.BoolExpr(in.not() ? RawExpr.BoolOp.AND : RawExpr.BoolOp.OR, ors);
            }
            case RawExpr.Between b -> transformBetween(b);
            case RawExpr.Like l -> {
                RawExpr pattern = l.pattern();
                if (l.escape() != null)
                    pattern = new RawExpr.FuncCall(List.of("like_escape"), List.of(l.pattern(), l.escape()), false, false,
                            l.pattern().location());
                String op = l.ilike() ? (l.not() ? "!~~*" : "~~*") : (l.not() ? "!~~" : "~~");
                yield transformOp(op, l.arg(), pattern, l.location());
            }
            case RawExpr.TypeCast tc -> transformTypeCast(tc);
            case RawExpr.FuncCall f -> transformFuncCall(f);
            case RawExpr.CaseExpr c -> transformCase(c);
            case RawExpr.Coalesce c -> {
                List<Expr> args = new ArrayList<>();
                List<Integer> locs = new ArrayList<>();
                for (RawExpr r : c.args()) {
                    args.add(transformExpr(r));
                    locs.add(r.location());
                }
                int t = ParseCoerce.selectCommonType(args, locs, "COALESCE", src);
                yield new Expr.CoalesceExpr(coerceAll(args, locs, t, "COALESCE"), t);
            }
            case RawExpr.MinMax m -> {
                List<Expr> args = new ArrayList<>();
                List<Integer> locs = new ArrayList<>();
                for (RawExpr r : m.args()) {
                    args.add(transformExpr(r));
                    locs.add(r.location());
                }
                String what = m.greatest() ? "GREATEST" : "LEAST";
                int t = ParseCoerce.selectCommonType(args, locs, what, src);
                checkSortable(t, m.location());
                PgOperator lt = findBinaryOp("<", t == VARCHAR ? TEXT : t);
                yield new Expr.MinMaxExpr(m.greatest(), lt, coerceAll(args, locs, t, what), t);
            }
            case RawExpr.NullIf n -> {
                Expr.OpExpr eq = (Expr.OpExpr) transformOp("=", n.a(), n.b(), n.location());
                if (eq.type() != BOOL)
                    throw err(SqlState.DATATYPE_MISMATCH, "NULLIF requires = operator to yield boolean", n.location());
                Expr a = eq.args().get(0);
                yield new Expr.NullIfExpr(eq.op(), a, eq.args().get(1), a.type());
            }
            case RawExpr.SqlValueFunction s -> transformSqlValueFunction(s);
            case RawExpr.SetToDefault d -> throw err(SqlState.SYNTAX_ERROR, "DEFAULT is not allowed in this context",
                    d.location());
            case RawExpr.Unsupported u -> throw err(SqlState.FEATURE_NOT_SUPPORTED, u.what() + " is not supported yet", u.location());
        };
    }

    private PgOperator findBinaryOp(String name, int t) {
        for (PgOperator op : BuiltinCatalog.operators(name)) if (op.left() == t && op.right() == t) return op;
        throw PgException.error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + BuiltinCatalog.formatType(t)
                + " " + name + " " + BuiltinCatalog.formatType(t));
    }

    private List<Expr> coerceAll(List<Expr> args, List<Integer> locs, int type, String context) {
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Expr a = args.get(i);
            if (!ParseCoerce.canCoerce(a.type(), type, Context.IMPLICIT))
                throw err(SqlState.DATATYPE_MISMATCH, context + " could not convert type "
                        + BuiltinCatalog.formatType(a.type()) + " to " + BuiltinCatalog.formatType(type), locs.get(i));
            out.add(coerce(a, type, -1, Context.IMPLICIT, locs.get(i)));
        }
        return out;
    }

    private Expr makeConst(RawExpr.AConst c) {
        return switch (c.kind()) {
            case INTEGER -> new Expr.Const(INT4, -1, c.value(), c.location());
            case NUMERIC -> {
                String s = (String) c.value();
                if (s.matches("-?[0-9]+")) {
                    try {
                        long v = Long.parseLong(s);
                        if (v == (int) v) yield new Expr.Const(INT4, -1, (int) v, c.location());
                        yield new Expr.Const(INT8, -1, v, c.location());
                    } catch (NumberFormatException e) {
                        // falls through to numeric
                    }
                }
                BigDecimal d = new BigDecimal(s);
                yield new Expr.Const(NUMERIC, -1, d.scale() < 0 ? d.setScale(0) : d, c.location());
            }
            case STRING -> new Expr.Const(UNKNOWN, -1, c.value(), c.location());
            case BOOLEAN -> new Expr.Const(BOOL, -1, c.value(), c.location());
            case NULL -> new Expr.Const(UNKNOWN, -1, null, c.location());
        };
    }

    private Expr transformColumnRef(RawExpr.ColumnRef c) {
        List<String> f = c.fields();
        if (c.star())
            throw err(SqlState.FEATURE_NOT_SUPPORTED, "row expansion (\"*\") in expressions is not supported yet", c.location());
        String colname = f.get(f.size() - 1);
        if (f.size() >= 2) {
            String relname = f.get(f.size() - 2);
            String schema = f.size() >= 3 ? f.get(f.size() - 3) : null;
            boolean matches = rte != null && relname.equals(rte.refname())
                    && (schema == null || (rte.schema() == null ? rte.refname().equals(rte.relname()) : schema.equals(rte.schema())));
            if (!matches) {
                if (f.size() >= 3 && schema != null && rte != null && relname.equals(rte.refname()))
                    throw err(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + relname + "\"", c.location());
                throw err(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + relname + "\"", c.location());
            }
            Expr v = findColumn(colname, c.location());
            if (v == null)
                throw err(SqlState.UNDEFINED_COLUMN, "column " + relname + "." + colname + " does not exist", c.location());
            return v;
        }
        Expr v = rte == null ? null : findColumn(colname, c.location());
        if (v == null) {
            PgException e = err(SqlState.UNDEFINED_COLUMN, "column \"" + colname + "\" does not exist", c.location());
            throw e;
        }
        return v;
    }

    private Expr findColumn(String name, int location) {
        List<ColumnDef> cols = rte.columns();
        Expr found = null;
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(name)) {
                if (found != null)
                    throw err(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + name + "\" is ambiguous", location);
                found = new Expr.Var(1, i + 1, cols.get(i).typeOid(), cols.get(i).typmod(), name, location);
            }
        }
        return found;
    }

    private Expr transformBetween(RawExpr.Between b) {
        // a BETWEEN x AND y  ==>  a >= x AND a <= y (NOT: a < x OR a > y); SYMMETRIC ORs both orders
        Expr r1 = betweenPair(b.arg(), b.low(), b.high(), b.not(), b.location());
        if (!b.symmetric()) return r1;
        Expr r2 = betweenPair(b.arg(), b.high(), b.low(), b.not(), b.location());
        return new Expr.BoolExpr(b.not() ? RawExpr.BoolOp.AND : RawExpr.BoolOp.OR, List.of(r1, r2));
    }

    private Expr betweenPair(RawExpr arg, RawExpr lo, RawExpr hi, boolean not, int loc) {
        Expr a = transformOp(not ? "<" : ">=", arg, lo, loc);
        Expr c = transformOp(not ? ">" : "<=", arg, hi, loc);
        return new Expr.BoolExpr(not ? RawExpr.BoolOp.OR : RawExpr.BoolOp.AND, List.of(a, c));
    }

    private Expr transformTypeCast(RawExpr.TypeCast tc) {
        ParseCoerce.ResolvedType rt = ParseCoerce.resolveTypeName(tc.type(), src);
        Expr arg = transformExpr(tc.arg());
        int loc = tc.arg() instanceof RawExpr.AConst ? tc.arg().location() : tc.location();
        if (!ParseCoerce.canCoerce(arg.type(), rt.oid(), Context.EXPLICIT))
            throw err("42846", "cannot cast type " + BuiltinCatalog.formatType(arg.type()) + " to "
                    + BuiltinCatalog.formatType(rt.oid()), tc.location());
        return coerce(arg, rt.oid(), rt.typmod(), Context.EXPLICIT, loc);
    }

    private Expr transformCase(RawExpr.CaseExpr c) {
        Expr testArg = c.arg() == null ? null : transformExpr(c.arg());
        List<Expr> results = new ArrayList<>();
        List<Integer> locs = new ArrayList<>();
        List<Expr> conds = new ArrayList<>();
        for (RawExpr.CaseWhen w : c.whens()) {
            Expr cond;
            if (c.arg() != null) {
                cond = transformOp("=", c.arg(), w.cond(), w.cond().location());
                cond = coerceToBoolean(cond, "CASE/WHEN", w.cond().location());
            } else {
                cond = coerceToBoolean(transformExpr(w.cond()), "CASE/WHEN", w.cond().location());
            }
            conds.add(cond);
            results.add(transformExpr(w.result()));
            locs.add(w.result().location());
        }
        // as transformCaseExpr(): the default result goes first, so it is preferred for type determination
        Expr def = c.defResult() == null ? new Expr.Const(UNKNOWN, -1, null, -1) : transformExpr(c.defResult());
        results.add(0, def);
        locs.add(0, c.defResult() == null ? c.location() : c.defResult().location());
        int t = ParseCoerce.selectCommonType(results, locs, "CASE", src);
        List<Expr> coerced = coerceAll(results, locs, t, "CASE");
        List<Expr.CaseWhen> whens = new ArrayList<>();
        for (int i = 0; i < conds.size(); i++) whens.add(new Expr.CaseWhen(conds.get(i), coerced.get(i + 1)));
        return new Expr.CaseExpr(whens, coerced.get(0), t);
    }

    private Expr transformSqlValueFunction(RawExpr.SqlValueFunction s) {
        int loc = s.location();
        return switch (s.name()) {
            case "current_timestamp" -> callBuiltin("now", loc);
            case "current_date" -> coerce(callBuiltin("now", loc), DATE, -1, Context.EXPLICIT, loc);
            case "localtimestamp" -> coerce(callBuiltin("now", loc), TIMESTAMP, -1, Context.EXPLICIT, loc);
            case "localtime" -> coerce(callBuiltin("now", loc), TIME, -1, Context.EXPLICIT, loc);
            case "current_user", "current_role", "user" -> callBuiltin("current_user", loc);
            case "session_user" -> callBuiltin("session_user", loc);
            case "current_catalog" -> callBuiltin("current_database", loc);
            case "current_schema" -> callBuiltin("current_schema", loc);
            default -> throw err(SqlState.FEATURE_NOT_SUPPORTED, s.name().toUpperCase(Locale.ROOT) + " is not supported yet", loc);
        };
    }

    private Expr callBuiltin(String name, int loc) {
        PgProc p = BuiltinCatalog.functions(name).get(0);
        return new Expr.FuncExpr(p, List.of(), p.resultType(), loc);
    }

    // ---- operators

    private Expr transformOp(String name, RawExpr lraw, RawExpr rraw, int location) {
        Expr l = lraw == null ? null : transformExpr(lraw);
        Expr r = transformExpr(rraw);
        return makeOp(name, l, r, lraw == null ? -1 : lraw.location(), rraw.location(), location);
    }

    private Expr makeOp(String name, Expr l, Expr r, int lloc, int rloc, int location) {
        // text || anynonarray and anynonarray || text: convert the non-string side through its output function
        if (name.equals("||") && l != null) {
            boolean ls = ParseCoerce.isStringCategory(l.type()) || l.type() == UNKNOWN;
            boolean rs = ParseCoerce.isStringCategory(r.type()) || r.type() == UNKNOWN;
            // textanycat/anytextcat are SQL functions doing $n::text, i.e. an explicit cast
            if (ls && !rs && r.type() != UNKNOWN && ParseCoerce.canCoerce(r.type(), TEXT, Context.EXPLICIT))
                r = coerce(r, TEXT, -1, Context.EXPLICIT, rloc);
            else if (rs && !ls && ParseCoerce.canCoerce(l.type(), TEXT, Context.EXPLICIT))
                l = coerce(l, TEXT, -1, Context.EXPLICIT, lloc);
        }
        int lt = l == null ? 0 : l.type();
        int rt = r.type();
        List<PgOperator> all = BuiltinCatalog.operators(name);
        List<PgOperator> cands = new ArrayList<>();
        for (PgOperator op : all) if ((op.left() == 0) == (l == null)) cands.add(op);
        PgOperator chosen = null;
        for (PgOperator op : cands) if (op.left() == lt && op.right() == rt) chosen = op;
        if (chosen == null && l != null && (lt == UNKNOWN) != (rt == UNKNOWN)) {
            int known = lt == UNKNOWN ? rt : lt;
            for (PgOperator op : cands) if (op.left() == known && op.right() == known) chosen = op;
        }
        if (chosen == null) {
            List<List<Integer>> sigs = new ArrayList<>();
            for (PgOperator op : cands) sigs.add(l == null ? List.of(op.right()) : List.of(op.left(), op.right()));
            int idx = ParseFunc.select(sigs, l == null ? List.of(rt) : List.of(lt, rt));
            String sig = l == null ? name + " " + BuiltinCatalog.formatType(rt)
                    : BuiltinCatalog.formatType(lt) + " " + name + " " + BuiltinCatalog.formatType(rt);
            if (idx == ParseFunc.AMBIGUOUS)
                throw err(SqlState.AMBIGUOUS_FUNCTION, "operator is not unique: " + sig, location)
                        .withHint("Could not choose a best candidate operator. You might need to add explicit type casts.");
            if (idx == ParseFunc.NONE)
                throw err(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + sig, location)
                        .withHint(l == null
                                ? "No operator matches the given name and argument type. You might need to add an explicit type cast."
                                : "No operator matches the given name and argument types. You might need to add explicit type casts.");
            chosen = cands.get(idx);
        }
        List<Expr> args = new ArrayList<>();
        if (l != null) args.add(coerce(l, chosen.left(), -1, Context.IMPLICIT, lloc));
        args.add(coerce(r, chosen.right(), -1, Context.IMPLICIT, rloc));
        return new Expr.OpExpr(chosen, args, chosen.result(), location);
    }

    // ---- functions and aggregates

    private Expr transformFuncCall(RawExpr.FuncCall f) {
        List<String> qn = f.name();
        if (qn.size() > 2 || (qn.size() == 2 && !qn.get(0).equals("pg_catalog")))
            throw err(SqlState.UNDEFINED_FUNCTION, "function " + String.join(".", qn) + "() does not exist", f.location());
        String name = qn.get(qn.size() - 1);

        List<PgAggregate> aggCands = BuiltinCatalog.aggregates(name);
        if (!aggCands.isEmpty()) return transformAggregate(f, name, aggCands);
        if (f.star())
            throw err("42809", name + "(*) specified, but " + name + " is not an aggregate function", f.location());
        if (f.distinct())
            throw err("42809", "DISTINCT specified, but " + name + " is not an aggregate function", f.location());

        List<Expr> args = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (RawExpr r : f.args()) {
            Expr e = transformExpr(r);
            args.add(e);
            types.add(e.type());
        }
        List<PgProc> cands = new ArrayList<>();
        for (PgProc p : BuiltinCatalog.functions(name))
            if ((p.variadicAny() && !args.isEmpty()) || (!p.variadicAny() && p.argTypes().size() == args.size())) cands.add(p);
        PgProc chosen = null;
        if (cands.size() == 1 && cands.get(0).variadicAny() && !args.isEmpty()) {
            chosen = cands.get(0);
            List<Expr> conv = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                Expr a = args.get(i);
                int loc = f.args().get(i).location();
                if (a.type() == UNKNOWN) conv.add(coerce(a, TEXT, -1, Context.IMPLICIT, loc));
                else if (ParseCoerce.isStringCategory(a.type())) conv.add(a);
                else conv.add(new Expr.CoerceViaIO(a, TEXT, loc));
            }
            return new Expr.FuncExpr(chosen, conv, chosen.resultType(), f.location());
        }
        List<List<Integer>> sigs = new ArrayList<>();
        for (PgProc p : cands) sigs.add(p.argTypes());
        int idx = cands.isEmpty() ? ParseFunc.NONE : ParseFunc.select(sigs, types);
        String sig = name + "(" + ParseFunc.signature(types) + ")";
        if (idx == ParseFunc.AMBIGUOUS)
            throw err(SqlState.AMBIGUOUS_FUNCTION, "function " + sig + " is not unique", f.location())
                    .withHint("Could not choose a best candidate function. You might need to add explicit type casts.");
        if (idx == ParseFunc.NONE)
            throw err(SqlState.UNDEFINED_FUNCTION, "function " + sig + " does not exist", f.location())
                    .withHint("No function matches the given name and argument types. You might need to add explicit type casts.");
        chosen = cands.get(idx);
        List<Expr> conv = new ArrayList<>();
        for (int i = 0; i < args.size(); i++)
            conv.add(coerce(args.get(i), chosen.argTypes().get(i), -1, Context.IMPLICIT, f.args().get(i).location()));
        return new Expr.FuncExpr(chosen, conv, chosen.resultType(), f.location());
    }

    private Expr transformAggregate(RawExpr.FuncCall f, String name, List<PgAggregate> cands) {
        if (!exprKind.equals("SELECT") && !exprKind.equals("HAVING") && !exprKind.equals("ORDER BY"))
            throw err(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in " + exprKind, f.location());
        if (inAgg) throw err(SqlState.GROUPING_ERROR, "aggregate function calls cannot be nested", f.location());
        if (f.distinct()) throw err(SqlState.FEATURE_NOT_SUPPORTED, "DISTINCT in aggregates is not supported yet", f.location());
        if (f.star()) {
            for (PgAggregate a : cands) {
                if (a.argType() == 0) {
                    Expr.Aggref ref = new Expr.Aggref(a, List.of(), true, aggs.size(), a.resultType());
                    aggs.add(ref);
                    return ref;
                }
            }
            throw err(SqlState.UNDEFINED_FUNCTION, "function " + name + "(*) does not exist", f.location());
        }
        inAgg = true;
        List<Expr> args = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        try {
            for (RawExpr r : f.args()) {
                Expr e = transformExpr(r);
                args.add(e);
                types.add(e.type());
            }
        } finally {
            inAgg = false;
        }
        List<PgAggregate> usable = new ArrayList<>();
        List<List<Integer>> sigs = new ArrayList<>();
        for (PgAggregate a : cands) {
            if (a.argType() == 0 || args.size() != 1) continue;
            usable.add(a);
            sigs.add(List.of(a.argType()));
        }
        int idx = usable.isEmpty() ? ParseFunc.NONE : ParseFunc.select(sigs, types);
        String sig = name + "(" + ParseFunc.signature(types) + ")";
        if (idx == ParseFunc.AMBIGUOUS)
            throw err(SqlState.AMBIGUOUS_FUNCTION, "function " + sig + " is not unique", f.location())
                    .withHint("Could not choose a best candidate function. You might need to add explicit type casts.");
        if (idx == ParseFunc.NONE)
            throw err(SqlState.UNDEFINED_FUNCTION, "function " + sig + " does not exist", f.location())
                    .withHint("No function matches the given name and argument types. You might need to add explicit type casts.");
        PgAggregate a = usable.get(idx);
        Expr arg = args.get(0);
        if (a.argType() != ANY) arg = coerce(arg, a.argType(), -1, Context.IMPLICIT, f.args().get(0).location());
        Expr.Aggref ref = new Expr.Aggref(a, List.of(arg), false, aggs.size(), a.resultType());
        aggs.add(ref);
        return ref;
    }

    // ------------------------------------------------------------------ column names

    /** FigureColname(): the output column name PostgreSQL derives for an unnamed target. */
    public static String figureColname(RawExpr e) {
        String[] name = {null};
        figure(e, name);
        return name[0] == null ? "?column?" : name[0];
    }

    private static int figure(RawExpr e, String[] name) {
        switch (e) {
            case RawExpr.ColumnRef c -> {
                if (!c.fields().isEmpty()) {
                    name[0] = c.fields().get(c.fields().size() - 1);
                    return 2;
                }
                return 0;
            }
            case RawExpr.FuncCall f -> {
                name[0] = f.name().get(f.name().size() - 1);
                return 2;
            }
            case RawExpr.TypeCast tc -> {
                int strength = figure(tc.arg(), name);
                if (strength <= 1) {
                    name[0] = tc.type().lastName();
                    return 1;
                }
                return strength;
            }
            case RawExpr.CaseExpr c -> {
                int strength = c.defResult() == null ? 0 : figure(c.defResult(), name);
                if (strength <= 1) {
                    name[0] = "case";
                    return 1;
                }
                return strength;
            }
            case RawExpr.Coalesce c -> {
                name[0] = "coalesce";
                return 2;
            }
            case RawExpr.MinMax m -> {
                name[0] = m.greatest() ? "greatest" : "least";
                return 2;
            }
            case RawExpr.NullIf n -> {
                name[0] = "nullif";
                return 2;
            }
            case RawExpr.SqlValueFunction s -> {
                name[0] = s.name();
                return 2;
            }
            default -> {
                return 0;
            }
        }
    }
}
