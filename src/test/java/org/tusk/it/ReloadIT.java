package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A reload (SIGHUP to the postmaster, what pg_ctl reload sends) right after the server started:
 * PostgreSQL forwards it to its children, which reread the configuration; nothing crashes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReloadIT {

    @Test
    void aSpareWaitingDuringAReloadServesTheNewSettings() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            try (Connection c = server.connect()) {
                assertEquals(List.of("4MB"), TuskServer.rows(c, "show work_mem"));
            }
            // let the pool settle: the next connection goes to a spare that was waiting during the reload
            Thread.sleep(2000);
            java.nio.file.Files.writeString(server.dataDir().resolve("postgresql.conf"), "\nwork_mem = '7MB'\n",
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessResult hup = ProcessResult.run(List.of("kill", "-HUP", Long.toString(server.postmasterPid())), null, 10);
            assertEquals(0, hup.exitCode(), hup.output());
            Thread.sleep(1000);
            for (int i = 0; i < 3; i++) {
                try (Connection c = server.connect()) {
                    assertEquals(List.of("7MB"), TuskServer.rows(c, "show work_mem"), "connection " + i);
                }
            }
        }
    }

    @Test
    void reloadRightAfterStartDoesNotCauseACrashRestart() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            for (int round = 0; round < 2; round++) {
                if (round > 0) {
                    assertEquals(0, server.stop("fast").exitCode());
                    server.startAgain();
                }
                long pm = server.postmasterPid();
                int logStart = server.log().length();
                // Right after `./tusk start` returns, as a script editing pg_hba.conf would do.
                ProcessResult hup = ProcessResult.run(List.of("kill", "-HUP", Long.toString(pm)), null, 10);
                assertEquals(0, hup.exitCode(), hup.output());
                Connection conn;
                try {
                    conn = server.connect();
                } catch (SQLException e) {
                    throw new AssertionError("round " + round + ": connecting right after a reload failed: " + e
                            + "\nlog:\n" + server.log().substring(logStart), e);
                }
                try (Connection c = conn) {
                    long pid = ProcessModelIT.backendPid(c);
                    ProcessResult hup2 = ProcessResult.run(List.of("kill", "-HUP", Long.toString(pm)), null, 10);
                    assertEquals(0, hup2.exitCode(), hup2.output());
                    Thread.sleep(1000);
                    assertEquals(pid, ProcessModelIT.backendPid(c), "the session survives the reload");
                }
                assertEquals(pm, server.postmasterPid());
                String log = server.log().substring(logStart);
                assertTrue(log.contains("received SIGHUP, reloading configuration files"), log);
                assertFalse(log.contains("terminating any other active server processes") || log.contains("reinitializing"),
                        "round " + round + ": a reload caused a crash-restart:\n" + log);
            }
        }
    }
}
