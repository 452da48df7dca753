package org.tusk.utils.sort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.tusk.utils.error.PgException;

/**
 * A temporary file of this backend (fd.c OpenTemporaryFile): created in the database's
 * temporary directory {@code base/pgsql_tmp} (made on first use) and named
 * {@code pgsql_tmp<pid>.<n>}, n counting the files this process created, as PostgreSQL names
 * them, so the postmaster's start-up cleanup (RemovePgTempFiles) and an administrator recognise
 * them. Deleted by {@link #close()}.
 */
final class TempFile implements AutoCloseable {
    /** fd.c's tempFileCounter: per process, so names never repeat within a backend. */
    private static final AtomicLong COUNTER = new AtomicLong();

    final Path path;

    private TempFile(Path path) {
        this.path = path;
    }

    static TempFile create(Path dataDir) {
        Path dir = dataDir.resolve("base").resolve("pgsql_tmp");
        Path p = dir.resolve("pgsql_tmp" + ProcessHandle.current().pid() + "." + COUNTER.getAndIncrement());
        try {
            Files.createDirectories(dir);
            Files.createFile(p);
        } catch (IOException e) {
            throw PgException.error("58P01", "could not create temporary file \"" + p + "\": " + e.getMessage());
        }
        return new TempFile(p);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left for the cleanup at the next server start, as PostgreSQL leaves a file it cannot unlink
        }
    }
}
