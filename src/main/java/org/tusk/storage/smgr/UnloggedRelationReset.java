package org.tusk.storage.smgr;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resetting unlogged relations after a crash (PostgreSQL's storage/file/reinit.c,
 * ResetUnloggedRelations). Their changes were never WAL-logged, so after a crash their files may
 * hold anything; each has an init fork ({@code <relfilenumber>_init}) holding its empty state,
 * which was WAL-logged and synced when it was made. The startup process calls this with
 * {@link Op#CLEANUP}, which removes every other fork of a relation that has an init fork, and
 * then with {@link Op#INIT}, which copies each init fork (every segment) to the main fork and
 * syncs the copies. After a clean shutdown nothing is reset: the shutdown checkpoint wrote the
 * unlogged relations' pages too.
 *
 * <p>The directories walked are those of every database: {@code base/<db>} and
 * {@code pg_tblspc/<spc>/PG_15_.../<db>}; shared relations are never unlogged.
 */
public final class UnloggedRelationReset {
    /** UNLOGGED_RELATION_CLEANUP and UNLOGGED_RELATION_INIT. */
    public enum Op { CLEANUP, INIT }

    /** parse_filename_for_nontemp_relation: a relfilenumber, an optional fork suffix, an optional segment number. */
    private static final Pattern FILE = Pattern.compile("(\\d+)(?:_(fsm|vm|init))?(\\.\\d+)?");

    private UnloggedRelationReset() {}

    /** ResetUnloggedRelations: {@code op} in every database directory of {@code dataDir}. */
    public static void reset(Path dataDir, Op op) throws IOException {
        for (Path db : list(dataDir.resolve("base"))) if (Files.isDirectory(db)) resetDbspace(db, op);
        for (Path spc : list(dataDir.resolve("pg_tblspc"))) {
            for (Path db : list(spc.resolve(RelPath.TABLESPACE_VERSION_DIRECTORY))) {
                if (Files.isDirectory(db)) resetDbspace(db, op);
            }
        }
    }

    /** ResetUnloggedRelationsInDbspaceDir. */
    static void resetDbspace(Path dir, Op op) throws IOException {
        List<Path> files = list(dir);
        Set<String> unlogged = new HashSet<>();
        for (Path f : files) {
            Matcher m = FILE.matcher(f.getFileName().toString());
            if (m.matches() && "init".equals(m.group(2))) unlogged.add(m.group(1));
        }
        if (unlogged.isEmpty()) return;
        if (op == Op.CLEANUP) {
            // every fork but the init fork of each relation that has one
            for (Path f : files) {
                Matcher m = FILE.matcher(f.getFileName().toString());
                if (m.matches() && unlogged.contains(m.group(1)) && !"init".equals(m.group(2))) Files.deleteIfExists(f);
            }
            return;
        }
        List<Path> copies = new ArrayList<>();
        for (Path f : files) {
            Matcher m = FILE.matcher(f.getFileName().toString());
            if (!m.matches() || !"init".equals(m.group(2))) continue;
            Path main = dir.resolve(m.group(1) + (m.group(3) == null ? "" : m.group(3)));
            Files.copy(f, main, StandardCopyOption.REPLACE_EXISTING);
            copies.add(main);
        }
        // the copies must be on disk before the end-of-recovery checkpoint lets WAL go
        for (Path c : copies) fsync(c);
        fsync(dir);
    }

    private static void fsync(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(p)) throw e;   // some systems cannot open a directory for fsync
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) out.add(p);
        }
        return out;
    }
}
