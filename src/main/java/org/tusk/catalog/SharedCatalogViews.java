package org.tusk.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The shared catalogs as SQL relations: pg_database, pg_authid, pg_auth_members and the views
 * over pg_authid of PostgreSQL 15's system_views.sql (pg_roles, pg_user, pg_shadow), with their
 * columns, types and order. Each scan reads the session's transactional view of the flat files
 * ({@link SharedCatalog#current()}), so a session sees its own uncommitted role and database
 * changes and everyone else's committed ones.
 *
 * <p>pg_authid and pg_shadow show password hashes and are readable by superusers only (PostgreSQL
 * revokes SELECT on them from PUBLIC): others get 42501 "permission denied for table ...".
 * pg_roles and pg_user show '********' for a password that is set. pg_auth_members shows the
 * memberships GRANT role TO role made. datacl is shown with role names, as aclitemout does.
 */
public final class SharedCatalogViews implements RelationProvider {
    private static final List<ColumnDef> PG_DATABASE = List.of(col("oid", TypeOids.OID), col("datname", TypeOids.NAME),
            col("datdba", TypeOids.OID), col("encoding", TypeOids.INT4), col("datlocprovider", TypeOids.CHAR),
            col("datistemplate", TypeOids.BOOL), col("datallowconn", TypeOids.BOOL), col("datconnlimit", TypeOids.INT4),
            col("datfrozenxid", TypeOids.XID), col("datminmxid", TypeOids.XID), col("dattablespace", TypeOids.OID),
            col("datcollate", TypeOids.TEXT), col("datctype", TypeOids.TEXT), col("daticulocale", TypeOids.TEXT),
            col("datcollversion", TypeOids.TEXT), col("datacl", TypeOids.ACLITEM_ARRAY));
    private static final List<ColumnDef> PG_AUTHID = List.of(col("oid", TypeOids.OID), col("rolname", TypeOids.NAME),
            col("rolsuper", TypeOids.BOOL), col("rolinherit", TypeOids.BOOL), col("rolcreaterole", TypeOids.BOOL),
            col("rolcreatedb", TypeOids.BOOL), col("rolcanlogin", TypeOids.BOOL), col("rolreplication", TypeOids.BOOL),
            col("rolbypassrls", TypeOids.BOOL), col("rolconnlimit", TypeOids.INT4), col("rolpassword", TypeOids.TEXT),
            col("rolvaliduntil", TypeOids.TIMESTAMPTZ));
    private static final List<ColumnDef> PG_ROLES = List.of(col("rolname", TypeOids.NAME), col("rolsuper", TypeOids.BOOL),
            col("rolinherit", TypeOids.BOOL), col("rolcreaterole", TypeOids.BOOL), col("rolcreatedb", TypeOids.BOOL),
            col("rolcanlogin", TypeOids.BOOL), col("rolreplication", TypeOids.BOOL), col("rolconnlimit", TypeOids.INT4),
            col("rolpassword", TypeOids.TEXT), col("rolvaliduntil", TypeOids.TIMESTAMPTZ), col("rolbypassrls", TypeOids.BOOL),
            col("rolconfig", TypeOids.TEXT_ARRAY), col("oid", TypeOids.OID));
    /** pg_shadow and pg_user have the same columns. */
    private static final List<ColumnDef> PG_SHADOW = List.of(col("usename", TypeOids.NAME), col("usesysid", TypeOids.OID),
            col("usecreatedb", TypeOids.BOOL), col("usesuper", TypeOids.BOOL), col("userepl", TypeOids.BOOL),
            col("usebypassrls", TypeOids.BOOL), col("passwd", TypeOids.TEXT), col("valuntil", TypeOids.TIMESTAMPTZ),
            col("useconfig", TypeOids.TEXT_ARRAY));
    private static final List<ColumnDef> PG_AUTH_MEMBERS = List.of(col("roleid", TypeOids.OID), col("member", TypeOids.OID),
            col("grantor", TypeOids.OID), col("admin_option", TypeOids.BOOL));

    private static final List<ColumnDef> PG_DB_ROLE_SETTING = List.of(col("setdatabase", TypeOids.OID),
            col("setrole", TypeOids.OID), col("setconfig", TypeOids.TEXT_ARRAY));

    private static ColumnDef col(String name, int type) {
        return new ColumnDef(name, type, -1);
    }

    private final Supplier<BootstrapCatalog> catalog;
    private final BooleanSupplier superuser;

    /**
     * @param catalog   the session's view of the shared catalogs
     * @param superuser whether the current user is a superuser (asked at each scan)
     */
    public SharedCatalogViews(Supplier<BootstrapCatalog> catalog, BooleanSupplier superuser) {
        this.catalog = catalog;
        this.superuser = superuser;
    }

    @Override
    public ScannableRelation lookup(String schemaOrNull, String name) {
        if (schemaOrNull != null && !schemaOrNull.equals("pg_catalog")) return null;
        return switch (name) {
            // the catalogs (not the views) have PostgreSQL's relation OIDs, which their tableoid yields
            case "pg_database" -> new ComputedCatalog(name, 1262, PG_DATABASE, () -> rows(c -> databases(c)));
            case "pg_authid" -> new ComputedCatalog(name, 1260, PG_AUTHID, () -> rows(c -> authid(c, "pg_authid")));
            case "pg_roles" -> relation(PG_ROLES, () -> rows(SharedCatalogViews::roles));
            case "pg_shadow" -> relation(PG_SHADOW, () -> rows(c -> users(c, "pg_shadow")));
            case "pg_user" -> relation(PG_SHADOW, () -> rows(c -> users(c, null)));
            case "pg_auth_members" -> new ComputedCatalog(name, 1261, PG_AUTH_MEMBERS, () -> rows(SharedCatalogViews::members));
            case "pg_db_role_setting" -> new ComputedCatalog(name, 2964, PG_DB_ROLE_SETTING, () -> rows(SharedCatalogViews::settings));
            default -> null;
        };
    }

    private static ScannableRelation relation(List<ColumnDef> columns, Supplier<List<Object[]>> rows) {
        return new ScannableRelation() {
            @Override public List<ColumnDef> columns() { return columns; }
            @Override public Iterator<Object[]> scan() { return rows.get().iterator(); }
        };
    }

    private List<Object[]> rows(java.util.function.Function<BootstrapCatalog, List<Object[]>> f) {
        return f.apply(catalog.get());
    }

    private void requireSuperuser(String table) {
        if (!superuser.getAsBoolean())
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for table " + table);
    }

    private static List<Object[]> databases(BootstrapCatalog c) {
        List<Object[]> out = new ArrayList<>();
        for (BootstrapCatalog.Database d : c.databases()) {
            out.add(new Object[] {oid(d.oid()), d.name(), oid(d.dba()), d.encoding(), String.valueOf(d.locProvider()),
                    d.isTemplate(), d.allowConnections(), d.connLimit(), oid(d.frozenXid()), oid(d.minMxid()), oid(d.tablespace()), d.collate(), d.ctype(),
                    d.iculocale(), d.collversion(), d.acl() == null ? null : aclOut(c, d.acl())});
        }
        return out;
    }

    /** aclitemout for each item: role OIDs become names (quoted as putid does); PUBLIC is empty. */
    static List<String> aclOut(BootstrapCatalog c, List<String> acl) {
        List<String> out = new ArrayList<>();
        for (String item : acl) {
            int eq = item.indexOf('='), slash = item.lastIndexOf('/');
            String grantee = item.substring(0, eq), grantor = item.substring(slash + 1);
            out.add(roleOut(c, grantee) + item.substring(eq, slash + 1) + roleOut(c, grantor));
        }
        return out;
    }

    private static String roleOut(BootstrapCatalog c, String oid) {
        if (oid.isEmpty()) return "";
        return putid(c.role(Integer.parseInt(oid)).map(BootstrapCatalog.Role::name).orElse(oid));
    }

    /** aclitemout's role of a heap ACL (pg_class.relacl): its name by the session's lookup, else the OID. */
    static String roleOut(int oid) {
        return putid(ObjectNames.current().roleName(oid).orElse(Integer.toUnsignedString(oid)));
    }

    /** putid: a role name double-quoted unless it is only letters, digits and underscores. */
    private static String putid(String name) {
        for (char ch : name.toCharArray()) {
            if (!Character.isLetterOrDigit(ch) && ch != '_') return "\"" + name.replace("\"", "\"\"") + "\"";
        }
        return name;
    }

    private static List<Object[]> members(BootstrapCatalog c) {
        List<Object[]> out = new ArrayList<>();
        for (BootstrapCatalog.AuthMember m : c.members()) {
            out.add(new Object[] {oid(m.roleid()), oid(m.member()), oid(m.grantor()), m.adminOption()});
        }
        return out;
    }

    private static List<Object[]> settings(BootstrapCatalog c) {
        List<Object[]> out = new ArrayList<>();
        for (BootstrapCatalog.DbRoleSetting s : c.settings()) out.add(new Object[] {oid(s.database()), oid(s.role()), s.config()});
        return out;
    }

    /** rolconfig / useconfig: the role's settings in every database (pg_db_role_setting with setdatabase 0). */
    private static List<String> roleConfig(BootstrapCatalog c, BootstrapCatalog.Role r) {
        BootstrapCatalog.DbRoleSetting s = c.setting(0, r.oid());
        return s == null ? null : s.config();
    }

    /** oid and xid values are unsigned 32-bit numbers, held as Long. */
    private static Long oid(int v) {
        return Integer.toUnsignedLong(v);
    }

    private static Instant validUntil(BootstrapCatalog.Role r) {
        return r.validUntil() == null ? null : Instant.parse(r.validUntil());
    }

    private List<Object[]> authid(BootstrapCatalog c, String table) {
        requireSuperuser(table);
        List<Object[]> out = new ArrayList<>();
        for (BootstrapCatalog.Role r : c.roles()) {
            out.add(new Object[] {oid(r.oid()), r.name(), r.superuser(), r.inherit(), r.createRole(), r.createDb(), r.canLogin(),
                    r.replication(), r.bypassRls(), r.connLimit(), r.password(), validUntil(r)});
        }
        return out;
    }

    private static List<Object[]> roles(BootstrapCatalog c) {
        List<Object[]> out = new ArrayList<>();
        for (BootstrapCatalog.Role r : c.roles()) {
            out.add(new Object[] {r.name(), r.superuser(), r.inherit(), r.createRole(), r.createDb(), r.canLogin(),
                    r.replication(), r.connLimit(), "********", validUntil(r), r.bypassRls(), roleConfig(c, r), oid(r.oid())});
        }
        return out;
    }

    /** pg_shadow (passwords shown, superusers only) or pg_user (passwords masked); login roles only. */
    private List<Object[]> users(BootstrapCatalog c, String shadowTable) {
        if (shadowTable != null) requireSuperuser(shadowTable);
        List<Object[]> out = new ArrayList<>();
        for (BootstrapCatalog.Role r : c.roles()) {
            if (!r.canLogin()) continue;
            Object passwd = shadowTable != null ? r.password() : "********";
            out.add(new Object[] {r.name(), oid(r.oid()), r.createDb(), r.superuser(), r.replication(), r.bypassRls(), passwd,
                    validUntil(r), roleConfig(c, r)});
        }
        return out;
    }
}
