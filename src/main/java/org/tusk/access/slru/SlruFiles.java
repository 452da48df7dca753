package org.tusk.access.slru;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files of one SLRU (slru.c's SlruPhysical* functions and SlruScanDirectory): segment files
 * {@code DIR/XXXX} of {@link #PAGES_PER_SEGMENT} pages, named by the segment number in at least
 * four upper-case hex digits, as PostgreSQL names them ({@code pg_xact/0000}).
 *
 * <p>Nothing here touches shared memory or takes a lock: callers hold the slot's buffer lock
 * while a page is read into or written from its buffer. Each access opens and closes the file, so
 * no process keeps state about the directory. Failures are reported as PostgreSQL's
 * SlruReportIOError does: "could not access status of transaction N" with the cause as detail.
 */
final class SlruFiles {
    static final int PAGES_PER_SEGMENT = 32;

    /** What a directory scan calls for each segment file; returning true stops the scan. */
    interface SegmentVisitor {
        boolean visit(Path file, int segmentFirstPage);
    }

    private final Path dir;

    SlruFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    static String segmentName(int segno) {
        return String.format(Locale.ROOT, "%04X", segno);
    }

    Path segmentPath(int pageno) {
        return dir.resolve(segmentName(pageno / PAGES_PER_SEGMENT));
    }

    private static long offsetOf(int pageno) {
        return (long) (pageno % PAGES_PER_SEGMENT) * SlruShared.BLCKSZ;
    }

    /** SlruPhysicalReadPage: fills {@code buf} with page {@code pageno}; {@code xid} is for the error text. */
    void readPage(int pageno, MemorySegment buf, int xid) {
        Path path = segmentPath(pageno);
        long offset = offsetOf(pageno);
        ByteBuffer bb = buf.asByteBuffer();
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw ioError(xid, e, "Could not open file \"" + path + "\": " + reason(e) + ".");
        }
        try (ch) {
            while (bb.hasRemaining()) {
                int n = ch.read(bb, offset + bb.position());
                if (n < 0) {
                    throw PgException.error(SqlState.IO_ERROR, couldNotAccess(xid)).withDetail(
                            "Could not read from file \"" + path + "\" at offset " + offset + ": read too few bytes.");
                }
            }
        } catch (IOException e) {
            throw ioError(xid, e, "Could not read from file \"" + path + "\" at offset " + offset + ": " + reason(e) + ".");
        }
    }

    /** SlruPhysicalWritePage: writes {@code buf} as page {@code pageno}, creating the segment if needed. */
    void writePage(int pageno, MemorySegment buf) {
        Path path = segmentPath(pageno);
        long offset = offsetOf(pageno);
        ByteBuffer bb = buf.asByteBuffer();
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // The page was being written, not read: PostgreSQL reports InvalidTransactionId here.
            throw ioError(0, e, "Could not open file \"" + path + "\": " + reason(e) + ".");
        }
        try (ch) {
            while (bb.hasRemaining()) ch.write(bb, offset + bb.position());
        } catch (IOException e) {
            throw ioError(0, e, "Could not write to file \"" + path + "\" at offset " + offset + ": " + reason(e) + ".");
        }
    }

    /**
     * Makes every segment file and the directory entries durable. PostgreSQL has each page write
     * queue a sync request for the checkpointer; syncing every segment at checkpoint covers the
     * same writes (whichever process made them) without a shared request queue, and an SLRU
     * directory holds few segments.
     */
    void syncAll() {
        List<Path> files = new ArrayList<>();
        scan((file, firstPage) -> {
            files.add(file);
            return false;
        });
        for (Path f : files) force(f);
        force(dir);
    }

    private static void force(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (NoSuchFileException e) {
            // Truncated away since the scan: nothing left to make durable.
        } catch (IOException e) {
            // data_sync_elevel(ERROR) would be PANIC with data_sync_retry off; a checkpoint must not go on.
            throw new PgException(Severity.PANIC, SqlState.IO_ERROR, "could not fsync file \"" + p + "\": " + reason(e),
                    null, null, 0, e);
        }
    }

    /**
     * SlruScanDirectory: calls {@code visitor} for each file whose name is 4 to 6 upper-case hex
     * digits, in no particular order; returns true if a call returned true.
     */
    boolean scan(SegmentVisitor visitor) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                String name = f.getFileName().toString();
                if (name.length() < 4 || name.length() > 6 || !name.chars().allMatch(SlruFiles::isUpperHex)) continue;
                int segno = Integer.parseInt(name, 16);
                if (visitor.visit(f, segno * PAGES_PER_SEGMENT)) return true;
            }
            return false;
        } catch (IOException e) {
            throw ioFileError(e, "could not open directory \"" + dir + "\": " + reason(e));
        }
    }

    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw ioFileError(e, "could not remove file \"" + file + "\": " + reason(e));
        }
    }

    private static boolean isUpperHex(int c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F';
    }

    static String couldNotAccess(int xid) {
        return "could not access status of transaction " + Integer.toUnsignedString(xid);
    }

    private static PgException ioError(int xid, IOException e, String detail) {
        return new PgException(Severity.ERROR, sqlStateFor(e), couldNotAccess(xid), detail, null, 0, e);
    }

    private static PgException ioFileError(IOException e, String message) {
        return new PgException(Severity.ERROR, sqlStateFor(e), message, null, null, 0, e);
    }

    /** errcode_for_file_access. */
    private static String sqlStateFor(IOException e) {
        if (e instanceof NoSuchFileException) return SqlState.UNDEFINED_FILE;
        if (e instanceof AccessDeniedException) return SqlState.INSUFFICIENT_PRIVILEGE;
        return SqlState.IO_ERROR;
    }

    /** The %m of PostgreSQL's messages, as far as Java's exceptions tell it. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof AccessDeniedException) return "Permission denied";
        return String.valueOf(e.getMessage());
    }
}
