package org.tusk.bin.initdb;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.DatabaseFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * initdb's post-bootstrap step (initdb.c's setup_* functions after bootstrap_template1): the
 * SQL scripts that create what is defined in SQL rather than in the catalog data files, such as
 * the system catalogs' indexes ({@code catalog_indexes.sql}, which PostgreSQL's bootstrap declares
 * and builds; built first, so that everything created later is entered into them), the system
 * views written in SQL ({@code system_views.sql}) and the information_schema
 * ({@code information_schema.sql}). They run in template1; template0 and
 * postgres are then made as copies of it, as initdb's make_template0 and make_postgres do with
 * CREATE DATABASE ... STRATEGY = file_copy.
 *
 * <p>As in PostgreSQL, the scripts run in single-user mode ({@link SingleUserBackend}, given by
 * the caller): no postmaster, no second JVM, the backend inside initdb's own JVM on private
 * shared memory, ending with the shutdown checkpoint, so copying template1's files afterwards is
 * safe. It runs with {@code fsync=off} (initdb's {@code -F}; {@link DataDirSync} fsyncs the
 * whole directory once at the end, initdb's sync_pgdata). The final
 * {@code pg_hba.conf} may ask for a password the session cannot give, so while the scripts run
 * it is {@code local all all trust}, and the final one is put back whether they succeed or not.
 */
final class PostBootstrap {
    private PostBootstrap() {}

    /** The scripts, in order, as resources next to this class. */
    static final List<String> SCRIPTS = List.of("catalog_indexes.sql", "system_views.sql", "information_schema.sql");
    /**
     * The switches initdb.c (PostgreSQL 15) gives its single-user backend that apply here: -F
     * (fsync off) and {@code log_checkpoints=false} (no "checkpoint complete" line in initdb's output).
     */
    static final List<String> SETTINGS = List.of("fsync=off", "log_checkpoints=false");

    static void run(Path dataDir, String user, SingleUserBackend backend) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        String finalHba = Files.readString(hba);
        Files.writeString(hba, "local all all trust\n");
        try {
            List<String> sql = new ArrayList<>();
            for (String script : SCRIPTS) sql.add(resource(script));
            backend.run(dataDir, user, "template1", SETTINGS, sql);
        } finally {
            Files.writeString(hba, finalHba);
        }
        for (int db : new int[] {BootstrapCatalog.TEMPLATE0_OID, BootstrapCatalog.POSTGRES_OID}) {
            Path dst = DatabaseFiles.databasePath(dataDir, db);
            DatabaseFiles.removeDir(dst);
            DatabaseFiles.copyDir(DatabaseFiles.databasePath(dataDir, BootstrapCatalog.TEMPLATE1_OID), dst);
        }
        DataDirSync.syncAll(dataDir);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = PostBootstrap.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
