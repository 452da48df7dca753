package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_ATTRIBUTE;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.SystemCatalogs.PG_NAMESPACE;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.utils.adt.RegTypes;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The privilege inquiry functions of utils/adt/acl.c: has_table_privilege, has_column_privilege,
 * has_any_column_privilege, has_database_privilege, has_function_privilege,
 * has_schema_privilege, has_sequence_privilege and pg_has_role. Each takes the role (name, OID, or
 * none for the current user), the object (name or OID) and a privilege string, and answers
 * whether the role holds ANY of the listed privileges (ACLMASK_ANY).
 *
 * <p>As in PostgreSQL: a name that names nothing is an error (role 42704, relation 42P01, schema
 * 3F000, database 3D000, function 42883, column 42703); an OID that names nothing gives NULL; a
 * privilege word not valid for the object kind is 22023 "unrecognized privilege type". A superuser
 * holds every privilege, and an object's owner every grant option (aclmask). The role name
 * "public" stands for PUBLIC (get_role_oid_or_public) except in pg_has_role. Privileges
 * granted to a role count for every role that has its privileges (has_privs_of_role: inherited
 * membership in pg_auth_members), and a member of the owner role holds the owner's grant options;
 * pg_has_role answers MEMBER with is_member_of_role, USAGE with has_privs_of_role and WITH ADMIN
 * OPTION with is_admin_of_role.
 *
 * <p>Objects are read through {@link ObjectNames} with the session's catalog snapshot, roles and
 * databases through the shared catalog it exposes; nothing is cached.
 */
public final class PrivilegeInquiry {
    private PrivilegeInquiry() {}

    public static final int ACL_EXECUTE = 1 << 7, ACL_USAGE = 1 << 8;
    /** ACL_ALL_RIGHTS_SEQUENCE / _FUNCTION / _SCHEMA: what acldefault gives an owner. */
    static final int ALL_RIGHTS_SEQUENCE = ACL_USAGE | Acl.ACL_SELECT | Acl.ACL_UPDATE, ALL_RIGHTS_FUNCTION = ACL_EXECUTE,
            ALL_RIGHTS_SCHEMA = ACL_USAGE | Acl.ACL_CREATE;

    private static final int GRANT_OPTION_SHIFT = 16;

    /** The privilege words of each kind of object (the priv_map tables of acl.c). */
    private static final Map<String, Integer> TABLE_PRIVS = Map.of("SELECT", Acl.ACL_SELECT, "INSERT", Acl.ACL_INSERT,
            "UPDATE", Acl.ACL_UPDATE, "DELETE", Acl.ACL_DELETE, "TRUNCATE", Acl.ACL_TRUNCATE, "REFERENCES",
            Acl.ACL_REFERENCES, "TRIGGER", Acl.ACL_TRIGGER, "RULE", 0);
    private static final Map<String, Integer> COLUMN_PRIVS = Map.of("SELECT", Acl.ACL_SELECT, "INSERT", Acl.ACL_INSERT,
            "UPDATE", Acl.ACL_UPDATE, "REFERENCES", Acl.ACL_REFERENCES);
    private static final Map<String, Integer> DATABASE_PRIVS = Map.of("CREATE", Acl.ACL_CREATE, "TEMPORARY",
            Acl.ACL_CREATE_TEMP, "TEMP", Acl.ACL_CREATE_TEMP, "CONNECT", Acl.ACL_CONNECT);
    private static final Map<String, Integer> FUNCTION_PRIVS = Map.of("EXECUTE", ACL_EXECUTE);
    private static final Map<String, Integer> SCHEMA_PRIVS = Map.of("CREATE", Acl.ACL_CREATE, "USAGE", ACL_USAGE);
    private static final Map<String, Integer> SEQUENCE_PRIVS = Map.of("USAGE", ACL_USAGE, "SELECT", Acl.ACL_SELECT,
            "UPDATE", Acl.ACL_UPDATE);

    // ------------------------------------------------------------------ roles

    /** get_role_oid_or_public: "public" is PUBLIC (0); an unknown name is 42704. */
    public static int roleOrPublic(String name) {
        if (name.equals("public")) return Acl.PUBLIC;
        return role(name);
    }

    /** get_role_oid(name, false). */
    public static int role(String name) {
        int oid = ObjectNames.current().roleOid(name);
        if (oid == 0) throw PgException.error(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
        return oid;
    }

    /** GetUserId() for a session user name. */
    public static int currentUser(String name) {
        return role(name);
    }

    private static boolean superuser(int roleId) {
        return roleId != Acl.PUBLIC && ObjectNames.current().roleIsSuperuser(roleId);
    }

    // ------------------------------------------------------------------ privilege strings

    /**
     * convert_any_priv_string: a comma-separated list of privilege words, each optionally followed
     * by WITH GRANT OPTION, case-insensitive, surrounding white space ignored. The result has the
     * privileges in the low bits and the asked-for grant options in the high bits.
     */
    static int privileges(String text, Map<String, Integer> words) {
        int result = 0;
        for (String raw : text.split(",", -1)) {
            String chunk = raw.strip();
            String upper = chunk.toUpperCase(Locale.ROOT);
            boolean grantOption = upper.endsWith(" WITH GRANT OPTION");
            String word = grantOption ? upper.substring(0, upper.length() - " WITH GRANT OPTION".length()) : upper;
            Integer bit = words.get(word);
            if (bit == null) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized privilege type: \"" + chunk + "\"");
            }
            result |= grantOption ? bit << GRANT_OPTION_SHIFT : bit;
        }
        return result;
    }

    /**
     * aclmask with ACLMASK_ANY: whether {@code roleId} holds any of {@code wanted} under {@code acl}
     * (already the effective ACL); the owner holds every grant option, a superuser everything.
     */
    static boolean holdsAny(int[] acl, int owner, int roleId, int wanted) {
        if (wanted == 0) return false;
        if (superuser(roleId)) return true;
        int mask = Acl.mask(acl, roleId);
        if ((mask & wanted) == 0 && roleId != Acl.PUBLIC) mask |= Acl.mask(acl, privilegeRoles(roleId));
        if (roleId == owner || roleId != Acl.PUBLIC && RoleMembership.hasPrivsOfRole(ObjectNames.current().sharedCatalog(), roleId, owner))
            mask |= (mask & 0xFFFF) << GRANT_OPTION_SHIFT;
        return (mask & wanted) != 0;
    }

    /** roles_is_member_of(roleId, ROLERECURSE_PRIVS) in the session's view of pg_auth_members. */
    private static java.util.Set<Integer> privilegeRoles(int roleId) {
        return RoleMembership.rolesMemberOf(ObjectNames.current().sharedCatalog(), roleId, true);
    }

    // ------------------------------------------------------------------ tables and columns

    /** A pg_class row by OID, or null. */
    private static Object[] classRow(int relOid) {
        List<Object[]> rows = ObjectNames.current().rows(PG_CLASS, v -> oid(PG_CLASS.get(v, "oid")) == relOid);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** convert_table_name: RangeVarGetRelid of a possibly qualified name; 42P01 if there is none. */
    public static int tableByName(String name) {
        return RegTypes.regclassIn(name).intValue();
    }

    private static int[] relationAcl(Object[] c) {
        int owner = oid(PG_CLASS.get(c, "relowner"));
        int[] acl = (int[]) PG_CLASS.get(c, "relacl");
        if (acl != null) return acl;
        return new int[] {owner, owner, "S".equals(PG_CLASS.get(c, "relkind")) ? ALL_RIGHTS_SEQUENCE : Acl.ACL_ALL_RIGHTS_RELATION};
    }

    /** has_table_privilege: null when no relation has the OID. */
    public static Boolean table(int roleId, int relOid, String privs) {
        int mode = privileges(privs, TABLE_PRIVS);
        Object[] c = classRow(relOid);
        if (c == null) return null;
        return holdsAny(relationAcl(c), oid(PG_CLASS.get(c, "relowner")), roleId, mode);
    }

    /** has_sequence_privilege: the relation must be a sequence ("... is not a sequence", 42809). */
    public static Boolean sequence(int roleId, int relOid, String privs) {
        int mode = privileges(privs, SEQUENCE_PRIVS);
        Object[] c = classRow(relOid);
        if (c == null) return null;
        if (!"S".equals(PG_CLASS.get(c, "relkind"))) {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + PG_CLASS.get(c, "relname") + "\" is not a sequence");
        }
        return holdsAny(relationAcl(c), oid(PG_CLASS.get(c, "relowner")), roleId, mode);
    }

    /** pg_attribute row of a live user column, or null. */
    private static Object[] attribute(int relOid, int attnum) {
        List<Object[]> rows = ObjectNames.current().rows(PG_ATTRIBUTE, v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == relOid
                && ((Number) PG_ATTRIBUTE.get(v, "attnum")).intValue() == attnum);
        if (rows.isEmpty() || Boolean.TRUE.equals(PG_ATTRIBUTE.get(rows.get(0), "attisdropped"))) return null;
        return rows.get(0);
    }

    /** convert_column_name: attnum of a column by name; 42703 if the relation has none. */
    public static int columnByName(int relOid, String column) {
        List<Object[]> rows = ObjectNames.current().rows(PG_ATTRIBUTE, v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == relOid
                && column.equals(PG_ATTRIBUTE.get(v, "attname")) && !Boolean.TRUE.equals(PG_ATTRIBUTE.get(v, "attisdropped")));
        if (rows.isEmpty()) {
            String rel = ObjectNames.current().relation(relOid).map(ObjectNames.RelName::name).orElse(Integer.toUnsignedString(relOid));
            throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + rel + "\" does not exist");
        }
        return ((Number) PG_ATTRIBUTE.get(rows.get(0), "attnum")).intValue();
    }

    /**
     * column_privilege_check: the table-level privilege, else the column's own ACL; null when
     * the table or the column (dropped or never there) does not exist.
     */
    public static Boolean column(int roleId, int relOid, int attnum, String privs) {
        int mode = privileges(privs, COLUMN_PRIVS);
        Object[] c = classRow(relOid);
        if (c == null) return null;
        int owner = oid(PG_CLASS.get(c, "relowner"));
        if (holdsAny(relationAcl(c), owner, roleId, mode)) return true;
        Object[] a = attribute(relOid, attnum);
        if (a == null) return null;
        int[] attacl = (int[]) PG_ATTRIBUTE.get(a, "attacl");
        return attacl != null && holdsAny(attacl, owner, roleId, mode);
    }

    /** has_any_column_privilege: the table-level privilege or that of any live column. */
    public static Boolean anyColumn(int roleId, int relOid, String privs) {
        int mode = privileges(privs, COLUMN_PRIVS);
        Object[] c = classRow(relOid);
        if (c == null) return null;
        int owner = oid(PG_CLASS.get(c, "relowner"));
        if (holdsAny(relationAcl(c), owner, roleId, mode)) return true;
        for (Object[] a : ObjectNames.current().rows(PG_ATTRIBUTE, v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == relOid)) {
            int[] attacl = (int[]) PG_ATTRIBUTE.get(a, "attacl");
            if (((Number) PG_ATTRIBUTE.get(a, "attnum")).intValue() > 0 && !Boolean.TRUE.equals(PG_ATTRIBUTE.get(a, "attisdropped"))
                    && attacl != null && holdsAny(attacl, owner, roleId, mode)) return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ databases

    /** get_database_oid(name, false): 3D000 if there is none. */
    public static int databaseByName(String name) {
        return ObjectNames.current().sharedCatalog().database(name).map(BootstrapCatalog.Database::oid)
                .orElseThrow(() -> PgException.error(SqlState.INVALID_CATALOG_NAME, "database \"" + name + "\" does not exist"));
    }

    /** has_database_privilege: null when no database has the OID. */
    public static Boolean database(int roleId, int dbOid, String privs) {
        int mode = privileges(privs, DATABASE_PRIVS);
        var db = ObjectNames.current().sharedCatalog().database(dbOid);
        if (db.isEmpty()) return null;
        if (superuser(roleId)) return true;
        int mask = Acl.databaseMask(db.get(), roleId);
        if (roleId == db.get().dba()) mask |= (mask & 0xFFFF) << GRANT_OPTION_SHIFT;
        return (mask & mode) != 0;
    }

    // ------------------------------------------------------------------ schemas

    /** get_namespace_oid(name, false): 3F000 if there is none. */
    public static int schemaByName(String name) {
        int oid = ObjectNames.current().namespaceOid(name);
        if (oid == 0) throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
        return oid;
    }

    /** has_schema_privilege: nspacl, or acldefault(OBJECT_SCHEMA) (the owner's USAGE and CREATE); null for no schema. */
    public static Boolean schema(int roleId, int nspOid, String privs) {
        int mode = privileges(privs, SCHEMA_PRIVS);
        List<Object[]> rows = ObjectNames.current().rows(PG_NAMESPACE, v -> oid(PG_NAMESPACE.get(v, "oid")) == nspOid);
        if (rows.isEmpty()) return null;
        int owner = oid(PG_NAMESPACE.get(rows.get(0), "nspowner"));
        int[] acl = (int[]) PG_NAMESPACE.get(rows.get(0), "nspacl");
        return holdsAny(acl != null ? acl : new int[] {owner, owner, ALL_RIGHTS_SCHEMA}, owner, roleId, mode);
    }

    // ------------------------------------------------------------------ functions

    /**
     * convert_function_name (regprocedurein): "name(type, ...)", the name possibly qualified;
     * 42883 "function ... does not exist" if no function has that name and those argument types.
     * Returns the pg_proc OID, or -1 for a built-in function (whose ACL is the default: PUBLIC
     * may execute it).
     */
    public static int functionByName(String signature) {
        int open = signature.indexOf('('), close = signature.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "expected a left parenthesis");
        }
        String qualified = signature.substring(0, open).strip();
        List<Integer> argTypes = new ArrayList<>();
        for (String t : splitArguments(signature.substring(open + 1, close))) argTypes.add(RegTypes.regtypeIn(t).intValue());
        int dot = qualified.lastIndexOf('.');
        String schema = dot < 0 ? null : unquote(qualified.substring(0, dot));
        String name = unquote(dot < 0 ? qualified : qualified.substring(dot + 1));
        ObjectNames names = ObjectNames.current();
        int nsp = schema == null ? 0 : schemaByName(schema);
        List<Object[]> rows = names.rows(PG_PROC, v -> name.equals(PG_PROC.get(v, "proname"))
                && (schema == null ? names.searchPath().contains(oid(PG_PROC.get(v, "pronamespace")))
                        : oid(PG_PROC.get(v, "pronamespace")) == nsp)
                && sameTypes((int[]) PG_PROC.get(v, "proargtypes"), argTypes));
        if (!rows.isEmpty()) return oid(PG_PROC.get(rows.get(0), "oid"));
        if (schema == null || schema.equals("pg_catalog")) {
            for (PgProc p : BuiltinCatalog.functions(name)) if (p.argTypes().equals(argTypes)) return -1;
        }
        throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function \"" + signature + "\" does not exist");
    }

    private static boolean sameTypes(int[] stored, List<Integer> wanted) {
        if (stored == null) return wanted.isEmpty();
        if (stored.length != wanted.size()) return false;
        for (int i = 0; i < stored.length; i++) if (stored[i] != wanted.get(i)) return false;
        return true;
    }

    /** The argument list split at top-level commas (a typmod like numeric(10,2) stays whole). */
    private static List<String> splitArguments(String args) {
        List<String> out = new ArrayList<>();
        if (args.isBlank()) return out;
        int depth = 0, start = 0;
        for (int i = 0; i < args.length(); i++) {
            char ch = args.charAt(i);
            if (ch == '(') depth++;
            else if (ch == ')') depth--;
            else if (ch == ',' && depth == 0) {
                out.add(args.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(args.substring(start).strip());
        return out;
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) return t.substring(1, t.length() - 1).replace("\"\"", "\"");
        return t.toLowerCase(Locale.ROOT);
    }

    /**
     * has_function_privilege: proacl, or acldefault(OBJECT_FUNCTION) (owner and PUBLIC may
     * execute); {@code procOid} -1 is a built-in function. Null when no pg_proc row has the OID
     * (Tusk's built-in functions have none, so they can be asked about by name only).
     */
    public static Boolean function(int roleId, int procOid, String privs) {
        int mode = privileges(privs, FUNCTION_PRIVS);
        if (procOid == -1) return holdsAny(new int[] {Acl.PUBLIC, 10, ALL_RIGHTS_FUNCTION}, 10, roleId, mode);
        List<Object[]> rows = ObjectNames.current().rows(PG_PROC, v -> oid(PG_PROC.get(v, "oid")) == procOid);
        if (rows.isEmpty()) return null;
        int owner = oid(PG_PROC.get(rows.get(0), "proowner"));
        int[] acl = (int[]) PG_PROC.get(rows.get(0), "proacl");
        if (acl == null) acl = new int[] {Acl.PUBLIC, owner, ALL_RIGHTS_FUNCTION, owner, owner, ALL_RIGHTS_FUNCTION};
        return holdsAny(acl, owner, roleId, mode);
    }

    // ------------------------------------------------------------------ roles

    /**
     * pg_has_role: MEMBER (is_member_of_role) or USAGE (has_privs_of_role), optionally WITH
     * ADMIN/GRANT OPTION. Without role membership: a superuser has every role, a role itself.
     */
    public static boolean hasRole(int roleId, int targetRole, String privs) {
        int mode = privileges(privs, ROLE_PRIVS);
        if (superuser(roleId)) return true;   // a superuser is a member, and admin, of every role
        BootstrapCatalog cat = ObjectNames.current().sharedCatalog();
        // pg_role_aclcheck: ADMIN OPTION asked for first, then MEMBER (is_member_of_role), then USAGE (has_privs_of_role)
        if ((mode & (3 << GRANT_OPTION_SHIFT)) != 0 && RoleMembership.isAdminOfRole(cat, roleId, targetRole)) return true;
        if ((mode & 1) != 0 && RoleMembership.isMemberOfRole(cat, roleId, targetRole)) return true;
        return (mode & 2) != 0 && RoleMembership.hasPrivsOfRole(cat, roleId, targetRole);
    }

    /** convert_role_priv_string's words; WITH ADMIN OPTION is a synonym of WITH GRANT OPTION. */
    private static final Map<String, Integer> ROLE_PRIVS = Map.of("MEMBER", 1, "USAGE", 2,
            "MEMBER WITH ADMIN OPTION", 1 << GRANT_OPTION_SHIFT, "USAGE WITH ADMIN OPTION", 2 << GRANT_OPTION_SHIFT);
}
