package org.tusk.access.transam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.testsupport.MappedFile;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Threads, and in one test a second JVM, standing in for backends: they assign ids, commit or
 * abort them, and read each other's statuses through a CLOG of only 3 buffers, so that pages are
 * evicted, written and read back all the time.
 */
class ClogConcurrencyTest {
    private static final int BUFFERS = 3;

    @TempDir
    Path pgXact;

    /** The status a test gives xid {@code x}: a pure function, so any process can check any id. */
    static XidStatus intended(int x) {
        return x % 3 == 0 ? XidStatus.ABORTED : XidStatus.COMMITTED;
    }

    @Test
    @Timeout(120)
    void manyBackendsFewBuffersThenRestart() throws Exception {
        int base = 32768 + 1000;
        int threads = 8, perThread = 20_000;
        int total = threads * perThread;
        // Index x - base: 0 until the owner has recorded x's final status, then its code + 1.
        AtomicIntegerArray recorded = new AtomicIntegerArray(total);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int nextXid;
        try (MappedFile shm = MappedFile.create(TestTransam.layout(BUFFERS).byteSize())) {
            TestTransam t = new TestTransam(shm, BUFFERS, pgXact);
            t.bootstrapAndStart(FullTransactionId.of(0, base), 3);
            List<Thread> ts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                ts.add(Thread.ofPlatform().start(() -> {
                    try {
                        ThreadLocalRandom r = ThreadLocalRandom.current();
                        int done = 0;
                        while (done < perThread) {
                            int x = t.newXid();
                            if (done % 7 == 6 && done + 1 < perThread) {
                                // A tree: the child is a later id, perhaps on the next page.
                                int child = t.newXid();
                                t.clog.setTreeStatus(x, new int[] {child}, intended(x));
                                recorded.set(child - base, intended(x).code() + 1);
                                recorded.set(x - base, intended(x).code() + 1);
                                done += 2;
                            } else {
                                t.clog.setTreeStatus(x, new int[0], intended(x));
                                recorded.set(x - base, intended(x).code() + 1);
                                done++;
                            }
                            // Look at someone's earlier id, anywhere: often a page not in the buffers.
                            int j = r.nextInt(x - base + 1);
                            int rec = recorded.get(j);
                            if (rec != 0) {
                                XidStatus s = t.clog.getStatus(base + j);
                                if (s.code() + 1 != rec) throw new AssertionError("xid " + (base + j) + " read " + s);
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread th : ts) th.join();
            assertNull(failure.get());
            nextXid = t.varSup.readNextFullTransactionId().xid();
            assertEquals(base + total, nextXid);
            for (int j = 0; j < total; j++) assertEquals(recorded.get(j), t.clog.getStatus(base + j).code() + 1, "xid " + (base + j));
            // 4.9 pages through 3 buffers: evictions wrote pages before any checkpoint.
            assertTrue(Files.size(pgXact.resolve("0000")) >= 4 * 8192);
            t.clog.checkPoint();
        }
        // "Restart": a new, zeroed region; everything is read back from pg_xact.
        try (MappedFile shm = MappedFile.create(TestTransam.layout(BUFFERS).byteSize())) {
            TestTransam t = new TestTransam(shm, BUFFERS, pgXact);
            t.start(FullTransactionId.of(0, nextXid), 3);
            for (int j = 0; j < total; j++) {
                assertEquals(XidStatus.ofCode(recorded.get(j) - 1), t.clog.getStatus(base + j), "xid " + (base + j));
            }
            assertEquals(XidStatus.IN_PROGRESS, t.clog.getStatus(nextXid));
        }
    }

    /** Two real processes share the region and pg_xact: this JVM and a child JVM. */
    @Test
    @Timeout(120)
    void twoProcesses() throws Exception {
        int each = 100_000;
        int base = 3;
        try (MappedFile shm = MappedFile.create(TestTransam.layout(BUFFERS).byteSize())) {
            TestTransam t = new TestTransam(shm, BUFFERS, pgXact);
            t.bootstrapAndStart(FullTransactionId.of(0, base), 3);
            Process child = startChild(shm.path(), each);
            BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream()));
            assertEquals("ready", in.readLine(), "child did not start");   // both now run at once
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                int x = t.newXid();
                t.clog.setTreeStatus(x, new int[0], intended(x));
                mine.add(x);
            }
            List<Integer> theirs = new ArrayList<>();
            try (in) {
                for (String line; (line = in.readLine()) != null; ) theirs.add(Integer.parseInt(line));
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue(), new String(child.getErrorStream().readAllBytes()));
            assertEquals(each, theirs.size());
            boolean[] seen = new boolean[2 * each];
            for (List<Integer> l : List.of(mine, theirs)) {
                for (int x : l) {
                    assertTrue(!seen[x - base], "xid " + x + " given twice");
                    seen[x - base] = true;
                }
            }
            for (int x = base; x < base + 2 * each; x++) assertEquals(intended(x), t.clog.getStatus(x), "xid " + x);
        }
    }

    private Process startChild(Path shm, int count) throws Exception {
        Path home = Path.of(System.getProperty("tusk.home", "."));
        String cp = home.resolve("target/classes") + java.io.File.pathSeparator + home.resolve("target/test-classes");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, ClogChild.class.getName(),
                shm.toString(), pgXact.toString(), Integer.toString(BUFFERS), Integer.toString(count)).start();
    }
}
