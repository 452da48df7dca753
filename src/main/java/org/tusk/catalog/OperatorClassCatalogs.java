package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.CHAR;
import static org.tusk.catalog.TypeOids.INT2;
import static org.tusk.catalog.TypeOids.NAME;
import static org.tusk.catalog.TypeOids.OID;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.utils.adt.RegProcs;

/**
 * pg_opfamily (2753), pg_opclass (2616), pg_amop (2602) and pg_amproc (2603) for the B-tree
 * operator classes Tusk has ({@link BtreeOpclasses}) and the GiST ones ({@link GistOpclassCatalog}), with PostgreSQL 15's OIDs: the fixed ones of
 * pg_opfamily.dat and pg_opclass.dat, and genbki.pl's assignments for the rest (as a PostgreSQL 15
 * initdb makes them). pg_amop lists each family's strategy operators (1 &lt;, 2 &lt;=, 3 =, 4 &gt;=,
 * 5 &gt;, and the ~&lt;~ family for the pattern classes) that Tusk has as built-in operators, with
 * their pg_operator OIDs ({@link BuiltinObjectCatalogs}). The hash classes and their families'
 * {@code =} members are {@link HashOpclassCatalog}'s.
 *
 * <p>pg_amproc is empty: Tusk's B-tree compares through its type comparators, not through
 * support functions callable by name (btint4cmp, ...), so there is no pg_proc row a support-function
 * row could name. Rows are computed from immutable tables; nothing here changes at run time.
 */
final class OperatorClassCatalogs {
    private OperatorClassCatalogs() {}

    private static ColumnDef c(String n, int t) { return new ColumnDef(n, t); }

    static final int BTREE = SystemCatalogs.BTREE_AM_OID;

    /** One operator class: pg_opclass.dat's entry and its family's. */
    public record Opclass(int oid, String name, int family, String familyName, int inputType, boolean isDefault, int keyType) {}

    /** The B-tree classes Tusk has (array_ops serves every array type, BtreeOpclasses.hasDefault). */
    static final List<Opclass> CLASSES = List.of(
            new Opclass(1978, "int4_ops", 1976, "integer_ops", 23, true, 0),
            new Opclass(1979, "int2_ops", 1976, "integer_ops", 21, true, 0),
            new Opclass(3124, "int8_ops", 1976, "integer_ops", 20, true, 0),
            new Opclass(1981, "oid_ops", 1989, "oid_ops", 26, true, 0),
            new Opclass(3122, "date_ops", 434, "datetime_ops", 1082, true, 0),
            new Opclass(3127, "timestamptz_ops", 434, "datetime_ops", 1184, true, 0),
            new Opclass(3128, "timestamp_ops", 434, "datetime_ops", 1114, true, 0),
            new Opclass(3123, "float8_ops", 1970, "float_ops", 701, true, 0),
            new Opclass(10012, "float4_ops", 1970, "float_ops", 700, true, 0),
            new Opclass(3125, "numeric_ops", 1988, "numeric_ops", 1700, true, 0),
            new Opclass(3126, "text_ops", 1994, "text_ops", 25, true, 0),
            new Opclass(10028, "name_ops", 1994, "text_ops", 19, true, 2275),
            new Opclass(4217, "text_pattern_ops", 2095, "text_pattern_ops", 25, false, 0),
            new Opclass(4218, "varchar_pattern_ops", 2095, "text_pattern_ops", 25, false, 0),
            new Opclass(4219, "bpchar_pattern_ops", 2097, "bpchar_pattern_ops", 1042, false, 0),
            new Opclass(10000, "array_ops", 397, "array_ops", 2277, true, 0),
            new Opclass(10034, "record_ops", 2994, "record_ops", 2249, true, 0),
            new Opclass(10003, "bool_ops", 424, "bool_ops", 16, true, 0),
            new Opclass(10004, "bpchar_ops", 426, "bpchar_ops", 1042, true, 0),
            new Opclass(10006, "bytea_ops", 428, "bytea_ops", 17, true, 0),
            new Opclass(10007, "char_ops", 429, "char_ops", 18, true, 0),
            new Opclass(10015, "inet_ops", 1974, "network_ops", 869, true, 0),
            new Opclass(10022, "interval_ops", 1982, "interval_ops", 1186, true, 0),
            new Opclass(10032, "oidvector_ops", 1991, "oidvector_ops", 30, true, 0),
            new Opclass(10038, "time_ops", 1996, "time_ops", 1083, true, 0),
            new Opclass(10065, "uuid_ops", 2968, "uuid_ops", 2950, true, 0),
            new Opclass(10067, "pg_lsn_ops", 3253, "pg_lsn_ops", 3220, true, 0),
            new Opclass(10088, "jsonb_ops", 4033, "jsonb_ops", 3802, true, 0),
            new Opclass(10002, "bit_ops", 423, "bit_ops", 1560, true, 0),
            new Opclass(10041, "timetz_ops", 2000, "timetz_ops", 1266, true, 0),
            new Opclass(10043, "varbit_ops", 2002, "varbit_ops", 1562, true, 0),
            new Opclass(10047, "money_ops", 2099, "money_ops", 790, true, 0));

    static final List<ColumnDef> PG_OPFAMILY_COLUMNS = List.of(c("oid", OID), c("opfmethod", OID), c("opfname", NAME),
            c("opfnamespace", OID), c("opfowner", OID));
    static final List<ColumnDef> PG_OPCLASS_COLUMNS = List.of(c("oid", OID), c("opcmethod", OID), c("opcname", NAME),
            c("opcnamespace", OID), c("opcowner", OID), c("opcfamily", OID), c("opcintype", OID), c("opcdefault", BOOL),
            c("opckeytype", OID));
    static final List<ColumnDef> PG_AMOP_COLUMNS = List.of(c("oid", OID), c("amopfamily", OID), c("amoplefttype", OID),
            c("amoprighttype", OID), c("amopstrategy", INT2), c("amoppurpose", CHAR), c("amopopr", OID),
            c("amopmethod", OID), c("amopsortfamily", OID));
    static final List<ColumnDef> PG_AMPROC_COLUMNS = List.of(c("oid", OID), c("amprocfamily", OID),
            c("amproclefttype", OID), c("amprocrighttype", OID), c("amprocnum", INT2), c("amproc", RegProcs.REGPROC));

    private static final long NSP = SystemCatalogs.PG_CATALOG_NAMESPACE, OWNER = 10;

    /** The built-in pg_amop rows, made once from constant data and immutable: not per-session state. */
    private static volatile List<Object[]> amop;

    static ComputedCatalog pgOpfamily() { return new ComputedCatalog("pg_opfamily", 2753, PG_OPFAMILY_COLUMNS, OperatorClassCatalogs::families); }

    static ComputedCatalog pgOpclass() { return new ComputedCatalog("pg_opclass", 2616, PG_OPCLASS_COLUMNS, OperatorClassCatalogs::classes); }

    static ComputedCatalog pgAmop() { return new ComputedCatalog("pg_amop", 2602, PG_AMOP_COLUMNS, OperatorClassCatalogs::amopRows); }

    static ComputedCatalog pgAmproc() { return ComputedCatalog.empty("pg_amproc", 2603, PG_AMPROC_COLUMNS); }

    static List<Object[]> families() {
        List<Object[]> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Opclass k : CLASSES) {
            if (seen.add(k.family())) out.add(new Object[] {(long) k.family(), (long) BTREE, k.familyName(), NSP, OWNER});
        }
        out.addAll(GinOpclassCatalog.familyRows(NSP, OWNER));
        for (Opclass k : GistOpclassCatalog.CLASSES) {
            out.add(new Object[] {(long) k.family(), (long) SystemCatalogs.GIST_AM_OID, k.familyName(), NSP, OWNER});
        }
        Set<Integer> hashFamilies = new HashSet<>();
        for (Opclass k : HashOpclassCatalog.CLASSES) {
            if (hashFamilies.add(k.family()))
                out.add(new Object[] {(long) k.family(), (long) SystemCatalogs.HASH_AM_OID, k.familyName(), NSP, OWNER});
        }
        out.sort(Comparator.comparingLong(v -> (Long) v[0]));
        return out;
    }

    static List<Object[]> classes() {
        List<Object[]> out = new ArrayList<>();
        for (Opclass k : CLASSES) {
            out.add(new Object[] {(long) k.oid(), (long) BTREE, k.name(), NSP, OWNER, (long) k.family(), (long) k.inputType(),
                    k.isDefault(), (long) k.keyType()});
        }
        out.addAll(GinOpclassCatalog.classRows(NSP, OWNER));
        for (Opclass k : GistOpclassCatalog.CLASSES) {
            out.add(new Object[] {(long) k.oid(), (long) SystemCatalogs.GIST_AM_OID, k.name(), NSP, OWNER, (long) k.family(),
                    (long) k.inputType(), k.isDefault(), (long) k.keyType()});
        }
        for (Opclass k : HashOpclassCatalog.CLASSES) {
            out.add(new Object[] {(long) k.oid(), (long) SystemCatalogs.HASH_AM_OID, k.name(), NSP, OWNER, (long) k.family(),
                    (long) k.inputType(), k.isDefault(), (long) k.keyType()});
        }
        out.sort(Comparator.comparingLong(v -> (Long) v[0]));
        return out;
    }

    /** pg_amop.dat's B-tree rows of Tusk's families whose operator Tusk has. */
    static List<Object[]> amopRows() {
        List<Object[]> r = amop;
        if (r != null) return r;
        Set<Integer> families = new HashSet<>();
        for (Opclass k : CLASSES) families.add(k.family());
        List<Object[]> out = new ArrayList<>();
        for (String[] f : Pg15CatalogData.read("pg_amop_btree.tsv")) {
            int family = Integer.parseInt(f[1]), left = Integer.parseInt(f[2]), right = Integer.parseInt(f[3]);
            if (!families.contains(family)) continue;
            long opr = BuiltinObjectCatalogs.operatorOid(f[6], left, right);
            if (opr == 0) continue;
            out.add(new Object[] {Long.parseLong(f[0]), (long) family, (long) left, (long) right, Short.parseShort(f[4]), "s",
                    opr, (long) BTREE, 0L});
        }
        out.addAll(GinOpclassCatalog.amopRows());
        // the GiST families' members (pg_amop.dat), those whose operator Tusk has
        for (GistOpclassCatalog.Member m : GistOpclassCatalog.members()) {
            long opr = BuiltinObjectCatalogs.operatorOid(m.operator(), m.left(), m.right());
            if (opr == 0) continue;
            out.add(new Object[] {m.oid(), (long) m.family(), (long) m.left(), (long) m.right(), (short) m.strategy(),
                    String.valueOf(m.purpose()), opr, (long) SystemCatalogs.GIST_AM_OID, (long) m.sortFamily()});
        }
        // the hash families' equality members (pg_amop.dat, HTEqualStrategyNumber 1)
        for (HashOpclassCatalog.Member m : HashOpclassCatalog.members()) {
            long opr = BuiltinObjectCatalogs.operatorOid("=", m.left(), m.right());
            if (opr == 0) continue;
            out.add(new Object[] {m.oid(), (long) m.family(), (long) m.left(), (long) m.right(), (short) 1, "s", opr,
                    (long) SystemCatalogs.HASH_AM_OID, 0L});
        }
        out.sort(Comparator.comparingLong(v -> (Long) v[0]));
        return amop = List.copyOf(out);
    }
}
