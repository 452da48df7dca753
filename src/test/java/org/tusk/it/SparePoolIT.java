package org.tusk.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spare pool follows the connection rate: an idle server keeps one spare even when
 * backend_spares allows more, and idle backends beyond what the rate calls for (here: reused
 * backends left from a burst of sessions) are retired once the burst is over.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SparePoolIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start("backend_spares=4", "backend_reuse=on");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void thePoolGrowsWithABurstAndShrinksBackToOneWhenConnectionsStop() throws Exception {
        long pm = server.postmasterPid();
        // Idle from the start: one spare, not backend_spares = 4.
        assertTrue(TuskServer.waitFor(30_000, () -> idleBackends(pm) == 1), "one spare on an idle server");
        Thread.sleep(2000);
        assertEquals(1, idleBackends(pm), "no more spares are started while nobody connects");

        // A burst: 5 sessions at once, then all leave. With backend_reuse their processes stay as
        // spares, so the pool has at least 5 idle backends right after.
        List<Connection> open = new ArrayList<>();
        Properties p = new Properties();
        p.setProperty("user", server.user());
        for (int i = 0; i < 5; i++) open.add(DriverManager.getConnection(server.jdbcUrl(), p));
        for (Connection c : open) c.close();
        assertTrue(TuskServer.waitFor(10_000, () -> idleBackends(pm) >= 5), "reused backends wait as spares");

        // Reused backends have compiled the session's code: they outlive a pause between bursts
        // (fresh surplus spares, if any, go first).
        Thread.sleep(15_000);
        assertTrue(idleBackends(pm) >= 5, "warm reused backends are kept through their grace; now " + idleBackends(pm));

        // Nobody connects any more: after the grace the surplus is retired, one per 5 s, down to one.
        assertTrue(TuskServer.waitFor(120_000, () -> idleBackends(pm) == 1),
                "the pool shrinks back to one; now " + idleBackends(pm) + "\n" + server.log());
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), p)) {
            assertTrue(c.isValid(5), "the remaining spare serves the next connection");
        }
    }

    /** Live children of the postmaster started as backends ("--forkchild=spare"); with no session open, all are idle. */
    private static int idleBackends(long pm) {
        int n = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                long pid = Long.parseLong(name);
                if (TuskServer.parentOf(pid) != pm || !TuskServer.alive(pid)) continue;
                try {
                    String cmd = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains("--forkchild=spare")) n++;
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        return n;
    }
}
