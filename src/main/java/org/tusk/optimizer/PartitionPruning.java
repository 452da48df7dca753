package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.PartitionBound;
import org.tusk.catalog.PartitionBound.RangeDatum;
import org.tusk.catalog.PartitionCatalog;
import org.tusk.catalog.PartitionKey;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.PartitionRouting;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.cache.Relation;

/**
 * Plan-time partition pruning (PostgreSQL's partprune.c prune_append_rel_partitions, for the
 * clauses it can use at plan time): the leaf partitions of a partitioned table that may hold
 * rows satisfying the scan's restriction clauses, level by level.
 *
 * <p>Usable clauses compare a partition key column of the named table with a constant
 * ({@code =, <, <=, >, >=}, either side), {@code key IN (constants)} (also as an OR of
 * equalities), and {@code key IS [NOT] NULL}; everything else is ignored, which only keeps more partitions. When every key column is
 * fixed by an equality, exactly the partition tuple routing would choose is kept (the default
 * partition only if no other accepts the values). Otherwise a list partition is kept when one
 * of its values satisfies the clauses on the key, a range partition when its range on the first
 * key column meets the clauses' interval, a hash partition always, and the default partition
 * always (PostgreSQL can prune it further, when the other partitions cover the interval).
 */
final class PartitionPruning {
    private PartitionPruning() {}

    /** The leaves of {@code root} (relkind 'p') that may hold rows satisfying {@code qual} over Vars of {@code rtindex}. */
    static List<Relation> leaves(Relation root, int rtindex, Expr qual, ExecEnvironment env, FunctionCallContext ctx) {
        List<Expr> clauses = new ArrayList<>();
        flatten(qual, clauses);
        List<Relation> out = new ArrayList<>();
        prune(root, root, rtindex, clauses, env, ctx, out);
        return out;
    }

    /**
     * The key columns as the clauses name them: each plain column's attribute number in the
     * root, and (for the root's own key) each expression element analysed over its row,
     * normalized ({@link #normalizeKeyExpr}), null for a plain column.
     */
    private record KeyColumns(int[] rootAttno, Expr[] exprs, int rtindex) {}

    /**
     * RelationGetPartitionKey's partexprs analysed over {@code rel}'s row and simplified as the
     * query's clauses are, normalized; null when the key has none or they cannot be analysed here.
     */
    private static Expr[] keyExpressions(Relation rel, PartitionKey key, ExecEnvironment env, FunctionCallContext ctx) {
        if (!key.hasExpressions() || ctx == null) return null;
        var support = env.constraintSupport();
        if (support == null) return null;
        ExecContext ec = ctx instanceof ExecContext c ? c : ExecContext.of(ctx.session(), env);
        List<Expr> cooked = support.cookIndexExpressions(rel, key.expressionsText(), false, ec);
        Expr[] out = new Expr[key.count()];
        int next = 0;
        for (int i = 0; i < key.count(); i++) {
            if (key.isExpression(i)) out[i] = normalizeKeyExpr(Planner.fold(cooked.get(next++), ec));
        }
        return out;
    }

    /**
     * An expression without its Vars' range table index and locations (as index expressions are
     * matched), and with a whole-row reference counting as present: the stored row a key
     * expression reads and a scanned table row are never null-extended.
     */
    private static Expr normalizeKeyExpr(Expr e) {
        Expr present = ExprTrees.map(e, x -> x instanceof Expr.WholeRowVar w
                ? new Expr.WholeRowVar(w.row(), new Expr.Const(org.tusk.catalog.TypeOids.BOOL, -1, true, -1), w.refname(), w.location())
                : null);
        Expr n = IndexMatching.normalize(present);
        // the whole-row reference's name is the query's alias, not part of what it reads
        return ExprTrees.map(n, x -> x instanceof Expr.WholeRowVar w && w.refname() != null
                ? new Expr.WholeRowVar(normalizeKeyExpr(w.row()), w.present(), null, -1) : null);
    }

    private static void flatten(Expr e, List<Expr> out) {
        if (e == null) return;
        if (e instanceof Expr.BoolExpr b && b.op() == RawExpr.BoolOp.AND) {
            for (Expr a : b.args()) flatten(a, out);
        } else {
            out.add(e);
        }
    }

    private static void prune(Relation root, Relation rel, int rtindex, List<Expr> clauses, ExecEnvironment env,
                              FunctionCallContext ctx, List<Relation> out) {
        PartitionCatalog pc = env.catalog().partitions();
        PartitionKey key = pc.key(rel);
        List<PartitionCatalog.Partition> parts = pc.partitions(rel, key, env.catalog());
        // each key column's attnum in the root (the Vars' numbering), found by name
        int[] rootAttno = new int[key.count()];
        for (int i = 0; i < key.count(); i++) {
            for (int a = 0; a < root.desc().natts(); a++) if (root.desc().attr(a).name().equals(key.columnName(i))) rootAttno[i] = a + 1;
        }
        List<Integer> kept = keep(key, parts, pc.defaultPartition(rel.oid()),
                new KeyColumns(rootAttno, root == rel ? keyExpressions(rel, key, env, ctx) : null, rtindex), clauses);
        for (PartitionCatalog.Partition p : parts) {
            if (!kept.contains(p.oid())) continue;
            Relation child = env.catalog().openRelation(p.oid());
            if (child == null) continue;
            if (child.relkind() == 'p') prune(root, child, rtindex, clauses, env, ctx, out);
            else out.add(child);
        }
    }

    /** One clause's restriction on a key column: op is "=", "<", "<=", ">", ">=", "null" or "notnull". */
    private record Cond(int keyCol, String op, Object value) {}

    private static List<Integer> keep(PartitionKey key, List<PartitionCatalog.Partition> parts, int defaultOid,
                                      KeyColumns cols, List<Expr> clauses) {
        List<Cond> conds = new ArrayList<>();
        List<List<Object>> inLists = new ArrayList<>();
        for (int i = 0; i < key.count(); i++) inLists.add(null);
        for (Expr c : clauses) collect(key, c, cols, conds, inLists);
        List<Integer> out = new ArrayList<>();
        // contradictory or NULL-comparing clauses: nothing qualifies
        for (Cond c : conds) if (c.value() == null && !c.op().equals("null") && !c.op().equals("notnull")) return out;
        // every key column fixed: the partitions routing would choose for each combination
        // (a user-defined hash class's support function is not called at plan time: no shortcut)
        List<Object[]> points = PartitionRouting.hashesThroughFunctions(key) ? null : equalityPoints(key, conds, inLists);
        if (points != null) {
            for (Object[] values : points) {
                int chosen = PartitionRouting.choose(key, parts, defaultOid, values, null);
                if (chosen != 0 && !out.contains(chosen)) out.add(chosen);
            }
            return out;
        }
        for (PartitionCatalog.Partition p : parts) {
            if (p.bound().isDefault() || mayMatch(key, p.bound(), conds)) out.add(p.oid());
        }
        return out;
    }

    /** The key value combinations fixed by equalities and IN lists, or null if some key column is not fixed. */
    private static List<Object[]> equalityPoints(PartitionKey key, List<Cond> conds, List<List<Object>> inLists) {
        List<Object[]> points = new ArrayList<>();
        points.add(new Object[key.count()]);
        for (int i = 0; i < key.count(); i++) {
            List<Object> values = null;
            for (Cond c : conds) {
                if (c.keyCol() != i) continue;
                if (c.op().equals("=")) values = List.of(c.value());
                else if (c.op().equals("null")) values = java.util.Collections.singletonList(null);
            }
            if (values == null) values = inLists.get(i);
            if (values == null) return null;
            List<Object[]> next = new ArrayList<>();
            for (Object[] pt : points) {
                for (Object v : values) {
                    Object[] n = pt.clone();
                    n[i] = v;
                    if (satisfiesAll(key, i, v, conds)) next.add(n);
                }
            }
            points = next;
        }
        return points;
    }

    private static boolean satisfiesAll(PartitionKey key, int keyCol, Object v, List<Cond> conds) {
        for (Cond c : conds) if (c.keyCol() == keyCol && !satisfies(key, v, c)) return false;
        return true;
    }

    /** Whether key value {@code v} meets {@code c}, compared by the key column's btree support (bpcharcmp for character). */
    private static boolean satisfies(PartitionKey key, Object v, Cond c) {
        if (c.op().equals("null")) return v == null;
        if (c.op().equals("notnull")) return v != null;
        if (v == null) return false;
        int cmp = key.compare(c.keyCol(), v, c.value());
        return switch (c.op()) {
            case "=" -> cmp == 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            default -> cmp >= 0;
        };
    }

    /** Whether a non-default partition may hold rows meeting {@code conds}. */
    private static boolean mayMatch(PartitionKey key, PartitionBound b, List<Cond> conds) {
        switch (b.strategy()) {
            case 'l' -> {
                for (Object v : b.listDatums()) if (satisfiesAll(key, 0, v, conds)) return true;
                return false;
            }
            case 'r' -> {
                for (Cond c : conds) {
                    if (c.keyCol() != 0) continue;
                    if (c.op().equals("null")) return false;     // a range partition holds no NULL keys
                    if (c.op().equals("notnull")) continue;
                    if (!rangeMeets(key, b, c)) return false;
                }
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    /** Whether the partition's span of the first key column meets the values {@code c} allows. */
    private static boolean rangeMeets(PartitionKey key, PartitionBound b, Cond c) {
        RangeDatum lo = b.lower().get(0), hi = b.upper().get(0);
        // with more key columns, rows whose first column equals the upper bound's can still be inside
        boolean hiInclusive = key.count() > 1 && !restMinvalue(b.upper());
        Object v = c.value();
        int vsLo = lo.kind() == RangeDatum.MINVALUE ? 1 : lo.kind() == RangeDatum.MAXVALUE ? -1 : key.compare(0, v, lo.value());
        int vsHi = hi.kind() == RangeDatum.MAXVALUE ? -1 : hi.kind() == RangeDatum.MINVALUE ? 1 : key.compare(0, v, hi.value());
        boolean belowHi = hiInclusive ? vsHi <= 0 : vsHi < 0;
        return switch (c.op()) {
            case "=" -> vsLo >= 0 && belowHi;
            case "<" -> vsLo > 0;           // some x >= lo with x < v
            case "<=" -> vsLo >= 0;
            case ">" -> vsHi < 0;           // conservative for discrete types (v = hi - 1 leaves no room)
            default -> belowHi;             // ">=": some x >= v below hi
        };
    }

    private static boolean restMinvalue(List<RangeDatum> bound) {
        for (int i = 1; i < bound.size(); i++) if (bound.get(i).kind() != RangeDatum.MINVALUE) return false;
        return true;
    }

    private static void collect(PartitionKey key, Expr c, KeyColumns cols, List<Cond> conds, List<List<Object>> inLists) {
        if (c instanceof Expr.NullTest nt) {
            int k = keyCol(nt.arg(), cols);
            if (k >= 0) conds.add(new Cond(k, nt.isNot() ? "notnull" : "null", null));
            return;
        }
        if (c instanceof Expr.ScalarArrayOpExpr sa && sa.useOr() && sa.op().name().equals("=")
                && sa.right() instanceof Expr.Const arr && arr.value() != null) {
            int k = keyCol(sa.left(), cols);
            if (k < 0 || !inKeyFamily(key, k)) return;
            List<Object> values = new ArrayList<>();
            Object[] elems = org.tusk.utils.adt.ArrayValue.of(arr.value(), 0).elements();
            for (Object e : elems) if (e != null) values.add(e);
            List<Object> prev = inLists.get(k);
            int col = k;
            if (prev != null) values.removeIf(v -> prev.stream().noneMatch(p -> key.compare(col, p, v) == 0));
            inLists.set(k, values);
            return;
        }
        if (c instanceof Expr.BoolExpr b && b.op() == RawExpr.BoolOp.OR) {
            // key = c1 OR key = c2 ... (how IN (c1, c2) is analysed) restricts the key like an IN list
            int k = -1;
            List<Object> values = new ArrayList<>();
            for (Expr arm : b.args()) {
                if (!(arm instanceof Expr.OpExpr op) || !op.op().name().equals("=") || op.args().size() != 2) return;
                int armKey = keyCol(op.args().get(0), cols);
                if (armKey < 0 || !(op.args().get(1) instanceof Expr.Const v) || (k >= 0 && armKey != k)) return;
                k = armKey;
                if (v.value() != null) values.add(v.value());
            }
            if (k < 0 || !inKeyFamily(key, k)) return;
            List<Object> prev = inLists.get(k);
            int col = k;
            if (prev != null) values.removeIf(v -> prev.stream().noneMatch(p -> key.compare(col, p, v) == 0));
            inLists.set(k, values);
            return;
        }
        if (!(c instanceof Expr.OpExpr op) || op.args().size() != 2) return;
        String name = op.op().name();
        if (!List.of("=", "<", "<=", ">", ">=").contains(name)) return;
        Expr l = op.args().get(0), r = op.args().get(1);
        int k = keyCol(l, cols);
        if (k >= 0 && r instanceof Expr.Const rc) {
            if (inKeyFamily(key, k)) conds.add(new Cond(k, name, rc.value()));
            return;
        }
        k = keyCol(r, cols);
        if (k >= 0 && l instanceof Expr.Const lc && inKeyFamily(key, k))
            conds.add(new Cond(k, Clauses.commutedComparison(name), lc.value()));
    }

    /**
     * match_clause_to_partition_key's opfamily test: the column's type's operators belong to the
     * key's operator family only when the key is compared by that type's own class, not by a
     * class of a type it is binary-coercible to (int4 under oid_ops: int4's operators are not in
     * oid_ops' family, and order differently). IS [NOT] NULL needs no family.
     */
    private static boolean inKeyFamily(PartitionKey key, int k) {
        // a user-defined class's family: which strategy its operators are is not looked up (no pruning)
        if (key.comparesThroughFunction(k)) return false;
        return PartitionBound.keyType(key, k) == org.tusk.catalog.TypeCache.baseType(key.typeOid(k));
    }


    private static int keyCol(Expr e, KeyColumns cols) {
        if (cols.exprs() != null && !(e instanceof Expr.Var)) {
            // match_clause_to_partition_key: an expression element matches an equal expression
            // over the scanned table's Vars
            if (ExprTrees.any(e, x -> x instanceof Expr.Var v && (v.levelsup() != 0 || v.varno() != cols.rtindex()))) return -1;
            Expr n = normalizeKeyExpr(e);
            for (int i = 0; i < cols.exprs().length; i++) if (cols.exprs()[i] != null && cols.exprs()[i].equals(n)) return i;
            return -1;
        }
        int[] rootAttno = cols.rootAttno();
        int rtindex = cols.rtindex();
        if (!(e instanceof Expr.Var v) || v.levelsup() != 0 || v.varno() != rtindex) return -1;
        for (int i = 0; i < rootAttno.length; i++) if (rootAttno[i] == v.attno()) return i;
        return -1;
    }
}
