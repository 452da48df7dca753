package org.tusk.bin.initdb;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.DatabaseFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * initdb's post-bootstrap step (initdb.c's setup_* functions after bootstrap_template1): the
 * SQL scripts that create what is defined in SQL rather than in the catalog data files, such as
 * the information_schema ({@code information_schema.sql}). They run in template1; template0 and
 * postgres are then made as copies of it, as initdb's make_template0 and make_postgres do with
 * CREATE DATABASE ... STRATEGY = file_copy.
 *
 * <p>PostgreSQL runs the scripts in a single-user backend. Tusk has no single-user mode, so it
 * starts a private postmaster: no TCP listener, its Unix socket in a fresh directory only this
 * process knows, local trust authentication for the duration (the final pg_hba.conf is written
 * afterwards). The postmaster's shutdown checkpoint leaves every page on disk, so copying
 * template1's files is then safe.
 *
 * <p>What makes this cost little, as in PostgreSQL's initdb: the private postmaster runs with
 * {@code fsync=off} (initdb passes {@code -F} to its backends) and {@link DataDirSync} fsyncs the
 * whole directory once at the end (initdb's final sync_pgdata); the client connects only once
 * {@code postmaster.pid} says "ready" (pg_ctl's wait), so no connection attempt starts a
 * backend that can only refuse; the scripts go as one simple Query each, which runs as one
 * implicit transaction; and the postmaster JVM gets the flags {@code ./tusk} gives it.
 */
final class PostBootstrap {
    private PostBootstrap() {}

    /** The scripts, in order, as resources next to this class. */
    static final List<String> SCRIPTS = List.of("information_schema.sql");
    private static final int PORT = 5432;

    static void run(Path dataDir, String user) throws IOException {
        Path sockDir = Files.createTempDirectory("tusk-initdb");
        Path log = sockDir.resolve("postmaster.log");
        Path hba = dataDir.resolve("pg_hba.conf");
        String finalHba = Files.readString(hba);
        Files.writeString(hba, "local all all trust\n");
        Process pm = startPostmaster(dataDir, sockDir, log);
        try {
            Path socket = sockDir.resolve(".s.PGSQL." + PORT);
            awaitReady(dataDir.resolve("postmaster.pid"), pm);
            try (SimpleQueryClient c = connect(socket, user, pm, log)) {
                for (String script : SCRIPTS) c.execute(resource(script));
            }
            stop(pm, log);
        } catch (IOException | RuntimeException e) {
            pm.destroyForcibly();
            throw new IOException(e.getMessage() + "\n" + tail(log), e);
        } finally {
            Files.writeString(hba, finalHba);
            try (var walk = Files.walk(sockDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        for (int db : new int[] {BootstrapCatalog.TEMPLATE0_OID, BootstrapCatalog.POSTGRES_OID}) {
            Path dst = DatabaseFiles.databasePath(dataDir, db);
            DatabaseFiles.removeDir(dst);
            DatabaseFiles.copyDir(DatabaseFiles.databasePath(dataDir, BootstrapCatalog.TEMPLATE1_OID), dst);
        }
        DataDirSync.syncAll(dataDir);
    }

    private static Process startPostmaster(Path dataDir, Path sockDir, Path log) throws IOException {
        // env --default-signal, as ./tusk start does: a JVM cannot catch a signal it inherits as
        // ignored, and initdb run from a background job inherits SIGINT ignored, so the fast
        // shutdown request would be lost. env execs the JVM, so the Process's pid is the postmaster's.
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT,TERM,HUP,USR1,PWR",
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "org.tusk.main.Main", "postmaster", "-D", dataDir.toString(), "-p", Integer.toString(PORT),
                "-c", "listen_addresses=", "-c", "unix_socket_directories=" + sockDir, "-c", "fsync=off",
                "-c", "backend_spares=1"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * pg_ctl's wait_for_postmaster_start: polls the status line of {@code postmaster.pid} (its
     * 8th line, PM_STATUS) until it says "ready". A connection made before would only reach a
     * dead-end backend ("the database system is starting up"), a JVM started for nothing.
     */
    private static void awaitReady(Path pidFile, Process pm) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!pm.isAlive()) throw new IOException("the postmaster for the post-bootstrap scripts exited");
            try {
                List<String> lines = Files.readAllLines(pidFile);
                if (lines.size() >= 8 && lines.get(7).trim().equals("ready")
                        && lines.get(0).trim().equals(Long.toString(pm.pid()))) return;
            } catch (IOException e) {
                // not written yet, or being rewritten: look again
            }
            if (System.nanoTime() > deadline) throw new IOException("the postmaster did not start");
            sleep(20);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** Retries until the postmaster accepts connections (or has exited). */
    private static SimpleQueryClient connect(Path socket, String user, Process pm, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!pm.isAlive()) throw new IOException("the postmaster for the post-bootstrap scripts exited");
            try {
                if (Files.exists(socket)) return SimpleQueryClient.connect(socket, user, "template1");
            } catch (IOException e) {
                if (System.nanoTime() > deadline) throw e;
            }
            if (System.nanoTime() > deadline) throw new IOException("the postmaster did not start");
            sleep(20);
        }
    }

    /** Fast shutdown (SIGINT, pg_ctl -m fast), which ends with the shutdown checkpoint. */
    private static void stop(Process pm, Path log) throws IOException {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pm.pid())).start().waitFor();
            if (!pm.waitFor(120, TimeUnit.SECONDS) || pm.exitValue() != 0) {
                throw new IOException("the postmaster did not shut down cleanly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = PostBootstrap.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
