/*
 * ConnectBench: connection latency and idle-backend memory of Tusk next to PostgreSQL 15.
 *
 * Run by bench/run.sh, which starts the servers; this program only connects to them, so it has no
 * dependencies (it speaks the PostgreSQL wire protocol itself: StartupMessage, trust
 * authentication, one simple Query "select 1", Terminate).
 *
 *   java bench/ConnectBench.java --server NAME=PORT:DATADIR ... [--spare N] [--cold N] [--pg N]
 *        [--rounds R] [--memory-rounds M] [--pause-ms MS] [--idle K] [--settle-ms MS] [--user U] [--raw FILE]
 *   (--memory-rounds M: the idle-session memory phase only in the last M rounds; default all)
 *   java bench/ConnectBench.java --probe PORT N PAUSE_MS    (N connections to one server, each latency printed)
 *
 * Servers by NAME: "tusk" (backend_spares > 0), "tuskcold" (backend_spares=0), "tuskreuse"
 * (backend_spares > 0 and backend_reuse=on: a backend whose client left cleanly becomes a spare
 * again) and "pg". The measurements are done in R interleaved rounds, each with 1/R of the iterations of every series,
 * and the markdown table on stdout gives the median and p99 over all rounds. Latency is the time
 * from connect() to the ReadyForQuery that follows the first query's CommandComplete. PSS comes
 * from /proc/PID/smaps_rollup (so run as root to read another user's processes).
 */
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.function.*;

public class ConnectBench {
    static String user = "postgres";
    static final int TIMEOUT_MS = 60_000;

    /** One open session: the socket, its streams and the backend's pid (from BackendKeyData, 0 if none). */
    record Session(Socket sock, DataInputStream in, OutputStream out, int pid) implements Closeable {
        public void close() {
            try { out.write(new byte[] {'X', 0, 0, 0, 4}); out.flush(); } catch (IOException ignored) {}
            try { sock.close(); } catch (IOException ignored) {}
        }
    }

    // ---------------------------------------------------------------- wire protocol

    static Session open(int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(TIMEOUT_MS);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
        DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
        OutputStream out = new BufferedOutputStream(s.getOutputStream());
        int pid = 0;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        d.writeInt(196608); // protocol 3.0
        for (String kv : new String[] {"user", user, "database", "postgres", "application_name", "connectbench"}) {
            d.write(kv.getBytes(StandardCharsets.UTF_8));
            d.write(0);
        }
        d.write(0);
        DataOutputStream o = new DataOutputStream(out);
        o.writeInt(body.size() + 4);
        body.writeTo(o);
        o.flush();
        // Authentication (trust: AuthenticationOk), ParameterStatus..., BackendKeyData, ReadyForQuery.
        while (true) {
            int type = in.readUnsignedByte();
            byte[] msg = readBody(in);
            if (type == 'R') {
                int code = ((msg[0] & 0xff) << 24) | ((msg[1] & 0xff) << 16) | ((msg[2] & 0xff) << 8) | (msg[3] & 0xff);
                if (code != 0) throw new IOException("server asks for authentication method " + code + "; use trust");
            } else if (type == 'E') {
                throw new IOException("server error: " + errorText(msg));
            } else if (type == 'K' && msg.length >= 4) {
                pid = ((msg[0] & 0xff) << 24) | ((msg[1] & 0xff) << 16) | ((msg[2] & 0xff) << 8) | (msg[3] & 0xff);
            } else if (type == 'Z') {
                return new Session(s, in, out, pid);
            }
        }
    }

    /** Runs one simple query; returns the first column of the first row (or null). */
    static String query(Session ses, String sql) throws IOException {
        byte[] q = sql.getBytes(StandardCharsets.UTF_8);
        DataOutputStream o = new DataOutputStream(ses.out);
        o.write('Q');
        o.writeInt(q.length + 5);
        o.write(q);
        o.write(0);
        o.flush();
        String first = null, error = null;
        boolean complete = false;
        while (true) {
            int type = ses.in.readUnsignedByte();
            byte[] msg = readBody(ses.in);
            switch (type) {
                case 'D' -> {
                    if (first == null) {
                        int len = ((msg[2] & 0xff) << 24) | ((msg[3] & 0xff) << 16) | ((msg[4] & 0xff) << 8) | (msg[5] & 0xff);
                        first = len < 0 ? "" : new String(msg, 6, len, StandardCharsets.UTF_8);
                    }
                }
                case 'C' -> complete = true;
                case 'E' -> error = errorText(msg);
                case 'Z' -> {
                    if (error != null) throw new IOException("query \"" + sql + "\" failed: " + error);
                    if (!complete) throw new IOException("query \"" + sql + "\": no CommandComplete");
                    return first;
                }
                default -> {}
            }
        }
    }

    static byte[] readBody(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 4 || len > 64 << 20) throw new IOException("bad message length " + len);
        byte[] b = new byte[len - 4];
        in.readFully(b);
        return b;
    }

    static String errorText(byte[] msg) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < msg.length && msg[i] != 0) {
            char f = (char) msg[i++];
            int j = i;
            while (j < msg.length && msg[j] != 0) j++;
            if (f == 'C' || f == 'M') sb.append(sb.isEmpty() ? "" : " ").append(new String(msg, i, j - i, StandardCharsets.UTF_8));
            i = j + 1;
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- measurements

    record Server(String name, int port, Path dataDir) {
        long postmasterPid() throws IOException {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        }
    }

    /** Latencies in ms of one series, and its failures. */
    static final class Series {
        final List<Double> ms = new ArrayList<>();
        final List<Double> startupMs = new ArrayList<>(); // connect() .. ReadyForQuery after authentication
        final List<Double> secondMs = new ArrayList<>(); // a second "select 1" on the same session
        int failures;
        String lastError;
        long wallNanos; // total wall time of back-to-back series
        int wallCount;
        final Set<Integer> pids = new HashSet<>(); // backend pids seen (BackendKeyData): fewer than connections = processes reused
    }

    /** connect() .. ReadyForQuery after "select 1", n times, pausing pauseMs between connections. */
    static void connectSeries(Server s, int n, long pauseMs, Series into) throws InterruptedException {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            try (Session ses = open(s.port)) {
                long ready = System.nanoTime();
                into.pids.add(ses.pid());
                String v = query(ses, "select 1");
                long end = System.nanoTime();
                if (!"1".equals(v)) throw new IOException("select 1 returned " + v);
                into.ms.add((end - start) / 1e6);
                into.startupMs.add((ready - start) / 1e6);
                query(ses, "select 1");
                into.secondMs.add((System.nanoTime() - end) / 1e6);
            } catch (IOException e) {
                into.failures++;
                into.lastError = e.toString();
            }
            if (pauseMs > 0) Thread.sleep(pauseMs);
        }
        if (pauseMs == 0) { into.wallNanos += System.nanoTime() - t0; into.wallCount += n; }
    }

    static long pssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException ignored) {}
        return -1;
    }

    static String cmdline(long pid) {
        try { return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8).replace('\0', ' '); }
        catch (IOException e) { return ""; }
    }

    /** PSS (kB) of the postmaster and of every process below it. */
    static long treePssKb(long pm) {
        long sum = Math.max(0, pssKb(pm));
        for (ProcessHandle h : ProcessHandle.of(pm).map(ph -> ph.descendants().toList()).orElse(List.of())) {
            sum += Math.max(0, pssKb(h.pid()));
        }
        return sum;
    }

    /** Tusk's spares: children of the postmaster started as "--forkchild=spare" that serve no session. */
    static List<Long> spares(long pm, Set<Long> busy) {
        List<Long> out = new ArrayList<>();
        for (ProcessHandle h : ProcessHandle.of(pm).map(ph -> ph.children().toList()).orElse(List.of())) {
            if (!busy.contains(h.pid()) && cmdline(h.pid()).contains("--forkchild=spare") && pssKb(h.pid()) > 0) out.add(h.pid());
        }
        return out;
    }

    static final class Mem {
        final List<Double> backend = new ArrayList<>(), postmaster = new ArrayList<>(), spare = new ArrayList<>(), total = new ArrayList<>();
        int failures;
        String lastError;
    }

    /** Opens k idle sessions, waits settleMs, reads the PSS of each backend, of the postmaster and of spares. */
    static void memory(Server s, int k, long settleMs, boolean withSpares, Mem into) throws Exception {
        long pm = s.postmasterPid();
        if (withSpares) {
            for (long p : spares(pm, Set.of())) into.spare.add(pssKb(p) / 1024.0);
        }
        List<Session> open = new ArrayList<>();
        Set<Long> pids = new LinkedHashSet<>();
        try {
            for (int i = 0; i < k; i++) {
                try {
                    Session ses = open(s.port);
                    open.add(ses);
                    pids.add(Long.parseLong(query(ses, "select pg_backend_pid()")));
                } catch (IOException e) {
                    into.failures++;
                    into.lastError = e.toString();
                }
            }
            Thread.sleep(settleMs);
            for (Session ses : open) query(ses, "select 1"); // all still alive and idle
            for (long p : pids) {
                long kb = pssKb(p);
                if (kb > 0) into.backend.add(kb / 1024.0);
            }
            into.postmaster.add(pssKb(pm) / 1024.0);
            into.total.add(treePssKb(pm) / 1024.0);
        } finally {
            for (Session ses : open) ses.close();
        }
    }

    static String show(Server s, String name) {
        try (Session ses = open(s.port)) { return query(ses, "show " + name); }
        catch (IOException e) { return "n/a"; }
    }

    // ---------------------------------------------------------------- statistics and report

    static double pct(List<Double> v, double p) {
        if (v.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        if (p == 50) { int n = s.size(); return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2; }
        int rank = (int) Math.ceil(p / 100.0 * s.size()); // nearest rank
        return s.get(Math.max(0, Math.min(s.size(), rank) - 1));
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        return v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }

    static final StringBuilder table = new StringBuilder();

    static void row(String metric, double tusk, double pg) {
        String ratio = Double.isNaN(tusk) || Double.isNaN(pg) || pg == 0 ? "—" : String.format(tusk / pg < 0.1 ? "%.3f×" : "%.1f×", tusk / pg);
        table.append("| ").append(metric).append(" | ").append(fmt(tusk)).append(" | ").append(fmt(pg)).append(" | ").append(ratio).append(" |\n");
    }

    static void log(String msg) { System.err.printf("[bench %tT] %s%n", new Date(), msg); }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("--probe")) { // --probe PORT N PAUSE_MS: print each latency
            Series s = new Series();
            connectSeries(new Server("probe", Integer.parseInt(args[1]), null), Integer.parseInt(args[2]), Long.parseLong(args[3]), s);
            for (int i = 0; i < s.ms.size(); i++) System.out.printf("%.1f (startup %.1f, 2nd query %.1f)%n", s.ms.get(i), s.startupMs.get(i), s.secondMs.get(i));
            System.out.println(s.failures > 0 ? "\nfailures: " + s.failures + " " + s.lastError : "");
            return;
        }
        Map<String, Server> servers = new LinkedHashMap<>();
        int nSpare = 30, nCold = 10, nPg = 100, rounds = 3, idle = 10, memoryRounds = -1;
        long pauseMs = 300, settleMs = 2000;
        Path raw = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--server" -> {
                    String[] kv = args[++i].split("=", 2), pd = kv[1].split(":", 2);
                    servers.put(kv[0], new Server(kv[0], Integer.parseInt(pd[0]), Path.of(pd[1])));
                }
                case "--spare" -> nSpare = Integer.parseInt(args[++i]);
                case "--cold" -> nCold = Integer.parseInt(args[++i]);
                case "--pg" -> nPg = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--pause-ms" -> pauseMs = Long.parseLong(args[++i]);
                case "--settle-ms" -> settleMs = Long.parseLong(args[++i]);
                case "--idle" -> idle = Integer.parseInt(args[++i]);
                case "--memory-rounds" -> memoryRounds = Integer.parseInt(args[++i]);
                case "--user" -> user = args[++i];
                case "--raw" -> raw = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        Server tusk = servers.get("tusk"), cold = servers.get("tuskcold"), reuse = servers.get("tuskreuse"), pg = servers.get("pg");
        if (tusk == null || cold == null || reuse == null || pg == null)
            throw new IllegalArgumentException("need --server tusk=..., tuskcold=..., tuskreuse=..., pg=...");

        // Warm-up (not counted): this client's own JIT, and each server's first connection.
        for (Server s : List.of(tusk, cold, reuse, pg)) connectSeries(s, 3, pauseMs, new Series());
        Thread.sleep(settleMs);

        Series tSpare = new Series(), tCold = new Series(), tChurn = new Series(), pPaused = new Series(), pChurn = new Series();
        Series rPaused = new Series(), rChurn = new Series(); // the reuse server
        Mem tMem = new Mem(), cMem = new Mem(), rMem = new Mem(), pMem = new Mem();
        for (int r = 0; r < rounds; r++) {
            int ns = share(nSpare, rounds, r), nc = share(nCold, rounds, r), np = share(nPg, rounds, r);
            String round = "round " + (r + 1) + "/" + rounds + ": ";
            log(round + "Tusk spare x" + ns);
            connectSeries(tusk, ns, pauseMs, tSpare);
            Thread.sleep(settleMs);
            log(round + "PostgreSQL x" + np);
            connectSeries(pg, np, pauseMs, pPaused);
            log(round + "Tusk reuse x" + ns);
            connectSeries(reuse, ns, pauseMs, rPaused);
            log(round + "Tusk cold x" + nc);
            connectSeries(cold, nc, pauseMs, tCold);
            Thread.sleep(settleMs);
            log(round + "churn, Tusk x" + ns + ", PostgreSQL x" + np + " and Tusk reuse x" + ns + " back to back");
            connectSeries(tusk, ns, 0, tChurn);
            Thread.sleep(settleMs);
            connectSeries(pg, np, 0, pChurn);
            connectSeries(reuse, ns, 0, rChurn);
            Thread.sleep(settleMs);
            // PSS varies little between rounds (spread < 0.2 MiB), but opening idle sessions on
            // the cold server costs a JVM start each: --memory-rounds limits it to the last rounds.
            if (memoryRounds >= 0 && r < rounds - memoryRounds) continue;
            log(round + "memory, " + idle + " idle sessions each");
            memory(tusk, idle, settleMs, true, tMem);
            Thread.sleep(settleMs);
            memory(pg, idle, settleMs, false, pMem);
            memory(reuse, idle, settleMs, false, rMem); // its spares are mostly reused backends: not counted as spares
            memory(cold, idle, settleMs, false, cMem);
            Thread.sleep(settleMs);
        }

        row("connect to first query, through a spare, median (ms)", pct(tSpare.ms, 50), pct(pPaused.ms, 50));
        row("connect to first query, through a spare, p99 (ms)", pct(tSpare.ms, 99), pct(pPaused.ms, 99));
        row("… of which connect to ReadyForQuery after authentication, median (ms)", pct(tSpare.startupMs, 50), pct(pPaused.startupMs, 50));
        row("… a second `select 1` on the same session, median (ms)", pct(tSpare.secondMs, 50), pct(pPaused.secondMs, 50));
        row("connect to first query, cold JVM start (`backend_spares=0`), median (ms)", pct(tCold.ms, 50), pct(pPaused.ms, 50));
        row("connect to first query, cold JVM start (`backend_spares=0`), p99 (ms)", pct(tCold.ms, 99), pct(pPaused.ms, 99));
        row("connect to first query, under churn (back to back), median (ms)", pct(tChurn.ms, 50), pct(pChurn.ms, 50));
        row("connect to first query, under churn (back to back), p99 (ms)", pct(tChurn.ms, 99), pct(pChurn.ms, 99));
        row("connections per second under churn", rate(tChurn), rate(pChurn));
        row("connect to first query, `backend_reuse=on`, with pauses (as through a spare), median (ms)", pct(rPaused.ms, 50), pct(pPaused.ms, 50));
        row("connect to first query, `backend_reuse=on`, with pauses (as through a spare), p99 (ms)", pct(rPaused.ms, 99), pct(pPaused.ms, 99));
        row("connect to first query, `backend_reuse=on`, under churn (back to back), median (ms)", pct(rChurn.ms, 50), pct(pChurn.ms, 50));
        row("connect to first query, `backend_reuse=on`, under churn (back to back), p99 (ms)", pct(rChurn.ms, 99), pct(pChurn.ms, 99));
        row("connections per second under churn, `backend_reuse=on`", rate(rChurn), rate(pChurn));
        row("PSS of an idle backend (handed to a spare), median (MiB)", pct(tMem.backend, 50), pct(pMem.backend, 50));
        row("PSS of an idle backend (cold-started), median (MiB)", pct(cMem.backend, 50), pct(pMem.backend, 50));
        row("PSS of an idle backend (`backend_reuse=on`), median (MiB)", pct(rMem.backend, 50), pct(pMem.backend, 50));
        row("PSS of a spare backend, median (MiB)", pct(tMem.spare, 50), Double.NaN);
        row("PSS of the postmaster, median (MiB)", pct(tMem.postmaster, 50), pct(pMem.postmaster, 50));
        row("PSS of the whole server with " + idle + " idle sessions, median (MiB)", pct(tMem.total, 50), pct(pMem.total, 50));

        if (raw != null) { // every sample, in the order taken, for a closer look
            StringBuilder r = new StringBuilder();
            for (var e : List.of(Map.entry("tusk_spare_ms", tSpare.ms), Map.entry("tusk_cold_ms", tCold.ms), Map.entry("tusk_churn_ms", tChurn.ms),
                    Map.entry("tusk_reuse_ms", rPaused.ms), Map.entry("tusk_reuse_churn_ms", rChurn.ms),
                    Map.entry("pg_paused_ms", pPaused.ms), Map.entry("pg_churn_ms", pChurn.ms), Map.entry("tusk_backend_pss_mib", tMem.backend),
                    Map.entry("tusk_cold_backend_pss_mib", cMem.backend), Map.entry("tusk_reuse_backend_pss_mib", rMem.backend),
                    Map.entry("tusk_spare_pss_mib", tMem.spare),
                    Map.entry("pg_backend_pss_mib", pMem.backend))) {
                r.append(e.getKey());
                for (double v : e.getValue()) r.append(' ').append(String.format("%.2f", v));
                r.append('\n');
            }
            Files.writeString(raw, r);
        }

        StringBuilder out = new StringBuilder();
        out.append("| metric | Tusk | PostgreSQL 15 | ratio (Tusk/PG) |\n|---|---|---|---|\n").append(table);
        out.append("\nSamples: Tusk through a spare ").append(tSpare.ms.size()).append(", cold ").append(tCold.ms.size())
                .append(", churn ").append(tChurn.ms.size()).append("; Tusk reuse ").append(rPaused.ms.size()).append(" paused, ")
                .append(rChurn.ms.size()).append(" churn; PostgreSQL ").append(pPaused.ms.size())
                .append(" paused, ").append(pChurn.ms.size()).append(" churn; idle backends measured: Tusk ")
                .append(tMem.backend.size()).append(" (spare) + ").append(cMem.backend.size()).append(" (cold) + ")
                .append(rMem.backend.size()).append(" (reuse), PostgreSQL ")
                .append(pMem.backend.size()).append("; spares measured: ").append(tMem.spare.size()).append(".\n");
        out.append("Backend processes that served the connections (distinct pids): Tusk reuse ").append(rPaused.pids.size())
                .append(" for ").append(rPaused.ms.size()).append(" paused and ").append(rChurn.pids.size()).append(" for ")
                .append(rChurn.ms.size()).append(" churn connections; Tusk (no reuse) ").append(tSpare.pids.size()).append(" for ")
                .append(tSpare.ms.size()).append(" through a spare.\n");
        int fails = tSpare.failures + tCold.failures + tChurn.failures + rPaused.failures + rChurn.failures + pPaused.failures + pChurn.failures
                + tMem.failures + cMem.failures + rMem.failures + pMem.failures;
        out.append("Failed connections: ").append(fails);
        for (var e : List.of(Map.entry("Tusk spare", tSpare), Map.entry("Tusk cold", tCold), Map.entry("Tusk churn", tChurn),
                Map.entry("Tusk reuse", rPaused), Map.entry("Tusk reuse churn", rChurn),
                Map.entry("PostgreSQL", pPaused), Map.entry("PostgreSQL churn", pChurn))) {
            if (e.getValue().failures > 0) out.append("; ").append(e.getKey()).append(": ").append(e.getValue().failures).append(" (").append(e.getValue().lastError).append(")");
        }
        for (var e : List.of(Map.entry("Tusk idle", tMem), Map.entry("Tusk cold idle", cMem), Map.entry("Tusk reuse idle", rMem),
                Map.entry("PostgreSQL idle", pMem))) {
            if (e.getValue().failures > 0) out.append("; ").append(e.getKey()).append(": ").append(e.getValue().failures).append(" (").append(e.getValue().lastError).append(")");
        }
        out.append(".\n");
        out.append("\nSettings as the servers report them (`SHOW`):\n\n| setting | Tusk | Tusk (cold) | Tusk (reuse) | PostgreSQL 15 |\n|---|---|---|---|---|\n");
        for (String g : List.of("server_version", "shared_buffers", "max_connections", "fsync", "backend_spares", "backend_reuse", "backend_jvm_options")) {
            out.append("| ").append(g).append(" | ").append(show(tusk, g)).append(" | ").append(show(cold, g)).append(" | ").append(show(reuse, g)).append(" | ").append(show(pg, g)).append(" |\n");
        }
        System.out.print(out);
    }

    static double rate(Series s) { return s.wallNanos == 0 ? Double.NaN : s.wallCount / (s.wallNanos / 1e9); }

    /** The r-th of `rounds` shares of n (shares differ by at most one). */
    static int share(int n, int rounds, int r) { return n / rounds + (r < n % rounds ? 1 : 0); }
}
