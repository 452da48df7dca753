package org.tusk.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The information_schema that initdb creates, read through a real server as a client sees it,
 * and the privilege inquiry functions its views are built on. Expected rows are PostgreSQL 15's
 * for the same schema (checked side by side against a reference server), except where noted.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class InformationSchemaIT {
    static TuskServer server;
    static Connection conn;

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
                    "CREATE VIEW shop.big_orders AS SELECT id, total FROM shop.orders WHERE total > 100",
                    "CREATE SEQUENCE shop.ticket",
                    "CREATE FUNCTION shop.add1(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x + 1'",
                    "CREATE ROLE clerk LOGIN",
                    "GRANT SELECT, INSERT ON shop.customer TO clerk")) {
                s.execute(sql);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (conn != null) conn.close();
        if (server != null) server.close();
    }

    private static List<String> rows(String sql) throws Exception {
        return TuskServer.rows(conn, sql);
    }

    @Test
    void theDomainsExist() throws Exception {
        assertEquals(List.of("cardinal_number|integer", "character_data|character varying", "sql_identifier|name",
                        "time_stamp|timestamp(2) with time zone", "yes_or_no|character varying(3)"),
                TuskServer.rows(conn, "select typname, format_type(typbasetype, typtypmod) from pg_type "
                        + "where typnamespace = 'information_schema'::regnamespace and typtype = 'd' order by 1"));
        assertEquals(List.of("64"), TuskServer.rows(conn, "select 64::information_schema.cardinal_number"));
        PSQLException e = assertThrows(PSQLException.class,
                () -> TuskServer.rows(conn, "select (-1)::information_schema.cardinal_number"));
        assertEquals("23514", e.getSQLState());
    }

    @Test
    void tablesListTablesAndViewsOfTheSchema() throws Exception {
        // PostgreSQL says YES for the view: it is automatically updatable there, which Tusk's views are not yet.
        assertEquals(List.of("shop|big_orders|VIEW|NO", "shop|customer|BASE TABLE|YES", "shop|orders|BASE TABLE|YES"),
                rows("SELECT table_schema, table_name, table_type, is_insertable_into FROM information_schema.tables "
                        + "WHERE table_schema = 'shop' ORDER BY table_name"));
    }

    @Test
    void columnsGiveTypesLengthsPrecisionsAndDefaults() throws Exception {
        assertEquals(List.of(
                        "big_orders|id|1||YES|bigint||64|0",
                        "big_orders|total|2||YES|numeric||10|2",
                        "customer|id|1||NO|integer||32|0",
                        "customer|name|2||NO|text|||",
                        "customer|email|3||YES|character varying|80||",
                        "orders|id|1||NO|bigint||64|0",
                        "orders|customer_id|2||NO|integer||32|0",
                        "orders|total|3|0|YES|numeric||10|2",
                        "orders|placed|4||YES|date|||"),
                rows("SELECT table_name, column_name, ordinal_position, column_default, is_nullable, data_type, "
                        + "character_maximum_length, numeric_precision, numeric_scale FROM information_schema.columns "
                        + "WHERE table_schema = 'shop' ORDER BY table_name, ordinal_position"));
    }

    @Test
    void constraintsAndTheirColumns() throws Exception {
        assertEquals(List.of("customer_email_key|customer|UNIQUE|NO", "customer_pkey|customer|PRIMARY KEY|NO",
                        "orders_customer_id_fkey|orders|FOREIGN KEY|NO", "orders_pkey|orders|PRIMARY KEY|NO"),
                rows("SELECT constraint_name, table_name, constraint_type, is_deferrable "
                        + "FROM information_schema.table_constraints WHERE table_schema = 'shop' "
                        + "AND constraint_type <> 'CHECK' ORDER BY constraint_name"));
        // NOT NULL columns are CHECK constraints named <namespace oid>_<table oid>_<attnum>_not_null.
        assertEquals(List.of("customer|2", "orders|2"),
                rows("SELECT table_name, count(*) FROM information_schema.table_constraints "
                        + "WHERE table_schema = 'shop' AND constraint_type = 'CHECK' "
                        + "AND constraint_name LIKE '%_not_null' GROUP BY table_name ORDER BY table_name"));
        assertEquals(List.of("customer_email_key|customer|email|1|", "customer_pkey|customer|id|1|",
                        "orders_customer_id_fkey|orders|customer_id|1|1", "orders_pkey|orders|id|1|"),
                rows("SELECT constraint_name, table_name, column_name, ordinal_position, position_in_unique_constraint "
                        + "FROM information_schema.key_column_usage WHERE table_schema = 'shop' ORDER BY constraint_name"));
    }

    @Test
    void referentialConstraintsGiveTheRules() throws Exception {
        // PostgreSQL also names the referenced key (unique_constraint_name customer_pkey), which it finds
        // through pg_depend; Tusk does not record dependencies of constraints on indexes there yet.
        assertEquals(List.of("orders_customer_id_fkey|NONE|NO ACTION|CASCADE"),
                rows("SELECT constraint_name, match_option, update_rule, delete_rule "
                        + "FROM information_schema.referential_constraints WHERE constraint_schema = 'shop'"));
    }

    @Test
    void viewsAndSchemata() throws Exception {
        // view_definition is pg_get_viewdef's deparsed query, which names the table schema-qualified
        // because shop is not on the search path.
        assertEquals(List.of("big_orders|t|NONE|NO"),
                rows("SELECT table_name, view_definition LIKE '%shop.orders%', check_option, is_updatable "
                        + "FROM information_schema.views "
                        + "WHERE table_schema = 'shop'"));
        assertEquals(List.of("information_schema|tusk", "pg_catalog|tusk", "pg_toast|tusk", "shop|tusk"),
                rows("SELECT schema_name, schema_owner FROM information_schema.schemata "
                        + "WHERE schema_name <> 'public' ORDER BY schema_name"));
    }

    @Test
    void tablePrivilegesShowGrants() throws Exception {
        assertEquals(List.of("tusk|clerk|INSERT|NO", "tusk|clerk|SELECT|NO"),
                rows("SELECT grantor, grantee, privilege_type, is_grantable FROM information_schema.table_privileges "
                        + "WHERE table_schema = 'shop' AND table_name = 'customer' AND grantee = 'clerk' ORDER BY privilege_type"));
        assertEquals(List.of("{tusk=arwdDxt/tusk,clerk=ar/tusk}"),
                rows("SELECT relacl FROM pg_class WHERE oid = 'shop.customer'::regclass"));
    }

    @Test
    void privilegeFunctionsAnswerForARole() throws Exception {
        assertEquals(List.of("t|f|t|f|t|t|t|f|t|f"),
                rows("SELECT has_table_privilege('clerk', 'shop.customer', 'SELECT'), "
                        + "has_table_privilege('clerk', 'shop.customer', 'UPDATE'), "
                        + "has_table_privilege('clerk', 'shop.customer', 'delete, insert'), "
                        + "has_schema_privilege('clerk', 'shop', 'USAGE'), "
                        + "has_database_privilege('clerk', 'postgres', 'CONNECT'), "
                        + "has_function_privilege('clerk', 'shop.add1(integer)', 'EXECUTE'), "
                        + "has_column_privilege('clerk', 'shop.customer', 'name', 'SELECT'), "
                        + "has_any_column_privilege('clerk', 'shop.orders', 'SELECT'), "
                        + "pg_has_role('clerk', 'clerk', 'MEMBER'), "
                        + "has_sequence_privilege('clerk', 'shop.ticket', 'USAGE')"));
        assertEquals(List.of("t|t"), rows("SELECT has_table_privilege('shop.orders', 'SELECT WITH GRANT OPTION'), "
                + "has_table_privilege('clerk', 999999::oid, 'SELECT') IS NULL"));
    }

    @Test
    void privilegeFunctionsRefuseWhatDoesNotExist() {
        expectError("SELECT has_table_privilege('nobody', 'shop.customer', 'SELECT')", "42704", "role \"nobody\" does not exist");
        expectError("SELECT has_table_privilege('clerk', 'shop.nosuch', 'SELECT')", "42P01", "relation \"shop.nosuch\" does not exist");
        expectError("SELECT has_table_privilege('clerk', 'shop.customer', 'FLY')", "22023", "unrecognized privilege type: \"FLY\"");
        expectError("SELECT has_schema_privilege('clerk', 'nosuch', 'USAGE')", "3F000", "schema \"nosuch\" does not exist");
        expectError("SELECT has_database_privilege('clerk', 'nosuch', 'CONNECT')", "3D000", "database \"nosuch\" does not exist");
        expectError("SELECT has_function_privilege('clerk', 'shop.nosuch(integer)', 'EXECUTE')", "42883",
                "function \"shop.nosuch(integer)\" does not exist");
        expectError("SELECT has_column_privilege('clerk', 'shop.customer', 'nosuch', 'SELECT')", "42703",
                "column \"nosuch\" of relation \"customer\" does not exist");
    }

    private static void expectError(String sql, String sqlState, String message) {
        PSQLException e = assertThrows(PSQLException.class, () -> rows(sql));
        assertEquals(sqlState, e.getSQLState(), sql);
        assertEquals(message, e.getServerErrorMessage().getMessage(), sql);
    }
}
