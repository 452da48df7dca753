package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * execCurrent.c: WHERE CURRENT OF. {@link #execCurrentOf} finds the row of a table on which a
 * cursor stands, from the cursor's FOR UPDATE/SHARE row marks if its query has any, else from the
 * one scan of that table its plan reaches through Append, Limit and SubqueryScan nodes
 * (search_plan_tree); any other plan shape is "not a simply updatable scan".
 *
 * <p>Tusk's cursors run their query to the end at the first FETCH (see the backend's Cursor), so
 * the scan positions are not read from live plan nodes when UPDATE asks for them: a
 * {@link ScanPositions} taken from the cursor's plan records, after each row the plan returns,
 * the TID each scan (or row mark) stood on, and the cursor keeps that record with the row. The
 * answers are the ones PostgreSQL's live nodes would give for that row.
 *
 * <p>As the TID scan of a CurrentOfExpr does (TidListEval with table_tuple_get_latest_tid), the
 * cursor's TID is followed along the row's update chain to the newest version the statement's
 * snapshot sees, so a row updated through the cursor can be updated again. The resolved TIDs
 * are kept in the statement's {@link ExecContext}; a scan resolves them afresh each time it
 * starts (so before the first row, even of an empty table), and the qual compares each row's
 * ctid with them.
 */
public final class ExecCurrent {
    private ExecCurrent() {}

    /** What execCurrentOf reads of a cursor (a portal); the backend implements it for its cursors. */
    public interface Portal {
        /** The scan positions of its SELECT, or null if the cursor's statement is not a SELECT. */
        ScanPositions positions();

        /** Whether a WITH HOLD cursor was persisted by an earlier transaction (its executor is gone). */
        boolean heldFromPreviousTransaction();

        /** Neither before the first row nor after the last (!atStart && !atEnd). */
        boolean positionedOnRow();

        /** The positions recorded with the row the cursor stands on (only when positioned on a row). */
        ScanPositions.Row currentRow();
    }

    /** Finds a cursor by name: the backend's portal table; throws 34000 if there is none. */
    public interface PortalLookup {
        Portal portal(String name);
    }

    /** The key of a resolved CURRENT OF: one cursor and one scanned table. */
    record Key(String cursorName, int tableOid) {}

    /**
     * At the start of a scan of {@code rel} whose qual holds CURRENT OF: resolves each cursor's
     * row of {@code rel} (raising execCurrentOf's errors now, as the TID scan would) and records
     * it for {@link #matches}.
     */
    static void resolve(Expr qual, Relation rel, ExecContext ctx) {
        if (qual == null) return;
        List<Expr.CurrentOfExpr> found = new ArrayList<>();
        ExprTrees.any(qual, x -> {
            if (x instanceof Expr.CurrentOfExpr c) found.add(c);
            return false;
        });
        for (Expr.CurrentOfExpr c : found) {
            ItemPointer tid = execCurrentOf(c.cursorName(), rel, ctx.requireEnv());
            if (tid != null) {
                ExecEnvironment env = ctx.requireEnv();
                tid = env.tableAm().latestTid(rel, tid, env.snapshot());
            }
            ctx.currentOfTids().put(new Key(c.cursorName(), rel.oid()), java.util.Optional.ofNullable(tid));
        }
    }

    /** The qual: whether the scanned row is the cursor's row of its table (resolved at scan start). */
    static Boolean matches(Expr.CurrentOfExpr c, Object[] tuple, Object[] aggValues, ExecContext ctx) {
        ItemPointer rowTid = (ItemPointer) ExprEvaluator.eval(c.ctid(), tuple, aggValues, ctx);
        Object oid = ExprEvaluator.eval(c.tableOid(), tuple, aggValues, ctx);
        int tableOid = ((Number) oid).intValue();
        java.util.Optional<ItemPointer> target = ctx.currentOfTids().get(new Key(c.cursorName(), tableOid));
        if (target == null) {
            // not a scan that resolved it at its start (e.g. a join's qual): resolve now
            Relation rel = ctx.requireEnv().catalog().openRelation(tableOid);
            ItemPointer tid = execCurrentOf(c.cursorName(), rel, ctx.requireEnv());
            if (tid != null) tid = ctx.requireEnv().tableAm().latestTid(rel, tid, ctx.requireEnv().snapshot());
            target = java.util.Optional.ofNullable(tid);
            ctx.currentOfTids().put(new Key(c.cursorName(), tableOid), target);
        }
        return target.isPresent() && target.get().equals(rowTid);
    }

    /**
     * execCurrentOf: the TID of the row of {@code rel} the cursor stands on, or null if its scan
     * of that table is not on a row (the row came from another table of an Append, or a row mark
     * locked nothing); errors as PostgreSQL's for every other case.
     */
    static ItemPointer execCurrentOf(String cursorName, Relation rel, ExecEnvironment env) {
        org.tusk.catalog.Catalog catalog = env.catalog();
        PortalLookup lookup = env.portals();
        if (lookup == null) throw PgException.error("34000", "cursor \"" + cursorName + "\" does not exist");
        Portal portal = lookup.portal(cursorName);
        ScanPositions positions = portal.positions();
        if (positions == null)
            throw PgException.error("24000", "cursor \"" + cursorName + "\" is not a SELECT query");
        if (portal.heldFromPreviousTransaction())
            throw PgException.error("24000", "cursor \"" + cursorName + "\" is held from a previous transaction");
        if (positions.hasRowMarks()) {
            int mark = -1;
            for (int i = 0; i < positions.rowMarkCount(); i++) {
                // an inherited mark stands for each member table (PostgreSQL's child ExecRowMarks)
                if (positions.rowMarkTable(i) != rel.oid()
                        && !(positions.rowMarkIsParent(i) && inheritsFrom(catalog, rel.oid(), positions.rowMarkTable(i))))
                    continue;
                if (mark >= 0)
                    throw PgException.error("24000", "cursor \"" + cursorName
                            + "\" has multiple FOR UPDATE/SHARE references to table \"" + rel.name() + "\"");
                mark = i;
            }
            if (mark < 0)
                throw PgException.error("24000", "cursor \"" + cursorName
                        + "\" does not have a FOR UPDATE/SHARE reference to table \"" + rel.name() + "\"");
            if (!portal.positionedOnRow()) throw notPositioned(cursorName);
            ScanPositions.Row row = portal.currentRow();
            // the row lives in another member of the inheritance tree: not on a row of this table
            return row.rowMarkOid(mark) == rel.oid() ? row.rowMarkTid(mark) : null;
        }
        int scan = positions.searchPlanTree(rel.oid());
        if (scan < 0)
            throw PgException.error("24000", "cursor \"" + cursorName + "\" is not a simply updatable scan of table \""
                    + rel.name() + "\"");
        if (!portal.positionedOnRow()) throw notPositioned(cursorName);
        return portal.currentRow().scanTid(scan);
    }

    /** Whether table {@code oid} is {@code ancestor}'s descendant through pg_inherits. */
    private static boolean inheritsFrom(org.tusk.catalog.Catalog catalog, int oid, int ancestor) {
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>(catalog.inheritanceParents(oid));
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            int p = todo.poll();
            if (p == ancestor) return true;
            if (seen.add(p)) todo.addAll(catalog.inheritanceParents(p));
        }
        return false;
    }

    private static PgException notPositioned(String cursorName) {
        return PgException.error("24000", "cursor \"" + cursorName + "\" is not positioned on a row");
    }
}
