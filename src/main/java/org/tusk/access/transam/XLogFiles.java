package org.tusk.access.transam;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Segment files in {@code pg_wal} (PostgreSQL's XLogFileInit and XLogFileOpen).
 *
 * <p>A segment file always has its full size: it is created as a temporary file, filled with
 * zeros and fsynced before it is renamed into place and the directory fsynced, so a crash leaves
 * either no file or a complete, zeroed one. A zero page reads as "invalid magic number 0000", the
 * end of WAL, never as stale records. An existing file is reused as it is.
 */
public final class XLogFiles {
    private static final int ZERO_CHUNK = 64 * 1024;

    private final Path pgWal;
    private final WalSegmentSize segSize;

    public XLogFiles(Path pgWal, WalSegmentSize segSize) {
        this.pgWal = pgWal;
        this.segSize = segSize;
    }

    public Path directory() {
        return pgWal;
    }

    public WalSegmentSize segmentSize() {
        return segSize;
    }

    public Path path(int tli, long segNo) {
        return pgWal.resolve(segSize.fileName(tli, segNo));
    }

    /** XLogFileInit: opens segment {@code segNo} for writing, creating it zero-filled if absent. */
    public FileChannel openForWrite(int tli, long segNo) throws IOException {
        Path target = path(tli, segNo);
        if (!Files.exists(target)) create(target);
        return FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** XLogFileRead's open: read-only. */
    public FileChannel openForRead(int tli, long segNo) throws IOException {
        return FileChannel.open(path(tli, segNo), StandardOpenOption.READ);
    }

    /**
     * Reads the page at {@code pageAddr} into {@code page} (XLOG_BLCKSZ bytes): what the startup
     * process hands to {@link XLogCtl#initialize} for the page holding the end of WAL.
     */
    public void readPage(int tli, long pageAddr, MemorySegment page) throws IOException {
        ByteBuffer buf = page.asSlice(0, XLogDefs.XLOG_BLCKSZ).asByteBuffer();
        long off = segSize.segmentOffset(pageAddr);
        try (FileChannel ch = openForRead(tli, segSize.segmentNumber(pageAddr))) {
            while (buf.hasRemaining()) {
                if (ch.read(buf, off + buf.position()) < 0) throw new IOException("unexpected end of WAL file");
            }
        }
    }

    private void create(Path target) throws IOException {
        Path tmp = pgWal.resolve("xlogtemp." + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            // Write real zeros rather than extend the file: the blocks must be allocated now, so that
            // later WAL writes cannot fail for lack of space and fdatasync need not touch metadata.
            ByteBuffer zeros = ByteBuffer.allocate(Math.min(ZERO_CHUNK, segSize.bytes()));
            for (long off = 0; off < segSize.bytes(); off += zeros.capacity()) {
                zeros.clear();
                while (zeros.hasRemaining()) ch.write(zeros, off + zeros.position());
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        fsyncDirectory(pgWal);
    }

    /** fsync_fname on a directory: makes a rename or file creation in it durable. */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
