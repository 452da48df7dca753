package org.tusk.tcop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.ScannableRelation;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/**
 * The session's cursors (PostgreSQL's portalcmds.c PerformCursorOpen, PerformPortalFetch,
 * PerformPortalClose and portalmem.c's end-of-transaction handling): DECLARE makes a
 * {@link Cursor} over a planned SELECT, FETCH/MOVE and CLOSE address it by name.
 *
 * <p>Transactions: at commit every cursor without HOLD is closed and every WITH HOLD cursor of
 * the transaction is persisted (AtCommit_Portals, PersistHoldablePortal); at abort every cursor
 * declared in the transaction is dropped, while WITH HOLD cursors persisted by earlier
 * transactions stay (AtAbort_Portals). Savepoints: ROLLBACK TO drops the cursors declared since
 * the savepoint was set (AtSubAbort_Portals, AtSubCleanup_Portals), RELEASE hands them to the
 * enclosing level (AtSubCommit_Portals); FETCHes done meanwhile on older cursors are not undone.
 * Per-backend state; no locking.
 */
final class Cursors {
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();
    /** The savepoint depth each cursor was declared at (0: outside any savepoint). */
    private final Map<String, Integer> savepointDepth = new HashMap<>();

    /**
     * PerformCursorOpen: {@code ps} is the planned query, {@code releaseSnapshot} ends the
     * registration of its snapshot once it has run. 42P03 if the name is taken; SCROLL
     * unless NO SCROLL was given or, with neither, the plan cannot run backward (PortalStart).
     */
    void declare(Stmt.DeclareCursorStmt d, String statement, PreparedStatement ps, long nowMicros, int depth,
                 Runnable releaseSnapshot) {
        if (cursors.containsKey(d.name()))
            throw PgException.error("42P03", "cursor \"" + d.name() + "\" already exists");
        boolean scroll = d.scroll() != null ? d.scroll() : supportsBackwardScan(ps.plannedStmt().planTree());
        org.tusk.executor.ScanPositions positions = org.tusk.executor.ScanPositions.of(ps.plannedStmt().planTree());
        cursors.put(d.name(), new Cursor(d.name(), statement, d.binary(), scroll, d.hold(), nowMicros, ps.columns(),
                ps::execute, releaseSnapshot, positions, () -> ps.capturePositions(positions)));
        savepointDepth.put(d.name(), depth);
    }

    /** AtSubCommit_Portals: RELEASE of the savepoint at {@code depth}; its cursors pass to the level above. */
    void atSubCommit(int depth) {
        savepointDepth.replaceAll((name, dd) -> dd >= depth ? depth - 1 : dd);
    }

    /** AtSubAbort_Portals + AtSubCleanup_Portals: ROLLBACK TO the savepoint at {@code depth}. */
    void atSubAbort(int depth) {
        cursors.keySet().removeIf(name -> savepointDepth.getOrDefault(name, 0) >= depth);
        forgetClosed();
    }

    private void forgetClosed() {
        savepointDepth.keySet().retainAll(cursors.keySet());
    }

    /** The cursor named {@code name}; 34000 if there is none. */
    Cursor get(String name) {
        Cursor c = cursors.get(name);
        if (c == null) throw PgException.error("34000", "cursor \"" + name + "\" does not exist");
        return c;
    }

    /** Whether a cursor of that name exists. */
    boolean exists(String name) {
        return cursors.containsKey(name);
    }

    /** PerformPortalClose: one cursor (34000 if there is none), or all of them ({@code name} null). */
    void close(String name) {
        if (name == null) cursors.clear();
        else if (cursors.remove(name) == null) get(name);
        forgetClosed();
    }

    /** AtCommit_Portals / PreCommit_Portals: persist WITH HOLD cursors, close the others. */
    void atCommit() {
        for (Iterator<Cursor> it = cursors.values().iterator(); it.hasNext(); ) {
            Cursor c = it.next();
            if (!c.hold) it.remove();
            else if (c.createdInCurrentXact) c.persist();
        }
        savepointDepth.clear();
    }

    /** AtAbort_Portals/AtCleanup_Portals: drop the cursors the transaction made. */
    void atAbort() {
        cursors.values().removeIf(c -> !c.hold || c.createdInCurrentXact);
        savepointDepth.clear();
    }

    /**
     * ExecSupportsBackwardScan: whether every node of the plan can return its rows in reverse
     * (scans, projections, sorts, limits and appends can; joins, aggregation, DISTINCT, set
     * operations and work-table scans cannot).
     */
    static boolean supportsBackwardScan(Plan p) {
        return switch (p) {
            case Plan.Result r -> false; // Tusk's Result has no child plan: it computes its row once
            case Plan.SeqScan s -> true;
            case Plan.IndexScan s -> true;
            case Plan.ValuesScan v -> true;
            case Plan.SubqueryScan s -> supportsBackwardScan(s.child());
            case Plan.Sort s -> true;
            case Plan.Limit l -> supportsBackwardScan(l.child());
            case Plan.GatingResult g -> supportsBackwardScan(g.child());
            case Plan.CteScan c -> true;
            case Plan.Append a -> a.children().stream().allMatch(Cursors::supportsBackwardScan);
            case Plan.MergeAppend a -> false;   // ExecSupportsBackwardScan does not list it
            default -> false;
        };
    }

    private static final List<ColumnDef> VIEW_COLUMNS = List.of(new ColumnDef("name", TypeOids.TEXT, -1),
            new ColumnDef("statement", TypeOids.TEXT, -1), new ColumnDef("is_holdable", TypeOids.BOOL, -1),
            new ColumnDef("is_binary", TypeOids.BOOL, -1), new ColumnDef("is_scrollable", TypeOids.BOOL, -1),
            new ColumnDef("creation_time", TypeOids.TIMESTAMPTZ, -1));

    /** pg_cursors (pg_cursor()): the cursors open in this session. */
    ScannableRelation view() {
        return new ScannableRelation() {
            @Override
            public List<ColumnDef> columns() {
                return VIEW_COLUMNS;
            }

            @Override
            public Iterator<Object[]> scan() {
                List<Object[]> rows = new ArrayList<>();
                for (Cursor c : cursors.values())
                    rows.add(new Object[] {c.name, c.statement, c.hold, c.binary, c.scroll,
                            PreparedQueries.timestamp(c.creationMicros)});
                return rows.iterator();
            }
        };
    }
}
