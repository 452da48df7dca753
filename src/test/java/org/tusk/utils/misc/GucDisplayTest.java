package org.tusk.utils.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GucDisplayTest {
    private final GucSettings settings = GucSettings.forPostmaster();

    @Test
    void defaultsShowWithNormalizedUnits() {
        assertEquals("128MB", settings.show("shared_buffers"));
        assertEquals("5min", settings.show("checkpoint_timeout"));
        assertEquals("0", settings.show("statement_timeout"));
        assertEquals("1min", settings.show("authentication_timeout"));
        assertEquals("1s", settings.show("deadlock_timeout"));
        assertEquals("4GB", settings.show("effective_cache_size"));
        assertEquals("1GB", settings.show("max_wal_size"));
        assertEquals("80MB", settings.show("min_wal_size"));
        assertEquals("4MB", settings.show("work_mem"));
        assertEquals("64MB", settings.show("maintenance_work_mem"));
        assertEquals("8MB", settings.show("temp_buffers"));
        assertEquals("1kB", settings.show("track_activity_query_size"));
        assertEquals("-1", settings.show("wal_buffers"));
        assertEquals("200ms", settings.show("bgwriter_delay"));
        assertEquals("2", settings.show("bgwriter_lru_multiplier"));
        assertEquals("0.01", settings.show("cpu_tuple_cost"));
        assertEquals("on", settings.show("fsync"));
        assertEquals("off", settings.show("jit"));
        assertEquals("fdatasync", settings.show("wal_sync_method"));
        assertEquals("read committed", settings.show("default_transaction_isolation"));
        assertEquals("\"$user\", public", settings.show("search_path"));
        assertEquals("%m [%p] ", settings.show("log_line_prefix"));
        assertEquals("ISO, MDY", settings.show("DateStyle"));
        assertEquals("UTC", settings.show("timezone"));
        assertEquals("15.18", settings.show("server_version"));
        assertEquals("150018", settings.show("server_version_num"));
        assertEquals("2", settings.show("backend_spares"));
        assertEquals("off", settings.show("backend_reuse"));
        assertEquals("100000", settings.show("backend_reuse_max_sessions"));
        assertEquals("", settings.show("application_name"));
    }

    @Test
    void displayPicksTheLargestEvenUnit() {
        settings.setFromSql("statement_timeout", "90s", false, false);
        assertEquals("90s", settings.show("statement_timeout"));
        assertEquals("90000", settings.showRaw("statement_timeout"));
        settings.setFromSql("statement_timeout", "120s", false, false);
        assertEquals("2min", settings.show("statement_timeout"));
        settings.setFromSql("statement_timeout", "1500", false, false);
        assertEquals("1500ms", settings.show("statement_timeout"));
        settings.setFromSql("work_mem", "1025kB", false, false);
        assertEquals("1025kB", settings.show("work_mem"));
        settings.setFromSql("temp_buffers", "101", false, false);
        assertEquals("808kB", settings.show("temp_buffers"));
    }

    @Test
    void versionConstantsAgree() {
        assertEquals(150018, GucTables.SERVER_VERSION_NUM);
        assertEquals(GucTables.SERVER_VERSION, settings.show("server_version"));
    }

    @Test
    void cFormatG() {
        assertEquals("0.01", CNumberFormat.g(0.01));
        assertEquals("1e+10", CNumberFormat.g(1e10));
        assertEquals("1.79769e+308", CNumberFormat.g(Double.MAX_VALUE));
        assertEquals("1.23457e+08", CNumberFormat.g(123456789.0));
        assertEquals("0.0001", CNumberFormat.g(0.0001));
        assertEquals("1e-05", CNumberFormat.g(0.00001));
        assertEquals("100000", CNumberFormat.g(100000));
        assertEquals("1e+06", CNumberFormat.g(1000000));
        assertEquals("2.5", CNumberFormat.g(2.5));
        assertEquals("-3", CNumberFormat.g(-3));
        assertEquals("0", CNumberFormat.g(0));
    }
}
