package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_ENUM;
import static org.tusk.catalog.SystemCatalogs.PG_TYPE;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.adt.EnumValue;
import org.tusk.utils.adt.RecordValue;
import org.tusk.utils.adt.RowTypes;
import org.tusk.utils.adt.Enums;

/**
 * The backend's cache of user-defined types read from the heap catalogs (PostgreSQL's syscache
 * entries TYPEOID/TYPENAMENSP and ENUMOID plus typcache.c's enum and tuple-descriptor data):
 * pg_type rows of enum types (typtype 'e') turned into {@link PgType}s with enum_in/enum_out,
 * the pg_enum rows of each enum type in sort order, and composite types (typtype 'c', record_in
 * / record_out) with their columns read from the relcache entry of typrelid.
 *
 * <p>Built-in types never come here: {@link BuiltinCatalog} answers for them first. Entries are
 * read with the catalog snapshot and dropped whenever the relcache's name cache is emptied,
 * which every catalog invalidation does; DDL on types sends a relcache invalidation for pg_type
 * (and pg_enum), so a committed CREATE/ALTER/DROP TYPE is seen by other backends at their next
 * lock acquisition and by this one at CommandCounterIncrement. Only the backend's own thread
 * uses it.
 */
public final class TypeCache implements Enums.Lookup {
    /** One user type's pg_type data that the rest of Tusk needs. */
    public record UserType(int oid, String name, int namespace, char typtype, int typelem, int typarray, PgType pgType) {}

    private final CatalogEnv env;
    private final Map<Integer, UserType> byOid = new HashMap<>();
    private final Map<Integer, List<Enums.Member>> members = new HashMap<>();
    private final Map<Integer, Enums.Member> memberByOid = new HashMap<>();
    private final Map<Integer, CompositeType> composites = new HashMap<>();
    private final Map<Integer, Integer> rowTypes = new HashMap<>();
    private final Map<Integer, DomainInfo> domains = new HashMap<>();
    private final Map<Integer, Integer> representations = new HashMap<>();
    private final Map<Integer, org.tusk.utils.adt.RangeTypes.Info> ranges = new HashMap<>();
    private long generation = -1;
    /**
     * pg_enum.c's uncommitted_enum_values: the labels ALTER TYPE ... ADD VALUE made in the
     * session's current transaction, until it ends ({@link #atEndOfTransaction}). Kept apart from
     * the cached entries, which invalidations empty.
     */
    private final java.util.Set<Integer> uncommittedLabels = new java.util.HashSet<>();

    /** The process's cache: a backend runs one session, whose catalog installs it (as the syscache is per process). */
    private static volatile TypeCache current;

    private final Namespaces namespaces;

    TypeCache(CatalogEnv env, Namespaces namespaces) {
        this.env = env;
        this.namespaces = namespaces;
    }

    /**
     * TypenameGetTypid / LookupTypeNameOid for a user type: by schema if given, else the first
     * schema of the search path that has a type of that name; 0 if none. Array types are named
     * with a leading underscore, as in pg_type.
     */
    public int lookupTypeName(String schemaOrNull, String name) {
        if (schemaOrNull != null) {
            int nsp = namespaces.lookupExplicit(schemaOrNull);
            return nsp == 0 ? 0 : usable(typeOidIn(name, nsp));
        }
        for (int nsp : namespaces.activePath()) {
            int oid = typeOidIn(name, nsp);
            if (oid != 0) return usable(oid);
        }
        return 0;
    }

    /** The same for the installed cache (0 without one). */
    public static int lookupInstalledName(String schemaOrNull, String name) {
        TypeCache c = current;
        return c == null ? 0 : c.lookupTypeName(schemaOrNull, name);
    }

    private int usable(int oid) {
        return oid != 0 && type(oid) != null ? oid : 0;
    }

    /** AddEnumLabel's bookkeeping: the new label {@code oid} is not committed yet. */
    void valueAdded(int oid) {
        uncommittedLabels.add(oid);
    }

    /** AtEOXact_Enum: at commit or abort the labels added in the transaction are committed or gone. */
    public void atEndOfTransaction() {
        uncommittedLabels.clear();
    }

    @Override
    public boolean uncommitted(int oid) {
        return !uncommittedLabels.isEmpty() && uncommittedLabels.contains(oid);
    }

    /** Makes this the process's cache of user types, also for enum_in/enum_out/enum_cmp. */
    void install() {
        current = this;
        Enums.install(this);
        org.tusk.access.common.CompositeFormat.install(this::storageShape);
        org.tusk.utils.adt.RangeTypes.install(this::range);
    }

    /**
     * The pg_range data of user-defined range type {@code typeOid} (load_rangetype_info), or null
     * if it is not one. User range types have no canonical function (CREATE TYPE AS RANGE refuses
     * CANONICAL), so their ranges are never put in a discrete canonical form.
     */
    public org.tusk.utils.adt.RangeTypes.Info range(int typeOid) {
        if (CatalogRows.builtinType(typeOid) != null) return null;
        check();
        if (ranges.containsKey(typeOid)) return ranges.get(typeOid);
        TupleSlot s = CatalogScan.first(env.table(), env.relcache().catalog(SystemCatalogs.PG_RANGE), env.snapshot().get(),
                CatalogScan.key(SystemCatalogs.PG_RANGE, "rngtypid", typeOid));
        org.tusk.utils.adt.RangeTypes.Info info = null;
        if (s != null) {
            // the name from pg_type directly: type() builds the range's PgType from this entry
            TupleSlot ty = CatalogScan.first(env.table(), env.relcache().catalog(PG_TYPE), env.snapshot().get(),
                    CatalogScan.key(PG_TYPE, "oid", typeOid));
            info = new org.tusk.utils.adt.RangeTypes.Info(typeOid, ty == null ? "???" : (String) PG_TYPE.get(ty.values(), "typname"),
                    oid(SystemCatalogs.PG_RANGE.get(s.values(), "rngsubtype")),
                    oid(SystemCatalogs.PG_RANGE.get(s.values(), "rngmultitypid")), org.tusk.utils.adt.RangeTypes.Canonical.NONE);
        }
        ranges.put(typeOid, info);
        return info;
    }

    /**
     * lookup_rowtype_tupdesc for the tuple code: the attribute types of a composite type and the
     * descriptor its values are stored with (enum fields by their OID, composite fields nested).
     */
    private org.tusk.access.common.CompositeFormat.Shape storageShape(int typeOid) {
        CompositeType c = composite(typeOid);
        if (c == null) return null;
        List<org.tusk.access.common.Attribute> atts = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            int t = c.types().get(i);
            org.tusk.access.common.DatumType d = org.tusk.access.common.DatumType.forOid(t);
            if (d == null && isEnum(t)) d = org.tusk.access.common.DatumType.ENUM;
            if (d == null && composite(t) != null) d = org.tusk.access.common.DatumType.COMPOSITE;
            if (d == null && isCompositeArray(t)) d = org.tusk.access.common.DatumType.COMPOSITE_ARRAY;
            if (d == null) d = domainArrayStorage(t);
            if (d == null) d = baseTypeStorage(t);
            if (d == null)
                throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                        "column \"" + c.names().get(i) + "\" of type " + typeName(typeOid) + " cannot be stored yet");
            atts.add(org.tusk.access.common.Attribute.of(c.names().get(i), d));
        }
        return new org.tusk.access.common.CompositeFormat.Shape(c.types(), new org.tusk.access.common.TupleDesc(atts, typeOid, -1));
    }

    /** Whether {@code typeOid} is the array type of a composite type (stored as COMPOSITE_ARRAY). */
    public boolean isCompositeArray(int typeOid) {
        UserType u = type(typeOid);
        return u != null && u.typtype() == 'b' && u.typelem() != 0 && composite(u.typelem()) != null;
    }

    /**
     * How a value of the array type of a domain is stored, or null if {@code typeOid} is no such
     * array or its base type's arrays cannot be stored: as the array of the domain's base type
     * (composite arrays as COMPOSITE_ARRAY), since each element is stored as the base type's value.
     */
    public org.tusk.access.common.DatumType domainArrayStorage(int typeOid) {
        UserType u = type(typeOid);
        if (u == null || u.typtype() != 'b' || u.typelem() == 0 || domain(u.typelem()) == null) return null;
        int base = baseType(u.typelem());
        if (composite(base) != null) return org.tusk.access.common.DatumType.COMPOSITE_ARRAY;
        int baseArray = ArrayTypes.arrayOf(base);
        return baseArray == 0 ? null : org.tusk.access.common.DatumType.forOid(baseArray);
    }

    /** The installed cache, or null in a process without a database session. */
    public static TypeCache current() {
        return current;
    }

    /** get_array_type for a user type through the installed cache: its usable array type, or 0. */
    static int installedArrayOf(int elemOid) {
        TypeCache c = current;
        if (c == null) return 0;
        UserType t = c.type(elemOid);
        return t == null || t.typarray() == 0 || c.type(t.typarray()) == null ? 0 : t.typarray();
    }

    /** get_element_type for a user array type through the installed cache, or 0. */
    static int installedElementOf(int arrayOid) {
        TypeCache c = current;
        if (c == null) return 0;
        UserType t = c.type(arrayOid);
        return t == null || t.typelem() == 0 || t.pgType().category() != 'A' ? 0 : t.typelem();
    }

    /** The PgType of a user type by OID through the installed cache, or null. */
    static PgType lookupInstalled(int typeOid) {
        TypeCache c = current;
        if (c == null) return null;
        UserType t = c.type(typeOid);
        return t == null ? null : t.pgType();
    }

    private void check() {
        long g = env.relcache().namesGeneration();
        if (g != generation) {
            byOid.clear();
            members.clear();
            memberByOid.clear();
            composites.clear();
            rowTypes.clear();
            domains.clear();
            representations.clear();
            ranges.clear();
            generation = g;
        }
    }

    /** The user type with this OID (enum types and their array types), or null. */
    public UserType type(int typeOid) {
        if (CatalogRows.builtinType(typeOid) != null) return null;
        check();
        UserType t = byOid.get(typeOid);
        if (t != null || byOid.containsKey(typeOid)) return t;
        TupleSlot s = CatalogScan.first(env.table(), env.relcache().catalog(PG_TYPE), env.snapshot().get(),
                CatalogScan.key(PG_TYPE, "oid", typeOid));
        t = s == null ? null : build(s.values());
        byOid.put(typeOid, t);
        return t;
    }

    /** TypenameGetTypid within one namespace: the OID of a user type named {@code name}, 0 if none. */
    public int typeOidIn(String name, int namespace) {
        TupleSlot s = CatalogScan.first(env.table(), env.relcache().catalog(PG_TYPE), env.snapshot().get(),
                CatalogScan.nameKey(PG_TYPE, "typname", name), v -> oid(PG_TYPE.get(v, "typnamespace")) == namespace);
        return s == null ? 0 : oid(PG_TYPE.get(s.values(), "oid"));
    }

    /** Whether {@code typeOid} is a user enum type. */
    public boolean isEnum(int typeOid) {
        UserType t = type(typeOid);
        return t != null && t.typtype() == 'e';
    }

    /** The pg_type row (built-in or not) with this OID, or null: what lsyscache's get_typlenbyvalalign and kin read. */
    public Object[] typeRow(int typeOid) {
        TupleSlot s = CatalogScan.first(env.table(), env.relcache().catalog(PG_TYPE), env.snapshot().get(),
                v -> oid(PG_TYPE.get(v, "oid")) == typeOid);
        return s == null ? null : s.values();
    }

    /**
     * How a column of user base type {@code typeOid} is stored ({@link BaseTypeStorage}), or null
     * if it is not a user base type whose values Tusk can store.
     */
    public org.tusk.access.common.DatumType baseTypeStorage(int typeOid) {
        UserType t = type(typeOid);
        if (t == null || t.typtype() != 'b') return null;
        return BaseTypeStorage.storedAs(typeRow(typeOid), this::procRow);
    }

    /** {@link #baseTypeStorage} through the installed cache (null without one). */
    public static org.tusk.access.common.DatumType installedBaseTypeStorage(int typeOid) {
        TypeCache c = current;
        return c == null || CatalogRows.builtinType(typeOid) != null ? null : c.baseTypeStorage(typeOid);
    }

    /** The pg_proc row with this OID, or null. */
    private Object[] procRow(int procOid) {
        TupleSlot s = CatalogScan.first(env.table(), env.relcache().catalog(SystemCatalogs.PG_PROC), env.snapshot().get(),
                v -> oid(SystemCatalogs.PG_PROC.get(v, "oid")) == procOid);
        return s == null ? null : s.values();
    }

    /**
     * The built-in type whose Java representation values of {@code typeOid} have: the type itself
     * for a built-in, the type of its input function for a user base type ({@link BaseTypes}),
     * 0 if unknown.
     */
    public int representation(int typeOid) {
        if (CatalogRows.builtinType(typeOid) != null) return typeOid;
        UserType t = type(typeOid);
        return t == null ? 0 : representations.getOrDefault(typeOid, 0);
    }

    /** {@link #representation} through the installed cache; the type itself without one. */
    public static int installedRepresentation(int typeOid) {
        TypeCache c = current;
        return c == null ? typeOid : c.representation(typeOid);
    }

    private UserType build(Object[] row) {
        char typtype = ((String) PG_TYPE.get(row, "typtype")).charAt(0);
        int oid = oid(PG_TYPE.get(row, "oid"));
        String name = (String) PG_TYPE.get(row, "typname");
        int elem = oid(PG_TYPE.get(row, "typelem"));
        PgType pg;
        if (typtype == 'e') {
            pg = new PgType(oid, name, name, 4, true, 'E', false, (s, z) -> Enums.in(oid, s),
                    (v, z) -> Enums.out((EnumValue) v));
        } else if (typtype == 'r') {
            // range_in / range_out through the subtype's I/O (rangetypes.c)
            org.tusk.utils.adt.RangeTypes.Info info = range(oid);
            if (info == null) return null;
            pg = RangeBuiltins.rangeType(info);
        } else if (elem != 0 && typtype == 'b' && (isEnum(elem) || composite(elem) != null || domain(elem) != null
                || range(elem) != null)) {
            // the array type of an enum, composite or domain type: array_in / array_out over the
            // element's I/O (a domain's elements read and print as its base type's)
            pg = new PgType(oid, name, type(elem).name() + "[]", -1, false, 'A', false,
                    (s, z) -> org.tusk.utils.adt.ArrayIO.in(s, elem, x -> BuiltinCatalog.type(elem).input().in(x, z)),
                    (v, z) -> org.tusk.utils.adt.ArrayIO.out(org.tusk.utils.adt.ArrayValue.of(v, elem),
                            x -> BuiltinCatalog.type(elem).output().out(x, z)));
        } else if (typtype == 'd') {
            // a domain reads and prints as its base type (domain_in calls the base type's input
            // function; the constraints are checked by CoerceToDomain, not here)
            PgType base = BuiltinCatalog.type(oid(PG_TYPE.get(row, "typbasetype")));
            pg = new PgType(oid, name, name, base.typlen(), base.byval(), base.category(), false, base.input(),
                    base.output());
        } else if (typtype == 'c') {
            // record_in / record_out with the type's columns (rowtypes.c); its array type is not usable yet
            pg = new PgType(oid, name, name, -1, false, 'C', false,
                    (s, z) -> RowTypes.recordIn(s, oid, composite(oid).types(), composite(oid).typmods(),
                            (t, m, x) -> BuiltinCatalog.type(t).input().in(x, z)),
                    (v, z) -> ((RecordValue) v).out((t, x) -> BuiltinCatalog.type(t).output().out(x, z)));
        } else if (typtype == 'p') {
            pg = BaseTypes.shell(oid, name);   // a shell type (TypeShellMake)
        } else if (typtype == 'b' && !"A".equals(PG_TYPE.get(row, "typcategory"))) {
            pg = BaseTypes.base(row, this::procRow);
            if (pg == null) return null;
            representations.put(oid, BaseTypes.representation(row, this::procRow));
        } else {
            return null;   // array types of user base types are not usable as types yet
        }
        return new UserType(oid, name, oid(PG_TYPE.get(row, "typnamespace")), typtype, elem,
                oid(PG_TYPE.get(row, "typarray")), pg);
    }

    /**
     * A composite type's columns (lookup_rowtype_tupdesc): the type, its pg_class entry
     * (typrelid) and the name, type and typmod of each attribute in attnum order.
     */
    public record CompositeType(int typeOid, int relid, List<String> names, List<Integer> types, List<Integer> typmods) {
        public int size() { return names.size(); }

        /** The 1-based number of the column called {@code name}, or 0. */
        public int fieldNumber(String name) {
            int i = names.indexOf(name);
            return i + 1;
        }
    }

    /** The columns of composite type {@code typeOid} (a table's row type or CREATE TYPE AS), or null if it is not one. */
    public CompositeType composite(int typeOid) {
        check();
        if (composites.containsKey(typeOid)) return composites.get(typeOid);
        TupleSlot s = CatalogScan.first(env.table(), env.relcache().catalog(PG_TYPE), env.snapshot().get(),
                CatalogScan.key(PG_TYPE, "oid", typeOid));
        CompositeType c = null;
        if (s != null && "c".equals(PG_TYPE.get(s.values(), "typtype"))) {
            int relid = oid(PG_TYPE.get(s.values(), "typrelid"));
            org.tusk.utils.cache.Relation rel = env.relcache().byOid(relid);
            if (rel != null) {
                List<String> names = new ArrayList<>();
                List<Integer> types = new ArrayList<>();
                List<Integer> mods = new ArrayList<>();
                for (int i = 1; i <= rel.desc().natts(); i++) {
                    names.add(rel.desc().attr(i - 1).name());
                    types.add(rel.atttypid(i));
                    mods.add(rel.atttypmod(i));
                }
                c = new CompositeType(typeOid, relid, List.copyOf(names), List.copyOf(types), List.copyOf(mods));
            }
        }
        composites.put(typeOid, c);
        return c;
    }

    /** pg_class.reltype of relation {@code relOid}: its row type's OID, 0 if it has none. */
    public int rowTypeOf(int relOid) {
        check();
        Integer cached = rowTypes.get(relOid);
        if (cached != null) return cached;
        TupleSlot s = CatalogScan.first(env.table(), env.relcache().catalog(PG_TYPE), env.snapshot().get(),
                CatalogScan.key(PG_TYPE, "typrelid", relOid), v -> "c".equals(PG_TYPE.get(v, "typtype")));
        int t = s == null ? 0 : oid(PG_TYPE.get(s.values(), "oid"));
        rowTypes.put(relOid, t);
        return t;
    }

    /**
     * The domain {@code typeOid} (typcache.c's domain data, load_domaintype_info), or null if it
     * is not a domain: its pg_type facts and its CHECK constraints from pg_constraint (contypid),
     * in name order as load_domaintype_info sorts them.
     */
    public DomainInfo domain(int typeOid) {
        if (CatalogRows.builtinType(typeOid) != null) return null;
        check();
        if (domains.containsKey(typeOid)) return domains.get(typeOid);
        TupleSlot s = CatalogScan.first(env.table(), env.relcache().catalog(PG_TYPE), env.snapshot().get(),
                CatalogScan.key(PG_TYPE, "oid", typeOid));
        DomainInfo d = null;
        if (s != null && "d".equals(PG_TYPE.get(s.values(), "typtype"))) {
            Object[] v = s.values();
            List<DomainInfo.Check> checks = new ArrayList<>();
            for (TupleSlot c : CatalogScan.scan(env.table(), env.relcache().catalog(SystemCatalogs.PG_CONSTRAINT),
                    env.snapshot().get(), r -> oid(SystemCatalogs.PG_CONSTRAINT.get(r, "contypid")) == typeOid)) {
                ConstraintInfo ci = ConstraintInfo.fromRow(c.values());
                if (ci.contype() == 'c') checks.add(new DomainInfo.Check(ci.oid(), ci.name(), ci.bin(), ci.validated()));
            }
            checks.sort(Comparator.comparing(DomainInfo.Check::name));
            d = new DomainInfo(typeOid, (String) PG_TYPE.get(v, "typname"), oid(PG_TYPE.get(v, "typnamespace")),
                    oid(PG_TYPE.get(v, "typbasetype")), (Integer) PG_TYPE.get(v, "typtypmod"),
                    (Boolean) PG_TYPE.get(v, "typnotnull"), (String) PG_TYPE.get(v, "typdefault"),
                    oid(PG_TYPE.get(v, "typcollation")), oid(PG_TYPE.get(v, "typarray")), List.copyOf(checks));
        }
        domains.put(typeOid, d);
        return d;
    }

    /** {@link #domain} through the installed cache (null without one, or for a type that is not a domain). */
    public static DomainInfo lookupDomain(int typeOid) {
        TypeCache c = current;
        return c == null ? null : c.domain(typeOid);
    }

    /** getBaseType: the type itself unless it is a domain, else the base type under every level of domain. */
    public static int baseType(int typeOid) {
        DomainInfo d = lookupDomain(typeOid);
        while (d != null) {
            typeOid = d.baseType();
            d = lookupDomain(typeOid);
        }
        return typeOid;
    }

    /** {@link #composite} through the installed cache (null without one). */
    public static CompositeType lookupComposite(int typeOid) {
        TypeCache c = current;
        return c == null || CatalogRows.builtinType(typeOid) != null ? null : c.composite(typeOid);
    }

    /** {@link #rowTypeOf} through the installed cache (0 without one). */
    public static int installedRowTypeOf(int relOid) {
        TypeCache c = current;
        return c == null ? 0 : c.rowTypeOf(relOid);
    }

    // ---- Enums.Lookup

    @Override
    public Enums.Member member(int enumOid) {
        check();
        Enums.Member m = memberByOid.get(enumOid);
        if (m != null) return m;
        TupleSlot s = CatalogScan.first(env.table(), env.relcache().catalog(PG_ENUM), env.snapshot().get(),
                CatalogScan.key(PG_ENUM, "oid", enumOid));
        if (s == null) return null;
        return members(oid(PG_ENUM.get(s.values(), "enumtypid"))).stream().filter(x -> x.oid() == enumOid).findFirst()
                .orElse(null);
    }

    @Override
    public List<Enums.Member> members(int typeOid) {
        check();
        List<Enums.Member> l = members.get(typeOid);
        if (l != null) return l;
        List<Enums.Member> found = new ArrayList<>();
        for (TupleSlot s : CatalogScan.scan(env.table(), env.relcache().catalog(PG_ENUM), env.snapshot().get(),
                CatalogScan.key(PG_ENUM, "enumtypid", typeOid))) {
            Object[] v = s.values();
            found.add(new Enums.Member(oid(PG_ENUM.get(v, "oid")), typeOid, (Float) PG_ENUM.get(v, "enumsortorder"),
                    (String) PG_ENUM.get(v, "enumlabel")));
        }
        found.sort(Comparator.comparingDouble(Enums.Member::sortOrder));
        l = List.copyOf(found);
        members.put(typeOid, l);
        for (Enums.Member m : l) memberByOid.put(m.oid(), m);
        return l;
    }

    @Override
    public String typeName(int typeOid) {
        UserType t = type(typeOid);
        return t == null ? "???" : t.name();
    }
}
