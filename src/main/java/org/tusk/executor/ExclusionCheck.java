package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.access.table.DirtyCheck;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * check_exclusion_or_unique_constraint (execIndexing.c) for the index of an EXCLUDE constraint,
 * once the new row's entry is in the index: the index is searched with the constraint's
 * operators for the new key, and any other row found that is live under a dirty snapshot
 * conflicts. Tusk's exclusion constraints are B-tree ones, whose only operator that is its own
 * commutator and a member of the operator family is equality, so the search is an equality scan.
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
                if (conflicting(env, ctx, heap, index, keys, slot.tid()) == null) continue;
                // the operators are equality, so the other row's key has these values too
                Object[] otherKeys = keys;
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
        List<ScanKey> scanKeys = new ArrayList<>();
        for (int i = 0; i < index.index().keyCount(); i++) scanKeys.add(new ScanKey(i + 1, ScanKey.Strategy.EQUAL, keys[i]));
        while (true) {
            int waitXid = 0;
            try (IndexScan scan = env.indexAm().beginScan(index, scanKeys, false)) {
                ItemPointer tid;
                while ((tid = scan.next()) != null) {
                    if (tid.equals(self)) continue;
                    DirtyCheck dc = env.tableAm().checkDirty(heap, tid);
                    if (!dc.live()) continue;
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
        List<ScanKey> scanKeys = new ArrayList<>();
        for (int i = 0; i < index.index().keyCount(); i++) scanKeys.add(new ScanKey(i + 1, ScanKey.Strategy.EQUAL, keys[i]));
        while (true) {
            int waitXid = 0;
            try (IndexScan scan = env.indexAm().beginScan(index, scanKeys, false)) {
                ItemPointer tid;
                while ((tid = scan.next()) != null) {
                    ctx.session().checkForInterrupts();
                    if (tid.equals(self)) continue;
                    DirtyCheck dc = env.tableAm().checkDirty(heap, tid);
                    if (!dc.live()) continue;
                    if (!wait) return true;
                    if (dc.waitXid() != 0) {
                        waitXid = dc.waitXid();
                        break;
                    }
                    throw violation(heap, index, keys, ctx);
                }
            }
            if (waitXid == 0) return false;
            env.waitForTransaction(waitXid);   // with the scan ended; then look again
        }
    }

    /** The 23P01 report, with both keys described as BuildIndexValueDescription does. */
    static PgException violation(Relation heap, Relation index, Object[] keys, ExecContext ctx) {
        String key = describe(index, keys, ctx);
        return PgException.error("23P01", "conflicting key value violates exclusion constraint \"" + index.name() + "\"")
                .withDetail("Key " + key + " conflicts with existing key " + key + ".")
                .withObjects(new PgException.ErrorObjects(null, heap.name(), null, null, index.name()));
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
                    : BuiltinCatalog.type(index.desc().attr(i).type().oid()).output().out(v, ctx.outputSettings()));
        }
        return cols.append(")=").append(vals).append(')').toString();
    }
}
