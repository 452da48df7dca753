package org.tusk.utils.activity;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The statistics file, {@code pg_stat/pgstat.stat} (pgstat.c's pgstat_write_statsfile,
 * pgstat_read_statsfile and pgstat_discard_stats): written by the checkpointer at a clean
 * shutdown, read back and removed by the startup process at the next start. After a crash the
 * startup process discards it instead, as PostgreSQL does: statistics are not WAL-logged, so
 * what a crashed server counted cannot be trusted.
 *
 * <p>Format: a magic word, the fixed counters, the number of entries, then each entry's kind,
 * database, object and counters. A file that does not read completely is ignored whole.
 */
public final class PgStatFile {
    /** PGSTAT_FILE_FORMAT_ID's role: a file of another layout is not read. */
    private static final int FORMAT_ID = 0x01A5BC_A7;
    public static final String DIR = "pg_stat", FILE = "pgstat.stat";

    private PgStatFile() {}

    public static Path path(Path dataDir) {
        return dataDir.resolve(DIR).resolve(FILE);
    }

    /** pgstat_write_statsfile: to a temporary file renamed into place. */
    public static void write(Path dataDir, PgStatShared shared) throws IOException {
        Path file = path(dataDir);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        var entries = shared.all();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(FORMAT_ID);
            out.writeInt(PgStatShared.NFIXED);
            for (int c = 0; c < PgStatShared.NFIXED; c++) out.writeLong(shared.fixed(c));
            out.writeInt(PgStatShared.NCOUNTERS);
            out.writeInt(entries.size());
            for (PgStatShared.Saved e : entries) {
                out.writeInt(e.kind());
                out.writeInt(e.db());
                out.writeInt(e.obj());
                for (long v : e.counters()) out.writeLong(v);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * pgstat_restore_stats: loads the file into a fresh shared area and removes it. Returns false
     * (leaving the counters zero) when there was none or it could not be read.
     */
    public static boolean restore(Path dataDir, PgStatShared shared) {
        Path file = path(dataDir);
        if (!Files.exists(file)) return false;
        boolean ok = false;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != FORMAT_ID || in.readInt() != PgStatShared.NFIXED) return false;
            long[] fixed = new long[PgStatShared.NFIXED];
            for (int c = 0; c < fixed.length; c++) fixed[c] = in.readLong();
            if (in.readInt() != PgStatShared.NCOUNTERS) return false;
            int n = in.readInt();
            record E(int kind, int db, int obj, long[] c) {}
            java.util.List<E> entries = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int kind = in.readInt(), db = in.readInt(), obj = in.readInt();
                long[] c = new long[PgStatShared.NCOUNTERS];
                for (int k = 0; k < c.length; k++) c[k] = in.readLong();
                entries.add(new E(kind, db, obj, c));
            }
            for (int c = 0; c < fixed.length; c++) shared.setFixed(c, fixed[c]);
            for (E e : entries) shared.write(e.kind(), e.db(), e.obj(), e.c());
            ok = true;
        } catch (IOException e) {
            ok = false;
        } finally {
            discard(dataDir);
        }
        return ok;
    }

    /** pgstat_discard_stats: after a crash, the file (if any) is stale. */
    public static void discard(Path dataDir) {
        try {
            Files.deleteIfExists(path(dataDir));
        } catch (IOException ignored) {
            // a leftover file is read (and removed) at the next start at worst
        }
    }
}
