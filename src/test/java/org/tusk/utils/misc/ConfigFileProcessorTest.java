package org.tusk.utils.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.utils.error.Severity;

class ConfigFileProcessorTest {
    @TempDir
    Path dir;
    Path conf;
    GucSettings postmaster;

    @BeforeEach
    void start() throws IOException {
        conf = dir.resolve("postgresql.conf");
        Files.writeString(conf, """
                port = 5433
                shared_buffers = 256MB
                work_mem = 8MB
                bgwriter_delay = 100ms
                log_connections = on
                """);
        postmaster = GucSettings.forPostmaster();
        ConfigReloadResult r = ConfigFileProcessor.process(postmaster, conf, null, GucContext.POSTMASTER);
        assertTrue(r.ok(), r.messages().toString());
    }

    private static List<String> texts(ConfigReloadResult r) {
        return r.messages().stream().map(GucMessage::text).toList();
    }

    @Test
    void startupAppliesTheFile() {
        assertEquals(5433, postmaster.getInt("port"));
        assertEquals("256MB", postmaster.show("shared_buffers"));
        assertEquals(GucSource.FILE, postmaster.source("work_mem"));
        GucSettingRow row = postmaster.settingRows(true).stream().filter(r -> r.name().equals("work_mem"))
                .findFirst().orElseThrow();
        assertEquals("configuration file", row.source());
        assertEquals(conf.toString(), row.sourcefile());
        assertEquals(3, row.sourceline());
        assertEquals("8192", row.resetVal());
    }

    @Test
    void reloadAppliesSighupChangesAndRefusesPostmasterOnes() throws IOException {
        Files.writeString(conf, """
                port = 5434
                shared_buffers = 256MB
                work_mem = 16MB
                bgwriter_delay = 300ms
                log_connections = on
                """);
        ConfigReloadResult r = ConfigFileProcessor.process(postmaster, conf, null, GucContext.SIGHUP);
        assertFalse(r.ok());
        assertEquals(List.of(
                "parameter \"port\" cannot be changed without restarting the server",
                "parameter \"work_mem\" changed to \"16MB\"",
                "parameter \"bgwriter_delay\" changed to \"300ms\"",
                "configuration file \"" + conf + "\" contains errors; unaffected changes were applied"), texts(r));
        assertEquals(Severity.LOG, r.messages().get(0).severity());
        assertEquals("55P02", r.messages().get(0).sqlState());
        assertEquals("F0000", r.messages().get(3).sqlState());
        assertEquals(5433, postmaster.getInt("port"));
        assertEquals("16MB", postmaster.show("work_mem"));
        assertEquals("300ms", postmaster.show("bgwriter_delay"));
        assertTrue(postmaster.settingRows(true).stream().filter(x -> x.name().equals("port")).findFirst()
                .orElseThrow().pendingRestart());
    }

    @Test
    void removedParametersReturnToTheirDefaults() throws IOException {
        Files.writeString(conf, """
                port = 5433
                shared_buffers = 256MB
                log_connections = on
                """);
        ConfigReloadResult r = ConfigFileProcessor.process(postmaster, conf, null, GucContext.SIGHUP);
        assertTrue(r.ok(), r.messages().toString());
        // In parameter-name order, as PostgreSQL walks its sorted variable array.
        assertEquals(List.of(
                "parameter \"bgwriter_delay\" removed from configuration file, reset to default",
                "parameter \"work_mem\" removed from configuration file, reset to default"), texts(r));
        assertEquals("4MB", postmaster.show("work_mem"));
        assertEquals(GucSource.DEFAULT, postmaster.source("work_mem"));
    }

    @Test
    void unknownNamesMeanNothingIsApplied() throws IOException {
        Files.writeString(conf, """
                work_mem = 16MB
                no_such_parameter = 1
                myext.anything = 1
                """);
        ConfigReloadResult r = ConfigFileProcessor.process(postmaster, conf, null, GucContext.SIGHUP);
        assertEquals(List.of(
                "unrecognized configuration parameter \"no_such_parameter\" in file \"" + conf + "\" line 2",
                "configuration file \"" + conf + "\" contains errors; no changes were applied"), texts(r));
        assertEquals("42704", r.messages().get(0).sqlState());
        assertEquals("8MB", postmaster.show("work_mem"));
    }

    @Test
    void syntaxErrorsAtStartupAreFatal() throws IOException {
        Files.writeString(conf, "port = = 1\n");
        GucSettings fresh = GucSettings.forPostmaster();
        ConfigReloadResult r = ConfigFileProcessor.process(fresh, conf, null, GucContext.POSTMASTER);
        assertFalse(r.ok());
        GucMessage last = r.messages().get(r.messages().size() - 1);
        assertEquals(Severity.FATAL, last.severity());
        assertEquals("configuration file \"" + conf + "\" contains errors", last.text());
        assertEquals(5432, fresh.getInt("port"));
    }

    @Test
    void backendsKeepSessionValuesButLearnNewResetValues() throws IOException {
        GucSettings backend = GucSettings.forBackend();
        backend.importNonDefault(postmaster.exportNonDefault());
        backend.setFromSql("work_mem", "1MB", false, false);
        Files.writeString(conf, """
                port = 5433
                shared_buffers = 256MB
                work_mem = 32MB
                bgwriter_delay = 100ms
                log_connections = off
                """);
        ConfigReloadResult r = ConfigFileProcessor.process(backend, conf, null, GucContext.SIGHUP);
        assertTrue(r.ok(), r.messages().toString());
        assertTrue(r.messages().isEmpty(), "backends do not log changes: " + r.messages());
        assertEquals("1MB", backend.show("work_mem"));
        // A running session keeps its BACKEND parameters.
        assertTrue(backend.getBool("log_connections"));
        backend.setFromSql("work_mem", null, false, false);
        assertEquals("32MB", backend.show("work_mem"));
    }

    @Test
    void commandLineBeatsTheFile() throws IOException {
        GucSettings pm = GucSettings.forPostmaster();
        StartupOptions.applySwitches(pm, List.of("-c", "work_mem=64MB", "--bgwriter-delay=50ms"),
                GucContext.POSTMASTER, GucSource.ARGV);
        ConfigReloadResult r = ConfigFileProcessor.process(pm, conf, null, GucContext.POSTMASTER);
        assertTrue(r.ok());
        assertEquals("64MB", pm.show("work_mem"));
        assertEquals("50ms", pm.show("bgwriter_delay"));
        assertEquals(GucSource.ARGV, pm.source("work_mem"));
    }

    @Test
    void autoConfOverridesTheMainFile() throws IOException {
        Path auto = dir.resolve("postgresql.auto.conf");
        Files.writeString(auto, "work_mem = '12MB'\n");
        GucSettings pm = GucSettings.forPostmaster();
        ConfigReloadResult r = ConfigFileProcessor.process(pm, conf, auto, GucContext.POSTMASTER);
        assertTrue(r.ok(), r.messages().toString());
        assertEquals("12MB", pm.show("work_mem"));
    }
}
