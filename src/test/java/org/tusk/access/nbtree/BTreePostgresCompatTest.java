package org.tusk.access.nbtree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.table.DirtyCheck;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.smgr.RelPath;
import org.tusk.utils.cache.Relation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PostgreSQL 15 itself reads indexes Tusk wrote: a table is filled in a real PostgreSQL server,
 * Tusk builds, extends and vacuums B-trees over the same rows (same heap TIDs), the index files
 * replace PostgreSQL's own, and then amcheck's bt_index_parent_check (with heapallindexed and
 * rootdescend) finds nothing wrong and index scans, forward and backward, return what sequential
 * scans return. Skipped where PostgreSQL 15 (with amcheck) is not installed.
 */
class BTreePostgresCompatTest {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final int PORT = 54329 + (int) (ProcessHandle.current().pid() % 500);

    @TempDir
    Path dir;

    private Path pgDir;

    private List<String> asPostgres(String... cmd) {
        List<String> c = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) c.addAll(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(List.of(cmd));
        return c;
    }

    private String run(String... cmd) throws IOException, InterruptedException {
        return run(0, cmd);
    }

    /** Runs {@code cmd} as the postgres user; its exit code must be {@code expectedExit} (-1: anything but 0). */
    private String run(int expectedExit, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(asPostgres(cmd)).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("PGDATA");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        if (expectedExit < 0) assertTrue(p.exitValue() != 0, String.join(" ", cmd) + " succeeded:\n" + out);
        else assertEquals(expectedExit, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }

    private String sql(String sql) throws IOException, InterruptedException {
        return run(BIN.resolve("psql").toString(), "-X", "-h", pgDir.toString(), "-p", String.valueOf(PORT), "-U", "postgres",
                "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-Atc", sql).strip();
    }

    private void pgCtl(String action) throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", pgDir.resolve("data").toString(), "-w", "-l", pgDir.resolve("log").toString(),
                "-o", "-k " + pgDir + " -c listen_addresses='' -p " + PORT, action);
    }

    @Test
    void postgresChecksAndScansIndexesTuskWrote() throws Exception {
        assumeTrue(Files.isExecutable(BIN.resolve("initdb")), "PostgreSQL 15 not installed");
        assumeTrue(Files.exists(Path.of("/usr/share/postgresql/15/extension/amcheck.control")), "amcheck not installed");
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(!root || Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")));
        pgDir = Files.createDirectories(dir.resolve("pg"));
        if (root) run("/bin/true");   // runuser works
        if (root) new ProcessBuilder("chown", "-R", "postgres", dir.toString()).start().waitFor();
        run(BIN.resolve("initdb").toString(), "-D", pgDir.resolve("data").toString(), "-A", "trust", "-U", "postgres", "--no-sync");
        pgCtl("start");
        try {
            sql("""
                    create table t(k int4, name text, n int8);
                    insert into t select (i * 7919) % 20011 - 10000,
                        case when i % 13 = 0 then null else 'name' || (i % 2500) || repeat('x', i % 200) end,
                        case when i % 17 = 0 then null else i % 37 end
                      from generate_series(1, 25000) i;
                    create index t_k on t(k) with (deduplicate_items = off);
                    create index t_name_n on t(name collate "C", n) with (deduplicate_items = off);
                    create extension amcheck;
                    """);
            String kPath = sql("select pg_relation_filepath('t_k')");
            String namePath = sql("select pg_relation_filepath('t_name_n')");
            List<String> rows = sql("select ctid, k, coalesce(name, '<null>'), coalesce(n::text, '<null>') from t").lines().toList();
            pgCtl("stop");

            // Tusk: the same rows at the same heap TIDs; half loaded by build, half inserted, some vacuumed away and re-inserted.
            MemoryTable table = new MemoryTable();
            List<Object[]> all = new ArrayList<>();
            for (String line : rows) {
                String[] f = line.split("\\|", -1);
                String[] ctid = f[0].substring(1, f[0].length() - 1).split(",");
                ItemPointer tid = new ItemPointer(Integer.parseInt(ctid[0]), Integer.parseInt(ctid[1]));
                Object[] vals = {Integer.parseInt(f[1]), f[2].equals("<null>") ? null : f[2], f[3].equals("<null>") ? null : Long.parseLong(f[3])};
                all.add(new Object[] {tid, vals});
                if (all.size() <= rows.size() / 2) table.put(tid, vals, new DirtyCheck(true, 0));
            }
            try (BTreeCluster cluster = new BTreeCluster(dir.resolve("tusk"), 128)) {
                BTreeCluster.Backend b = cluster.backend();
                TupleDesc heapDesc = BTreeCluster.desc("k", DatumType.INT4, "name", DatumType.TEXT, "n", DatumType.INT8);
                Relation heap = BTreeCluster.heap(16384, "t", heapDesc);
                Relation kIdx = BTreeCluster.index(30001, "t_k", BTreeCluster.desc("k", DatumType.INT4), new int[] {1}, false);
                Relation nameIdx = BTreeCluster.index(30002, "t_name_n",
                        BTreeCluster.desc("name", DatumType.TEXT, "n", DatumType.INT8), new int[] {2, 3}, false);
                b.am.build(heap, kIdx, table);
                b.am.build(heap, nameIdx, table);
                Set<ItemPointer> vacuumed = new HashSet<>();
                for (int i = rows.size() / 2; i < all.size(); i++) {
                    ItemPointer tid = (ItemPointer) all.get(i)[0];
                    Object[] v = (Object[]) all.get(i)[1];
                    b.am.insert(kIdx, new Object[] {v[0]}, tid, heap, table, false);
                    b.am.insert(nameIdx, new Object[] {v[1], v[2]}, tid, heap, table, false);
                    if (i % 10 == 0) {
                        vacuumed.add(tid);
                        // An entry of a dead row, vacuumed away below and entered again afterwards.
                        b.am.insert(kIdx, new Object[] {(Integer) v[0] + 1}, tid, heap, table, false);
                    }
                }
                b.am.bulkDelete(kIdx, vacuumed::contains);
                for (ItemPointer tid : vacuumed) {
                    Object[] v = all.stream().filter(r -> r[0].equals(tid)).map(r -> (Object[]) r[1]).findFirst().orElseThrow();
                    b.am.insert(kIdx, new Object[] {v[0]}, tid, heap, table, false);
                }
                assertEquals(List.of(), b.verifier.check(kIdx));
                assertEquals(List.of(), b.verifier.check(nameIdx));
                assertTrue(BTreeTestSupport.rootLevel(b, nameIdx) >= 2);
                cluster.checkpointish(b);
                Path pgData = pgDir.resolve("data");
                Files.copy(cluster.dataDir.resolve(RelPath.of(kIdx.locator(), org.tusk.storage.smgr.ForkNumber.MAIN)),
                        pgData.resolve(kPath), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(cluster.dataDir.resolve(RelPath.of(nameIdx.locator(), org.tusk.storage.smgr.ForkNumber.MAIN)),
                        pgData.resolve(namePath), StandardCopyOption.REPLACE_EXISTING);
            }
            if (root) new ProcessBuilder("chown", "-R", "postgres", pgDir.toString()).start().waitFor();
            pgCtl("start");
            sql("select bt_index_parent_check('t_k', true, true)");
            sql("select bt_index_parent_check('t_name_n', true, true)");
            sql("select bt_index_check('t_name_n', true)");
            for (String q : List.of(
                    "select count(*), sum(k) from t where k between -3000 and 4000",
                    "select string_agg(k::text, ',' order by k) from (select k from t where k > 9000 order by k desc limit 50) s",
                    "select count(*), sum(n) from t where name = 'name77' || repeat('x', 77) and n > 3",
                    "select count(*) from t where name collate \"C\" >= 'name2' and name collate \"C\" < 'name3'",
                    "select count(*) from t where name is null",
                    "select string_agg(coalesce(name, '-') || ':' || coalesce(n::text, '-'), ',') from "
                            + "(select name, n from t order by name collate \"C\" desc, n desc limit 30) s")) {
                String viaIndex = sql("set enable_seqscan = off; set enable_bitmapscan = off; set enable_sort = off; " + q);
                String plan = sql("set enable_seqscan = off; set enable_bitmapscan = off; set enable_sort = off; explain " + q);
                String viaHeap = sql("set enable_indexscan = off; set enable_indexonlyscan = off; set enable_bitmapscan = off; " + q);
                assertTrue(plan.contains("Index"), plan);
                assertEquals(viaHeap, viaIndex, q);
            }

            // The control: the same check does find a fault when two entries of a leaf are swapped.
            pgCtl("stop");
            Path kFile = pgDir.resolve("data").resolve(kPath);
            byte[] bytes = Files.readAllBytes(kFile);
            int lp3 = 8192 + 24 + 2 * 4, lp4 = lp3 + 4;
            for (int i = 0; i < 4; i++) {
                byte tmp = bytes[lp3 + i];
                bytes[lp3 + i] = bytes[lp4 + i];
                bytes[lp4 + i] = tmp;
            }
            Files.write(kFile, bytes);
            pgCtl("start");
            String err = run(-1, BIN.resolve("psql").toString(), "-X", "-h", pgDir.toString(), "-p", String.valueOf(PORT), "-U",
                    "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-Atc", "select bt_index_check('t_k')");
            assertTrue(err.contains("item order invariant violated"), err);
        } finally {
            try {
                pgCtl("stop");
            } catch (Throwable ignored) {
                // already stopped
            }
        }
    }
}
