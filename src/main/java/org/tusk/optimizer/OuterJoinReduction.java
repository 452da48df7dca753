package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;

/**
 * reduce_outer_joins (prepjointree.c): an outer join whose null-extended rows a qual above it
 * would reject anyway is an inner join, or for a FULL join a one-sided one. A qual rejects them
 * when it is strict in a relation of the nullable side (find_nonnullable_rels): it cannot be true
 * when that relation's columns are all NULL. Such quals are the WHERE conjuncts, and, going down
 * the tree, the ON conditions of inner joins (which also pass on what came from above) and of
 * outer joins for their nullable side only (an outer join never removes rows of its other side,
 * and what came from above has already been used at this join). An inner join made so is then
 * flattened with the other inner items and ordered freely by the join search.
 *
 * <p>A LEFT join whose ON condition is strict in a column of its nullable side that WHERE
 * requires to be NULL ({@code LEFT JOIN b ON a.x = b.y WHERE b.y IS NULL}) keeps only unmatched
 * rows: it becomes an anti join and the IS NULL test goes (check_redundant_nullability_qual).
 * An anti join's rows are NULL-extended like a LEFT join's (the executor's null inner tuple), so
 * the nullable side's columns read above it are NULL, as they were. The merge join does not do
 * anti joins: such a join is a hash join or a nested loop.
 */
final class OuterJoinReduction {
    private OuterJoinReduction() {}

    /** {@code q} with its reducible outer joins reduced ({@code q} itself if none is). */
    static Query reduce(Query q) {
        if (q.commandType() != Query.CommandType.SELECT || q.setOperations() != null || q.fromList().isEmpty()) return q;
        // planner.c calls reduce_outer_joins only when hasOuterJoins: without one there is nothing to reduce,
        // and the strictness analysis of WHERE below is most of a simple query's planning otherwise
        if (!hasOuterJoin(q.fromList())) return q;
        Set<Integer> nonnullable = nonnullableRels(q.where(), true);
        List<Expr> where = ScanPaths.conjuncts(q.where());
        Pass pass = new Pass(q, where);
        Set<Long> forced = forcedNullVars(where);
        List<Query.JoinNode> from = new ArrayList<>();
        boolean changed = false;
        for (Query.JoinNode n : q.fromList()) {
            Query.JoinNode r = pass.reduce(n, nonnullable, forced);
            changed |= r != n;
            from.add(r);
        }
        if (!changed) return q;
        // check_redundant_nullability_qual: an IS NULL on a column of an anti join's inner side is always true
        List<Expr> kept = new ArrayList<>(where);
        kept.removeAll(pass.redundant);
        return new Query(q.commandType(), q.utilityStmt(), q.rangeTable(), q.targetList(), ScanPaths.and(kept),
                q.sortClause(), q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(),
                q.sourceQuery(), q.returningList(), List.copyOf(from), q.groupClause(), q.havingQual(),
                q.distinctClause(), q.hasDistinctOn(), q.setOperations(), q.cteList(), q.windowClause(),
                q.groupingSets(), q.onConflict(), q.rowMarks(), q.mergeActionList(), q.withCheckOptions());
    }

    private static boolean hasOuterJoin(List<Query.JoinNode> from) {
        for (Query.JoinNode n : from) if (hasOuterJoin(n)) return true;
        return false;
    }

    private static boolean hasOuterJoin(Query.JoinNode n) {
        if (!(n instanceof Query.JoinNode.Join j)) return false;
        return switch (j.type()) {
            case LEFT, RIGHT, FULL -> true;
            default -> hasOuterJoin(j.left()) || hasOuterJoin(j.right());
        };
    }

    /** reduce_outer_joins_pass2 over one query's join tree, collecting the WHERE conjuncts anti joins make redundant. */
    private static final class Pass {
        private final Query q;
        private final List<Expr> where;
        final List<Expr> redundant = new ArrayList<>();

        Pass(Query q, List<Expr> where) {
            this.q = q;
            this.where = where;
        }

        /**
         * One node, given the relations quals above it are strict in and the columns WHERE
         * forces to be NULL (passed only where no outer join lies in between).
         */
        Query.JoinNode reduce(Query.JoinNode n, Set<Integer> above, Set<Long> forced) {
            if (!(n instanceof Query.JoinNode.Join j)) return n;
            Set<Integer> left = relids(j.left()), right = relids(j.right());
            boolean l = overlaps(above, left), r = overlaps(above, right);
            Query.JoinType type = switch (j.type()) {
                case LEFT -> r ? Query.JoinType.INNER : Query.JoinType.LEFT;
                case RIGHT -> l ? Query.JoinType.INNER : Query.JoinType.RIGHT;
                case FULL -> l && r ? Query.JoinType.INNER : l ? Query.JoinType.LEFT : r ? Query.JoinType.RIGHT
                        : Query.JoinType.FULL;
                default -> j.type();
            };
            if (type == Query.JoinType.LEFT && isAnti(j, right, forced)) type = Query.JoinType.ANTI;
            Set<Integer> local = type == Query.JoinType.FULL ? Set.of() : nonnullableRels(j.quals(), true);
            Set<Integer> toLeft, toRight;
            Set<Long> forcedLeft = Set.of(), forcedRight = Set.of();
            switch (type) {
                case INNER, SEMI -> {
                    Set<Integer> all = new HashSet<>(local);
                    all.addAll(above);
                    toLeft = all;
                    toRight = all;
                    forcedLeft = forced;
                    forcedRight = forced;
                }
                case LEFT, ANTI -> {
                    toLeft = above;
                    toRight = local;
                    forcedLeft = forced;
                }
                case RIGHT -> {
                    toLeft = local;
                    toRight = above;
                    forcedRight = forced;
                }
                default -> {
                    toLeft = Set.of();
                    toRight = Set.of();
                }
            }
            Query.JoinNode nl = reduce(j.left(), toLeft, forcedLeft), nr = reduce(j.right(), toRight, forcedRight);
            if (type == j.type() && nl == j.left() && nr == j.right()) return n;
            return new Query.JoinNode.Join(type, nl, nr, j.quals(), j.rtindex(), j.usingNames());
        }

        /**
         * A LEFT join is an anti join when its ON condition is strict in a column of its
         * nullable side that WHERE requires to be NULL: only unmatched rows pass. Its rows are
         * still NULL-extended, so what reads the nullable side above it reads NULLs as before;
         * the IS NULL tests on that side are then always true and go.
         */
        private boolean isAnti(Query.JoinNode.Join j, Set<Integer> right, Set<Long> forced) {
            if (forced.isEmpty()) return false;
            boolean overlap = false;
            for (long v : nonnullableVars(j.quals(), true)) overlap |= forced.contains(v) && right.contains((int) (v >> 16));
            if (!overlap) return false;
            for (Expr c : where) {
                Long v = forcedNullVar(c);
                if (v != null && right.contains((int) (v >> 16))) redundant.add(c);
            }
            return true;
        }
    }

    /** find_forced_null_vars over WHERE's conjuncts: the columns that must be NULL for a row to pass. */
    static Set<Long> forcedNullVars(List<Expr> conjuncts) {
        Set<Long> out = new HashSet<>();
        for (Expr c : conjuncts) {
            Long v = forcedNullVar(c);
            if (v != null) out.add(v);
        }
        return out;
    }

    /** find_forced_null_var: the column of {@code col IS NULL} (or {@code col IS UNKNOWN}), as varno &lt;&lt; 16 | attno. */
    private static Long forcedNullVar(Expr c) {
        Expr arg = switch (c) {
            case Expr.NullTest t when !t.isNot() -> t.arg();
            case Expr.BooleanTest t when t.test() == RawExpr.BoolTestType.IS_UNKNOWN -> t.arg();
            default -> null;
        };
        return arg instanceof Expr.Var v && v.levelsup() == 0 && v.attno() > 0 ? key(v) : null;
    }

    private static long key(Expr.Var v) {
        return ((long) v.varno() << 16) | (v.attno() & 0xffff);
    }

    private static boolean overlaps(Set<Integer> a, Set<Integer> b) {
        for (int x : a) if (b.contains(x)) return true;
        return false;
    }

    private static Set<Integer> relids(Query.JoinNode n) {
        Set<Integer> s = new HashSet<>();
        collect(n, s);
        return s;
    }

    private static void collect(Query.JoinNode n, Set<Integer> out) {
        switch (n) {
            case Query.JoinNode.RangeRef r -> out.add(r.rtindex());
            case Query.JoinNode.Join j -> {
                collect(j.left(), out);
                collect(j.right(), out);
            }
        }
    }

    /**
     * find_nonnullable_rels: the relations of this level in which {@code e} is strict, i.e.
     * that make it NULL (or, at the top of a WHERE or ON condition, false) when all their
     * columns are NULL. Built-in operators are strict; functions as pg_proc.proisstrict says.
     */
    static Set<Integer> nonnullableRels(Expr e, boolean topLevel) {
        Set<Integer> out = new HashSet<>();
        for (long v : nonnullableVars(e, topLevel)) out.add((int) (v >> 16));
        return out;
    }

    /** find_nonnullable_vars: the columns (varno &lt;&lt; 16 | attno) a NULL in which makes {@code e} NULL or false. */
    static Set<Long> nonnullableVars(Expr e, boolean topLevel) {
        Set<Long> out = new HashSet<>();
        if (e == null) return out;
        switch (e) {
            case Expr.Var v -> {
                // not a whole-row Var: whether a null-extended row reads as NULL is not relied on
                if (v.levelsup() == 0 && v.attno() > 0) out.add(key(v));
            }
            case Expr.RelabelType r -> out.addAll(nonnullableVars(r.arg(), false));
            case Expr.OpExpr o -> {
                for (Expr a : o.args()) out.addAll(nonnullableVars(a, false));
            }
            case Expr.FuncExpr f -> {
                if (f.proc().strict() && !f.proc().retset()) for (Expr a : f.args()) out.addAll(nonnullableVars(a, false));
            }
            case Expr.BoolExpr b when b.op() == RawExpr.BoolOp.AND && topLevel -> {
                for (Expr a : b.args()) out.addAll(nonnullableVars(a, true));
            }
            case Expr.BoolExpr b when b.op() == RawExpr.BoolOp.NOT -> out.addAll(nonnullableVars(b.args().get(0), false));
            case Expr.BoolExpr b -> {
                // OR, or AND below the top: NULL only if every arm is, so only what all arms share
                Set<Long> common = null;
                for (Expr a : b.args()) {
                    Set<Long> s = nonnullableVars(a, topLevel);
                    if (common == null) common = s; else common.retainAll(s);
                }
                if (common != null) out.addAll(common);
            }
            case Expr.NullTest t -> {
                // IS NOT NULL rejects a NULL argument at the top; IS NULL accepts it
                if (t.isNot() && topLevel && !isRow(t.arg())) out.addAll(nonnullableVars(t.arg(), false));
            }
            case Expr.BooleanTest t -> {
                if (topLevel && (t.test() == RawExpr.BoolTestType.IS_TRUE || t.test() == RawExpr.BoolTestType.IS_FALSE
                        || t.test() == RawExpr.BoolTestType.IS_NOT_UNKNOWN)) out.addAll(nonnullableVars(t.arg(), false));
            }
            default -> { }
        }
        return out;
    }

    /** A row-valued argument: its IS NOT NULL is about every field, not about the row being there. */
    private static boolean isRow(Expr e) {
        return e instanceof Expr.Var v && v.attno() == 0 || e.type() == org.tusk.catalog.TypeOids.RECORD;
    }
}
