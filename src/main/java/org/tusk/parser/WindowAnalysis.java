package org.tusk.parser;

import static org.tusk.catalog.TypeOids.*;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.PgAggregate;
import org.tusk.catalog.PgWindowFunc;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.WindowFrame;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.error.SqlState;

/**
 * Parse analysis of window functions and windows: parse_agg.c's transformWindowFuncCall and
 * parse_clause.c's transformWindowDefinitions / transformFrameOffset, with their checks and
 * messages. The windows of a query level are its {@link Analyzer#windowDefs}: the WINDOW
 * clause's entries first, then each inline OVER (...) that does not repeat an earlier one; a
 * window function's {@code winref} is its 1-based position there.
 */
final class WindowAnalysis {
    static final String WINDOWING_ERROR = "42P20";

    private final Analyzer a;

    WindowAnalysis(Analyzer a) {
        this.a = a;
    }

    /** The expression kinds window functions may appear in (everything else is refused). */
    private static boolean windowFuncsAllowed(String kind) {
        return kind.equals("SELECT") || kind.equals("ORDER BY") || kind.equals("DISTINCT ON");
    }

    /** ParseExprKindName for the kinds of a window definition, which share one message. */
    private static String kindForMessage(String kind) {
        return kind.startsWith("window ") ? "window definitions" : kind;
    }

    /** transformWindowFuncCall (with ParseFuncOrColumn's window-specific checks). */
    Expr transformWindowFuncCall(RawExpr.FuncCall f, String name) {
        if (!windowFuncsAllowed(a.exprKind()))
            throw a.err(WINDOWING_ERROR, "window functions are not allowed in " + kindForMessage(a.exprKind()),
                    f.location());
        if (a.inWindowFunc) throw a.err(SqlState.GROUPING_ERROR, "window function calls cannot be nested", f.location());
        if (a.inAgg)
            throw a.err(SqlState.GROUPING_ERROR, "aggregate function calls cannot contain window function calls",
                    f.location());
        // a schema-qualified call looks only in that schema (pg_catalog: the built-ins), as func_get_detail does
        String userSchema = f.name().size() == 2 ? f.name().get(0) : null;
        boolean builtinsVisible = userSchema == null || userSchema.equals("pg_catalog");
        List<PgWindowFunc> wfs = builtinsVisible ? BuiltinCatalog.windowFunctions(name) : List.of();
        List<PgAggregate> aggs = new ArrayList<>(userSchema == null ? UserAggregates.withUser(a, name, BuiltinCatalog.aggregates(name))
                : builtinsVisible ? BuiltinCatalog.aggregates(name) : UserAggregates.candidates(a, userSchema, name));
        aggs.removeIf(OrderedSetAnalysis::isOrderedSet);   // rank(VARIADIC "any") WITHIN GROUP is no window function
        // a user's window function (CREATE FUNCTION ... WINDOW) where no built-in one has the name
        boolean user = wfs.isEmpty() && aggs.isEmpty() && UserFunctions.anyWindowFunction(a, name);
        if (wfs.isEmpty() && aggs.isEmpty() && !user && !BuiltinCatalog.functions(name).isEmpty())
            throw a.err("42809", "OVER specified, but " + name + " is not a window function nor an aggregate function",
                    f.location());
        if (f.distinct())
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "DISTINCT is not implemented for window functions", f.location());
        if (!f.aggOrder().isEmpty())
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "aggregate ORDER BY is not implemented for window functions",
                    f.location());
        if (f.filter() != null && aggs.isEmpty() && (!wfs.isEmpty() || user))
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "FILTER is not implemented for non-aggregate window functions",
                    f.location());
        if (f.star() && aggs.isEmpty() && (!wfs.isEmpty() || user))
            throw a.err("42809", name + "(*) specified, but " + name + " is not an aggregate function", f.location());

        if (user) return resolveUserWindowFunction(f, name);
        List<Expr> args = transformArgs(f.args());
        List<Integer> types = new ArrayList<>();
        for (Expr e : args) types.add(e.type());
        Expr filter = null;
        if (f.filter() != null) {
            String kind = a.exprKind();
            a.setExprKind("FILTER");
            try {
                filter = a.coerceToBoolean(a.transformExpr(f.filter()), "FILTER", f.filter().location());
            } finally {
                a.setExprKind(kind);
            }
        }
        int winref = findWindow(f.over());
        a.hasWindowFuncs = true;
        if (!wfs.isEmpty()) return resolveWindowFunction(f, name, wfs, args, types, winref);
        return resolveAggregate(f, name, aggs, args, types, filter, winref);
    }

    /** A built-in window function, with its polymorphic arguments resolved (enforce_generic_type_consistency). */
    private Expr resolveWindowFunction(RawExpr.FuncCall f, String name, List<PgWindowFunc> cands, List<Expr> args,
                                       List<Integer> types, int winref) {
        String sig = name + "(" + ParseFunc.signature(types) + ")";
        for (PgWindowFunc fn : cands) {
            if (fn.argTypes().size() != args.size()) continue;
            List<Expr> poly = new ArrayList<>();
            List<Integer> polyLocs = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < args.size(); i++) {
                int want = fn.argTypes().get(i);
                if (want == PgWindowFunc.ANYELEMENT || want == PgWindowFunc.ANYCOMPATIBLE) {
                    poly.add(args.get(i));
                    polyLocs.add(f.args().get(i).location());
                } else if (!ParseCoerce.canCoerce(args.get(i).type(), want, Context.IMPLICIT)) {
                    ok = false;
                }
            }
            if (!ok) continue;
            int polyType = -1;
            if (!poly.isEmpty()) {
                if (fn.argTypes().contains(PgWindowFunc.ANYCOMPATIBLE)) {
                    polyType = ParseCoerce.selectCommonType(poly, polyLocs, name, a.src());
                } else {
                    polyType = UNKNOWN;
                    for (Expr p : poly) {
                        if (p.type() == UNKNOWN) continue;
                        if (polyType != UNKNOWN && polyType != p.type()) {
                            ok = false;
                            break;
                        }
                        polyType = p.type();
                    }
                    if (polyType == UNKNOWN) polyType = TEXT;
                }
            }
            if (!ok) continue;
            List<Expr> coerced = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                int want = fn.argTypes().get(i);
                if (want == PgWindowFunc.ANYELEMENT || want == PgWindowFunc.ANYCOMPATIBLE) want = polyType;
                coerced.add(a.coerce(args.get(i), want, -1, Context.IMPLICIT, f.args().get(i).location()));
            }
            int result = fn.resultType() == PgWindowFunc.ANYELEMENT || fn.resultType() == PgWindowFunc.ANYCOMPATIBLE
                    ? polyType : fn.resultType();
            return new Expr.WindowFunc(name, fn, null, List.copyOf(coerced), false, null, winref, result, f.location());
        }
        throw ParseFunc.doesNotExist(a, sig, f.location());
    }

    /** A window function call's arguments, analysed inside it (no nested window functions), and checked as call arguments. */
    private List<Expr> transformArgs(List<RawExpr> raw) {
        List<Expr> args = new ArrayList<>();
        a.inWindowFunc = true;
        try {
            for (RawExpr r : raw) args.add(a.transformExpr(r));
        } finally {
            a.inWindowFunc = false;
        }
        ParseSrf.checkCallArgs(a, args, "window function calls");
        return args;
    }

    /**
     * A user's window function (prokind 'w'), chosen as a function call is (func_get_detail with
     * named arguments and defaults, expand_function_arguments): the call's arguments in declared
     * order with the omitted defaults appended, run by the built-in implementation its prosrc names.
     */
    private Expr resolveUserWindowFunction(RawExpr.FuncCall f, String name) {
        FuncArgs call = FuncArgs.of(a, f);
        List<Expr> args = transformArgs(call.args());
        List<Integer> types = new ArrayList<>();
        for (Expr e : args) types.add(e.type());
        List<UserFunctions.Candidate> cands = call.variadic() ? List.of()
                : UserFunctions.windowCandidates(a, name, args.size(), call.names());
        List<List<Integer>> sigs = new ArrayList<>();
        for (UserFunctions.Candidate c : cands) sigs.add(c.signature());
        int idx = cands.isEmpty() ? ParseFunc.NONE : ParseFunc.select(sigs, types);
        String sig = call.signature(name, types);
        if (idx == ParseFunc.AMBIGUOUS)
            throw ParseFunc.notUnique(a, sig, f.location());
        if (idx == ParseFunc.NONE)
            throw ParseFunc.doesNotExist(a, sig, f.location());
        UserFunctions.Candidate u = PolymorphicSqlCalls.bind(a, cands.get(idx), types, f.location());
        List<Expr> conv = new ArrayList<>();
        for (int i = 0; i < args.size(); i++)
            conv.add(a.coerce(args.get(i), u.signature().get(i), -1, Context.IMPLICIT, call.args().get(i).location()));
        List<Expr> all = UserFunctions.finalArgs(a, u, conv, f.location());
        PgWindowFunc.Impl impl = BuiltinCatalog.windowImplementation(u.fn().body());
        if (impl == null)
            throw a.err(SqlState.UNDEFINED_FUNCTION, "internal function \"" + u.fn().body() + "\" is not in internal lookup table",
                    f.location());
        int winref = findWindow(f.over());
        a.hasWindowFuncs = true;
        PgWindowFunc fn = new PgWindowFunc(name, all.stream().map(Expr::type).toList(), u.fn().resultType(), impl);
        return new Expr.WindowFunc(name, fn, null, List.copyOf(all), false, null, winref, u.fn().resultType(), f.location());
    }

    /** An aggregate used as a window function: chosen among its signatures as for a plain aggregate call. */
    private Expr resolveAggregate(RawExpr.FuncCall f, String name, List<PgAggregate> cands, List<Expr> args,
                                  List<Integer> types, Expr filter, int winref) {
        if (f.star()) {
            for (PgAggregate ag : cands)
                if (ag.argType() == 0)
                    return new Expr.WindowFunc(name, null, ag, List.of(), true, filter, winref, ag.resultType(), f.location());
            throw a.err(SqlState.UNDEFINED_FUNCTION, "function " + name + "(*) does not exist", f.location());
        }
        ParseFunc.checkParameterlessAggregate(a, name, cands, args.size(), f.location());
        List<PgAggregate> usable = new ArrayList<>();
        List<List<Integer>> sigs = new ArrayList<>();
        for (PgAggregate ag : cands) {
            if (ag.argType() == 0 || ag.argTypes().size() != args.size()) continue;
            usable.add(ag);
            sigs.add(ag.argTypes());
        }
        int idx = usable.isEmpty() ? ParseFunc.NONE : ParseFunc.select(sigs, types);
        String sig = name + "(" + ParseFunc.signature(types) + ")";
        if (idx == ParseFunc.AMBIGUOUS)
            throw ParseFunc.notUnique(a, sig, f.location());
        if (idx == ParseFunc.NONE)
            throw ParseFunc.doesNotExist(a, sig, f.location());
        // a polymorphic aggregate (array_agg, a user aggregate over anyelement) is bound to the
        // argument types, as ParseFuncOrColumn does for aggregates in and out of windows
        PgAggregate ag = ParsePolymorphic.bind(a, usable.get(idx), types, f.location());
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            int want = ag.argTypes().get(i);
            Expr arg = args.get(i);
            int loc = f.args().get(i).location();
            if (want != ANY) arg = a.coerce(arg, want, -1, Context.IMPLICIT, loc);
            else if (arg.type() == UNKNOWN) arg = a.coerce(arg, TEXT, -1, Context.IMPLICIT, loc);
            coerced.add(arg);
        }
        return new Expr.WindowFunc(name, null, ag, List.copyOf(coerced), false, filter, winref, ag.resultType(),
                f.location());
    }

    /**
     * The winref of an OVER clause: OVER name must name a WINDOW clause entry; an inline
     * specification reuses an equal earlier one (same refname, clauses and frame) or is added.
     */
    private int findWindow(Stmt.WindowDef over) {
        List<Stmt.WindowDef> defs = a.windowDefs;
        if (over.name() != null) {
            for (int i = 0; i < defs.size(); i++)
                if (over.name().equals(defs.get(i).name())) return i + 1;
            throw a.err("42704", "window \"" + over.name() + "\" does not exist", over.location());
        }
        for (int i = 0; i < defs.size(); i++) {
            Stmt.WindowDef ref = defs.get(i);
            boolean sameRef = ref.refname() == null ? over.refname() == null : ref.refname().equals(over.refname());
            if (sameRef && rawEqual(ref.partitionClause(), over.partitionClause())
                    && rawEqual(ref.orderClause(), over.orderClause()) && ref.frameOptions() == over.frameOptions()
                    && rawEqual(ref.startOffset(), over.startOffset()) && rawEqual(ref.endOffset(), over.endOffset()))
                return i + 1;
        }
        defs.add(over);
        return defs.size();
    }

    /** equal() of raw parse trees, ignoring locations (as equalfuncs.c does). */
    static boolean rawEqual(Object x, Object y) {
        if (x == y) return true;
        if (x == null || y == null) return false;
        if (x instanceof List<?> l && y instanceof List<?> m) {
            if (l.size() != m.size()) return false;
            for (int i = 0; i < l.size(); i++) if (!rawEqual(l.get(i), m.get(i))) return false;
            return true;
        }
        if (x.getClass() != y.getClass()) return false;
        if (!x.getClass().isRecord()) return x.equals(y);
        try {
            for (RecordComponent c : x.getClass().getRecordComponents()) {
                if (c.getName().equals("location")) continue;
                if (!rawEqual(c.getAccessor().invoke(x), c.getAccessor().invoke(y))) return false;
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return true;
    }

    // ------------------------------------------------------------------ window definitions

    /**
     * transformWindowDefinitions: each window's PARTITION BY and ORDER BY become target list
     * references (added as resjunk entries when not there), copying from the window it refers to.
     */
    List<Query.WindowClause> transformWindowDefinitions(List<Query.TargetEntry> tlist) {
        List<Query.WindowClause> result = new ArrayList<>();
        List<Stmt.WindowDef> defs = a.windowDefs;
        String saved = a.exprKind();
        try {
            for (int i = 0; i < defs.size(); i++) {
                Stmt.WindowDef def = defs.get(i);
                if (def.name() != null)
                    for (Query.WindowClause wc : result)
                        if (def.name().equals(wc.name()))
                            throw a.err(WINDOWING_ERROR, "window \"" + def.name() + "\" is already defined", def.location());
                Query.WindowClause ref = null;
                Stmt.WindowDef refDef = null;
                if (def.refname() != null) {
                    for (int k = 0; k < result.size(); k++)
                        if (def.refname().equals(result.get(k).name())) {
                            ref = result.get(k);
                            refDef = defs.get(k);
                        }
                    if (ref == null)
                        throw a.err("42704", "window \"" + def.refname() + "\" does not exist", def.location());
                }
                a.setExprKind("window PARTITION BY");
                List<Integer> partition = new ArrayList<>();
                for (RawExpr e : def.partitionClause()) {
                    int resno = findTarget(e, tlist);
                    if (!partition.contains(resno)) partition.add(resno);
                }
                a.setExprKind("window ORDER BY");
                List<Query.SortClause> order = new ArrayList<>();
                for (Stmt.SortBy sb : def.orderClause()) {
                    int resno = findTarget(sb.node(), tlist);
                    a.checkSortablePublic(tlist.get(resno - 1).expr().type(), sb.location());
                    boolean dup = false;
                    for (Query.SortClause sc : order) dup |= sc.resno() == resno;
                    boolean desc = SortUsing.desc(a, sb, tlist.get(resno - 1).expr().type());
                    if (!dup) order.add(new Query.SortClause(resno, desc, SortUsing.nullsFirst(sb, desc)));
                }
                if (ref != null) {
                    if (!partition.isEmpty())
                        throw a.err(WINDOWING_ERROR, "cannot override PARTITION BY clause of window \"" + def.refname() + "\"",
                                def.location());
                    partition = new ArrayList<>(ref.partitionClause());
                    if (!order.isEmpty() && !ref.orderClause().isEmpty())
                        throw a.err(WINDOWING_ERROR, "cannot override ORDER BY clause of window \"" + def.refname() + "\"",
                                def.location());
                    if (order.isEmpty()) order = new ArrayList<>(ref.orderClause());
                    if ((refDef.frameOptions() & WindowFrame.NONDEFAULT) != 0) {
                        var e = a.err(WINDOWING_ERROR, "cannot copy window \"" + def.refname() + "\" because it has a frame clause",
                                def.location());
                        if (def.partitionClause().isEmpty() && def.orderClause().isEmpty()
                                && def.frameOptions() == WindowFrame.DEFAULTS)
                            e = e.withHint("Omit the parentheses in this OVER clause.");
                        throw e;
                    }
                }
                int options = def.frameOptions();
                if ((options & WindowFrame.RANGE) != 0
                        && (options & (WindowFrame.START_OFFSET | WindowFrame.END_OFFSET)) != 0 && order.size() != 1)
                    throw a.err(WINDOWING_ERROR, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
                            def.location());
                if ((options & WindowFrame.GROUPS) != 0 && order.isEmpty())
                    throw a.err(WINDOWING_ERROR, "GROUPS mode requires an ORDER BY clause", def.location());
                Expr start = frameOffset(options, def.startOffset(), order, tlist);
                Expr end = frameOffset(options, def.endOffset(), order, tlist);
                result.add(new Query.WindowClause(def.name(), List.copyOf(partition), List.copyOf(order), options, start, end,
                        i + 1));
            }
        } finally {
            a.setExprKind(saved);
        }
        return result;
    }

    /** findTargetlistEntrySQL99: an expression matched against the target list or added to it as resjunk. */
    private int findTarget(RawExpr node, List<Query.TargetEntry> tlist) {
        Expr e = a.transformExpr(node);
        for (Query.TargetEntry te : tlist) if (ExprTrees.equal(te.expr(), e)) return te.resno();
        if (e.type() == UNKNOWN) e = a.coerce(e, TEXT, -1, Context.IMPLICIT, node.location());
        tlist.add(new Query.TargetEntry(e, tlist.size() + 1, "?column?", true));
        return tlist.size();
    }

    /**
     * transformFrameOffset: ROWS and GROUPS offsets are bigint; a RANGE offset must suit the
     * in_range support of the ORDER BY column's type. None may contain variables.
     */
    private Expr frameOffset(int options, RawExpr clause, List<Query.SortClause> order, List<Query.TargetEntry> tlist) {
        if (clause == null) return null;
        String mode = (options & WindowFrame.ROWS) != 0 ? "ROWS" : (options & WindowFrame.GROUPS) != 0 ? "GROUPS" : "RANGE";
        a.setExprKind("window " + mode);
        Expr e = a.transformExpr(clause);
        if (ExprTrees.any(e, x -> x instanceof Expr.Var v && v.levelsup() == 0))
            throw a.err("42P10", "argument of " + mode + " must not contain variables", clause.location());
        if (!mode.equals("RANGE")) {
            if (e.type() == INT8) return e;
            if (!ParseCoerce.canCoerce(e.type(), INT8, Context.IMPLICIT))
                throw a.err(SqlState.DATATYPE_MISMATCH, "argument of " + mode + " must be type bigint, not type "
                        + BuiltinCatalog.formatType(e.type()), clause.location());
            return a.coerce(e, INT8, -1, Context.IMPLICIT, clause.location());
        }
        int colType = tlist.get(order.get(0).resno() - 1).expr().type();
        List<Integer> offsetTypes = inRangeOffsetTypes(colType);
        int loc = leftmost(clause);
        if (offsetTypes.isEmpty())
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "RANGE with offset PRECEDING/FOLLOWING is not supported for column type "
                    + BuiltinCatalog.formatType(colType == VARCHAR ? TEXT : colType), loc);
        int offType = e.type();
        int chosen = -1;
        if (offsetTypes.contains(offType)) {
            chosen = offType;
        } else {
            List<Integer> ok = new ArrayList<>();
            for (int t : offsetTypes) if (ParseCoerce.canCoerce(offType, t, Context.IMPLICIT)) ok.add(t);
            if (ok.size() == 1) chosen = ok.get(0);
            else if (ok.size() > 1 && offType == UNKNOWN && ok.contains(colType)) chosen = colType;
            else if (ok.size() > 1)
                throw a.err(SqlState.AMBIGUOUS_FUNCTION, "RANGE with offset PRECEDING/FOLLOWING has multiple interpretations "
                        + "for column type " + BuiltinCatalog.formatType(colType) + " and offset type "
                        + BuiltinCatalog.formatType(offType), loc)
                        .withHint("Cast the offset value to the exact intended type.");
        }
        if (chosen < 0)
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "RANGE with offset PRECEDING/FOLLOWING is not supported for column type "
                    + BuiltinCatalog.formatType(colType) + " and offset type " + BuiltinCatalog.formatType(offType),
                    loc).withHint("Cast the offset value to an appropriate type.");
        return a.coerce(e, chosen, -1, Context.IMPLICIT, clause.location());
    }

    /** exprLocation: the leftmost token of an expression (a cast's or operator's operand may come first). */
    private static int leftmost(RawExpr e) {
        int loc = e.location();
        int inner = switch (e) {
            case RawExpr.TypeCast tc -> leftmost(tc.arg());
            case RawExpr.AExpr x when x.lexpr() != null -> leftmost(x.lexpr());
            default -> loc;
        };
        return loc < 0 ? inner : inner < 0 ? loc : Math.min(loc, inner);
    }

    /** The offset types of the in_range support functions for a column type (pg_amproc, btree support 3). */
    static List<Integer> inRangeOffsetTypes(int colType) {
        return switch (colType) {
            case INT2, INT4 -> List.of(INT8, INT4, INT2);
            case INT8 -> List.of(INT8);
            case FLOAT4, FLOAT8 -> List.of(FLOAT8);
            case NUMERIC -> List.of(NUMERIC);
            case DATE, TIMESTAMP, TIMESTAMPTZ, TIME, TIMETZ, INTERVAL -> List.of(INTERVAL);
            default -> List.of();
        };
    }
}
