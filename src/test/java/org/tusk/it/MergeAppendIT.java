package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A table with inheritance children read in order (generate_orderedappend_paths): a Merge Append
 * of each member's index scan in the order, or of a Sort of it, when cheaper than sorting the
 * Append; MIN/MAX over such a table as InitPlans over it (planagg.c); the children named
 * alias_N apart from the parent (set_rtable_names). Plans and rows are PostgreSQL 15's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MergeAppendIT {
    @Test
    void orderedInheritanceTree() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table mt (f1 int)");
                s.execute("create index mti on mt(f1)");
                s.execute("create table mt1 (f2 int) inherits (mt)");
                s.execute("create index mt1i on mt1(f1)");
                s.execute("create table mt2 (f3 text) inherits (mt)");
                s.execute("insert into mt values (5), (null), (11)");
                s.execute("insert into mt1 values (3, 1), (20, 2)");
                s.execute("insert into mt2 values (7, 'x'), (1, 'y'), (null, 'z')");
            }
            assertEquals(List.of("Result",
                    "  InitPlan 1 (returns $0)",
                    "    ->  Limit",
                    "          ->  Merge Append",
                    "                Sort Key: mt.f1",
                    "                ->  Index Only Scan using mti on mt mt_1",
                    "                      Index Cond: (f1 IS NOT NULL)",
                    "                ->  Index Only Scan using mt1i on mt1 mt_2",
                    "                      Index Cond: (f1 IS NOT NULL)",
                    "                ->  Sort",
                    "                      Sort Key: mt_3.f1",
                    "                      ->  Seq Scan on mt2 mt_3",
                    "                            Filter: (f1 IS NOT NULL)",
                    "  InitPlan 2 (returns $1)",
                    "    ->  Limit",
                    "          ->  Merge Append",
                    "                Sort Key: mt_4.f1 DESC",
                    "                ->  Index Only Scan Backward using mti on mt mt_5",
                    "                      Index Cond: (f1 IS NOT NULL)",
                    "                ->  Index Only Scan Backward using mt1i on mt1 mt_6",
                    "                      Index Cond: (f1 IS NOT NULL)",
                    "                ->  Sort",
                    "                      Sort Key: mt_7.f1 DESC",
                    "                      ->  Seq Scan on mt2 mt_7",
                    "                            Filter: (f1 IS NOT NULL)"),
                    TuskServer.rows(c, "explain (costs off) select min(f1), max(f1) from mt"));
            assertEquals(List.of("1|20"), TuskServer.rows(c, "select min(f1), max(f1) from mt"));
            assertEquals(List.of("Limit", "  ->  Merge Append", "        Sort Key: mt.f1",
                    "        ->  Index Only Scan using mti on mt mt_1", "        ->  Index Only Scan using mt1i on mt1 mt_2",
                    "        ->  Sort", "              Sort Key: mt_3.f1", "              ->  Seq Scan on mt2 mt_3"),
                    TuskServer.rows(c, "explain (costs off) select * from mt order by f1 limit 3"));
            assertEquals(List.of("1", "3", "5"), TuskServer.rows(c, "select * from mt order by f1 limit 3"));
            assertEquals(List.of("", "", "20", "11"), TuskServer.rows(c, "select * from mt order by f1 desc limit 4"));
            assertEquals(List.of("HashAggregate", "  Group Key: mt.f1", "  ->  Append",
                    "        ->  Seq Scan on mt mt_1", "        ->  Seq Scan on mt1 mt_2", "        ->  Seq Scan on mt2 mt_3"),
                    TuskServer.rows(c, "explain (costs off) select f1, count(*) from mt group by f1"));
        }
    }
}
