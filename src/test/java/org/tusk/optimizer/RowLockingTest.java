package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.nodes.Plan;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * The LockRows of SELECT ... FOR UPDATE/SHARE over joins: one row mark per locked table, each
 * at its table's place in the join tuple, the rows the query returns unchanged, and the shapes
 * that are refused.
 */
class RowLockingTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table o (id int, cust int, total int)");
        sql.rows("create table c (id int, name text)");
        sql.rows("insert into o values (10, 1, 100), (11, 2, 200), (12, 2, 300)");
        sql.rows("insert into c values (1, 'ann'), (2, 'bob')");
    }

    private Plan.LockRows lockRows(String query) {
        sql.rows(query);
        Plan p = sql.last.plannedStmt().planTree();
        while (!(p instanceof Plan.LockRows)) {
            p = switch (p) {
                case Plan.Limit l -> l.child();
                case Plan.SubqueryScan s -> s.child();
                default -> throw new AssertionError("no LockRows in " + p);
            };
        }
        return (Plan.LockRows) p;
    }

    @Test
    void everyJoinedTableGetsARowMarkAtItsOwnColumns() {
        Plan.LockRows l = lockRows("select o.id, c.name from o join c on c.id = o.cust order by o.id for update");
        assertEquals(2, l.rowMarks().size());
        assertEquals(List.of("o", "c"), l.rowMarks().stream().map(m -> m.rte().refname()).toList());
        // each table's block is its columns then the TID; the blocks do not overlap
        Plan.PlanRowMark a = l.rowMarks().get(0), b = l.rowMarks().get(1);
        int aEnd = a.columnOffset() + a.rte().columns().size() + 1, bEnd = b.columnOffset() + b.rte().columns().size() + 1;
        assertTrue(aEnd <= b.columnOffset() || bEnd <= a.columnOffset());
        assertEquals(List.of("10|ann", "11|bob", "12|bob"),
                sql.rows("select o.id, c.name from o join c on c.id = o.cust order by o.id for update"));
    }

    @Test
    void forUpdateOfLocksOnlyTheNamedTables() {
        Plan.LockRows l = lockRows("select * from o, c where c.id = o.cust for share of c");
        assertEquals(1, l.rowMarks().size());
        assertEquals("c", l.rowMarks().get(0).rte().refname());
        assertEquals(org.tusk.nodes.Stmt.LockStrength.SHARE, l.rowMarks().get(0).strength());
        assertEquals(List.of("12|2|300|2|bob"), sql.rows("select * from o, c where c.id = o.cust and o.total > 250 for share of c"));
    }

    @Test
    void aPlainTableIsNotMarkedAsAnInheritanceParent() {
        assertEquals(false, lockRows("select id from o for update").rowMarks().get(0).isParent());
    }

    @Test
    void outerJoinsAreRefused() {
        assertEquals("0A000: FOR UPDATE with outer joins is not supported yet",
                sql.error("select * from o left join c on c.id = o.cust for update of o"));
    }
}
