package org.tusk.storage.smgr;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/**
 * errcode_for_file_access and %m for Java's I/O exceptions: the SQLSTATE PostgreSQL would choose
 * for the underlying errno, and the strerror text it would print.
 */
final class FileErrors {
    private FileErrors() {}

    /** An ERROR "{@code message}: %m". */
    static PgException error(String message, IOException e) {
        return new PgException(Severity.ERROR, sqlState(e), message + ": " + strerror(e), null, null, 0, e);
    }

    /** The same at PANIC: a failed fsync, after which the kernel may have dropped the dirty data (data_sync_retry = off). */
    static PgException panic(String message, IOException e) {
        return new PgException(Severity.PANIC, sqlState(e), message + ": " + strerror(e), null, null, 0, e);
    }

    static String strerror(IOException e) {
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof FileAlreadyExistsException) return "File exists";
        if (e instanceof AccessDeniedException) return "Permission denied";
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    static String sqlState(IOException e) {
        if (e instanceof NoSuchFileException) return SqlState.UNDEFINED_FILE;
        if (e instanceof FileAlreadyExistsException) return SqlState.DUPLICATE_FILE;
        if (e instanceof AccessDeniedException) return SqlState.INSUFFICIENT_PRIVILEGE;
        String m = e.getMessage();
        if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) return SqlState.DISK_FULL;
        return SqlState.IO_ERROR;
    }
}
