package org.tusk.parser;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
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
import org.tusk.catalog.TypeCache;
import org.tusk.executor.ExecEnvironment;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.ScanSettings;

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
    /** The session's settings for input functions (TimeZone, DateOrder, IntervalStyle, "now"). */
    private final InputSettings zone;
    private final String currentDatabase;
    /** Tables of the catalog, with their typmods; null when the backend has no storage yet. */
    private ExecEnvironment env;
    /**
     * How the text analysed here is scanned where it is parsed again (a default's text, a
     * routine's argument defaults) when there is no {@link #env}: as the text the caller holds
     * was written, in the session's scan settings.
     */
    private ScanSettings scanSettings = ScanSettings.DEFAULT;

    /**
     * Parameter types as the client gave them (0: to be inferred), grown as higher $n are seen;
     * null when the statement may have no parameters (a simple Query). PostgreSQL's
     * "variable parameters" of parse_param.c.
     */
    private List<Integer> paramTypes;
    /** The parameter names of a SQL function body being analysed (null otherwise): names of $1..$n, null entries unnamed. */
    private List<String> paramNames;
    /** A procedural language's name resolution (PL/pgSQL variables), or null. */
    private ColumnRefHook columnRefHook;
    /** The query level this one is a subquery of (a SubLink's, FROM subquery's, CTE's or set operation leaf's), or null. */
    Analyzer parent;
    /** pstate->p_locking_clause: this level's FOR UPDATE/SHARE clauses, known before FROM is read. */
    private List<Stmt.LockingClause> lockingClause = List.of();
    /** This level's range table (p_rtable). */
    final List<Query.RangeTblEntry> rtable = new ArrayList<>();
    /** The FROM items visible to column references right now (p_namespace). */
    List<NsItem> namespace = new ArrayList<>();
    /** The WITH queries visible at this level (p_ctenamespace), innermost last. */
    final List<CteItem> ctes = new ArrayList<>();

    /** Names of the items of a plain WITH at this level not yet visible (p_future_ctes), for errors. */
    final List<String> futureCtes = new ArrayList<>();
    /** Whether unknown-type outputs are resolved to text (not for set operation leaves, whose types are decided later). */
    boolean resolveUnknowns = true;
    private final List<Expr.Aggref> aggs = new ArrayList<>();
    private String exprKind = "SELECT";
    /** Where this level's first aggregate call is written (-1: none yet), for errors about all of them. */
    private int firstAggLocation = -1;
    /** Inside an aggregate's arguments (nested aggregates and window functions are refused there). */
    boolean inAgg;
    /** Inside a window function's arguments (window functions cannot nest). */
    boolean inWindowFunc;
    /** This level's windows (p_windowdefs): the WINDOW clause, then inline OVER specifications; see WindowAnalysis. */
    final List<Stmt.WindowDef> windowDefs = new ArrayList<>();
    boolean hasWindowFuncs;
    boolean hasGroupingFuncs;
    /** CALL's procedure call (transformCallStmt): this node resolves against procedures, not functions. */
    RawExpr.FuncCall procCall;

    private Analyzer(String src, RelationProvider relations, InputSettings zone, String currentDatabase) {
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
    public static Query analyze(RawStmt raw, String queryString, RelationProvider relations, InputSettings zone,
                                String currentDatabase) {
        return analyze(raw, queryString, relations, zone, currentDatabase, null);
    }

    /**
     * Analyses a statement that may use parameters $1..$n. {@code paramTypes} holds the types the
     * client declared (0 for "infer"); on return it holds every parameter's resolved type, as
     * ParameterDescription reports them. A parameter whose type cannot be inferred is an error
     * (42P18), as in PostgreSQL.
     */
    public static Query analyze(RawStmt raw, String queryString, RelationProvider relations, InputSettings zone,
                                String currentDatabase, List<Integer> paramTypes) {
        return analyze(raw, queryString, relations, null, zone, currentDatabase, paramTypes);
    }

    /**
     * The same, resolving names also against the catalog's tables of {@code env} (may be null:
     * then only the system views of {@code relations} exist).
     */
    public static Query analyze(RawStmt raw, String queryString, RelationProvider relations, ExecEnvironment env,
                                InputSettings zone, String currentDatabase, List<Integer> paramTypes) {
        return analyze(raw, queryString, relations, env, zone, currentDatabase, paramTypes, null);
    }

    /**
     * The same for a statement of a SQL function's body: $1..$n have the fixed types
     * {@code paramTypes} and may also be referred to by the names {@code paramNames}
     * (null entries for unnamed parameters), as functions.c's parser hooks allow.
     */
    public static Query analyze(RawStmt raw, String queryString, RelationProvider relations, ExecEnvironment env,
                                InputSettings zone, String currentDatabase, List<Integer> paramTypes, List<String> paramNames) {
        return analyze(raw, queryString, relations, env, zone, currentDatabase, paramTypes, paramNames, null);
    }

    /**
     * The same with a procedural language's parser hooks (PL/pgSQL's plpgsql_parser_setup):
     * {@code hook} resolves names and $n references to the language's variables, as Params
     * numbered into {@code paramTypes}, which the hook extends as it allocates them.
     */
    public static Query analyze(RawStmt raw, String queryString, RelationProvider relations, ExecEnvironment env,
                                InputSettings zone, String currentDatabase, List<Integer> paramTypes, List<String> paramNames,
                                ColumnRefHook hook) {
        Analyzer a = new Analyzer(queryString, relations, zone, currentDatabase);
        a.columnRefHook = hook;
        a.paramNames = paramNames;
        a.paramTypes = paramTypes;
        a.env = env;
        if (raw.stmt() instanceof Stmt.ExecuteStmt e) {
            // EXECUTE's own parameter list, against the prepared statement's types (given in paramTypes)
            a.paramTypes = null;
            return new ExecuteParams(a).transform(e, paramTypes);
        }
        Query q = switch (raw.stmt()) {
            case Stmt.SelectStmt s -> a.transformSelect(s);
            case Stmt.InsertStmt s -> new ModifyAnalysis(a).transform(s);
            case Stmt.UpdateStmt s -> new ModifyAnalysis(a).transform(s);
            case Stmt.DeleteStmt s -> new ModifyAnalysis(a).transform(s);
            case Stmt.MergeStmt s -> new MergeAnalysis(a).transform(s);
            case Stmt.CallStmt s -> CallAnalysis.transform(a, s);
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

    /**
     * transformSelectStmt (and transformValuesClause, transformSetOperationStmt): FROM, WHERE,
     * the target list, GROUP BY, HAVING, ORDER BY, DISTINCT [ON], LIMIT/OFFSET, then the
     * grouping checks of parseCheckAggregates.
     */
    Query transformSelect(Stmt.SelectStmt s) {
        lockingClause = s.lockingClause();
        Query q = transformSelectClauses(s);
        return s.lockingClause().isEmpty() ? q : new LockingAnalysis(this).transformLockingClauses(q, s.lockingClause());
    }

    private Query transformSelectClauses(Stmt.SelectStmt s) {
        List<Query.CommonTableExpr> cteList = s.with() == null ? List.of() : new CteAnalysis(this).transformWith(s.with());
        if (s.op() != Stmt.SetOperation.NONE) return new SetOpAnalysis(this).transform(s, cteList);
        if (!s.valuesLists().isEmpty()) return transformValues(s, cteList);

        List<Query.JoinNode> fromList = new ParseClause(this).transformFromClause(s.from());
        windowDefs.addAll(s.windowClause());

        // transformSelectStmt's order: the target list before WHERE, which decides which error comes first
        exprKind = "SELECT";
        List<Query.TargetEntry> tlist = transformTargetList(s.targetList());
        int visible = tlist.size();

        Expr where = null;
        if (s.where() != null) {
            exprKind = "WHERE";
            where = coerceToBoolean(transformExpr(s.where()), "WHERE", s.where().location());
        }

        Expr having = null;
        if (s.having() != null) {
            exprKind = "HAVING";
            having = coerceToBoolean(transformExpr(s.having()), "HAVING", s.having().location());
        }

        exprKind = "ORDER BY";
        List<Query.SortClause> sort = transformSortClause(s.sortClause(), tlist, visible);

        exprKind = "GROUP BY";
        GroupingSetAnalysis gsa = new GroupingSetAnalysis(this);
        GroupingSetAnalysis.Result grouping = gsa.transformGroupClause(s.groupBy(), tlist, visible, sort, s.groupDistinct());
        List<Integer> group = new ArrayList<>(grouping.groupClause());

        exprKind = "DISTINCT ON";
        List<Integer> distinct = new ArrayList<>();
        if (s.distinct() && s.distinctOn().isEmpty()) {
            for (Query.SortClause sc : sort)
                if (sc.resno() > visible)
                    throw err("42P10", "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
                            s.sortClause().get(sort.indexOf(sc)).node().location());
            for (int i = 1; i <= visible; i++) {
                checkGroupable(tlist.get(i - 1).expr().type(), GroupingSetAnalysis.location(tlist.get(i - 1).expr(), -1));
                distinct.add(i);
            }
        } else if (s.distinct()) {
            for (RawExpr d : s.distinctOn()) {
                int resno = findSortTarget(d, tlist, visible, "DISTINCT ON");
                if (!distinct.contains(resno)) distinct.add(resno);
            }
            int n = Math.min(sort.size(), distinct.size());
            for (int i = 0; i < n; i++) {
                if (!distinct.contains(sort.get(i).resno()))
                    throw err("42P10", "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
                            s.distinctOn().get(0).location());
            }
        }

        List<Query.WindowClause> windows = new WindowAnalysis(this).transformWindowDefinitions(tlist);

        exprKind = "LIMIT";
        Expr limit = s.limitCount() == null ? null : transformLimit(s.limitCount(), "LIMIT");
        exprKind = "OFFSET";
        Expr offset = s.limitOffset() == null ? null : transformLimit(s.limitOffset(), "OFFSET");

        if (hasGroupingFuncs) {
            for (int i = 0; i < tlist.size(); i++) {
                Query.TargetEntry te = tlist.get(i);
                tlist.set(i, new Query.TargetEntry(gsa.resolveGroupingFuncs(te.expr(), tlist, group), te.resno(), te.name(),
                        te.resjunk()));
            }
            if (having != null) having = gsa.resolveGroupingFuncs(having, tlist, group);
        }
        if (!aggs.isEmpty()) checkNoSelfReference();
        ParseCollate.assignQuery(this, tlist, where, having);
        if (!aggs.isEmpty() || !group.isEmpty() || having != null || !grouping.sets().isEmpty() || hasGroupingFuncs) {
            List<Expr> groupExprs = new ArrayList<>();
            for (int r : group) groupExprs.add(ExprTrees.withoutLocations(tlist.get(r - 1).expr()));
            for (Query.TargetEntry te : tlist) if (!group.contains(te.resno())) checkUngrouped(te.expr(), groupExprs);
            if (having != null) checkUngrouped(having, groupExprs);
        }
        return new Query(Query.CommandType.SELECT, null, List.copyOf(rtable), List.copyOf(tlist), where, List.copyOf(sort),
                limit, offset, List.copyOf(aggs), 0, List.of(), null, List.of(), List.copyOf(fromList), List.copyOf(group),
                having, List.copyOf(distinct), s.distinct() && !s.distinctOn().isEmpty(), null, cteList, windows,
                grouping.sets());
    }

    /** transformValuesClause: VALUES as a query over a VALUES range table entry, columns column1..n. */
    private Query transformValues(Stmt.SelectStmt s, List<Query.CommonTableExpr> cteList) {
        exprKind = "VALUES";
        List<List<RawExpr>> rows = s.valuesLists();
        List<List<Expr>> exprs = new ArrayList<>();
        List<List<Integer>> itemLocations = new ArrayList<>();
        int width = -1;
        for (List<RawExpr> row : rows) {
            // transformExpressionList, as for ROW(): t.* becomes t's columns, so the lists are
            // compared after the expansion
            List<Expr> r = new ArrayList<>();
            List<Integer> locs = new ArrayList<>();
            for (RawExpr e : row) {
                List<Expr> items = RowAnalysis.transformItems(this, List.of(e));
                r.addAll(items);
                for (int k = 0; k < items.size(); k++) locs.add(e.location());
            }
            if (width < 0) width = r.size();
            else if (r.size() != width)
                throw err(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length",
                        row.isEmpty() ? -1 : row.get(0).location());
            exprs.add(r);
            itemLocations.add(locs);
        }
        List<ColumnDef> cols = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<Expr> column = new ArrayList<>();
            List<Integer> locs = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                column.add(exprs.get(i).get(c));
                locs.add(itemLocations.get(i).get(c));
            }
            int t = ParseCoerce.selectCommonType(column, locs, "VALUES", src);
            if (t == UNKNOWN && resolveUnknowns) t = TEXT;
            List<Expr> coerced = t == UNKNOWN ? column : coerceAll(column, locs, t, "VALUES");
            int typmod = -1;
            for (int i = 0; i < rows.size(); i++) exprs.get(i).set(c, coerced.get(i));
            cols.add(new ColumnDef("column" + (c + 1), t, typmod));
        }
        List<List<Expr>> values = new ArrayList<>();
        for (List<Expr> r : exprs) values.add(List.copyOf(r));
        Query.RangeTblEntry rte = new Query.RangeTblEntry(Query.RteKind.VALUES, "*VALUES*", null, null, null,
                List.copyOf(cols), null, null, List.copyOf(values), null, null, 0, false, false);
        rtable.add(rte);
        List<Expr> vars = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Query.TargetEntry> tlist = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            ColumnDef cd = cols.get(c);
            Expr v = new Expr.Var(1, c + 1, cd.typeOid(), cd.typmod(), cd.name(), -1);
            vars.add(v);
            names.add(cd.name());
            tlist.add(new Query.TargetEntry(v, c + 1, cd.name(), false));
        }
        namespace = new ArrayList<>(List.of(new NsItem("*VALUES*", 1, rte, names, vars, false, true)));
        exprKind = "ORDER BY";
        List<Query.SortClause> sort = transformSortClause(s.sortClause(), tlist, width);
        exprKind = "LIMIT";
        Expr limit = s.limitCount() == null ? null : transformLimit(s.limitCount(), "LIMIT");
        exprKind = "OFFSET";
        Expr offset = s.limitOffset() == null ? null : transformLimit(s.limitOffset(), "OFFSET");
        return new Query(Query.CommandType.SELECT, null, List.copyOf(rtable), List.copyOf(tlist), null, List.copyOf(sort),
                limit, offset, List.of(), 0, List.of(), null, List.of(), List.of(new Query.JoinNode.RangeRef(1)), List.of(),
                null, List.of(), false, null, cteList);
    }

    /** transformSortClause. */
    List<Query.SortClause> transformSortClause(List<Stmt.SortBy> sortBy, List<Query.TargetEntry> tlist, int visible) {
        List<Query.SortClause> sort = new ArrayList<>();
        for (Stmt.SortBy sb : sortBy) {
            int resno = findSortTarget(sb.node(), tlist, visible);
            Query.TargetEntry te = tlist.get(resno - 1);
            if (te.expr().type() == UNKNOWN) {
                te = new Query.TargetEntry(coerce(te.expr(), TEXT, -1, Context.IMPLICIT, -1), te.resno(), te.name(), te.resjunk());
                tlist.set(resno - 1, te);
            }
            checkSortable(te.expr().type(), sb.location());
            boolean desc = SortUsing.desc(this, sb, te.expr().type());
            sort.add(new Query.SortClause(resno, desc, SortUsing.nullsFirst(sb, desc)));
        }
        return sort;
    }

    /**
     * findTargetlistEntrySQL92 for GROUP BY: an ordinal, or a bare name that is not an input
     * column but names exactly one output column, else an expression (SQL99) matched against the
     * target list or added to it as a resjunk entry.
     */
    int findGroupTargetPublic(RawExpr node, List<Query.TargetEntry> tlist, int visible) {
        return findGroupTarget(node, tlist, visible);
    }

    void checkSortablePublic(int type, int location) { checkSortable(type, location); }

    /**
     * GROUP BY and DISTINCT need the type's default btree or hash equality; the geometric types have
     * neither (their = compares areas), so PostgreSQL refuses them.
     */
    void checkGroupable(int type, int location) {
        if (GeometricTypes.is(type))
            throw err(SqlState.UNDEFINED_FUNCTION, "could not identify an equality operator for type "
                    + BuiltinCatalog.formatType(type), location);
    }

    private int findGroupTarget(RawExpr node, List<Query.TargetEntry> tlist, int visible) {
        if (node instanceof RawExpr.AConst c && c.kind() == RawExpr.AConst.Kind.INTEGER) {
            int n = (Integer) c.value();
            if (n < 1 || n > visible)
                throw err("42P10", "GROUP BY position " + n + " is not in select list", c.location());
            return n;
        }
        // findTargetlistEntrySQL92: any other constant is refused
        if (node instanceof RawExpr.AConst c)
            throw err(SqlState.SYNTAX_ERROR, "non-integer constant in GROUP BY", c.location());
        if (node instanceof RawExpr.ColumnRef cr && !cr.star() && cr.fields().size() == 1
                && lookupColumn(cr.fields().get(0), cr.location(), false) == null) {
            String name = cr.fields().get(0);
            int found = -1;
            for (int i = 0; i < visible; i++) {
                Query.TargetEntry te = tlist.get(i);
                if (name.equals(te.name())) {
                    if (found >= 0 && !ExprTrees.equal(tlist.get(found).expr(), te.expr()))
                        throw err(SqlState.AMBIGUOUS_COLUMN, "GROUP BY \"" + name + "\" is ambiguous", cr.location());
                    if (found < 0) found = i;
                }
            }
            if (found >= 0) return found + 1;
        }
        Expr e = transformExpr(node);
        for (Query.TargetEntry te : tlist) if (ExprTrees.equal(te.expr(), e)) return te.resno();
        if (e.type() == UNKNOWN) e = coerce(e, TEXT, -1, Context.IMPLICIT, node.location());
        tlist.add(new Query.TargetEntry(e, tlist.size() + 1, "?column?", true));
        return tlist.size();
    }

    /**
     * cookDefault's analysis, for CREATE TABLE: checks that the DEFAULT text {@code sql} is an
     * expression without column references whose value can be assigned to a column of type
     * {@code typeOid}, and returns it analysed.
     */
    public static Expr analyzeColumnDefault(String sql, String column, int typeOid, int typmod, InputSettings zone,
                                            String currentDatabase, ScanSettings scan) {
        Analyzer a = new Analyzer(sql, RelationProvider.EMPTY, zone, currentDatabase);
        a.scanSettings = scan;
        return ModifyAnalysis.analyzeDefault(a, sql, column, typeOid, typmod);
    }

    /**
     * A routine's argument default (interpret_function_parameter_list's transformExpr and
     * coerce_to_specific_type): like a column default, but user-defined functions of {@code env}
     * may be called in it.
     */
    public static Expr analyzeArgumentDefault(String sql, String argument, int typeOid, InputSettings zone,
                                              String currentDatabase, ExecEnvironment env) {
        return ModifyAnalysis.analyzeDefault(forExpression(sql, zone, currentDatabase, env), sql, argument, typeOid, -1);
    }

    /**
     * build_column_default for the rewriter (rewriteTargetView's new target): the default of
     * column {@code attno} of the relation of {@code rte}, or a typed NULL when it has none.
     */
    public static Expr buildColumnDefault(Query.RangeTblEntry rte, int attno, ExecEnvironment env, InputSettings zone,
                                          String currentDatabase) {
        return new ModifyAnalysis(forExpression("", zone, currentDatabase, env)).defaultExpr(rte, attno);
    }

    /** An analyzer for one expression text of a catalog (a CHECK constraint), with no relations but those it is given. */
    static Analyzer forExpression(String sql, InputSettings zone, String currentDatabase, ExecEnvironment env) {
        Analyzer a = new Analyzer(sql, RelationProvider.EMPTY, zone, currentDatabase);
        a.env = env;
        return a;
    }

    /** transformTargetList: a SELECT list or RETURNING list, with {@code *} expanded and unknowns resolved to text. */
    List<Query.TargetEntry> transformTargetList(List<Stmt.ResTarget> targets) {
        List<Query.TargetEntry> tlist = new ArrayList<>();
        for (Stmt.ResTarget rt : targets) {
            if (rt.val() instanceof RawExpr.ColumnRef cr && cr.star()) {
                expandStar(cr, tlist);
                continue;
            }
            if (rt.val() instanceof RawExpr.FieldSelection fs && fs.field() == null) {
                // ExpandRowReference: (x).* is one target entry per field of x
                Expr row = transformExpr(fs.arg());
                List<Expr> fields = RowAnalysis.expandFields(this, row, fs.location());
                List<String> names = RowAnalysis.expandNames(row);
                for (int i = 0; i < fields.size(); i++)
                    tlist.add(new Query.TargetEntry(fields.get(i), tlist.size() + 1, names.get(i), false));
                continue;
            }
            Expr e = transformExpr(rt.val());
            if (e instanceof Expr.Param p && p.type() == UNKNOWN) {
                throw err("42P18", "could not determine data type of parameter $" + p.number(), rt.val().location());
            }
            if (e.type() == UNKNOWN && resolveUnknowns) e = coerce(e, TEXT, -1, Context.IMPLICIT, rt.val().location());
            String name = rt.name() != null ? rt.name() : figureColname(rt.val());
            tlist.add(new Query.TargetEntry(e, tlist.size() + 1, name, false));
        }
        return tlist;
    }

    /** An analyzer for a sub-statement (INSERT's SELECT, a column default) sharing this one's parameters. */
    Analyzer child(String text) {
        Analyzer a = new Analyzer(text, relations, zone, currentDatabase);
        a.paramTypes = paramTypes;
        a.paramNames = paramNames;
        a.columnRefHook = columnRefHook;
        a.env = env;
        a.scanSettings = scanSettings;
        return a;
    }

    ExecEnvironment env() { return env; }

    /** The scan settings of text parsed for this analysis: the statement environment's, else those it was made with. */
    ScanSettings scanSettings() { return env != null ? env.scanSettings() : scanSettings; }

    /**
     * The session's scan settings as the statement environment {@code env} carries them, for
     * stored text read again on the statement's behalf; PostgreSQL's defaults without one.
     */
    public static ScanSettings scanSettings(ExecEnvironment env) {
        return env == null ? ScanSettings.DEFAULT : env.scanSettings();
    }

    InputSettings zone() { return zone; }

    String currentDatabaseName() { return currentDatabase; }

    String src() { return src; }

    /**
     * Makes {@code r} the only range table entry and FROM item (the target of UPDATE/DELETE),
     * or clears both (null).
     */
    void setRangeTableEntry(Query.RangeTblEntry r) {
        rtable.clear();
        namespace = new ArrayList<>();
        if (r != null) {
            rtable.add(r);
            namespace.add(NsItem.of(r, 1));
        }
    }

    /** An analyzer for a subquery of this query level (outer references resolve here with levelsup 1). */
    Analyzer subquery() {
        Analyzer a = child(src);
        a.parent = this;
        return a;
    }

    String exprKind() { return exprKind; }

    /** Whether this is the statement's outermost query level (no enclosing query). */
    boolean isTopLevel() { return parent == null; }

    int addRangeTableEntry(Query.RangeTblEntry r) {
        rtable.add(r);
        return rtable.size();
    }

    void setExprKind(String kind) { this.exprKind = kind; }

    /**
     * Whether the expressions being analysed are INSERT's only VALUES row (EXPR_KIND_VALUES_SINGLE:
     * named "VALUES" in messages, but set-returning functions are allowed, as in a select list).
     */
    private boolean valuesSingle;

    boolean valuesSingle() { return valuesSingle; }

    void setValuesSingle(boolean single) { this.valuesSingle = single; }

    /** Records an aggregate call's location for errors about the level's aggregates as a whole. */
    void noteAggregateCall(int location) {
        if (firstAggLocation < 0) firstAggLocation = location;
    }

    boolean hasAggregates() { return !aggs.isEmpty(); }

    /** This level's aggregate calls (those its Agg node computes), in aggno order; {@link AggLevels} appends. */
    List<Expr.Aggref> aggregates() { return aggs; }

    /** isFutureCTE: whether a plain WITH of this or an outer level has a not yet visible item {@code name}. */
    private boolean isFutureCte(String name) {
        for (Analyzer lvl = this; lvl != null; lvl = lvl.parent)
            if (lvl.futureCtes.contains(name)) return true;
        return false;
    }

    /**
     * parserOpenTable + addRangeTableEntry: the system view or catalog table {@code rv} names
     * (views first, as pg_catalog comes first in the search path); 42P01 if there is neither.
     */
    Query.RangeTblEntry rangeTableEntry(Stmt.RangeVar rv) {
        return rangeTableEntry(rv, true);
    }

    /**
     * As {@link #rangeTableEntry(Stmt.RangeVar)}; {@code ctes} false skips the WITH queries, as
     * setTargetTable's parserOpenTable does: a data-modifying statement's target is always a
     * relation, even where a WITH query of the same name is visible.
     */
    Query.RangeTblEntry rangeTableEntry(Stmt.RangeVar rv, boolean ctes) {
        return rangeTableEntry(rv, ctes, org.tusk.catalog.RelationLocks.ACCESS_SHARE_LOCK);
    }

    /**
     * isLockedRefname: whether a FOR UPDATE/SHARE clause of this level covers the FROM item
     * {@code refname} (a clause without OF covers all), so that addRangeTableEntry opens its table
     * RowShareLock rather than AccessShareLock.
     */
    private boolean isLockedRefname(String refname) {
        for (Stmt.LockingClause lc : lockingClause) {
            if (lc.lockedRels().isEmpty()) return true;
            for (Stmt.RangeVar r : lc.lockedRels()) if (r.name().equals(refname)) return true;
        }
        return false;
    }

    /**
     * setTargetTable's parserOpenTable: the target of INSERT, UPDATE, DELETE or MERGE, locked
     * RowExclusiveLock from the start (as the executor will need), so the statement never
     * upgrades a lock it holds on its own target.
     */
    Query.RangeTblEntry targetRangeTableEntry(Stmt.RangeVar rv, boolean ctes) {
        return rangeTableEntry(rv, ctes, org.tusk.catalog.RelationLocks.ROW_EXCLUSIVE_LOCK);
    }

    private Query.RangeTblEntry rangeTableEntry(Stmt.RangeVar rv, boolean ctes, int lockMode) {
        if (rv.catalog() != null && !rv.catalog().equals(currentDatabase))
            throw err(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: \""
                    + rv.catalog() + "." + rv.schema() + "." + rv.name() + "\"", rv.location());
        String refname = rv.alias() != null ? rv.alias() : rv.name();
        if (rv.schema() == null && ctes) {
            int levelsup = 0;
            for (Analyzer lvl = this; lvl != null; lvl = lvl.parent, levelsup++) {
                for (int i = lvl.ctes.size() - 1; i >= 0; i--) {
                    CteItem c = lvl.ctes.get(i);
                    if (!c.name().equals(rv.name())) continue;
                    if (c.withoutReturning())
                        throw err(SqlState.FEATURE_NOT_SUPPORTED, "WITH query \"" + c.name()
                                + "\" does not have a RETURNING clause", rv.location());
                    return new Query.RangeTblEntry(Query.RteKind.CTE, refname, null, rv.name(), null,
                            aliasColumns(c.columns(), rv.colAliases(), refname, rv.location()), null, null, null, null,
                            c.name(), levelsup, c.selfReference(), false);
                }
            }
        }
        ScannableRelation view = relations.lookup(rv.schema(), rv.name());
        if (view != null) return new Query.RangeTblEntry(refname, rv.schema(), rv.name(), view,
                aliasColumns(view.columns(), rv.colAliases(), refname, rv.location()));
        Relation table;
        try {
            if (lockMode == org.tusk.catalog.RelationLocks.ACCESS_SHARE_LOCK && isLockedRefname(refname)) {
                lockMode = org.tusk.catalog.RelationLocks.ROW_SHARE_LOCK;
            }
            table = env == null ? null : env.catalog().openRelation(rv.schema(), rv.name(), lockMode);
        } catch (PgException e) {
            // LookupExplicitNamespace's "permission denied for schema" points at the name, as parser_errposition does
            if (e.position() == 0 && SqlState.INSUFFICIENT_PRIVILEGE.equals(e.sqlState()))
                throw err(e.sqlState(), e.getMessage(), rv.location());
            throw e;
        }
        if (table == null) {
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            PgException e = err(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist", rv.location());
            if (rv.schema() == null && isFutureCte(rv.name()))
                e = e.withDetail("There is a WITH item named \"" + rv.name()
                        + "\", but it cannot be referenced from this part of the query.")
                        .withHint("Use WITH RECURSIVE, or re-order the WITH items to remove forward references.");
            throw e;
        }
        if (table.relkind() == 'i')
            throw err("42809", "\"" + table.name() + "\" is an index", rv.location());
        if (rv.schema() == null && org.tusk.catalog.StoredNamePins.collecting(src) && ParseCoerce.plainNameAt(src, rv.location(), true))
            org.tusk.catalog.StoredNamePins.note(src, rv.location(), table.namespace());
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < table.desc().natts(); i++) {
            var att = table.desc().attr(i);
            // a dropped column keeps its place (attribute numbers do not move) with an empty name,
            // as in PostgreSQL's eref: no reference can name it and * skips it
            cols.add(att.attisdropped() ? new ColumnDef("", att.type().oid(), -1)
                    : new ColumnDef(att.name(), table.atttypid(i + 1), env.atttypmod(table, i + 1)));
        }
        return new Query.RangeTblEntry(refname, rv.schema(), rv.name(), null,
                aliasColumns(cols, rv.colAliases(), refname, rv.location()), table).withInh(rv.inh());
    }

    /** Applies column aliases to the first columns (42P10 if there are more aliases than columns). */
    List<ColumnDef> aliasColumns(List<ColumnDef> cols, List<String> aliases, String refname, int location) {
        int live = 0;
        for (ColumnDef c : cols) if (!c.name().isEmpty()) live++;
        if (aliases.size() > live)
            throw err("42P10", "table \"" + refname + "\" has " + live + " columns available but "
                    + aliases.size() + " columns specified", location);
        // buildRelationAliases: a dropped column (empty name) takes no alias
        List<ColumnDef> out = new ArrayList<>();
        int next = 0;
        for (ColumnDef c : cols) {
            if (c.name().isEmpty() || next >= aliases.size()) {
                out.add(c);
                continue;
            }
            out.add(new ColumnDef(aliases.get(next++), c.typeOid(), c.typmod()));
        }
        return List.copyOf(out);
    }

    /**
     * check_ungrouped_columns: outside aggregates, the target list and HAVING may use only
     * grouped expressions and columns of outer query levels.
     */
    /**
     * parseCheckAggregates: a recursive query's recursive term (a level whose range table reads
     * the work table) must not aggregate, since each round sees only the previous round's rows.
     */
    private void checkNoSelfReference() {
        for (Query.RangeTblEntry rte : rtable)
            if (rte.kind() == Query.RteKind.CTE && rte.selfReference())
                throw err("42P19", "aggregate functions are not allowed in a recursive query's recursive term",
                        firstAggLocation);
    }

    /** check_ungrouped_columns_context.in_agg_direct_args: for the DETAIL of the error. */
    private boolean inAggDirectArgs;

    private void checkUngrouped(Expr e, List<Expr> groupExprs) {
        if (!groupExprs.isEmpty() && groupExprs.contains(ExprTrees.withoutLocations(e))) return;
        switch (e) {
            case Expr.Var v when v.levelsup() == 0 && groupedByPrimaryKey(v.varno(), groupExprs) -> { }
            case Expr.Var v when v.levelsup() == 0 -> {
                String ref = v.varno() >= 1 && v.varno() <= rtable.size() ? rtable.get(v.varno() - 1).refname() : null;
                PgException e2 = err(SqlState.GROUPING_ERROR, "column \"" + (ref == null ? "" : ref + ".") + v.name()
                        + "\" must appear in the GROUP BY clause or be used in an aggregate function", v.location());
                throw inAggDirectArgs
                        ? e2.withDetail("Direct arguments of an ordered-set aggregate must use only grouped columns.") : e2;
            }
            case Expr.Aggref a when a.levelsup() == 0 && !a.directArgs().isEmpty() -> {
                // the direct arguments are evaluated once per group, outside the aggregate
                inAggDirectArgs = true;
                try {
                    for (Expr d : a.directArgs()) checkUngrouped(d, groupExprs);
                } finally {
                    inAggDirectArgs = false;
                }
            }
            case Expr.Aggref a -> { }
            case Expr.GroupingFunc g -> { }
            default -> {
                for (Expr c : ExprTrees.children(e)) checkUngrouped(c, groupExprs);
            }
        }
    }

    /**
     * check_functional_grouping: every column of a table is functionally dependent on its primary
     * key (if not DEFERRABLE), so it may be used ungrouped when all primary key columns are
     * grouping expressions.
     */
    private boolean groupedByPrimaryKey(int varno, List<Expr> groupExprs) {
        if (env == null || varno < 1 || varno > rtable.size()) return false;
        Query.RangeTblEntry r = rtable.get(varno - 1);
        if (!r.isTable()) return false;
        java.util.Set<Integer> key = org.tusk.catalog.PrimaryKeys.attnos(env.catalog(), r.table(), false);
        if (key == null) return false;
        for (int attno : key) {
            boolean grouped = false;
            for (Expr g : groupExprs)
                grouped |= g instanceof Expr.Var gv && gv.levelsup() == 0 && gv.varno() == varno && gv.attno() == attno;
            if (!grouped) return false;
        }
        return true;
    }

    /** Direct sub-expressions of a node (expression_tree_walker). */
    public static List<Expr> children(Expr e) {
        return ExprTrees.children(e);
    }

    /** ExpandColumnRefStar: {@code *} (every visible FROM item's columns) or {@code t.*}. */
    private void expandStar(RawExpr.ColumnRef cr, List<Query.TargetEntry> tlist) {
        if (cr.fields().isEmpty()) {
            boolean any = false;
            for (NsItem item : namespace) {
                if (!item.colsVisible()) continue;
                any = true;
                addColumns(item, cr.location(), tlist);
            }
            if (!any) throw err(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid", cr.location());
            return;
        }
        String ref = cr.fields().get(cr.fields().size() - 1);
        int levelsup = 0;
        for (Analyzer lvl = this; lvl != null; lvl = lvl.parent, levelsup++) {
            NsItem item = lvl.findRelation(ref, cr.location());
            if (item != null) {
                int before = tlist.size();
                addColumns(item, cr.location(), tlist);
                for (int i = before; i < tlist.size(); i++) {
                    Query.TargetEntry te = tlist.get(i);
                    tlist.set(i, new Query.TargetEntry(ExprTrees.incrementLevelsUp(te.expr(), levelsup), te.resno(),
                            te.name(), false));
                }
                return;
            }
        }
        List<Expr> hooked = columnRefHook == null ? null : columnRefHook.starRef(cr.fields(), cr.location());
        if (hooked != null) {
            for (Expr e : hooked)
                tlist.add(new Query.TargetEntry(e, tlist.size() + 1, e instanceof Expr.Var v ? v.name() : "?column?", false));
            return;
        }
        throw missingRte(ref, cr.location());
    }

    private void addColumns(NsItem item, int location, List<Query.TargetEntry> tlist) {
        int n = item.colnames().size();
        Query.RangeTblEntry rte = item.rte();
        if (rte != null && rte.kind() == Query.RteKind.CTE && rte.selfReference()) n = Math.min(n, selfReferenceStarColumns(rte));
        for (int i = 0; i < n; i++)
            tlist.add(new Query.TargetEntry(withLocation(item.colExprs().get(i), location), tlist.size() + 1,
                    item.colnames().get(i), false));
    }

    /** The CTE item a self-reference reads: * leaves out the columns SEARCH and CYCLE add. */
    private int selfReferenceStarColumns(Query.RangeTblEntry rte) {
        Analyzer lvl = this;
        for (int i = 0; i < rte.ctelevelsup() && lvl.parent != null; i++) lvl = lvl.parent;
        for (int i = lvl.ctes.size() - 1; i >= 0; i--)
            if (lvl.ctes.get(i).name().equals(rte.cteName())) return lvl.ctes.get(i).starColumns();
        return rte.columns().size();
    }

    private static Expr withLocation(Expr e, int location) {
        return e instanceof Expr.Var v ? new Expr.Var(v.varno(), v.attno(), v.type(), v.typmod(), v.name(), location,
                v.levelsup()) : e;
    }

    /** refnameNamespaceItem: the visible FROM item called {@code ref} at this level, or null. */
    NsItem findRelation(String ref, int location) {
        NsItem found = null;
        for (NsItem item : namespace) {
            if (!item.relVisible() || !ref.equals(item.refname())) continue;
            if (found != null) throw err("42P09", "table reference \"" + ref + "\" is ambiguous", location);
            found = item;
        }
        if (found != null) checkLateralRefOk(found, location);
        return found;
    }

    /**
     * check_lateral_ref_ok: a LATERAL reference to the left side of a RIGHT or FULL join from
     * its right side, or to the target of UPDATE/DELETE from its FROM/USING items, is an error (42P10).
     */
    private void checkLateralRefOk(NsItem item, int location) {
        if (item.lateralOk()) return;
        String name = item.refname() != null ? item.refname() : "unnamed_join";
        PgException e = err("42P10", "invalid reference to FROM-clause entry for table \"" + name + "\"", location);
        if (item.resultRelation())
            throw e.withHint("There is an entry for table \"" + name + "\", but it cannot be referenced from this part of the query.");
        throw e.withDetail("The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
    }

    /**
     * colNameToVar: the column {@code name} of the nearest query level that has one visible
     * (42702 if two FROM items of that level have it); null if none does.
     */
    Expr lookupColumn(String name, int location, boolean outerLevels) {
        int levelsup = 0;
        for (Analyzer lvl = this; lvl != null; lvl = outerLevels ? lvl.parent : null, levelsup++) {
            Expr found = null;
            NsItem foundIn = null;
            for (NsItem item : lvl.namespace) {
                if (!item.colsVisible()) continue;
                boolean own = false;
                for (int i = 0; i < item.colnames().size(); i++) {
                    if (!item.colnames().get(i).equals(name)) continue;
                    if (found != null)
                        throw err(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + name + "\" is ambiguous", location);
                    found = item.colExprs().get(i);
                    foundIn = item;
                    own = true;
                }
                Expr sys = own ? null : systemColumn(item, name, location);
                if (sys != null) {
                    if (found != null)
                        throw err(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + name + "\" is ambiguous", location);
                    found = sys;
                    foundIn = item;
                }
            }
            if (foundIn != null) checkLateralRefOk(foundIn, location);
            if (found != null) return ExprTrees.incrementLevelsUp(withLocation(found, location), levelsup);
        }
        return null;
    }

    /**
     * A system column of {@code item}, or null; scanNSItemForColumn's rule that a CHECK constraint
     * may read no system column but tableoid (42P10 at the reference).
     */
    private Expr systemColumn(NsItem item, String name, int location) {
        Expr sys = SystemColumns.lookup(item, name, location);
        // scanNSItemForColumn: a MERGE WHEN condition may read no system column but tableoid
        if (sys instanceof Expr.Var && "MERGE WHEN conditions".equals(exprKind) && !name.equals("tableoid"))
            throw err("42P10", "cannot use system column \"" + name + "\" in MERGE WHEN condition", location);
        // scanNSItemForColumn: in a generation expression, no system column but tableoid either
        if (sys != null && GenerationExprAnalysis.EXPR_KIND.equals(exprKind) && !name.equals("tableoid"))
            throw err("42P10", "cannot use system column \"" + name + "\" in column generation expression", location);
        if (sys != null && "check constraints".equals(exprKind) && !name.equals("tableoid"))
            throw err("42P10", "system column \"" + name + "\" reference in check constraint is invalid", location);
        return sys;
    }

    int findSortTarget(RawExpr node, List<Query.TargetEntry> tlist, int visible) {
        return findSortTarget(node, tlist, visible, "ORDER BY");
    }

    /**
     * findTargetlistEntrySQL92 for ORDER BY or DISTINCT ON ({@code clause}): a constant is a
     * position in the select list, and only an integer one is allowed.
     */
    int findSortTarget(RawExpr node, List<Query.TargetEntry> tlist, int visible, String clause) {
        if (node instanceof RawExpr.AConst c && c.kind() == RawExpr.AConst.Kind.INTEGER) {
            int n = (Integer) c.value();
            if (n < 1 || n > visible)
                throw err("42P10", clause + " position " + n + " is not in select list", c.location());
            return n;
        }
        if (node instanceof RawExpr.AConst c)
            throw err(SqlState.SYNTAX_ERROR, "non-integer constant in " + clause, c.location());
        if (node instanceof RawExpr.ColumnRef cr && !cr.star() && cr.fields().size() == 1) {
            String name = cr.fields().get(0);
            int found = -1;
            for (int i = 0; i < visible; i++) {
                Query.TargetEntry te = tlist.get(i);
                if (name.equals(te.name())) {
                    if (found >= 0 && !ExprTrees.equal(tlist.get(found).expr(), te.expr()))
                        throw err(SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"" + name + "\" is ambiguous", cr.location());
                    if (found < 0) found = i;
                }
            }
            if (found >= 0) return found + 1;
        }
        Expr e = transformExpr(node);
        for (Query.TargetEntry te : tlist) if (ExprTrees.equal(te.expr(), e)) return te.resno();
        if (e.type() == UNKNOWN) e = coerce(e, TEXT, -1, Context.IMPLICIT, node.location());
        tlist.add(new Query.TargetEntry(e, tlist.size() + 1, "?column?", true));
        return tlist.size();
    }

    private void checkSortable(int type, int location) {
        if (!sortable(type))
            throw err(SqlState.UNDEFINED_FUNCTION, "could not identify an ordering operator for type "
                    + BuiltinCatalog.formatType(type), location).withHint(
                    "Use an explicit ordering operator or modify the query.");
    }

    /** Whether {@code type} has a default btree ordering (get_sort_group_operators). */
    private static boolean sortable(int type) {
        int base = org.tusk.catalog.TypeCache.baseType(type);   // a domain sorts as its base type
        int t = base == VARCHAR ? TEXT : base;
        if (t == BPCHAR) return true;   // bpchar_ops: bpcharlt and friends, blank-insensitive
        // regclass, regtype, regproc, ...: binary-coercible to oid, so oid_ops orders them by OID
        if (t == 24 || t == 2202 || t == 2203 || t == 2204 || t == 2205 || t == 2206 || t == 4089 || t == 4096
                || t == 4191 || t == 3734 || t == 3769) return true;
        if (AnyEnum.isEnum(t)) return true;   // enum_lt through the anyenum operators
        if (RowAnalysis.isComposite(t)) return true;   // record_lt through the record operators
        if (org.tusk.utils.adt.RangeTypes.isRange(t)) return true;   // range_lt: range_ops serves every range type
        int elem = org.tusk.catalog.ArrayTypes.elementOf(t);
        if (elem != 0) return sortable(elem);   // array_lt: element by element with the element's ordering
        for (PgOperator op : BuiltinCatalog.operators("<"))
            if (op.left() == t && op.right() == t && !GeometricTypes.is(t)) return true;
        return false;
    }

    Expr transformLimit(RawExpr node, String what) {
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
        if (columnRefHook != null) {
            Expr e = columnRefHook.paramRef(p.number(), p.location());
            if (e != null) return e;
        }
        if (paramTypes == null || p.number() < 1 || p.number() > 65535
                || paramNames != null && p.number() > paramTypes.size()) {   // a SQL function has exactly its arguments
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
        if (e.type() != to && (e.type() == RECORD || e instanceof Expr.RowExpr) && TypeCache.lookupComposite(to) != null)
            return RowAnalysis.toComposite(this, e, to, ctx, location);
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
            case RawExpr.DistinctExpr d when d.lexpr() instanceof RawExpr.RowExpr && d.rexpr() instanceof RawExpr.RowExpr ->
                    RowAnalysis.rowDistinct(this, RowAnalysis.rowItems(this, d.lexpr()), RowAnalysis.rowItems(this, d.rexpr()),
                            d.not(), d.location());
            case RawExpr.DistinctExpr d -> {
                Expr.OpExpr eq = (Expr.OpExpr) transformOp("=", d.lexpr(), d.rexpr(), d.location());
                if (eq.type() != BOOL)
                    throw err(SqlState.DATATYPE_MISMATCH, "IS DISTINCT FROM requires = operator to yield boolean", d.location());
                yield new Expr.DistinctExpr(eq.op(), eq.args().get(0), eq.args().get(1), d.not());
            }
            case RawExpr.InList in -> InListAnalysis.transform(this, in);
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
            case RawExpr.CollateClause c -> ParseCollate.transformCollateClause(this, c);
            case RawExpr.FuncCall f -> pinRoutine(f, transformFuncCall(f));
            case RawExpr.CaseExpr c -> transformCase(c);
            case RawExpr.Coalesce c -> {
                List<Expr> args = new ArrayList<>();
                List<Integer> locs = new ArrayList<>();
                for (RawExpr r : c.args()) {
                    args.add(transformExpr(r));
                    locs.add(r.location());
                }
                int t = ParseCoerce.selectCommonType(args, locs, "COALESCE", src);
                yield ParseSrf.checkNotIn(this, new Expr.CoalesceExpr(coerceAll(args, locs, t, "COALESCE"), t), "COALESCE");
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
            case RawExpr.SubLink sl -> transformSubLink(sl);
            case RawExpr.GroupingFunc g -> new GroupingSetAnalysis(this).transformGroupingFunc(g);
            case RawExpr.GroupingSet g -> throw err(SqlState.SYNTAX_ERROR, "syntax error at or near \"(\"", g.location());
            case RawExpr.Unsupported u -> throw err(SqlState.FEATURE_NOT_SUPPORTED, u.what() + " is not supported yet", u.location());
            // the grammar makes it only the whole WHERE of UPDATE/DELETE, which ModifyAnalysis transforms
            case RawExpr.CurrentOf c -> throw err(SqlState.SYNTAX_ERROR, "syntax error at or near \"CURRENT\"", c.location());
            // only a function call's own argument list may hold these; FuncArgs unwraps them there
            case RawExpr.NamedArg n -> throw err(SqlState.FEATURE_NOT_SUPPORTED,
                    "named arguments are not supported for this function", n.location());
            case RawExpr.VariadicArg v -> throw err(SqlState.FEATURE_NOT_SUPPORTED,
                    "VARIADIC is not supported for this function", v.location());
            case RawExpr.ArrayExpr a -> ArrayAnalysis.transformArrayExpr(this, a, 0);
            case RawExpr.Indirection i -> ArrayAnalysis.transformIndirection(this, i);
            case RawExpr.ScalarArrayOp o -> ArrayAnalysis.transformScalarArrayOp(this, o);
            case RawExpr.RowExpr r -> RowAnalysis.transformRow(this, r);
            case RawExpr.FieldSelection f -> RowAnalysis.transformFieldSelection(this, f);
            case RawExpr.MultiAssignRef m -> RowAnalysis.multiAssign(this, m);
            case RawExpr.IndirectAssign i -> throw new IllegalStateException("assignment indirection outside an INSERT/UPDATE target");
        };
    }

    private static boolean hasBinaryOp(String name, int t) {
        for (PgOperator op : BuiltinCatalog.operators(name)) if (op.left() == t && op.right() == t) return true;
        return false;
    }

    private PgOperator findBinaryOp(String name, int t) {
        for (PgOperator op : BuiltinCatalog.operators(name)) if (op.left() == t && op.right() == t) return op;
        throw PgException.error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + BuiltinCatalog.formatType(t)
                + " " + name + " " + BuiltinCatalog.formatType(t));
    }

    List<Expr> coerceAll(List<Expr> args, List<Integer> locs, int type, String context) {
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

    /**
     * transformColumnRef with the language's hook (plpgsql_post_column_ref): a name that is both a
     * column and a variable is ambiguous (variable_conflict = error), one that is only a variable
     * is the variable.
     */
    private Expr transformColumnRef(RawExpr.ColumnRef c) {
        if (columnRefHook == null || c.star()) return transformColumnRefCore(c);
        Expr column = null;
        PgException missing = null;
        try {
            column = transformColumnRefCore(c);
        } catch (PgException e) {
            if (!e.sqlState().equals(SqlState.UNDEFINED_COLUMN) && !e.sqlState().equals("42P01")) throw e;
            missing = e;
        }
        Expr variable = columnRefHook.columnRef(c.fields(), c.location());
        if (variable == null) {
            if (missing != null) throw missing;
            return column;
        }
        if (column != null && !(column instanceof Expr.Param)) {
            throw new PgException(org.tusk.utils.error.Severity.ERROR, SqlState.AMBIGUOUS_COLUMN,
                    "column reference \"" + String.join(".", c.fields()) + "\" is ambiguous",
                    "It could refer to either a PL/pgSQL variable or a table column.", null, pos(c.location()));
        }
        return variable;
    }

    /** transformColumnRef: col, rel.col or schema.rel.col, searched from this query level outwards. */
    private Expr transformColumnRefCore(RawExpr.ColumnRef c) {
        List<String> f = c.fields();
        // transformColumnRef: EXPR_KIND_COLUMN_DEFAULT refuses any column reference before looking it up
        if ("DEFAULT expressions".equals(exprKind))
            throw err(SqlState.FEATURE_NOT_SUPPORTED, "cannot use column reference in DEFAULT expression", c.location());
        if (c.star()) {
            // t.* in an expression is the whole row of t (a row constructor expands it into its columns)
            if (f.isEmpty() || f.size() > 2)
                throw err(SqlState.FEATURE_NOT_SUPPORTED, "row expansion (\"*\") in expressions is not supported yet", c.location());
            return RowAnalysis.wholeRowRef(this, f.get(f.size() - 1), c.location());
        }
        String colname = f.get(f.size() - 1);
        if (f.size() == 1) {
            Expr v = lookupColumn(colname, c.location(), true);
            if (v == null && paramNames != null) {
                // sql_fn_post_column_ref: a name no column has may be one of the function's parameters
                int i = paramNames.indexOf(colname);
                if (i >= 0) return new Expr.Param(i + 1, paramTypes.get(i));
            }
            if (v == null) v = RangeFunctionAnalysis.scalarWholeRow(namespace, colname);
            if (v == null) v = RowAnalysis.wholeRow(this, colname, c.location());
            if (v == null) throw missingColumn(colname, c.location());
            return v;
        }
        if (f.size() > 3)
            throw err(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: "
                    + String.join(".", f), c.location());
        String relname = f.get(f.size() - 2);
        String schema = f.size() == 3 ? f.get(0) : null;
        Expr composite = compositeFieldRef(f, c.location());
        if (composite != null) return composite;
        int levelsup = 0;
        for (Analyzer lvl = this; lvl != null; lvl = lvl.parent, levelsup++) {
            NsItem item = lvl.findRelation(relname, c.location());
            if (item == null) continue;
            if (schema != null && !sameRelation(item.rte(), schema, relname)) continue;
            Expr found = null;
            for (int i = 0; i < item.colnames().size(); i++) {
                if (!item.colnames().get(i).equals(colname)) continue;
                if (found != null)
                    throw err(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + colname + "\" is ambiguous", c.location());
                found = item.colExprs().get(i);
            }
            if (found == null) found = systemColumn(item, colname, c.location());
            if (found != null) return ExprTrees.incrementLevelsUp(withLocation(found, c.location()), levelsup);
            throw missingColumn(relname, colname, c.location());
        }
        throw missingRte(relname, c.location());
    }

    /**
     * transformColumnRef's other readings of a dotted name when no FROM item is called like its
     * next-to-last part: {@code col.field} (a column's field) and {@code rel.col.field}; null if
     * neither applies, so that the reference is taken as {@code [schema.]rel.col}.
     */
    private Expr compositeFieldRef(List<String> f, int location) {
        String first = f.get(0);
        if (f.size() == 2) {
            if (visibleRelation(first, location)) return null;
            Expr col = lookupColumn(first, location, true);
            if (col == null) col = RowAnalysis.wholeRow(this, first, location);
            return col == null ? null : RowAnalysis.selectField(this, col, f.get(1), location);
        }
        if (visibleRelation(f.get(1), location)) return null;
        if (!visibleRelation(first, location)) return null;
        Expr col = transformColumnRef(new RawExpr.ColumnRef(List.of(first, f.get(1)), false, location));
        return RowAnalysis.selectField(this, col, f.get(2), location);
    }

    private boolean visibleRelation(String name, int location) {
        for (Analyzer lvl = this; lvl != null; lvl = lvl.parent) if (lvl.findRelation(name, location) != null) return true;
        return false;
    }

    /** Whether {@code r} is the relation schema.relname (an unaliased table or view of that schema). */
    private boolean sameRelation(Query.RangeTblEntry r, String schema, String relname) {
        if (r == null || r.kind() != Query.RteKind.RELATION || !relname.equals(r.relname()) || !relname.equals(r.refname()))
            return false;
        if (r.schema() != null) return schema.equals(r.schema());
        if (r.isTable()) {
            Relation other = env.catalog().openRelation(schema, relname);
            return other != null && other.oid() == r.table().oid();
        }
        return relations.lookup(schema, relname) == r.relation();
    }

    /** errorMissingColumn for an unqualified name. */
    PgException missingColumn(String colname, int location) {
        return missingColumn(null, colname, location);
    }

    /**
     * errorMissingColumn: 42703 for column {@code colname} of the FROM item {@code relname} (null
     * for an unqualified name), with {@link FuzzyColumnMatch}'s hint when an entry of this or an
     * outer query level has a column of exactly that name which this part of the query cannot
     * see (a FROM item beside a subquery without LATERAL, the target table of UPDATE/DELETE), or
     * columns of nearly that name.
     */
    PgException missingColumn(String relname, String colname, int location) {
        String message = relname == null ? "column \"" + colname + "\" does not exist"
                : "column " + relname + "." + colname + " does not exist";
        PgException e = err(SqlState.UNDEFINED_COLUMN, message, location);
        List<List<Query.RangeTblEntry>> levels = new ArrayList<>();
        for (Analyzer lvl = this; lvl != null; lvl = lvl.parent) levels.add(lvl.rtable);
        String hint = FuzzyColumnMatch.hint(levels, relname, colname);
        return hint == null ? e : e.withHint(hint);
    }

    /**
     * errorMissingRTE: 42P01, "invalid reference to FROM-clause entry" with a hint when the
     * query has an entry of that name (or an aliased one for that table) that cannot be used here.
     */
    PgException missingRte(String relname, int location) {
        Query.RangeTblEntry match = null;
        for (Analyzer lvl = this; lvl != null && match == null; lvl = lvl.parent) {
            for (Query.RangeTblEntry r : lvl.rtable) {
                if (relname.equals(r.refname())) {
                    match = r;
                    break;
                }
                if (match == null && r.kind() == Query.RteKind.RELATION && relname.equals(r.relname())) match = r;
            }
        }
        if (match == null)
            return err(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + relname + "\"", location);
        PgException e = err(SqlState.UNDEFINED_TABLE, "invalid reference to FROM-clause entry for table \"" + relname + "\"",
                location);
        if (!relname.equals(match.refname()))
            return e.withHint("Perhaps you meant to reference the table alias \"" + match.refname() + "\".");
        return e.withHint("There is an entry for table \"" + relname
                + "\", but it cannot be referenced from this part of the query.");
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
        // ARRAY[...]::t[] builds the array as t[] directly (transformArrayExpr with a target type)
        Expr arg = tc.arg() instanceof RawExpr.ArrayExpr ae && org.tusk.catalog.ArrayTypes.isArray(rt.oid())
                ? ArrayAnalysis.transformArrayExpr(this, ae, rt.oid()) : transformExpr(tc.arg());
        int loc = tc.arg() instanceof RawExpr.AConst ? tc.arg().location() : tc.location();
        if (!ParseCoerce.canCoerce(arg.type(), rt.oid(), Context.EXPLICIT))
            throw err("42846", "cannot cast type " + BuiltinCatalog.formatType(arg.type()) + " to "
                    + BuiltinCatalog.formatType(rt.oid()), tc.location());
        return ParseCoerce.markExplicit(coerce(arg, rt.oid(), rt.typmod(), Context.EXPLICIT, loc));
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
        if (testArg != null) ParseSrf.checkNotIn(this, testArg, "CASE");
        return ParseSrf.checkNotIn(this, new Expr.CaseExpr(whens, coerced.get(0), t), "CASE");
    }

    private Expr transformSqlValueFunction(RawExpr.SqlValueFunction s) {
        int loc = s.location();
        if (s.typmod() >= 0) return currentWithPrecision(s);
        // the keyword as get_rule_expr prints the SQLValueFunction
        String shown = s.name().toUpperCase(Locale.ROOT);
        return switch (s.name()) {
            case "current_timestamp" -> callBuiltin("now", shown, loc);
            case "current_date" -> coerce(callBuiltin("now", shown, loc), DATE, -1, Context.EXPLICIT, loc);
            case "localtimestamp" -> coerce(callBuiltin("now", shown, loc), TIMESTAMP, -1, Context.EXPLICIT, loc);
            case "localtime" -> coerce(callBuiltin("now", shown, loc), TIME, -1, Context.EXPLICIT, loc);
            case "current_time" -> coerce(callBuiltin("now", shown, loc), org.tusk.catalog.TypeOids.TIMETZ, -1, Context.EXPLICIT, loc);
            case "current_user", "current_role", "user" -> callBuiltin("current_user", shown, loc);
            case "session_user" -> callBuiltin("session_user", shown, loc);
            case "current_catalog" -> callBuiltin("current_database", shown, loc);
            case "current_schema" -> callBuiltin("current_schema", shown, loc);
            default -> throw err(SqlState.FEATURE_NOT_SUPPORTED, s.name().toUpperCase(Locale.ROOT) + " is not supported yet", loc);
        };
    }

    /**
     * CURRENT_TIMESTAMP(p), LOCALTIMESTAMP(p), LOCALTIME(p) (SQLValueFunction with a typmod,
     * GetSQLCurrentTimestamp, GetSQLCurrentTime etc.): the transaction's start time rounded to p
     * fractional digits.
     */
    private Expr currentWithPrecision(RawExpr.SqlValueFunction s) {
        int loc = s.location();
        int type = switch (s.name()) {
            case "current_timestamp" -> TIMESTAMPTZ;
            case "localtimestamp" -> TIMESTAMP;
            case "localtime" -> TIME;
            case "current_time" -> org.tusk.catalog.TypeOids.TIMETZ;
            default -> throw err(SqlState.FEATURE_NOT_SUPPORTED, s.name().toUpperCase(Locale.ROOT) + " takes no precision", loc);
        };
        // anytimestamp_typmod_check: above 6 is reduced to 6 (PostgreSQL's WARNING about it is not sent: the analyser has no channel for warnings)
        int p = Math.min(s.typmod(), 6);
        // get_rule_expr prints the precision transformSQLValueFunction keeps (after the check)
        return coerce(callBuiltin("now", s.name().toUpperCase(Locale.ROOT) + "(" + p + ")", loc), type, p,
                Context.EXPLICIT, loc);
    }

    /** A call of built-in function {@code name} standing for the SQLValueFunction written {@code shown}. */
    private Expr callBuiltin(String name, String shown, int loc) {
        PgProc p = BuiltinCatalog.functions(name).get(0);
        return new Expr.FuncExpr(p, List.of(), p.resultType(), loc, shown);
    }

    // ---- operators

    Expr transformOp(String name, RawExpr lraw, RawExpr rraw, int location) {
        if (lraw instanceof RawExpr.RowExpr && rraw instanceof RawExpr.RowExpr) {
            List<Expr> li = RowAnalysis.rowItems(this, lraw), ri = RowAnalysis.rowItems(this, rraw);
            return RowAnalysis.rowComparison(this, name, li, ri, RowAnalysis.locations(lraw, li.size()),
                    RowAnalysis.locations(rraw, ri.size()), location);
        }
        Expr l = lraw == null ? null : transformExpr(lraw);
        Expr r = transformExpr(rraw);
        return makeOp(name, l, r, lraw == null ? -1 : lraw.location(), rraw.location(), location);
    }

    Expr makeOp(String name, Expr l, Expr r, int lloc, int rloc, int location) {
        // text || anynonarray and anynonarray || text: convert the non-string side through its output function
        if (name.equals("||") && l != null) {
            boolean ls = ParseCoerce.isStringCategory(l.type()) || l.type() == UNKNOWN;
            boolean rs = ParseCoerce.isStringCategory(r.type()) || r.type() == UNKNOWN;
            // textanycat/anytextcat are SQL functions doing $n::text, i.e. an explicit cast
            // (anynonarray: an array on either side is array concatenation instead)
            boolean arrays = org.tusk.catalog.ArrayTypes.isArray(l.type()) || org.tusk.catalog.ArrayTypes.isArray(r.type())
                    // an unknown literal beside a type with its own || (jsonb) takes that type
                    || (r.type() == UNKNOWN && !ls && hasBinaryOp("||", l.type()))
                    || (l.type() == UNKNOWN && !rs && hasBinaryOp("||", r.type()));
            if (arrays) {
                // array || element and element || array
            } else if (ls && !rs && r.type() != UNKNOWN && ParseCoerce.canCoerce(r.type(), TEXT, Context.EXPLICIT))
                r = coerce(r, TEXT, -1, Context.EXPLICIT, rloc);
            else if (rs && !ls && ParseCoerce.canCoerce(l.type(), TEXT, Context.EXPLICIT))
                l = coerce(l, TEXT, -1, Context.EXPLICIT, lloc);
        }
        int lt = l == null ? 0 : l.type();
        int rt = r.type();
        List<PgOperator> all = BuiltinCatalog.operators(name);
        PgOperator chosen = null;
        // an operator taking exactly the argument types (the common case) needs no candidate list
        for (PgOperator op : all) if ((op.left() == 0) == (l == null) && op.left() == lt && op.right() == rt) chosen = op;
        List<PgOperator> cands = new ArrayList<>();
        if (chosen == null) for (PgOperator op : all) if ((op.left() == 0) == (l == null)) cands.add(op);
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
        chosen = ParsePolymorphic.bind(this, chosen, lt, rt, location);
        int leftType = chosen.left(), rightType = chosen.right(), result = chosen.result();
        if (leftType == AnyEnum.ANYENUM || rightType == AnyEnum.ANYENUM) {
            // enforce_generic_type_consistency: both sides the same enum type
            int et = AnyEnum.resolve(l == null ? List.of(rightType) : List.of(leftType, rightType),
                    l == null ? List.of(rt) : List.of(lt, rt));
            if (et == 0) {
                String sig = l == null ? name + " " + BuiltinCatalog.formatType(rt)
                        : BuiltinCatalog.formatType(lt) + " " + name + " " + BuiltinCatalog.formatType(rt);
                throw err(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + sig, location)
                        .withHint("No operator matches the given name and argument types. You might need to add explicit type casts.");
            }
            if (leftType == AnyEnum.ANYENUM) leftType = et;
            if (rightType == AnyEnum.ANYENUM) rightType = et;
            result = AnyEnum.resultType(result, et);
        }
        List<Expr> args = new ArrayList<>();
        if (l != null) args.add(coerce(l, leftType, -1, Context.IMPLICIT, lloc));
        args.add(coerce(r, rightType, -1, Context.IMPLICIT, rloc));
        return new Expr.OpExpr(chosen, args, result, location);
    }

    // ---- functions and aggregates

    /**
     * Whether a call without OVER would resolve to a user's window function (ParseFuncOrColumn's
     * FUNCDETAIL_WINDOW without over): one fits the call's shape and no plain function does.
     */
    private boolean userWindowCall(RawExpr.FuncCall f, String userSchema, String name) {
        if (userSchema != null || !UserFunctions.anyWindowFunction(this, name)) return false;
        FuncArgs call = FuncArgs.of(this, f);
        return !UserFunctions.windowCandidates(this, name, call.args().size(), call.names()).isEmpty()
                && UserFunctions.candidates(this, null, name, call.args().size(), call.names(), !call.variadic()).isEmpty()
                && BuiltinCatalog.functions(name).isEmpty();
    }

    /**
     * A call written without a schema that resolved to a user-defined function: the stored text
     * being pinned gets the function's schema there ({@link org.tusk.catalog.StoredNamePins}).
     */
    private Expr pinRoutine(RawExpr.FuncCall f, Expr call) {
        if (f.name().size() != 1 || !org.tusk.catalog.StoredNamePins.collecting(src)
                || !ParseCoerce.plainNameAt(src, f.location(), false)) return call;
        if (call instanceof Expr.FuncExpr fe && fe.location() == f.location())
            org.tusk.catalog.StoredNamePins.note(src, f.location(),
                    org.tusk.catalog.StoredNamePins.routineNamespace(fe.proc().oid()));
        PgAggregate agg = call instanceof Expr.Aggref ar && ar.location() == f.location() ? ar.agg()
                : call instanceof Expr.WindowFunc wf && wf.location() == f.location() ? wf.agg() : null;
        if (agg != null && agg.oid() != 0)
            org.tusk.catalog.StoredNamePins.note(src, f.location(), org.tusk.catalog.StoredNamePins.routineNamespace(agg.oid()));
        return call;
    }

    private Expr transformFuncCall(RawExpr.FuncCall f) {
        if (f == procCall) return CallAnalysis.resolveProcedure(this, f);
        List<String> qn = f.name();
        if (qn.size() > 2)
            throw err(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: "
                    + String.join(".", qn), f.location());
        String name = qn.get(qn.size() - 1);
        // schema-qualified outside pg_catalog: only user-defined functions of that schema
        String userSchema = qn.size() == 2 ? qn.get(0) : null;
        boolean builtinsVisible = userSchema == null || userSchema.equals("pg_catalog");
        if (builtinsVisible) f = BuiltinNamedArgs.expand(f, name);

        List<PgAggregate> aggCands = new ArrayList<>(builtinsVisible ? BuiltinCatalog.aggregates(name) : List.of());
        if (userSchema == null || !userSchema.equals("pg_catalog")) aggCands.addAll(UserAggregates.candidates(this, userSchema, name));
        if (f.withinGroup() || OrderedSetAnalysis.anyOrderedSet(aggCands)) {
            Expr call = new OrderedSetAnalysis(this).transform(f, name, aggCands);
            if (call != null) return call;
            aggCands.removeIf(OrderedSetAnalysis::isOrderedSet);
        }
        if (f.over() != null) return new WindowAnalysis(this).transformWindowFuncCall(f, name);
        if (!aggCands.isEmpty()) return transformAggregate(f, name, aggCands);
        if (!BuiltinCatalog.windowFunctions(name).isEmpty() || userWindowCall(f, userSchema, name))
            throw err("42809", "window function " + name + " requires an OVER clause", f.location());
        // ParseFuncOrColumn complains of aggregate decorations only on a function it found; a call
        // finding none (by name and argument count) is "function ... does not exist"
        boolean decorated = f.star() || f.distinct() || f.filter() != null || !f.aggOrder().isEmpty();
        if (decorated && (builtinsVisible ? BuiltinCatalog.functions(name) : List.<PgProc>of()).isEmpty()
                && UserFunctions.candidates(this, userSchema == null || userSchema.equals("pg_catalog") ? null : userSchema,
                        name, f.args().size()).isEmpty()) {
            List<Integer> argTypes = new ArrayList<>();
            for (RawExpr r : f.args()) argTypes.add(transformExpr(r).type());
            throw err(SqlState.UNDEFINED_FUNCTION, "function " + (userSchema != null ? userSchema + "." : "") + name
                    + "(" + ParseFunc.signature(argTypes) + ")" + " does not exist", f.location())
                    .withHint(f.aggOrder().size() <= 1
                            ? "No function matches the given name and argument types. You might need to add explicit type casts."
                            : "No aggregate function matches the given name and argument types. Perhaps you misplaced ORDER BY; "
                                    + "ORDER BY must appear after all regular arguments of the aggregate.");
        }
        if (f.star())
            throw err("42809", name + "(*) specified, but " + name + " is not an aggregate function", f.location());
        if (f.distinct())
            throw err("42809", "DISTINCT specified, but " + name + " is not an aggregate function", f.location());
        if (f.filter() != null)
            throw err("42809", "FILTER specified, but " + name + " is not an aggregate function", f.location());
        if (!f.aggOrder().isEmpty())
            throw err("42809", "ORDER BY specified, but " + name + " is not an aggregate function", f.location());

        FuncArgs call = FuncArgs.of(this, f);
        List<Expr> args = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (RawExpr r : call.args()) {
            Expr e = transformExpr(r);
            args.add(e);
            types.add(e.type());
        }
        List<PgProc> cands = new ArrayList<>();
        // built-in functions have no parameter names here, so a call in named notation is for user functions
        for (PgProc p : BuiltinVariadic.candidates(builtinsVisible && call.names().isEmpty() ? BuiltinCatalog.functions(name)
                : List.<PgProc>of(), args.size(), call.variadic()))
            if ((p.variadicAny() && !args.isEmpty()) || (!p.variadicAny() && p.argTypes().size() == args.size()
                    && (!call.variadic() || BuiltinVariadic.acceptsVariadicCall(p))))
                cands.add(p);
        if (call.variadic() && cands.size() == 1 && cands.get(0).variadicAny())
            return VariadicCalls.variadicAny(this, cands.get(0), args, call.args(), f.location(),
                    call.signature((userSchema != null ? userSchema + "." : "") + name, types));
        PgProc chosen = null;
        if (!call.variadic() && cands.size() == 1 && cands.get(0).variadicAny() && !args.isEmpty()) {
            chosen = cands.get(0);
            List<Expr> conv = new ArrayList<>();
            if (chosen.impl() instanceof org.tusk.catalog.PolymorphicFunction pf) {
                // VARIADIC "any" that needs the actual types (json_build_object, ...): bind to them
                List<Integer> actual = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    Expr a = args.get(i);
                    if (a.type() == UNKNOWN) a = coerce(a, TEXT, -1, Context.IMPLICIT, f.args().get(i).location());
                    conv.add(a);
                    actual.add(a.type());
                }
                PgProc bound = new PgProc(chosen.oid(), chosen.name(), List.copyOf(actual), chosen.resultType(), chosen.strict(),
                        chosen.volatility(), false, pf.bind(actual, chosen.resultType()));
                return new Expr.FuncExpr(bound, conv, bound.resultType(), f.location());
            }
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
        int castTo = ParseFunc.coercionTarget(name, args, sigs);
        if (castTo != 0) return coerce(args.get(0), castTo, -1, Context.EXPLICIT, f.location());
        // user-defined functions (pg_proc) compete with the built-ins, which pg_catalog puts first
        List<UserFunctions.Candidate> user = UserFunctions.candidates(this,
                userSchema == null || userSchema.equals("pg_catalog") ? null : userSchema, name, args.size(), call.names(),
                !call.variadic());
        if (userSchema != null && userSchema.equals("pg_catalog")) user = List.of();
        int builtinCount = cands.size();
        for (UserFunctions.Candidate u : user) {
            cands.add(u.proc());
            sigs.add(u.signature());
        }
        int idx = cands.isEmpty() ? ParseFunc.NONE : ParseFunc.select(sigs, types);
        String sig = call.signature((userSchema != null ? userSchema + "." : "") + name, types);
        if (idx >= builtinCount) {
            UserFunctions.Candidate u = PolymorphicSqlCalls.bind(this, user.get(idx - builtinCount), types, f.location());
            List<Expr> conv = new ArrayList<>();
            for (int i = 0; i < args.size(); i++)
                conv.add(coerce(args.get(i), u.signature().get(i), -1, Context.IMPLICIT, call.args().get(i).location()));
            if (call.variadic()) VariadicCalls.checkArray(this, args.get(args.size() - 1), call.args().get(args.size() - 1));
            return new Expr.FuncExpr(u.proc(), UserFunctions.finalArgs(this, u, conv, f.location()),
                    u.fn().resultType(), f.location());
        }
        if (idx == ParseFunc.AMBIGUOUS)
            throw ParseFunc.notUnique(this, sig, f.location());
        if (idx == ParseFunc.NONE) {
            CallAnalysis.refuseProcedure(this, userSchema, name, call, types, sig, f.location());
            throw ParseFunc.doesNotExist(this, sig, f.location());
        }
        chosen = ParsePolymorphic.bind(this, cands.get(idx), types, f.location());
        List<Integer> argTypes = chosen.argTypes();
        // anyenum is bound here from the declared signature (ParsePolymorphic may have resolved
        // it already when the function also has another polymorphic type, as enum_range has)
        List<Integer> declaredArgs = cands.get(idx).argTypes();
        if (AnyEnum.isPolymorphic(declaredArgs)) {
            int et = AnyEnum.resolve(declaredArgs, types);
            if (et == 0)
                throw ParseFunc.doesNotExist(this, sig, f.location());
            chosen = BuiltinCatalog.bindAnyEnum(chosen, et, AnyEnum.resultType(chosen.resultType(), et));
            List<Integer> bound = new ArrayList<>(argTypes);
            for (int i = 0; i < bound.size(); i++) if (declaredArgs.get(i) == AnyEnum.ANYENUM) bound.set(i, et);
            argTypes = bound;
        }
        List<Expr> conv = new ArrayList<>();
        for (int i = 0; i < args.size(); i++)
            conv.add(coerce(args.get(i), argTypes.get(i), -1, Context.IMPLICIT, f.args().get(i).location()));
        if (chosen.impl() instanceof org.tusk.catalog.InputCollationFunction icf) {
            // the FuncExpr's inputcollid, which the function reads as PG_GET_COLLATION
            List<Integer> actual = conv.stream().map(Expr::type).toList();
            chosen = new PgProc(chosen.oid(), chosen.name(), chosen.argTypes(), chosen.resultType(), chosen.strict(),
                    chosen.volatility(), false, icf.bind(actual, ParseCollate.inputCollation(this, conv)));
        }
        return ParseSrf.checkPlacement(this, new Expr.FuncExpr(chosen, conv, chosen.resultType(), f.location()));
    }

    /**
     * transformSubLink: analyses the subquery one level down and, for ANY/ALL, builds the
     * comparison of the left-hand side with the subquery's output column (a SubLinkParam).
     */
    /** The MULTIEXPR SubLinks of this level's SET lists, by their raw source (p_multiassign_exprs). */
    private final java.util.Map<RawExpr, Expr.SubLink> multiAssignLinks = new java.util.IdentityHashMap<>();

    /** The MULTIEXPR SubLink already made for the multiple-column assignment with this source, or null. */
    Expr.SubLink multiAssignSubLink(RawExpr source) {
        return multiAssignLinks.get(source);
    }

    /**
     * transformMultiAssignRef's first column: the sub-SELECT relabelled MULTIEXPR and analysed
     * one level down, numbered by its position among this level's multiple-column assignments.
     */
    Expr.SubLink transformMultiExprSubLink(RawExpr.SubLink sl) {
        SubLinkPlacement.check(this, sl.location());
        Query q = subquery().transformSelect(sl.subselect());
        Expr.SubLink s = new Expr.SubLink(Expr.SubLinkType.MULTIEXPR, null, q, RECORD, -1, sl.location(),
                multiAssignLinks.size() + 1);
        multiAssignLinks.put(sl, s);
        return s;
    }

    private Expr transformSubLink(RawExpr.SubLink sl) {
        SubLinkPlacement.check(this, sl.location());
        Analyzer sub = subquery();
        Query q = sub.transformSelect(sl.subselect());
        List<Query.TargetEntry> cols = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) if (!te.resjunk()) cols.add(te);
        switch (sl.kind()) {
            case EXISTS -> {
                return new Expr.SubLink(Expr.SubLinkType.EXISTS, null, q, BOOL, -1, sl.location());
            }
            case EXPR -> {
                if (cols.size() != 1) throw err(SqlState.SYNTAX_ERROR, "subquery must return only one column", sl.location());
                Expr c = cols.get(0).expr();
                return new Expr.SubLink(Expr.SubLinkType.EXPR, null, q, c.type(), c.typmod(), sl.location());
            }
            case ANY, ALL -> {
                if (sl.testexpr() instanceof RawExpr.RowExpr row) {
                    // (a, b) IN (SELECT x, y ...): the row comparison of the left row with the subquery's row
                    List<Expr> li = RowAnalysis.rowItems(this, row);
                    if (li.size() != cols.size()) throw err(SqlState.SYNTAX_ERROR, li.size() < cols.size()
                            ? "subquery has too many columns" : "subquery has too few columns", sl.location());
                    List<Expr> ri = new ArrayList<>();
                    for (int i = 0; i < cols.size(); i++) {
                        Expr c = cols.get(i).expr();
                        ri.add(new Expr.SubLinkParam(i + 1, c.type(), c.typmod()));
                    }
                    Expr test = RowAnalysis.rowComparison(this, sl.operName(), li, ri, RowAnalysis.locations(row, li.size()),
                            java.util.Collections.nCopies(ri.size(), sl.location()), sl.location());
                    return new Expr.SubLink(sl.kind() == RawExpr.SubLink.Kind.ANY ? Expr.SubLinkType.ANY : Expr.SubLinkType.ALL,
                            test, q, BOOL, -1, sl.location());
                }
                if (cols.size() > 1) throw err(SqlState.SYNTAX_ERROR, "subquery has too many columns", sl.location());
                if (cols.isEmpty()) throw err(SqlState.SYNTAX_ERROR, "subquery has too few columns", sl.location());
                Expr lhs = transformExpr(sl.testexpr());
                Expr c = cols.get(0).expr();
                Expr test = makeOp(sl.operName(), lhs, new Expr.SubLinkParam(1, c.type(), c.typmod()),
                        sl.testexpr().location(), sl.location(), sl.location());
                if (test.type() != BOOL)
                    throw err(SqlState.DATATYPE_MISMATCH, "operator " + sl.operName() + " must return type boolean, not type "
                            + BuiltinCatalog.formatType(test.type()), sl.location());
                return new Expr.SubLink(sl.kind() == RawExpr.SubLink.Kind.ANY ? Expr.SubLinkType.ANY : Expr.SubLinkType.ALL,
                        test, q, BOOL, -1, sl.location());
            }
            default -> {
                return ArrayAnalysis.arraySubLink(this, q, cols, sl.location());
            }
        }
    }

    /** exprLocation for a raw expression: a cast {@code x::t} is located at its argument. */
    private static int leftmostLocation(RawExpr e) {
        if (e instanceof RawExpr.TypeCast tc) return leftmost(tc.location(), leftmostLocation(tc.arg()));
        // exprLocation of an OpExpr: its operator's or its first argument's, whichever is leftmost
        if (e instanceof RawExpr.AExpr op && op.lexpr() != null) return leftmost(op.location(), leftmostLocation(op.lexpr()));
        return e.location();
    }

    /** leftmostLoc: the smaller of two locations, an unknown one (-1) not counting. */
    private static int leftmost(int a, int b) {
        return b >= 0 && (a < 0 || b < a) ? b : a;
    }

    private static Expr stripRelabel(Expr e) {
        return e instanceof Expr.RelabelType r ? r.arg() : e;
    }

    /**
     * transformAggregateCall: the call analysed here, then given to the query level it belongs
     * to, which checks the clause allows it ({@link AggLevels}).
     */
    private Expr transformAggregate(RawExpr.FuncCall f, String name, List<PgAggregate> cands) {
        if (firstAggLocation < 0) firstAggLocation = f.location();
        Expr filter = null;
        if (f.filter() != null) {
            String kind = exprKind;
            exprKind = "FILTER";
            try {
                filter = coerceToBoolean(transformExpr(f.filter()), "FILTER", f.filter().location());
            } finally {
                exprKind = kind;
            }
        }
        if (f.star()) {
            for (PgAggregate a : cands) {
                if (a.argType() == 0) {
                    return AggLevels.place(this, new Expr.Aggref(a, List.of(), true, -1, a.resultType(), false, filter,
                            List.of()), f.location());
                }
            }
            throw err(SqlState.UNDEFINED_FUNCTION, "function " + name + "(*) does not exist", f.location());
        }
        // VARIADIC written before the last argument: that argument is the variadic array itself
        List<RawExpr> raws = new ArrayList<>(f.args());
        boolean variadicCall = !raws.isEmpty() && raws.get(raws.size() - 1) instanceof RawExpr.VariadicArg;
        if (variadicCall) raws.set(raws.size() - 1, ((RawExpr.VariadicArg) raws.get(raws.size() - 1)).arg());
        inAgg = true;
        List<Expr> args = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        try {
            for (RawExpr r : raws) {
                Expr e = transformExpr(r);
                args.add(e);
                types.add(e.type());
            }
        } finally {
            inAgg = false;
        }
        ParseSrf.checkCallArgs(this, args, "aggregate function calls");
        ParseFunc.checkParameterlessAggregate(this, name, cands, args.size(), f.location());
        List<PgAggregate> usable = new ArrayList<>();
        List<List<Integer>> sigs = new ArrayList<>();
        // an expanded VARIADIC candidate -> its declaration
        java.util.Map<PgAggregate, PgAggregate> expandedFrom = new java.util.IdentityHashMap<>();
        for (PgAggregate a : cands) {
            if (a.argType() == 0) continue;
            if (!variadicCall && VariadicAggregates.packsArguments(a)) {
                PgAggregate x = VariadicAggregates.expand(a, args.size());
                if (x == null) continue;
                expandedFrom.put(x, a);
                a = x;
            } else if (a.argTypes().size() != args.size()) continue;
            usable.add(a);
            sigs.add(a.argTypes());
        }
        int idx = usable.isEmpty() ? ParseFunc.NONE : ParseFunc.select(sigs, types);
        String sig = name + "(" + ParseFunc.signature(types) + ")";
        if (idx == ParseFunc.AMBIGUOUS)
            throw ParseFunc.notUnique(this, sig, f.location());
        if (idx == ParseFunc.NONE)
            throw ParseFunc.doesNotExist(this, sig, f.location());
        PgAggregate picked = usable.get(idx);
        if (expandedFrom.containsKey(picked)) {
            VariadicAggregates.Packed p = VariadicAggregates.pack(this, expandedFrom.get(picked), picked, args, types, raws,
                    f.location());
            picked = expandedFrom.get(picked);
            args = p.args();
            types = p.types();
            raws = raws.subList(0, args.size());
        } else if (variadicCall) {
            VariadicCalls.checkArray(this, args.get(args.size() - 1), raws.get(raws.size() - 1));
        }
        PgAggregate a = ParsePolymorphic.bind(this, picked, types, f.location());
        int aggType = a.resultType();
        List<Integer> aggArgTypes = a.argTypes();
        if (AnyEnum.isPolymorphic(aggArgTypes)) {
            int et = AnyEnum.resolve(aggArgTypes, types);
            if (et == 0)
                throw ParseFunc.doesNotExist(this, sig, f.location());
            aggType = AnyEnum.resultType(aggType, et);
            aggArgTypes = aggArgTypes.stream().map(t -> t == AnyEnum.ANYENUM ? et : t).toList();
        }
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            int want = aggArgTypes.get(i);
            Expr arg = args.get(i);
            if (want != ANY) arg = coerce(arg, want, -1, Context.IMPLICIT, raws.get(i).location());
            else if (arg.type() == UNKNOWN) arg = coerce(arg, TEXT, -1, Context.IMPLICIT, raws.get(i).location());
            coerced.add(arg);
        }
        if (f.distinct()) checkSortable(coerced.get(0).type(), raws.get(0).location());
        List<Expr.AggSort> order = new ArrayList<>();
        inAgg = true;
        try {
            for (Stmt.SortBy sb : f.aggOrder()) {
                Expr e = transformExpr(sb.node());
                if (e.type() == UNKNOWN) e = coerce(e, TEXT, -1, Context.IMPLICIT, sb.node().location());
                checkSortable(e.type(), sb.location());
                if (f.distinct()) {
                    // findTargetlistEntrySQL99: an argument matches with its implicit coercion
                    // stripped (an explicit cast written in the call stays part of it)
                    boolean inArgs = false;
                    for (int i = 0; i < coerced.size(); i++) {
                        Expr arg = coerced.get(i);
                        boolean explicitCast = i < raws.size() && raws.get(i) instanceof RawExpr.TypeCast;
                        inArgs |= ExprTrees.equal(explicitCast ? arg : stripRelabel(arg), e);
                    }
                    if (!inArgs)
                        throw err("42P10", "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list",
                                leftmostLocation(sb.node()));
                }
                SortUsing.Direction dir = SortUsing.direction(this, sb, e.type());
                order.add(new Expr.AggSort(e, dir.desc(), SortUsing.nullsFirst(sb, dir.desc()), dir.printedOp()));
            }
        } finally {
            inAgg = false;
        }
        return AggLevels.place(this, new Expr.Aggref(a, List.copyOf(coerced), false, -1, aggType, f.distinct(), filter,
                List.copyOf(order)), f.location());
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
            case RawExpr.CollateClause c -> { return figure(c.arg(), name); }
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
            case RawExpr.RowExpr r -> {
                name[0] = "row";
                return 2;
            }
            case RawExpr.FieldSelection f -> {
                if (f.field() == null) return figure(f.arg(), name);
                name[0] = f.field();
                return 2;
            }
            case RawExpr.MultiAssignRef m -> { return 0; }
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
            case RawExpr.GroupingFunc g -> {
                name[0] = "grouping";
                return 2;
            }
            case RawExpr.Indirection i -> {
                return figure(i.arg(), name);
            }
            case RawExpr.ArrayExpr a -> {
                name[0] = "array";
                return 2;
            }
            case RawExpr.SubLink s -> {
                switch (s.kind()) {
                    case EXISTS -> {
                        name[0] = "exists";
                        return 2;
                    }
                    case ARRAY -> {
                        name[0] = "array";
                        return 2;
                    }
                    case EXPR -> {
                        // the subquery's single output column's name, as the leftmost leaf would give it
                        Stmt.SelectStmt sel = s.subselect();
                        while (sel.op() != Stmt.SetOperation.NONE) sel = sel.larg();
                        // a VALUES list's columns are named column1, column2, ... (transformValuesClause)
                        if (sel.valuesLists() != null && !sel.valuesLists().isEmpty()) {
                            name[0] = "column1";
                            return 2;
                        }
                        if (sel.targetList().isEmpty()) return 0;
                        Stmt.ResTarget rt = sel.targetList().get(0);
                        if (rt.name() != null) {
                            name[0] = rt.name();
                            return 2;
                        }
                        return figure(rt.val(), name);
                    }
                    default -> {
                        return 0;
                    }
                }
            }
            default -> {
                return 0;
            }
        }
    }
}
