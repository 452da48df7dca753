package org.tusk.parser;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.ParseCoerce.Context;

/**
 * A function in FROM (parse_clause.c transformRangeFunction, parse_relation.c
 * addRangeTableEntryForFunction): analyses each call with the FROM items before it visible
 * (functions in FROM are implicitly LATERAL), expands the multi-argument unnest(a, b, ...) into
 * ROWS FROM (unnest(a), unnest(b), ...), and names the columns: a record-returning function's
 * OUT columns, else one column named by the alias (a single function with an alias) or the
 * function's name; a function returning a composite type makes the type's columns; WITH ORDINALITY adds "ordinality" (bigint). Column aliases rename them in
 * order. A set-returning function nested inside the expression is refused, as PostgreSQL
 * does (0A000 "set-returning functions must appear at top level of FROM").
 */
final class RangeFunctionAnalysis {
    private final Analyzer a;

    RangeFunctionAnalysis(Analyzer a) {
        this.a = a;
    }

    /** The range table entry of {@code rf}; {@code lateral} are the FROM items it may refer to. */
    Query.RangeTblEntry transform(Stmt.RangeFunction rf, List<NsItem> lateral) {
        List<RawExpr.FuncCall> calls = expandUnnest(rf);
        List<NsItem> saved = a.namespace;
        String savedKind = a.exprKind();
        a.namespace = lateral;
        a.setExprKind("functions in FROM");
        List<Query.RangeTblFunction> functions = new ArrayList<>();
        List<ColumnDef> cols = new ArrayList<>();
        try {
            for (int i = 0; i < calls.size(); i++) {
                RawExpr.FuncCall call = calls.get(i);
                // an unnest(a, b) expanded into several calls keeps its list on the first, which refuses it
                List<Stmt.FuncColumnDef> coldefs = calls.size() == rf.coldeflists().size() ? rf.coldeflists().get(i)
                        : i == 0 ? rf.coldeflists().get(0) : List.of();
                Expr fn = a.transformExpr(call);
                ParseSrf.checkTopLevelInFrom(a, fn);
                if (fn.type() == UNKNOWN) fn = a.coerce(fn, TEXT, -1, Context.IMPLICIT, rf.location());
                List<ColumnDef> out = fn instanceof Expr.FuncExpr f ? f.proc().outColumns() : List.of();
                ColumnDefinitionList cdl = new ColumnDefinitionList(a);
                boolean returnsRecord = out.isEmpty() && fn.type() == RECORD;
                cdl.check(returnsRecord, coldefs, call);
                List<Integer> funccoltypes = null;
                if (!coldefs.isEmpty()) {
                    out = cdl.columns(coldefs);
                    fn = cdl.bind(fn, out);
                    funccoltypes = new ArrayList<>();
                    for (ColumnDef c : out) funccoltypes.add(c.typeOid());
                }
                if (out.isEmpty()) out = compositeColumns(fn.type());
                if (out.isEmpty()) {
                    String name = calls.size() == 1 && rf.alias() != null ? rf.alias() : funcName(call);
                    out = List.of(new ColumnDef(name, fn.type(), fn.typmod()));
                }
                cols.addAll(out);
                functions.add(new Query.RangeTblFunction(fn, out.size(), funccoltypes == null ? null : List.copyOf(funccoltypes)));
            }
        } finally {
            a.namespace = saved;
            a.setExprKind(savedKind);
        }
        if (rf.ordinality()) cols.add(new ColumnDef("ordinality", INT8));
        String refname = rf.alias() != null ? rf.alias() : funcName(calls.get(0));
        List<ColumnDef> named = a.aliasColumns(cols, rf.colAliases(), refname, -1);
        Expr first = functions.size() == 1 ? functions.get(0).funcexpr() : null;
        return new Query.RangeTblEntry(Query.RteKind.FUNCTION, refname, null, null, null, named, null, null, null, first,
                null, 0, false, true, List.copyOf(functions), rf.ordinality());
    }

    /**
     * A bare name that is no column but the refname of a FROM function returning a scalar (one
     * call, no ordinality) is that function's value, as PostgreSQL's whole-row reference to such
     * an item is: {@code select e from jsonb_array_elements(j) e}. Null if there is no such item.
     */
    static Expr scalarWholeRow(List<NsItem> namespace, String name) {
        for (NsItem n : namespace) {
            Query.RangeTblEntry rte = n.rte();
            if (!n.relVisible() || !name.equals(n.refname()) || rte.kind() != Query.RteKind.FUNCTION) continue;
            if (rte.functions().size() != 1 || rte.funcOrdinality() || rte.functions().get(0).columnCount() != 1) continue;
            ColumnDef c = rte.columns().get(0);
            // a function returning a one-attribute composite type has one column too; its whole row is the composite
            if (rte.functions().get(0).funcexpr().type() != c.typeOid()) continue;
            return n.colExprs().get(0) instanceof Expr.Var v
                    ? new Expr.Var(v.varno(), v.attno(), c.typeOid(), c.typmod(), name, v.location(), v.levelsup()) : null;
        }
        return null;
    }

    /**
     * addRangeTableEntryForFunction's TYPEFUNC_COMPOSITE case: a function returning a composite
     * type makes one column per attribute of the type; empty for any other result type.
     */
    private static List<ColumnDef> compositeColumns(int type) {
        org.tusk.catalog.TypeCache.CompositeType c = org.tusk.catalog.TypeCache.lookupComposite(type);
        if (c == null) return List.of();
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) cols.add(new ColumnDef(c.names().get(i), c.types().get(i), c.typmods().get(i)));
        return cols;
    }

    private static String funcName(RawExpr.FuncCall call) {
        return call.name().get(call.name().size() - 1);
    }

    /** transformRangeFunction's special case: unnest with several arguments (and not in ROWS FROM) is one unnest per argument. */
    private static List<RawExpr.FuncCall> expandUnnest(Stmt.RangeFunction rf) {
        if (rf.rowsFrom() || rf.functions().size() != 1) return rf.functions();
        RawExpr.FuncCall f = rf.function();
        List<String> n = f.name();
        boolean unnest = funcName(f).equals("unnest") && (n.size() == 1 || n.get(0).equals("pg_catalog"));
        if (!unnest || f.args().size() <= 1 || f.star() || f.distinct() || f.over() != null) return rf.functions();
        List<RawExpr.FuncCall> out = new ArrayList<>();
        for (RawExpr arg : f.args())
            out.add(new RawExpr.FuncCall(f.name(), List.of(arg), false, false, null, List.of(), f.location(), null));
        return List.copyOf(out);
    }
}
