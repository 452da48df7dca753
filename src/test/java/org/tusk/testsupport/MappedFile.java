package org.tusk.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A zero-filled file under /dev/shm (or the temp directory) mapped shared, as ShmemRegion maps
 * the real region: the stand-in for shared memory in unit tests. Threads of a test play
 * processes; a second process may {@link #attach} the same file.
 */
public final class MappedFile implements AutoCloseable {
    private final Path path;
    private final Arena arena;
    private final MemorySegment segment;
    private final boolean owner;

    private MappedFile(Path path, Arena arena, MemorySegment segment, boolean owner) {
        this.path = path;
        this.arena = arena;
        this.segment = segment;
        this.owner = owner;
    }

    public static MappedFile create(long size) {
        try {
            Path dir = Path.of("/dev/shm");
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) dir = Path.of(System.getProperty("java.io.tmpdir"));
            Path p = Files.createTempFile(dir, "tusk-test.", ".shm");
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[] {0}), size - 1);
            }
            return map(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maps a file another process created; closing only unmaps it. */
    public static MappedFile attach(Path p) {
        return map(p, false);
    }

    private static MappedFile map(Path p, boolean owner) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Arena arena = Arena.ofShared();
            return new MappedFile(p, arena, ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size(), arena), owner);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MemorySegment segment() { return segment; }
    public Path path() { return path; }

    /** Unmaps, and removes the file if this mapping created it. */
    @Override
    public void close() {
        arena.close();
        if (!owner) return;
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
