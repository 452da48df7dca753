package org.tusk.access.transam;

import java.util.Locale;

/**
 * {@code wal_sync_method}: how WAL is forced to disk. Tusk has the two methods that sync an open
 * file, {@code fdatasync} (PostgreSQL's default on Linux: data, and metadata only when needed
 * to read the data back; {@code FileChannel.force(false)}) and {@code fsync}
 * ({@code force(true)}). {@code open_sync} and {@code open_datasync} (O_SYNC writes) are not
 * offered: FileChannel cannot open with O_DSYNC.
 */
public enum WalSyncMethod {
    FSYNC, FDATASYNC;

    /** Whether the method also forces file metadata (the argument of FileChannel.force). */
    boolean forcesMetadata() {
        return this == FSYNC;
    }

    /** The setting's value, as spelled in postgresql.conf. */
    public static WalSyncMethod fromSetting(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "fsync" -> FSYNC;
            case "fdatasync" -> FDATASYNC;
            default -> throw new IllegalArgumentException("unsupported wal_sync_method \"" + value + "\"");
        };
    }
}
