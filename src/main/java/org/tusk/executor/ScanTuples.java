package org.tusk.executor;

import java.util.Arrays;

import org.tusk.access.table.TupleSlot;
import org.tusk.storage.page.ItemPointer;

/**
 * The scan tuple of a table: one element per attribute, then the version's TID (PostgreSQL's
 * ctid system column, which ModifyTable reads as its junk column to address the row). Vars index
 * attributes only, so the extra element is invisible to expressions.
 */
final class ScanTuples {
    private ScanTuples() {}

    static Object[] of(TupleSlot slot, int natts) {
        Object[] values = slot.values();
        Object[] t = Arrays.copyOf(values, natts + 1);
        t[natts] = slot.tid();
        return t;
    }

    /** The number of system columns (ctid, xmin, cmin, xmax, cmax, tableoid). */
    static final int SYSTEM_COLUMNS = 6;

    /**
     * The scan tuple extended by every system column, for a plan that reads one: after the TID,
     * xmin, cmin, xmax, cmax and tableoid, so that system column {@code n} (PostgreSQL's
     * negative attribute number, ctid -1 ... tableoid -6) is Var attno {@code natts - n}.
     * cmin and cmax both show the raw t_cid, as heap_getsysattr does.
     */
    static Object[] withSystemColumns(TupleSlot slot, int natts, int tableOid) {
        Object[] t = Arrays.copyOf(slot.values(), natts + SYSTEM_COLUMNS);
        t[natts] = slot.tid();
        t[natts + 1] = Integer.toUnsignedLong(slot.xmin());
        t[natts + 2] = Integer.toUnsignedLong(slot.cid());
        t[natts + 3] = Integer.toUnsignedLong(slot.xmax());
        t[natts + 4] = Integer.toUnsignedLong(slot.cid());
        t[natts + 5] = Integer.toUnsignedLong(tableOid);
        return t;
    }

    /**
     * The RETURNING tuple of a row this statement wrote or deleted, extended by the system
     * columns: ctid as the version's TID, tableoid, and xmin, cmin, xmax, cmax from the header of
     * the version as stored ({@code stored}, fetched back by its TID as ExecInsert/ExecDelete's
     * slot holds it: a deleted row shows its deleter as xmax, a row updated after ON CONFLICT
     * locked it keeps the lock in xmax). Without a stored version (a view's INSTEAD OF trigger
     * wrote the row) cmin/cmax read this command's id, xmax 0 and xmin NULL.
     */
    static Object[] forReturning(Object[] changed, int natts, int tableOid, int commandId, TupleSlot stored) {
        // a joined tuple (UPDATE ... FROM) carries other items' columns past the TID: the system
        // columns follow those (ModifyJoin.fixReturning), else they follow the TID
        int at = Math.max(changed.length, natts + 1);
        Object[] t = Arrays.copyOf(changed, at + SYSTEM_COLUMNS - 1);
        int cid = stored != null ? stored.cid() : commandId;
        t[at] = stored != null ? Integer.toUnsignedLong(stored.xmin()) : null;
        t[at + 1] = Integer.toUnsignedLong(cid);
        t[at + 2] = stored != null ? Integer.toUnsignedLong(stored.xmax()) : 0L;
        t[at + 3] = Integer.toUnsignedLong(cid);
        t[at + 4] = Integer.toUnsignedLong(tableOid);
        return t;
    }

    /** Whether an expression of a scan of {@code natts} columns reads a system column other than ctid. */
    static boolean readsSystemColumns(int natts, org.tusk.nodes.Expr qual, java.util.List<org.tusk.nodes.Expr> tlist) {
        java.util.function.Predicate<org.tusk.nodes.Expr> sys = e -> e instanceof org.tusk.nodes.Expr.Var v
                && v.levelsup() == 0 && v.attno() > natts + 1;
        if (org.tusk.nodes.ExprTrees.any(qual, sys)) return true;
        if (tlist != null) for (org.tusk.nodes.Expr e : tlist) if (org.tusk.nodes.ExprTrees.any(e, sys)) return true;
        return false;
    }

    /** Whether a target list over {@code natts} columns reads xmin, cmin, xmax or cmax (the tuple header's system columns). */
    static boolean readsTupleHeader(int natts, java.util.List<org.tusk.nodes.Expr> tlist) {
        java.util.function.Predicate<org.tusk.nodes.Expr> sys = e -> e instanceof org.tusk.nodes.Expr.Var v
                && v.levelsup() == 0 && v.attno() >= natts + 2 && v.attno() <= natts + 5;
        if (tlist != null) for (org.tusk.nodes.Expr e : tlist) if (org.tusk.nodes.ExprTrees.any(e, sys)) return true;
        return false;
    }

    static ItemPointer tid(Object[] tuple, int natts) {
        return (ItemPointer) tuple[natts];
    }

    /** The attribute values only, as the table access method takes them. */
    static Object[] values(Object[] tuple, int natts) {
        return Arrays.copyOf(tuple, natts);
    }
}
