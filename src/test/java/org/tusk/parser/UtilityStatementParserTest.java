package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** The grammar of COPY, TRUNCATE, ALTER TABLE, VACUUM/ANALYZE and CREATE TABLE's storage options. */
class UtilityStatementParserTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    private static String err(String sql) {
        PgException e = assertThrows(PgException.class, () -> Parser.parse(sql));
        return e.sqlState() + " " + e.getMessage();
    }

    private static String options(List<Stmt.DefElem> o) {
        return String.join(",", o.stream().map(d -> d.name() + "=" + d.value()).toList());
    }

    @Test
    void copyFromStdinWithNewAndOldStyleOptions() {
        Stmt.CopyStmt c = (Stmt.CopyStmt) one("copy s.t (a, b) from stdin with (format csv, header true, delimiter ';', freeze)");
        assertEquals("s", c.relation().schema());
        assertEquals(List.of("a", "b"), c.columns());
        assertTrue(c.isFrom());
        assertNull(c.filename());
        assertEquals("format=csv,header=true,delimiter=;,freeze=null", options(c.options()));

        Stmt.CopyStmt old = (Stmt.CopyStmt) one("COPY t FROM STDIN CSV HEADER DELIMITER AS '|' NULL AS 'x' QUOTE '''' FREEZE");
        assertEquals("format=csv,header=true,delimiter=|,null=x,quote=',freeze=true", options(old.options()));

        Stmt.CopyStmt binary = (Stmt.CopyStmt) one("copy binary t from stdin");
        assertEquals("format=binary", options(binary.options()));
    }

    @Test
    void copyToAFileAndCopyOfAQuery() {
        Stmt.CopyStmt c = (Stmt.CopyStmt) one("copy t to '/tmp/x.csv' (format csv)");
        assertFalse(c.isFrom());
        assertEquals("/tmp/x.csv", c.filename());
        Stmt.CopyStmt q = (Stmt.CopyStmt) one("copy (select a, b from t where a > 1) to stdout");
        assertNull(q.relation());
        assertNotNull(q.query());
        assertEquals("select a, b from t where a > 1", q.queryText());
        assertEquals("0A000 COPY PROGRAM is not supported yet", err("copy t to program 'gzip'"));
        assertTrue(err("copy t from").startsWith("42601 syntax error at end of input"));
    }

    @Test
    void alterSequenceOptionsRenameAndOwner() {
        Stmt.AlterSeqStmt a = (Stmt.AlterSeqStmt) one("alter sequence if exists s.q increment by 5 restart with -3 no maxvalue owned by s.t.c");
        assertTrue(a.missingOk());
        assertEquals("q", a.sequence().name());
        assertEquals(List.of("increment", "restart", "maxvalue", "owned_by"), a.options().stream().map(Stmt.DefElem::name).toList());
        assertEquals("-3", a.options().get(1).value());
        assertNull(a.options().get(2).value());
        assertEquals(List.of("s", "t", "c"), a.options().get(3).list());
        Stmt.AlterSeqStmt plain = (Stmt.AlterSeqStmt) one("alter sequence q restart");
        assertNull(plain.options().get(0).value());
        Stmt.RenameStmt r = (Stmt.RenameStmt) one("alter sequence q rename to r");
        assertEquals('S', r.objectType());
        Stmt.AlterRelationOwnerStmt o = (Stmt.AlterRelationOwnerStmt) one("alter sequence q owner to current_user");
        assertEquals('S', o.objectKind());
        assertEquals('r', ((Stmt.AlterRelationOwnerStmt) one("alter table only t owner to bob")).objectKind());
        assertEquals('i', ((Stmt.AlterRelationOwnerStmt) one("alter index i owner to bob")).objectKind());
        assertThrows(PgException.class, () -> one("alter sequence q"));
    }

    @Test
    void truncate() {
        Stmt.TruncateStmt t = (Stmt.TruncateStmt) one("truncate table only a, b restart identity cascade");
        assertEquals(List.of("a", "b"), t.relations().stream().map(Stmt.RangeVar::name).toList());
        assertTrue(t.restartSeqs());
        assertTrue(t.cascade());
        Stmt.TruncateStmt plain = (Stmt.TruncateStmt) one("truncate x continue identity");
        assertFalse(plain.restartSeqs());
        assertFalse(plain.cascade());
    }

    @Test
    void alterTableSubcommands() {
        Stmt.AlterTableStmt a = (Stmt.AlterTableStmt) one("alter table if exists t add primary key (a, b), "
                + "add constraint u unique (c), add column d int not null default 3, drop column if exists e, "
                + "alter column f set not null, alter g drop not null, alter column h set default 1 + 1, alter h drop default");
        assertTrue(a.missingOk());
        assertEquals(8, a.cmds().size());
        var pk = (Stmt.AlterTableCmd.AddConstraint) a.cmds().get(0);
        assertTrue(pk.constraint().primary());
        assertEquals(List.of("a", "b"), pk.constraint().columns());
        assertEquals("u", ((Stmt.AlterTableCmd.AddConstraint) a.cmds().get(1)).constraint().name());
        var col = (Stmt.AlterTableCmd.AddColumn) a.cmds().get(2);
        assertEquals("d", col.column().name());
        assertEquals("3", col.column().defaultSql());
        assertTrue(col.column().notNull());
        assertEquals(new Stmt.AlterTableCmd.DropColumn("e", true, false), a.cmds().get(3));
        assertEquals(new Stmt.AlterTableCmd.SetNotNull("f"), a.cmds().get(4));
        assertEquals(new Stmt.AlterTableCmd.DropNotNull("g"), a.cmds().get(5));
        assertEquals("1 + 1", ((Stmt.AlterTableCmd.SetDefault) a.cmds().get(6)).defaultSql());
        assertNull(((Stmt.AlterTableCmd.SetDefault) a.cmds().get(7)).defaultSql());
    }

    @Test
    void alterColumnTypeAndOnly() {
        Stmt.AlterTableStmt a = (Stmt.AlterTableStmt) one("alter table only t alter column c set data type varchar(20), "
                + "alter d type numeric(10, 2) using d * 2, drop column e cascade");
        assertFalse(a.relation().inh());
        var c = (Stmt.AlterTableCmd.AlterColumnType) a.cmds().get(0);
        assertEquals("c", c.column());
        assertNull(c.using());
        assertNull(c.usingSql());
        var d = (Stmt.AlterTableCmd.AlterColumnType) a.cmds().get(1);
        assertEquals("d", d.column());
        assertEquals("d * 2", d.usingSql());
        assertEquals(new Stmt.AlterTableCmd.DropColumn("e", false, true), a.cmds().get(2));
        assertTrue(((Stmt.AlterTableStmt) one("alter table t drop column e")).relation().inh());
    }

    @Test
    void renames() {
        assertEquals(new Stmt.RenameStmt(new Stmt.RangeVar(null, null, "t", null, 12), null, "u", false),
                one("alter table t rename to u"));
        Stmt.RenameStmt r = (Stmt.RenameStmt) one("alter table if exists t rename column a to b");
        assertEquals("a", r.column());
        assertEquals("b", r.newName());
        assertTrue(r.missingOk());
    }

    @Test
    void vacuumAndAnalyze() {
        assertEquals(new Stmt.VacuumStmt(true, true, true, false, false, false, List.of()), one("vacuum verbose analyze"));
        Stmt.VacuumStmt v = (Stmt.VacuumStmt) one("vacuum (analyze, verbose false) a, s.b");
        assertTrue(v.analyze());
        assertFalse(v.verbose());
        assertEquals(2, v.relations().size());
        Stmt.VacuumStmt an = (Stmt.VacuumStmt) one("analyze verbose t");
        assertFalse(an.isVacuum());
        assertTrue(an.analyze());
        assertTrue(an.verbose());
        assertEquals("42601 unrecognized VACUUM option \"bogus\"", err("vacuum (bogus) t"));
    }

    @Test
    void createTableStorageParametersAndUnlogged() {
        Stmt.CreateStmt c = (Stmt.CreateStmt) one("create unlogged table t (a int) with (fillfactor=70, autovacuum_enabled)");
        assertTrue(c.unlogged());
        assertEquals("fillfactor=70,autovacuum_enabled=null", options(c.options()));
        assertFalse(((Stmt.CreateStmt) one("create table t (a int)")).unlogged());
    }

    @Test
    void createAndDropSequence() {
        Stmt.CreateSeqStmt c = (Stmt.CreateSeqStmt) one("create temp sequence if not exists s as integer increment by -2 "
                + "minvalue -100 no maxvalue start with -10 cache 5 no cycle owned by none");
        assertTrue(c.temp());
        assertTrue(c.ifNotExists());
        assertEquals("as=int4,increment=-2,minvalue=-100,maxvalue=null,start=-10,cache=5,cycle=false,owned_by=none",
                options(c.options()));
        Stmt.DropStmt d = (Stmt.DropStmt) one("drop sequence if exists a, b");
        assertEquals(Stmt.DropStmt.ObjectType.SEQUENCE, d.kind());
        assertTrue(d.missingOk());
    }
}
