package org.tusk.executor;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.utils.adt.Comparisons;
import org.tusk.utils.error.PgException;

/**
 * Builds the PlanState tree for a plan (ExecInitNode) and defines the node implementations
 * (nodeResult.c, nodeSeqscan.c, nodeAgg.c, nodeSort.c, nodeLimit.c, nodeValuesscan.c); scans of tables,
 * index scans and ModifyTable have their own classes.
 */
public final class Executor {
    private Executor() {}

    public static PlanState init(Plan plan, ExecContext ctx) {
        PlanState state = initNode(plan, ctx);
        Instrumentation instr = ctx.instrumentFor(plan);
        return instr == null ? state : new Instrumentation.Counting(state, instr);
    }

    private static PlanState initNode(Plan plan, ExecContext ctx) {
        switch (plan) {
            case Plan.SeqScan s -> ScannableCheck.check(s.rte(), ctx);
            case Plan.IndexScan s -> ScannableCheck.check(s.rte(), ctx);
            case Plan.BitmapHeapScan b -> ScannableCheck.check(b.rte(), ctx);
            case Plan.ModifyTable m -> ResultRelationCheck.check(m.target().table(), ctx);
            default -> { }
        }
        return switch (plan) {
            case Plan.Result r -> new ResultState(r, ctx);
            case Plan.SeqScan s -> s.rte().isTable() ? new TableSeqScanState(s, ctx) : new SeqScanState(s, ctx);
            case Plan.IndexScan s -> s.indexOnly() ? new IndexOnlyScanState(s, ctx) : new IndexScanState(s, ctx);
            case Plan.BitmapHeapScan b -> new BitmapHeapScanState(b, ctx);
            case Plan.ValuesScan v -> new ValuesScanState(v, ctx);
            case Plan.FunctionScan f -> new FunctionScanState(f, ctx);
            case Plan.ProjectSet p -> new ProjectSetState(p, init(p.child(), ctx), ctx);
            case Plan.ModifyTable m -> new ModifyTableState(m, init(m.source(), ctx), ctx);
            case Plan.Agg a -> new AggState(a, init(a.child(), ctx), ctx);
            case Plan.WindowAgg w -> new WindowAggState(w, init(w.child(), ctx), ctx);
            case Plan.Sort s -> new SortState(s, init(s.child(), ctx), ctx);
            case Plan.Limit l -> new LimitState(l, init(l.child(), ctx), ctx);
            case Plan.GatingResult g -> new GatingResultState(g, init(g.child(), ctx), ctx);
            case Plan.LockRows l -> new LockRowsState(l, init(l.child(), ctx), ctx);
            case Plan.SubqueryScan s -> new SubqueryScanState(s, init(s.child(), ctx), ctx);
            case Plan.NestLoop n -> new NestLoopState(n, init(n.outer(), ctx), ctx);
            case Plan.Memoize m -> new MemoizeState(m, ctx);
            case Plan.HashJoin h -> new HashJoinState(h, init(h.outer(), ctx), init(h.inner(), ctx), ctx);
            case Plan.MergeJoin m -> new MergeJoinState(m, init(m.outer(), ctx), init(m.inner(), ctx), ctx);
            case Plan.Unique u -> new SetStates.UniqueState(u, init(u.child(), ctx));
            case Plan.Append a -> new SetStates.AppendState(a, ctx);
            case Plan.MergeAppend a -> new SetStates.MergeAppendState(a, ctx);
            case Plan.SetOp o -> new SetStates.SetOpState(o, init(o.left(), ctx), init(o.right(), ctx));
            case Plan.CteScan c -> new CteScanState(ctx.cteBuffer(c.cteId(), c.ctePlan()));
            case Plan.ModifyingCtes m -> new CteScanState.ModifyingCtesState(init(m.plan(), ctx), m, ctx);
            case Plan.WorkTableScan w -> new SetStates.WorkTableScanState(w, ctx);
            case Plan.RecursiveUnion r -> new SetStates.RecursiveUnionState(r, ctx);
        };
    }

    /** es_processed of a ModifyTable plan's state: rows inserted, updated or deleted so far (0 for other nodes). */
    public static long processedRows(PlanState state) {
        if (state instanceof Instrumentation.Counting c) state = c.node();
        if (state instanceof CteScanState.ModifyingCtesState m) return processedRows(m.main());
        if (state instanceof SetStates.AppendState a) return a.processed();
        return state instanceof ModifyTableState m ? m.processed() : 0;
    }

    /** The outer tuple followed by the inner one (either may be null: all-NULL columns). */
    static Object[] concat(Object[] outer, int outerWidth, Object[] inner, int innerWidth) {
        Object[] t = new Object[outerWidth + innerWidth];
        if (outer != null) System.arraycopy(outer, 0, t, 0, Math.min(outer.length, outerWidth));
        if (inner != null) System.arraycopy(inner, 0, t, outerWidth, Math.min(inner.length, innerWidth));
        return t;
    }

    static Object[] project(List<Expr> tlist, Object[] tuple, Object[] aggValues, ExecContext ctx) {
        Object[] out = new Object[tlist.size()];
        for (int i = 0; i < out.length; i++) out[i] = ExprEvaluator.eval(tlist.get(i), tuple, aggValues, ctx);
        return out;
    }

    static final class ResultState extends PlanState {
        private final Plan.Result plan;
        private final ExecContext ctx;
        private boolean done;

        ResultState(Plan.Result plan, ExecContext ctx) {
            this.plan = plan;
            this.ctx = ctx;
        }

        @Override
        public Object[] next() {
            if (done) return null;
            done = true;
            if (!ExprEvaluator.qual(plan.qual(), new Object[0], null, ctx)) return null;
            return project(plan.targetList(), new Object[0], null, ctx);
        }
    }

    /**
     * nodeResult.c with an outer plan: the one-time qual (resconstantqual) is checked on the
     * first call; when it fails no row is returned and the child is never read.
     */
    static final class GatingResultState extends PlanState {
        private final Plan.GatingResult plan;
        private final PlanState child;
        private final ExecContext ctx;
        private boolean checked, failed;

        GatingResultState(Plan.GatingResult plan, PlanState child, ExecContext ctx) {
            this.plan = plan;
            this.child = child;
            this.ctx = ctx;
        }

        PlanState child() { return child; }

        @Override
        public Object[] next() {
            if (!checked) {
                checked = true;
                failed = !ExprEvaluator.qual(plan.qual(), new Object[0], null, ctx);
            }
            return failed ? null : child.next();
        }

        @Override
        public void close() { child.close(); }
    }

    /** nodeValuesscan.c: each VALUES row, its expressions evaluated without an input tuple. */
    static final class ValuesScanState extends PlanState {
        private final Plan.ValuesScan plan;
        private final ExecContext ctx;
        private int next;

        ValuesScanState(Plan.ValuesScan plan, ExecContext ctx) {
            this.plan = plan;
            this.ctx = ctx;
        }

        @Override
        public Object[] next() {
            if (next >= plan.rows().size()) return null;
            ctx.session().checkForInterrupts();
            return project(plan.rows().get(next++), new Object[0], null, ctx);
        }
    }

    /** Sequential scan of a system view (a {@link org.tusk.catalog.ScannableRelation}). */
    static final class SeqScanState extends PlanState {
        private final Plan.SeqScan plan;
        private final ExecContext ctx;
        private Iterator<Object[]> it;
        private final List<ColumnDef> cols;

        SeqScanState(Plan.SeqScan plan, ExecContext ctx) {
            this.plan = plan;
            this.ctx = ctx;
            this.cols = plan.rte().columns();
        }

        @Override
        public Object[] next() {
            if (it == null) it = plan.rte().relation().scan();
            while (it.hasNext()) {
                ctx.session().checkForInterrupts();
                Object[] raw = it.next();
                Object[] tuple = normalize(raw);
                if (!ExprEvaluator.qual(plan.qual(), tuple, null, ctx)) continue;
                return plan.targetList() == null ? tuple : project(plan.targetList(), tuple, null, ctx);
            }
            return null;
        }

        /** Brings a provider's row to the internal Datum form of each column type. */
        private Object[] normalize(Object[] raw) {
            Object[] t = new Object[cols.size()];
            for (int i = 0; i < t.length; i++) {
                Object v = i < raw.length ? raw[i] : null;
                int type = cols.get(i).typeOid();
                if (v == null) continue;
                if (v instanceof String s && type != TEXT && type != VARCHAR && type != NAME && type != UNKNOWN) {
                    v = BuiltinCatalog.type(type).input().in(s, ctx.inputSettings());
                } else if (v instanceof Number n && !(v instanceof BigDecimal)) {
                    v = switch (type) {
                        case INT2 -> n.shortValue();
                        case INT4 -> n.intValue();
                        case INT8, OID, XID -> n.longValue();
                        case FLOAT4 -> n.floatValue();
                        case FLOAT8 -> n.doubleValue();
                        case NUMERIC -> v instanceof Double || v instanceof Float ? BigDecimal.valueOf(n.doubleValue())
                                : BigDecimal.valueOf(n.longValue());
                        default -> v;
                    };
                } else if (v instanceof java.net.InetAddress a && type == INET) {
                    v = org.tusk.utils.adt.Inet.of(a);
                }
                t[i] = v;
            }
            return t;
        }

        @Override
        public void close() {
            if (it instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // ignore
                }
            }
        }
    }

    /**
     * nodeSort.c: reads all input into a {@link org.tusk.utils.sort.Tuplesort} bounded by
     * work_mem (spilling to base/pgsql_tmp past it), then returns the tuples in order. NULLs sort
     * by each key's NULLS FIRST/LAST; values compare by the key type's default btree operator
     * class (a character key with trailing blanks insignificant, bpcharcmp); ties keep input
     * order. The sort's temporary file is
     * registered with the statement so it is removed even if the statement fails.
     */
    static final class SortState extends PlanState {
        private final Plan.Sort plan;
        private final PlanState child;
        private final ExecContext ctx;
        private org.tusk.utils.sort.Tuplesort sort;
        /** The rows a Limit above needs (ExecSetTupleBound); 0: unbounded. */
        long bound;

        SortState(Plan.Sort plan, PlanState child, ExecContext ctx) {
            this.plan = plan;
            this.child = child;
            this.ctx = ctx;
        }

        @Override
        public Object[] next() {
            if (sort == null) {
                sort = new org.tusk.utils.sort.Tuplesort(this::compare, workMemKb(ctx), dataDirectory(ctx));
                ctx.registerResource(sort);
                Object[] t;
                long n = 0;
                while ((t = child.next()) != null) {
                    sort.put(t);
                    n++;
                }
                sort.performSort();
                Instrumentation instr = ctx.instrumentation(plan);
                // tuplesort switches a bounded sort to a top-N heap once it holds more than twice
                // the bound (make_bounded_heap); all rows are still sorted here, the order is the same
                String method = bound > 0 && n > 2 * bound && !sort.spilled() ? "top-N heapsort" : sort.method();
                // an Incremental Sort reports its groups' sorts differently (show_incremental_sort_info): not drawn yet
                if (instr != null && plan.presorted() == 0) instr.recordSort(method, sort.spaceUsedKb(), sort.spilled());
            }
            return sort.next();
        }

        private int compare(Object[] a, Object[] b) {
            return compareKeys(plan.keys(), a, b);
        }

        @Override
        public void close() {
            if (sort != null) {
                sort.close();
                ctx.forgetResource(sort);
            }
            child.close();
        }
    }

    /** The order of two rows by sort keys (each column's type's comparison, NULLs placed as the key says). */
    static int compareKeys(List<Plan.SortKey> keys, Object[] a, Object[] b) {
        for (Plan.SortKey k : keys) {
            Object x = a[k.column()], y = b[k.column()];
            if (x == null || y == null) {
                if (x == y) continue;
                return (x == null) == k.nullsFirst() ? -1 : 1;
            }
            int c = Comparisons.compare(k.type(), x, y);
            if (c != 0) return k.desc() ? -c : c;
        }
        return 0;
    }

    /** work_mem in kB, as the session shows it ("4MB", "64kB"). */
    static long workMemKb(ExecContext ctx) {
        try {
            String v = ctx.session().showSetting("work_mem").strip();
            int i = 0;
            while (i < v.length() && Character.isDigit(v.charAt(i))) i++;
            long n = Long.parseLong(v.substring(0, i));
            return switch (v.substring(i).strip()) {
                case "MB" -> n * 1024;
                case "GB" -> n * 1024 * 1024;
                case "TB" -> n * 1024 * 1024 * 1024;
                default -> n;
            };
        } catch (RuntimeException e) {
            return 4096;
        }
    }

    /** The data directory, under which temporary files go; null if unknown (the sort then stays in memory). */
    static java.nio.file.Path dataDirectory(ExecContext ctx) {
        try {
            String d = ctx.session().showSetting("data_directory");
            return d == null || d.isBlank() ? null : java.nio.file.Path.of(d);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * ExecSetTupleBound: the rows a Limit needs of a Sort below it (through filterless Subquery
     * Scans), so that the sort reports itself as PostgreSQL's bounded sort does.
     */
    private static void setTupleBound(PlanState s, long bound) {
        if (s instanceof Instrumentation.Counting c) setTupleBound(c.node(), bound);
        else if (s instanceof SortState sort) sort.bound = bound;
        else if (s instanceof SubqueryScanState sq && sq.hasNoQual()) setTupleBound(sq.child(), bound);
    }

    static final class LimitState extends PlanState {
        private final Plan.Limit plan;
        private final PlanState child;

        PlanState child() { return child; }
        private final ExecContext ctx;
        private long remaining = -1;
        private boolean started;

        LimitState(Plan.Limit plan, PlanState child, ExecContext ctx) {
            this.plan = plan;
            this.child = child;
            this.ctx = ctx;
        }

        @Override
        public Object[] next() {
            if (!started) {
                started = true;
                long offset = 0;
                if (plan.offset() != null) {
                    Object o = ExprEvaluator.eval(plan.offset(), null, null, ctx);
                    if (o != null) {
                        offset = (Long) o;
                        if (offset < 0) throw PgException.error("2201X", "OFFSET must not be negative");
                    }
                }
                if (plan.count() != null) {
                    Object c = ExprEvaluator.eval(plan.count(), null, null, ctx);
                    if (c != null) {
                        remaining = (Long) c;
                        if (remaining < 0) throw PgException.error("2201W", "LIMIT must not be negative");
                    }
                }
                if (remaining > 0) setTupleBound(child, offset + remaining);
                if (remaining == 0) return null;
                for (long i = 0; i < offset; i++) if (child.next() == null) {
                    remaining = 0;
                    return null;
                }
            }
            if (remaining == 0) return null;
            Object[] t = child.next();
            if (t == null) {
                remaining = 0;
                return null;
            }
            if (remaining > 0) remaining--;
            return t;
        }

        @Override
        public void close() { child.close(); }
    }
}
