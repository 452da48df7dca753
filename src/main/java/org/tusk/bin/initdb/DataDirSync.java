package org.tusk.bin.initdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * initdb's final step, sync_pgdata / fsync_pgdata (src/common/file_utils.c): the post-bootstrap
 * scripts ran with {@code fsync=off}, so nothing they wrote is known to be on disk; one pass over
 * the data directory fsyncs every regular file and then every directory, deepest first, so that
 * each directory entry is made durable after the file it names. Symbolic links (pg_tblspc) are not
 * followed: a fresh cluster has none, and PostgreSQL follows only pg_wal and pg_tblspc entries.
 */
final class DataDirSync {
    private DataDirSync() {}

    static void syncAll(Path dataDir) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (var walk = Files.walk(dataDir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) dirs.add(p);
                else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) fsync(p, StandardOpenOption.WRITE);
            }
        }
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path d : dirs) fsync(d, StandardOpenOption.READ);
    }

    /** fsync_fname: a directory is opened for reading (a directory cannot be opened for writing). */
    private static void fsync(Path p, StandardOpenOption mode) throws IOException {
        try (FileChannel ch = FileChannel.open(p, mode)) {
            ch.force(true);
        } catch (IOException e) {
            throw new IOException("could not fsync file \"" + p + "\": " + e.getMessage(), e);
        }
    }
}
