package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** The grammar of PREPARE/EXECUTE/DEALLOCATE, DECLARE/FETCH/MOVE/CLOSE, ON CONFLICT, UPDATE FROM and DELETE USING. */
class PortalGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    @Test
    void prepareKeepsTheInnerStatementSpan() {
        String q = "PREPARE q (int, text) AS SELECT $1, $2";
        Stmt.PrepareStmt p = (Stmt.PrepareStmt) one(q);
        assertEquals("q", p.name());
        assertEquals(2, p.argTypes().size());
        assertEquals("SELECT $1, $2", p.query().text(q));
        assertTrue(one("prepare transaction 'x'") instanceof Stmt.TransactionStmt);
        assertThrows(PgException.class, () -> one("prepare q as create table t (a int)"));
    }

    @Test
    void executeAndDeallocate() {
        Stmt.ExecuteStmt e = (Stmt.ExecuteStmt) one("execute q(1, 'a' || 'b')");
        assertEquals(2, e.params().size());
        assertNull(((Stmt.DeallocateStmt) one("deallocate all")).name());
        assertEquals("q", ((Stmt.DeallocateStmt) one("deallocate prepare q")).name());
    }

    @Test
    void declareOptions() {
        Stmt.DeclareCursorStmt d = (Stmt.DeclareCursorStmt) one("declare c binary no scroll cursor with hold for select 1");
        assertTrue(d.binary());
        assertEquals(Boolean.FALSE, d.scroll());
        assertTrue(d.hold());
        assertNull(((Stmt.DeclareCursorStmt) one("declare c cursor for select 1")).scroll());
        assertEquals("42P11", assertThrows(PgException.class,
                () -> one("declare c scroll no scroll cursor for select 1")).sqlState());
    }

    @Test
    void fetchDirections() {
        record F(String sql, Stmt.FetchDirection dir, long n) {}
        for (F f : List.of(new F("fetch c", Stmt.FetchDirection.FORWARD, 1),
                new F("fetch prior from c", Stmt.FetchDirection.BACKWARD, 1),
                new F("fetch last in c", Stmt.FetchDirection.ABSOLUTE, -1),
                new F("fetch first c", Stmt.FetchDirection.ABSOLUTE, 1),
                new F("fetch absolute -3 c", Stmt.FetchDirection.ABSOLUTE, -3),
                new F("fetch relative 2 from c", Stmt.FetchDirection.RELATIVE, 2),
                new F("fetch 4 c", Stmt.FetchDirection.FORWARD, 4),
                new F("fetch all in c", Stmt.FetchDirection.FORWARD, Stmt.FetchStmt.FETCH_ALL),
                new F("fetch backward all from c", Stmt.FetchDirection.BACKWARD, Stmt.FetchStmt.FETCH_ALL),
                new F("move forward 0 from c", Stmt.FetchDirection.FORWARD, 0))) {
            Stmt.FetchStmt s = (Stmt.FetchStmt) one(f.sql());
            assertEquals(f.dir(), s.direction(), f.sql());
            assertEquals(f.n(), s.howMany(), f.sql());
            assertEquals("c", s.portalName());
            assertEquals(f.sql().startsWith("move"), s.isMove());
        }
        assertNull(((Stmt.ClosePortalStmt) one("close all")).name());
    }

    @Test
    void onConflictClauses() {
        Stmt.InsertStmt i = (Stmt.InsertStmt) one("insert into t values (1) on conflict (a, b) where a > 0 do nothing");
        assertEquals(2, i.onConflict().inferElems().size());
        assertFalse(i.onConflict().doUpdate());
        i = (Stmt.InsertStmt) one("insert into t values (1) on conflict on constraint t_pkey do update set a = excluded.a "
                + "where t.b > 1 returning *");
        assertEquals("t_pkey", i.onConflict().constraint());
        assertEquals(1, i.onConflict().set().size());
        assertEquals(1, i.returning().size());
    }

    @Test
    void updateFromAndDeleteUsingTakeFromLists() {
        Stmt.UpdateStmt u = (Stmt.UpdateStmt) one("update t set a = s.a from s, (select 1) x(y) join u on true where t.id = s.id");
        assertEquals(2, u.from().size());
        Stmt.DeleteStmt d = (Stmt.DeleteStmt) one("delete from t using s, u where t.id = s.id");
        assertEquals(2, d.using().size());
    }
}
