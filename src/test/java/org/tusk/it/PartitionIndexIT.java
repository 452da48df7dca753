package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.PartitionIT.error;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.ServerErrorMessage;

/**
 * Partitioning, second part, through a real server: partition key expressions, operator
 * classes and collations, pg_get_partkeydef and pg_get_partition_constraintdef, partitioned
 * indexes (cloned to partitions, matched on ATTACH, ALTER INDEX ... ATTACH PARTITION), unique
 * keys that must include the partition key, and INSERT ... ON CONFLICT into partitioned tables,
 * with PostgreSQL 15's answers and messages.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PartitionIndexIT extends OneServerPerClass {

    @Test
    void keyExpressionsRouteAndShowAsPostgresDoes() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table kx (a text, b int) partition by range (a, (b+0))",
                    "create table kx1 partition of kx for values from ('a', 1) to ('a', 10)",
                    "create table ky (a text, b int) partition by list (lower(a))",
                    "create table ky1 partition of ky for values in ('aa', 'bb')",
                    "insert into kx values ('a', 5)", "insert into ky values ('AA', 1), ('bb', 2)");
            assertEquals("AA|1;bb|2", joinedRows(c, "select * from ky1 order by b"));
            ServerErrorMessage e = error(c, "insert into kx values ('a', 11)");
            assertEquals("23514", e.getSQLState());
            assertEquals("Partition key of the failing row contains (a, (b + 0)) = (a, 11).", e.getDetail());
            e = error(c, "insert into ky1 values ('cc', 1)");
            assertEquals("new row for relation \"ky1\" violates partition constraint", e.getMessage());
            assertEquals("RANGE (a, ((b + 0)))|LIST (lower(a))",
                    joinedRows(c, "select pg_get_partkeydef('kx'::regclass), pg_get_partkeydef('ky'::regclass)"));
            assertEquals("0|lower(a)", joinedRows(c, "select partattrs, partexprs from pg_partitioned_table where partrelid = 'ky'::regclass"));
            assertEquals("((lower(a) IS NOT NULL) AND (lower(a) = ANY (ARRAY['aa'::text, 'bb'::text])))",
                    joinedRows(c, "select pg_get_partition_constraintdef('ky1'::regclass)"));
            e = error(c, "alter table ky drop column a");
            assertEquals("cannot drop column \"a\" because it is part of the partition key of relation \"ky\"",
                    e.getMessage());
        }
    }

    @Test
    void keyDefinitionsAreCheckedAsComputePartitionAttrsDoes() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals("cannot use constant expression as partition key",
                    error(c, "create table bad (a int) partition by range ((42))").getMessage());
            assertEquals("functions in partition key expression must be marked IMMUTABLE",
                    error(c, "create table bad (a int) partition by range ((a + random()::int))").getMessage());
            assertEquals("partition key column 1 has pseudo-type record",
                    error(c, "create table bad (a int, b int) partition by range (((a, b)))").getMessage());
            assertEquals("aggregate functions are not allowed in partition key expressions",
                    error(c, "create table bad (a int) partition by range ((avg(a)))").getMessage());
            ServerErrorMessage e = error(c, "create table bad (a int) partition by list (a collate \"C\")");
            assertEquals("42804", e.getSQLState());
            assertEquals("collations are not supported by type integer", e.getMessage());
            exec(c, "create table kc (a text, b int) partition by range (a collate \"POSIX\", b int4_ops)");
            assertEquals("RANGE (a COLLATE \"POSIX\", b)|951 0",
                    joinedRows(c, "select pg_get_partkeydef('kc'::regclass), partcollation from pg_partitioned_table "
                            + "where partrelid = 'kc'::regclass"));
            assertEquals("cannot drop column \"b\" because it is part of the partition key of relation \"kc\"",
                    error(c, "alter table kc drop column b").getMessage());
        }
    }

    @Test
    void partitionConstraintsPrintAsGetQualFromPartbound() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table mc (a int, b int) partition by range (a, b)",
                    "create table mc1 partition of mc for values from (1, 2) to (1, 10)",
                    "create table mc2 partition of mc for values from (2, minvalue) to (3, maxvalue)",
                    "create table mcd partition of mc default",
                    "create table lq (a int) partition by list (a)",
                    "create table lq1 partition of lq for values in (1, null)",
                    "create table lq2 partition of lq for values in (3) partition by range (a)",
                    "create table lq21 partition of lq2 for values from (0) to (5)",
                    "create table lqd partition of lq default");
            assertEquals("((a IS NOT NULL) AND (b IS NOT NULL) AND (a = 1) AND (b >= 2) AND (b < 10))",
                    joinedRows(c, "select pg_get_partition_constraintdef('mc1'::regclass)"));
            assertEquals("((a IS NOT NULL) AND (b IS NOT NULL) AND (a >= 2) AND (a <= 3))",
                    joinedRows(c, "select pg_get_partition_constraintdef('mc2'::regclass)"));
            assertEquals("(NOT ((a IS NOT NULL) AND (b IS NOT NULL) AND (((a = 1) AND (b >= 2) AND (b < 10)) OR "
                    + "((a >= 2) AND (a <= 3)))))", joinedRows(c, "select pg_get_partition_constraintdef('mcd'::regclass)"));
            assertEquals("((a IS NULL) OR (a = 1))", joinedRows(c, "select pg_get_partition_constraintdef('lq1'::regclass)"));
            assertEquals("((a IS NOT NULL) AND (a = 3) AND (a IS NOT NULL) AND (a >= 0) AND (a < 5))",
                    joinedRows(c, "select pg_get_partition_constraintdef('lq21'::regclass)"));
            assertEquals("(NOT ((a IS NULL) OR (a = ANY (ARRAY[1, 3]))))",
                    joinedRows(c, "select pg_get_partition_constraintdef('lqd'::regclass)"));
            assertEquals("null", joinedRows(c, "select pg_get_partition_constraintdef('mc'::regclass)"));
        }
    }

    @Test
    void partitionedIndexesReachEveryPartition() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ip (a int, b text) partition by list (a)",
                    "create table ip1 partition of ip for values in (1)",
                    "create index ip_b on ip (b)",
                    "create table ip2 partition of ip for values in (2)",
                    "create table ip3 (a int, b text)", "create index ip3_b on ip3 (b)",
                    "alter table ip attach partition ip3 for values in (3)");
            assertEquals("ip1_b_idx|i|ip_b;ip2_b_idx|i|ip_b;ip3_b|i|ip_b;ip_b|I|null",
                    joinedRows(c, "select c.relname, c.relkind, i.inhparent::regclass from pg_class c left join pg_inherits i "
                            + "on i.inhrelid = c.oid where c.relname like 'ip%b%' order by 1"));
            ServerErrorMessage e = error(c, "drop index ip3_b");
            assertEquals("2BP01", e.getSQLState());
            assertEquals("cannot drop index ip3_b because index ip_b requires it", e.getMessage());
            exec(c, "insert into ip values (1, 'x'), (3, 'y')", "set enable_seqscan = off");
            assertEquals("y", joinedRows(c, "select b from ip3 where b = 'y'"));
            exec(c, "drop index ip_b");
            assertEquals("", joinedRows(c, "select relname from pg_class where relname like 'ip%b%'"));
            // ALTER INDEX ... ATTACH PARTITION, checked as ATExecAttachPartitionIdx does
            exec(c, "create index ip_a on ip (a)",
                    "create table ip4 (a int, b text)", "create index ip4_b on ip4 (b)", "create index ip4_a on ip4 (a)");
            exec(c, "alter table ip attach partition ip4 for values in (4)");
            assertEquals("ip_a", joinedRows(c, "select inhparent::regclass from pg_inherits where inhrelid = 'ip4_a'::regclass"));
            exec(c, "alter table ip detach partition ip4");
            assertEquals("", joinedRows(c, "select inhparent::regclass from pg_inherits where inhrelid = 'ip4_a'::regclass"));
            e = error(c, "alter index ip_a attach partition ip4_b");
            assertEquals("cannot attach index \"ip4_b\" as a partition of index \"ip_a\"", e.getMessage());
            assertEquals("Index \"ip4_b\" is not an index on any partition of table \"ip\".", e.getDetail());
        }
    }

    @Test
    void uniqueKeysMustIncludeThePartitionKey() throws Exception {
        try (Connection c = server.connect()) {
            ServerErrorMessage e = error(c, "create table uk (a int, b int, primary key (b)) partition by range (a)");
            assertEquals("0A000", e.getSQLState());
            assertEquals("unique constraint on partitioned table must include all partitioning columns", e.getMessage());
            assertEquals("PRIMARY KEY constraint on table \"uk\" lacks column \"a\" which is part of the partition key.",
                    e.getDetail());
            exec(c, "create table ux (a int, b int) partition by range ((a + 1))");
            e = error(c, "create unique index on ux (a)");
            assertEquals("unsupported UNIQUE constraint with partition key definition", e.getMessage());
            exec(c, "create table uk (a int primary key, b int) partition by range (a)",
                    "create table uk1 partition of uk for values from (0) to (10)",
                    "insert into uk values (1, 1)");
            e = error(c, "insert into uk values (1, 2)");
            assertEquals("23505", e.getSQLState());
            assertEquals("duplicate key value violates unique constraint \"uk1_pkey\"", e.getMessage());
        }
    }

    @Test
    void onConflictIsRoutedToThePartition() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table pc (a int unique, b char) partition by list (a)",
                    "create table pc1 partition of pc (b unique) for values in (1, 2)",
                    "insert into pc values (1, 'a') on conflict do nothing",
                    "insert into pc values (1, 'a') on conflict (a) do nothing",
                    "insert into pc values (1, 'b') on conflict (a) do update set b = excluded.b");
            assertEquals("1|b", joinedRows(c, "select * from pc"));
            assertEquals("there is no unique or exclusion constraint matching the ON CONFLICT specification",
                    error(c, "insert into pc values (2, 'b') on conflict (b) do update set a = excluded.a").getMessage());
            exec(c, "insert into pc1 values (2, 'b') on conflict (b) do update set a = excluded.a");
            assertEquals("2|b", joinedRows(c, "select * from pc"));
            // a partition whose columns are in another order
            exec(c, "create table pc2 (b char, a int unique)", "alter table pc attach partition pc2 for values in (3)",
                    "insert into pc values (3, 'a') on conflict (a) do update set b = excluded.b");
            assertEquals("3|c", joinedRows(c, "insert into pc values (3, 'c') on conflict (a) do update set b = excluded.b returning *"));
            ServerErrorMessage e = error(c, "insert into pc values (3, 'd') on conflict (a) do update set a = 1");
            assertEquals("invalid ON UPDATE specification", e.getMessage());
            assertEquals("The result tuple would appear in a different partition than the original tuple.", e.getDetail());
            assertEquals("2|b;3|c", joinedRows(c, "select a, b from pc order by a"));
        }
    }
    /**
     * A partition's PRIMARY KEY / UNIQUE constraint attached to its parent's (CREATE TABLE ...
     * PARTITION OF, ATTACH PARTITION, ALTER INDEX ... ATTACH PARTITION) is inherited as
     * ConstraintSetParentConstraint makes it: conislocal false, coninhcount 1, conparentid the
     * parent's; it cannot be dropped alone; DETACH makes it the partition's own again; dropping
     * the parent's drops the partitions' too.
     */
    @Test
    void partitionKeyConstraintsAreInheritedFromTheParents() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ck (a int primary key, b int) partition by range (a)",
                    "create table ck1 partition of ck for values from (0) to (10)",
                    "create table ck2 (a int primary key, b int)",
                    "alter table ck attach partition ck2 for values from (10) to (20)",
                    "create table cv (a int, b int) partition by list (a)",
                    "create table cv1 partition of cv for values in (1)",
                    "alter table cv1 add constraint cv1_pk primary key (a)",
                    "alter table only cv add constraint cv_pk primary key (a)");
            String facts = "select conname || ' ' || conislocal || ' ' || coninhcount || ' ' || "
                    + "coalesce((select p.conname from pg_constraint p where p.oid = c.conparentid), '-') "
                    + "from pg_constraint c where conrelid::regclass::text like 'ck%' order by 1";
            assertEquals("ck1_pkey false 1 ck_pkey;ck2_pkey false 1 ck_pkey;ck_pkey true 0 -", joinedRows(c, facts));
            ServerErrorMessage e = error(c, "alter table ck1 drop constraint ck1_pkey");
            assertEquals("42P16", e.getSQLState());
            assertEquals("cannot drop inherited constraint \"ck1_pkey\" of relation \"ck1\"", e.getMessage());
            assertEquals("PS", joinedRows(c, "select string_agg(deptype::text, '' order by deptype) from pg_depend"
                    + " where classid = 'pg_constraint'::regclass and objid = (select oid from pg_constraint where conname = 'ck2_pkey')"));
            exec(c, "alter table ck detach partition ck2");
            assertEquals("ck1_pkey false 1 ck_pkey;ck2_pkey true 0 -;ck_pkey true 0 -", joinedRows(c, facts));
            assertEquals("0", joinedRows(c, "select count(*) from pg_depend where classid = 'pg_constraint'::regclass"
                    + " and objid = (select oid from pg_constraint where conname = 'ck2_pkey')"));
            exec(c, "alter table ck2 drop constraint ck2_pkey");
            // ONLY: the parent's key alone, invalid until ALTER INDEX ... ATTACH PARTITION gives it the partition's
            assertEquals("false true 0", joinedRows(c, "select (select indisvalid from pg_index where indexrelid = 'cv_pk'::regclass)"
                    + " || ' ' || conislocal || ' ' || coninhcount from pg_constraint where conname = 'cv1_pk'"));
            exec(c, "alter index cv_pk attach partition cv1_pk");
            assertEquals("true false 1 cv_pk", joinedRows(c, "select (select indisvalid from pg_index where indexrelid = 'cv_pk'::regclass)"
                    + " || ' ' || conislocal || ' ' || coninhcount || ' ' || (select p.conname from pg_constraint p where p.oid = c.conparentid) from pg_constraint c where conname = 'cv1_pk'"));
            exec(c, "alter table ck drop constraint ck_pkey");
            assertEquals("0", joinedRows(c, "select count(*) from pg_class where relname like 'ck%pkey'"));
            exec(c, "drop table ck, ck2, cv");
        }
    }
}
