package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The system views initdb creates from SQL (pg_views, pg_matviews, pg_sequences, pg_group) and
 * pg_sequence_last_value; the expected rows are PostgreSQL 15's for the same objects.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SystemViewsIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create schema svt");
            st.execute("create table svt.t (a int, b text)");
            st.execute("create view svt.v as select a, b from svt.t where a > 1");
            st.execute("create materialized view svt.mv as select a from svt.t with no data");
            st.execute("create sequence svt.s1");
            st.execute("create sequence svt.s2 as smallint increment 5 start 10 cycle cache 3");
            st.execute("create role sv_grp");
            st.execute("create role sv_user login");
            st.execute("grant sv_grp to sv_user");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void viewsAndMaterializedViews() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals("svt|v|t| SELECT t.a,\n    t.b\n   FROM svt.t\n  WHERE (t.a > 1);",
                    Jdbc.joinedRows(c, "select schemaname, viewname, viewowner = current_user, definition "
                            + "from pg_views where schemaname = 'svt'"));
            assertEquals("svt|mv|t|null|f|f| SELECT t.a\n   FROM svt.t;",
                    Jdbc.joinedRows(c, "select schemaname, matviewname, matviewowner = current_user, tablespace, "
                            + "hasindexes, ispopulated, definition from pg_matviews where schemaname = 'svt'"));
        }
    }

    @Test
    void sequencesShowTheirParametersAndTheLastValueStored() throws Exception {
        try (Connection c = server.connect(); Connection other = server.connect()) {
            Jdbc.joinedRows(other, "select nextval('svt.s2'), nextval('svt.s2')");
            // last_value is the page's, whichever session took it; null before the first nextval
            assertEquals("svt|s1|t|bigint|1|1|9223372036854775807|1|f|1|null;"
                            + "svt|s2|t|smallint|10|1|32767|5|t|3|20",
                    Jdbc.joinedRows(c, "select schemaname, sequencename, sequenceowner = current_user, data_type, "
                            + "start_value, min_value, max_value, increment_by, cycle, cache_size, last_value "
                            + "from pg_sequences where schemaname = 'svt' order by sequencename"));
            assertEquals("null|20", Jdbc.joinedRows(c, "select pg_sequence_last_value('svt.s1'), "
                    + "pg_sequence_last_value('svt.s2'::regclass)"));
        }
    }

    @Test
    void lastValueNeedsSelectOrUsage() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("grant usage on schema svt to sv_user");
        }
        try (Connection u = server.connect("sv_user", null)) {
            SQLException e = assertThrows(SQLException.class, () -> Jdbc.joinedRows(u, "select pg_sequence_last_value('svt.s2')"));
            assertEquals("42501", e.getSQLState());
            assertEquals("ERROR: permission denied for sequence s2", e.getMessage());
            // the view shows null where the user may not read the value, as PostgreSQL's CASE does
            assertEquals("s1|null;s2|null", Jdbc.joinedRows(u,
                    "select sequencename, last_value from pg_sequences where schemaname = 'svt' order by 1"));
        }
    }

    @Test
    void groupsAreTheRolesThatCannotLogIn() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals("sv_grp|1", Jdbc.joinedRows(c, "select groname, cardinality(grolist) from pg_group "
                    + "where groname like 'sv%'"));
            assertEquals("t", Jdbc.joinedRows(c, "select (select oid from pg_roles where rolname = 'sv_user') = all(grolist) "
                    + "from pg_group where groname = 'sv_grp'"));
        }
    }
}
