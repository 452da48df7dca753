package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prepared statements get custom plans, made for their parameter values, for their first five
 * executions, then the generic plan while it costs no more (plancache.c's choose_custom_plan), with
 * plan_cache_mode forcing either; pg_prepared_statements counts both. Compared with PostgreSQL 15.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CustomPlanIT extends OneServerPerClass {

    private static String counts(Connection c, String name) throws Exception {
        return Jdbc.joinedRows(c, "select generic_plans || '/' || custom_plans from pg_prepared_statements where name = '" + name + "'");
    }

    @Test
    void skewedValuesKeepTheirCustomPlans() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            Jdbc.exec(c, "create temp table cp (a int, b text)",
                    "insert into cp select i, case when i % 100 = 0 then 'rare' else 'common' end from generate_series(1, 10000) i",
                    "create index on cp (b)", "analyze cp", "prepare q(text) as select count(*) from cp where b = $1");
            // the rare value's custom plans cost less than the generic plan (half the rows by the statistics)
            assertEquals(List.of("Aggregate", "  ->  Index Only Scan using cp_b_idx on cp", "        Index Cond: (b = 'rare'::text)"),
                    Jdbc.plan(c, "execute q('rare')"));
            for (int i = 0; i < 6; i++) assertEquals("100", Jdbc.joinedRows(c, "execute q('rare')"));
            assertEquals("0/7", counts(c, "q"));
            Jdbc.exec(c, "set plan_cache_mode = force_generic_plan");
            // the generic plan: the parameter stays a Param
            List<String> generic = Jdbc.plan(c, "execute q('rare')");
            assertTrue(generic.get(generic.size() - 1).endsWith("(b = $1)"), generic.toString());
            assertEquals("9900", Jdbc.joinedRows(c, "execute q('common')"));
            assertEquals("2/7", counts(c, "q"));
            Jdbc.exec(c, "set plan_cache_mode = force_custom_plan", "deallocate q", "drop table cp");
        }
    }

    @Test
    void equalCostsTurnToTheGenericPlanAtTheSixthExecution() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            Jdbc.exec(c, "create temp table ck (a int primary key, b text)",
                    "insert into ck select g, 'x' || g from generate_series(1, 100) g", "analyze ck",
                    "prepare k(int) as select b from ck where a = $1", "prepare n as select 1");
            for (int i = 1; i <= 5; i++) assertEquals("x" + i, Jdbc.joinedRows(c, "execute k(" + i + ")"));
            assertEquals("0/5", counts(c, "k"));
            assertEquals("x6", Jdbc.joinedRows(c, "execute k(6)"));
            assertEquals("1/5", counts(c, "k"));
            // without parameters there is only the generic plan
            for (int i = 0; i < 2; i++) Jdbc.joinedRows(c, "execute n");
            assertEquals("2/0", counts(c, "n"));
            Jdbc.exec(c, "deallocate all", "drop table ck");
        }
    }

    @Test
    void aCustomPlanPrunesPartitionsForTheBoundValue() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create table cpp (k int, v text) partition by list (k)",
                    "create table cpp1 partition of cpp for values in (1)", "create table cpp2 partition of cpp for values in (2)",
                    "insert into cpp values (1, 'one'), (2, 'two')", "prepare pq(int) as select v from cpp where k = $1");
            assertEquals(List.of("Seq Scan on cpp2 cpp", "  Filter: (k = 2)"), Jdbc.plan(c, "execute pq(2)"));
            // through the extended protocol (pgjdbc binds the value): the same rows as ever
            try (PreparedStatement ps = c.prepareStatement("select v from cpp where k = ?")) {
                for (int round = 0; round < 8; round++) {
                    ps.setInt(1, 1 + round % 2);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertEquals(round % 2 == 0 ? "one" : "two", rs.getString(1));
                    }
                }
            }
            Jdbc.exec(c, "deallocate pq", "drop table cpp");
        }
    }
}
