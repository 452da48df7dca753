package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cross-type integer comparison operators as a client sees them: their pg_operator and
 * pg_amop rows, the plans that use them as index conditions on a real btree and as join keys,
 * and the answers. Expected rows and plan lines are PostgreSQL 15's answers to the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class IntegerCrossTypeOperatorsIT {
    @Test
    void crossTypeIntegerOperators() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            // pg_operator: PostgreSQL's OIDs, commutators, negators, merge/hash flags and functions
            assertEquals(List.of("15|=|integer|bigint|416|36|t|t|int48eq", "37|<|integer|bigint|419|82|f|f|int48lt",
                    "532|=|smallint|integer|533|538|t|t|int24eq", "1868|=|bigint|smallint|1862|1869|t|t|int82eq"),
                    TuskServer.rows(c, "select oid, oprname, oprleft::regtype, oprright::regtype, oprcom, oprnegate, "
                            + "oprcanmerge, oprcanhash, oprcode from pg_operator where oid in (15, 37, 532, 1868) order by oid"));
            assertEquals(List.of("36"), TuskServer.rows(c, "select count(*) from pg_operator "
                    + "where oprleft in (21, 23, 20) and oprright in (21, 23, 20) and oprleft <> oprright and oprresult = 16"));
            // pg_amop: all 30 cross-type members of btree integer_ops
            assertEquals(List.of("30"), TuskServer.rows(c, "select count(*) from pg_amop where amopfamily = 1976 "
                    + "and amoplefttype <> amoprighttype"));
            try (Statement s = c.createStatement()) {
                s.execute("create table ci (a int4, b int8, c int2)");
                s.execute("insert into ci select g, g, g from generate_series(1, 1000) g");
                s.execute("create index ci_a on ci (a)");
                s.execute("create index ci_b on ci (b)");
                s.execute("analyze ci");
            }
            String plan = String.join("\n", TuskServer.rows(c, "explain (costs off) select * from ci where b = 3"));
            assertTrue(plan.contains("Index Cond: (b = 3)") && plan.contains("ci_b"), plan);
            plan = String.join("\n", TuskServer.rows(c, "explain (costs off) select * from ci where a = 3::int8"));
            assertTrue(plan.contains("Index Cond: (a = '3'::bigint)") && plan.contains("ci_a"), plan);
            assertEquals(List.of("3|3|3"), TuskServer.rows(c, "select * from ci where a = 3::int8"));
            assertEquals(List.of("5", "6", "7"), TuskServer.rows(c, "select b from ci where b between 5 and 7 order by b"));
            assertEquals(List.of("0"), TuskServer.rows(c, "select count(*) from ci where a > 3000000000::int8"));
            assertEquals(List.of("1000"), TuskServer.rows(c, "select count(*) from ci x join ci y on x.a = y.b"));
            assertEquals(List.of("1000"), TuskServer.rows(c, "select count(*) from ci x join ci y on x.c = y.b"));
            assertEquals(List.of("t|f"), TuskServer.rows(c, "select 1::int2 = 1::int8, int84lt(5::int8, 4)"));
            // a cross-type join clause as the index condition of a parameterized inner scan, the
            // outer value (int8) as its parameter (PostgreSQL 15's plan without hash and merge joins)
            try (Statement s = c.createStatement()) {
                s.execute("create table ck (k int8)");
                s.execute("insert into ck values (3), (500), (4000000000)");
                s.execute("analyze ck");
                s.execute("set enable_hashjoin = off");
                s.execute("set enable_mergejoin = off");
            }
            plan = String.join("\n", TuskServer.rows(c, "explain (costs off) select * from ck left join ci on k = a"));
            assertEquals(String.join("\n", "Nested Loop Left Join", "  ->  Seq Scan on ck",
                    "  ->  Index Scan using ci_a on ci", "        Index Cond: (a = ck.k)"), plan);
            assertEquals(List.of("3|3|3|3", "500|500|500|500", "4000000000|||"),
                    TuskServer.rows(c, "select * from ck left join ci on k = a order by k"));
        }
    }
    @Test
    void crossTypeIntegerArithmetic() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            // pg_operator: the 24 operators with PostgreSQL's OIDs, result types, commutators and functions
            assertEquals(List.of("24"), TuskServer.rows(c, "select count(*) from pg_operator where oprleft in (21, 23, 20) "
                    + "and oprright in (21, 23, 20) and oprleft <> oprright and oprresult in (21, 23, 20) and oprname in ('+', '-', '*', '/')"));
            assertEquals(List.of("552|+|smallint|integer|integer|553|int24pl", "688|+|bigint|integer|bigint|692|int84pl",
                    "825|/|smallint|bigint|bigint|0|int28div"),
                    TuskServer.rows(c, "select oid, oprname, oprleft::regtype, oprright::regtype, oprresult::regtype, oprcom, "
                            + "oprcode from pg_operator where oid in (552, 688, 825) order by oid"));
            // sum(int4) + 1 is int84pl, the constant not cast (PostgreSQL's EXPLAIN line)
            try (Statement s = c.createStatement()) {
                s.execute("create table ca (a int4, b int8, c int2)");
                s.execute("insert into ca values (7, 5000000000, 3)");
            }
            assertEquals(List.of("Aggregate", "  Output: (sum(a) + 1)", "  ->  Seq Scan on public.ca", "        Output: a, b, c"),
                    TuskServer.rows(c, "explain (verbose, costs off) select sum(a) + 1 from ca"));
            assertEquals(List.of("5000000007|4999999993|35000000000|714285714|10|21|2|bigint|integer"),
                    TuskServer.rows(c, "select a + b, b - a, a * b, b / a, a + c, c * a, a / c, "
                            + "pg_typeof(c + b), pg_typeof(c - a) from ca"));
            // the wider type's overflow and division checks
            assertEquals("ERROR: bigint out of range", error(c, "select 9223372036854775807::int8 + 1::int4"));
            assertEquals("ERROR: integer out of range", error(c, "select 2147483647::int4 + 1::int2"));
            assertEquals("ERROR: bigint out of range", error(c, "select (-9223372036854775808)::int8 / (-1)::int4"));
            assertEquals("ERROR: division by zero", error(c, "select 1::int2 / 0::int8"));
        }
    }

    private static String error(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.executeQuery(sql);
            return "no error";
        } catch (java.sql.SQLException e) {
            return e.getMessage().lines().findFirst().orElse("");
        }
    }
}
