package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** BEGIN/START TRANSACTION modes, SET TRANSACTION and SET SESSION CHARACTERISTICS AS TRANSACTION. */
class TransactionGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    @Test
    void setTransactionKeepsTheModesInOrder() {
        Stmt.SetTransactionStmt s = (Stmt.SetTransactionStmt) one("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY, DEFERRABLE");
        assertFalse(s.sessionCharacteristics());
        assertFalse(s.isLocal());
        assertEquals(List.of("isolation level serializable", "read only", "deferrable"), s.modes());
        s = (Stmt.SetTransactionStmt) one("set local transaction read write not deferrable");
        assertTrue(s.isLocal());
        assertEquals(List.of("read write", "not deferrable"), s.modes());
        s = (Stmt.SetTransactionStmt) one("set session transaction isolation level read uncommitted");
        assertEquals(List.of("isolation level read uncommitted"), s.modes());
    }

    @Test
    void sessionCharacteristicsSetTheDefaults() {
        Stmt.SetTransactionStmt s = (Stmt.SetTransactionStmt) one("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        assertTrue(s.sessionCharacteristics());
        assertEquals(List.of("isolation level repeatable read"), s.modes());
    }

    @Test
    void beginAndStartCarryTheirModes() {
        Stmt.TransactionStmt t = (Stmt.TransactionStmt) one("start transaction isolation level read committed, read only");
        assertEquals(Stmt.TransactionStmt.Kind.START, t.kind());
        assertEquals(List.of("isolation level read committed", "read only"), t.options());
        assertTrue(((Stmt.TransactionStmt) one("commit and chain")).chain());
        assertFalse(((Stmt.TransactionStmt) one("rollback and no chain")).chain());
    }

    @Test
    void aModeIsRequired() {
        PgException e = assertThrows(PgException.class, () -> Parser.parse("set transaction"));
        assertEquals("42601", e.sqlState());
    }
}
