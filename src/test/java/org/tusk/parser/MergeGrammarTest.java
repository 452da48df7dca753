package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** gram.y's MergeStmt: the clauses, their actions, and the syntax errors PostgreSQL 15 reports. */
class MergeGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    private static String syntaxError(String sql) {
        PgException e = assertThrows(PgException.class, () -> one(sql));
        assertEquals("42601", e.sqlState());
        return e.getMessage();
    }

    @Test
    void targetSourceConditionAndClausesInOrder() {
        Stmt.MergeStmt m = (Stmt.MergeStmt) one("MERGE INTO target t USING source AS s ON t.tid = s.sid"
                + " WHEN MATCHED AND s.delta > 0 THEN UPDATE SET balance = t.balance + s.delta, tid = DEFAULT"
                + " WHEN MATCHED THEN DELETE"
                + " WHEN NOT MATCHED AND s.sid > 0 THEN INSERT (tid, balance) VALUES (s.sid, DEFAULT)"
                + " WHEN NOT MATCHED THEN DO NOTHING");
        assertEquals("target", m.relation().name());
        assertEquals("t", m.relation().alias());
        assertEquals("s", ((Stmt.RangeVar) m.source()).alias());
        assertNotNull(m.joinCondition());
        List<Stmt.MergeWhenClause> w = m.whenClauses();
        assertEquals(4, w.size());
        assertTrue(w.get(0).matched());
        assertEquals(Stmt.MergeAction.UPDATE, w.get(0).action());
        assertNotNull(w.get(0).condition());
        assertEquals(List.of("balance", "tid"), w.get(0).targetList().stream().map(Stmt.ResTarget::name).toList());
        assertTrue(w.get(0).targetList().get(1).val() instanceof RawExpr.SetToDefault);
        assertEquals(Stmt.MergeAction.DELETE, w.get(1).action());
        assertNull(w.get(1).condition());
        assertFalse(w.get(2).matched());
        assertEquals(Stmt.MergeAction.INSERT, w.get(2).action());
        assertEquals(2, w.get(2).values().size());
        assertTrue(w.get(2).values().get(1) instanceof RawExpr.SetToDefault);
        assertEquals(Stmt.MergeAction.NOTHING, w.get(3).action());
    }

    @Test
    void insertForms() {
        Stmt.MergeWhenClause dv = ((Stmt.MergeStmt) one("merge into t using s on true when not matched then insert default values"))
                .whenClauses().get(0);
        assertNull(dv.values());
        assertTrue(dv.targetList().isEmpty());
        Stmt.MergeWhenClause ov = ((Stmt.MergeStmt) one("merge into t using s on true when not matched then"
                + " insert overriding system value values (1)")).whenClauses().get(0);
        assertEquals('s', ov.overriding());
        assertEquals(1, ov.values().size());
    }

    @Test
    void withClauseAndOnlyAndJoinedSource() {
        Stmt.MergeStmt m = (Stmt.MergeStmt) one("with q as (select 1 as id) merge into only t using q"
                + " join s on s.id = q.id on t.id = q.id when matched then delete");
        assertNotNull(m.with());
        assertFalse(m.relation().inh());
        assertTrue(m.source() instanceof Stmt.JoinExpr);
    }

    @Test
    void wrongActionsAreSyntaxErrorsAtTheToken() {
        String base = "MERGE INTO target t USING source AS s ON t.tid = s.sid ";
        assertEquals("syntax error at or near \"RANDOMWORD\"",
                syntaxError("MERGE INTO target t RANDOMWORD USING source AS s ON t.tid = s.sid WHEN MATCHED THEN DELETE"));
        assertEquals("syntax error at or near \"INSERT\"", syntaxError(base + "WHEN MATCHED THEN INSERT DEFAULT VALUES"));
        assertEquals("syntax error at or near \"UPDATE\"", syntaxError(base + "WHEN NOT MATCHED THEN UPDATE SET balance = 0"));
        assertEquals("syntax error at or near \"INTO\"", syntaxError(base + "WHEN NOT MATCHED THEN INSERT INTO target DEFAULT VALUES"));
        assertEquals("syntax error at or near \",\"", syntaxError(base + "WHEN NOT MATCHED THEN INSERT VALUES (1,1), (2,2)"));
        assertEquals("syntax error at or near \"SELECT\"", syntaxError(base + "WHEN NOT MATCHED THEN INSERT SELECT (1, 1)"));
        assertEquals("syntax error at or near \"target\"", syntaxError(base + "WHEN MATCHED THEN UPDATE target SET balance = 0"));
        assertEquals("syntax error at end of input", syntaxError(base));
    }

    @Test
    void mergeIsRefusedAsAWithQueryAndInCopy() {
        PgException cte = assertThrows(PgException.class, () -> one("WITH foo AS (\n  MERGE INTO target USING source ON (true)"
                + " WHEN MATCHED THEN DELETE) SELECT * FROM foo"));
        assertEquals("MERGE not supported in WITH query", cte.getMessage());
        assertEquals("0A000", cte.sqlState());
        assertEquals(6, cte.position());
        PgException copy = assertThrows(PgException.class, () -> one("COPY (MERGE INTO target USING source ON (true)"
                + " WHEN MATCHED THEN DELETE) TO stdout"));
        assertEquals("MERGE not supported in COPY", copy.getMessage());
    }

    @Test
    void preparableAndExplainable() {
        Stmt.PrepareStmt p = (Stmt.PrepareStmt) one("prepare foom as merge into target t using (select 1 as sid) s"
                + " on (t.tid = s.sid) when matched then update set balance = 1");
        assertTrue(p.query().stmt() instanceof Stmt.MergeStmt);
        assertTrue(((Stmt.ExplainStmt) one("explain merge into t using s on true when matched then delete")).query()
                instanceof Stmt.MergeStmt);
        // MATCHED stays an ordinary name elsewhere
        assertTrue(one("select 1 as matched") instanceof Stmt.SelectStmt);
    }
}
