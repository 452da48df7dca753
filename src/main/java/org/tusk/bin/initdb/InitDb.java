package org.tusk.bin.initdb;

import org.tusk.access.transam.XLogBootstrap;
import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.CatalogBootstrap;
import org.tusk.libpq.MockAuthenticationNonce;
import org.tusk.libpq.ScramSha256;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code tusk initdb}: creates a data directory (PostgreSQL's src/bin/initdb).
 *
 * <p>Lays out PostgreSQL's directory tree, writes {@code PG_VERSION}, {@code postgresql.conf},
 * {@code pg_hba.conf} and {@code pg_ident.conf}, and bootstraps the shared catalogs: the
 * bootstrap superuser (with a SCRAM-SHA-256 verifier when a password is given) and the databases
 * {@code template1}, {@code template0} and {@code postgres}; then writes each database's heap
 * catalogs (pg_class, pg_attribute, pg_type, pg_namespace, ...) as bootstrap mode does
 * ({@link CatalogBootstrap}).
 */
public final class InitDb {
    private static final Set<String> METHODS = Set.of("trust", "reject", "password", "md5", "scram-sha-256");
    private static final List<String> SUBDIRS = List.of("global", "pg_wal", "pg_wal/archive_status", "pg_xact",
            "pg_commit_ts", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans", "pg_twophase",
            "pg_multixact/members", "pg_multixact/offsets", "base/1", "base/4", "base/5", "pg_replslot", "pg_tblspc",
            "pg_stat", "pg_stat_tmp", "pg_logical/snapshots", "pg_logical/mappings", "log");

    private final PrintStream out;
    private final SingleUserBackend singleUser;

    InitDb(PrintStream out, SingleUserBackend singleUser) {
        this.out = out;
        this.singleUser = singleUser;
    }

    /**
     * Entry point; returns the process exit code. {@code singleUser} runs the post-bootstrap SQL
     * (PostgreSQL's initdb starts {@code postgres --single} for it).
     */
    public static int main(String[] args, PrintStream out, PrintStream err, SingleUserBackend singleUser) {
        Path dataDir = null;
        String user = System.getProperty("user.name");
        String authLocal = null, authHost = null, pwfile = null, locale = null, lcCollate = null, lcCtype = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            try {
                switch (a) {
                    case "-D", "--pgdata" -> dataDir = Path.of(args[++i]);
                    case "-U", "--username" -> user = args[++i];
                    case "-A", "--auth" -> authLocal = authHost = args[++i];
                    case "--auth-local" -> authLocal = args[++i];
                    case "--auth-host" -> authHost = args[++i];
                    case "--pwfile" -> pwfile = args[++i];
                    case "--locale" -> locale = args[++i];
                    case "--lc-collate" -> lcCollate = args[++i];
                    case "--lc-ctype" -> lcCtype = args[++i];
                    case "--no-locale" -> locale = "C";
                    default -> {
                        if (a.startsWith("--pgdata=")) dataDir = Path.of(a.substring(9));
                        else if (a.startsWith("--auth=")) authLocal = authHost = a.substring(7);
                        else if (a.startsWith("--pwfile=")) pwfile = a.substring(9);
                        else if (a.startsWith("--locale=")) locale = a.substring(9);
                        else if (a.startsWith("--lc-collate=")) lcCollate = a.substring(13);
                        else if (a.startsWith("--lc-ctype=")) lcCtype = a.substring(11);
                        else if (a.startsWith("--username=")) user = a.substring(11);
                        else if (a.startsWith("-D")) dataDir = Path.of(a.substring(2));
                        else if (a.startsWith("-U")) user = a.substring(2);
                        else {
                            err.println("initdb: error: unrecognized option \"" + a + "\"");
                            return 1;
                        }
                    }
                }
            } catch (ArrayIndexOutOfBoundsException e) {
                err.println("initdb: error: option \"" + a + "\" requires an argument");
                return 1;
            }
        }
        if (dataDir == null) {
            err.println("initdb: error: no data directory specified");
            err.println("initdb: hint: You must identify the directory where the data for this database system will reside.  Do this with either the invocation option -D or the environment variable PGDATA.");
            return 1;
        }
        authLocal = authLocal == null ? "trust" : authLocal;
        authHost = authHost == null ? "trust" : authHost;
        for (String m : List.of(authLocal, authHost)) {
            if (!METHODS.contains(m)) {
                err.println("initdb: error: invalid authentication method \"" + m + "\" for \"local\" connections");
                return 1;
            }
        }
        String password = null;
        if (pwfile != null) {
            try {
                List<String> lines = Files.readAllLines(Path.of(pwfile), StandardCharsets.UTF_8);
                password = lines.isEmpty() ? "" : lines.get(0);
            } catch (IOException e) {
                err.println("initdb: error: could not open file \"" + pwfile + "\" for reading: " + e.getMessage());
                return 1;
            }
        }
        boolean needsPassword = !Set.of("trust", "reject").contains(authLocal) || !Set.of("trust", "reject").contains(authHost);
        if (needsPassword && password == null) {
            err.println("initdb: error: must specify a password for the superuser to enable password authentication");
            return 1;
        }
        if (user == null || user.isEmpty() || user.startsWith("pg_")) {
            err.println("initdb: error: superuser name \"" + user + "\" is disallowed; role names cannot begin with \"pg_\"");
            return 1;
        }
        String collate, ctype;
        try {
            collate = InitLocale.choose("LC_COLLATE", lcCollate, locale, System.getenv());
            ctype = InitLocale.choose("LC_CTYPE", lcCtype, locale, System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("initdb: error: " + e.getMessage());
            return 1;
        }
        try {
            new InitDb(out, singleUser).create(dataDir, user, password, authLocal, authHost, collate, ctype);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("initdb: error: " + e.getMessage());
            return 1;
        }
    }

    void create(Path dataDir, String user, String password, String authLocal, String authHost, String collate,
                String ctype) throws IOException {
        out.println("The files belonging to this database system will be owned by user \"" + System.getProperty("user.name") + "\".");
        out.println("This user must also own the server process.");
        out.println();
        if (collate.equals(ctype)) {
            out.println("The database cluster will be initialized with locale \"" + collate + "\".");
        } else {
            out.println("The database cluster will be initialized with locales");
            out.println("  COLLATE:  " + collate);
            out.println("  CTYPE:    " + ctype);
        }
        out.println();
        if (Files.exists(dataDir)) {
            try (var s = Files.list(dataDir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException("directory \"" + dataDir + "\" exists but is not empty");
                }
            }
            out.println("fixing permissions on existing directory " + dataDir + " ... ok");
        } else {
            out.println("creating directory " + dataDir + " ... ok");
        }
        Files.createDirectories(dataDir);
        out.println("creating subdirectories ... ok");
        for (String d : SUBDIRS) Files.createDirectories(dataDir.resolve(d));
        Files.writeString(dataDir.resolve("PG_VERSION"), "15\n");
        for (String db : List.of("base/1", "base/4", "base/5")) Files.writeString(dataDir.resolve(db).resolve("PG_VERSION"), "15\n");
        out.println("creating configuration files ... ok");
        Files.writeString(dataDir.resolve("postgresql.conf"), ConfigTemplates.postgresqlConf());
        Files.writeString(dataDir.resolve("pg_hba.conf"), ConfigTemplates.pgHbaConf(authLocal, authHost));
        Files.writeString(dataDir.resolve("pg_ident.conf"), ConfigTemplates.pgIdentConf());
        Files.writeString(dataDir.resolve("postgresql.auto.conf"),
                "# Do not edit this file manually!\n# It will be overwritten by the ALTER SYSTEM command.\n");
        out.println("bootstrapping shared catalogs ... ok");
        String secret = password == null ? null : ScramSha256.buildVerifier(password);
        BootstrapCatalog.write(dataDir,
                List.of(new BootstrapCatalog.Role(BootstrapCatalog.BOOTSTRAP_SUPERUSER_ID, user, true, true, secret)),
                List.of(templateAcl(new BootstrapCatalog.Database(BootstrapCatalog.TEMPLATE1_OID, "template1", true, true)
                                .withLocale(collate, ctype)),
                        templateAcl(new BootstrapCatalog.Database(BootstrapCatalog.TEMPLATE0_OID, "template0", false, true)
                                .withLocale(collate, ctype)),
                        new BootstrapCatalog.Database(BootstrapCatalog.POSTGRES_OID, "postgres", true, false)
                                .withLocale(collate, ctype)));
        out.println("creating system catalogs ... ok");
        for (String db : List.of("base/1", "base/4", "base/5")) {
            CatalogBootstrap.write(dataDir.resolve(db), BootstrapCatalog.BOOTSTRAP_SUPERUSER_ID);
        }
        byte[] nonce = MockAuthenticationNonce.loadOrCreate(dataDir.resolve("global").resolve("mock_authentication_nonce"));
        out.println("creating write-ahead log, control file and transaction status ... ok");
        XLogBootstrap.bootstrap(dataDir, nonce, 100);
        out.println("performing post-bootstrap initialization ... ok");
        PostBootstrap.run(dataDir, user, singleUser);
        out.println();
        out.println("Success. You can now start the database server using:");
        out.println();
        out.println("    ./tusk start -D " + dataDir);
        out.println();
    }

    /**
     * setup_privileges: PUBLIC may connect to the templates but not create in them (initdb's
     * REVOKE CREATE, TEMPORARY ON DATABASE template1 FROM public), so datacl is explicit.
     */
    private static BootstrapCatalog.Database templateAcl(BootstrapCatalog.Database d) {
        String su = String.valueOf(BootstrapCatalog.BOOTSTRAP_SUPERUSER_ID);
        return new BootstrapCatalog.Database(d.oid(), d.name(), d.dba(), d.encoding(), d.locProvider(), d.isTemplate(),
                d.allowConnections(), d.connLimit(), d.frozenXid(), d.minMxid(), d.tablespace(), d.collate(), d.ctype(),
                d.iculocale(), d.collversion(), List.of("=c/" + su, su + "=CTc/" + su));
    }
}
