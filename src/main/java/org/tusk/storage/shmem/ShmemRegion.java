package org.tusk.storage.shmem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The one shared-memory region: a file under {@code /dev/shm} mapped by every process.
 *
 * <p>PostgreSQL uses an anonymous SysV/mmap segment inherited through fork(); Tusk's children
 * are fresh processes (EXEC_BACKEND style), so the region is a named file that each of them maps
 * again. The file starts with a {@link #HEADER}; everything after it is laid out by
 * {@code org.tusk.storage.ipc.SharedMemoryMap}, from the sizing recorded in the header, so a child
 * derives the same layout as its creator without reading any configuration.
 *
 * <p>A fresh file is all zeroes, and every structure in the region is designed so that zero is its
 * valid initial state; the creator writes only the header. After a crash the postmaster unlinks the
 * file and creates a new one: a process still holding the old mapping can no longer affect the new
 * region.
 */
public final class ShmemRegion implements AutoCloseable {
    /** "TUSKSHM1" as a little-endian long. */
    public static final long MAGIC = 0x314d48534b535554L;
    /** Bumped whenever any layout in the region changes; a mismatch refuses to attach. */
    public static final int LAYOUT_VERSION = 12;

    /** Header of the region: identity, then the sizing from which the rest of the layout is derived. */
    public static final StructLayout HEADER = MemoryLayout.structLayout(
            JAVA_LONG.withName("magic"),
            JAVA_INT.withName("layoutVersion"),
            JAVA_INT.withName("creatorPid"),
            JAVA_LONG.withName("totalSize"),
            JAVA_INT.withName("numSlots"),
            JAVA_INT.withName("maxBackends"),
            JAVA_INT.withName("querySize"),
            JAVA_INT.withName("nbuffers"),
            JAVA_INT.withName("walBuffers"),
            JAVA_INT.withName("maxLocksPerXact"));

    private static final VarHandle MAGIC_VH = HEADER.varHandle(groupElement("magic"));
    private static final VarHandle VERSION_VH = HEADER.varHandle(groupElement("layoutVersion"));
    private static final VarHandle CREATOR_VH = HEADER.varHandle(groupElement("creatorPid"));
    private static final VarHandle SIZE_VH = HEADER.varHandle(groupElement("totalSize"));
    private static final VarHandle SLOTS_VH = HEADER.varHandle(groupElement("numSlots"));
    private static final VarHandle MAXB_VH = HEADER.varHandle(groupElement("maxBackends"));
    private static final VarHandle QSIZE_VH = HEADER.varHandle(groupElement("querySize"));
    private static final VarHandle NBUFFERS_VH = HEADER.varHandle(groupElement("nbuffers"));
    private static final VarHandle WAL_BUFFERS_VH = HEADER.varHandle(groupElement("walBuffers"));
    private static final VarHandle MAX_LOCKS_VH = HEADER.varHandle(groupElement("maxLocksPerXact"));

    /**
     * The numbers that fix the region's layout: child slots, of which client backends, the size
     * of a status entry's query text, shared buffers, and WAL buffers (8 kB WAL pages, already
     * resolved from wal_buffers = -1; see {@code SharedMemoryMap.walBuffers}), and
     * max_locks_per_transaction, which sizes the heavyweight lock table.
     */
    public record Sizing(int numSlots, int maxBackends, int querySize, int nbuffers, int walBuffers,
                         int maxLocksPerXact) {
        /** max_locks_per_transaction's default. */
        public static final int DEFAULT_MAX_LOCKS_PER_XACT = 64;

        /** Sizing with the default max_locks_per_transaction. */
        public Sizing(int numSlots, int maxBackends, int querySize, int nbuffers, int walBuffers) {
            this(numSlots, maxBackends, querySize, nbuffers, walBuffers, DEFAULT_MAX_LOCKS_PER_XACT);
        }
    }

    private final Path path;
    private final Arena arena;
    private final MemorySegment segment;

    private ShmemRegion(Path path, Arena arena, MemorySegment segment) {
        this.path = path;
        this.arena = arena;
        this.segment = segment;
    }

    /** Creates (replacing any old file) and maps a zero-filled region of {@code size} bytes, writing the header. */
    public static ShmemRegion create(Path path, long size, Sizing sizing, int creatorPid) {
        try {
            Files.deleteIfExists(path);
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                ch.truncate(0);
                // Extend to size: writing the last byte allocates a sparse file; pages fill lazily.
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {0}), size - 1);
                Arena arena = Arena.ofShared();
                MemorySegment seg = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
                SIZE_VH.set(seg, 0L, size);
                SLOTS_VH.set(seg, 0L, sizing.numSlots());
                MAXB_VH.set(seg, 0L, sizing.maxBackends());
                QSIZE_VH.set(seg, 0L, sizing.querySize());
                NBUFFERS_VH.set(seg, 0L, sizing.nbuffers());
                WAL_BUFFERS_VH.set(seg, 0L, sizing.walBuffers());
                MAX_LOCKS_VH.set(seg, 0L, sizing.maxLocksPerXact());
                CREATOR_VH.set(seg, 0L, creatorPid);
                VERSION_VH.set(seg, 0L, LAYOUT_VERSION);
                MAGIC_VH.setRelease(seg, 0L, MAGIC);
                return new ShmemRegion(path, arena, seg);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create shared memory segment \"" + path + "\"", e);
        }
    }

    /** Maps an existing region, checking its header. */
    public static ShmemRegion attach(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            Arena arena = Arena.ofShared();
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            if (size < HEADER.byteSize() || (long) MAGIC_VH.getAcquire(seg, 0L) != MAGIC
                    || (int) VERSION_VH.get(seg, 0L) != LAYOUT_VERSION || (long) SIZE_VH.get(seg, 0L) != size) {
                arena.close();
                throw new IllegalStateException("shared memory segment \"" + path + "\" has an incompatible header");
            }
            return new ShmemRegion(path, arena, seg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not attach to shared memory segment \"" + path + "\"", e);
        }
    }

    public Sizing sizing() {
        return new Sizing((int) SLOTS_VH.get(segment, 0L), (int) MAXB_VH.get(segment, 0L), (int) QSIZE_VH.get(segment, 0L),
                (int) NBUFFERS_VH.get(segment, 0L), (int) WAL_BUFFERS_VH.get(segment, 0L),
                (int) MAX_LOCKS_VH.get(segment, 0L));
    }

    public int creatorPid() {
        return (int) CREATOR_VH.get(segment, 0L);
    }

    /**
     * The part of {@code seg} that the member {@code name} of {@code layout} occupies: how every
     * shared structure finds its parts, by name, from the one declared layout.
     */
    public static MemorySegment member(MemorySegment seg, StructLayout layout, String name) {
        return seg.asSlice(layout.byteOffset(groupElement(name)), layout.select(groupElement(name)).byteSize());
    }

    /** The whole region, header included. */
    public MemorySegment segment() {
        return segment;
    }

    public Path path() {
        return path;
    }

    /** Unmaps. Other processes' mappings are unaffected. */
    @Override
    public void close() {
        arena.close();
    }

    /** Unmaps and removes the file, so that no new process can attach to this generation. */
    public void destroy() {
        close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
