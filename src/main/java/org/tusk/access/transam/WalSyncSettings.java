package org.tusk.access.transam;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * How a process makes WAL durable (PostgreSQL's issue_xlog_fsync with the {@code fsync} and
 * {@code wal_sync_method} settings). With {@code fsync} off nothing is forced and a flush only
 * writes to the kernel: fast and unsafe, as in PostgreSQL.
 *
 * @param fsync   the {@code fsync} setting
 * @param method  {@code wal_sync_method}
 * @param forcer  what forcing a file means; {@link FileChannel#force} except in tests, which count
 *                or slow down the calls
 */
public record WalSyncSettings(boolean fsync, WalSyncMethod method, Forcer forcer) {
    /** FileChannel.force's signature, injectable. */
    @FunctionalInterface
    public interface Forcer {
        void force(FileChannel ch, boolean metaData) throws IOException;
    }

    public static WalSyncSettings of(boolean fsync, WalSyncMethod method) {
        return new WalSyncSettings(fsync, method, FileChannel::force);
    }

    /** issue_xlog_fsync on one segment file. */
    void sync(FileChannel ch) throws IOException {
        if (fsync) forcer.force(ch, method.forcesMetadata());
    }
}
