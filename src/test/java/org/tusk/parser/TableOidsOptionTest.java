package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** gram.y's OptWith since PostgreSQL 12: WITH takes only reloptions, WITHOUT OIDS is a no-op. */
class TableOidsOptionTest {
    @Test
    void withOidsIsASyntaxErrorAtOids() {
        PgException e = assertThrows(PgException.class, () -> Parser.parse("CREATE TABLE withoid() WITH OIDS"));
        assertEquals("syntax error at or near \"OIDS\"", e.getMessage());
        assertEquals(29, e.position());
    }

    @Test
    void withoutOidsIsAccepted() {
        Stmt s = Parser.parse("CREATE TEMP TABLE withoutoid() WITHOUT OIDS").get(0).stmt();
        Stmt.CreateStmt c = assertInstanceOf(Stmt.CreateStmt.class, s);
        assertTrue(c.options().isEmpty());
    }

    @Test
    void withReloptionsStillParse() {
        Stmt.CreateStmt c = (Stmt.CreateStmt) Parser.parse("CREATE TABLE t (a int) WITH (fillfactor = 10)").get(0).stmt();
        assertEquals("fillfactor", c.options().get(0).name());
    }
}
