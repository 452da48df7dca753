package org.tusk.storage.smgr;

import org.tusk.storage.page.Page;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The storage manager (smgr.c with its only implementation, md.c): relation forks as sequences of
 * {@link Page#BLCKSZ}-byte blocks stored in segment files of {@code segmentBlocks} blocks each
 * (RELSEG_SIZE, 1 GB by default), named as {@link RelPath} says.
 *
 * <p>Segment rules (md.c's header comment): every segment before the last active one is exactly
 * full; the last is partly filled (possibly empty); segments after it may exist with zero length
 * (left by truncation, because other processes may still have them open) and are ignored until
 * extension reaches them. A fork's length is therefore found by walking segments until one is
 * not full. Block numbers are uint32 values carried in {@code int}s.
 *
 * <p>No locking: one instance per process, used from one thread; the buffer manager serializes
 * I/O on any one block across processes (a buffer's I/O-in-progress flag), and relation
 * extension is serialized by the relation extension lock. Durability is delegated: each write
 * reports its segment to the {@link SyncRequestHook}, and only {@link #immedsync} and
 * {@link #syncSegment} fsync on request.
 */
public final class StorageManager implements AutoCloseable {
    /** RELSEG_SIZE: blocks per segment file, 1 GB of 8 kB blocks. */
    public static final int RELSEG_SIZE = 131072;
    /** max_files_per_process's default: how many relation files may be open at once. */
    public static final int DEFAULT_MAX_OPEN_FILES = 1000;
    /** InvalidBlockNumber; the highest valid block number is one less. */
    public static final int INVALID_BLOCK_NUMBER = 0xFFFFFFFF;

    /** How many zero blocks {@link #zeroExtend} writes per system call. */
    private static final int ZERO_CHUNK_BLOCKS = 16;

    private final FileCache files;
    private final Path dataDir;
    private final int segmentBlocks;
    private final SyncRequestHook syncRequests;
    /** Zeroes for extension: off-heap, freed by the GC with this object. */
    private final MemorySegment zeroes = Arena.ofAuto().allocate((long) ZERO_CHUNK_BLOCKS * Page.BLCKSZ, 8);

    /**
     * @param dataDir       the data directory, to which relation paths are relative
     * @param segmentBlocks blocks per segment file ({@link #RELSEG_SIZE}; tests use tiny ones)
     * @param maxOpenFiles  how many segment files to keep open
     * @param syncRequests  where to send fsync requests
     */
    public StorageManager(Path dataDir, int segmentBlocks, int maxOpenFiles, SyncRequestHook syncRequests) {
        if (segmentBlocks < 1) throw new IllegalArgumentException("segment size must be at least one block");
        this.files = new FileCache(dataDir, maxOpenFiles);
        this.dataDir = dataDir;
        this.segmentBlocks = segmentBlocks;
        this.syncRequests = syncRequests;
    }

    public StorageManager(Path dataDir, SyncRequestHook syncRequests) {
        this(dataDir, RELSEG_SIZE, DEFAULT_MAX_OPEN_FILES, syncRequests);
    }

    /** The data directory relation paths are relative to. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Closes every open file of database {@code dbOid} (before its directory is removed, as
     * PROCSIGNAL_BARRIER_SMGRRELEASE makes every backend do in DROP DATABASE).
     */
    public void closeDatabase(int spcOid, int dbOid) {
        String prefix = RelPath.of(new RelFileLocator(spcOid, dbOid, 1), ForkNumber.MAIN);
        String dir = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        try {
            files.closeMatching(p -> p.startsWith(dir));
        } catch (IOException e) {
            throw FileErrors.error("could not close files of \"" + dir + "\"", e);
        }
    }

    public int segmentBlocks() {
        return segmentBlocks;
    }

    /** smgrexists / mdexists: does the fork's first segment exist? */
    public boolean exists(RelFileLocator rl, ForkNumber fork) {
        return Files.exists(files.resolve(segmentPath(rl, fork, 0)));
    }

    /**
     * smgrcreate / mdcreate: create the fork's first segment, empty. During redo
     * ({@code isRedo}) the file may already exist; otherwise that is an error.
     */
    public void create(RelFileLocator rl, ForkNumber fork, boolean isRedo) {
        String path = RelPath.of(rl, fork);
        try {
            files.createNew(path);
        } catch (FileAlreadyExistsException e) {
            if (!isRedo) throw FileErrors.error("could not create file \"" + path + "\"", e);
        } catch (IOException e) {
            throw FileErrors.error("could not create file \"" + path + "\"", e);
        }
    }

    /**
     * smgrextend / mdextend: write {@code page} as new block {@code blkno}, normally the fork's
     * current length. If that starts a new segment, earlier segments are first filled to full
     * length with zero blocks.
     */
    public void extend(RelFileLocator rl, ForkNumber fork, int blkno, MemorySegment page, boolean skipFsync) {
        checkPage(page);
        if (blkno == INVALID_BLOCK_NUMBER) {
            throw PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "cannot extend file \"" + RelPath.of(rl, fork)
                    + "\" beyond " + Integer.toUnsignedString(INVALID_BLOCK_NUMBER) + " blocks");
        }
        int segno = segno(blkno);
        String path = segmentPath(rl, fork, segno);
        FileChannel ch = segmentForExtension(rl, fork, blkno);
        long pos = position(blkno);
        try {
            if (pos < ch.size()) throw new IllegalArgumentException("block " + Integer.toUnsignedString(blkno) + " already exists in \"" + path + "\"");
            int written = writeFully(ch, page, pos);
            if (written != Page.BLCKSZ) {
                throw PgException.error(SqlState.DISK_FULL, "could not extend file \"" + path + "\": wrote only " + written
                        + " of " + Page.BLCKSZ + " bytes at block " + Integer.toUnsignedString(blkno)).withHint("Check free disk space.");
            }
        } catch (IOException e) {
            throw FileErrors.error("could not extend file \"" + path + "\"", e).withHint("Check free disk space.");
        }
        if (!skipFsync) registerDirtySegment(rl, fork, segno, ch);
    }

    /**
     * smgrzeroextend / mdzeroextend: add {@code nblocks} zero blocks starting at {@code blkno}
     * (the fork's current length), crossing segment boundaries as needed.
     */
    public void zeroExtend(RelFileLocator rl, ForkNumber fork, int blkno, int nblocks, boolean skipFsync) {
        if (nblocks < 0) throw new IllegalArgumentException("negative block count");
        long end = Integer.toUnsignedLong(blkno) + nblocks;
        if (end >= Integer.toUnsignedLong(INVALID_BLOCK_NUMBER)) {
            throw PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "cannot extend file \"" + RelPath.of(rl, fork)
                    + "\" beyond " + Integer.toUnsignedString(INVALID_BLOCK_NUMBER) + " blocks");
        }
        long cur = Integer.toUnsignedLong(blkno);
        while (cur < end) {
            int b = (int) cur;
            int segno = segno(b);
            long inSegment = Math.min(end - cur, segmentBlocks - (cur % segmentBlocks));
            String path = segmentPath(rl, fork, segno);
            FileChannel ch = segmentForExtension(rl, fork, b);
            try {
                long pos = position(b);
                long remaining = inSegment * Page.BLCKSZ;
                while (remaining > 0) {
                    long n = Math.min(remaining, zeroes.byteSize());
                    int written = writeFully(ch, zeroes.asSlice(0, n), pos);
                    if (written != n) {
                        throw PgException.error(SqlState.DISK_FULL, "could not extend file \"" + path + "\": wrote only "
                                + written + " of " + n + " bytes at block " + Integer.toUnsignedString(b)).withHint("Check free disk space.");
                    }
                    pos += n;
                    remaining -= n;
                }
            } catch (IOException e) {
                throw FileErrors.error("could not extend file \"" + path + "\"", e).withHint("Check free disk space.");
            }
            if (!skipFsync) registerDirtySegment(rl, fork, segno, ch);
            cur += inSegment;
        }
    }

    /**
     * smgrread / mdread: read block {@code blkno} into {@code buffer} (8192 bytes). A block at or
     * beyond the end of the fork is an error, as in PostgreSQL outside recovery.
     */
    public void read(RelFileLocator rl, ForkNumber fork, int blkno, MemorySegment buffer) {
        checkPage(buffer);
        FileChannel ch = existingSegment(rl, fork, blkno);
        String path = segmentPath(rl, fork, segno(blkno));
        int n;
        try {
            n = readFully(ch, buffer, position(blkno));
        } catch (IOException e) {
            throw FileErrors.error("could not read block " + Integer.toUnsignedString(blkno) + " in file \"" + path + "\"", e);
        }
        if (n != Page.BLCKSZ) {
            throw PgException.error(SqlState.DATA_CORRUPTED, "could not read block " + Integer.toUnsignedString(blkno)
                    + " in file \"" + path + "\": read only " + n + " of " + Page.BLCKSZ + " bytes");
        }
    }

    /** smgrwrite / mdwrite: overwrite existing block {@code blkno} with {@code page}. */
    public void write(RelFileLocator rl, ForkNumber fork, int blkno, MemorySegment page, boolean skipFsync) {
        checkPage(page);
        FileChannel ch = existingSegment(rl, fork, blkno);
        int segno = segno(blkno);
        String path = segmentPath(rl, fork, segno);
        long pos = position(blkno);
        try {
            // md.c only Asserts this; writing past the end would silently make a hole-free extension.
            if (pos >= ch.size()) {
                throw new IllegalArgumentException("block " + Integer.toUnsignedString(blkno) + " is beyond the end of \"" + path + "\"; extend it instead");
            }
            int written = writeFully(ch, page, pos);
            if (written != Page.BLCKSZ) {
                throw PgException.error(SqlState.DISK_FULL, "could not write block " + Integer.toUnsignedString(blkno)
                        + " in file \"" + path + "\": wrote only " + written + " of " + Page.BLCKSZ + " bytes").withHint("Check free disk space.");
            }
        } catch (IOException e) {
            throw FileErrors.error("could not write block " + Integer.toUnsignedString(blkno) + " in file \"" + path + "\"", e);
        }
        if (!skipFsync) registerDirtySegment(rl, fork, segno, ch);
    }

    /** smgrnblocks / mdnblocks: the fork's length in blocks, walking segments until one is not full. */
    public int nblocks(RelFileLocator rl, ForkNumber fork) {
        String first = segmentPath(rl, fork, 0);
        FileChannel ch = openSegment(rl, fork, 0);
        if (ch == null) throw FileErrors.error("could not open file \"" + first + "\"", new NoSuchFileException(first));
        for (int segno = 0; ; segno++) {
            long blocks = segmentBlocks(ch, segmentPath(rl, fork, segno));
            if (blocks < segmentBlocks) return (int) ((long) segno * segmentBlocks + blocks);
            ch = openSegment(rl, fork, segno + 1);
            if (ch == null) return (int) ((long) (segno + 1) * segmentBlocks);
        }
    }

    /**
     * smgrtruncate / mdtruncate: shorten the fork to {@code nblocks}. Segments wholly beyond the
     * new end are truncated to zero length but kept (other processes may have them open; they
     * are removed when the relation is unlinked); the new last segment is cut to size.
     */
    public void truncate(RelFileLocator rl, ForkNumber fork, int nblocks) {
        long target = Integer.toUnsignedLong(nblocks);
        long current = Integer.toUnsignedLong(nblocks(rl, fork));
        if (target > current) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "could not truncate file \"" + RelPath.of(rl, fork) + "\" to "
                    + target + " blocks: it's only " + current + " blocks now");
        }
        if (target == current) return;
        int lastSegno = (int) (current / segmentBlocks);
        for (int segno = lastSegno; segno >= 0; segno--) {
            long prior = (long) segno * segmentBlocks;
            FileChannel ch = openSegment(rl, fork, segno);
            if (ch == null) continue;   // current is an exact multiple and the next segment was never created
            String path = segmentPath(rl, fork, segno);
            if (prior > target) {
                try {
                    ch.truncate(0);
                } catch (IOException e) {
                    throw FileErrors.error("could not truncate file \"" + path + "\"", e);
                }
                registerDirtySegment(rl, fork, segno, ch);
            } else if (prior + segmentBlocks > target) {
                try {
                    ch.truncate((target - prior) * Page.BLCKSZ);
                } catch (IOException e) {
                    throw FileErrors.error("could not truncate file \"" + path + "\" to " + target + " blocks", e);
                }
                registerDirtySegment(rl, fork, segno, ch);
            } else {
                break;
            }
        }
    }

    /**
     * smgrimmedsync / mdimmedsync: fsync every segment of the fork now (used after writing a
     * relation with skipFsync, e.g. when building it without WAL). A failure is a PANIC.
     */
    public void immedsync(RelFileLocator rl, ForkNumber fork) {
        nblocks(rl, fork);   // fails as PostgreSQL does if the fork does not exist
        for (int segno = 0; ; segno++) {
            FileChannel ch = openSegment(rl, fork, segno);
            if (ch == null) break;
            fsync(ch, segmentPath(rl, fork, segno));
        }
    }

    /**
     * mdsyncfiletag: fsync one segment, for the checkpointer working through its requests.
     *
     * @return false if the segment no longer exists (dropped since the request was made)
     */
    public boolean syncSegment(RelFileLocator rl, ForkNumber fork, int segno) {
        FileChannel ch = openSegment(rl, fork, segno);
        if (ch == null) return false;
        fsync(ch, segmentPath(rl, fork, segno));
        return true;
    }

    /**
     * smgrunlink / mdunlinkfork: remove a fork's files. Each segment is first truncated to zero
     * (so processes that still have it open do not keep the disk space) and its pending fsync
     * forgotten. The main fork's first segment, outside redo, is left empty for the checkpointer
     * to remove if the hook takes it ({@link SyncRequestHook#unlinkAfterCheckpoint}); otherwise
     * it is removed now.
     *
     * <p>This runs after commit, where an ERROR is not allowed, so failures to remove a file are
     * returned as PostgreSQL's WARNING texts for the caller to log instead of thrown.
     */
    public List<String> unlink(RelFileLocator rl, ForkNumber fork, boolean isRedo) {
        List<String> warnings = new ArrayList<>();
        String prefix = RelPath.of(rl, fork);
        try {
            files.closeMatching(p -> p.equals(prefix) || p.startsWith(prefix + "."));
        } catch (IOException e) {
            warnings.add("could not close file \"" + prefix + "\": " + FileErrors.strerror(e));
        }
        boolean firstExists = truncateToZero(prefix, warnings);
        if (!isRedo && fork == ForkNumber.MAIN && firstExists && syncRequests.unlinkAfterCheckpoint(rl)) {
            // the empty first segment stays as a tombstone until the next checkpoint
        } else {
            syncRequests.forgetSegment(rl, fork, 0);
            remove(prefix, warnings);
        }
        for (int segno = 1; ; segno++) {
            String path = segmentPath(rl, fork, segno);
            if (!truncateToZero(path, warnings)) break;
            syncRequests.forgetSegment(rl, fork, segno);
            if (!remove(path, warnings)) break;
        }
        return warnings;
    }

    /** smgrdounlinkall for one relation: {@link #unlink} of every fork. */
    public List<String> unlinkAll(RelFileLocator rl, boolean isRedo) {
        List<String> warnings = new ArrayList<>();
        for (ForkNumber f : ForkNumber.values()) warnings.addAll(unlink(rl, f, isRedo));
        return warnings;
    }

    /**
     * smgrclose: forget the open files of a relation. Needed when another process may have
     * unlinked or truncated them (on an invalidation message), so the next access reopens by name.
     */
    public void closeRelation(RelFileLocator rl) {
        String any = RelPath.of(rl, ForkNumber.MAIN);
        try {
            files.closeMatching(p -> p.equals(any) || p.startsWith(any + "_") || p.startsWith(any + "."));
        } catch (IOException e) {
            throw FileErrors.error("could not close file \"" + any + "\"", e);
        }
    }

    /** How many segment files this process has open (for tests and monitoring). */
    public int openFiles() {
        return files.openCount();
    }

    @Override
    public void close() {
        try {
            files.close();
        } catch (IOException e) {
            throw FileErrors.error("could not close relation files", e);
        }
    }

    // ---- segments (md.c's _mdfd_getseg and friends) ----

    /**
     * Segment 0's path of each fork, by relation (what md.c keeps in its open SMgrRelation):
     * smgrnblocks runs for every scanned relation of every statement, and building the path
     * strings there anew was a tenth of a select-only transaction's allocation. Paths never
     * change for a locator; the map is emptied when it grows past {@link #PATH_CACHE_MAX}.
     */
    private final java.util.HashMap<RelFileLocator, String[]> segment0Paths = new java.util.HashMap<>();
    private static final int PATH_CACHE_MAX = 4096;

    /** {@link RelPath#segment}, with segment 0's path from the cache. */
    private String segmentPath(RelFileLocator rl, ForkNumber fork, int segno) {
        String[] forks = segment0Paths.get(rl);
        if (forks == null) {
            if (segment0Paths.size() >= PATH_CACHE_MAX) segment0Paths.clear();
            forks = new String[ForkNumber.values().length];
            segment0Paths.put(rl, forks);
        }
        String base = forks[fork.ordinal()];
        if (base == null) forks[fork.ordinal()] = base = RelPath.of(rl, fork);
        return segno == 0 ? base : base + "." + Integer.toUnsignedString(segno);
    }

    private int segno(int blkno) {
        return (int) (Integer.toUnsignedLong(blkno) / segmentBlocks);
    }

    private long position(int blkno) {
        return Integer.toUnsignedLong(blkno) % segmentBlocks * Page.BLCKSZ;
    }

    /** _mdfd_openseg: the segment's channel, or null if the file does not exist. */
    private FileChannel openSegment(RelFileLocator rl, ForkNumber fork, int segno) {
        String path = segmentPath(rl, fork, segno);
        try {
            return files.openIfExists(path);
        } catch (IOException e) {
            throw FileErrors.error("could not open file \"" + path + "\"", e);
        }
    }

    /**
     * _mdfd_getseg with EXTENSION_FAIL: the segment holding {@code blkno}, which must exist and
     * whose predecessors must be full, else PostgreSQL's "could not open file" errors.
     */
    private FileChannel existingSegment(RelFileLocator rl, ForkNumber fork, int blkno) {
        int target = segno(blkno);
        // An open segment was checked when it was opened: md.c too walks only unopened segments.
        FileChannel cached = files.getIfOpen(segmentPath(rl, fork, target));
        if (cached != null) return cached;
        String first = segmentPath(rl, fork, 0);
        FileChannel ch = openSegment(rl, fork, 0);
        if (ch == null) throw FileErrors.error("could not open file \"" + first + "\"", new NoSuchFileException(first));
        for (int segno = 1; segno <= target; segno++) {
            long prevBlocks = segmentBlocks(ch, segmentPath(rl, fork, segno - 1));
            String path = segmentPath(rl, fork, segno);
            if (prevBlocks < segmentBlocks) {
                throw PgException.error(SqlState.UNDEFINED_FILE, "could not open file \"" + path + "\" (target block "
                        + Integer.toUnsignedString(blkno) + "): previous segment is only " + prevBlocks + " blocks");
            }
            ch = openSegment(rl, fork, segno);
            if (ch == null) {
                IOException e = new NoSuchFileException(path);
                throw new PgException(Severity.ERROR, FileErrors.sqlState(e), "could not open file \"" + path
                        + "\" (target block " + Integer.toUnsignedString(blkno) + "): " + FileErrors.strerror(e), null, null, 0, e);
            }
        }
        return ch;
    }

    /**
     * _mdfd_getseg with EXTENSION_CREATE: the segment for {@code blkno}, created if missing, after
     * filling each earlier segment to full length (by writing its last block as zeroes) so the
     * rule "every segment before the last is full" holds.
     */
    private FileChannel segmentForExtension(RelFileLocator rl, ForkNumber fork, int blkno) {
        int target = segno(blkno);
        FileChannel cached = files.getIfOpen(segmentPath(rl, fork, target));
        if (cached != null) return cached;
        String first = segmentPath(rl, fork, 0);
        FileChannel ch = openSegment(rl, fork, 0);
        if (ch == null) throw FileErrors.error("could not open file \"" + first + "\"", new NoSuchFileException(first));
        for (int segno = 0; segno < target; segno++) {
            String path = segmentPath(rl, fork, segno);
            long blocks = segmentBlocks(ch, path);
            if (blocks < segmentBlocks) {
                try {
                    int last = segmentBlocks - 1;
                    int written = writeFully(ch, zeroes.asSlice(0, Page.BLCKSZ), (long) last * Page.BLCKSZ);
                    if (written != Page.BLCKSZ) throw new IOException("short write");
                } catch (IOException e) {
                    throw FileErrors.error("could not extend file \"" + path + "\"", e).withHint("Check free disk space.");
                }
                registerDirtySegment(rl, fork, segno, ch);
            }
            String next = segmentPath(rl, fork, segno + 1);
            try {
                ch = files.openOrCreate(next);
            } catch (IOException e) {
                throw FileErrors.error("could not open file \"" + next + "\" (target block " + Integer.toUnsignedString(blkno) + ")", e);
            }
        }
        return ch;
    }

    /** _mdnblocks: whole blocks in one segment; more than a segment's worth means a corrupt file. */
    private long segmentBlocks(FileChannel ch, String path) {
        long size;
        try {
            size = ch.size();
        } catch (IOException e) {
            throw FileErrors.error("could not seek to end of file \"" + path + "\"", e);
        }
        long blocks = size / Page.BLCKSZ;
        if (blocks > segmentBlocks) throw PgException.fatal(SqlState.DATA_CORRUPTED, "segment too big: \"" + path + "\"");
        return blocks;
    }

    /** register_dirty_segment: queue an fsync, or do it now if the queue refuses. */
    private void registerDirtySegment(RelFileLocator rl, ForkNumber fork, int segno, FileChannel ch) {
        if (!syncRequests.dirtySegment(rl, fork, segno)) fsync(ch, segmentPath(rl, fork, segno));
    }

    private static void fsync(FileChannel ch, String path) {
        try {
            ch.force(true);
        } catch (IOException e) {
            throw FileErrors.panic("could not fsync file \"" + path + "\"", e);
        }
    }

    /** do_truncate: true if the file existed. */
    private boolean truncateToZero(String path, List<String> warnings) {
        try (FileChannel ch = FileChannel.open(files.resolve(path), StandardOpenOption.WRITE)) {
            ch.truncate(0);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            warnings.add("could not truncate file \"" + path + "\": " + FileErrors.strerror(e));
            return true;
        }
    }

    private boolean remove(String path, List<String> warnings) {
        try {
            Files.delete(files.resolve(path));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            warnings.add("could not remove file \"" + path + "\": " + FileErrors.strerror(e));
            return false;
        }
    }

    private static void checkPage(MemorySegment page) {
        if (page.byteSize() != Page.BLCKSZ) throw new IllegalArgumentException("a block is " + Page.BLCKSZ + " bytes, not " + page.byteSize());
    }

    /** pwrite until done; returns the bytes written (less than asked only if the channel stops accepting). */
    private static int writeFully(FileChannel ch, MemorySegment src, long pos) throws IOException {
        ByteBuffer bb = src.asByteBuffer();
        while (bb.hasRemaining()) {
            int n = ch.write(bb, pos + bb.position());
            if (n <= 0) break;
        }
        return bb.position();
    }

    /** pread until full or end of file; returns the bytes read. */
    private static int readFully(FileChannel ch, MemorySegment dst, long pos) throws IOException {
        ByteBuffer bb = dst.asByteBuffer();
        while (bb.hasRemaining()) {
            int n = ch.read(bb, pos + bb.position());
            if (n < 0) break;
        }
        return bb.position();
    }
}
