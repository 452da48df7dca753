package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_DEFAULT_ACL;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.table.TupleSlot;

/**
 * pg_default_acl (aclchk.c SetDefaultACL and get_user_default_acl): the ACLs ALTER DEFAULT
 * PRIVILEGES sets for the tables (defaclobjtype 'r'), sequences ('S') and routines ('f') a role creates, for all
 * schemas (defaclnamespace 0) or for one. A global entry replaces the hard-wired default
 * (acldefault: the owner holds every privilege) and is removed when it comes back to it; a
 * schema's entry adds to whatever applies globally and is removed when it becomes empty. A new
 * relation gets the merged ACL as its relacl, or NULL when that is the hard-wired default.
 */
public final class DefaultAcls {
    /** DEFACLOBJ_RELATION, DEFACLOBJ_SEQUENCE and DEFACLOBJ_FUNCTION. */
    public static final char RELATION = 'r', SEQUENCE = 'S', FUNCTION = 'f';

    private final CatalogEnv env;
    private final CatalogWriter writer;

    DefaultAcls(CatalogEnv env, CatalogWriter writer) {
        this.env = env;
        this.writer = writer;
    }

    /** acldefault(objtype, owner). */
    private static int[] hardWired(char objtype, int owner) {
        return switch (objtype) {
            case SEQUENCE -> Acl.defaultAcl(owner, Acl.ACL_ALL_RIGHTS_SEQUENCE, 0);
            // functions: PUBLIC may execute them
            case FUNCTION -> Acl.defaultAcl(owner, Acl.ACL_ALL_RIGHTS_FUNCTION, Acl.ACL_EXECUTE);
            default -> Acl.defaultAcl(owner, Acl.ACL_ALL_RIGHTS_RELATION, 0);
        };
    }

    private TupleSlot entry(int role, int namespace, char objtype) {
        List<TupleSlot> rows = writer.find(PG_DEFAULT_ACL, v -> oid(PG_DEFAULT_ACL.get(v, "defaclrole")) == role
                && oid(PG_DEFAULT_ACL.get(v, "defaclnamespace")) == namespace
                && String.valueOf(objtype).equals(PG_DEFAULT_ACL.get(v, "defaclobjtype")));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The change one GRANT or REVOKE makes to an ACL (Acl.update's arguments). */
    @FunctionalInterface
    public interface Change { int[] apply(int[] acl); }

    /**
     * SetDefaultACL for one role and one schema (0: all schemas): applies {@code change} to the
     * entry in force (for all schemas the hard-wired default when there is none, for a schema an
     * empty ACL) and stores, replaces or removes the entry.
     */
    public void set(int role, int namespace, char objtype, Change change) {
        TupleSlot old = entry(role, namespace, objtype);
        int[] base = old != null ? (int[]) PG_DEFAULT_ACL.get(old.values(), "defaclacl")
                : namespace == 0 ? hardWired(objtype, role) : new int[0];
        int[] acl = sort(change.apply(base));   // SetDefaultACL's aclitemsort
        boolean useless = namespace == 0 ? aclEqual(acl, hardWired(objtype, role)) : acl.length == 0;
        if (useless) {
            if (old != null) writer.delete(PG_DEFAULT_ACL, v -> oid(PG_DEFAULT_ACL.get(v, "oid")) == oid(PG_DEFAULT_ACL.get(old.values(), "oid")));
        } else if (old != null) {
            Object[] v = old.values().clone();
            PG_DEFAULT_ACL.set(v, "defaclacl", acl);
            writer.update(PG_DEFAULT_ACL, old, v);
        } else {
            Object[] r = PG_DEFAULT_ACL.newRow();
            PG_DEFAULT_ACL.set(r, "oid", writer.newOid(PG_DEFAULT_ACL, "oid"));
            PG_DEFAULT_ACL.set(r, "defaclrole", role);
            PG_DEFAULT_ACL.set(r, "defaclnamespace", namespace);
            PG_DEFAULT_ACL.set(r, "defaclobjtype", String.valueOf(objtype));
            PG_DEFAULT_ACL.set(r, "defaclacl", acl);
            writer.insert(PG_DEFAULT_ACL, r);
        }
        env.inval().registerRelcacheInval(PG_DEFAULT_ACL.oid());
    }

    /**
     * get_user_default_acl: the ACL a {@code objtype} object that {@code owner} creates in
     * {@code namespace} starts with, or null for the hard-wired default.
     */
    public int[] forNewObject(char objtype, int owner, int namespace) {
        TupleSlot global = entry(owner, 0, objtype);
        TupleSlot schema = entry(owner, namespace, objtype);
        if (global == null && schema == null) return null;
        int[] def = hardWired(objtype, owner);
        int[] acl = global != null ? (int[]) PG_DEFAULT_ACL.get(global.values(), "defaclacl") : def;
        if (schema != null) acl = merge(acl, (int[]) PG_DEFAULT_ACL.get(schema.values(), "defaclacl"));
        return aclEqual(acl, def) ? null : sort(acl);   // get_user_default_acl's aclitemsort
    }

    /** aclmerge: the items of both, the privileges of items with the same grantee and grantor ORed. */
    private static int[] merge(int[] a, int[] b) {
        List<int[]> items = new ArrayList<>();
        for (int[] acl : new int[][] {a, b}) {
            for (int i = 0; i < acl.length; i += 3) {
                int[] found = null;
                for (int[] it : items) if (it[0] == acl[i] && it[1] == acl[i + 1]) found = it;
                if (found == null) items.add(new int[] {acl[i], acl[i + 1], acl[i + 2]});
                else found[2] |= acl[i + 2];
            }
        }
        int[] out = new int[items.size() * 3];
        for (int i = 0; i < items.size(); i++) System.arraycopy(items.get(i), 0, out, i * 3, 3);
        return out;
    }

    /** aclitemsort: items by grantee, grantor, privileges (aclitemComparator, OIDs unsigned). */
    private static int[] sort(int[] acl) {
        List<int[]> items = new ArrayList<>();
        for (int i = 0; i < acl.length; i += 3) items.add(new int[] {acl[i], acl[i + 1], acl[i + 2]});
        items.sort((x, y) -> {
            int c = Integer.compareUnsigned(x[0], y[0]);
            if (c == 0) c = Integer.compareUnsigned(x[1], y[1]);
            return c != 0 ? c : Integer.compare(x[2], y[2]);
        });
        int[] out = new int[acl.length];
        for (int i = 0; i < items.size(); i++) System.arraycopy(items.get(i), 0, out, i * 3, 3);
        return out;
    }

    /** aclequal: the same items, in any order. */
    private static boolean aclEqual(int[] a, int[] b) {
        return a.length == b.length && sorted(a).equals(sorted(b));
    }

    private static List<List<Integer>> sorted(int[] acl) {
        List<List<Integer>> items = new ArrayList<>();
        for (int i = 0; i < acl.length; i += 3) items.add(List.of(acl[i], acl[i + 1], acl[i + 2]));
        items.sort(java.util.Comparator.<List<Integer>>comparingInt(l -> l.get(0)).thenComparingInt(l -> l.get(1))
                .thenComparingInt(l -> l.get(2)));
        return items;
    }
}
