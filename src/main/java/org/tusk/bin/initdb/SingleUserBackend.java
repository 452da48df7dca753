package org.tusk.bin.initdb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What initdb needs of single-user mode (PostgreSQL's {@code postgres --single}, which initdb.c
 * starts with popen and feeds its post-bootstrap SQL): run SQL texts in one session on a data
 * directory without a postmaster, and leave the cluster shut down cleanly. The implementation,
 * {@code org.tusk.main.PostgresSingleUser}, sits above the backend in the import graph, so the
 * program's entry point hands it to initdb.
 */
@FunctionalInterface
public interface SingleUserBackend {
    /**
     * Runs each of {@code sql} as one statement string in {@code database} as {@code user}, with
     * the "name=value" {@code settings} as command-line switches; returns after the shutdown
     * checkpoint. Throws with the first error.
     */
    void run(Path dataDir, String user, String database, List<String> settings, List<String> sql) throws IOException;
}
