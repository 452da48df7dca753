package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Plan;
import org.tusk.storage.page.ItemPointer;

/**
 * The scans and row marks of a cursor's plan that WHERE CURRENT OF can address, and the TID each
 * stood on when the plan returned a row (see {@link ExecCurrent}).
 *
 * <p>Scans are the table scans reached from the top through Append, Limit and SubqueryScan, the
 * nodes execCurrent.c's search_plan_tree passes through, numbered in pre-order; row marks are the
 * LockRows nodes reached through Limit, LockRows, SubqueryScan and Append (PostgreSQL's
 * es_rowmarks, one per FOR UPDATE/SHARE table). {@link #capture} reads the live plan state
 * after each row: a scan of an Append child that is not the one running, or a scan that has run
 * out, is not on a row. Built and read by the one backend running the cursor; no locking.
 */
public final class ScanPositions {
    private final Plan root;
    private final List<Integer> scanTables = new ArrayList<>();
    private final List<Integer> markTables = new ArrayList<>();
    /** Per row mark: whether its table is scanned with its inheritance children. */
    private final List<Boolean> markParents = new ArrayList<>();

    private ScanPositions(Plan root) {
        this.root = root;
        collect(root);
    }

    /** The positions of a SELECT's plan. */
    public static ScanPositions of(Plan plan) {
        return new ScanPositions(plan);
    }

    /**
     * The TIDs recorded with one row: per scan, then per row mark (null: not on a row), and
     * per row mark the table whose row it locked (an inheritance child of the mark's table).
     */
    public record Row(ItemPointer[] scans, ItemPointer[] marks, int[] markOids) {
        ItemPointer scanTid(int i) { return scans[i]; }

        ItemPointer rowMarkTid(int i) { return marks[i]; }

        int rowMarkOid(int i) { return markOids[i]; }
    }

    boolean hasRowMarks() { return !markTables.isEmpty(); }

    int rowMarkCount() { return markTables.size(); }

    int rowMarkTable(int i) { return markTables.get(i); }

    boolean rowMarkIsParent(int i) { return markParents.get(i); }

    private void collect(Plan p) {
        switch (p) {
            case Plan.SeqScan s when s.rte().isTable() -> scanTables.add(s.rte().table().oid());
            case Plan.IndexScan s -> scanTables.add(s.rte().table().oid());
            case Plan.BitmapHeapScan s -> scanTables.add(s.rte().table().oid());
            case Plan.Append a -> { for (Plan c : a.children()) collect(c); }
            case Plan.Limit l -> collect(l.child());
            case Plan.GatingResult g -> collect(g.child());
            case Plan.SubqueryScan s -> collect(s.child());
            case Plan.LockRows l -> {
                for (Plan.PlanRowMark m : l.rowMarks()) {
                    markTables.add(m.rte().table().oid());
                    markParents.add(m.isParent());
                }
                collectMarks(l.child());
            }
            default -> { }
        }
    }

    /** Below a LockRows only further row marks count: with row marks no scan is searched. */
    private void collectMarks(Plan p) {
        switch (p) {
            case Plan.LockRows l -> {
                for (Plan.PlanRowMark m : l.rowMarks()) {
                    markTables.add(m.rte().table().oid());
                    markParents.add(m.isParent());
                }
                collectMarks(l.child());
            }
            case Plan.Limit l -> collectMarks(l.child());
            case Plan.GatingResult g -> collectMarks(g.child());
            case Plan.SubqueryScan s -> collectMarks(s.child());
            default -> { }
        }
    }

    /**
     * search_plan_tree: the number of the one scan of table {@code tableOid}, or -1 if there is
     * none or an Append has more than one (then the cursor is not a simply updatable scan).
     */
    int searchPlanTree(int tableOid) {
        int[] next = {0};
        return search(root, tableOid, next);
    }

    private int search(Plan p, int tableOid, int[] next) {
        switch (p) {
            case Plan.SeqScan s when s.rte().isTable() -> {
                int i = next[0]++;
                return s.rte().table().oid() == tableOid ? i : -1;
            }
            case Plan.IndexScan s -> {
                int i = next[0]++;
                return s.rte().table().oid() == tableOid ? i : -1;
            }
            case Plan.BitmapHeapScan s -> {
                int i = next[0]++;
                return s.rte().table().oid() == tableOid ? i : -1;
            }
            case Plan.Append a -> {
                int found = -1;
                boolean multiple = false;
                for (Plan c : a.children()) {
                    int r = search(c, tableOid, next);
                    if (r < 0) continue;
                    if (found >= 0) multiple = true;
                    found = r;
                }
                return multiple ? -1 : found;
            }
            case Plan.Limit l -> { return search(l.child(), tableOid, next); }
            case Plan.GatingResult g -> { return search(g.child(), tableOid, next); }
            case Plan.SubqueryScan s -> { return search(s.child(), tableOid, next); }
            default -> { return -1; }
        }
    }

    /** The TIDs the plan's scans and row marks stand on now, just after {@code state} returned a row. */
    public Row capture(PlanState state) {
        ItemPointer[] scans = new ItemPointer[scanTables.size()];
        ItemPointer[] marks = new ItemPointer[markTables.size()];
        int[] oids = new int[markTables.size()];
        int[] next = {0, 0};
        capture(root, state, scans, marks, oids, next);
        return new Row(scans, marks, oids);
    }

    private void capture(Plan p, PlanState s, ItemPointer[] scans, ItemPointer[] marks, int[] oids, int[] next) {
        while (s instanceof Instrumentation.Counting c) s = c.node();
        switch (p) {
            case Plan.SeqScan sc when sc.rte().isTable() -> scans[next[0]++] = s == null ? null : ((TableSeqScanState) s).currentTid();
            case Plan.IndexScan sc -> scans[next[0]++] = s == null ? null
                    : s instanceof IndexOnlyScanState o ? o.currentTid() : ((IndexScanState) s).currentTid();
            case Plan.BitmapHeapScan sc -> scans[next[0]++] = s == null ? null : ((BitmapHeapScanState) s).currentTid();
            case Plan.Append a -> {
                SetStates.AppendState as = (SetStates.AppendState) s;
                for (int i = 0; i < a.children().size(); i++)
                    capture(a.children().get(i), as != null ? as.running(i) : null, scans, marks, oids, next);
            }
            case Plan.Limit l -> capture(l.child(), s == null ? null : ((Executor.LimitState) s).child(), scans, marks, oids, next);
            case Plan.GatingResult g -> capture(g.child(), s == null ? null : ((Executor.GatingResultState) s).child(), scans,
                    marks, oids, next);
            case Plan.SubqueryScan sq -> capture(sq.child(), s == null ? null : ((SubqueryScanState) s).child(), scans, marks, oids, next);
            case Plan.LockRows l -> {
                LockRowsState ls = (LockRowsState) s;
                for (int m = 0; m < l.rowMarks().size(); m++) {
                    oids[next[1]] = ls == null ? 0 : ls.currentOid(m);
                    marks[next[1]++] = ls == null ? null : ls.currentTid(m);
                }
                captureMarks(l.child(), ls == null ? null : ls.child(), marks, oids, next);
            }
            default -> { }
        }
    }

    private void captureMarks(Plan p, PlanState s, ItemPointer[] marks, int[] oids, int[] next) {
        while (s instanceof Instrumentation.Counting c) s = c.node();
        switch (p) {
            case Plan.LockRows l -> {
                LockRowsState ls = (LockRowsState) s;
                for (int m = 0; m < l.rowMarks().size(); m++) {
                    oids[next[1]] = ls == null ? 0 : ls.currentOid(m);
                    marks[next[1]++] = ls == null ? null : ls.currentTid(m);
                }
                captureMarks(l.child(), ls == null ? null : ls.child(), marks, oids, next);
            }
            case Plan.Limit l -> captureMarks(l.child(), s == null ? null : ((Executor.LimitState) s).child(), marks, oids, next);
            case Plan.GatingResult g -> captureMarks(g.child(), s == null ? null : ((Executor.GatingResultState) s).child(),
                    marks, oids, next);
            case Plan.SubqueryScan sq -> captureMarks(sq.child(), s == null ? null : ((SubqueryScanState) s).child(), marks, oids, next);
            default -> { }
        }
    }
}
