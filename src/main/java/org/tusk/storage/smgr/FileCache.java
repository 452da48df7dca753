package org.tusk.storage.smgr;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A process's open relation files (fd.c's virtual file descriptors): at most {@code maxOpen}
 * {@link FileChannel}s stay open, keyed by path relative to the data directory; opening one
 * more closes the least recently used. A closed file is simply reopened on next use, so callers
 * never hold a channel across another call into the cache.
 *
 * <p>One instance per process, used by one thread (the backend's main thread): no locking.
 * Files are created with mode 0600 and directories with 0700, as PostgreSQL creates them.
 */
final class FileCache implements AutoCloseable {
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> DIR_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path dataDir;
    private final int maxOpen;
    /** Access-ordered: iteration starts at the least recently used. */
    private final LinkedHashMap<String, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true);

    FileCache(Path dataDir, int maxOpen) {
        if (maxOpen < 1) throw new IllegalArgumentException("maxOpen must be at least 1");
        this.dataDir = dataDir;
        this.maxOpen = maxOpen;
    }

    Path resolve(String relPath) {
        return dataDir.resolve(relPath);
    }

    /** The channel of a file this cache has open, or null (without touching the file system). */
    FileChannel getIfOpen(String relPath) {
        return open.get(relPath);
    }

    /** The open channel of an existing file, or null if the file does not exist. */
    FileChannel openIfExists(String relPath) throws IOException {
        FileChannel ch = open.get(relPath);
        if (ch != null) return ch;
        try {
            return remember(relPath, FileChannel.open(resolve(relPath), StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The open channel of a file, created (empty) if missing. */
    FileChannel openOrCreate(String relPath) throws IOException {
        FileChannel ch = open.get(relPath);
        if (ch != null) return ch;
        return remember(relPath, FileChannel.open(resolve(relPath),
                Set.<OpenOption>of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE), FILE_MODE));
    }

    /**
     * Creates a new empty file (O_CREAT | O_EXCL), making its directory if needed (as
     * TablespaceCreateDbspace does for a database's first relation in a tablespace).
     *
     * @throws FileAlreadyExistsException if it exists
     */
    FileChannel createNew(String relPath) throws IOException {
        Path p = resolve(relPath);
        Files.createDirectories(p.getParent(), DIR_MODE);
        close(relPath);
        return remember(relPath, FileChannel.open(p,
                Set.<OpenOption>of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW), FILE_MODE));
    }

    private FileChannel remember(String relPath, FileChannel ch) throws IOException {
        if (open.size() >= maxOpen) {
            Iterator<Map.Entry<String, FileChannel>> it = open.entrySet().iterator();
            FileChannel eldest = it.next().getValue();
            it.remove();
            eldest.close();
        }
        open.put(relPath, ch);
        return ch;
    }

    /** Closes the file if open (before it is unlinked, so a new file of that name gets a new channel). */
    void close(String relPath) throws IOException {
        FileChannel ch = open.remove(relPath);
        if (ch != null) ch.close();
    }

    /** Closes every open file whose path matches. */
    void closeMatching(Predicate<String> which) throws IOException {
        List<String> victims = new ArrayList<>();
        for (String k : open.keySet()) if (which.test(k)) victims.add(k);
        for (String k : victims) close(k);
    }

    int openCount() {
        return open.size();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (FileChannel ch : open.values()) {
            try {
                ch.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        open.clear();
        if (first != null) throw first;
    }
}
