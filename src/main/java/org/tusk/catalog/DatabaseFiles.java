package org.tusk.catalog;

import org.tusk.access.transam.DecodedXLogRecord;
import org.tusk.access.transam.RedoContext;
import org.tusk.access.transam.XLogRecord;
import org.tusk.access.transam.XLogRecordBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

/**
 * A database's directory as a whole (PostgreSQL's dbcommands.c file-level parts and dbase_redo,
 * storage/file/copydir.c): copying a template's directory for CREATE DATABASE with the FILE_COPY
 * strategy, removing one for DROP DATABASE, the WAL records that make both crash-safe, and their
 * redo.
 *
 * <p>Records (rmgr DBASE, PostgreSQL 15's dbcommands_xlog.h), both with XLR_SPECIAL_REL_UPDATE:
 * <pre>
 * XLOG_DBASE_CREATE_FILE_COPY 0x00  xl_dbase_create_file_copy_rec: Oid db_id, tablespace_id,
 *                                   src_db_id, src_tablespace_id (16 bytes)
 * XLOG_DBASE_DROP             0x20  xl_dbase_drop_rec: Oid db_id, int ntablespaces,
 *                                   Oid tablespace_ids[ntablespaces]
 * </pre>
 * XLOG_DBASE_CREATE_WAL_LOG (0x10, the WAL_LOG strategy) is never written: CREATE DATABASE maps
 * STRATEGY WAL_LOG to FILE_COPY.
 *
 * <p>The copy is consistent because the caller holds ShareLock on the template (no new
 * connections) after checking that nobody is connected to it, and a checkpoint has written every
 * dirty page of it first. Every copied file and the new directory are fsynced before the record
 * is written.
 */
public final class DatabaseFiles {
    public static final int XLOG_DBASE_CREATE_FILE_COPY = 0x00, XLOG_DBASE_CREATE_WAL_LOG = 0x10, XLOG_DBASE_DROP = 0x20;

    private DatabaseFiles() {}

    /** GetDatabasePath for pg_default: {@code base/<db oid>}. */
    public static Path databasePath(Path dataDir, int dbOid) {
        return dataDir.resolve("base").resolve(Integer.toUnsignedString(dbOid));
    }

    /** The record of CREATE DATABASE ... STRATEGY FILE_COPY. */
    public static XLogRecordBuilder createFileCopyRecord(int dbOid, int srcDbOid) {
        XLogRecordBuilder b = new XLogRecordBuilder();
        b.registerData(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(dbOid)
                .putInt(BootstrapCatalog.DEFAULTTABLESPACE_OID).putInt(srcDbOid).putInt(BootstrapCatalog.DEFAULTTABLESPACE_OID)
                .array());
        return b;
    }

    /** The record of DROP DATABASE (one tablespace: pg_default). */
    public static XLogRecordBuilder dropRecord(int dbOid) {
        XLogRecordBuilder b = new XLogRecordBuilder();
        b.registerData(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(dbOid).putInt(1)
                .putInt(BootstrapCatalog.DEFAULTTABLESPACE_OID).array());
        return b;
    }

    /**
     * copydir(fromdir, todir, recurse = false): creates {@code to} and copies every regular file
     * of {@code from} into it, then fsyncs each copied file and the new directory.
     */
    public static void copyDir(Path from, Path to) {
        try {
            Files.createDirectory(to);
            try (DirectoryStream<Path> s = Files.newDirectoryStream(from)) {
                for (Path f : s) {
                    if (!Files.isRegularFile(f)) continue;
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(to)) {
                for (Path f : s) fsync(f);
            }
            BootstrapCatalog.fsyncDirectory(to);
            BootstrapCatalog.fsyncDirectory(to.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy directory \"" + from + "\" to \"" + to + "\": " + e.getMessage(), e);
        }
    }

    private static void fsync(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** rmtree(path, true): removes a directory and everything in it; true if it existed. */
    public static boolean removeDir(Path dir) {
        if (!Files.exists(dir)) return false;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            BootstrapCatalog.fsyncDirectory(dir.getParent());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove directory \"" + dir + "\": " + e.getMessage(), e);
        }
    }

    /** dbase_redo. */
    public static void redo(DecodedXLogRecord record, RedoContext ctx) {
        int info = record.info() & XLogRecord.XLR_RMGR_INFO_MASK;
        MemorySegment d = record.mainData();
        Path dataDir = ctx.smgr().dataDir();
        switch (info) {
            case XLOG_DBASE_CREATE_FILE_COPY -> {
                int dbOid = d.get(JAVA_INT_UNALIGNED, 0), srcOid = d.get(JAVA_INT_UNALIGNED, 8);
                Path dst = databasePath(dataDir, dbOid);
                // Our theory: the directory may be there from a copy before the crash; start over.
                ctx.smgr().closeDatabase(BootstrapCatalog.DEFAULTTABLESPACE_OID, dbOid);
                ctx.buffers().dropDatabaseBuffers(dbOid);
                removeDir(dst);
                // The template's replayed pages must be on disk before its files are copied.
                ctx.buffers().flushDatabaseBuffers(srcOid);
                copyDir(databasePath(dataDir, srcOid), dst);
            }
            case XLOG_DBASE_DROP -> {
                int dbOid = d.get(JAVA_INT_UNALIGNED, 0);
                ctx.buffers().dropDatabaseBuffers(dbOid);
                ctx.smgr().closeDatabase(BootstrapCatalog.DEFAULTTABLESPACE_OID, dbOid);
                removeDir(databasePath(dataDir, dbOid));
            }
            default -> throw new IllegalStateException("dbase_redo: unknown op code " + info);
        }
    }
}
