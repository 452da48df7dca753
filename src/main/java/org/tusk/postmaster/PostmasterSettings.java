package org.tusk.postmaster;

import java.util.List;

/**
 * The settings the postmaster itself acts on, read from the configuration at start and (for
 * those marked SIGHUP) again at reload.
 */
public record PostmasterSettings(
        int port,
        String listenAddresses,
        List<String> unixSocketDirectories,
        int maxConnections,
        int sharedBuffers,
        /** wal_buffers in 8 kB WAL pages; -1: chosen from shared_buffers. */
        int walBuffers,
        int trackActivityQuerySize,
        /** max_locks_per_transaction: sizes the shared lock table. */
        int maxLocksPerXact,
        int backendSpares,
        /** authentication_timeout: how long a refused connection may take to send its startup packet. */
        int authenticationTimeoutSeconds,
        /** log_connections as the configuration file sets it: the "connection received" line of a refused connection. */
        boolean logConnections,
        boolean restartAfterCrash,
        /** autovacuum (SIGHUP): whether the autovacuum launcher runs (with track_counts, AutoVacuumingActive). */
        boolean autovacuum,
        /** autovacuum_max_workers: child slots kept for autovacuum workers. */
        int autovacuumMaxWorkers,
        String logLinePrefix,
        /** Every child JVM's options, the AOT cache's excepted. */
        List<String> backendJvmOptions,
        /**
         * The options that give a child JVM the build's AOT cache (empty when there is none or
         * backend_jvm_options is not the default it was trained for): see ChildLauncher for which
         * children get it.
         */
        List<String> aotCacheOptions) {
}
