package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * pg_settings, pg_show_all_settings(), and SET/SHOW of the planner settings through a real server
 * and the JDBC driver; the expected rows are PostgreSQL 15's, copied from a reference server.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SettingsIT {
    static TuskServer server;

    private static final String COLUMNS = "name,setting,unit,category,short_desc,extra_desc,context,vartype,source,"
            + "min_val,max_val,enumvals,boot_val,reset_val,sourcefile,sourceline,pending_restart";

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void settingChangedInsideAStatementChangesTheOutputOfLaterRows() throws Exception {
        // each row's set_config runs before that row is sent, so each row is output under its own
        // TimeZone and extra_float_digits (the output settings are not fixed once per statement)
        try (Connection c = server.connect()) {
            assertEquals("UTC|2020-01-01 00:00:00+00|1|0.3333333333333333;Asia/Tokyo|2020-01-01 09:00:00+09|-2|0.3333333333333;"
                            + "UTC|2020-01-01 00:00:00+00|3|0.3333333333333333",
                    Jdbc.joinedRows(c, "select set_config('TimeZone', z, false), '2020-01-01 00:00+00'::timestamptz, "
                            + "set_config('extra_float_digits', e, false), 1/3::float8 "
                            + "from (values (1, 'UTC', '1'), (2, 'Asia/Tokyo', '-2'), (3, 'UTC', '3')) t(n, z, e)"));
        }
    }

    @Test
    void pgSettingsRowsMatchPostgres() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals("enable_memoize|on|null|Query Tuning / Planner Method Configuration|Enables the planner's use "
                            + "of memoization.|null|user|bool|default|null|null|null|on|on|null|null|f;"
                            + "hash_mem_multiplier|2|null|Resource Usage / Memory|Multiple of work_mem to use for hash "
                            + "tables.|null|user|real|default|1|1000|null|2|2|null|null|f;"
                            + "max_stack_depth|2048|kB|Resource Usage / Memory|Sets the maximum stack depth, in "
                            + "kilobytes.|null|superuser|integer|default|100|2147483647|null|100|2048|null|null|f;"
                            + "plan_cache_mode|auto|null|Query Tuning / Other Planner Options|Controls the planner's "
                            + "selection of custom or generic plan.|Prepared statements can have custom and generic "
                            + "plans, and the planner will attempt to choose which is better.  This can be set to "
                            + "override the default behavior.|user|enum|default|null|null|"
                            + "{auto,force_generic_plan,force_custom_plan}|auto|auto|null|null|f",
                    Jdbc.joinedRows(c, "select " + COLUMNS + " from pg_settings where name in ('enable_memoize', "
                            + "'hash_mem_multiplier', 'max_stack_depth', 'plan_cache_mode') order by name"));
            // the function behind the view gives the same rows
            assertEquals("0", Jdbc.joinedRows(c, "select count(*) from (select * from pg_show_all_settings() "
                    + "except select * from pg_settings) d"));
            assertEquals("pg_catalog.pg_settings|integer",
                    Jdbc.joinedRows(c, "select 'pg_catalog.pg_settings', vartype from pg_catalog.pg_settings "
                            + "where name = 'geqo_threshold'"));
        }
    }

    @Test
    void sessionChangesShowInPgSettings() throws Exception {
        try (Connection c = server.connect()) {
            ViewsIT.exec(c, "set min_parallel_table_scan_size = '16MB'", "set enable_indexonlyscan = off");
            assertEquals("2048|session|1024;off|session|on", Jdbc.joinedRows(c, "select setting, source, reset_val from "
                    + "pg_settings where name in ('min_parallel_table_scan_size', 'enable_indexonlyscan') order by name desc"));
            assertEquals("16MB", Jdbc.joinedRows(c, "show min_parallel_table_scan_size"));
            assertEquals("off", Jdbc.joinedRows(c, "select current_setting('enable_indexonlyscan')"));
            ViewsIT.exec(c, "set jit_above_cost = 0", "set max_parallel_workers_per_gather = 0",
                    "set parallel_setup_cost = 10", "set parallel_tuple_cost = 0.05", "set geqo = off",
                    "set escape_string_warning = off", "set default_toast_compression = 'pglz'",
                    "set hash_mem_multiplier to default");
            assertEquals("0|0|10|0.05|off|off|pglz|2", Jdbc.joinedRows(c, "select current_setting('jit_above_cost'), "
                    + "current_setting('max_parallel_workers_per_gather'), current_setting('parallel_setup_cost'), "
                    + "current_setting('parallel_tuple_cost'), current_setting('geqo'), "
                    + "current_setting('escape_string_warning'), current_setting('default_toast_compression'), "
                    + "current_setting('hash_mem_multiplier')"));
        }
    }

    @Test
    void badValuesAreRefusedWithPostgresMessages() throws Exception {
        try (Connection c = server.connect()) {
            PSQLException e = Jdbc.error(c, "set hash_mem_multiplier = 0.5");
            assertEquals("22023", e.getSQLState());
            assertEquals("0.5 is outside the valid range for parameter \"hash_mem_multiplier\" (1 .. 1000)",
                    e.getServerErrorMessage().getMessage());
            e = Jdbc.error(c, "set max_parallel_workers_per_gather = 2000");
            assertEquals("2000 is outside the valid range for parameter \"max_parallel_workers_per_gather\" (0 .. 1024)",
                    e.getServerErrorMessage().getMessage());
            e = Jdbc.error(c, "set plan_cache_mode = foo");
            assertEquals("invalid value for parameter \"plan_cache_mode\": \"foo\"", e.getServerErrorMessage().getMessage());
            assertEquals("Available values: auto, force_generic_plan, force_custom_plan.",
                    e.getServerErrorMessage().getHint());
            e = Jdbc.error(c, "set max_stack_depth = '50kB'");
            assertEquals("50 kB is outside the valid range for parameter \"max_stack_depth\" (100 .. 2147483647)",
                    e.getServerErrorMessage().getMessage());
        }
    }
}
