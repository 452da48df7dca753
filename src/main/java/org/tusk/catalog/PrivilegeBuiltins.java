package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;

/**
 * pg_proc.dat entries of the privilege inquiry functions (acl.c): every argument form of
 * has_table_privilege, has_column_privilege, has_any_column_privilege, has_database_privilege,
 * has_function_privilege, has_schema_privilege, has_sequence_privilege and pg_has_role — the
 * role as name, OID or omitted (the current user), the object as text or OID (columns also by
 * name or smallint number). The answers come from {@link PrivilegeInquiry}.
 */
final class PrivilegeBuiltins {
    private PrivilegeBuiltins() {}

    /** How an object argument (text name or OID) becomes an OID. */
    private interface Resolver {
        int resolve(Object arg);
    }

    /** The answer for (role, object, privileges). */
    private interface Check {
        Boolean check(int role, int object, String privs);
    }

    static void register(BuiltinRegistry r) {
        objectFunctions(r, "has_table_privilege", a -> PrivilegeInquiry.tableByName((String) a), PrivilegeInquiry::table);
        objectFunctions(r, "has_sequence_privilege", a -> PrivilegeInquiry.tableByName((String) a), PrivilegeInquiry::sequence);
        objectFunctions(r, "has_any_column_privilege", a -> PrivilegeInquiry.tableByName((String) a), PrivilegeInquiry::anyColumn);
        objectFunctions(r, "has_database_privilege", a -> PrivilegeInquiry.databaseByName((String) a), PrivilegeInquiry::database);
        objectFunctions(r, "has_function_privilege", a -> PrivilegeInquiry.functionByName((String) a), PrivilegeInquiry::function);
        objectFunctions(r, "has_schema_privilege", a -> PrivilegeInquiry.schemaByName((String) a), PrivilegeInquiry::schema);
        columnFunctions(r);
        roleFunctions(r);
    }

    private static int oidArg(Object a) {
        return ((Number) a).intValue();
    }

    private static int currentUser(FunctionCallContext c) {
        return PrivilegeInquiry.currentUser(c.session().currentUser());
    }

    /** The six forms: (name, text, text), (name, oid, text), (oid, text, text), (oid, oid, text), (text, text), (oid, text). */
    private static void objectFunctions(BuiltinRegistry r, String name, Resolver byName, Check check) {
        Volatility S = Volatility.STABLE;
        r.fn(name, List.of(NAME, TEXT, TEXT), BOOL, S, true, (c, a) -> {
            int role = PrivilegeInquiry.roleOrPublic((String) a[0]);
            return check.check(role, byName.resolve(a[1]), (String) a[2]);
        });
        r.fn(name, List.of(NAME, OID, TEXT), BOOL, S, true,
                (c, a) -> check.check(PrivilegeInquiry.roleOrPublic((String) a[0]), oidArg(a[1]), (String) a[2]));
        r.fn(name, List.of(OID, TEXT, TEXT), BOOL, S, true, (c, a) -> check.check(oidArg(a[0]), byName.resolve(a[1]), (String) a[2]));
        r.fn(name, List.of(OID, OID, TEXT), BOOL, S, true, (c, a) -> check.check(oidArg(a[0]), oidArg(a[1]), (String) a[2]));
        r.fn(name, List.of(TEXT, TEXT), BOOL, S, true, (c, a) -> check.check(currentUser(c), byName.resolve(a[0]), (String) a[1]));
        r.fn(name, List.of(OID, TEXT), BOOL, S, true, (c, a) -> check.check(currentUser(c), oidArg(a[0]), (String) a[1]));
    }

    /** has_column_privilege: the twelve forms of role (name/oid/none) x table (text/oid) x column (text/int2). */
    private static void columnFunctions(BuiltinRegistry r) {
        Volatility S = Volatility.STABLE;
        String f = "has_column_privilege";
        for (int roleType : new int[] {NAME, OID, 0}) {
            for (int tableType : new int[] {TEXT, OID}) {
                for (int columnType : new int[] {TEXT, INT2}) {
                    List<Integer> args = roleType == 0 ? List.of(tableType, columnType, TEXT)
                            : List.of(roleType, tableType, columnType, TEXT);
                    int off = roleType == 0 ? 0 : 1;
                    r.fn(f, args, BOOL, S, true, (c, a) -> {
                        int role = roleType == 0 ? currentUser(c)
                                : roleType == NAME ? PrivilegeInquiry.roleOrPublic((String) a[0]) : oidArg(a[0]);
                        int table = tableType == TEXT ? PrivilegeInquiry.tableByName((String) a[off]) : oidArg(a[off]);
                        Object col = a[off + 1];
                        int attnum;
                        if (columnType == TEXT) {
                            // column_privilege_check by name: the table must exist to name its column
                            if (ObjectNames.current().relation(table).isEmpty()) return null;
                            attnum = PrivilegeInquiry.columnByName(table, (String) col);
                        } else {
                            attnum = ((Number) col).intValue();
                        }
                        return PrivilegeInquiry.column(role, table, attnum, (String) a[off + 2]);
                    });
                }
            }
        }
    }

    /** pg_has_role: (name, name, text), (name, oid, text), (oid, name, text), (oid, oid, text), (name, text), (oid, text). */
    private static void roleFunctions(BuiltinRegistry r) {
        Volatility S = Volatility.STABLE;
        String f = "pg_has_role";
        r.fn(f, List.of(NAME, NAME, TEXT), BOOL, S, true, (c, a) -> PrivilegeInquiry.hasRole(PrivilegeInquiry.role((String) a[0]),
                PrivilegeInquiry.role((String) a[1]), (String) a[2]));
        r.fn(f, List.of(NAME, OID, TEXT), BOOL, S, true,
                (c, a) -> PrivilegeInquiry.hasRole(PrivilegeInquiry.role((String) a[0]), oidArg(a[1]), (String) a[2]));
        r.fn(f, List.of(OID, NAME, TEXT), BOOL, S, true,
                (c, a) -> PrivilegeInquiry.hasRole(oidArg(a[0]), PrivilegeInquiry.role((String) a[1]), (String) a[2]));
        r.fn(f, List.of(OID, OID, TEXT), BOOL, S, true, (c, a) -> PrivilegeInquiry.hasRole(oidArg(a[0]), oidArg(a[1]), (String) a[2]));
        r.fn(f, List.of(NAME, TEXT), BOOL, S, true,
                (c, a) -> PrivilegeInquiry.hasRole(currentUser(c), PrivilegeInquiry.role((String) a[0]), (String) a[1]));
        r.fn(f, List.of(OID, TEXT), BOOL, S, true, (c, a) -> PrivilegeInquiry.hasRole(currentUser(c), oidArg(a[0]), (String) a[1]));
    }
}
