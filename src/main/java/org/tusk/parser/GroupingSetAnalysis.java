package org.tusk.parser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.GroupingSetList;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.VarTreeMutator;
import org.tusk.optimizer.VarLevels;
import org.tusk.utils.error.SqlState;

/**
 * GROUP BY with grouping sets and GROUPING(): parse_clause.c's transformGroupClause for
 * GroupingSet items, parse_agg.c's expand_grouping_sets (the cross product of the GROUP BY
 * items, each ROLLUP/CUBE/GROUPING SETS expanded to its list of sets, sorted by size as
 * PostgreSQL sorts them) and transformGroupingFunc with its checks.
 */
final class GroupingSetAnalysis {
    private final Analyzer a;

    GroupingSetAnalysis(Analyzer a) {
        this.a = a;
    }

    /** The group clause (resnos, in order of first mention) and the expanded sets (empty without grouping sets). */
    record Result(List<Integer> groupClause, List<List<Integer>> sets) {}

    /**
     * checkTargetlistEntrySQL92 for GROUP BY: the entry a GROUP BY item resolved to may not
     * contain a window function (an ordinal or output name can point at one).
     */
    private int target(RawExpr item, List<Query.TargetEntry> tlist, int visible) {
        int resno = a.findGroupTargetPublic(item, tlist, visible);
        Expr e = tlist.get(resno - 1).expr();
        a.checkGroupable(e.type(), item.location());
        Expr[] found = new Expr[1];
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.WindowFunc w) {
                found[0] = w;
                return true;
            }
            return false;
        });
        if (found[0] != null)
            throw a.err(WindowAnalysis.WINDOWING_ERROR, "window functions are not allowed in GROUP BY",
                    ((Expr.WindowFunc) found[0]).location());
        return resno;
    }

    /**
     * transformGroupClause with expand_grouping_sets. {@code sortClause} is the already
     * transformed ORDER BY: PostgreSQL numbers sortgrouprefs in order of assignment, ORDER BY's
     * entries first, and GROUP BY DISTINCT ({@code distinct}) orders sets by those numbers.
     */
    Result transformGroupClause(List<RawExpr> items, List<Query.TargetEntry> tlist, int visible,
                                List<Query.SortClause> sortClause, boolean distinct) {
        items = flattenTopLevelRows(items);
        boolean anySets = false;
        for (RawExpr item : items) anySets |= item instanceof RawExpr.GroupingSet;
        Set<Integer> clause = new LinkedHashSet<>();
        if (!anySets) {
            for (RawExpr g : items) clause.add(target(g, tlist, visible));
            return new Result(List.copyOf(clause), List.of());
        }
        List<List<Integer>> result = null;
        for (RawExpr item : items) {
            List<List<Integer>> sets = expand(item, tlist, visible, clause);
            if (result == null) {
                result = sets;
                continue;
            }
            List<List<Integer>> product = new ArrayList<>();
            for (List<Integer> p : result)
                for (List<Integer> q : sets) {
                    Set<Integer> u = new LinkedHashSet<>(p);
                    u.addAll(q);
                    product.add(List.copyOf(u));
                }
            result = product;
        }
        if (result.size() > 4096)
            throw a.err("54001", "too many grouping sets present (maximum 4096)", items.get(0).location());
        List<GroupingSetList.Written> written = written(items, tlist, visible);
        if (distinct)
            return new Result(List.copyOf(clause),
                    new GroupingSetList(distinctSets(result, sortgrouprefs(sortClause, clause)), written, true));
        // list_sort(result, cmp_list_len_asc): PostgreSQL's (unstable) qsort, whose order of
        // equal-sized sets the planner's rollups and so the result order depend on
        List<List<Integer>> sorted = new ArrayList<>(result);
        org.tusk.utils.sort.Qsort.sort(sorted, (x, y) -> Integer.compare(x.size(), y.size()));
        return new Result(List.copyOf(clause), new GroupingSetList(sorted, written, false));
    }

    /**
     * transformGroupClause's gsets, the GROUP BY as written (flatten_grouping_sets,
     * transformGroupingSet): a plain expression is a SIMPLE set of itself (once), an empty set
     * at the top level is left out (GROUP BY () alone if nothing else is left), ROLLUP and CUBE
     * elements are SIMPLE sets, a GROUPING SETS nested in another is spliced into it.
     */
    private List<GroupingSetList.Written> written(List<RawExpr> items, List<Query.TargetEntry> tlist, int visible) {
        List<GroupingSetList.Written> out = new ArrayList<>();
        Set<Integer> plain = new LinkedHashSet<>();
        for (RawExpr item : items) {
            if (!(item instanceof RawExpr.GroupingSet gs)) {
                int resno = target(item, tlist, visible);
                if (plain.add(resno)) out.add(GroupingSetList.Written.simple(List.of(resno)));
            } else if (gs.kind() != RawExpr.GroupingSetKind.EMPTY) {
                out.add(writtenSet(gs, tlist, visible));
            }
        }
        if (out.isEmpty()) out.add(new GroupingSetList.Written(GroupingSetList.Kind.EMPTY, List.of(), List.of()));
        return out;
    }

    private GroupingSetList.Written writtenSet(RawExpr.GroupingSet gs, List<Query.TargetEntry> tlist, int visible) {
        switch (gs.kind()) {
            case EMPTY -> {
                return new GroupingSetList.Written(GroupingSetList.Kind.EMPTY, List.of(), List.of());
            }
            case SIMPLE -> {
                Set<Integer> refs = new LinkedHashSet<>();
                for (RawExpr c : gs.content()) refs.add(target(c, tlist, visible));
                return GroupingSetList.Written.simple(List.copyOf(refs));
            }
            default -> {
                List<GroupingSetList.Written> content = new ArrayList<>();
                for (RawExpr c : gs.content()) {
                    if (!(c instanceof RawExpr.GroupingSet inner)) {
                        content.add(GroupingSetList.Written.simple(List.of(target(c, tlist, visible))));
                    } else if (gs.kind() == RawExpr.GroupingSetKind.SETS && inner.kind() == RawExpr.GroupingSetKind.SETS) {
                        content.addAll(writtenSet(inner, tlist, visible).content());
                    } else {
                        content.add(writtenSet(inner, tlist, visible));
                    }
                }
                GroupingSetList.Kind kind = switch (gs.kind()) {
                    case ROLLUP -> GroupingSetList.Kind.ROLLUP;
                    case CUBE -> GroupingSetList.Kind.CUBE;
                    default -> GroupingSetList.Kind.SETS;
                };
                return new GroupingSetList.Written(kind, List.of(), List.copyOf(content));
            }
        }
    }

    /**
     * flatten_grouping_sets at the top level: {@code GROUP BY (a, b)} is an implicit row only
     * syntactically; it groups by a and by b.
     */
    private static List<RawExpr> flattenTopLevelRows(List<RawExpr> items) {
        List<RawExpr> out = new ArrayList<>();
        for (RawExpr item : items) {
            if (item instanceof RawExpr.RowExpr r && !r.explicit()) out.addAll(r.args());
            else out.add(item);
        }
        return out;
    }

    /**
     * The sortgroupref PostgreSQL would have given each grouped resno (assignSortGroupRef:
     * ORDER BY's entries numbered first, then GROUP BY's in order of first mention), as a map
     * from resno to that number.
     */
    static java.util.Map<Integer, Integer> sortgrouprefs(List<Query.SortClause> sortClause, Set<Integer> groupClause) {
        java.util.Map<Integer, Integer> refs = new java.util.HashMap<>();
        for (Query.SortClause sc : sortClause) refs.putIfAbsent(sc.resno(), refs.size() + 1);
        for (int r : groupClause) refs.putIfAbsent(r, refs.size() + 1);
        return refs;
    }

    /**
     * expand_grouping_sets for GROUP BY DISTINCT: each set sorted by sortgroupref, the sets
     * sorted by length and then contents (cmp_list_len_contents_asc), and equal neighbours
     * dropped.
     */
    static List<List<Integer>> distinctSets(List<List<Integer>> sets, java.util.Map<Integer, Integer> refs) {
        java.util.Comparator<Integer> byRef = java.util.Comparator.comparing(refs::get);
        List<List<Integer>> sorted = new ArrayList<>();
        for (List<Integer> set : sets) {
            List<Integer> ordered = new ArrayList<>(set);
            org.tusk.utils.sort.Qsort.sort(ordered, byRef);
            sorted.add(List.copyOf(ordered));
        }
        org.tusk.utils.sort.Qsort.sort(sorted, (x, y) -> {
            if (x.size() != y.size()) return Integer.compare(x.size(), y.size());
            for (int i = 0; i < x.size(); i++) {
                int c = byRef.compare(x.get(i), y.get(i));
                if (c != 0) return c;
            }
            return 0;
        });
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> set : sorted) if (out.isEmpty() || !out.get(out.size() - 1).equals(set)) out.add(set);
        return List.copyOf(out);
    }

    /** expand_groupingset_node for one item: its list of sets. */
    private List<List<Integer>> expand(RawExpr item, List<Query.TargetEntry> tlist, int visible, Set<Integer> clause) {
        if (!(item instanceof RawExpr.GroupingSet gs)) {
            int resno = target(item, tlist, visible);
            clause.add(resno);
            return List.of(List.of(resno));
        }
        switch (gs.kind()) {
            case EMPTY -> {
                return List.of(List.of());
            }
            case SIMPLE -> {
                return List.of(unit(gs, tlist, visible, clause));
            }
            case ROLLUP -> {
                List<List<Integer>> units = new ArrayList<>();
                for (RawExpr c : gs.content()) units.add(unit(c, tlist, visible, clause));
                List<List<Integer>> out = new ArrayList<>();
                for (int i = units.size(); i >= 0; i--) {
                    Set<Integer> s = new LinkedHashSet<>();
                    for (int k = 0; k < i; k++) s.addAll(units.get(k));
                    out.add(List.copyOf(s));
                }
                return out;
            }
            case CUBE -> {
                List<List<Integer>> units = new ArrayList<>();
                for (RawExpr c : gs.content()) units.add(unit(c, tlist, visible, clause));
                if (units.size() > 12)
                    throw a.err("54011", "CUBE is limited to 12 elements", gs.location());
                List<List<Integer>> out = new ArrayList<>();
                for (int i = 0; i < (1 << units.size()); i++) {
                    Set<Integer> s = new LinkedHashSet<>();
                    for (int k = 0; k < units.size(); k++) if ((i & (1 << k)) != 0) s.addAll(units.get(k));
                    out.add(List.copyOf(s));
                }
                return out;
            }
            default -> {
                List<List<Integer>> out = new ArrayList<>();
                for (RawExpr c : gs.content()) out.addAll(expand(c, tlist, visible, clause));
                return out;
            }
        }
    }

    /** An element of ROLLUP/CUBE: an expression or a parenthesised list, as one unit of grouping. */
    private List<Integer> unit(RawExpr e, List<Query.TargetEntry> tlist, int visible, Set<Integer> clause) {
        Set<Integer> s = new LinkedHashSet<>();
        if (e instanceof RawExpr.GroupingSet gs) {
            if (gs.kind() != RawExpr.GroupingSetKind.SIMPLE && gs.kind() != RawExpr.GroupingSetKind.EMPTY)
                throw a.err(SqlState.SYNTAX_ERROR, "syntax error", gs.location());
            for (RawExpr c : gs.content()) {
                int resno = target(c, tlist, visible);
                clause.add(resno);
                s.add(resno);
            }
        } else {
            int resno = target(e, tlist, visible);
            clause.add(resno);
            s.add(resno);
        }
        return List.copyOf(s);
    }

    /**
     * transformGroupingFunc with check_agglevels_and_constraints: the arguments analysed; the
     * call belongs to the level of its arguments (the innermost level any of their Vars reads,
     * this one if none), whose clause must allow grouping operations and which settles later
     * which of its grouping expressions the arguments are.
     */
    Expr transformGroupingFunc(RawExpr.GroupingFunc g) {
        if (g.args().size() >= 32)
            throw a.err("54011", "GROUPING must have fewer than 32 arguments", g.location());
        List<Expr> args = new ArrayList<>();
        for (RawExpr r : g.args()) args.add(a.transformExpr(r));
        int level = argumentLevel(args);
        Analyzer owner = a;
        for (int i = 0; i < level; i++) owner = owner.parent;
        String kind = owner.exprKind();
        if (!kind.equals("SELECT") && !kind.equals("HAVING") && !kind.equals("ORDER BY") && !kind.equals("DISTINCT ON")
                && !kind.startsWith("window "))
            throw a.err(SqlState.GROUPING_ERROR, "grouping operations are not allowed in " + kind, g.location());
        owner.hasGroupingFuncs = true;
        return new Expr.GroupingFunc(List.copyOf(args), List.of(), level, g.location());
    }

    /** check_agg_arguments' min_varlevel for GROUPING: the smallest level a Var of the arguments reads, 0 if none. */
    private static int argumentLevel(List<Expr> args) {
        int[] min = {-1};
        VarTreeMutator.VarMapper walker = (v, depth) -> {
            int level = v.levelsup() - depth;
            if (level >= 0 && (min[0] < 0 || level < min[0])) min[0] = level;
            return null;
        };
        for (Expr arg : args) VarTreeMutator.map(arg, 0, walker);
        return Math.max(min[0], 0);
    }

    /**
     * finalize_grouping_exprs: every GROUPING() call of this level, including those written in
     * sub-selects (agglevelsup equal to their depth below this level), must have only grouping
     * expressions of this level as arguments; the call records which (their resnos).
     */
    Expr resolveGroupingFuncs(Expr e, List<Query.TargetEntry> tlist, List<Integer> groupClause) {
        return VarTreeMutator.map(e, 0, new VarTreeMutator.VarMapper() {
            public Expr map(Expr.Var v, int depth) {
                return null;
            }

            public Expr.GroupingFunc groupingFunc(Expr.GroupingFunc g, int depth) {
                if (g.levelsup() != depth) return g;
                List<Integer> refs = new ArrayList<>();
                for (Expr arg : g.args()) {
                    Expr here = VarLevels.incrementLevelsUp(arg, -depth);
                    int found = -1;
                    for (int r : groupClause) if (ExprTrees.equal(tlist.get(r - 1).expr(), here)) found = r;
                    if (found < 0)
                        throw a.err(SqlState.GROUPING_ERROR,
                                "arguments to GROUPING must be grouping expressions of the associated query level",
                                location(arg, g.location()));
                    refs.add(found);
                }
                return new Expr.GroupingFunc(g.args(), List.copyOf(refs), g.levelsup(), g.location());
            }
        });
    }

    static int location(Expr e, int fallback) {
        return switch (e) {
            case Expr.Var v -> v.location();
            case Expr.Const c -> c.location();
            case Expr.FuncExpr f -> f.location();
            case Expr.OpExpr o -> o.location();
            default -> fallback;
        };
    }
}
