package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.PlannedStmt;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.misc.GucSettings;

/** Isolation level, read-only and deferrable status as parameters, and what a read-only transaction refuses. */
class TransactionCharacteristicsTest {
    private final GucSettings gucs = GucSettings.forBackend();
    private boolean snapshotTaken, inSub;

    TransactionCharacteristicsTest() {
        TransactionCharacteristics.installCheckHooks(gucs, () -> snapshotTaken, () -> inSub);
    }

    private void begin(String... modes) {
        gucs.atTransactionStart();
        TransactionCharacteristics.atTransactionStart(gucs);
        TransactionCharacteristics.apply(gucs, List.of(modes), false, true, true);
    }

    private PgException refused(String... modes) {
        return assertThrows(PgException.class, () -> TransactionCharacteristics.apply(gucs, List.of(modes), false, false, true));
    }

    @Test
    void eachTransactionStartsFromTheDefaults() {
        gucs.setFromSql("default_transaction_isolation", "repeatable read", false, true);
        begin();
        assertEquals("repeatable read", gucs.show("transaction_isolation"));
        TransactionCharacteristics.apply(gucs, List.of("isolation level serializable", "read only", "deferrable"), false, false, true);
        assertEquals("serializable", gucs.show("transaction_isolation"));
        assertEquals("on", gucs.show("transaction_read_only"));
        assertEquals("on", gucs.show("transaction_deferrable"));
        gucs.atTransactionCommit();
        // a committed SET TRANSACTION does not outlive its transaction
        begin();
        assertEquals("repeatable read", gucs.show("transaction_isolation"));
        assertEquals("off", gucs.show("transaction_read_only"));
        assertEquals("off", gucs.show("transaction_deferrable"));
        gucs.atTransactionCommit();
    }

    @Test
    void sessionCharacteristicsSetTheDefaults() {
        begin();
        TransactionCharacteristics.apply(gucs, List.of("isolation level read uncommitted", "read only"), true, false, true);
        gucs.atTransactionCommit();
        assertEquals("read uncommitted", gucs.show("default_transaction_isolation"));
        assertEquals("on", gucs.show("default_transaction_read_only"));
        begin();
        assertEquals("read uncommitted", gucs.show("transaction_isolation"));
        assertEquals("on", gucs.show("transaction_read_only"));
    }

    @Test
    void changesAfterTheFirstSnapshotOrInASubtransactionAreRefused() {
        begin("isolation level repeatable read", "read only");
        snapshotTaken = true;
        PgException e = refused("isolation level serializable");
        assertEquals("25001", e.sqlState());
        assertEquals("SET TRANSACTION ISOLATION LEVEL must be called before any query", e.getMessage());
        TransactionCharacteristics.apply(gucs, List.of("isolation level repeatable read"), false, false, true); // unchanged: fine
        assertEquals("transaction read-write mode must be set before any query", refused("read write").getMessage());
        TransactionCharacteristics.apply(gucs, List.of("read only"), false, false, true); // becoming read-only is always allowed
        assertEquals("SET TRANSACTION [NOT] DEFERRABLE must be called before any query", refused("deferrable").getMessage());
        snapshotTaken = false;
        inSub = true;
        assertEquals("SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction",
                refused("isolation level read committed").getMessage());
        assertEquals("cannot set transaction read-write mode inside a read-only transaction", refused("read write").getMessage());
        assertEquals("SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction",
                refused("not deferrable").getMessage());
    }

    @Test
    void savedCharacteristicsCarryOverToAChainedTransaction() {
        begin("isolation level serializable", "read only");
        TransactionCharacteristics.Saved saved = TransactionCharacteristics.save(gucs);
        gucs.atTransactionCommit();
        begin();
        assertEquals("read committed", gucs.show("transaction_isolation"));
        TransactionCharacteristics.restore(gucs, saved);
        assertEquals("serializable", gucs.show("transaction_isolation"));
        assertEquals("on", gucs.show("transaction_read_only"));
    }

    @Test
    void readOnlyRefusesDdlButNotSessionStatements() {
        PlannedStmt drop = new PlannedStmt(null, new Stmt.DropStmt(Stmt.DropStmt.ObjectType.TABLE, List.of(), false, false),
                List.of(), List.of(), List.of());
        PgException e = assertThrows(PgException.class, () -> ReadOnlyCheck.check(drop, "DROP TABLE", () -> 'p'));
        assertEquals("25006", e.sqlState());
        assertEquals("cannot execute DROP TABLE in a read-only transaction", e.getMessage());
        PlannedStmt set = new PlannedStmt(null, new Stmt.VariableSetStmt(Stmt.VariableSetStmt.Kind.RESET_ALL, null, List.of(), false),
                List.of(), List.of(), List.of());
        ReadOnlyCheck.check(set, "RESET", () -> 'p');
        PlannedStmt copyFrom = new PlannedStmt(null, new Stmt.CopyStmt(new Stmt.RangeVar(null, null, "t", null, 0), List.of(), null,
                null, true, null, List.of(), 0), List.of(), List.of(), List.of());
        assertEquals("cannot execute COPY FROM in a read-only transaction",
                assertThrows(PgException.class, () -> ReadOnlyCheck.check(copyFrom, "COPY", () -> 'p')).getMessage());
        ReadOnlyCheck.check(copyFrom, "COPY", () -> 't'); // into a temporary table
    }
}
