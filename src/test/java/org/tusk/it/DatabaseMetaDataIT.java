package org.tusk.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * pgjdbc's DatabaseMetaData against a real server: the catalog queries the driver sends (over
 * pg_catalog and information_schema) must give the rows PostgreSQL 15 gives for the same schema,
 * which were taken from a reference server with the same statements.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DatabaseMetaDataIT {
    static TuskServer server;
    static Connection conn;
    static DatabaseMetaData md;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        conn = server.connect();
        try (Statement s = conn.createStatement()) {
            for (String sql : List.of(
                    "CREATE SCHEMA shop",
                    "CREATE TABLE shop.customer (id integer PRIMARY KEY, name text NOT NULL, email varchar(80) UNIQUE)",
                    "CREATE TABLE shop.orders (id bigint PRIMARY KEY, customer_id integer NOT NULL REFERENCES "
                            + "shop.customer(id) ON DELETE CASCADE, total numeric(10,2) DEFAULT 0, placed date)",
                    "CREATE INDEX orders_placed ON shop.orders (placed)",
                    "CREATE VIEW shop.big_orders AS SELECT id, total FROM shop.orders WHERE total > 100",
                    "CREATE SEQUENCE shop.ticket",
                    "CREATE FUNCTION shop.add1(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x + 1'",
                    "CREATE ROLE clerk LOGIN",
                    "GRANT SELECT, INSERT ON shop.customer TO clerk")) {
                s.execute(sql);
            }
        }
        md = conn.getMetaData();
    }

    @AfterAll
    static void stop() throws Exception {
        if (conn != null) conn.close();
        if (server != null) server.close();
    }

    /** The named columns of every row, joined by '|' (NULL as empty). */
    private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (String c : columns) {
                    if (!sb.isEmpty()) sb.append('|');
                    String v = rs.getString(c);
                    sb.append(v == null ? "" : v);
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void getTablesListsEveryKindInTheSchema() throws Exception {
        assertEquals(List.of("postgres|shop|customer_email_key|INDEX", "postgres|shop|customer_pkey|INDEX",
                        "postgres|shop|orders_pkey|INDEX", "postgres|shop|orders_placed|INDEX",
                        "postgres|shop|ticket|SEQUENCE", "postgres|shop|customer|TABLE", "postgres|shop|orders|TABLE",
                        "postgres|shop|big_orders|VIEW"),
                rows(md.getTables(null, "shop", "%", null), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"));
        assertEquals(List.of("big_orders"), rows(md.getTables(null, "shop", "%", new String[] {"VIEW"}), "TABLE_NAME"));
        assertEquals(List.of("customer|TABLE"), rows(md.getTables(null, "sh_p", "cust%", new String[] {"TABLE"}),
                "TABLE_NAME", "TABLE_TYPE"));
    }

    @Test
    void getColumnsGivesJdbcTypesSizesAndDefaults() throws Exception {
        assertEquals(List.of(
                        "big_orders|id|-5|int8|19|0|1|1|YES|",
                        "big_orders|total|2|numeric|10|2|1|2|YES|",
                        "customer|id|4|int4|10|0|0|1|NO|",
                        "customer|name|12|text|2147483647|0|0|2|NO|",
                        "customer|email|12|varchar|80|0|1|3|YES|",
                        "orders|id|-5|int8|19|0|0|1|NO|",
                        "orders|customer_id|4|int4|10|0|0|2|NO|",
                        "orders|total|2|numeric|10|2|1|3|YES|0",
                        "orders|placed|91|date|13|0|1|4|YES|"),
                rows(md.getColumns(null, "shop", "%", "%"), "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
                        "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE", "ORDINAL_POSITION", "IS_NULLABLE", "COLUMN_DEF"));
    }

    @Test
    void getSchemasAndCatalogs() throws Exception {
        assertEquals(List.of("information_schema|postgres", "pg_catalog|postgres", "public|postgres", "shop|postgres"),
                rows(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG"));
        assertEquals(List.of("shop"), rows(md.getSchemas(null, "sh%"), "TABLE_SCHEM"));
        // template0 does not allow connections, so it is not listed.
        assertEquals(List.of("postgres", "template1"), rows(md.getCatalogs(), "TABLE_CAT"));
    }

    @Test
    void getTableTypes() throws Exception {
        assertEquals(List.of("FOREIGN TABLE", "INDEX", "MATERIALIZED VIEW", "PARTITIONED INDEX", "PARTITIONED TABLE",
                        "SEQUENCE", "SYSTEM INDEX", "SYSTEM TABLE", "SYSTEM TOAST INDEX", "SYSTEM TOAST TABLE",
                        "SYSTEM VIEW", "TABLE", "TEMPORARY INDEX", "TEMPORARY SEQUENCE", "TEMPORARY TABLE",
                        "TEMPORARY VIEW", "TYPE", "VIEW"),
                rows(md.getTableTypes(), "TABLE_TYPE"));
    }

    @Test
    void getFunctionsColumnsAndProcedures() throws Exception {
        String specific = "add1_" + TuskServer.rows(conn, "SELECT oid FROM pg_proc WHERE proname = 'add1'").get(0);
        // FUNCTION_TYPE 1 is functionNoTable: pg_get_function_result says neither TABLE nor SETOF.
        assertEquals(List.of("postgres|shop|add1||1|" + specific), rows(md.getFunctions(null, "shop", "%"),
                "FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE", "SPECIFIC_NAME"));
        List<String> cols = rows(md.getFunctionColumns(null, "shop", "%", "%"), "FUNCTION_SCHEM", "FUNCTION_NAME",
                "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE", "TYPE_NAME", "ORDINAL_POSITION", "SPECIFIC_NAME");
        assertEquals(List.of("shop|add1|returnValue|4|4|int4|0|" + specific, "shop|add1|x|1|4|int4|1|" + specific), cols);
        // getProcedures lists procedures only (prokind 'p'); a function is not one.
        assertEquals(List.of(), rows(md.getProcedures(null, "shop", "%"), "PROCEDURE_NAME"));
    }

    @Test
    void getTableAndColumnPrivileges() throws Exception {
        assertEquals(List.of("tusk|tusk|DELETE|YES", "tusk|clerk|INSERT|NO", "tusk|tusk|INSERT|YES",
                        "tusk|tusk|REFERENCES|YES", "tusk|clerk|SELECT|NO", "tusk|tusk|SELECT|YES",
                        "tusk|tusk|TRIGGER|YES", "tusk|tusk|TRUNCATE|YES", "tusk|tusk|UPDATE|YES"),
                rows(md.getTablePrivileges(null, "shop", "customer"), "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE"));
        List<String> cols = rows(md.getColumnPrivileges(null, "shop", "customer", "%"), "COLUMN_NAME", "GRANTEE",
                "PRIVILEGE", "IS_GRANTABLE");
        assertEquals(21, cols.size(), cols.toString());
        assertEquals(List.of("email|tusk|DELETE|YES", "email|tusk|INSERT|YES"), cols.subList(0, 2));
        assertEquals(List.of("name|tusk|SELECT|YES"), rows(md.getColumnPrivileges(null, "shop", "customer", "name"),
                "COLUMN_NAME", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE").stream().filter(r -> r.contains("SELECT")).toList());
    }
}
