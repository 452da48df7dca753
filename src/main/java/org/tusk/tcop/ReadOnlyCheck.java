package org.tusk.tcop;

import org.tusk.nodes.Plan;
import org.tusk.nodes.PlannedStmt;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/**
 * What a read-only transaction refuses (XactReadOnly): PostgreSQL's PreventCommandIfReadOnly and
 * its callers. "Read-only" means no permanent effect on the database, so writing a temporary
 * table stays allowed (ExecCheckXactReadOnly skips them), as does COPY FROM into one, while DDL is
 * refused whatever it touches (ClassifyUtilityCommandAsReadOnly).
 */
final class ReadOnlyCheck {
    /** ERRCODE_READ_ONLY_SQL_TRANSACTION. */
    static final String READ_ONLY_SQL_TRANSACTION = "25006";

    private ReadOnlyCheck() {}

    /** PreventCommandIfReadOnly: 25006 "cannot execute CMD in a read-only transaction". */
    static PgException error(String cmdname) {
        return PgException.error(READ_ONLY_SQL_TRANSACTION, "cannot execute " + cmdname + " in a read-only transaction");
    }

    /**
     * The check for one statement about to run in a read-only transaction: plannable statements
     * as ExecCheckXactReadOnly checks them (their target must be a temporary table), utility
     * statements as ClassifyUtilityCommandAsReadOnly classes them. {@code tag} is the statement's
     * command tag; {@code copyTargetPersistence} supplies, for COPY FROM, the target's
     * relpersistence (DoCopy checks it after opening the table).
     */
    static void check(PlannedStmt planned, String tag, java.util.function.Supplier<Character> copyTargetPersistence) {
        Stmt u = planned.utilityStmt();
        if (u == null) {
            Plan top = planned.planTree();
            if (top instanceof Plan.ModifyingCtes w) {
                // the WITH queries' INSERT/UPDATE/DELETE are checked as the statement's own
                for (Plan.CteScan c : w.ctes())
                    if (c.ctePlan() instanceof Plan.ModifyTable m && !isTemp(m)) throw error(m.operation().name());
                top = w.plan();
            }
            if (top instanceof Plan.ModifyTable m && !isTemp(m)) {
                throw error(m.operation().name());
            }
            return;
        }
        if (u instanceof Stmt.CopyStmt c) {
            if (c.isFrom() && c.relation() != null && copyTargetPersistence.get() != 't') throw error("COPY FROM");
            return;
        }
        if (!okInReadOnlyTransaction(u)) throw error(tag);
    }

    private static boolean isTemp(Plan.ModifyTable m) {
        return m.target().table() != null && m.target().table().persistence() == 't';
    }

    /**
     * ClassifyUtilityCommandAsReadOnly's COMMAND_OK_IN_READ_ONLY_TXN (and stronger) classes:
     * session state, transaction control, cursors and prepared statements (an EXECUTE's statement
     * is checked itself), CHECKPOINT, VACUUM and ANALYZE (they write WAL but change no data that
     * a dump would show), SHOW, LOCK TABLE in any mode. Everything else — every kind of DDL, GRANT, roles, databases —
     * changes the catalogs and is refused.
     */
    private static boolean okInReadOnlyTransaction(Stmt u) {
        return switch (u) {
            case Stmt.VariableSetStmt v -> true;
            case Stmt.VariableShowStmt v -> true;
            case Stmt.SetTransactionStmt t -> true;
            case Stmt.TransactionStmt t -> true;
            case Stmt.CheckpointStmt c -> true;
            case Stmt.ListenStmt l -> true;     // COMMAND_OK_IN_READ_ONLY_TXN
            case Stmt.NotifyStmt n -> true;     // COMMAND_OK_IN_READ_ONLY_TXN (it needs an xid, not a write)
            case Stmt.UnlistenStmt l -> true;   // strictly read-only
            case Stmt.DiscardStmt d -> true;    // COMMAND_OK_IN_READ_ONLY_TXN (temporary objects only)
            case Stmt.VacuumStmt v -> true;
            case Stmt.ReindexStmt r -> true;   // writes WAL, but changes nothing pg_dump would show
            case Stmt.PrepareStmt p -> true;
            case Stmt.ExecuteStmt e -> true;
            case Stmt.DeallocateStmt d -> true;
            case Stmt.DeclareCursorStmt d -> true;
            case Stmt.FetchStmt f -> true;
            case Stmt.ClosePortalStmt c -> true;
            case Stmt.SelectStmt s -> true;
            case Stmt.ExplainStmt e -> true;
            case Stmt.ConstraintsSetStmt c -> true;   // ClassifyUtilityCommandAsReadOnly: strictly read-only
            case Stmt.CallStmt c -> true;      // the procedure's own statements are checked as they run
            case Stmt.LockStmt l -> true;      // any mode: locks change no data (pg_dump locks in a READ ONLY transaction)   // strictly read-only, as ClassifyUtilityCommandAsReadOnly says
            case Stmt.UnsupportedStmt s -> true; // it fails with its own error
            default -> false;
        };
    }
}
