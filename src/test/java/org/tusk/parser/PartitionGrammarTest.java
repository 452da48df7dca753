package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** PARTITION BY, PARTITION OF ... FOR VALUES / DEFAULT, and ALTER TABLE ATTACH / DETACH PARTITION. */
class PartitionGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    @Test
    void partitionByNamesStrategyAndColumns() {
        Stmt.CreateStmt c = (Stmt.CreateStmt) one("create table p (a int, b text) partition by RANGE (a, b)");
        assertEquals("range", c.partspec().strategy());
        assertEquals(List.of("a", "b"), c.partspec().params().stream().map(Stmt.PartitionElem::column).toList());
        assertNull(c.partbound());
    }

    @Test
    void keyElementsTakeExpressionsCollationsAndOperatorClasses() {
        Stmt.CreateStmt c = (Stmt.CreateStmt) one("create table p (a int, b text, c text) partition by range "
                + "(a int4_ops, (a + 1), lower(b) collate \"C\" text_pattern_ops, c collate pg_catalog.\"POSIX\")");
        List<Stmt.PartitionElem> e = c.partspec().params();
        assertEquals("a", e.get(0).column());
        assertEquals(List.of("int4_ops"), e.get(0).opclass());
        assertNull(e.get(1).column());
        assertEquals("a + 1", e.get(1).exprSql());
        assertEquals("lower(b)", e.get(2).exprSql());
        assertEquals(List.of("C"), e.get(2).collation());
        assertEquals(List.of("text_pattern_ops"), e.get(2).opclass());
        assertEquals(List.of("pg_catalog", "POSIX"), e.get(3).collation());
        assertNull(e.get(3).opclass());
    }

    @Test
    void alterIndexAttachPartitionIsAnAttachWithoutBound() {
        Stmt.AlterTableStmt a = (Stmt.AlterTableStmt) one("alter index pi attach partition s.ci");
        assertEquals("pi", a.relation().name());
        Stmt.AlterTableCmd.AttachPartition ap = (Stmt.AlterTableCmd.AttachPartition) a.cmds().get(0);
        assertEquals("ci", ap.partition().name());
        assertEquals("s", ap.partition().schema());
        assertNull(ap.bound());
    }

    @Test
    void partitionOfWithRangeBoundKeepsEachDatumsText() {
        String sql = "create table p1 partition of p for values from (minvalue, 1 + 1) to ('x', maxvalue)";
        Stmt.CreateStmt c = (Stmt.CreateStmt) one(sql);
        assertEquals("p", c.inhRelations().get(0).name());
        Stmt.PartitionBoundSpec b = c.partbound();
        assertEquals('r', b.strategy());
        assertEquals(List.of("minvalue", "1 + 1"), b.lowerSql());
        assertEquals(List.of("'x'", "maxvalue"), b.upperSql());
        assertInstanceOf(RawExpr.ColumnRef.class, b.lower().get(0));
        // the bound's location is the FROM after FOR VALUES, where PostgreSQL points its errors
        assertEquals(sql.indexOf("from"), b.location());
    }

    @Test
    void listHashAndDefaultBoundsAndColumnOptions() {
        Stmt.CreateStmt l = (Stmt.CreateStmt) one("create table l1 partition of l (b with options not null, check (a > 0))"
                + " for values in (1, null) partition by list (b)");
        assertEquals('l', l.partbound().strategy());
        assertEquals(List.of("1", "null"), l.partbound().listSql());
        assertNull(l.columns().get(0).type(), "a PARTITION OF column entry has no type");
        assertTrue(l.columns().get(0).notNull());
        assertEquals(1, l.constraints().size());
        assertEquals("list", l.partspec().strategy());
        Stmt.CreateStmt h = (Stmt.CreateStmt) one("create table h1 partition of h for values with (modulus 4, remainder 3)");
        assertEquals(4, h.partbound().modulus());
        assertEquals(3, h.partbound().remainder());
        Stmt.CreateStmt d = (Stmt.CreateStmt) one("create table d partition of h default");
        assertEquals('d', d.partbound().strategy());
    }

    @Test
    void hashBoundNeedsModulusAndRemainderOnce() {
        PgException e = assertThrows(PgException.class,
                () -> one("create table h1 partition of h for values with (modulus 4)"));
        assertEquals("remainder for hash partition must be specified", e.getMessage());
        e = assertThrows(PgException.class,
                () -> one("create table h1 partition of h for values with (modulus 4, modulus 2, remainder 0)"));
        assertEquals("modulus for hash partition provided more than once", e.getMessage());
    }

    @Test
    void attachAndDetachPartition() {
        Stmt.AlterTableStmt a = (Stmt.AlterTableStmt) one("alter table p attach partition s.p2 for values in (3)");
        var attach = (Stmt.AlterTableCmd.AttachPartition) a.cmds().get(0);
        assertEquals("s", attach.partition().schema());
        assertEquals('l', attach.bound().strategy());
        Stmt.AlterTableStmt d = (Stmt.AlterTableStmt) one("alter table p detach partition p2");
        assertEquals("p2", ((Stmt.AlterTableCmd.DetachPartition) d.cmds().get(0)).partition().name());
    }
}
