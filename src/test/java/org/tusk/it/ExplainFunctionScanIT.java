package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * EXPLAIN of a Function Scan as PostgreSQL 15 prints it (ExplainTargetRel and ExplainNode's
 * T_FunctionScan): VERBOSE qualifies a lone function with its schema and lists the calls under
 * "Function Call"; a ROWS FROM scan names only its alias.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExplainFunctionScanIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static List<String> plan(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    void verboseShowsSchemaAndFunctionCallBeforeFilter() throws Exception {
        assertEquals(List.of(
                "Function Scan on pg_catalog.generate_series g",
                "  Output: g",
                "  Function Call: generate_series(1, 3)",
                "  Filter: (g.g > 1)"),
                plan("explain (verbose, costs off) select * from generate_series(1,3) g where g > 1"));
    }

    @Test
    void withoutVerboseTheFunctionIsNotQualified() throws Exception {
        assertEquals(List.of("Function Scan on generate_series g"),
                plan("explain (costs off) select * from generate_series(1,3) g"));
    }

    @Test
    void rowsFromNamesOnlyTheAliasAndListsEveryCall() throws Exception {
        assertEquals(List.of(
                "Function Scan on g",
                "  Output: generate_series, unnest",
                "  Function Call: generate_series(1, 3), unnest('{1,2}'::integer[])"),
                plan("explain (verbose, costs off) select * from rows from (generate_series(1,3), unnest(array[1,2])) g"));
    }
}
