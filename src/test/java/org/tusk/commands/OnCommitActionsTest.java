package org.tusk.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.testsupport.MemCatalog;
import org.tusk.testsupport.MemEnv;

/** register_on_commit_action: each session (catalog) keeps its own temporary tables' ON COMMIT actions. */
class OnCommitActionsTest {
    @Test
    void actionsAreTheSessionsOwn() {
        MemCatalog one = new MemEnv().catalog, other = new MemEnv().catalog;
        OnCommitActions.register(one, 16384, Stmt.CreateStmt.ONCOMMIT_DELETE_ROWS);
        OnCommitActions.register(one, 16390, Stmt.CreateStmt.ONCOMMIT_PRESERVE_ROWS);
        assertTrue(OnCommitActions.any(one));
        assertFalse(OnCommitActions.any(other));
        assertEquals(Map.of(16384, Stmt.CreateStmt.ONCOMMIT_DELETE_ROWS), one.onCommitActions());
        OnCommitActions.register(other, 16384, Stmt.CreateStmt.ONCOMMIT_DROP);
        assertEquals(Map.of(16384, Stmt.CreateStmt.ONCOMMIT_DROP), other.onCommitActions());
        assertEquals(Map.of(16384, Stmt.CreateStmt.ONCOMMIT_DELETE_ROWS), one.onCommitActions());
    }
}
