package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.sql.SQLWarning;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.ServerErrorMessage;

/**
 * CHECK constraints following inheritance and partitioning, hash partitions through a
 * user-defined hash operator class, UPDATE of a sub-partitioned partition, RETURNING of routed
 * rows and comments on domain constraints, with PostgreSQL 15's answers to the same statements.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PartitionConstraintIT extends OneServerPerClass {

    @Test
    void checkConstraintsAreInheritedMergedAndDroppedWithTheParent() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ip (x int, y int check (y > 0), check (x > 10) no inherit)",
                    "create table ic (z int) inherits (ip)");
            assertEquals("ip_y_check|f|1", joinedRows(c,
                    "select conname, conislocal, coninhcount from pg_constraint where conrelid = 'ic'::regclass"));
            ServerErrorMessage e = fails(c, "insert into ic (x, y) values (1, -1)", "23514").getServerErrorMessage();
            assertEquals("new row for relation \"ic\" violates check constraint \"ip_y_check\"", e.getMessage());
            fails(c, "alter table ic drop constraint ip_y_check", "42P16");
            // ADD goes down to the child; DROP takes the child's inherited copy with it
            exec(c, "alter table ip add constraint ip_x check (x < 100)");
            assertEquals("ip_x|f|1", joinedRows(c, "select conname, conislocal, coninhcount from pg_constraint"
                    + " where conrelid = 'ic'::regclass and conname = 'ip_x'"));
            exec(c, "alter table ip drop constraint ip_x");
            assertEquals("0", joinedRows(c, "select count(*) from pg_constraint where conname = 'ip_x'"));

            // a partition merges a same-named local constraint with the parent's and never keeps it local
            exec(c, "create table pp (a text, b int) partition by list (a)",
                    "alter table pp add constraint check_a check (length(a) > 0)");
            SQLWarning w = exec(c, "create table pp_b partition of pp (constraint check_a check (length(a) > 0),"
                    + " constraint check_b check (b >= 0)) for values in ('b')");
            assertEquals("merging constraint \"check_a\" with inherited definition", w.getMessage());
            assertEquals("check_a|f|1;check_b|t|0", joinedRows(c, "select conname, conislocal, coninhcount"
                    + " from pg_constraint where conrelid = 'pp_b'::regclass order by conname"));
            exec(c, "alter table pp add constraint check_b check (b >= 0)");
            assertEquals("check_a|f|1;check_b|f|1", joinedRows(c, "select conname, conislocal, coninhcount"
                    + " from pg_constraint where conrelid = 'pp_b'::regclass order by conname"));
            exec(c, "alter table pp drop constraint check_a", "alter table pp drop constraint check_b");
            assertEquals("0", joinedRows(c, "select count(*) from pg_constraint where conrelid = 'pp_b'::regclass"));
            // ATTACH needs the parent's constraints on the table
            exec(c, "alter table pp add constraint pos check (b > 0)", "create table pp_c (a text, b int)");
            e = fails(c, "alter table pp attach partition pp_c for values in ('c')", "42804").getServerErrorMessage();
            assertEquals("child table is missing constraint \"pos\"", e.getMessage());
        }
    }

    @Test
    void routedRowsAreShownAsTheRootHasThem() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ml (a int, b int) partition by range (a)",
                    "create table ml1 (b int, x int, a int)", "alter table ml1 drop column x",
                    "alter table ml1 add constraint check_b check (b = 3)",
                    "alter table ml attach partition ml1 for values from (1) to (10)");
            ServerErrorMessage e = fails(c, "insert into ml values (1, 2)", "23514").getServerErrorMessage();
            assertEquals("new row for relation \"ml1\" violates check constraint \"check_b\"", e.getMessage());
            assertEquals("Failing row contains (1, 2).", e.getDetail());
            assertEquals("1|3|ml1", joinedRows(c, "insert into ml values (1, 3) returning a, b, tableoid::regclass"));
        }
    }

    @Test
    void hashPartitionsUseAUserDefinedHashClass() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create function noop_hash(value int4, seed int8) returns int8 as 'select value + seed'"
                            + " language sql immutable",
                    "create operator class noop_ops for type int4 using hash as operator 1 =, function 2 noop_hash(int4, int8)",
                    "create table hp (a int) partition by hash (a noop_ops)",
                    "create table hp0 partition of hp for values with (modulus 4, remainder 0)",
                    "create table hp1 partition of hp for values with (modulus 4, remainder 1)",
                    "create table hp2 partition of hp for values with (modulus 4, remainder 2)",
                    "create table hp3 partition of hp for values with (modulus 4, remainder 3)",
                    "insert into hp values (1), (2), (3), (4), (5), (6), (7), (8)");
            // value + seed, combined with hash_combine64(0, .), leaves value % 4
            assertEquals("hp0|4;hp0|8;hp1|1;hp1|5;hp2|2;hp2|6;hp3|3;hp3|7",
                    joinedRows(c, "select tableoid::regclass, a from hp order by 1, 2"));
            ServerErrorMessage e = fails(c, "insert into hp0 values (11)", "23514").getServerErrorMessage();
            assertEquals("new row for relation \"hp0\" violates partition constraint", e.getMessage());
        }
    }

    @Test
    void updateOfASubPartitionedPartitionKeepsRowsInside() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table up (a text, b int) partition by list (a)",
                    "create table up_b partition of up for values in ('b') partition by range (b)",
                    "create table up_b1 partition of up_b for values from (1) to (10)",
                    "create table up_b2 partition of up_b for values from (10) to (20)",
                    "create table up_a partition of up for values in ('a')",
                    "insert into up values ('b', 5)");
            ServerErrorMessage e = fails(c, "update up_b set a = 'a'", "23514").getServerErrorMessage();
            assertEquals("new row for relation \"up_b\" violates partition constraint", e.getMessage());
            assertEquals("Failing row contains (a, 5).", e.getDetail());
            assertEquals("b|15|up_b2", joinedRows(c, "update up_b set b = 15 returning a, b, tableoid::regclass"));
        }
    }

    @Test
    void domainConstraintsTakeComments() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create domain cdom as int constraint the_constraint check (value > 0)",
                    "comment on constraint the_constraint on domain cdom is 'yes'");
            assertEquals("yes", joinedRows(c, "select obj_description(oid, 'pg_constraint') from pg_constraint"
                    + " where conname = 'the_constraint'"));
            ServerErrorMessage e = fails(c, "comment on constraint nope on domain cdom is 'x'", "42704").getServerErrorMessage();
            assertEquals("constraint \"nope\" for domain cdom does not exist", e.getMessage());
        }
    }
}
