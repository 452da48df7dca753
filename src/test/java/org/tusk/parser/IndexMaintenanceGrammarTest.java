package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** The grammar of index storage parameters, ALTER INDEX's column forms, USING INDEX constraints and ON COMMIT. */
class IndexMaintenanceGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    @Test
    void createIndexTakesStorageParametersAndOpclassParameters() {
        Stmt.IndexStmt s = (Stmt.IndexStmt) one("create index i on t (a int4_ops(foo=1), b) with (fillfactor = 10, deduplicate_items)");
        assertEquals(2, s.options().size());
        assertEquals("fillfactor", s.options().get(0).name());
        assertEquals("10", s.options().get(0).value());
        assertNull(s.options().get(1).value());
        assertEquals("foo", s.params().get(0).opclassOptions().get(0).name());
        assertTrue(s.params().get(1).opclassOptions().isEmpty());
        assertTrue(s.relation().inh());
        assertFalse(((Stmt.IndexStmt) one("create index on only p (a)")).relation().inh());
    }

    @Test
    void alterIndexFormsBecomeAlterTableCommandsOnTheIndex() {
        Stmt.AlterTableStmt a = (Stmt.AlterTableStmt) one("alter index i set (fillfactor = 50)");
        assertTrue(a.alterIndex());
        assertInstanceOf(Stmt.AlterTableCmd.SetRelOptions.class, a.cmds().get(0));
        a = (Stmt.AlterTableStmt) one("alter index i alter column 1 set statistics -1");
        Stmt.AlterTableCmd.SetStatistics st = (Stmt.AlterTableCmd.SetStatistics) a.cmds().get(0);
        assertNull(st.column());
        assertEquals(1, st.colnum());
        assertEquals(-1, st.target());
        a = (Stmt.AlterTableStmt) one("alter index i alter id set (n_distinct = 100)");
        Stmt.AlterTableCmd.SetColumnOptions co = (Stmt.AlterTableCmd.SetColumnOptions) a.cmds().get(0);
        assertEquals("id", co.column());
        assertFalse(co.reset());
    }

    @Test
    void clusterOnAndSetWithoutClusterNameTheClusteringIndex() {
        Stmt.AlterTableStmt a = (Stmt.AlterTableStmt) one("alter table t cluster on t_a_idx");
        assertEquals("t_a_idx", ((Stmt.AlterTableCmd.ClusterOn) a.cmds().get(0)).index());
        a = (Stmt.AlterTableStmt) one("alter table t set without cluster, set (fillfactor = 50)");
        assertNull(((Stmt.AlterTableCmd.ClusterOn) a.cmds().get(0)).index());
        assertInstanceOf(Stmt.AlterTableCmd.SetRelOptions.class, a.cmds().get(1));
        assertThrows(PgException.class, () -> one("alter table t cluster t_a_idx"));
    }

    @Test
    void addConstraintUsingIndexNamesTheIndexInsteadOfColumns() {
        Stmt.AlterTableStmt a = (Stmt.AlterTableStmt) one("alter table t add constraint k primary key using index i deferrable");
        Stmt.AlterTableCmd.AddIndexConstraint c = (Stmt.AlterTableCmd.AddIndexConstraint) a.cmds().get(0);
        assertEquals("k", c.name());
        assertTrue(c.primary());
        assertEquals("i", c.index());
        assertTrue(c.deferrable());
        assertFalse(a.alterIndex());
        c = (Stmt.AlterTableCmd.AddIndexConstraint) ((Stmt.AlterTableStmt) one("alter table t add unique using index i")).cmds().get(0);
        assertNull(c.name());
        assertFalse(c.primary());
        // the column-list form is still a table constraint
        assertInstanceOf(Stmt.AlterTableCmd.AddConstraint.class,
                ((Stmt.AlterTableStmt) one("alter table t add unique (a)")).cmds().get(0));
    }

    @Test
    void onCommitOptionsOfCreateTable() {
        assertEquals(Stmt.CreateStmt.ONCOMMIT_DELETE_ROWS, ((Stmt.CreateStmt) one("create temp table t (a int) on commit delete rows")).onCommit());
        assertEquals(Stmt.CreateStmt.ONCOMMIT_PRESERVE_ROWS, ((Stmt.CreateStmt) one("create temp table t (a int) on commit preserve rows")).onCommit());
        assertEquals(Stmt.CreateStmt.ONCOMMIT_DROP, ((Stmt.CreateStmt) one("create temp table t (a int) with (fillfactor=50) on commit drop")).onCommit());
        assertEquals(Stmt.CreateStmt.ONCOMMIT_NOOP, ((Stmt.CreateStmt) one("create temp table t (a int)")).onCommit());
        PgException e = assertThrows(PgException.class, () -> Parser.parse("create temp table t (a int) on commit keep rows"));
        assertEquals("42601", e.sqlState());
    }
}
