package org.tusk.executor;

import org.tusk.access.table.TableAm;
import org.tusk.storage.page.ItemPointer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.TriggerInfo;
import org.tusk.nodes.Expr;
import org.tusk.utils.cache.Relation;

/**
 * The triggers of one result relation for one statement (the trigger part of PostgreSQL's
 * ResultRelInfo, ri_TrigDesc, with trigger.c's ExecBS/BR/AR/AS*Triggers): BEFORE triggers run at
 * once, AFTER ones are saved in an {@link AfterTriggerQueue} and run when the statement's rows
 * are all written ({@link #endOfStatement}). Any ModifyTable path (INSERT, UPDATE, DELETE, COPY
 * FROM, and later MERGE) calls the same methods.
 *
 * <p>Which triggers fire (TriggerEnabled): those whose tgenabled is 'O' (origin) or 'A'
 * (always), as session_replication_role is origin; those of the event and timing; for UPDATE OF
 * columns, those with a listed column among the statement's targets; those whose WHEN condition
 * is true for the row (evaluated on the old row followed by the new one). Triggers fire in name
 * order. A BEFORE ROW trigger's result replaces the row for the triggers after it and for the
 * operation; null skips the operation for the row (and the later triggers).
 *
 * <p>Transition tables (REFERENCING OLD/NEW TABLE): while an AFTER trigger of the event wants
 * them, the statement's old and new rows are collected and handed to every AFTER trigger of
 * the statement that names them.
 */
public final class RelationTriggers {
    private final Relation rel;
    private final List<TriggerInfo> triggers;
    private final ExecContext ctx;
    private final AfterTriggerQueue queue;
    private final Map<Integer, Expr> whenExprs = new HashMap<>();
    /**
     * The transition tables of each event this statement collects them for (INSERT ... ON
     * CONFLICT DO UPDATE and MERGE have one pair per event, as the TransitionCaptureState of
     * each event's triggers holds its own tuplestores).
     */
    private final Map<Integer, TransitionTables> transitions = new HashMap<>();

    private record TransitionTables(List<Object[]> oldRows, List<Object[]> newRows) {
        void add(int operation, Object[] oldRow, Object[] newRow) {
            if (oldRow != null && operation != TriggerData.TRIGGER_EVENT_INSERT) oldRows.add(oldRow.clone());
            if (newRow != null && operation != TriggerData.TRIGGER_EVENT_DELETE) newRows.add(newRow.clone());
        }
    }

    private RelationTriggers(Relation rel, List<TriggerInfo> triggers, ExecContext ctx, AfterTriggerQueue queue) {
        this.rel = rel;
        this.triggers = triggers;
        this.ctx = ctx;
        this.queue = queue;
    }

    /** The triggers of {@code rel}, or null when it has none (the common case costs nothing more). */
    public static RelationTriggers open(Relation rel, ExecContext ctx) {
        return open(rel, ctx, new AfterTriggerQueue());
    }

    /**
     * The triggers of {@code rel} saving their AFTER events in {@code queue}, shared with other
     * result relations of the statement (the partitions an INSERT routes to), which fires it.
     */
    static RelationTriggers open(Relation rel, ExecContext ctx, AfterTriggerQueue queue) {
        List<TriggerInfo> ts = ctx.requireEnv().catalog().triggersOf(rel);
        return ts.isEmpty() ? null : new RelationTriggers(rel, ts, ctx, queue);
    }

    /** Whether this statement collects transition tables (an AFTER trigger of its event wants them). */
    boolean capturesTransitions() { return !transitions.isEmpty(); }

    /**
     * Adds a row another result relation changed (a leaf of this partitioned table, already in
     * this table's layout) to the transition tables: the old row of an UPDATE or DELETE, the new
     * row of an UPDATE or INSERT.
     */
    void captureTransition(int operation, Object[] oldRow, Object[] newRow) {
        TransitionTables tt = transitions.get(operation);
        if (tt != null) tt.add(operation, oldRow, newRow);
    }

    /** The queue this relation's AFTER events go to, for the partitions its rows are routed to. */
    AfterTriggerQueue queue() { return queue; }

    private static boolean enabled(TriggerInfo t) {
        return t.enabled() == 'O' || t.enabled() == 'A';
    }

    /** Whether any enabled trigger is row-level {@code timing} ('B', 'A', 'I') for {@code operation}. */
    public boolean hasRowTriggers(char timing, int operation) {
        for (TriggerInfo t : triggers) if (matches(t, timing, true, operation)) return true;
        return false;
    }

    /**
     * Whether an INSTEAD OF row trigger for {@code operation} is defined, enabled or not (the
     * relcache's trig_insert_instead_row and siblings, which view_has_instead_trigger and
     * CheckValidResultRel read).
     */
    public boolean definesInsteadRow(int operation) {
        for (TriggerInfo t : triggers) if (t.instead() && t.forRow() && t.forEvent(TriggerData.typeBit(operation))) return true;
        return false;
    }

    private static boolean matches(TriggerInfo t, char timing, boolean row, int operation) {
        if (!enabled(t) || t.forRow() != row || !t.forEvent(TriggerData.typeBit(operation))) return false;
        return switch (timing) {
            case 'B' -> t.before();
            case 'I' -> t.instead();
            default -> t.after();
        };
    }

    /** ExecBSInsertTriggers and its siblings: the BEFORE STATEMENT triggers of {@code operation}. */
    public void beforeStatement(int operation) {
        int event = operation | TriggerData.TRIGGER_EVENT_BEFORE;
        for (TriggerInfo t : triggers) {
            if (matches(t, 'B', false, operation) && whenOk(t, null, null)) {
                TriggerFunctions.call(t.fnoid(), new TriggerData(event, rel, t, null, null, null, null), ctx);
            }
        }
        if (wantsTransitionTables(operation)) transitions.put(operation, new TransitionTables(new ArrayList<>(), new ArrayList<>()));
    }

    private boolean wantsTransitionTables(int operation) {
        for (TriggerInfo t : triggers) {
            if (enabled(t) && t.after() && t.forEvent(TriggerData.typeBit(operation))
                    && (t.oldTable() != null || t.newTable() != null)) return true;
        }
        return false;
    }

    /**
     * ExecASInsertTriggers and its siblings: saves the AFTER STATEMENT triggers of {@code operation},
     * to run after the statement's AFTER ROW events.
     */
    public void afterStatement(int operation) {
        for (TriggerInfo t : triggers) {
            if (matches(t, 'A', false, operation) && whenOk(t, null, null)) {
                TransitionTables tt = transitions.get(operation);
                queue.save(() -> TriggerFunctions.call(t.fnoid(), new TriggerData(operation, rel, t, null, null,
                        t.oldTable() == null || tt == null ? null : tt.oldRows(),
                        t.newTable() == null || tt == null ? null : tt.newRows()), ctx));
            }
        }
    }

    /**
     * ExecBRInsertTriggers / ExecBRUpdateTriggers / ExecBRDeleteTriggers: runs the BEFORE ROW
     * triggers; returns the row to go on with (for DELETE, {@code oldRow}), or null to skip it.
     * {@code modified} is the UPDATE's target columns (1-based), null otherwise.
     */
    public Object[] beforeRow(int operation, Object[] oldRow, Object[] newRow, BitSet modified) {
        int event = operation | TriggerData.TRIGGER_EVENT_ROW | TriggerData.TRIGGER_EVENT_BEFORE;
        Object[] current = operation == TriggerData.TRIGGER_EVENT_DELETE ? oldRow : newRow;
        for (TriggerInfo t : triggers) {
            if (!matches(t, 'B', true, operation) || !columnsOk(t, modified)) continue;
            Object[] o = operation == TriggerData.TRIGGER_EVENT_INSERT ? null : oldRow;
            Object[] n = operation == TriggerData.TRIGGER_EVENT_DELETE ? null : current;
            if (!whenOk(t, o, n)) continue;
            Object[] trig = operation == TriggerData.TRIGGER_EVENT_INSERT ? current : oldRow;
            Object[] nt = operation == TriggerData.TRIGGER_EVENT_UPDATE ? current : null;
            Object[] result = TriggerFunctions.call(t.fnoid(), new TriggerData(event, rel, t, trig, nt, null, null), ctx);
            if (result == null) return null;
            if (operation != TriggerData.TRIGGER_EVENT_DELETE) current = result;
        }
        return current;
    }

    /**
     * ExecIRInsertTriggers / ExecIRUpdateTriggers / ExecIRDeleteTriggers: runs the INSTEAD OF
     * row triggers of a view, which do the change in the view's place. Returns the row the
     * operation goes on with (the last trigger's result for INSERT and UPDATE, which RETURNING
     * reads; {@code oldRow} for DELETE), or null when a trigger returned NULL: the row was not
     * changed and is not counted. As in trigger.c, each trigger sees the previous one's result.
     */
    public Object[] insteadRow(int operation, Object[] oldRow, Object[] newRow) {
        int event = operation | TriggerData.TRIGGER_EVENT_ROW | TriggerData.TRIGGER_EVENT_INSTEAD;
        Object[] current = operation == TriggerData.TRIGGER_EVENT_DELETE ? oldRow : newRow;
        for (TriggerInfo t : triggers) {
            if (!matches(t, 'I', true, operation)) continue;
            Object[] trig = operation == TriggerData.TRIGGER_EVENT_INSERT ? current : oldRow;
            Object[] nt = operation == TriggerData.TRIGGER_EVENT_UPDATE ? current : null;
            Object[] result = TriggerFunctions.call(t.fnoid(), new TriggerData(event, rel, t, trig, nt, null, null), ctx);
            if (result == null) return null;
            if (operation != TriggerData.TRIGGER_EVENT_DELETE) current = result;
        }
        return current;
    }

    /**
     * ExecARInsertTriggers and its siblings: saves the AFTER ROW events of one changed row (and
     * adds it to the transition tables). The WHEN condition is tested now, on the row as written.
     * {@code oldTid} and {@code newTid} are where the old and the new version are (null when
     * there is none): while an event's function runs, their pages stay pinned, as
     * AfterTriggerExecute's tuple slots (ate_ctid1/2, fetched with SnapshotAny) keep them pinned,
     * so that queries of the trigger cannot prune those pages (heap_page_prune_opt needs the
     * cleanup lock) and rows they write go where PostgreSQL's would.
     */
    public void afterRow(int operation, Object[] oldRow, Object[] newRow, BitSet modified, ItemPointer oldTid,
                         ItemPointer newTid) {
        TransitionTables tt = transitions.get(operation);
        if (tt != null) tt.add(operation, oldRow, newRow);
        int event = operation | TriggerData.TRIGGER_EVENT_ROW;
        for (TriggerInfo t : triggers) {
            if (!matches(t, 'A', true, operation) || !columnsOk(t, modified)) continue;
            Object[] o = operation == TriggerData.TRIGGER_EVENT_INSERT ? null : oldRow.clone();
            Object[] n = operation == TriggerData.TRIGGER_EVENT_DELETE ? null : newRow.clone();
            if (!whenOk(t, o, n)) continue;
            Object[] trig = operation == TriggerData.TRIGGER_EVENT_INSERT ? n : o;
            Object[] nt = operation == TriggerData.TRIGGER_EVENT_UPDATE ? n : null;
            queue.save(() -> {
                TableAm am = ctx.requireEnv().tableAm();
                try (TableAm.Pin p1 = am.pin(rel, operation == TriggerData.TRIGGER_EVENT_INSERT ? newTid : oldTid);
                     TableAm.Pin p2 = am.pin(rel, operation == TriggerData.TRIGGER_EVENT_UPDATE ? newTid : null)) {
                    TriggerFunctions.call(t.fnoid(), new TriggerData(event, rel, t, trig, nt,
                            t.oldTable() == null || tt == null ? null : tt.oldRows(),
                            t.newTable() == null || tt == null ? null : tt.newRows()), ctx);
                }
            });
        }
    }

    /** AfterTriggerEndQuery: runs the saved AFTER events, after a CommandCounterIncrement so they see the rows. */
    public void endOfStatement() {
        if (queue.size() == 0) return;
        ctx.requireEnv().commandCounterIncrement();
        queue.fireAll();
    }

    /** TriggerEnabled's column test: an UPDATE OF trigger fires when a listed column is a target. */
    private static boolean columnsOk(TriggerInfo t, BitSet modified) {
        if (!t.hasColumns() || modified == null) return true;
        for (short a : t.attrs()) if (modified.get(a)) return true;
        return false;
    }

    /** TriggerEnabled's WHEN test, on the old row followed by the new one (NULLs for an absent row). */
    private boolean whenOk(TriggerInfo t, Object[] oldRow, Object[] newRow) {
        if (t.qual() == null) return true;
        Expr e = whenExprs.computeIfAbsent(t.oid(), k -> ctx.requireEnv().constraintSupport().cookTriggerWhen(rel,
                t.qual(), ctx));
        int natts = rel.desc().natts();
        Object[] tuple = new Object[2 * natts];
        if (oldRow != null) System.arraycopy(oldRow, 0, tuple, 0, natts);
        if (newRow != null) System.arraycopy(newRow, 0, tuple, natts, natts);
        return Boolean.TRUE.equals(ExprEvaluator.eval(e, tuple, null, ctx));
    }
}
