package org.tusk.tcop;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.executor.ScanPositions;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/**
 * One cursor (a portal made by DECLARE) and its position, as PostgreSQL's pquery.c
 * PortalRunFetch/DoPortalRunFetch/PortalRunSelect and portalcmds.c PersistHoldablePortal.
 *
 * <p>The rows come from the statement's executor, run with the snapshot and command id of the
 * DECLARE. Unlike PostgreSQL, which keeps the executor open between FETCHes, the first FETCH or
 * MOVE runs the query to its end into a tuple store (the holdStore of a persisted WITH HOLD
 * cursor), which every later move reads: Tusk's scans hold buffer pins between rows, and a pin
 * must not outlive the statement that took it (ROLLBACK TO and statement errors release them
 * all). So the rows are those PostgreSQL would return, but an error or a volatile function's
 * side effect of any row happens at the first FETCH, and the whole result is kept in memory.
 * At commit a WITH HOLD cursor that was not read yet runs then (PersistHoldablePortal).
 *
 * <p>Positions follow PostgreSQL exactly: the executor stands on row {@code execPos} (0: before
 * the first, rows+1: after the last); the portal's {@code atStart}, {@code atEnd} and
 * {@code portalPos} are updated as PortalRunSelect does and drive DoPortalRunFetch's moves.
 */
final class Cursor implements org.tusk.executor.ExecCurrent.Portal {
    final String name;
    final String statement;
    final boolean binary;
    final boolean scroll;
    final boolean hold;
    final long creationMicros;
    final List<ResultColumn> columns;
    /** Whether the cursor was declared in the current transaction (dropped if it aborts). */
    boolean createdInCurrentXact = true;

    private java.util.function.Supplier<Iterator<String[]>> source;
    /** Ends the registration of the query's snapshot, which only the run into the store needs. */
    private final Runnable releaseSnapshot;
    private List<String[]> store;
    /** WHERE CURRENT OF: the scans of the query and, per stored row, where they stood when it was returned. */
    private final ScanPositions positions;
    private java.util.function.Supplier<ScanPositions.Row> capture;
    private List<ScanPositions.Row> rowPositions;
    /** PORTAL_FAILED: its query raised an error; it can only be closed. */
    private boolean failed;
    private long execPos;
    private boolean atStart = true;
    private boolean atEnd;
    private long portalPos;

    Cursor(String name, String statement, boolean binary, boolean scroll, boolean hold, long creationMicros,
           List<ResultColumn> columns, java.util.function.Supplier<Iterator<String[]>> source,
           Runnable releaseSnapshot, ScanPositions positions,
           java.util.function.Supplier<ScanPositions.Row> capture) {
        this.name = name;
        this.statement = statement;
        this.binary = binary;
        this.scroll = scroll;
        this.hold = hold;
        this.creationMicros = creationMicros;
        this.columns = columns;
        this.source = source;
        this.releaseSnapshot = releaseSnapshot;
        this.positions = positions;
        this.capture = capture;
    }

    @Override
    public ScanPositions positions() { return positions; }

    @Override
    public boolean heldFromPreviousTransaction() { return hold && !createdInCurrentXact; }

    @Override
    public boolean positionedOnRow() { return !atStart && !atEnd; }

    /** The positions recorded with the row the executor stands on (execPos). */
    @Override
    public ScanPositions.Row currentRow() {
        return execPos >= 1 && execPos <= rowPositions.size() ? rowPositions.get((int) (execPos - 1)) : null;
    }

    /**
     * DoPortalRunFetch: FETCH/MOVE {@code count} in {@code dir}; rows are added to {@code out}
     * (null for MOVE). Returns the number of rows fetched or, for MOVE, moved over.
     */
    long fetch(Stmt.FetchDirection dir, long count, List<String[]> out) {
        // MarkPortalActive
        if (failed) throw PgException.error("55000", "portal \"" + name + "\" cannot be run");
        boolean forward;
        switch (dir) {
            case FORWARD -> {
                if (count < 0) {
                    count = -count;
                    forward = false;
                } else forward = true;
            }
            case BACKWARD -> {
                if (count < 0) {
                    count = -count;
                    forward = true;
                } else forward = false;
            }
            case ABSOLUTE -> {
                if (count > 0) {
                    if (portalPos == Long.MAX_VALUE || count - 1 < portalPos / 2) {
                        rewind();
                        if (count > 1) runSelect(true, count - 1, null);
                    } else {
                        long pos = portalPos;
                        if (atEnd) pos++; // need one extra fetch if off end
                        if (count <= pos) runSelect(false, pos - count + 1, null);
                        else if (count > pos + 1) runSelect(true, count - pos - 1, null);
                    }
                    return runSelect(true, 1, out);
                } else if (count < 0) {
                    runSelect(true, Stmt.FetchStmt.FETCH_ALL, null);
                    if (count < -1) runSelect(false, -count - 1, null);
                    return runSelect(false, 1, out);
                } else {
                    rewind();
                    return runSelect(true, 0, out);
                }
            }
            case RELATIVE -> {
                if (count > 0) {
                    if (count > 1) runSelect(true, count - 1, null);
                    return runSelect(true, 1, out);
                } else if (count < 0) {
                    if (count < -1) runSelect(false, -count - 1, null);
                    return runSelect(false, 1, out);
                }
                forward = true; // RELATIVE 0 is FETCH FORWARD 0
            }
            default -> throw new IllegalStateException("bogus direction " + dir);
        }
        if (count == 0) {
            // a zero count re-fetches the current row, if any (per SQL)
            boolean onRow = !atStart && !atEnd;
            if (out == null) return onRow ? 1 : 0;
            if (onRow) {
                runSelect(false, 1, null);
                count = 1;
                forward = true;
            }
        }
        if (!forward && count == Stmt.FetchStmt.FETCH_ALL && out == null) {
            // MOVE BACKWARD ALL is a rewind
            long result = portalPos;
            if (result > 0 && !atEnd) result--;
            rewind();
            return result;
        }
        return runSelect(forward, count, out);
    }

    /** PortalRunSelect: up to {@code count} rows (0 with no movement; FETCH_ALL: all) in one direction. */
    private long runSelect(boolean forward, long count, List<String[]> out) {
        long n = 0;
        if (forward) {
            boolean move = !atEnd && count > 0;
            if (!move) return 0;
            while (count == Stmt.FetchStmt.FETCH_ALL || n < count) {
                String[] row = next();
                if (row == null) break;
                if (out != null) out.add(row);
                n++;
            }
            if (n > 0) atStart = false;
            if (count == Stmt.FetchStmt.FETCH_ALL || n < count) atEnd = true;
            portalPos += n;
        } else {
            if (!scroll) throw noScroll();
            boolean move = !atStart && count > 0;
            if (!move) return 0;
            while (count == Stmt.FetchStmt.FETCH_ALL || n < count) {
                String[] row = prior();
                if (row == null) break;
                if (out != null) out.add(row);
                n++;
            }
            if (n > 0 && atEnd) {
                atEnd = false;
                portalPos++;
            }
            if (count == Stmt.FetchStmt.FETCH_ALL || n < count) {
                atStart = true;
                portalPos = 0;
            } else {
                portalPos -= n;
            }
        }
        return n;
    }

    /** DoPortalRewind: back to before the first row; a NO SCROLL cursor that has moved cannot. */
    private void rewind() {
        if (atStart && !atEnd) return;
        if (!scroll) throw noScroll();
        execPos = 0;
        atStart = true;
        atEnd = false;
        portalPos = 0;
    }

    /** The executor's next row forward, or null at the end (then standing after the last row). */
    private String[] next() {
        String[] row = rowAt(execPos + 1);
        if (row == null) {
            execPos = store.size() + 1;
            return null;
        }
        execPos++;
        return row;
    }

    /** The executor's next row backward, or null before the first (then standing before it). */
    private String[] prior() {
        if (execPos <= 1) {
            execPos = 0;
            return null;
        }
        execPos--;
        return rowAt(execPos);
    }

    /** Row {@code i} (1-based), null past the end. */
    private String[] rowAt(long i) {
        materialize();
        return i <= store.size() ? store.get((int) (i - 1)) : null;
    }

    /** Runs the query to its end into the tuple store, once. */
    private void materialize() {
        if (store != null) return;
        List<String[]> rows = new ArrayList<>();
        List<ScanPositions.Row> at = new ArrayList<>();
        try {
            Iterator<String[]> it = source.get();
            while (it.hasNext()) {
                rows.add(it.next());
                at.add(capture.get());
            }
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        } finally {
            releaseSnapshot.run();
        }
        store = rows;
        rowPositions = at;
        source = null;
        capture = null;
    }

    /** PersistHoldablePortal: the rows are kept so the cursor outlives its transaction. */
    void persist() {
        materialize();
        createdInCurrentXact = false;
    }

    private static PgException noScroll() {
        return PgException.error("55000", "cursor can only scan forward")
                .withHint("Declare it with SCROLL option to enable backward scan.");
    }
}
