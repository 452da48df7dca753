package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.it.Jdbc.exec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The system catalogs' indexes (initdb's catalog_indexes.sql, PostgreSQL's DECLARE_UNIQUE_INDEX
 * set): plans over the catalogs use them, every catalog change enters them (so index scans find
 * what the DDL of the same and of later transactions made), and only allow_system_table_mods lets
 * anyone create or drop an index on a catalog.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CatalogIndexesIT extends OneServerPerClass {
    private static String one(Connection c, String sql) throws SQLException {
        return TuskServer.rows(c, sql).get(0);
    }

    @Test
    void plansOverTheCatalogsUseTheirIndexes() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "set enable_seqscan = off");
            exec(c, "set enable_bitmapscan = off");
            List<String> plan = TuskServer.rows(c,
                    "explain (costs off) select proname from pg_proc where proname like E'ci\\\\_fn%' order by 1");
            assertEquals("Index Only Scan using pg_proc_proname_args_nsp_index on pg_proc", plan.get(0));
            assertEquals("  Index Cond: ((proname >= 'ci_fn'::text) AND (proname < 'ci_fo'::text))", plan.get(1));
            assertEquals("t|pg_class", one(c, "select indisunique, indrelid::regclass from pg_index"
                    + " where indexrelid = 'pg_class_oid_index'::regclass"));
        }
    }

    @Test
    void indexScansSeeEveryCatalogChange() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create function ci_fn_a(int) returns int language sql as 'select $1'");
            exec(c, "create function ci_fn_b(int) returns int language sql as 'select $1'");
            exec(c, "begin");
            exec(c, "create function ci_fn_c(int) returns int language sql as 'select $1'");
            exec(c, "rollback");
            exec(c, "create table ci_t (a int primary key, b text)");
            exec(c, "alter table ci_t rename to ci_t2");           // a pg_class update
            exec(c, "alter table ci_t2 add column c int default 3");
            exec(c, "vacuum pg_class");
            exec(c, "vacuum pg_proc");
            exec(c, "set enable_seqscan = off");
            for (String bitmap : List.of("off", "on")) {
                exec(c, "set enable_bitmapscan = " + bitmap);
                assertEquals(List.of("ci_fn_a", "ci_fn_b"),
                        TuskServer.rows(c, "select proname from pg_proc where proname like 'ci\\_fn%' order by 1"));
                assertEquals(List.of("ci_t2"),
                        TuskServer.rows(c, "select relname from pg_class where relname in ('ci_t', 'ci_t2')"));
                assertEquals("a,b,c", one(c, "select string_agg(attname::text, ',' order by attnum) from pg_attribute"
                        + " where attrelid = 'ci_t2'::regclass and attnum > 0"));
            }
        }
        // another session (its own relcache) sees the same through the indexes
        try (Connection c = server.connect()) {
            exec(c, "set enable_seqscan = off");
            assertEquals("1", one(c, "select count(*) from pg_class where oid = 'ci_t2'::regclass::oid"));
        }
    }

    @Test
    void enumRenumberingKeepsSortOrdersUnique() throws Exception {
        try (Connection c = server.connect()) {
            // RenumberEnumType under pg_enum_typid_sortorder_index: float4 runs out of midpoints after ~20 labels
            exec(c, "create type ci_enum as enum ('L1', 'L2')");
            for (int i = 1; i <= 30; i++) exec(c, "alter type ci_enum add value 'i" + i + "' before 'L2'");
            assertEquals("32|32|L1,i1,i2", one(c, "select count(*), count(distinct enumsortorder),"
                    + " (array_agg(enumlabel::text order by enumsortorder))[1:3] from pg_enum where enumtypid = 'ci_enum'::regtype")
                    .replace("{", "").replace("}", ""));
            assertEquals("t", one(c, "select 'i30'::ci_enum < 'L2' and 'i29'::ci_enum < 'i30'"));
        }
    }

    @Test
    void onlyAllowSystemTableModsChangesCatalogIndexes() throws Exception {
        try (Connection c = server.connect()) {
            SQLException e = assertThrows(SQLException.class, () -> exec(c, "create index ci_bad on pg_proc (prosrc)"));
            assertEquals("42501", e.getSQLState());
            assertTrue(e.getMessage().contains("permission denied: \"pg_proc\" is a system catalog"), e.getMessage());
            e = assertThrows(SQLException.class, () -> exec(c, "drop index pg_proc_oid_index"));
            assertEquals("42501", e.getSQLState());
            assertTrue(e.getMessage().contains("permission denied: \"pg_proc_oid_index\" is a system catalog"), e.getMessage());
            e = assertThrows(SQLException.class, () -> exec(c, "drop table pg_attrdef"));
            assertTrue(e.getMessage().contains("permission denied: \"pg_attrdef\" is a system catalog"), e.getMessage());
            e = assertThrows(SQLException.class, () -> exec(c, "reindex index concurrently pg_class_oid_index"));
            assertTrue(e.getMessage().contains("cannot reindex system catalogs concurrently"), e.getMessage());
            assertEquals("off", one(c, "show allow_system_table_mods"));
        }
    }
}
