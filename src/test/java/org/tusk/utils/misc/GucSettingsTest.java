package org.tusk.utils.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

class GucSettingsTest {
    private final GucSettings settings = GucSettings.forBackend();

    private PgException setError(String name, String value, boolean superuser) {
        return assertThrows(PgException.class, () -> settings.setFromSql(name, value, false, superuser));
    }

    @Test
    void contextsRefuseChangesWithPostgresMessages() {
        PgException e = setError("port", "5433", true);
        assertEquals("parameter \"port\" cannot be changed without restarting the server", e.getMessage());
        assertEquals("55P02", e.sqlState());

        e = setError("fsync", "off", true);
        assertEquals("parameter \"fsync\" cannot be changed now", e.getMessage());
        assertEquals("55P02", e.sqlState());

        e = setError("server_version", "16", true);
        assertEquals("parameter \"server_version\" cannot be changed", e.getMessage());
        assertEquals("55P02", e.sqlState());

        e = setError("log_min_messages", "debug1", false);
        assertEquals("permission denied to set parameter \"log_min_messages\"", e.getMessage());
        assertEquals("42501", e.sqlState());
        settings.setFromSql("log_min_messages", "debug1", false, true);
        assertEquals("debug1", settings.show("log_min_messages"));

        e = setError("log_connections", "on", true);
        assertEquals("parameter \"log_connections\" cannot be set after connection start", e.getMessage());
        assertEquals("55P02", e.sqlState());
    }

    @Test
    void unknownParameters() {
        PgException e = setError("no_such_thing", "1", false);
        assertEquals("unrecognized configuration parameter \"no_such_thing\"", e.getMessage());
        assertEquals("42704", e.sqlState());
        e = assertThrows(PgException.class, () -> settings.show("no_such_thing"));
        assertEquals("unrecognized configuration parameter \"no_such_thing\"", e.getMessage());
    }

    @Test
    void customPlaceholdersWithADot() {
        settings.setFromSql("myapp.foo", "bar", false, false);
        assertEquals("bar", settings.show("myapp.foo"));
        assertEquals("bar", settings.show("MYAPP.FOO"));
        PgException e = assertThrows(PgException.class, () -> settings.show("myapp.other"));
        assertEquals("unrecognized configuration parameter \"myapp.other\"", e.getMessage());

        e = setError("myapp..foo", "x", false);
        assertEquals("invalid configuration parameter name \"myapp..foo\"", e.getMessage());
        assertEquals("42602", e.sqlState());
        assertEquals("Custom parameter names must be two or more simple identifiers separated by dots.", e.detail());

        GucSettingRow row = settings.settingRows(true).stream().filter(r -> r.name().equals("myapp.foo")).findFirst()
                .orElseThrow();
        assertEquals("Customized Options", row.category());
        assertEquals("string", row.vartype());
        assertEquals("session", row.source());
    }

    @Test
    void namesAreCaseInsensitiveAndOldNamesMap() {
        settings.setFromSql("DATESTYLE", "sql, dmy", false, false);
        assertEquals("SQL, DMY", settings.show("datestyle"));
        settings.setFromSql("sort_mem", "2MB", false, false);
        assertEquals("2MB", settings.show("work_mem"));
    }

    @Test
    void checkHooksCanonicalizeAndReject() {
        settings.setFromSql("DateStyle", "german", false, false);
        assertEquals("German, DMY", settings.show("DateStyle"));
        settings.setFromSql("DateStyle", "ymd", false, false);
        assertEquals("German, YMD", settings.show("DateStyle"));
        PgException e = setError("datestyle", "iso, sql", false);
        assertEquals("invalid value for parameter \"DateStyle\": \"iso, sql\"", e.getMessage());
        assertEquals("Conflicting \"datestyle\" specifications.", e.detail());
        e = setError("datestyle", "foo", false);
        assertEquals("Unrecognized key word: \"foo\".", e.detail());

        settings.setFromSql("timezone", "europe/paris", false, false);
        assertEquals("Europe/Paris", settings.show("TimeZone"));
        settings.setFromSql("timezone", "-7", false, false);
        assertEquals("<-07>+07", settings.show("TimeZone"));
        e = setError("timezone", "Mars/Olympus", false);
        assertEquals("invalid value for parameter \"TimeZone\": \"Mars/Olympus\"", e.getMessage());
        assertEquals("22023", e.sqlState());

        // The regression driver sets it per database; only the built-in set exists.
        settings.setFromSql("timezone_abbreviations", "Default", false, false);
        assertEquals("Default", settings.show("timezone_abbreviations"));
        e = setError("timezone_abbreviations", "Foo", false);
        assertEquals("invalid value for parameter \"timezone_abbreviations\": \"Foo\"", e.getMessage());

        settings.setFromSql("client_encoding", "unicode", false, false);
        assertEquals("UTF8", settings.show("client_encoding"));
        settings.setFromSql("client_encoding", "latin1", false, false);
        assertEquals("LATIN1", settings.show("client_encoding"));
        e = setError("client_encoding", "klingon", false);
        assertEquals("invalid value for parameter \"client_encoding\": \"klingon\"", e.getMessage());
        e = setError("client_encoding", "mule_internal", false);
        assertEquals("0A000", e.sqlState());
        assertEquals("Conversion between MULE_INTERNAL and UTF8 is not supported.", e.detail());

        settings.setFromSql("application_name", "café", false, false);
        assertEquals("caf??", settings.show("application_name"));

        e = setError("search_path", "a, \"b", false);
        assertEquals("List syntax is invalid.", e.detail());
    }

    @Test
    void extraCheckHooksRunAfterTheBuiltInOne() {
        settings.addCheckHook("application_name", (v, s) -> {
            if (((String) v).startsWith("evil")) {
                throw GucCheckException.withDetail("No evil.").hint("Be nice.");
            }
            return ((String) v).toUpperCase();
        });
        settings.setFromSql("application_name", "psql", false, false);
        assertEquals("PSQL", settings.show("application_name"));
        PgException e = setError("application_name", "evil app", false);
        assertEquals("invalid value for parameter \"application_name\": \"evil app\"", e.getMessage());
        assertEquals("No evil.", e.detail());
        assertEquals("Be nice.", e.hint());
    }

    @Test
    void sourcePriority() {
        GucSettings pm = GucSettings.forPostmaster();
        pm.set("work_mem", "16MB", GucContext.POSTMASTER, GucSource.ARGV, GucAction.SET);
        // The file comes later at start-up but has lower priority than the command line.
        assertEquals(SetResult.IGNORED, pm.set("work_mem", "8MB", GucContext.POSTMASTER, GucSource.FILE, GucAction.SET));
        assertEquals("16MB", pm.show("work_mem"));
        assertEquals(GucSource.ARGV, pm.source("work_mem"));

        // A client's startup value beats both, and becomes what RESET returns to.
        pm.set("work_mem", "2MB", GucContext.BACKEND, GucSource.CLIENT, GucAction.SET);
        assertEquals("2MB", pm.show("work_mem"));
        pm.setFromSql("work_mem", "32MB", false, false);
        assertEquals("32MB", pm.show("work_mem"));
        pm.setFromSql("work_mem", null, false, false);
        assertEquals("2MB", pm.show("work_mem"));
        assertEquals(GucSource.CLIENT, pm.source("work_mem"));
    }

    @Test
    void setLocalIsUndoneAtCommit() {
        settings.atTransactionStart();
        settings.setFromSql("work_mem", "1MB", true, false);
        assertEquals("1MB", settings.show("work_mem"));
        settings.atTransactionCommit();
        assertEquals("4MB", settings.show("work_mem"));
        assertEquals(0, settings.nestLevel());
    }

    @Test
    void setSurvivesCommitButNotAbort() {
        settings.atTransactionStart();
        settings.setFromSql("work_mem", "1MB", false, false);
        settings.atTransactionCommit();
        assertEquals("1MB", settings.show("work_mem"));

        settings.atTransactionStart();
        settings.setFromSql("work_mem", "2MB", false, false);
        settings.setFromSql("work_mem", "3MB", false, false);
        settings.atTransactionAbort();
        assertEquals("1MB", settings.show("work_mem"));
        assertEquals(GucSource.SESSION, settings.source("work_mem"));
    }

    @Test
    void setThenSetLocalKeepsTheSetValueAtCommit() {
        settings.atTransactionStart();
        settings.setFromSql("work_mem", "1MB", false, false);
        settings.setFromSql("work_mem", "2MB", true, false);
        assertEquals("2MB", settings.show("work_mem"));
        settings.atTransactionCommit();
        assertEquals("1MB", settings.show("work_mem"));
    }

    @Test
    void subtransactions() {
        settings.atTransactionStart();
        settings.setFromSql("work_mem", "1MB", false, false);
        int savepoint = settings.newNestLevel();
        settings.setFromSql("work_mem", "2MB", false, false);
        settings.atEndOfNestLevel(false, savepoint); // ROLLBACK TO SAVEPOINT
        assertEquals("1MB", settings.show("work_mem"));

        savepoint = settings.newNestLevel();
        settings.setFromSql("lock_timeout", "5s", false, false);
        settings.setFromSql("work_mem", "2MB", true, false);
        settings.atEndOfNestLevel(true, savepoint); // RELEASE SAVEPOINT
        assertEquals("5s", settings.show("lock_timeout"));
        assertEquals("2MB", settings.show("work_mem"));
        settings.atTransactionCommit();
        assertEquals("5s", settings.show("lock_timeout"));
        assertEquals("1MB", settings.show("work_mem"));

        settings.atTransactionStart();
        savepoint = settings.newNestLevel();
        settings.setFromSql("lock_timeout", "7s", false, false);
        settings.atEndOfNestLevel(true, savepoint);
        settings.atTransactionAbort();
        assertEquals("5s", settings.show("lock_timeout"));
    }

    @Test
    void functionSetClauseIsAlwaysRestored() {
        settings.atTransactionStart();
        int level = settings.newNestLevel();
        settings.set("search_path", "pg_temp", GucContext.USERSET, GucSource.SESSION, GucAction.SAVE);
        assertEquals("pg_temp", settings.show("search_path"));
        settings.atEndOfNestLevel(true, level);
        assertEquals("\"$user\", public", settings.show("search_path"));
        settings.atTransactionCommit();
    }

    @Test
    void resetAndDefault() {
        settings.setFromSql("work_mem", "1MB", false, false);
        settings.setFromSql("work_mem", null, false, false);
        assertEquals("4MB", settings.show("work_mem"));
        assertEquals(GucSource.DEFAULT, settings.source("work_mem"));
    }

    @Test
    void resetAllSkipsNoResetAllParameters() {
        settings.setFromSql("work_mem", "1MB", false, false);
        settings.setFromSql("DateStyle", "German", false, false);
        settings.setFromSql("transaction_isolation", "serializable", false, false);
        settings.atTransactionStart();
        settings.resetAll();
        assertEquals("4MB", settings.show("work_mem"));
        assertEquals("ISO, MDY", settings.show("DateStyle"));
        assertEquals("serializable", settings.show("transaction_isolation"));
        // RESET ALL is transactional like SET.
        settings.atTransactionAbort();
        assertEquals("1MB", settings.show("work_mem"));
    }

    @Test
    void initialReportListsAllReportedParametersInOrder() {
        Map<String, String> initial = settings.beginReporting();
        assertEquals(List.of("application_name", "client_encoding", "DateStyle", "default_transaction_read_only",
                "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser", "server_encoding",
                "server_version", "session_authorization", "standard_conforming_strings", "TimeZone"),
                List.copyOf(initial.keySet()));
        assertEquals("ISO, MDY", initial.get("DateStyle"));
        assertEquals("UTF8", initial.get("client_encoding"));
        assertEquals("15.18", initial.get("server_version"));
        assertEquals("on", initial.get("integer_datetimes"));
        assertEquals("off", initial.get("is_superuser"));
        assertEquals("", initial.get("session_authorization"));
        assertTrue(settings.takeChangedReportedValues().isEmpty());
    }

    @Test
    void changedReportedValues() {
        settings.setFromSql("application_name", "before reporting", false, false);
        assertTrue(settings.takeChangedReportedValues().isEmpty(), "nothing is reported before reporting starts");
        settings.beginReporting();

        settings.setFromSql("application_name", "psql", false, false);
        settings.setFromSql("work_mem", "1MB", false, false); // not a reported parameter
        assertEquals(Map.of("application_name", "psql"), settings.takeChangedReportedValues());
        assertTrue(settings.takeChangedReportedValues().isEmpty());

        // Changed and changed back before the client could see it: nothing to report.
        settings.setFromSql("TimeZone", "Europe/Paris", false, false);
        settings.setFromSql("TimeZone", "UTC", false, false);
        assertTrue(settings.takeChangedReportedValues().isEmpty());

        settings.atTransactionStart();
        settings.setFromSql("DateStyle", "German", false, false);
        assertEquals(Map.of("DateStyle", "German, DMY"), settings.takeChangedReportedValues());
        settings.atTransactionAbort();
        assertEquals(Map.of("DateStyle", "ISO, MDY"), settings.takeChangedReportedValues());

        settings.set("is_superuser", "on", GucContext.INTERNAL, GucSource.DYNAMIC_DEFAULT, GucAction.SET);
        assertEquals(Map.of("is_superuser", "on"), settings.takeChangedReportedValues());
    }

    @Test
    void showAllAndPrivileges() {
        List<ShowAllRow> rows = settings.showAll(false);
        assertTrue(rows.stream().noneMatch(r -> r.name().equals("session_authorization")));
        assertTrue(rows.stream().noneMatch(r -> r.name().equals("data_directory")));
        ShowAllRow sb = rows.stream().filter(r -> r.name().equals("shared_buffers")).findFirst().orElseThrow();
        assertEquals(new ShowAllRow("shared_buffers", "128MB",
                "Sets the number of shared memory buffers used by the server."), sb);
        assertTrue(settings.showAll(true).stream().anyMatch(r -> r.name().equals("data_directory")));
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).name().compareToIgnoreCase(rows.get(i).name()) < 0);
        }

        PgException e = assertThrows(PgException.class, () -> settings.show("data_directory", false));
        assertEquals("must be superuser or have privileges of pg_read_all_settings to examine \"data_directory\"",
                e.getMessage());
        assertEquals("42501", e.sqlState());
    }

    @Test
    void pgSettingsRows() {
        settings.setFromSql("work_mem", "8MB", false, false);
        Map<String, GucSettingRow> rows = new java.util.HashMap<>();
        settings.settingRows(true).forEach(r -> rows.put(r.name(), r));

        GucSettingRow sb = rows.get("shared_buffers");
        assertEquals("16384", sb.setting());
        assertEquals("8kB", sb.unit());
        assertEquals("Resource Usage / Memory", sb.category());
        assertEquals("postmaster", sb.context());
        assertEquals("integer", sb.vartype());
        assertEquals("default", sb.source());
        assertEquals("16", sb.minVal());
        assertEquals("1073741823", sb.maxVal());
        assertEquals("16384", sb.bootVal());
        assertEquals("16384", sb.resetVal());
        assertNull(sb.enumvals());
        assertFalse(sb.pendingRestart());

        GucSettingRow wm = rows.get("work_mem");
        assertEquals("8192", wm.setting());
        assertEquals("kB", wm.unit());
        assertEquals("session", wm.source());
        assertEquals("user", wm.context());
        assertEquals("4096", wm.resetVal());

        GucSettingRow sc = rows.get("synchronous_commit");
        assertEquals("enum", sc.vartype());
        assertEquals(List.of("local", "remote_write", "remote_apply", "on", "off"), sc.enumvals());
        assertNull(sc.minVal());

        GucSettingRow rpc = rows.get("random_page_cost");
        assertEquals("real", rpc.vartype());
        assertEquals("1.79769e+308", rpc.maxVal());
        assertEquals("4", rpc.bootVal());

        GucSettingRow dd = rows.get("data_directory");
        assertNull(dd.bootVal());
        assertEquals("", dd.setting());
        assertEquals("sighup", rows.get("backend_spares").context());
        assertEquals("superuser-backend", rows.get("log_connections").context());
    }

    @Test
    void typedGetters() {
        assertEquals(16384, settings.getInt("shared_buffers"));
        assertTrue(settings.getBool("fsync"));
        assertEquals(4.0, settings.getReal("random_page_cost"));
        assertEquals("localhost", settings.getString("listen_addresses"));
        assertEquals("scram-sha-256", settings.getEnum("password_encryption"));
        assertNull(settings.getString("data_directory"));
        assertThrows(IllegalArgumentException.class, () -> settings.getInt("fsync"));
    }

    @Test
    void exportAndImportForANewBackend() {
        GucSettings pm = GucSettings.forPostmaster();
        pm.set("port", "5433", GucContext.POSTMASTER, GucSource.ARGV, GucAction.SET);
        pm.set("work_mem", "8MB", GucContext.POSTMASTER, GucSource.FILE, GucAction.SET);
        pm.set("log_connections", "on", GucContext.POSTMASTER, GucSource.FILE, GucAction.SET);
        GucSettings backend = GucSettings.forBackend();
        backend.importNonDefault(pm.exportNonDefault());
        assertEquals(5433, backend.getInt("port"));
        assertEquals(GucSource.ARGV, backend.source("port"));
        assertEquals("8MB", backend.show("work_mem"));
        assertTrue(backend.getBool("log_connections"));
    }

    @Test
    void aCopyForANewSessionEqualsTheImportedSettingsAndIsIndependent() {
        GucSettings loaded = GucSettings.forBackend();
        loaded.set("work_mem", "8MB", GucContext.POSTMASTER, GucSource.FILE, GucAction.SET);
        loaded.set("search_path", "a, b", GucContext.POSTMASTER, GucSource.FILE, GucAction.SET);
        loaded.set("port", "5433", GucContext.POSTMASTER, GucSource.ARGV, GucAction.SET);
        GucSettings imported = GucSettings.forBackend();
        imported.importNonDefault(loaded.exportNonDefault());
        GucSettings copy = loaded.copy();
        for (var row : imported.showAll(true)) {
            assertEquals(imported.show(row.name()), copy.show(row.name()), row.name());
            assertEquals(imported.source(row.name()), copy.source(row.name()), row.name());
            assertEquals(imported.resetString(row.name()), copy.resetString(row.name()), row.name());
        }
        // a session's changes stay in its copy
        copy.atTransactionStart();
        copy.setFromSql("work_mem", "1MB", false, false);
        copy.atTransactionCommit();
        assertEquals("1MB", copy.show("work_mem"));
        assertEquals("8MB", loaded.show("work_mem"));
        assertEquals("8MB", loaded.copy().show("work_mem"));
        // settings inside a transaction are not a session's starting point
        loaded.atTransactionStart();
        loaded.setFromSql("work_mem", "2MB", true, false);
        assertThrows(IllegalStateException.class, loaded::copy);
    }

    @Test
    void valueChangesMovesExactlyWhenSomeValueChanges() {
        long c0 = settings.valueChanges();
        settings.atTransactionStart();
        settings.setFromSql("work_mem", "4MB", false, false); // the value it already has
        assertEquals(c0, settings.valueChanges());
        settings.assignFrom("transaction_isolation", "default_transaction_isolation"); // what every transaction start does
        assertEquals(c0, settings.valueChanges());
        settings.setFromSql("work_mem", "1MB", true, false);
        long c1 = settings.valueChanges();
        assertTrue(c1 > c0);
        settings.atTransactionCommit(); // SET LOCAL undone: a change too
        assertTrue(settings.valueChanges() > c1);
        assertEquals("4MB", settings.show("work_mem"));

        long c2 = settings.valueChanges();
        settings.setFromSql("enable_seqscan", "off", false, false);
        assertTrue(settings.valueChanges() > c2);
        long c3 = settings.valueChanges();
        settings.resetAll();
        assertTrue(settings.valueChanges() > c3);
        assertEquals("on", settings.show("enable_seqscan"));
    }

    @Test
    void lookupsInAnySpellingSeeTheSameVariable() {
        settings.setFromSql("DateStyle", "SQL, DMY", false, false);
        assertEquals("SQL, DMY", settings.show("datestyle"));
        assertEquals("SQL, DMY", settings.show("DateStyle"));
        assertEquals("SQL, DMY", settings.show("DATESTYLE"));
        settings.setFromSql("datestyle", "ISO, MDY", false, false);
        assertEquals("ISO, MDY", settings.show("DateStyle"));
        assertEquals("DateStyle", settings.canonicalName("DATEstyle"));
        assertThrows(PgException.class, () -> settings.show("no_such_setting"));
    }
}
