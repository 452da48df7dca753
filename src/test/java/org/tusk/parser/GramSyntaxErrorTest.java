package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/**
 * Statements gram.y rejects with a syntax error at a particular token (errors.sql), the SELECT
 * ... INTO restrictions of COPY and CREATE VIEW, and COMMENT ON AGGREGATE's signature. The
 * messages and positions are PostgreSQL 15's.
 */
class GramSyntaxErrorTest {
    private static PgException err(String sql) {
        return assertThrows(PgException.class, () -> Parser.parse(sql));
    }

    private static void syntaxErrorAt(String sql, String token) {
        PgException e = err(sql);
        assertEquals("42601", e.sqlState(), sql);
        assertEquals("syntax error at or near \"" + token + "\"", e.getMessage(), sql);
        assertEquals(sql.indexOf(token) + 1, e.position(), sql);
    }

    @Test
    void unknownObjectWordsAfterCreateDropAlterAreSyntaxErrors() {
        syntaxErrorAt("CREATE foo", "foo");
        syntaxErrorAt("drop tuple rule nonesuch", "tuple");
        syntaxErrorAt("drop instance rule nonesuch on noplace", "instance");
        syntaxErrorAt("drop rewrite rule nonesuch", "rewrite");
        syntaxErrorAt("alter nonesuch x", "nonesuch");
        // object words gram.y has, which Tusk does not run, still parse (and fail at execution)
        assertTrue(Parser.parse("create extension foo").get(0).stmt() instanceof Stmt.UnsupportedStmt);
        assertTrue(Parser.parse("drop extension foo").get(0).stmt() instanceof Stmt.UnsupportedStmt);
    }

    @Test
    void notMustBeFollowedByNullInAColumnDefinition() {
        PgException e = err("CREATE TABLE foo (id3 INTEGER NOT NUL, id4 int)");
        assertEquals("syntax error at or near \"NUL\"", e.getMessage());
        assertEquals("CREATE TABLE foo (id3 INTEGER NOT NUL, id4 int)".indexOf("NUL,") + 1, e.position());
        // NOT DEFERRABLE is a constraint attribute, not an error
        Parser.parse("create table foo (a int references bar not deferrable)");
    }

    @Test
    void aColumnDefaultIsABExpr() {
        // constraints.sql: b_expr has no IN, LIKE, IS NULL or NOT outside parentheses
        syntaxErrorAt("CREATE TABLE error_tbl (b1 bool DEFAULT 1 IN (1, 2))", "IN");
        syntaxErrorAt("create table e (b bool default 'a' like 'b')", "like");
        syntaxErrorAt("create table e (b bool default 1 is null)", "null");
        syntaxErrorAt("create table e (b bool default not true)", "not");
        Parser.parse("CREATE TABLE error_tbl (b1 bool DEFAULT (1 IN (1, 2)))");
        Parser.parse("create table e (b bool default 1 is distinct from 2, c bool default coalesce(1 in (1), false),"
                + " d bool default 1 < 2 not null)");
    }

    @Test
    void distinctNeedsATargetList() {
        syntaxErrorAt("select distinct from pg_database", "from");
        Parser.parse("select from pg_database");   // opt_target_list may be empty
    }

    @Test
    void alterTableWithoutACommandIsASyntaxError() {
        syntaxErrorAt("alter table rename;", ";");
    }

    @Test
    void selectIntoInsideCopyAndViewsHasItsOwnError() {
        PgException copy = err("COPY (SELECT 1 INTO frak UNION SELECT 2) TO 'blob'");
        assertEquals("0A000", copy.sqlState());
        assertEquals("COPY (SELECT INTO) is not supported", copy.getMessage());
        PgException view = err("CREATE VIEW foo AS SELECT 1 INTO int4_tbl");
        assertEquals("views must not contain SELECT INTO", view.getMessage());
        // elsewhere the generic error points at the target table, as intoClause's location does
        String sql = "INSERT INTO int4_tbl SELECT 1 INTO f";
        PgException insert = err(sql);
        assertEquals("SELECT ... INTO is not allowed here", insert.getMessage());
        assertEquals(sql.lastIndexOf('f') + 1, insert.position());
    }

    @Test
    void commentOnAggregateCarriesTheSignature() {
        Stmt.CommentStmt c = (Stmt.CommentStmt) Parser.parse("COMMENT ON AGGREGATE newcnt (*) IS 'x'").get(0).stmt();
        assertEquals("aggregate", c.objtype());
        assertEquals(java.util.List.of("newcnt"), c.function().name());
        assertTrue(c.function().argTypes().isEmpty());
        Stmt.CommentStmt d = (Stmt.CommentStmt) Parser.parse("COMMENT ON AGGREGATE s.newavg (int4) IS NULL").get(0).stmt();
        assertEquals(java.util.List.of("s", "newavg"), d.function().name());
        assertEquals(1, d.function().argTypes().size());
        assertEquals(null, d.comment());
    }
}
