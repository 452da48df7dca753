package org.tusk.libpq;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Lock files (PostgreSQL's CreateLockFile in miscinit.c): {@code postmaster.pid} in the data
 * directory and {@code .s.PGSQL.PORT.lock} beside each Unix socket. The first line is the owner's
 * PID. A file whose PID is not a live process (a postmaster killed with SIGKILL) is stale and is
 * replaced; one whose PID lives refuses the start.
 */
public final class LockFiles {
    private LockFiles() {}

    public static void create(Path file, String contents, String what) {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                Files.writeString(file, contents, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return;
            } catch (FileAlreadyExistsException e) {
                long other = ownerPid(file);
                if (other > 0 && other != ProcessHandle.current().pid() && isLive(other)) {
                    String hint = what.startsWith("socket")
                            ? "Is another postmaster (PID " + other + ") using socket file \""
                                    + file.toString().replace(".lock", "") + "\"?"
                            : "Is another postmaster (PID " + other + ") running in data directory \""
                                    + file.getParent() + "\"?";
                    throw new PgException(Severity.FATAL, SqlState.CONFIG_FILE_ERROR,
                            "lock file \"" + file + "\" already exists", null, hint, 0);
                }
                try {
                    Files.deleteIfExists(file);
                } catch (IOException io) {
                    throw new PgException(Severity.FATAL, SqlState.IO_ERROR,
                            "could not remove old lock file \"" + file + "\": " + io.getMessage(), null, null, 0);
                }
            } catch (IOException e) {
                throw new PgException(Severity.FATAL, SqlState.IO_ERROR,
                        "could not create lock file \"" + file + "\": " + e.getMessage(), null, null, 0);
            }
        }
        throw new PgException(Severity.FATAL, SqlState.IO_ERROR, "could not create lock file \"" + file + "\"", null, null, 0);
    }

    /** The PID on the first line, or 0 if unreadable. */
    public static long ownerPid(Path file) {
        try {
            String first = Files.readAllLines(file).stream().findFirst().orElse("").trim();
            return Long.parseLong(first.startsWith("-") ? first.substring(1) : first);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** A live (not zombie) process. */
    public static boolean isLive(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("State:")) return !line.contains("Z");
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
