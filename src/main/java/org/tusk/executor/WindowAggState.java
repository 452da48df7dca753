package org.tusk.executor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.catalog.PgAggregate;
import org.tusk.utils.adt.WindowObject;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.WindowFrame;
import org.tusk.utils.adt.InRange;
import org.tusk.utils.error.PgException;

/**
 * nodeWindowAgg.c: reads one partition of its sorted input at a time into memory (the
 * partition buffer, PostgreSQL's tuplestore; here it is not bounded by work_mem and does not
 * spill), then returns its rows one by one, each followed by the values of the window
 * functions for it. Peer groups (rows equal on ORDER BY) are numbered when the partition is
 * read; each row's frame is computed from the frame options as update_frameheadpos and
 * update_frametailpos do, EXCLUDE removing rows from it. Aggregates over a frame whose head did
 * not move and whose tail only grew are advanced incrementally; otherwise they restart from
 * their initial state over the frame (PostgreSQL does the same for aggregates without an
 * inverse transition function).
 */
final class WindowAggState extends PlanState {
    private final Plan.WindowAgg plan;
    private final PlanState child;
    private final ExecContext ctx;
    private final int inWidth;
    private final int options;

    private List<Object[]> rows = List.of();
    private int pos;
    private Object[] pending;
    private boolean inputDone;

    /** WindowAggStatus: computing, passing rows through after the run condition failed, or finished. */
    private enum Status { RUN, PASSTHROUGH, PASSTHROUGH_STRICT, DONE }

    private Status status = Status.RUN;
    /**
     * Whether a failed run condition must keep returning rows (use_pass_through): for the
     * windows above this one, or for the next partitions.
     */
    private final boolean usePassThrough;

    /** Per partition: peer group number of each row, and each group's first and last row. */
    private int[] peerGroup;
    private int[] groupStart;
    private int[] groupEnd;
    private Object startOffset;
    private Object endOffset;
    /** The frame of the current row: [head, tail] (tail < head: empty), as updated row by row. */
    private int head;
    private int tail;
    private final Object[] localStates;
    /** Per aggregate: its transition state, and the frame it covers (-1: none yet). */
    private final Object[] aggStates;
    private final int[] aggHead;
    private final int[] aggTail;
    /** Per aggregate: its moving-aggregate state when it runs in moving-aggregate mode, else null. */
    private final WindowMovingAggregate[] moving;

    WindowAggState(Plan.WindowAgg plan, PlanState child, ExecContext ctx) {
        this.plan = plan;
        this.child = child;
        this.ctx = ctx;
        this.inWidth = plan.child().width();
        this.options = plan.frameOptions();
        int n = plan.funcs().size();
        localStates = new Object[n];
        aggStates = new Object[n];
        aggHead = new int[n];
        aggTail = new int[n];
        moving = new WindowMovingAggregate[n];
        for (int k = 0; k < n; k++) moving[k] = movingImplementation(plan.funcs().get(k));
        usePassThrough = !plan.topWindow() || !plan.partitionColumns().isEmpty();
    }

    @Override
    public Object[] next() {
        while (true) {
            if (status == Status.DONE) return null;
            if (pos >= rows.size()) {
                if (!readPartition()) return null;
                // come out of pass-through mode when changing partition
                status = Status.RUN;
            }
            ctx.session().checkForInterrupts();
            int i = pos++;
            Object[] out = Arrays.copyOf(rows.get(i), inWidth + plan.funcs().size());
            if (status == Status.RUN) {
                updateFrame(i);
                for (int k = 0; k < plan.funcs().size(); k++) out[inWidth + k] = evalFunc(k, i);
                if (plan.runCondition() != null && !ExprEvaluator.qual(plan.runCondition(), out, null, ctx)) {
                    if (!usePassThrough) {
                        // nothing later in the input can satisfy the run condition
                        status = Status.DONE;
                        return null;
                    }
                    // the values are no longer computed: NULL, which the top window's strict qual rejects
                    Arrays.fill(out, inWidth, out.length, null);
                    if (plan.topWindow()) {
                        // PASSTHROUGH_STRICT: the rest of this partition cannot qualify
                        status = Status.PASSTHROUGH_STRICT;
                        pos = rows.size();
                        continue;
                    }
                    status = Status.PASSTHROUGH;
                    return out;
                }
                if (plan.qual() != null && !ExprEvaluator.qual(plan.qual(), out, null, ctx)) continue;
                return out;
            }
            // pass-through: windows above still need the row, the top window does not
            if (!plan.topWindow()) return out;
        }
    }

    /** Reads the next partition (begin_partition / spool_tuples); false at the end of input. */
    private boolean readPartition() {
        if (inputDone) return false;
        if (pending == null) pending = child.next();
        if (pending == null) {
            inputDone = true;
            return false;
        }
        List<Object[]> part = new ArrayList<>();
        part.add(pending);
        Object[] first = pending;
        pending = null;
        Object[] t;
        while ((t = child.next()) != null) {
            if (!samePartition(first, t)) {
                pending = t;
                break;
            }
            part.add(t);
        }
        if (pending == null) inputDone = true;
        rows = part;
        pos = 0;
        numberPeerGroups();
        Arrays.fill(localStates, null);
        Arrays.fill(aggStates, null);
        Arrays.fill(aggHead, -1);
        Arrays.fill(aggTail, -1);
        head = 0;
        tail = -1;
        startOffset = offsetValue(plan.startOffset(), (options & WindowFrame.START_OFFSET) != 0, "starting");
        endOffset = offsetValue(plan.endOffset(), (options & WindowFrame.END_OFFSET) != 0, "ending");
        return true;
    }

    private boolean samePartition(Object[] a, Object[] b) {
        for (int i = 0; i < plan.partitionColumns().size(); i++) {
            int c = plan.partitionColumns().get(i);
            if (!DatumKey.same(plan.partitionTypes().get(i), a[c], b[c])) return false;
        }
        return true;
    }

    private boolean peers(Object[] a, Object[] b) {
        for (Plan.SortKey k : plan.orderKeys()) if (!DatumKey.same(k.type(), a[k.column()], b[k.column()])) return false;
        return true;
    }

    private void numberPeerGroups() {
        int n = rows.size();
        peerGroup = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        int g = 0;
        starts[0] = 0;
        for (int i = 1; i < n; i++) {
            if (!peers(rows.get(i - 1), rows.get(i))) {
                ends[g] = i - 1;
                g++;
                starts[g] = i;
            }
            peerGroup[i] = g;
        }
        ends[g] = n - 1;
        groupStart = Arrays.copyOf(starts, g + 1);
        groupEnd = Arrays.copyOf(ends, g + 1);
    }

    /** The frame offset's value, checked as ExecWindowAgg checks it when a partition begins. */
    private Object offsetValue(Expr e, boolean used, String which) {
        if (!used || e == null) return null;
        Object v = ExprEvaluator.eval(e, null, null, ctx);
        if (v == null) throw PgException.error("22004", "frame " + which + " offset must not be null");
        if ((options & (WindowFrame.ROWS | WindowFrame.GROUPS)) != 0) {
            if (((Number) v).longValue() < 0)
                throw PgException.error("22013", "frame " + which + " offset must not be negative");
        } else {
            InRange.checkOffset(v);
        }
        return v;
    }

    // ------------------------------------------------------------------ frames

    /** update_frameheadpos and update_frametailpos for row {@code i}. */
    private void updateFrame(int i) {
        int n = rows.size();
        int g = peerGroup[i];
        if ((options & WindowFrame.START_UNBOUNDED_PRECEDING) != 0) {
            head = 0;
        } else if ((options & WindowFrame.START_CURRENT_ROW) != 0) {
            head = (options & WindowFrame.ROWS) != 0 ? i : groupStart[g];
        } else if ((options & WindowFrame.ROWS) != 0) {
            long off = ((Number) startOffset).longValue();
            head = (int) clamp((options & WindowFrame.START_OFFSET_PRECEDING) != 0 ? i - off : satAdd(i, off), 0, n);
        } else if ((options & WindowFrame.GROUPS) != 0) {
            long off = ((Number) startOffset).longValue();
            long tg = (options & WindowFrame.START_OFFSET_PRECEDING) != 0 ? g - off : satAdd(g, off);
            head = tg < 0 ? 0 : tg >= groupStart.length ? n : groupStart[(int) tg];
        } else {
            head = rangeHead(i);
        }
        if ((options & WindowFrame.END_UNBOUNDED_FOLLOWING) != 0) {
            tail = n - 1;
        } else if ((options & WindowFrame.END_CURRENT_ROW) != 0) {
            tail = (options & WindowFrame.ROWS) != 0 ? i : groupEnd[g];
        } else if ((options & WindowFrame.ROWS) != 0) {
            long off = ((Number) endOffset).longValue();
            tail = (int) clamp((options & WindowFrame.END_OFFSET_PRECEDING) != 0 ? i - off : satAdd(i, off), -1, n - 1);
        } else if ((options & WindowFrame.GROUPS) != 0) {
            long off = ((Number) endOffset).longValue();
            long tg = (options & WindowFrame.END_OFFSET_PRECEDING) != 0 ? g - off : satAdd(g, off);
            tail = tg < 0 ? -1 : tg >= groupEnd.length ? n - 1 : groupEnd[(int) tg];
        } else {
            tail = rangeTail(i);
        }
    }

    /** pos + offset, saturating: an offset near 2^63 lies beyond every partition, not before it. */
    private static long satAdd(long pos, long off) {
        long r = pos + off;
        return r < pos ? Long.MAX_VALUE : r;
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private Object sortValue(int r) {
        return rows.get(r)[plan.orderKeys().get(0).column()];
    }

    /**
     * RANGE offset frame head: the first row at or after "current -/+ offset" in the sort
     * order. {@code head} still holds the previous row's head here (0 at a partition's start).
     */
    private int rangeHead(int i) {
        Plan.SortKey key = plan.orderKeys().get(0);
        boolean sub = (options & WindowFrame.START_OFFSET_PRECEDING) != 0;
        boolean less = false;
        if (key.desc()) {
            sub = !sub;
            less = true;
        }
        Object cur = sortValue(i);
        // the head only moves forward as the current row does (the rows are sorted), so the
        // search goes on from the previous row's head, as update_frameheadpos does
        int r = Math.max(head, 0);
        for (; r < rows.size(); r++) {
            Object v = sortValue(r);
            if (v == null || cur == null) {
                if (key.nullsFirst() ? (v != null || cur == null) : (v == null || cur != null)) break;
            } else if (InRange.inRange(v, cur, startOffset, sub, less, ctx.timeZone())) {
                break;
            }
        }
        return r;
    }

    /**
     * RANGE offset frame tail: the last row at or before "current -/+ offset" in the sort
     * order, searched onward from the previous row's tail (-1 at a partition's start).
     */
    private int rangeTail(int i) {
        Plan.SortKey key = plan.orderKeys().get(0);
        boolean sub = (options & WindowFrame.END_OFFSET_PRECEDING) != 0;
        boolean less = true;
        if (key.desc()) {
            sub = !sub;
            less = false;
        }
        Object cur = sortValue(i);
        int r = Math.max(tail, -1);
        for (; r + 1 < rows.size(); r++) {
            Object v = sortValue(r + 1);
            if (v == null || cur == null) {
                if (key.nullsFirst() ? (v != null && cur == null) : (v == null && cur != null)) break;
            } else if (!InRange.inRange(v, cur, endOffset, sub, less, ctx.timeZone())) {
                break;
            }
        }
        return r;
    }

    /** Whether row {@code r} of the frame of row {@code i} is left out by EXCLUDE. */
    private boolean excluded(int r, int i) {
        if ((options & WindowFrame.EXCLUDE_CURRENT_ROW) != 0) return r == i;
        if ((options & WindowFrame.EXCLUDE_GROUP) != 0) return peerGroup[r] == peerGroup[i];
        if ((options & WindowFrame.EXCLUDE_TIES) != 0) return r != i && peerGroup[r] == peerGroup[i];
        return false;
    }

    /** The rows of the current row's frame, in order. */
    private int[] frameRows(int i) {
        if (tail < head) return new int[0];
        int[] out = new int[tail - head + 1];
        int n = 0;
        for (int r = head; r <= tail; r++) if (!excluded(r, i)) out[n++] = r;
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    // ------------------------------------------------------------------ functions

    private Object evalFunc(int k, int i) {
        Expr.WindowFunc wf = plan.funcs().get(k);
        if (wf.fn() != null) return wf.fn().impl().call(new Window(k, i));
        return evalAggregate(k, wf, i);
    }

    /** eval_windowaggregates: the aggregate over the frame, advanced incrementally where the frame only grew. */
    private Object evalAggregate(int k, Expr.WindowFunc wf, int i) {
        PgAggregate.Impl impl = wf.agg().impl();
        boolean exclusion = (options & WindowFrame.EXCLUSION) != 0;
        if (moving[k] != null) return evalMovingAggregate(k, wf, moving[k], i, exclusion);
        if (!exclusion && aggHead[k] == head && aggTail[k] >= head - 1 && tail >= aggTail[k]) {
            for (int r = aggTail[k] + 1; r <= tail; r++) aggStates[k] = advance(wf, impl, aggStates[k], r);
        } else {
            Object state = impl.init();
            for (int r : frameRows(i)) state = advance(wf, impl, state, r);
            aggStates[k] = state;
        }
        aggHead[k] = exclusion ? -1 : head;
        aggTail[k] = Math.max(tail, head - 1);
        return impl.finish(ctx, aggStates[k]);
    }

    /**
     * eval_windowaggregates for an aggregate in moving-aggregate mode: rows that left the frame
     * at its head are removed with the inverse transition function and new rows at its tail
     * added; the aggregate restarts from its initial value over the whole frame when the frame
     * does not overlap what it holds, with EXCLUDE, or when the inverse function cannot remove a row.
     */
    private Object evalMovingAggregate(int k, Expr.WindowFunc wf, WindowMovingAggregate agg, int i, boolean exclusion) {
        boolean restart = aggHead[k] < 0 || exclusion || head < aggHead[k] || aggTail[k] < head || tail < aggTail[k];
        if (!restart) {
            for (int r = aggHead[k]; r < head && !restart; r++) {
                Object[] row = rows.get(r);
                if (wf.filter() != null && !ExprEvaluator.qual(wf.filter(), row, null, ctx)) continue;
                restart = !agg.retreat(ctx, rowValue(wf, row));
            }
        }
        if (restart) {
            agg.initialize();
            for (int r : exclusion ? frameRows(i) : range(head, tail)) advanceMoving(wf, agg, r);
        } else {
            for (int r = aggTail[k] + 1; r <= tail; r++) advanceMoving(wf, agg, r);
        }
        aggHead[k] = exclusion ? -1 : head;
        aggTail[k] = Math.max(tail, head - 1);
        return agg.finish(ctx);
    }

    private void advanceMoving(Expr.WindowFunc wf, WindowMovingAggregate agg, int r) {
        Object[] row = rows.get(r);
        if (wf.filter() != null && !ExprEvaluator.qual(wf.filter(), row, null, ctx)) return;
        agg.advance(ctx, rowValue(wf, row));
    }

    /** The aggregated inputs of {@code row}: nothing for agg(*), the value, or an Object[] of them. */
    private Object rowValue(Expr.WindowFunc wf, Object[] row) {
        if (wf.star()) return null;
        Object[] args = new Object[wf.args().size()];
        for (int a = 0; a < args.length; a++) args[a] = ExprEvaluator.eval(wf.args().get(a), row, null, ctx);
        return args.length == 1 ? args[0] : args;
    }

    private static int[] range(int from, int to) {
        return to < from ? new int[0] : java.util.stream.IntStream.rangeClosed(from, to).toArray();
    }

    /**
     * initialize_peragg's use_ma_code: the moving implementation of an aggregate that has one,
     * unless the frame head cannot move (UNBOUNDED PRECEDING). Aggregates whose arguments call
     * volatile functions were given their plain implementation by the planner (WindowPlanner),
     * which still sees the arguments as written.
     */
    private WindowMovingAggregate movingImplementation(Expr.WindowFunc wf) {
        if (wf.agg() == null || !(wf.agg().impl() instanceof org.tusk.catalog.MovingUserAggregate m)) return null;
        if ((options & WindowFrame.START_UNBOUNDED_PRECEDING) != 0) return null;
        return new WindowMovingAggregate(m.moving());
    }

    /** advance_windowaggregate: FILTER, then the transition, skipping a NULL first argument (strict). */
    private Object advance(Expr.WindowFunc wf, PgAggregate.Impl impl, Object state, int r) {
        Object[] row = rows.get(r);
        if (wf.filter() != null && !ExprEvaluator.qual(wf.filter(), row, null, ctx)) return state;
        if (wf.star()) return impl.transition(ctx, state, null);
        Object[] args = new Object[wf.args().size()];
        for (int a = 0; a < args.length; a++) args[a] = ExprEvaluator.eval(wf.args().get(a), row, null, ctx);
        if (args[0] == null && impl.strict()) return state;
        return impl.transition(ctx, state, args.length == 1 ? args[0] : args);
    }

    /** The WindowObject of function {@code k} at row {@code i}. */
    private final class Window implements WindowObject {
        private final int k;
        private final int i;
        private int[] frame;

        Window(int k, int i) {
            this.k = k;
            this.i = i;
        }

        public long partitionRowCount() { return rows.size(); }

        public long currentPosition() { return i; }

        public boolean rowsArePeers(long p1, long p2) { return peerGroup[(int) p1] == peerGroup[(int) p2]; }

        private Object arg(int argno, int r) {
            return ExprEvaluator.eval(plan.funcs().get(k).args().get(argno), rows.get(r), null, ctx);
        }

        public Object argCurrent(int argno) { return arg(argno, i); }

        public Object argInPartition(int argno, long relpos, Seek seek, boolean[] isOut) {
            long base = switch (seek) {
                case CURRENT -> i;
                case HEAD -> 0;
                case TAIL -> rows.size() - 1;
            };
            long p = base + relpos;
            isOut[0] = p < 0 || p >= rows.size();
            return isOut[0] ? null : arg(argno, (int) p);
        }

        public Object argInFrame(int argno, long relpos, Seek seek, boolean[] isOut) {
            if ((options & WindowFrame.EXCLUSION) == 0 && seek != Seek.CURRENT) {
                // without EXCLUDE the frame is the contiguous rows head..tail: no need to list them
                long p = seek == Seek.HEAD ? head + relpos : tail + relpos;
                isOut[0] = tail < head || p < head || p > tail;
                return isOut[0] ? null : arg(argno, (int) p);
            }
            if (frame == null) frame = frameRows(i);
            long p = switch (seek) {
                case HEAD -> relpos;
                case TAIL -> frame.length - 1 + relpos;
                case CURRENT -> {
                    int at = Arrays.binarySearch(frame, i);
                    yield at < 0 ? -1 : at + relpos;
                }
            };
            isOut[0] = p < 0 || p >= frame.length;
            return isOut[0] ? null : arg(argno, frame[(int) p]);
        }

        public Object localState() { return localStates[k]; }

        public void setLocalState(Object state) { localStates[k] = state; }
    }

    @Override
    public void close() { child.close(); }
}
