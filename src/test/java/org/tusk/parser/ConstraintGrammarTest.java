package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** The grammar of CHECK and FOREIGN KEY constraints and of the ALTER TABLE constraint forms. */
class ConstraintGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    private static String err(String sql) {
        PgException e = assertThrows(PgException.class, () -> Parser.parse(sql));
        return e.sqlState() + " " + e.getMessage();
    }

    @Test
    void columnChecksAndReferencesBecomeTableConstraintsOfTheColumn() {
        Stmt.CreateStmt c = (Stmt.CreateStmt) one(
                "create table a (x int constraint xr references b (id) on delete cascade, y int check (y > 0) not null)");
        Stmt.TableConstraint fk = c.columns().get(0).constraints().get(0);
        assertEquals('f', fk.contype());
        assertEquals("xr", fk.name());
        assertEquals(List.of("x"), fk.columns());
        assertEquals("b", fk.fk().pkTable().name());
        assertEquals(List.of("id"), fk.fk().pkColumns());
        assertEquals('c', fk.fk().delAction());
        assertEquals('a', fk.fk().updAction());
        assertEquals('s', fk.fk().matchType());
        Stmt.TableConstraint ck = c.columns().get(1).constraints().get(0);
        assertEquals('c', ck.contype());
        assertNull(ck.name());
        assertEquals("y > 0", ck.checkSql());
        assertTrue(c.columns().get(1).notNull());
    }

    @Test
    void tableForeignKeyWithMatchActionsAndAttributes() {
        Stmt.CreateStmt c = (Stmt.CreateStmt) one("create table a (x int, y int, constraint f foreign key (x, y) "
                + "references s.b match full on update set null on delete set default deferrable initially immediate)");
        Stmt.TableConstraint k = c.constraints().get(0);
        assertEquals('f', k.contype());
        assertEquals(List.of("x", "y"), k.columns());
        assertEquals("s", k.fk().pkTable().schema());
        assertTrue(k.fk().pkColumns().isEmpty());
        assertEquals('f', k.fk().matchType());
        assertEquals('n', k.fk().updAction());
        assertEquals('d', k.fk().delAction());
        assertTrue(k.deferrable());
        assertFalse(k.initiallyDeferred());
        assertFalse(k.isIndexConstraint());
    }

    @Test
    void checkNoInheritAndNotValidInAlterTable() {
        Stmt.AlterTableStmt s = (Stmt.AlterTableStmt) one(
                "alter table t add constraint c check (a <> b) no inherit, add check (a > 1) not valid, "
                        + "drop constraint if exists d cascade, validate constraint c");
        var add = (Stmt.AlterTableCmd.AddConstraint) s.cmds().get(0);
        assertEquals("c", add.constraint().name());
        assertTrue(add.constraint().noInherit());
        assertEquals("a <> b", add.constraint().checkSql());
        var add2 = (Stmt.AlterTableCmd.AddConstraint) s.cmds().get(1);
        assertTrue(add2.constraint().notValid());
        assertEquals(new Stmt.AlterTableCmd.DropConstraint("d", true, true), s.cmds().get(2));
        assertEquals(new Stmt.AlterTableCmd.ValidateConstraint("c"), s.cmds().get(3));
        Stmt.RenameConstraintStmt r = (Stmt.RenameConstraintStmt) one("alter table t rename constraint a to b");
        assertEquals("t", r.relation().name());
        assertEquals("a", r.name());
        assertEquals("b", r.newName());
    }

    @Test
    void errors() {
        assertEquals("0A000 MATCH PARTIAL not yet implemented", err("create table a (x int references b match partial)"));
        assertEquals("42601 constraint declared INITIALLY DEFERRED must be DEFERRABLE",
                err("create table a (x int references b not deferrable initially deferred)"));
        assertEquals("42601 syntax error at or near \")\"", err("create table a (x int check ())"));
    }

    @Test
    void overridingClause() {
        Stmt.InsertStmt i = (Stmt.InsertStmt) one("insert into t overriding system value values (1)");
        assertEquals('s', i.overriding());
        assertEquals('u', ((Stmt.InsertStmt) one("insert into t (a) overriding user value select 1")).overriding());
        assertEquals(0, ((Stmt.InsertStmt) one("insert into t values (1)")).overriding());
    }
}
