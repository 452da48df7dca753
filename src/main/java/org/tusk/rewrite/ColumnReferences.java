package org.tusk.rewrite;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.nodes.QueryExpressions;

/**
 * The column part of PostgreSQL's find_expr_references_walker (dependency.c): which columns of
 * which tables an analysed query reads, so that a view's rule can depend on each of them and
 * ALTER TABLE DROP COLUMN / ALTER COLUMN TYPE find the view. A Var of any query level is
 * charged to the table its range table entry names, following levelsup outwards; subqueries in
 * FROM, WITH queries, SubLinks and INSERT's source are walked as query levels of their own.
 */
public final class ColumnReferences {
    private ColumnReferences() {}

    /** Table OID to the (1-based) attribute numbers of its columns that {@code q} reads. */
    public static Map<Integer, BitSet> of(Query q) {
        Map<Integer, BitSet> out = new LinkedHashMap<>();
        walk(q, new ArrayDeque<>(), out);
        return out;
    }

    private static void walk(Query q, Deque<Query> levels, Map<Integer, BitSet> out) {
        levels.push(q);
        for (Expr e : QueryExpressions.of(q)) visit(e, levels, out);
        for (Query.RangeTblEntry r : q.rangeTable()) {
            if (r.kind() == Query.RteKind.SUBQUERY && r.subquery() != null) walk(r.subquery(), levels, out);
            if (r.function() != null) visit(r.function(), levels, out);
            if (r.functions() != null) for (Query.RangeTblFunction f : r.functions()) visit(f.funcexpr(), levels, out);
            if (r.values() != null) for (List<Expr> row : r.values()) for (Expr e : row) visit(e, levels, out);
        }
        for (Query.CommonTableExpr c : q.cteList()) walk(c.query(), levels, out);
        if (q.sourceQuery() != null) walk(q.sourceQuery(), levels, out);
        levels.pop();
    }

    private static void visit(Expr e, Deque<Query> levels, Map<Integer, BitSet> out) {
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.Var v && v.levelsup() < levels.size() && v.attno() > 0) {
                Query level = levels.stream().skip(v.levelsup()).findFirst().orElseThrow();
                if (v.varno() >= 1 && v.varno() <= level.rangeTable().size()) {
                    Query.RangeTblEntry r = level.rangeTable().get(v.varno() - 1);
                    if (r.kind() == Query.RteKind.RELATION && r.table() != null
                            && v.attno() <= r.table().desc().natts()) {
                        out.computeIfAbsent(r.table().oid(), k -> new BitSet()).set(v.attno());
                    }
                }
            } else if (x instanceof Expr.SubLink s && s.subselect() != null) {
                walk(s.subselect(), levels, out);
            }
            return false;
        });
    }
}
