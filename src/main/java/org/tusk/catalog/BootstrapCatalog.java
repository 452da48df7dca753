package org.tusk.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared catalogs a backend needs before it can run SQL: roles ({@code pg_authid}) and
 * databases ({@code pg_database}), kept as two small text files under {@code global/}.
 *
 * <p>This is how PostgreSQL itself did it until 9.0 ("flat files" {@code global/pg_auth} and
 * {@code global/pg_database}, read by backends before catalog access was possible). Here the
 * files are the catalogs themselves: {@link SharedCatalog} changes them transactionally. Each
 * file is replaced atomically (write, fsync, rename, fsync of the directory), so a reader sees
 * either the old or the new contents.
 *
 * <p>Format: a header line naming the columns (PostgreSQL's column names), then one line per
 * row, tab-separated; {@code \N} is SQL NULL and backslash, tab and newline inside a value are
 * written {@code \\}, {@code \t}, {@code \n} (COPY's text format). Columns are found by their
 * header name, so a file written by an older server with fewer columns still loads (missing
 * columns take the default PostgreSQL gives them). The password column holds PostgreSQL's
 * stored form (a SCRAM-SHA-256 verifier, an md5 hash, or NULL). OIDs are PostgreSQL's: the
 * bootstrap superuser is 10, template1 is 1, template0 is 4 and postgres is 5.
 */
public final class BootstrapCatalog {
    public static final int BOOTSTRAP_SUPERUSER_ID = 10;
    public static final int TEMPLATE1_OID = 1, TEMPLATE0_OID = 4, POSTGRES_OID = 5;
    /** pg_authid and pg_database's own OIDs (the relation OIDs PostgreSQL gives them), used as lock tags. */
    public static final int AUTHID_RELATION_ID = 1260, DATABASE_RELATION_ID = 1262, AUTH_MEMBERS_RELATION_ID = 1261,
            DB_ROLE_SETTING_RELATION_ID = 2964;
    /** pg_default tablespace. */
    public static final int DEFAULTTABLESPACE_OID = 1663;
    /** PG_UTF8 in pg_wchar.h's pg_enc. */
    public static final int PG_UTF8 = 6;

    static final String AUTHID = "pg_authid";
    static final String DATABASE = "pg_database";
    static final String DB_ROLE_SETTING = "pg_db_role_setting";
    static final String AUTH_MEMBERS = "pg_auth_members";

    /** A row of pg_authid (PostgreSQL 15's columns but oid's order). validUntil is timestamptz text or null. */
    public record Role(int oid, String name, boolean superuser, boolean inherit, boolean createRole, boolean createDb,
                       boolean canLogin, boolean replication, boolean bypassRls, int connLimit, String password,
                       String validUntil) {
        /** A role with PostgreSQL's defaults for what is not given (CREATE ROLE's defaults: INHERIT, no limit). */
        public Role(int oid, String name, boolean superuser, boolean canLogin, String password) {
            this(oid, name, superuser, true, superuser, superuser, canLogin, superuser, superuser, -1, password, null);
        }
    }

    /**
     * A row of pg_database. {@code acl} is datacl in aclitem text form with role OIDs in place of
     * names ("=c/10", "10=CTc/10"), or null for the default.
     */
    public record Database(int oid, String name, int dba, int encoding, char locProvider, boolean isTemplate,
                           boolean allowConnections, int connLimit, int frozenXid, int minMxid, int tablespace,
                           String collate, String ctype, String iculocale, String collversion, List<String> acl) {
        /** A database with initdb's defaults for what is not given. */
        public Database(int oid, String name, boolean allowConnections, boolean isTemplate) {
            this(oid, name, BOOTSTRAP_SUPERUSER_ID, PG_UTF8, 'c', isTemplate, allowConnections, -1, 3, 1,
                    DEFAULTTABLESPACE_OID, "C", "C", null, null, null);
        }

        public Database withName(String n) {
            return new Database(oid, n, dba, encoding, locProvider, isTemplate, allowConnections, connLimit, frozenXid,
                    minMxid, tablespace, collate, ctype, iculocale, collversion, acl);
        }

        /** The database with datcollate and datctype {@code collate} and {@code ctype} (initdb's locale). */
        public Database withLocale(String collate, String ctype) {
            return new Database(oid, name, dba, encoding, locProvider, isTemplate, allowConnections, connLimit, frozenXid,
                    minMxid, tablespace, collate, ctype, iculocale, collversion, acl);
        }

        public Database withOwner(int owner) {
            return new Database(oid, name, owner, encoding, locProvider, isTemplate, allowConnections, connLimit,
                    frozenXid, minMxid, tablespace, collate, ctype, iculocale, collversion, acl);
        }

        public Database withOptions(boolean template, boolean allowConn, int limit) {
            return new Database(oid, name, dba, encoding, locProvider, template, allowConn, limit, frozenXid, minMxid,
                    tablespace, collate, ctype, iculocale, collversion, acl);
        }
    }

    /**
     * A row of pg_db_role_setting: settings applied at connection start for a database (role 0),
     * a role (database 0) or a role in a database; each entry is "name=value".
     */
    public record DbRoleSetting(int database, int role, List<String> config) {}

    /**
     * A row of pg_auth_members (catalog/pg_auth_members.h): {@code member} is a member of
     * {@code roleid}, granted by {@code grantor}, and may grant the membership on when
     * {@code adminOption}. One row per (roleid, member) pair, as PostgreSQL 15 keeps it.
     */
    public record AuthMember(int roleid, int member, int grantor, boolean adminOption) {}

    private static final String[] AUTHID_COLUMNS = {"oid", "rolname", "rolsuper", "rolinherit", "rolcreaterole",
            "rolcreatedb", "rolcanlogin", "rolreplication", "rolbypassrls", "rolconnlimit", "rolpassword", "rolvaliduntil"};
    private static final String[] DATABASE_COLUMNS = {"oid", "datname", "datdba", "encoding", "datlocprovider",
            "datistemplate", "datallowconn", "datconnlimit", "datfrozenxid", "datminmxid", "dattablespace", "datcollate",
            "datctype", "daticulocale", "datcollversion", "datacl"};

    private final List<Role> roles;
    private final List<Database> databases;
    private final List<DbRoleSetting> settings;
    private final List<AuthMember> members;

    public BootstrapCatalog(List<Role> roles, List<Database> databases) {
        this(roles, databases, List.of());
    }

    public BootstrapCatalog(List<Role> roles, List<Database> databases, List<DbRoleSetting> settings) {
        this(roles, databases, settings, List.of());
    }

    public BootstrapCatalog(List<Role> roles, List<Database> databases, List<DbRoleSetting> settings,
                            List<AuthMember> members) {
        this.roles = List.copyOf(roles);
        this.databases = List.copyOf(databases);
        this.settings = List.copyOf(settings);
        this.members = List.copyOf(members);
    }

    /**
     * The last parse of each file, by content (see FlatFileMemo): a process-wide memo, not session
     * state, since what it answers depends only on the bytes read.
     */
    private static final FlatFileMemo<Role> ROLES_MEMO = new FlatFileMemo<>();
    private static final FlatFileMemo<Database> DATABASES_MEMO = new FlatFileMemo<>();
    private static final FlatFileMemo<DbRoleSetting> SETTINGS_MEMO = new FlatFileMemo<>();
    private static final FlatFileMemo<AuthMember> MEMBERS_MEMO = new FlatFileMemo<>();

    public static BootstrapCatalog load(Path dataDir) {
        return new BootstrapCatalog(loadRoles(dataDir), loadDatabases(dataDir), loadSettings(dataDir), loadMembers(dataDir));
    }

    /** pg_auth_members; a data directory made before it existed has no memberships. */
    static List<AuthMember> loadMembers(Path dataDir) {
        Path file = dataDir.resolve("global").resolve(AUTH_MEMBERS);
        if (!Files.exists(file)) return new ArrayList<>();
        return MEMBERS_MEMO.get(file, text -> {
            List<AuthMember> out = new ArrayList<>();
            for (Map<String, String> f : rows(text, file)) {
                out.add(new AuthMember(Integer.parseInt(f.get("roleid")), Integer.parseInt(f.get("member")),
                        Integer.parseInt(f.get("grantor")), bool(f.get("admin_option"), false)));
            }
            return out;
        });
    }

    static String membersText(List<AuthMember> members) {
        StringBuilder sb = new StringBuilder("roleid\tmember\tgrantor\tadmin_option\n");
        for (AuthMember m : members) {
            line(sb, String.valueOf(m.roleid()), String.valueOf(m.member()), String.valueOf(m.grantor()), b(m.adminOption()));
        }
        return sb.toString();
    }

    /** pg_auth_members rows. */
    public List<AuthMember> members() {
        return members;
    }

    /** The pg_auth_members row of (roleid, member), or null. */
    public AuthMember member(int roleid, int member) {
        for (AuthMember m : members) if (m.roleid() == roleid && m.member() == member) return m;
        return null;
    }

    /** pg_db_role_setting; a data directory made before it existed has none. */
    static List<DbRoleSetting> loadSettings(Path dataDir) {
        Path file = dataDir.resolve("global").resolve(DB_ROLE_SETTING);
        if (!Files.exists(file)) return new ArrayList<>();
        return SETTINGS_MEMO.get(file, text -> {
            List<DbRoleSetting> out = new ArrayList<>();
            for (Map<String, String> f : rows(text, file)) {
                List<String> config = new ArrayList<>();
                for (Object o : org.tusk.utils.adt.TextArrays.arrayIn(f.get("setconfig"))) config.add((String) o);
                out.add(new DbRoleSetting(Integer.parseInt(f.get("setdatabase")), Integer.parseInt(f.get("setrole")),
                        List.copyOf(config)));
            }
            return out;
        });
    }

    static String settingText(List<DbRoleSetting> settings) {
        StringBuilder sb = new StringBuilder("setdatabase\tsetrole\tsetconfig\n");
        for (DbRoleSetting s : settings) {
            line(sb, String.valueOf(s.database()), String.valueOf(s.role()), org.tusk.utils.adt.TextArrays.arrayOut(s.config()));
        }
        return sb.toString();
    }

    /** The settings of (database, role), or null. */
    public DbRoleSetting setting(int database, int role) {
        for (DbRoleSetting s : settings) if (s.database() == database && s.role() == role) return s;
        return null;
    }

    public List<DbRoleSetting> settings() {
        return settings;
    }

    static List<Role> loadRoles(Path dataDir) {
        Path file = dataDir.resolve("global").resolve(AUTHID);
        return ROLES_MEMO.get(file, text -> parseRoles(rows(text, file)));
    }

    private static List<Role> parseRoles(List<Map<String, String>> rows) {
        List<Role> roles = new ArrayList<>();
        for (Map<String, String> f : rows) {
            boolean sup = bool(f.get("rolsuper"), false);
            roles.add(new Role(Integer.parseInt(f.get("oid")), f.get("rolname"), sup, bool(f.get("rolinherit"), true),
                    bool(f.get("rolcreaterole"), sup), bool(f.get("rolcreatedb"), sup), bool(f.get("rolcanlogin"), false),
                    bool(f.get("rolreplication"), sup), bool(f.get("rolbypassrls"), sup),
                    f.get("rolconnlimit") == null ? -1 : Integer.parseInt(f.get("rolconnlimit")),
                    emptyToNull(f.get("rolpassword")), f.get("rolvaliduntil")));
        }
        return roles;
    }

    static List<Database> loadDatabases(Path dataDir) {
        Path file = dataDir.resolve("global").resolve(DATABASE);
        return DATABASES_MEMO.get(file, text -> parseDatabases(rows(text, file)));
    }

    private static List<Database> parseDatabases(List<Map<String, String>> rows) {
        List<Database> dbs = new ArrayList<>();
        for (Map<String, String> f : rows) {
            Database d = new Database(Integer.parseInt(f.get("oid")), f.get("datname"), bool(f.get("datallowconn"), true),
                    bool(f.get("datistemplate"), false));
            if (f.containsKey("datdba")) {
                String acl = f.get("datacl");
                d = new Database(d.oid(), d.name(), Integer.parseInt(f.get("datdba")), Integer.parseInt(f.get("encoding")),
                        f.get("datlocprovider").charAt(0), d.isTemplate(), d.allowConnections(),
                        Integer.parseInt(f.get("datconnlimit")), Integer.parseInt(f.get("datfrozenxid")),
                        Integer.parseInt(f.get("datminmxid")), Integer.parseInt(f.get("dattablespace")), f.get("datcollate"),
                        f.get("datctype"), f.get("daticulocale"), f.get("datcollversion"),
                        acl == null ? null : acl.isEmpty() ? List.of() : List.of(acl.split(",")));
            }
            dbs.add(d);
        }
        return dbs;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static boolean bool(String v, boolean dflt) {
        return v == null ? dflt : v.equals("t");
    }

    /** The rows of one file's text, each as column name to value (null for \N). */
    private static List<Map<String, String>> rows(String text, Path file) {
        List<Map<String, String>> out = new ArrayList<>();
        List<String> lines = text.lines().toList();
        if (lines.isEmpty()) throw new IllegalStateException("corrupt catalog file \"" + file + "\": no header");
        String[] header = lines.get(0).split("\t", -1);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t", -1);
            if (f.length != header.length) throw new IllegalStateException("corrupt catalog file \"" + file + "\": " + line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < f.length; i++) row.put(header[i], unescape(f[i]));
            out.add(row);
        }
        return out;
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

    public Optional<Database> database(int oid) {
        return databases.stream().filter(d -> d.oid() == oid).findFirst();
    }

    public List<Role> roles() {
        return roles;
    }

    public List<Database> databases() {
        return databases;
    }

    /** Writes both files (initdb). */
    public static void write(Path dataDir, List<Role> roles, List<Database> databases) {
        replace(dataDir.resolve("global").resolve(AUTHID), authidText(roles));
        replace(dataDir.resolve("global").resolve(DATABASE), databaseText(databases));
    }

    static String authidText(List<Role> roles) {
        StringBuilder a = new StringBuilder(String.join("\t", AUTHID_COLUMNS)).append('\n');
        for (Role r : roles) {
            line(a, String.valueOf(r.oid()), r.name(), b(r.superuser()), b(r.inherit()), b(r.createRole()), b(r.createDb()),
                    b(r.canLogin()), b(r.replication()), b(r.bypassRls()), String.valueOf(r.connLimit()), r.password(),
                    r.validUntil());
        }
        return a.toString();
    }

    static String databaseText(List<Database> databases) {
        StringBuilder d = new StringBuilder(String.join("\t", DATABASE_COLUMNS)).append('\n');
        for (Database db : databases) {
            line(d, String.valueOf(db.oid()), db.name(), String.valueOf(db.dba()), String.valueOf(db.encoding()),
                    String.valueOf(db.locProvider()), b(db.isTemplate()), b(db.allowConnections()),
                    String.valueOf(db.connLimit()), Integer.toUnsignedString(db.frozenXid()),
                    Integer.toUnsignedString(db.minMxid()), String.valueOf(db.tablespace()), db.collate(), db.ctype(),
                    db.iculocale(), db.collversion(), db.acl() == null ? null : String.join(",", db.acl()));
        }
        return d.toString();
    }

    private static String b(boolean v) {
        return v ? "t" : "f";
    }

    private static void line(StringBuilder sb, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append('\t');
            sb.append(escape(values[i]));
        }
        sb.append('\n');
    }

    static String escape(String v) {
        if (v == null) return "\\N";
        return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String v) {
        if (v.equals("\\N")) return null;
        if (v.indexOf('\\') < 0) return v;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '\\' || i + 1 == v.length()) {
                sb.append(c);
                continue;
            }
            char n = v.charAt(++i);
            sb.append(switch (n) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> n;
            });
        }
        return sb.toString();
    }

    /** Writes {@code contents} to {@code file} durably: temporary file, fsync, rename, fsync of the directory. */
    static void replace(Path file, String contents) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        writeDurably(tmp, contents);
        rename(tmp, file);
    }

    /** Writes and fsyncs a file. */
    static void writeDurably(Path file, String contents) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(contents.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write catalog file \"" + file + "\"", e);
        }
    }

    /** durable_rename: rename, then fsync the directory so that the rename survives a crash. */
    static void rename(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsyncDirectory(to.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not rename file \"" + from + "\" to \"" + to + "\"", e);
        }
    }

    /** fsync of a directory (fsync_fname with isdir). */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not fsync directory \"" + dir + "\"", e);
        }
    }
}
