package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** CREATE/ALTER/DROP DOMAIN as gram.y parses them, with DefineDomain's checks of the constraint list. */
class DomainGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    private static PgException fails(String sql) {
        return assertThrows(PgException.class, () -> one(sql));
    }

    @Test
    void createDomainKeepsTypeDefaultCollationAndConstraintsInOrder() {
        Stmt.CreateDomainStmt c = (Stmt.CreateDomainStmt) one(
                "CREATE DOMAIN s.d AS varchar(5) COLLATE \"C\" DEFAULT 'a' || 'b' CONSTRAINT nn NOT NULL "
                        + "CHECK (length(VALUE) > 1) CONSTRAINT c2 CHECK (VALUE <> 'zz')");
        assertEquals(List.of("s", "d"), c.name());
        assertEquals("varchar", c.type().lastName());
        assertEquals(List.of(5), c.type().typmods());
        assertEquals(List.of("C"), c.collation());
        assertEquals("'a' || 'b'", c.defaultSql());
        assertEquals(3, c.constraints().size());
        assertEquals(new Stmt.DomainConstraint("nn", 'n', null, false, c.constraints().get(0).location()), c.constraints().get(0));
        assertNull(c.constraints().get(1).name());
        assertEquals("length(VALUE) > 1", c.constraints().get(1).checkSql());
        assertEquals("c2", c.constraints().get(2).name());
        // AS is optional, and a domain may have no constraints at all
        Stmt.CreateDomainStmt bare = (Stmt.CreateDomainStmt) one("create domain d int");
        assertEquals("int4", bare.type().lastName());
        assertNull(bare.defaultSql());
        assertEquals(List.of(), bare.constraints());
    }

    @Test
    void createDomainRefusesWhatDefineDomainRefuses() {
        PgException e = fails("create domain d as int not null null");
        assertEquals("42601", e.sqlState());
        assertEquals("conflicting NULL/NOT NULL constraints", e.getMessage());
        assertEquals("multiple default expressions", fails("create domain d as int default 1 default 2").getMessage());
        assertEquals("unique constraints not possible for domains", fails("create domain d as int unique").getMessage());
        assertEquals("primary key constraints not possible for domains",
                fails("create domain d as int primary key").getMessage());
        assertEquals("42601", fails("create domain d as int check value > 0").sqlState());
    }

    @Test
    void alterDomainForms() {
        Stmt.AlterDomainStmt a = (Stmt.AlterDomainStmt) one("alter domain d set default 7");
        assertEquals('T', a.subtype());
        assertEquals("7", a.defaultSql());
        a = (Stmt.AlterDomainStmt) one("alter domain d drop default");
        assertEquals('T', a.subtype());
        assertNull(a.defaultSql());
        assertEquals('O', ((Stmt.AlterDomainStmt) one("alter domain d set not null")).subtype());
        assertEquals('N', ((Stmt.AlterDomainStmt) one("alter domain d drop not null")).subtype());
        a = (Stmt.AlterDomainStmt) one("alter domain s.d add constraint pos check (value > 0) not valid");
        assertEquals(List.of("s", "d"), a.name());
        assertEquals('C', a.subtype());
        assertEquals("pos", a.constraint().name());
        assertEquals("value > 0", a.constraint().checkSql());
        assertTrue(a.constraint().notValid());
        assertFalse(((Stmt.AlterDomainStmt) one("alter domain d add check (value > 0)")).constraint().notValid());
        a = (Stmt.AlterDomainStmt) one("alter domain d drop constraint if exists pos cascade");
        assertEquals('X', a.subtype());
        assertEquals("pos", a.constraintName());
        assertTrue(a.missingOk() && a.cascade());
        a = (Stmt.AlterDomainStmt) one("alter domain d validate constraint pos");
        assertEquals('V', a.subtype());
        assertEquals("pos", a.constraintName());
        a = (Stmt.AlterDomainStmt) one("alter domain d rename constraint pos to positive");
        assertEquals('r', a.subtype());
        assertEquals("positive", a.newName());
        a = (Stmt.AlterDomainStmt) one("alter domain d rename to e");
        assertEquals('R', a.subtype());
        assertEquals("e", a.newName());
        Stmt.AlterTypeOwnerStmt o = (Stmt.AlterTypeOwnerStmt) one("alter domain d owner to bob");
        assertEquals(true, o.domain());
        assertEquals(java.util.List.of("d"), o.name());
        assertEquals("0A000", fails("alter domain d set schema s").sqlState());
    }

    @Test
    void dropDomainAndDomainAsAnOrdinaryName() {
        Stmt.DropDomainStmt d = (Stmt.DropDomainStmt) one("drop domain if exists a, b.c cascade");
        assertEquals(List.of(List.of("a"), List.of("b", "c")), d.names());
        assertTrue(d.missingOk() && d.cascade());
        assertFalse(((Stmt.DropDomainStmt) one("drop domain a restrict")).cascade());
        // DOMAIN is unreserved: still a column and table name
        assertInstanceOf(Stmt.CreateStmt.class, one("create table domain (domain int)"));
    }
}
