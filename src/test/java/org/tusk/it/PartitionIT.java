package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Declarative partitioning through a real server: PARTITION BY / PARTITION OF, tuple routing
 * for INSERT and COPY, rows moving between partitions on UPDATE, ATTACH / DETACH, plan-time
 * pruning and the catalog functions psql's \d uses, with PostgreSQL 15's answers and messages.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PartitionIT extends OneServerPerClass {

    static ServerErrorMessage error(Connection c, String sql) {
        return assertThrows(PSQLException.class, () -> exec(c, sql)).getServerErrorMessage();
    }

    @Test
    void rowsAreRoutedToTheirPartition() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rp (a int, b text) partition by range (a)",
                    "create table rp1 partition of rp for values from (1) to (10)",
                    "create table rp2 partition of rp for values from (10) to (20)",
                    "insert into rp values (1, 'one'), (15, 'fifteen'), (9, 'nine')");
            assertEquals("1|one;9|nine", joinedRows(c, "select * from rp1 order by a"));
            assertEquals("15|fifteen", joinedRows(c, "select * from rp2"));
            assertEquals("1|one;9|nine;15|fifteen", joinedRows(c, "select * from rp order by a"));
            ServerErrorMessage e = error(c, "insert into rp values (25, 'x')");
            assertEquals("23514", e.getSQLState());
            assertEquals("no partition of relation \"rp\" found for row", e.getMessage());
            assertEquals("Partition key of the failing row contains (a) = (25).", e.getDetail());
            e = error(c, "insert into rp1 values (12, 'x')");
            assertEquals("23514", e.getSQLState());
            assertEquals("new row for relation \"rp1\" violates partition constraint", e.getMessage());
            assertEquals("Failing row contains (12, x).", e.getDetail());
            // UPDATE through the parent moves the row (delete + insert); through the partition it cannot
            exec(c, "update rp set a = 11 where a = 1");
            assertEquals("11|one;15|fifteen", joinedRows(c, "select * from rp2 order by a"));
            e = error(c, "update rp1 set a = 12");
            assertEquals("new row for relation \"rp1\" violates partition constraint", e.getMessage());
        }
    }

    @Test
    void overlappingAndInvalidBoundsAreRefused() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table lp (a text) partition by list (a)",
                    "create table lp_ab partition of lp for values in ('a', 'b')",
                    "create table lp_def partition of lp default");
            ServerErrorMessage e = error(c, "create table lp_bc partition of lp for values in ('c', 'b')");
            assertEquals("42P17", e.getSQLState());
            assertEquals("partition \"lp_bc\" would overlap partition \"lp_ab\"", e.getMessage());
            e = error(c, "create table lp_d2 partition of lp default");
            assertEquals("partition \"lp_d2\" conflicts with existing default partition \"lp_def\"", e.getMessage());
            e = error(c, "create table lp_r partition of lp for values from ('a') to ('z')");
            assertEquals("42P16", e.getSQLState());
            assertEquals("invalid bound specification for a list partition", e.getMessage());
            exec(c, "insert into lp values ('x')");
            e = error(c, "create table lp_x partition of lp for values in ('x')");
            assertEquals("23514", e.getSQLState());
            assertEquals("updated partition constraint for default partition \"lp_def\" would be violated by some row",
                    e.getMessage());
            exec(c, "create table rr (a int) partition by range (a)");
            e = error(c, "create table rr1 partition of rr for values from (5) to (5)");
            assertEquals("empty range bound specified for partition \"rr1\"", e.getMessage());
            assertEquals("Specified lower bound (5) is greater than or equal to upper bound (5).", e.getDetail());
            e = error(c, "create table x (a int) partition by list (a, a)");
            assertEquals("cannot use \"list\" partition strategy with more than one column", e.getMessage());
        }
    }

    @Test
    void hashPartitionsHoldWhatPostgresPutsThere() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table hp (a int) partition by hash (a)",
                    "create table hp0 partition of hp for values with (modulus 2, remainder 0)",
                    "create table hp1 partition of hp for values with (modulus 4, remainder 1)",
                    "create table hp3 partition of hp for values with (modulus 4, remainder 3)",
                    "insert into hp select generate_series(1, 10)");
            // the placement of a PostgreSQL 15 server for the same statements
            assertEquals("1;2", joinedRows(c, "select a from hp0 order by a"));
            assertEquals("4;6;7;10", joinedRows(c, "select a from hp3 order by a"));
            ServerErrorMessage e = error(c, "create table hp5 partition of hp for values with (modulus 3, remainder 0)");
            assertEquals("every hash partition modulus must be a factor of the next larger modulus", e.getMessage());
            assertEquals("The new modulus 3 is not divisible by 2, the modulus of existing partition \"hp0\".", e.getDetail());
        }
    }

    @Test
    void attachValidatesRowsAndDetachKeepsTheTable() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ap (a int, b text) partition by range (a)",
                    "create table ap1 (a int, b text)", "insert into ap1 values (1, 'x'), (50, 'y')");
            ServerErrorMessage e = error(c, "alter table ap attach partition ap1 for values from (0) to (10)");
            assertEquals("23514", e.getSQLState());
            assertEquals("partition constraint of relation \"ap1\" is violated by some row", e.getMessage());
            exec(c, "delete from ap1 where a = 50", "alter table ap attach partition ap1 for values from (0) to (10)");
            assertEquals("ap1|FOR VALUES FROM (0) TO (10)|t",
                    joinedRows(c, "select relname, pg_get_expr(relpartbound, oid), relispartition from pg_class where relname = 'ap1'"));
            assertEquals("RANGE (a)", joinedRows(c, "select pg_get_partkeydef('ap'::regclass)"));
            assertEquals("1|x", joinedRows(c, "select * from ap"));
            exec(c, "alter table ap detach partition ap1");
            assertEquals("", joinedRows(c, "select * from ap"));
            assertEquals("1|x", joinedRows(c, "select * from ap1"));
            e = error(c, "alter table ap detach partition ap1");
            assertEquals("relation \"ap1\" is not a partition of relation \"ap\"", e.getMessage());
            // dropping a partitioned table drops its partitions with it
            exec(c, "create table ap2 partition of ap for values from (10) to (20)", "drop table ap");
            assertEquals("0", joinedRows(c, "select count(*) from pg_class where relname in ('ap', 'ap2')"));
        }
    }

    @Test
    void copyRoutesAndPlannerPrunes() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table cp (a int, b text) partition by list (a)",
                    "create table cp1 partition of cp for values in (1)",
                    "create table cp2 partition of cp for values in (2)");
            new org.postgresql.copy.CopyManager((org.postgresql.core.BaseConnection) c.unwrap(PGConnection.class))
                    .copyIn("copy cp from stdin", new java.io.StringReader("1\tone\n2\ttwo\n"));
            assertEquals("1|one", joinedRows(c, "select * from cp1"));
            assertEquals("2|two", joinedRows(c, "select * from cp2"));
            assertEquals("Seq Scan on cp2 cp;  Filter: (a = 2)", joinedRows(c, "explain (costs off) select * from cp where a = 2"));
            assertEquals("Append;  ->  Seq Scan on cp1 cp_1;  ->  Seq Scan on cp2 cp_2",
                    joinedRows(c, "explain (costs off) select * from cp"));
        }
    }
}
