package org.tusk.access.transam;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Reading and writing {@code global/pg_control} (PostgreSQL's ReadControlFile, WriteControlFile
 * and update_controlfile).
 *
 * <p>The file is {@link #PG_CONTROL_FILE_SIZE} bytes: the struct, its CRC, then zeros. PostgreSQL
 * overwrites the file in place and relies on the first 512-byte sector being written atomically;
 * Tusk writes a temporary file, fsyncs it, renames it over the old one and fsyncs the directory,
 * so a crash leaves the old or the new contents and never a torn mixture. The CRC still guards
 * against corruption at rest.
 */
public final class ControlFile {
    /** Relative path in the data directory (XLOG_CONTROL_FILE). */
    public static final String XLOG_CONTROL_FILE = "global/pg_control";
    /** PG_CONTROL_FILE_SIZE: the whole file, zero-padded, so reads never hit a premature EOF. */
    public static final int PG_CONTROL_FILE_SIZE = 8192;
    /** PG_CONTROL_MAX_SAFE_SIZE: the struct must fit in one sector. */
    public static final int PG_CONTROL_MAX_SAFE_SIZE = 512;

    static {
        // A compile-time property in PostgreSQL; checked once here so a layout change cannot break it silently.
        if (ControlFileData.SIZE > PG_CONTROL_MAX_SAFE_SIZE) throw new ExceptionInInitializerError("ControlFileData too large");
    }

    private ControlFile() {}

    public static Path path(Path dataDir) {
        return dataDir.resolve(XLOG_CONTROL_FILE);
    }

    /**
     * Computes the CRC, then durably replaces {@code global/pg_control}. The data's CRC field is
     * updated as a side effect.
     */
    public static void write(Path dataDir, ControlFileData data) throws IOException {
        data.updateCrc();
        byte[] file = new byte[PG_CONTROL_FILE_SIZE];
        MemorySegment.copy(data.bytes(), 0, MemorySegment.ofArray(file), 0, ControlFileData.SIZE);
        Path target = path(dataDir);
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("pg_control.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(file);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        XLogFiles.fsyncDirectory(dir);
    }

    /**
     * ReadControlFile: reads and verifies {@code global/pg_control}.
     *
     * @throws PgException FATAL with PostgreSQL's messages when the file is short, of another
     *                     version or byte order, fails its CRC, or was made with other block sizes
     */
    public static ControlFileData read(Path dataDir) throws IOException {
        Path p = path(dataDir);
        byte[] file = Files.readAllBytes(p);
        if (file.length < ControlFileData.SIZE) {
            throw PgException.fatal(SqlState.DATA_CORRUPTED, "could not read file \"%s\": read %d of %d"
                    .formatted(p, file.length, ControlFileData.SIZE));
        }
        ControlFileData data = ControlFileData.fromBytes(MemorySegment.ofArray(file));
        int version = data.pgControlVersion();
        if (version != ControlFileData.PG_CONTROL_VERSION) {
            PgException e = incompatible("The database cluster was initialized with PG_CONTROL_VERSION %d (0x%08x), but the server was compiled with PG_CONTROL_VERSION %d (0x%08x)."
                    .formatted(version, version, ControlFileData.PG_CONTROL_VERSION, ControlFileData.PG_CONTROL_VERSION));
            if (version % 65536 == 0 && version / 65536 != 0) e = e.withHint("This could be a problem of mismatched byte ordering.  It looks like you need to initdb.");
            else e = e.withHint("It looks like you need to initdb.");
            throw e;
        }
        if (data.computeCrc() != data.crc()) {
            throw PgException.fatal(SqlState.INTERNAL_ERROR, "incorrect checksum in control file");
        }
        if (data.catalogVersionNo() != ControlFileData.CATALOG_VERSION_NO) {
            throw incompatible("The database cluster was initialized with CATALOG_VERSION_NO %d, but the server was compiled with CATALOG_VERSION_NO %d."
                    .formatted(data.catalogVersionNo(), ControlFileData.CATALOG_VERSION_NO)).withHint("It looks like you need to initdb.");
        }
        if (data.maxAlign() != XLogDefs.MAXIMUM_ALIGNOF) {
            throw incompatible("The database cluster was initialized with MAXALIGN %d, but the server was compiled with MAXALIGN %d."
                    .formatted(data.maxAlign(), XLogDefs.MAXIMUM_ALIGNOF)).withHint("It looks like you need to initdb.");
        }
        if (data.floatFormat() != ControlFileData.FLOATFORMAT_VALUE) {
            throw incompatible("The database cluster appears to use a different floating-point number format than the server executable.")
                    .withHint("It looks like you need to initdb.");
        }
        if (data.blcksz() != XLogDefs.BLCKSZ) {
            throw incompatible("The database cluster was initialized with BLCKSZ %d, but the server was compiled with BLCKSZ %d."
                    .formatted(data.blcksz(), XLogDefs.BLCKSZ)).withHint("It looks like you need to recompile or initdb.");
        }
        if (data.xlogBlcksz() != XLogDefs.XLOG_BLCKSZ) {
            throw incompatible("The database cluster was initialized with XLOG_BLCKSZ %d, but the server was compiled with XLOG_BLCKSZ %d."
                    .formatted(data.xlogBlcksz(), XLogDefs.XLOG_BLCKSZ)).withHint("It looks like you need to recompile or initdb.");
        }
        int seg = data.xlogSegSize();
        if (Integer.bitCount(seg) != 1 || seg < 2 * XLogDefs.XLOG_BLCKSZ || seg > WalSegmentSize.PG_MAX_SEGMENT_SIZE) {
            throw PgException.fatal(SqlState.INTERNAL_ERROR,
                    "WAL segment size must be a power of two between 1 MB and 1 GB, but the control file specifies %d bytes".formatted(seg));
        }
        return data;
    }

    private static PgException incompatible(String detail) {
        return PgException.fatal(SqlState.INTERNAL_ERROR, "database files are incompatible with server").withDetail(detail);
    }
}
