package org.tusk.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durability as a user sees it: kill -9 in the middle of a write load, of one backend (crash-restart
 * by the same postmaster) or of every process (a new start), and a torn tail of WAL. Afterwards every
 * transaction whose COMMIT was acknowledged is there, no transaction is half there, and the primary
 * key index agrees with the heap.
 *
 * <p>The load writes groups of {@link #GROUP} rows per transaction (ids g*GROUP .. g*GROUP+GROUP-1);
 * a group is recorded as acknowledged only after its COMMIT returned.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DurabilityIT {
    static final int GROUP = 5;

    /** Loads groups from {@code firstGroup} on until stopped or the connection breaks. */
    static final class Loader extends Thread {
        final TuskServer server;
        final Set<Integer> acked = new ConcurrentSkipListSet<>();
        final AtomicBoolean stop = new AtomicBoolean();
        volatile long backendPid;
        volatile Throwable failure;
        int group;

        Loader(TuskServer server, int firstGroup) {
            this.server = server;
            this.group = firstGroup;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (Connection c = server.connect()) {
                backendPid = ProcessModelIT.backendPid(c);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    while (!stop.get()) {
                        for (int i = 0; i < GROUP; i++) {
                            s.execute("insert into acked values (" + (group * GROUP + i) + ", repeat('x', 200))");
                        }
                        c.commit();
                        acked.add(group);
                        group++;
                    }
                }
            } catch (SQLException e) {
                // The connection is broken by the kill: expected. Anything else is recorded.
                String state = e.getSQLState();
                if (state == null || !(state.startsWith("08") || state.equals("57P01") || state.equals("57P02"))) failure = e;
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    private static void createTable(TuskServer server) throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table acked(id int primary key, pad text)");
        }
    }

    private static Connection connectWhenUp(TuskServer server) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                Connection c = server.connect();
                ProtocolIT.one(c, "select 1");
                return c;
            } catch (SQLException e) {
                if (System.currentTimeMillis() > deadline) throw e;
                Thread.sleep(200);
            }
        }
    }

    /** Every acknowledged group complete, every present group complete, index and heap agree. */
    private static void verify(TuskServer server, Set<Integer> acked) throws Exception {
        try (Connection c = connectWhenUp(server); Statement s = c.createStatement()) {
            TreeSet<Integer> ids = new TreeSet<>();
            try (ResultSet rs = s.executeQuery("select id from acked")) {
                while (rs.next()) assertTrue(ids.add(rs.getInt(1)), "duplicate id " + rs.getInt(1));
            }
            Set<Integer> groups = new HashSet<>();
            for (int id : ids) groups.add(id / GROUP);
            for (int g : groups) {
                for (int i = 0; i < GROUP; i++) {
                    assertTrue(ids.contains(g * GROUP + i), "transaction of group " + g + " is half there: " + ids.subSet(g * GROUP, g * GROUP + GROUP));
                }
            }
            for (int g : acked) assertTrue(groups.contains(g), "acknowledged group " + g + " is missing");
            s.execute("set enable_seqscan = off");
            int viaIndex = 0;
            try (ResultSet rs = s.executeQuery("select id from acked where id >= 0 order by id")) {
                while (rs.next()) {
                    viaIndex++;
                    assertTrue(ids.contains(rs.getInt(1)), "index has an id the heap has not: " + rs.getInt(1));
                }
            }
            assertEquals(ids.size(), viaIndex, "index and heap agree");
            for (int g : acked) {
                assertEquals(String.valueOf(GROUP * g), ProtocolIT.one(c, "select id from acked where id = " + GROUP * g),
                        "index finds acknowledged id");
            }
        }
    }

    @Test
    void killNineOfOneBackendInTheMiddleOfWrites() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            createTable(server);
            Loader loader = new Loader(server, 0);
            Loader other = new Loader(server, 1_000_000);
            loader.start();
            other.start();
            assertTrue(TuskServer.waitFor(30_000, () -> loader.acked.size() > 50 && other.acked.size() > 50));
            ProcessHandle.of(loader.backendPid).orElseThrow().destroyForcibly();
            loader.join(60_000);
            other.join(60_000);
            assertEquals(null, loader.failure);
            assertEquals(null, other.failure);
            Set<Integer> acked = new HashSet<>(loader.acked);
            acked.addAll(other.acked);
            verify(server, acked);
            assertTrue(server.log().contains("redo starts at"), server.log());
        }
    }

    @Test
    void crashWithNothingWrittenSinceTheCheckpointSaysRedoIsNotRequired() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            Connection c = server.connect();
            try (Statement s = c.createStatement()) {
                s.execute("checkpoint");
            }
            ProcessHandle.of(ProcessModelIT.backendPid(c)).orElseThrow().destroyForcibly();
            c.close();
            assertTrue(TuskServer.waitFor(60_000, () -> server.log().contains("database system is ready to accept connections")
                    && server.log().contains("all server processes terminated; reinitializing")
                    && server.log().lastIndexOf("database system is ready") > server.log().indexOf("reinitializing")),
                    server.log());
            String afterCrash = server.log().substring(server.log().indexOf("reinitializing"));
            assertTrue(afterCrash.contains("redo is not required"), afterCrash);
            assertTrue(!afterCrash.contains("redo starts at"), afterCrash);
        }
    }

    @Test
    void killNineOfEveryProcessThenStartAgain() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            createTable(server);
            Loader loader = new Loader(server, 0);
            loader.start();
            assertTrue(TuskServer.waitFor(30_000, () -> loader.acked.size() > 100));
            killEverything(server);
            loader.join(60_000);
            assertEquals(null, loader.failure);
            server.startAgain();
            verify(server, loader.acked);
            assertTrue(server.log().contains("database system was interrupted"), server.log());
        }
    }

    /** A torn tail: garbage where the next WAL record would go (a write cut short by the crash). */
    @Test
    void tornWalTailIsWhereRecoveryStops() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            createTable(server);
            Loader loader = new Loader(server, 0);
            loader.start();
            assertTrue(TuskServer.waitFor(30_000, () -> loader.acked.size() > 50));
            loader.stop.set(true);
            loader.join(30_000);
            String lsn;
            try (Connection c = server.connect()) {
                lsn = ProtocolIT.one(c, "select pg_current_wal_insert_lsn()");
            }
            killEverything(server);
            tearWalAt(server.dataDir(), lsn);
            server.startAgain();
            verify(server, loader.acked);
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("insert into acked values (-1, 'after the torn tail')");
                assertEquals("-1", ProtocolIT.one(c, "select id from acked where id = -1"));
            }
        }
    }

    static void killEverything(TuskServer server) throws Exception {
        long pm = server.postmasterPid();
        List<ProcessHandle> all = ProcessHandle.of(pm).orElseThrow().children().toList();
        ProcessHandle.of(pm).ifPresent(ProcessHandle::destroyForcibly);
        all.forEach(ProcessHandle::destroyForcibly);
        assertTrue(TuskServer.waitFor(10_000, () -> !TuskServer.alive(pm)));
        for (ProcessHandle p : all) assertTrue(TuskServer.waitFor(10_000, () -> !p.isAlive()));
    }

    /** Writes 3000 bytes of garbage into the WAL segment at {@code lsnText}, across a page boundary. */
    static void tearWalAt(Path dataDir, String lsnText) throws Exception {
        String[] parts = lsnText.split("/");
        long lsn = Long.parseLong(parts[0], 16) << 32 | Long.parseLong(parts[1], 16);
        long segSize = 16L * 1024 * 1024;
        long segNo = lsn / segSize;
        String name = String.format("%08X%08X%08X", 1, segNo / 256, segNo % 256);
        Path seg = dataDir.resolve("pg_wal").resolve(name);
        assertTrue(Files.exists(seg), seg + " exists");
        java.util.Random r = new java.util.Random(42);
        byte[] junk = new byte[3000];
        r.nextBytes(junk);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(lsn % segSize);
            f.write(junk);
        }
    }
}
