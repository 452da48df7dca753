package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A nested loop's inner side is materialized only when that is cheaper, as joinpath.c
 * match_unsorted_outer offers the cheapest inner path both as it is (scanned again for each outer
 * row) and under a Material node, and never under one with enable_material off. A rescanned
 * inner side gives the same rows as a materialized one.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NestLoopMaterializeIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table nm1 (id1 int, id2 int, primary key (id1, id2))");
            s.execute("create table nm2 (id1 int, id2 int, primary key (id1, id2))");
            s.execute("insert into nm1 values (1, 1), (1, 2)");
            s.execute("insert into nm2 values (1, 1)");
            s.execute("create table nmo as select g as a from generate_series(1, 100) g");
            s.execute("create table nmi as select g as b from generate_series(1, 20) g");
            s.execute("analyze nm1");
            s.execute("analyze nm2");
            s.execute("analyze nmo");
            s.execute("analyze nmi");
        }
    }

    @Test
    void aOneRowOuterSideRescansTheInnerWithoutMaterializing() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select * from nm1 join nm2 on nm1.id1 = nm2.id1";
            assertEquals(List.of("Nested Loop", "  Join Filter: (nm1.id1 = nm2.id1)", "  ->  Seq Scan on nm2",
                    "  ->  Seq Scan on nm1"), Jdbc.plan(c, q));
            assertEquals(List.of("1|1|1|1", "1|2|1|1"), Jdbc.rowsShowingNull(c, q + " order by nm1.id2"));
        }
    }

    @Test
    void manyOuterRowsReadAMaterializedInner() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select count(*) from nmo left join nmi on a < b and b % 2 = 0";
            assertEquals(List.of("Aggregate", "  ->  Nested Loop Left Join", "        Join Filter: (nmo.a < nmi.b)",
                    "        ->  Seq Scan on nmo", "        ->  Materialize", "              ->  Seq Scan on nmi",
                    "                    Filter: ((b % 2) = 0)"), Jdbc.plan(c, q));
            assertEquals(List.of("181"), Jdbc.rowsShowingNull(c, q));
        }
    }

    @Test
    void withEnableMaterialOffTheInnerIsScannedPerOuterRow() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_material = off");
            s.execute("set enable_hashjoin = off");
            s.execute("set enable_mergejoin = off");
            String q = "select count(*) from nmo join nmi on a < b";
            assertEquals(List.of("Aggregate", "  ->  Nested Loop", "        Join Filter: (nmo.a < nmi.b)",
                    "        ->  Seq Scan on nmi", "        ->  Seq Scan on nmo"), Jdbc.plan(c, q));
            assertEquals(List.of("190"), Jdbc.rowsShowingNull(c, q));
            String left = "select count(*), count(b) from nmo left join nmi on a = b";
            assertEquals(List.of("100|20"), Jdbc.rowsShowingNull(c, left));
        }
    }
}
