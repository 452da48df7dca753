package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

class TableStatementParserTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    private static String err(String sql) {
        PgException e = assertThrows(PgException.class, () -> Parser.parse(sql));
        return e.sqlState() + " " + e.getMessage() + " @" + e.position();
    }

    @Test
    void createTableWithColumnAndTableConstraints() {
        Stmt.CreateStmt c = (Stmt.CreateStmt) one(
                "create temp table if not exists s.t (id int primary key, name varchar(20) not null default 'x' || 'y',"
                        + " n numeric(10,2) null, c char(3) unique, constraint t_u unique (name, n))");
        assertTrue(c.temp());
        assertTrue(c.ifNotExists());
        assertEquals("s", c.relation().schema());
        assertEquals("t", c.relation().name());
        assertEquals(4, c.columns().size());
        Stmt.ColumnDefinition id = c.columns().get(0);
        assertTrue(id.primaryKey());
        assertEquals("int4", id.type().lastName());
        Stmt.ColumnDefinition name = c.columns().get(1);
        assertTrue(name.notNull());
        assertEquals("'x' || 'y'", name.defaultSql());
        assertEquals(List.of(20), name.type().typmods());
        assertEquals(List.of(10, 2), c.columns().get(2).type().typmods());
        assertEquals("bpchar", c.columns().get(3).type().lastName());
        assertTrue(c.columns().get(3).unique());
        assertEquals(new Stmt.TableConstraint("t_u", false, List.of("name", "n"), c.constraints().get(0).location()),
                c.constraints().get(0));
    }

    @Test
    void defaultStopsBeforeTheNextConstraint() {
        Stmt.CreateStmt c = (Stmt.CreateStmt) one("create table t (a int default 1 + 2 not null, b text)");
        assertEquals("1 + 2", c.columns().get(0).defaultSql());
        assertTrue(c.columns().get(0).notNull());
    }

    @Test
    void createTableErrors() {
        assertEquals("42601 syntax error at or near \")\" @23", err("create table t (a int,)"));
        assertEquals("42601 conflicting NULL/NOT NULL declarations for column \"a\" @32",
                err("create table t (a int not null null)"));
        assertEquals("42601 syntax error at end of input @22", err("create table t (a int"));
        assertEquals("0A000 INCLUDE in a constraint is not supported yet @43",
                err("create table t (a int, exclude (a with =) include (a))"));
        Stmt.CreateStmt x = (Stmt.CreateStmt) one("create table t (a int, b text, constraint c exclude using btree "
                + "(a with =, lower(b) collate \"C\" with OPERATOR(pg_catalog.=)) where (a > 0) deferrable)");
        Stmt.TableConstraint k = x.constraints().get(0);
        assertEquals('x', k.contype());
        assertEquals("c", k.name());
        assertTrue(k.deferrable());
        assertEquals("btree", k.exclusion().accessMethod());
        assertEquals(List.of("=", "="), k.exclusion().operators());
        assertEquals(List.of("C"), k.exclusion().elems().get(1).collation());
        assertEquals("a > 0", k.exclusion().whereSql());
    }

    @Test
    void createIndexAndDrop() {
        Stmt.IndexStmt i = (Stmt.IndexStmt) one("create unique index if not exists t_a on only t using btree (a, b)");
        assertTrue(i.unique());
        assertTrue(i.ifNotExists());
        assertEquals("t_a", i.name());
        assertEquals(List.of("a", "b"), i.params().stream().map(Stmt.IndexElem::column).toList());
        Stmt.IndexStmt anon = (Stmt.IndexStmt) one("create index on t (a desc nulls first)");
        assertNull(anon.name());
        assertTrue(anon.params().get(0).desc());
        assertEquals(Boolean.TRUE, anon.params().get(0).nullsFirst());
        Stmt.DropStmt d = (Stmt.DropStmt) one("drop table if exists a, s.b cascade");
        assertEquals(Stmt.DropStmt.ObjectType.TABLE, d.kind());
        assertTrue(d.missingOk());
        assertTrue(d.cascade());
        assertEquals(2, d.objects().size());
        assertEquals(Stmt.DropStmt.ObjectType.INDEX, ((Stmt.DropStmt) one("drop index i restrict")).kind());
        assertEquals("42601 syntax error at or near \"a\" @21", err("create index i on t a (a)"));
        assertEquals("42601 syntax error at end of input @12", err("drop table "));
    }

    @Test
    void insertForms() {
        Stmt.InsertStmt v = (Stmt.InsertStmt) one("insert into t (a, b) values (1, default), (2, 'x') returning *, a + 1 as n");
        assertEquals(2, v.values().size());
        assertInstanceOf(RawExpr.SetToDefault.class, v.values().get(0).get(1));
        assertEquals(List.of("a", "b"), v.columns().stream().map(Stmt.ResTarget::name).toList());
        assertEquals(2, v.returning().size());
        assertEquals("n", v.returning().get(1).name());
        Stmt.InsertStmt s = (Stmt.InsertStmt) one("insert into t select a from u where a > 1");
        assertNotNull(s.select());
        assertTrue(((Stmt.InsertStmt) one("insert into t default values")).defaultValues());
        assertEquals("42601 syntax error at or near \"vals\" @15", err("insert into t vals (1)"));
        assertNotNull(((Stmt.InsertStmt) one("insert into t values (1) on conflict do nothing")).onConflict());
        // an inference element may be an expression (name null, the expression as its value)
        Stmt.OnConflictClause oc = ((Stmt.InsertStmt) one("insert into t values (1) on conflict ((a + 1), lower(b), c) do nothing"))
                .onConflict();
        assertEquals(3, oc.inferElems().size());
        assertNull(oc.inferElems().get(0).column());
        assertNotNull(oc.inferElems().get(1).expr());
        assertEquals("c", oc.inferElems().get(2).column());
        // COLLATE and an operator class follow a column or a function call (index_elem)
        oc = ((Stmt.InsertStmt) one("insert into t values (1) on conflict (lower(b) collate \"C\" text_pattern_ops, "
                + "c text_ops) do nothing")).onConflict();
        assertEquals(List.of("C"), oc.inferElems().get(0).collation());
        assertEquals(List.of("text_pattern_ops"), oc.inferElems().get(0).opclass());
        assertNull(oc.inferElems().get(1).collation());
        assertEquals(List.of("text_ops"), oc.inferElems().get(1).opclass());
    }

    @Test
    void updateAndDelete() {
        Stmt.UpdateStmt u = (Stmt.UpdateStmt) one("update only t as x set a = a + 1, b = default where x.a > 1 returning a");
        assertEquals("x", u.relation().alias());
        assertEquals(2, u.targetList().size());
        assertInstanceOf(RawExpr.SetToDefault.class, u.targetList().get(1).val());
        assertNotNull(u.where());
        assertEquals(1, u.returning().size());
        Stmt.UpdateStmt plain = (Stmt.UpdateStmt) one("update t set a = 1");
        assertNull(plain.relation().alias());
        Stmt.DeleteStmt d = (Stmt.DeleteStmt) one("delete from t y where y.a = 1 returning *");
        assertEquals("y", d.relation().alias());
        assertEquals(1, d.returning().size());
        assertEquals("42601 syntax error at or near \"where\" @14", err("update t set where a = 1"));
        assertEquals("42601 syntax error at or near \"t\" @8", err("delete t"));
    }
}
