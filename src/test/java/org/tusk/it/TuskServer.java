package org.tusk.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A Tusk server for a test: a fresh data directory made by {@code ./tusk initdb}, a postmaster
 * started by {@code ./tusk start} on a free port, stopped (and the directory removed) by
 * {@link #close()}. Everything runs as real processes, as a user would run them.
 *
 * <p>initdb runs once per test JVM for each (superuser, password, auth method): its result is an
 * "initdb template" that every later server with the same arguments gets a copy of, as
 * PostgreSQL's own test suites do (Makefile.global's initdb-template). A copy of a cleanly shut
 * down cluster that no server ever ran on is what initdb would have produced (apart from the
 * system identifier and the SCRAM salt, which nothing here compares), and each test still has its
 * own directory, so tests stay isolated.
 */
public final class TuskServer implements AutoCloseable {
    public static final String PSQL = Files.isExecutable(Path.of("/usr/lib/postgresql/15/bin/psql"))
            ? "/usr/lib/postgresql/15/bin/psql" : "psql";

    private final Path home = Path.of(System.getProperty("tusk.home", ".")).toAbsolutePath();
    private final Path root;
    private final Path dataDir;
    private final int port;
    private final String user;
    private final String password;

    private TuskServer(Path root, int port, String user, String password) {
        this.root = root;
        this.dataDir = root.resolve("data");
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** A trust-authenticated server with the given extra {@code -c name=value} settings. */
    public static TuskServer start(String... settings) throws Exception {
        return start("tusk", null, "trust", settings);
    }

    public static TuskServer start(String user, String password, String auth, String... settings) throws Exception {
        Path root = Files.createTempDirectory("tusk-it");
        TuskServer s = new TuskServer(root, freePort(), user, password);
        copyTree(template(s, user, password, auth), s.dataDir);
        s.startAgain(settings);
        return s;
    }

    /** The initdb templates made so far, by superuser, password and auth method. */
    private static final java.util.Map<List<String>, Path> TEMPLATES = new java.util.HashMap<>();

    /** The template cluster for these initdb arguments, made by {@code ./tusk initdb} the first time. */
    private static synchronized Path template(TuskServer s, String user, String password, String auth) throws Exception {
        List<String> key = java.util.Arrays.asList(user, password, auth);
        Path done = TEMPLATES.get(key);
        if (done != null) return done;
        Path root = Files.createTempDirectory("tusk-it-template");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
        Path dir = root.resolve("data");
        List<String> init = new ArrayList<>(List.of("initdb", "-D", dir.toString(), "-U", user, "--auth", auth));
        if (password != null) {
            Path pw = root.resolve("pwfile");
            Files.writeString(pw, password + "\n");
            init.addAll(List.of("--pwfile", pw.toString()));
        }
        s.tusk(init);
        TEMPLATES.put(key, dir);
        return dir;
    }

    /** cp -r, keeping the permissions (the data directory is 0700 for PostgreSQL's checks). */
    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }

    /** ./tusk start on the same directory and port (after a stop or a crash). */
    public void startAgain(String... settings) throws Exception {
        List<String> start = new ArrayList<>(List.of("start", "-D", dataDir.toString(), "-p", Integer.toString(port)));
        for (String c : settings) {
            start.add("-c");
            start.add(c);
        }
        tusk(start);
    }

    public ProcessResult tusk(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("tusk").toString());
        cmd.addAll(args);
        ProcessResult r = ProcessResult.run(cmd, null, 180);
        if (r.exitCode() != 0) throw new IllegalStateException("tusk " + args + " failed:\n" + r.output() + "\nlog:\n" + log());
        return r;
    }

    /** ./tusk stop -m MODE. */
    public ProcessResult stop(String mode) throws Exception {
        return ProcessResult.run(List.of(home.resolve("tusk").toString(), "stop", "-D", dataDir.toString(), "-m", mode),
                null, 120);
    }

    public int port() { return port; }
    public Path dataDir() { return dataDir; }
    public String user() { return user; }

    public String log() {
        try {
            return Files.readString(dataDir.resolve("log").resolve("postgresql.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The postmaster's pid, from the first line of postmaster.pid. */
    public long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    public String jdbcUrl() {
        // pgjdbc waits only 5 s for the answer to its SSLRequest; a new backend JVM on a busy
        // machine can take longer to start, so give it as long as the connect timeout
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslResponseTimeout=20000";
    }

    public Connection connect() throws SQLException {
        return connect(user, password);
    }

    public Connection connect(String asUser, String withPassword) throws SQLException {
        return connectTo("postgres", asUser, withPassword);
    }

    /** A connection to database {@code db}. */
    public Connection connectTo(String db, String asUser, String withPassword) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", asUser);
        if (withPassword != null) p.setProperty("password", withPassword);
        p.setProperty("connectTimeout", "20");
        p.setProperty("socketTimeout", "60");
        p.setProperty("sslResponseTimeout", "20000");   // see jdbcUrl()
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db, p);
    }

    /** The rows of a query, each as its columns' text joined by '|' (NULL as empty), in order. */
    public static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1) sb.append('|');
                    String v = rs.getString(i);
                    sb.append(v == null ? "" : v);
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /** psql -X -At against this server; host "/tmp" for the Unix socket, "127.0.0.1" for TCP. */
    public ProcessResult psql(String host, String sql) throws Exception {
        List<String> cmd = List.of(PSQL, "-X", "-At", "-h", host, "-p", Integer.toString(port), "-U", user, "-d", "postgres",
                "-c", sql);
        return ProcessResult.run(cmd, password, 60);
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                long pm = postmasterPid();
                stop("immediate");
                ProcessHandle.of(pm).ifPresent(h -> {
                    h.descendants().forEach(ProcessHandle::destroyForcibly);
                    h.destroyForcibly();
                });
            }
        } finally {
            deleteTree(root);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Whether a process is alive and not a zombie. */
    public static boolean alive(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("State:")) return !line.contains("Z");
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The parent pid of a live process, or -1. */
    public static long parentOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("PPid:")) return Long.parseLong(line.substring(5).trim());
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Waits until {@code condition} holds or {@code millis} pass; returns whether it held. */
    public static boolean waitFor(long millis, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
