package org.tusk.utils.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;

class StartupOptionsTest {
    @Test
    void splitHonoursBackslashEscapes() {
        assertEquals(List.of("-c", "application_name=my app", "-cwork_mem=1MB"),
                StartupOptions.split("  -c application_name=my\\ app   -cwork_mem=1MB "));
        assertEquals(List.of("a\\b"), StartupOptions.split("a\\\\b"));
    }

    @Test
    void startupPacketSetsClientValues() {
        GucSettings s = GucSettings.forBackend();
        Map<String, String> packet = new LinkedHashMap<>();
        packet.put("user", "alice");
        packet.put("database", "db");
        packet.put("options", "-c search_path=app --statement-timeout=5s");
        packet.put("application_name", "psql");
        packet.put("DateStyle", "ISO, DMY");
        StartupOptions.applyStartupPacket(s, packet, false);
        assertEquals("app", s.show("search_path"));
        assertEquals("5s", s.show("statement_timeout"));
        assertEquals("psql", s.show("application_name"));
        assertEquals("ISO, DMY", s.show("DateStyle"));
        assertEquals(GucSource.CLIENT, s.source("search_path"));

        // RESET goes back to the startup packet's value, not the default.
        s.setFromSql("search_path", "other", false, false);
        s.setFromSql("search_path", null, false, false);
        assertEquals("app", s.show("search_path"));
    }

    @Test
    void startupPacketRespectsContexts() {
        GucSettings s = GucSettings.forBackend();
        PgException e = assertThrows(PgException.class,
                () -> StartupOptions.applyStartupPacket(s, Map.of("options", "-c log_connections=on"), false));
        assertEquals("permission denied to set parameter \"log_connections\"", e.getMessage());
        StartupOptions.applyStartupPacket(s, Map.of("options", "-c log_connections=on"), true);
        assertEquals("on", s.show("log_connections"));

        e = assertThrows(PgException.class,
                () -> StartupOptions.applyStartupPacket(s, Map.of("port", "1234"), true));
        assertEquals("parameter \"port\" cannot be changed without restarting the server", e.getMessage());
    }

    @Test
    void malformedSwitches() {
        GucSettings s = GucSettings.forBackend();
        PgException e = assertThrows(PgException.class, () -> StartupOptions.applySwitches(s, List.of("-c", "work_mem"),
                GucContext.BACKEND, GucSource.CLIENT));
        assertEquals("-c work_mem requires a value", e.getMessage());
        assertEquals("42601", e.sqlState());
        e = assertThrows(PgException.class, () -> StartupOptions.applySwitches(s, List.of("--work-mem"),
                GucContext.BACKEND, GucSource.CLIENT));
        assertEquals("--work-mem requires a value", e.getMessage());
        e = assertThrows(PgException.class, () -> StartupOptions.applySwitches(s, List.of("stray"),
                GucContext.BACKEND, GucSource.CLIENT));
        assertEquals("invalid command-line argument for server process: stray", e.getMessage());
        assertEquals(Severity.FATAL, e.severity());
    }
}
