package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.access.table.DirtyCheck;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.nodes.Expr;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * check_exclusion_or_unique_constraint (execIndexing.c) for the index of an EXCLUDE constraint,
 * once the new row's entry is in the index: the index is searched with the constraint's
 * operators for the new key, and any other row found that is live under a dirty snapshot
 * conflicts. A B-tree constraint's only operator that is its own commutator and a member of the
 * operator family is equality, so its search is an equality scan; a GiST constraint searches with
 * each operator's strategy and rechecks each candidate's key with the operators.
 *
 * <p>A conflicting row whose inserter or deleter is still running is waited for
 * (XactLockTableWait, which cancel, lock timeout and deadlock detection end) and the search
 * starts over, unless the caller asks not to wait (a deferred constraint's first look, which
 * then reports a possible conflict for a recheck later). A key with a null never conflicts.
 */
public final class ExclusionCheck {
    private ExclusionCheck() {}

    /**
     * IndexCheckExclusion (index.c): after the index of a new EXCLUDE constraint is built over
     * existing rows, each row (under the latest snapshot) is checked against the others; a
     * conflict is 23P01 "could not create exclusion constraint", naming both keys.
     */
    public static void checkExisting(Relation heap, Relation index, ExecContext ctx) {
        ExecEnvironment env = ctx.requireEnv();
        IndexKeys former = IndexKeys.open(heap, index, ctx);
        try (var scan = env.tableAm().beginScan(heap, env.snapshot())) {
            org.tusk.access.table.TupleSlot slot;
            while ((slot = scan.next()) != null) {
                ctx.session().checkForInterrupts();
                Object[] keys = former.form(slot.values());
                if (keys == null) continue;   // outside a partial constraint's predicate
                ItemPointer other = conflicting(env, ctx, heap, index, keys, slot.tid());
                if (other == null) continue;
                Object[] otherKeys = otherKeys(env, ctx, heap, index, keys, other);
                if (otherKeys == null) otherKeys = keys;
                throw PgException.error("23P01", "could not create exclusion constraint \"" + index.name() + "\"")
                        .withDetail("Key " + describe(index, keys, ctx) + " conflicts with key "
                                + describe(index, otherKeys, ctx) + ".")
                        .withObjects(new PgException.ErrorObjects(null, heap.name(), null, null, index.name()));
            }
        }
    }

    /** The TID of a live row other than {@code self} whose key conflicts with {@code keys}, waiting out in-progress ones. */
    private static ItemPointer conflicting(ExecEnvironment env, ExecContext ctx, Relation heap, Relation index,
                                           Object[] keys, ItemPointer self) {
        for (Object k : keys) if (k == null) return null;
        List<ScanKey> scanKeys = scanKeys(env, index, keys);
        while (true) {
            int waitXid = 0;
            try (IndexScan scan = env.indexAm().beginScan(index, scanKeys, false)) {
                ItemPointer tid;
                while ((tid = scan.next()) != null) {
                    if (tid.equals(self)) continue;
                    DirtyCheck dc = env.tableAm().checkDirty(heap, tid);
                    if (!dc.live()) continue;
                    if (otherKeys(env, ctx, heap, index, keys, tid) == null) continue;
                    if (dc.waitXid() == 0) return tid;
                    waitXid = dc.waitXid();
                    break;
                }
            }
            if (waitXid == 0) return null;
            env.waitForTransaction(waitXid);
        }
    }

    /**
     * Whether the key {@code keys} of the row at {@code self} conflicts with another row; with
     * {@code wait} a conflict is reported at once (23P01) and in-progress rows are waited for, without
     * it true is returned for any live or in-progress conflicting row.
     */
    static boolean check(ExecEnvironment env, ExecContext ctx, Relation heap, Relation index, Object[] keys,
                         ItemPointer self, boolean wait) {
        for (Object k : keys) if (k == null) return false;
        List<ScanKey> scanKeys = scanKeys(env, index, keys);
        while (true) {
            int waitXid = 0;
            try (IndexScan scan = env.indexAm().beginScan(index, scanKeys, false)) {
                ItemPointer tid;
                while ((tid = scan.next()) != null) {
                    ctx.session().checkForInterrupts();
                    if (tid.equals(self)) continue;
                    DirtyCheck dc = env.tableAm().checkDirty(heap, tid);
                    if (!dc.live()) continue;
                    Object[] existing = otherKeys(env, ctx, heap, index, keys, tid);
                    if (existing == null) continue;
                    if (!wait) return true;
                    if (dc.waitXid() != 0) {
                        waitXid = dc.waitXid();
                        break;
                    }
                    throw violation(heap, index, keys, existing, ctx);
                }
            }
            if (waitXid == 0) return false;
            env.waitForTransaction(waitXid);   // with the scan ended; then look again
        }
    }

    /**
     * The key of the row at {@code tid} if it conflicts with {@code keys}, else null: for a B-tree
     * the key is equal, so {@code keys} itself; for a GiST index (whose search may return
     * candidates only, index_recheck_constraint) the row's key is formed and each column's
     * operator evaluated on it and the new key.
     */
    private static Object[] otherKeys(ExecEnvironment env, ExecContext ctx, Relation heap, Relation index, Object[] keys,
                                      ItemPointer tid) {
        if (index.relam() != org.tusk.catalog.SystemCatalogs.GIST_AM_OID) return keys;
        org.tusk.access.table.TupleSlot row = env.tableAm().indexFetch(heap, tid, env.latestSnapshot());
        if (row == null) row = env.tableAm().fetchAnyVersion(heap, tid);
        if (row == null) return null;
        Object[] other = IndexKeys.open(heap, index, ctx).form(row.values());
        if (other == null) return null;
        int[] ops = env.catalog().exclusionOperators(index);
        for (int i = 0; i < index.index().keyCount(); i++) {
            if (other[i] == null) return null;
            org.tusk.catalog.PgOperator op = operator(ops[i], index.atttypid(i + 1), index);
            if (op == null) continue;   // cannot recheck: trust the index
            Expr.OpExpr call = new Expr.OpExpr(op, List.of(new Expr.Const(op.left(), -1, other[i], -1),
                    new Expr.Const(op.right(), -1, keys[i], -1)), org.tusk.catalog.TypeOids.BOOL, -1);
            if (!Boolean.TRUE.equals(ExprEvaluator.eval(call, null, null, ctx))) return null;
        }
        return other;
    }

    /** The built-in operator with pg_operator OID {@code oid}. */
    private static org.tusk.catalog.PgOperator operator(int oid, int type, Relation index) {
        String name = org.tusk.catalog.ExclusionOperators.name(oid);
        if (name == null) return null;
        for (org.tusk.catalog.PgOperator o : BuiltinCatalog.operators(name)) {
            if (org.tusk.catalog.ExclusionOperators.oid(o.name(), o.left(), o.right()) == oid) return o;
        }
        return null;
    }

    /**
     * The index search for rows conflicting with {@code keys}: each column compared with the
     * constraint's operator (the B-tree's only one is equality; a GiST one names its operator's
     * strategy in the column's operator family, as check_exclusion_or_unique_constraint's
     * index_rescan keys do).
     */
    private static List<ScanKey> scanKeys(ExecEnvironment env, Relation index, Object[] keys) {
        List<ScanKey> scanKeys = new ArrayList<>();
        int n = index.index().keyCount();
        if (index.relam() != org.tusk.catalog.SystemCatalogs.GIST_AM_OID) {
            for (int i = 0; i < n; i++) scanKeys.add(new ScanKey(i + 1, ScanKey.Strategy.EQUAL, keys[i]));
            return scanKeys;
        }
        int[] strategies = index.exclusionStrategies();
        if (strategies == null) {
            // RelationGetExclusionInfo: each operator's strategy in its column's family, once per relcache entry
            int[] ops = env.catalog().exclusionOperators(index);
            int[] indclass = index.index().indclass();
            strategies = new int[n];
            for (int i = 0; i < n; i++) {
                String name = org.tusk.catalog.ExclusionOperators.name(ops[i]);
                int family = org.tusk.catalog.GistOpclassCatalog.familyOf(indclass[i]);
                var m = org.tusk.catalog.GistOpclassCatalog.memberByOperator(family, name, ops[i]);
                if (m == null) throw new IllegalStateException("exclusion operator " + name + " is not in its column's operator family");
                strategies[i] = m.strategy();
            }
            index.setExclusionStrategies(strategies);
        }
        for (int i = 0; i < n; i++) scanKeys.add(ScanKey.ofStrategyNumber(i + 1, strategies[i], keys[i]));
        return scanKeys;
    }

    /** The 23P01 report, with both keys described as BuildIndexValueDescription does. */
    static PgException violation(Relation heap, Relation index, Object[] keys, ExecContext ctx) {
        return violation(heap, index, keys, keys, ctx);
    }

    static PgException violation(Relation heap, Relation index, Object[] keys, Object[] existing, ExecContext ctx) {
        String key = describe(index, keys, ctx);
        return PgException.error("23P01", "conflicting key value violates exclusion constraint \"" + index.name() + "\"")
                .withDetail("Key " + key + " conflicts with existing key " + describe(index, existing, ctx) + ".")
                .withObjects(new PgException.ErrorObjects(null, heap.name(), null, null, index.name()));
    }

    /** The type of key column {@code i}'s values before the operator class stores them (its opcintype for GiST's box-keyed classes). */
    private static int keyInputType(Relation index, int i) {
        int stored = index.desc().attr(i).type().oid();
        if (index.relam() != org.tusk.catalog.SystemCatalogs.GIST_AM_OID) return stored;
        return org.tusk.catalog.GistOpclassCatalog.inputType(index.index().indclass()[i], stored);
    }

    /** "(cols)=(values)": the index's column names (an expression's text) and the key's output. */
    static String describe(Relation index, Object[] keys, ExecContext ctx) {
        StringBuilder cols = new StringBuilder("(");
        StringBuilder vals = new StringBuilder("(");
        List<String> names = org.tusk.access.index.IndexColumnNames.of(index);
        for (int i = 0; i < index.index().keyCount(); i++) {
            if (i > 0) {
                cols.append(", ");
                vals.append(", ");
            }
            cols.append(names.get(i));
            Object v = keys[i];
            vals.append(v == null ? "null"
                    : BuiltinCatalog.type(keyInputType(index, i)).output().out(v, ctx.outputSettings()));
        }
        return cols.append(")=").append(vals).append(')').toString();
    }
}
