package org.tusk.executor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/** The nodes of set operations and recursive queries: Unique, Append, SetOp, WorkTableScan, RecursiveUnion. */
final class SetStates {
    private SetStates() {}

    /** nodeUnique.c: drops a row equal on the given columns (by each one's type's equality) to the row before it. */
    static final class UniqueState extends PlanState {
        private final Plan.Unique plan;
        private final PlanState child;
        private Object[] prev;

        UniqueState(Plan.Unique plan, PlanState child) {
            this.plan = plan;
            this.child = child;
        }

        @Override
        public Object[] next() {
            Object[] t;
            while ((t = child.next()) != null) {
                if (prev != null && same(prev, t)) continue;
                prev = t;
                return t;
            }
            return null;
        }

        private boolean same(Object[] a, Object[] b) {
            for (int i = 0; i < plan.columns().size(); i++) {
                int c = plan.columns().get(i);
                if (!DatumKey.same(plan.types().get(i), a[c], b[c])) return false;
            }
            return true;
        }

        @Override
        public void close() { child.close(); }
    }

    /**
     * nodeMergeAppend.c: every child is started and its first row read; then the least row by
     * the sort keys is returned each time (a heap of one row per child, ties to the earlier
     * child), and its child read again only when the next row is asked for.
     */
    static final class MergeAppendState extends PlanState {
        private final Plan.MergeAppend plan;
        private final ExecContext ctx;
        private PlanState[] children;
        private Object[][] heads;
        private java.util.PriorityQueue<Integer> heap;
        private int last = -1;

        MergeAppendState(Plan.MergeAppend plan, ExecContext ctx) {
            this.plan = plan;
            this.ctx = ctx;
        }

        @Override
        public Object[] next() {
            if (children == null) {
                int n = plan.children().size();
                children = new PlanState[n];
                heads = new Object[n][];
                heap = new java.util.PriorityQueue<>((a, b) -> {
                    int c = Executor.compareKeys(plan.keys(), heads[a], heads[b]);
                    return c != 0 ? c : Integer.compare(a, b);
                });
                for (int i = 0; i < n; i++) {
                    children[i] = Executor.init(plan.children().get(i), ctx);
                    heads[i] = children[i].next();
                    if (heads[i] != null) heap.add(i);
                }
            } else if (last >= 0) {
                heads[last] = children[last].next();
                if (heads[last] != null) heap.add(last);
            }
            Integer i = heap.poll();
            if (i == null) {
                last = -1;
                return null;
            }
            last = i;
            return heads[i];
        }

        @Override
        public void close() {
            if (children != null) for (PlanState c : children) if (c != null) c.close();
        }
    }

    /** nodeAppend.c: the children's rows one child after the other. */
    static final class AppendState extends PlanState {
        private final Plan.Append plan;
        private final ExecContext ctx;
        private int current = -1;
        private PlanState state;
        private long processed;

        /** UPDATE/DELETE of a partitioned table: its statement triggers, fired once around its leaves' changes. */
        private RootStatementTriggers rootTriggers;

        AppendState(Plan.Append plan, ExecContext ctx) {
            this.plan = plan;
            this.ctx = ctx;
        }

        /** The state of child {@code i} if it is the one running now, else null. */
        PlanState running(int i) {
            return i == current ? state : null;
        }

        @Override
        public Object[] next() {
            if (current == -1) rootTriggers = RootStatementTriggers.begin(plan, ctx);
            while (true) {
                if (state == null) {
                    if (++current >= plan.children().size()) {
                        if (rootTriggers != null) {
                            rootTriggers.end();
                            rootTriggers = null;
                        }
                        return null;
                    }
                    state = Executor.init(plan.children().get(current), ctx);
                }
                Object[] t = state.next();
                if (t != null) return t;
                state.close();
                processed += Executor.processedRows(state);
                state = null;
            }
        }

        /** Rows the finished children processed, when they are ModifyTables (UPDATE/DELETE of an inheritance tree). */
        long processed() {
            return processed;
        }

        @Override
        public void close() {
            if (state != null) state.close();
        }
    }

    /**
     * nodeSetOp.c with the hashed strategy: counts per distinct row on each side, then emits the
     * first row seen of each group (rows are equal by their columns' types: a character column
     * without its trailing blanks).
     */
    static final class SetOpState extends PlanState {
        private final Plan.SetOp plan;
        private final PlanState left, right;
        private final int[] types;
        private Iterator<Map.Entry<DatumKey, long[]>> it;
        private Object[] row;
        private long remaining;

        SetOpState(Plan.SetOp plan, PlanState left, PlanState right) {
            this.plan = plan;
            this.left = left;
            this.right = right;
            this.types = DatumKey.types(plan.colTypes());
        }

        @Override
        public Object[] next() {
            if (it == null) {
                Map<DatumKey, long[]> counts = new LinkedHashMap<>();
                Object[] t;
                while ((t = left.next()) != null) counts.computeIfAbsent(new DatumKey(t, types), k -> new long[2])[0]++;
                while ((t = right.next()) != null) {
                    long[] c = counts.get(new DatumKey(t, types));
                    if (c != null) c[1]++;
                }
                it = counts.entrySet().iterator();
            }
            while (remaining == 0) {
                if (!it.hasNext()) return null;
                Map.Entry<DatumKey, long[]> e = it.next();
                long l = e.getValue()[0], r = e.getValue()[1];
                row = e.getKey().values();
                if (plan.op() == Query.SetOpType.INTERSECT) remaining = plan.all() ? Math.min(l, r) : (l > 0 && r > 0 ? 1 : 0);
                else remaining = plan.all() ? Math.max(l - r, 0) : (l > 0 && r == 0 ? 1 : 0);
            }
            remaining--;
            return row;
        }

        @Override
        public void close() {
            left.close();
            right.close();
        }
    }

    /** nodeWorktablescan.c: the rows of the enclosing RecursiveUnion's previous round. */
    static final class WorkTableScanState extends PlanState {
        private final Iterator<Object[]> rows;

        @SuppressWarnings("unchecked")
        WorkTableScanState(Plan.WorkTableScan plan, ExecContext ctx) {
            Object v = ctx.execParam(plan.paramId());
            this.rows = v == null ? List.<Object[]>of().iterator() : ((List<Object[]>) v).iterator();
        }

        @Override
        public Object[] next() { return rows.hasNext() ? rows.next() : null; }
    }

    /**
     * nodeRecursiveunion.c: the non-recursive term's rows, then rounds of the recursive term
     * over the previous round's rows (the work table) until one yields no new row. UNION (not
     * ALL) keeps every row emitted so far to drop repeats.
     */
    static final class RecursiveUnionState extends PlanState {
        private final Plan.RecursiveUnion plan;
        private final ExecContext ctx;
        private PlanState nonRecursive, recursive;
        private List<Object[]> intermediate = new ArrayList<>();
        private final Set<DatumKey> seen = new HashSet<>();
        private final int[] types;
        private boolean done;

        RecursiveUnionState(Plan.RecursiveUnion plan, ExecContext ctx) {
            this.plan = plan;
            this.ctx = ctx;
            this.nonRecursive = Executor.init(plan.nonRecursive(), ctx);
            this.types = DatumKey.types(plan.colTypes());
        }

        @Override
        public Object[] next() {
            while (!done) {
                Object[] t;
                if (nonRecursive != null) {
                    t = nonRecursive.next();
                    if (t == null) {
                        nonRecursive.close();
                        nonRecursive = null;
                        startRound();
                        continue;
                    }
                } else {
                    ctx.session().checkForInterrupts();
                    t = recursive.next();
                    if (t == null) {
                        recursive.close();
                        startRound();
                        continue;
                    }
                }
                if (plan.distinct() && !seen.add(new DatumKey(t, types))) continue;
                intermediate.add(t);
                return t;
            }
            return null;
        }

        private void startRound() {
            if (intermediate.isEmpty()) {
                done = true;
                return;
            }
            ctx.setExecParam(plan.wtParam(), intermediate);
            ctx.resetCtesReadingWorkTable(plan.wtParam());
            intermediate = new ArrayList<>();
            recursive = Executor.init(plan.recursive(), ctx);
        }

        @Override
        public void close() {
            if (nonRecursive != null) nonRecursive.close();
            if (recursive != null) recursive.close();
        }
    }
}
