package org.tusk.it;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pg_depend rows of indexes, partition keys and relations' schemas, as PostgreSQL's
 * index_create, IndexSetParentIndex, StorePartitionKey and heap_create_with_catalog write them
 * and pg_describe_object shows them; REINDEX CONCURRENTLY keeps them (index_concurrently_swap),
 * and dropping the objects leaves no row behind.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class IndexDependencyIT {
    static TuskServer server;

    private static final String DEPS = "select pg_describe_object(classid, objid, objsubid), "
            + "pg_describe_object(refclassid, refobjid, refobjsubid), deptype from pg_depend "
            + "where classid = 'pg_class'::regclass and objid in (select oid from pg_class where relname like '%s%%') "
            + "order by 1, 2, 3";

    /** The rows in Java's string order, the same whatever the database's collation sorts them as. */
    private static List<String> deps(Connection c, String sql) throws Exception {
        return Jdbc.rowsShowingNull(c, sql).stream().sorted().toList();
    }

    private static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void indexesDependOnTheirColumnsOrTheirConstraint() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create table dt (c1 int, c2 text)",
                    "create unique index dt_i1 on dt (c1)",
                    "create index dt_i2 on dt (c2)",
                    "create unique index dt_i3 on dt (abs(c1))",
                    "create index dt_i4 on dt (c1, c1, c2)",
                    "create index dt_i5 on dt (c2) include (c1) where c1 > 0",
                    "alter table dt add primary key using index dt_i1");
            List<String> expected = sorted(List.of(
                    "index dt_i1|constraint dt_i1 on table dt|i",
                    "index dt_i2|column c2 of table dt|a",
                    "index dt_i3|column c1 of table dt|a",
                    "index dt_i3|table dt|a",
                    "index dt_i4|column c1 of table dt|a",
                    "index dt_i4|column c2 of table dt|a",
                    "index dt_i5|column c1 of table dt|a",
                    "index dt_i5|column c1 of table dt|a",
                    "index dt_i5|column c2 of table dt|a",
                    "table dt|schema public|n"));
            assertEquals(expected, deps(c, String.format(DEPS, "dt")));
            // the new indexes take over the old ones' rows
            Jdbc.exec(c, "reindex table concurrently dt");
            assertEquals(expected, deps(c, String.format(DEPS, "dt")));
            Jdbc.exec(c, "alter table dt drop column c2", "drop table dt");
            assertEquals(List.of("0"), Jdbc.rowsShowingNull(c, "select count(*) from pg_depend d where classid = "
                    + "'pg_class'::regclass and not exists (select 1 from pg_class where oid = d.objid)"));
        }
    }

    @Test
    void partitionIndexesDependOnTheirParentIndexAndTable() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create table pdt (c1 int, c2 int) partition by range (c1)",
                    "create table pdt_0 partition of pdt for values from (0) to (10)",
                    "create index pdt_ix on pdt (c1)");
            assertEquals(sorted(List.of(
                    "column c1 of table pdt|table pdt|i",
                    "index pdt_0_c1_idx|column c1 of table pdt_0|a",
                    "index pdt_0_c1_idx|index pdt_ix|P",
                    "index pdt_0_c1_idx|table pdt_0|S",
                    "index pdt_ix|column c1 of table pdt|a",
                    "table pdt_0|schema public|n",
                    "table pdt_0|table pdt|a",
                    "table pdt|schema public|n")), deps(c, String.format(DEPS, "pdt")));
            // a constraint's index on a partition: INTERNAL on its constraint, and attached like any other
            Jdbc.exec(c, "create table pk (a int primary key) partition by range (a)",
                    "create table pk_0 partition of pk for values from (0) to (10)");
            assertEquals(sorted(List.of(
                    "column a of table pk|table pk|i",
                    "index pk_0_pkey|constraint pk_0_pkey on table pk_0|i",
                    "index pk_0_pkey|index pk_pkey|P",
                    "index pk_0_pkey|table pk_0|S",
                    "index pk_pkey|constraint pk_pkey on table pk|i",
                    "table pk_0|schema public|n",
                    "table pk_0|table pk|a",
                    "table pk|schema public|n")), deps(c, String.format(DEPS, "pk")));
            // dropping the partition takes its index and constraint along; the parent's stay
            Jdbc.exec(c, "drop table pk_0");
            assertEquals(List.of("pk_pkey|p"), Jdbc.rowsShowingNull(c,
                    "select conname, contype from pg_constraint where conrelid in ('pk'::regclass)"));
            Jdbc.exec(c, "drop table pk");
            Jdbc.exec(c, "alter table pdt detach partition pdt_0");
            assertEquals(List.of("index pdt_0_c1_idx|column c1 of table pdt_0|a"),
                    deps(c, String.format(DEPS, "pdt_0_c1")));
            Jdbc.exec(c, "drop table pdt", "drop table pdt_0");
            assertEquals(List.of("0"), Jdbc.rowsShowingNull(c, "select count(*) from pg_depend d where refclassid = "
                    + "'pg_class'::regclass and not exists (select 1 from pg_class where oid = d.refobjid)"));
        }
    }
}
