package org.tusk.it;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The built-in functions and aggregates as pg_proc, pg_aggregate and pg_description rows with
 * PostgreSQL 15's OIDs: what psql's \df+, \da and \sf print for them and what pgjdbc's
 * getFunctions / getFunctionColumns return, compared with the text PostgreSQL 15 gives.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BuiltinFunctionCatalogIT {
    static TuskServer server;
    static Connection conn;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start("postgres", null, "trust", new String[0]);
        conn = server.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        if (conn != null) conn.close();
        if (server != null) server.close();
    }

    static String psql(String command) throws Exception {
        ProcessResult r = ProcessResult.run(List.of(TuskServer.PSQL, "-X", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", "postgres", "-d", "postgres", "-c", command), null, 60);
        return r.output();
    }

    private static String one(String sql) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    void describeFunction() throws Exception {
        assertEquals(String.join("\n",
                "List of functions",
                "   Schema   | Name  | Result data type | Argument data types | Type | Volatility | Parallel |  Owner   | Security | Access privileges | Language | Source code | Description ",
                "------------+-------+------------------+---------------------+------+------------+----------+----------+----------+-------------------+----------+-------------+-------------",
                " pg_catalog | lower | text             | text                | func | immutable  | safe     | postgres | invoker  |                   | internal | lower       | lowercase",
                "(1 row)"), psql("\\df+ lower text"));
    }

    @Test
    void describeAggregate() throws Exception {
        assertEquals(String.join("\n",
                "List of aggregate functions",
                "   Schema   | Name  | Result data type | Argument data types |                           Description                           ",
                "------------+-------+------------------+---------------------+-----------------------------------------------------------------",
                " pg_catalog | count | bigint           | \"any\"               | number of input rows for which the input expression is not null",
                " pg_catalog | count | bigint           | *                   | number of input rows",
                "(2 rows)"), psql("\\da count"));
    }

    @Test
    void showFunctionDefinition() throws Exception {
        assertEquals(String.join("\n",
                "CREATE OR REPLACE FUNCTION pg_catalog.lower(text)",
                " RETURNS text",
                " LANGUAGE internal",
                " IMMUTABLE PARALLEL SAFE STRICT",
                "AS $function$lower$function$"), psql("\\sf lower(text)"));
    }

    @Test
    void postgresOids() throws Exception {
        assertEquals("870", one("select 'lower(text)'::regprocedure::oid"));
        assertEquals("int4pl", one("select proname from pg_proc where oid = 'int4pl'::regproc"));
        assertEquals("sum(integer)", one("select 'pg_catalog.sum(int4)'::regprocedure::text"));
        assertEquals("2108", one("select aggfnoid::oid from pg_aggregate where aggfnoid = 'sum(int4)'::regprocedure"));
        assertEquals("RI_FKey_cascade_del,RI_FKey_noaction_del,RI_FKey_restrict_del,RI_FKey_setdefault_del,RI_FKey_setnull_del",
                one("select string_agg(proname, ',' order by proname) from pg_proc where proname like E'RI\\\\_FKey%del'"));
        assertEquals("array_in", one("select typinput::text from pg_type where typname = '_int4'"));
    }

    @Test
    void builtinsResolveOnceBesideUserOverloads() throws Exception {
        try (Statement s = conn.createStatement()) {
            s.execute("create function lower(int) returns text language sql as 'select ''n'''");
            assertEquals("abc|n", one("select lower('ABC') || '|' || lower(5)"));
            s.execute("drop function lower(int)");
        }
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Statement s = conn.createStatement()) {
                s.execute("drop function lower(text)");
            }
        });
        assertEquals("2BP01", e.getSQLState());
        assertTrue(e.getMessage().contains("cannot drop function lower(text) because it is required by the database system"),
                e.getMessage());
        SQLException t = assertThrows(SQLException.class, () -> one("select \"RI_FKey_check_ins\"()"));
        assertEquals("39P01", t.getSQLState());
    }

    @Test
    void jdbcGetFunctions() throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = conn.getMetaData().getFunctions(null, "pg_catalog", "lower")) {
            while (rs.next()) rows.add(rs.getString("FUNCTION_NAME") + "|" + rs.getString("REMARKS") + "|"
                    + rs.getString("SPECIFIC_NAME"));
        }
        // PostgreSQL 15 also has lower(anymultirange) (lower_4235); Tusk has no multirange types
        assertEquals(List.of("lower|lower bound of range|lower_3848", "lower|lowercase|lower_870"), rows);
        List<String> cols = new ArrayList<>();
        try (ResultSet rs = conn.getMetaData().getFunctionColumns(null, "pg_catalog", "lower", null)) {
            while (rs.next()) {
                if (rs.getString("SPECIFIC_NAME").equals("lower_870")) {
                    cols.add(rs.getString("COLUMN_NAME") + "|" + rs.getInt("COLUMN_TYPE") + "|" + rs.getString("TYPE_NAME"));
                }
            }
        }
        assertEquals(List.of("returnValue|4|text", "$1|1|text"), cols);
    }
}
