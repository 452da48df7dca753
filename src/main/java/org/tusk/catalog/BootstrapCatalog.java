package org.tusk.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shared catalogs a backend needs before it can run SQL: roles ({@code pg_authid}) and
 * databases ({@code pg_database}), kept as two small text files under {@code global/}.
 *
 * <p>This is how PostgreSQL itself did it until 9.0 ("flat files" {@code global/pg_auth} and
 * {@code global/pg_database}, read by backends before catalog access was possible). Tusk keeps
 * these files until the heap-based system catalogs exist; they then become a cache written from
 * {@code pg_authid} and {@code pg_database}. Each file is replaced atomically (write and rename),
 * so a reader sees either the old or the new contents.
 *
 * <p>Format: one line per row, tab-separated columns, a header line naming them; the
 * password column holds PostgreSQL's stored form (a SCRAM-SHA-256 verifier, an md5 hash, or
 * empty for none). OIDs are PostgreSQL's: the bootstrap superuser is 10, template1 is 1,
 * template0 is 4 and postgres is 5.
 */
public final class BootstrapCatalog {
    public static final int BOOTSTRAP_SUPERUSER_ID = 10;
    public static final int TEMPLATE1_OID = 1, TEMPLATE0_OID = 4, POSTGRES_OID = 5;

    private static final String AUTHID = "pg_authid";
    private static final String DATABASE = "pg_database";

    /** A row of pg_authid, as much of it as authentication needs. */
    public record Role(int oid, String name, boolean superuser, boolean canLogin, String password) {}

    /** A row of pg_database. */
    public record Database(int oid, String name, boolean allowConnections, boolean isTemplate) {}

    private final List<Role> roles;
    private final List<Database> databases;

    private BootstrapCatalog(List<Role> roles, List<Database> databases) {
        this.roles = roles;
        this.databases = databases;
    }

    public static BootstrapCatalog load(Path dataDir) {
        List<Role> roles = new ArrayList<>();
        for (String[] f : rows(dataDir.resolve("global").resolve(AUTHID), 5)) {
            roles.add(new Role(Integer.parseInt(f[0]), f[1], f[2].equals("t"), f[3].equals("t"), f[4].isEmpty() ? null : f[4]));
        }
        List<Database> dbs = new ArrayList<>();
        for (String[] f : rows(dataDir.resolve("global").resolve(DATABASE), 4)) {
            dbs.add(new Database(Integer.parseInt(f[0]), f[1], f[2].equals("t"), f[3].equals("t")));
        }
        return new BootstrapCatalog(roles, dbs);
    }

    private static List<String[]> rows(Path file, int columns) {
        try {
            List<String[]> out = new ArrayList<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isEmpty()) continue;
                String[] f = line.split("\t", -1);
                if (f.length != columns) throw new IllegalStateException("corrupt catalog file \"" + file + "\": " + line);
                out.add(f);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read catalog file \"" + file + "\"", e);
        }
    }

    public Optional<Role> role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<Role> role(int oid) {
        return roles.stream().filter(r -> r.oid() == oid).findFirst();
    }

    public Optional<Database> database(String name) {
        return databases.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public List<Role> roles() {
        return List.copyOf(roles);
    }

    public List<Database> databases() {
        return List.copyOf(databases);
    }

    /** Writes both files (used by initdb, and later by CREATE ROLE / CREATE DATABASE). */
    public static void write(Path dataDir, List<Role> roles, List<Database> databases) {
        StringBuilder a = new StringBuilder("oid\trolname\trolsuper\trolcanlogin\trolpassword\n");
        for (Role r : roles) {
            a.append(r.oid()).append('\t').append(r.name()).append('\t').append(r.superuser() ? 't' : 'f').append('\t')
                    .append(r.canLogin() ? 't' : 'f').append('\t').append(r.password() == null ? "" : r.password()).append('\n');
        }
        StringBuilder d = new StringBuilder("oid\tdatname\tdatallowconn\tdatistemplate\n");
        for (Database db : databases) {
            d.append(db.oid()).append('\t').append(db.name()).append('\t').append(db.allowConnections() ? 't' : 'f')
                    .append('\t').append(db.isTemplate() ? 't' : 'f').append('\n');
        }
        replace(dataDir.resolve("global").resolve(AUTHID), a.toString());
        replace(dataDir.resolve("global").resolve(DATABASE), d.toString());
    }

    private static void replace(Path file, String contents) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, contents, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write catalog file \"" + file + "\"", e);
        }
    }
}
