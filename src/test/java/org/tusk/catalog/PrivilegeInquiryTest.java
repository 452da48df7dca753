package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/**
 * The privilege inquiry functions (acl.c's has_*_privilege and pg_has_role) over a small catalog:
 * superuser "admin" (10), owner "owner" (20) and "clerk" (30); table t (owner's, SELECT granted to
 * clerk with grant option, INSERT to PUBLIC), a table with the default ACL, a sequence, a schema
 * with an explicit ACL and a column ACL.
 */
class PrivilegeInquiryTest {
    private static final int ADMIN = 10, OWNER = 20, CLERK = 30;
    private static final int T = 5000, PLAIN = 5001, SEQ = 5002, NSP = 6000;

    private final List<Object[]> classes = new ArrayList<>(), attributes = new ArrayList<>(), namespaces = new ArrayList<>();
    private final Map<String, Integer> roles = Map.of("admin", ADMIN, "owner", OWNER, "clerk", CLERK);

    @BeforeEach
    void install() {
        int[] tAcl = Acl.update(Acl.defaultAcl(OWNER), true, Acl.ACL_SELECT, true, new int[] {CLERK}, OWNER, false);
        tAcl = Acl.update(tAcl, true, Acl.ACL_INSERT, false, new int[] {Acl.PUBLIC}, OWNER, false);
        classes.add(relation(T, "t", 'r', tAcl));
        classes.add(relation(PLAIN, "plain", 'r', null));
        classes.add(relation(SEQ, "seq", 'S', null));
        attributes.add(attribute(PLAIN, 1, "a", new int[] {CLERK, OWNER, Acl.ACL_UPDATE}));
        attributes.add(attribute(PLAIN, 2, "b", null));
        Object[] n = SystemCatalogs.PG_NAMESPACE.newRow();
        SystemCatalogs.PG_NAMESPACE.set(n, "oid", NSP);
        SystemCatalogs.PG_NAMESPACE.set(n, "nspname", "s");
        SystemCatalogs.PG_NAMESPACE.set(n, "nspowner", OWNER);
        SystemCatalogs.PG_NAMESPACE.set(n, "nspacl", new int[] {OWNER, OWNER, PrivilegeInquiry.ALL_RIGHTS_SCHEMA,
                Acl.PUBLIC, OWNER, PrivilegeInquiry.ACL_USAGE});
        namespaces.add(n);
        ObjectNames.install(new FakeNames());
    }

    @AfterEach
    void uninstall() {
        ObjectNames.install(null);
    }

    private static Object[] relation(int oid, String name, char kind, int[] acl) {
        Object[] r = CatalogRows.classRow(oid, name, NSP, 0, OWNER, 0, oid, 'p', kind, 2, 0);
        SystemCatalogs.PG_CLASS.set(r, "relacl", acl);
        return r;
    }

    private static Object[] attribute(int rel, int attnum, String name, int[] acl) {
        SystemCatalog a = SystemCatalogs.PG_ATTRIBUTE;
        Object[] r = a.newRow();
        a.set(r, "attrelid", rel);
        a.set(r, "attnum", (short) attnum);
        a.set(r, "attname", name);
        a.set(r, "attisdropped", false);
        a.set(r, "attacl", acl);
        return r;
    }

    @Test
    void privilegeStringsAreWordsWithOptionalGrantOption() {
        assertTrue(PrivilegeInquiry.table(CLERK, T, "select"));
        assertTrue(PrivilegeInquiry.table(CLERK, T, " UPDATE ,  Select "));
        assertTrue(PrivilegeInquiry.table(CLERK, T, "SELECT WITH GRANT OPTION"));
        assertFalse(PrivilegeInquiry.table(CLERK, T, "INSERT WITH GRANT OPTION"));
        PgException e = assertThrows(PgException.class, () -> PrivilegeInquiry.table(CLERK, T, "SELECT, FLY"));
        assertEquals("22023", e.sqlState());
        assertEquals("unrecognized privilege type: \"FLY\"", e.getMessage());
        // A word of another kind of object is unrecognized too.
        assertThrows(PgException.class, () -> PrivilegeInquiry.table(CLERK, T, "USAGE"));
        assertThrows(PgException.class, () -> PrivilegeInquiry.schema(CLERK, NSP, "SELECT"));
    }

    @Test
    void tablePrivilegesComeFromGrantsPublicOwnerAndSuperuser() {
        assertTrue(PrivilegeInquiry.table(CLERK, T, "SELECT"));
        assertTrue(PrivilegeInquiry.table(CLERK, T, "INSERT"), "PUBLIC's grant counts for everyone");
        assertFalse(PrivilegeInquiry.table(CLERK, T, "DELETE"));
        assertTrue(PrivilegeInquiry.table(OWNER, T, "DELETE WITH GRANT OPTION"), "the owner holds every grant option");
        assertTrue(PrivilegeInquiry.table(ADMIN, T, "TRUNCATE"));
        assertTrue(PrivilegeInquiry.table(Acl.PUBLIC, T, "INSERT"));
        assertFalse(PrivilegeInquiry.table(Acl.PUBLIC, T, "SELECT"));
        // The default ACL (relacl NULL): the owner's alone.
        assertTrue(PrivilegeInquiry.table(OWNER, PLAIN, "SELECT"));
        assertFalse(PrivilegeInquiry.table(CLERK, PLAIN, "SELECT"));
        assertFalse(PrivilegeInquiry.table(CLERK, T, "RULE"), "RULE is accepted and never held");
        assertNull(PrivilegeInquiry.table(CLERK, 999999, "SELECT"), "an OID that names nothing gives NULL");
    }

    @Test
    void columnPrivilegesFallBackToTheColumnAcl() {
        assertTrue(PrivilegeInquiry.column(CLERK, PLAIN, 1, "UPDATE"));
        assertFalse(PrivilegeInquiry.column(CLERK, PLAIN, 2, "UPDATE"));
        assertTrue(PrivilegeInquiry.column(CLERK, T, 2, "SELECT"), "the table-level privilege covers every column");
        assertNull(PrivilegeInquiry.column(CLERK, PLAIN, 7, "UPDATE"));
        assertTrue(PrivilegeInquiry.anyColumn(CLERK, PLAIN, "UPDATE"));
        assertFalse(PrivilegeInquiry.anyColumn(CLERK, PLAIN, "SELECT"));
        assertEquals(2, PrivilegeInquiry.columnByName(PLAIN, "b"));
        PgException e = assertThrows(PgException.class, () -> PrivilegeInquiry.columnByName(PLAIN, "zz"));
        assertEquals("42703", e.sqlState());
        assertEquals("column \"zz\" of relation \"plain\" does not exist", e.getMessage());
    }

    @Test
    void sequencePrivilegesNeedASequence() {
        assertTrue(PrivilegeInquiry.sequence(OWNER, SEQ, "USAGE"));
        assertFalse(PrivilegeInquiry.sequence(CLERK, SEQ, "USAGE, SELECT, UPDATE"));
        PgException e = assertThrows(PgException.class, () -> PrivilegeInquiry.sequence(OWNER, T, "USAGE"));
        assertEquals("42809", e.sqlState());
        assertEquals("\"t\" is not a sequence", e.getMessage());
    }

    @Test
    void schemaPrivilegesAndNames() {
        assertTrue(PrivilegeInquiry.schema(CLERK, NSP, "USAGE"));
        assertFalse(PrivilegeInquiry.schema(CLERK, NSP, "CREATE"));
        assertTrue(PrivilegeInquiry.schema(OWNER, NSP, "CREATE WITH GRANT OPTION"));
        assertNull(PrivilegeInquiry.schema(CLERK, 1, "USAGE"));
        PgException e = assertThrows(PgException.class, () -> PrivilegeInquiry.schemaByName("nope"));
        assertEquals("3F000", e.sqlState());
        assertEquals("schema \"nope\" does not exist", e.getMessage());
    }

    @Test
    void rolesByNameWithPublic() {
        assertEquals(CLERK, PrivilegeInquiry.roleOrPublic("clerk"));
        assertEquals(Acl.PUBLIC, PrivilegeInquiry.roleOrPublic("public"));
        PgException e = assertThrows(PgException.class, () -> PrivilegeInquiry.role("nobody"));
        assertEquals("42704", e.sqlState());
        assertEquals("role \"nobody\" does not exist", e.getMessage());
        assertTrue(PrivilegeInquiry.hasRole(CLERK, CLERK, "MEMBER"));
        assertFalse(PrivilegeInquiry.hasRole(CLERK, OWNER, "USAGE"));
        assertTrue(PrivilegeInquiry.hasRole(ADMIN, OWNER, "MEMBER"));
    }

    /** The catalog above, as a session's ObjectNames would give it. */
    private final class FakeNames implements ObjectNames {
        public int relationOid(String schema, String name) { return 0; }
        public Optional<RelName> relation(int oid) {
            return classes.stream().filter(r -> CatalogScan.oid(SystemCatalogs.PG_CLASS.get(r, "oid")) == oid).findFirst()
                    .map(r -> new RelName(oid, (String) SystemCatalogs.PG_CLASS.get(r, "relname"), NSP,
                            ((String) SystemCatalogs.PG_CLASS.get(r, "relkind")).charAt(0), OWNER));
        }
        public int namespaceOid(String name) { return name.equals("s") ? NSP : 0; }
        public String namespaceName(int oid) { return oid == NSP ? "s" : null; }
        public List<Integer> searchPath() { return List.of(NSP); }
        public Optional<String> roleName(int oid) {
            return roles.entrySet().stream().filter(e -> e.getValue() == oid).map(Map.Entry::getKey).findFirst();
        }
        public int roleOid(String name) { return roles.getOrDefault(name, 0); }
        public Optional<RelName> userType(int oid) { return Optional.empty(); }
        public int userTypeOid(String schema, String name) { return 0; }
        @Override public boolean roleIsSuperuser(int roleOid) { return roleOid == ADMIN; }
        public List<Object[]> rows(SystemCatalog catalog, Predicate<Object[]> where) {
            List<Object[]> source = catalog == SystemCatalogs.PG_CLASS ? classes
                    : catalog == SystemCatalogs.PG_ATTRIBUTE ? attributes
                    : catalog == SystemCatalogs.PG_NAMESPACE ? namespaces : List.of();
            return source.stream().filter(where).toList();
        }
    }
}
