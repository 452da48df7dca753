package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_ATTRIBUTE;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.SystemCatalogs.PG_ENUM;
import static org.tusk.catalog.SystemCatalogs.PG_TYPE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.access.common.DatumType;
import org.tusk.access.table.TupleSlot;
import org.tusk.utils.adt.Enums;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * The catalog side of CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD VALUE / RENAME VALUE and
 * DROP TYPE: PostgreSQL's typecmds.c DefineEnum/AlterEnum/RemoveTypeById with pg_enum.c
 * EnumValuesCreate, AddEnumLabel and RenameEnumLabel. Every change is an ordinary transactional
 * catalog change followed by a relcache invalidation of pg_type (which empties every backend's
 * {@link TypeCache}) and CommandCounterIncrement.
 *
 * <p>OIDs of enum labels follow pg_enum.c: CREATE TYPE takes even OIDs only, sorted, so that
 * comparing two even OIDs gives the sort order without a lookup; ADD VALUE takes an even OID only
 * if it also sorts correctly against every existing even OID, else an odd one, whose comparisons
 * go through enumsortorder. A new label between two others gets the midpoint of their sort
 * orders; if float4 cannot represent a distinct midpoint, the type's labels are renumbered
 * 1, 2, 3, ... first (RenumberEnumType).
 */
public final class TypeDdl {
    /** pg_proc OIDs of enum_in, enum_out, enum_recv, enum_send (pg_proc.dat). */
    static final int F_ENUM_IN = 3504, F_ENUM_OUT = 3505, F_ENUM_RECV = 3532, F_ENUM_SEND = 3533;

    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Namespaces namespaces;
    private final TypeCache types;

    TypeDdl(CatalogEnv env, CatalogWriter writer, Namespaces namespaces, TypeCache types) {
        this.env = env;
        this.writer = writer;
        this.namespaces = namespaces;
        this.types = types;
    }

    /** DefineEnum: the enum type, its array type and its labels; returns the type's OID. */
    public int createEnum(String schemaOrNull, String name, List<String> labels) {
        int nsp = namespaces.creationTarget(schemaOrNull);
        if (name.getBytes(StandardCharsets.UTF_8).length >= DatumType.NAMEDATALEN) {
            name = Identifiers.truncate(name);
        }
        final String typname = name;
        ArrayTypeNames arrayNames = new ArrayTypeNames(env, writer);
        if (BuiltinCatalog.typeByName(typname) != null && nsp == SystemCatalogs.PG_CATALOG_NAMESPACE
                || types.typeOidIn(typname, nsp) != 0 && !arrayNames.moveArrayTypeName(typname, nsp)) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "type \"" + typname + "\" already exists");
        }
        for (String l : labels) checkLabel(l);
        int owner = env.userOid().getAsInt();
        int typeOid = writer.newOid(PG_TYPE, "oid");
        // EnumValuesCreate does not look for duplicates: pg_enum's unique index on (enumtypid, enumlabel) refuses them
        Set<String> seen = new HashSet<>();
        for (String l : labels) {
            if (!seen.add(l)) {
                throw new PgException(Severity.ERROR, "23505",
                        "duplicate key value violates unique constraint \"pg_enum_typid_label_index\"",
                        "Key (enumtypid, enumlabel)=(" + Integer.toUnsignedString(typeOid) + ", " + l + ") already exists.",
                        null, 0);
            }
        }
        int arrayOid = writer.newOid(PG_TYPE, "oid");
        PgTypeRows.TypeRow row = new PgTypeRows.TypeRow(typeOid, typname, 4, true, 'e', 'E', false, 0, 0, 0, arrayOid,
                F_ENUM_IN, F_ENUM_OUT, F_ENUM_RECV, F_ENUM_SEND, 0, 0, 0, 'i', 'p', 0);
        writer.insert(PG_TYPE, PgTypeRows.toRow(row, nsp, owner));
        writer.insert(PG_TYPE, PgTypeRows.toRow(PgTypeRows.arrayOf(row, arrayNames.makeArrayTypeName(typname, nsp)), nsp, owner));

        // EnumValuesCreate: even OIDs, sorted, so that OID order is sort order.
        int[] oids = new int[labels.size()];
        for (int i = 0; i < oids.length; i++) {
            int o;
            do {
                o = writer.newOid(PG_ENUM, "oid");
            } while ((o & 1) != 0);
            oids[i] = o;
        }
        Integer[] boxed = new Integer[oids.length];
        for (int i = 0; i < oids.length; i++) boxed[i] = oids[i];
        java.util.Arrays.sort(boxed, Integer::compareUnsigned);
        for (int i = 0; i < labels.size(); i++) writer.insert(PG_ENUM, enumRow(boxed[i], typeOid, i + 1, labels.get(i)));
        changed();
        return typeOid;
    }

    /**
     * DefineRange's catalog part: the range type (typtype 'r', category 'R', varlena, extended,
     * aligned 'd' if its subtype is, else 'i', range_in/range_out/range_recv/range_send and
     * range_typanalyze), its array type and its pg_range row (RangeCreate). The caller has
     * checked the parameters; the constructor functions are made by the caller too. Returns the
     * type's OID. No multirange type is made (rngmultitypid 0).
     */
    public int createRange(String schemaOrNull, String name, int subtype, char subtypeAlign, int collation, int subOpclass,
                           int subDiff) {
        int nsp = namespaces.creationTarget(schemaOrNull);
        if (name.getBytes(StandardCharsets.UTF_8).length >= DatumType.NAMEDATALEN) name = Identifiers.truncate(name);
        final String typname = name;
        ArrayTypeNames arrayNames = new ArrayTypeNames(env, writer);
        if (BuiltinCatalog.typeByName(typname) != null && nsp == SystemCatalogs.PG_CATALOG_NAMESPACE
                || types.typeOidIn(typname, nsp) != 0 && !arrayNames.moveArrayTypeName(typname, nsp)) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "type \"" + typname + "\" already exists");
        }
        int owner = env.userOid().getAsInt();
        int typeOid = writer.newOid(PG_TYPE, "oid");
        int arrayOid = writer.newOid(PG_TYPE, "oid");
        PgTypeRows.TypeRow range = PgTypeRows.range(typeOid, typname, subtypeAlign == 'd' ? 'd' : 'i');
        PgTypeRows.TypeRow row = new PgTypeRows.TypeRow(range.oid(), range.typname(), range.typlen(), range.typbyval(),
                range.typtype(), range.typcategory(), range.typispreferred(), 0, 0, 0, arrayOid, range.typinput(),
                range.typoutput(), range.typreceive(), range.typsend(), 0, 0, range.typanalyze(), range.typalign(),
                range.typstorage(), 0);
        writer.insert(PG_TYPE, PgTypeRows.toRow(row, nsp, owner));
        writer.insert(PG_TYPE, PgTypeRows.toRow(PgTypeRows.arrayOf(row, arrayNames.makeArrayTypeName(typname, nsp)), nsp, owner));
        Object[] r = SystemCatalogs.PG_RANGE.newRow();
        SystemCatalogs.PG_RANGE.set(r, "rngtypid", typeOid);
        SystemCatalogs.PG_RANGE.set(r, "rngsubtype", subtype);
        SystemCatalogs.PG_RANGE.set(r, "rngmultitypid", 0);
        SystemCatalogs.PG_RANGE.set(r, "rngcollation", collation);
        SystemCatalogs.PG_RANGE.set(r, "rngsubopc", subOpclass);
        SystemCatalogs.PG_RANGE.set(r, "rngcanonical", 0);
        SystemCatalogs.PG_RANGE.set(r, "rngsubdiff", subDiff);
        writer.insert(SystemCatalogs.PG_RANGE, r);
        changed();
        return typeOid;
    }

    /** AddEnumLabel: ALTER TYPE name ADD VALUE [IF NOT EXISTS] label [BEFORE|AFTER neighbor]. */
    public void addValue(int typeOid, String label, String neighbor, boolean before, boolean ifNotExists) {
        checkLabel(label);
        List<Enums.Member> ms = new ArrayList<>(types.members(typeOid));
        for (Enums.Member m : ms) {
            if (m.label().equals(label)) {
                if (ifNotExists) {
                    env.notices().accept(new PgException(Severity.NOTICE, SqlState.DUPLICATE_OBJECT,
                            "enum label \"" + label + "\" already exists, skipping", null, null, 0));
                    return;
                }
                throw PgException.error(SqlState.DUPLICATE_OBJECT, "enum label \"" + label + "\" already exists");
            }
        }
        float order = newSortOrder(ms, neighbor, before);
        if (Float.isNaN(order)) {
            renumber(typeOid, ms);
            ms = new ArrayList<>(types.members(typeOid));
            order = newSortOrder(ms, neighbor, before);
        }
        final float newOrder = order;
        int newOid;
        while (true) {
            newOid = writer.newOid(PG_ENUM, "oid");
            // an even OID is usable only if it sorts against every even OID as its label does
            boolean sortsOk = true;
            for (Enums.Member m : ms) {
                if ((m.oid() & 1) == 0 && (Integer.compareUnsigned(m.oid(), newOid) < 0) != (m.sortOrder() < newOrder)) {
                    sortsOk = false;
                    break;
                }
            }
            if (sortsOk == ((newOid & 1) == 0)) break;
        }
        writer.insert(PG_ENUM, enumRow(newOid, typeOid, newOrder, label));
        types.valueAdded(newOid);
        changed();
    }

    /** The sort order of a new label, or NaN if float4 has no room between the neighbours. */
    private static float newSortOrder(List<Enums.Member> ms, String neighbor, boolean before) {
        if (neighbor == null) return ms.isEmpty() ? 1 : ms.get(ms.size() - 1).sortOrder() + 1;
        int idx = -1;
        for (int i = 0; i < ms.size(); i++) if (ms.get(i).label().equals(neighbor)) idx = i;
        if (idx < 0) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "\"" + neighbor + "\" is not an existing enum label");
        }
        int lo = before ? idx - 1 : idx, hi = before ? idx : idx + 1;
        if (lo < 0) return ms.get(hi).sortOrder() - 1;
        if (hi >= ms.size()) return ms.get(lo).sortOrder() + 1;
        float a = ms.get(lo).sortOrder(), b = ms.get(hi).sortOrder();
        float mid = (a + b) / 2;
        return mid == a || mid == b ? Float.NaN : mid;
    }

    /**
     * RenumberEnumType: sort orders 1..n in the current order. Renumbering only ever raises a
     * label's sort order, so going from the last label backwards frees each value before it is
     * taken and pg_enum_typid_sortorder_index never sees two equal orders; unchanged labels stay.
     */
    private void renumber(int typeOid, List<Enums.Member> ms) {
        for (int i = ms.size() - 1; i >= 0; i--) {
            Enums.Member m = ms.get(i);
            float order = i + 1;
            if (m.sortOrder() == order) continue;
            for (TupleSlot s : writer.find(PG_ENUM, CatalogScan.key(PG_ENUM, "oid", m.oid()))) {
                Object[] v = s.values().clone();
                PG_ENUM.set(v, "enumsortorder", order);
                writer.update(PG_ENUM, s, v);
            }
        }
        changed();
    }

    /** RenameEnumLabel. */
    public void renameValue(int typeOid, String oldLabel, String newLabel) {
        checkLabel(newLabel);
        Enums.Member found = null;
        boolean newExists = false;
        for (Enums.Member m : types.members(typeOid)) {
            newExists |= m.label().equals(newLabel);
            if (m.label().equals(oldLabel)) found = m;
        }
        // RenameEnumLabel checks the old label first, then the new one
        if (found == null) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "\"" + oldLabel + "\" is not an existing enum label");
        }
        if (newExists) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "enum label \"" + newLabel + "\" already exists");
        }
        final int oid = found.oid();
        for (TupleSlot s : writer.find(PG_ENUM, CatalogScan.key(PG_ENUM, "oid", oid))) {
            Object[] v = s.values().clone();
            PG_ENUM.set(v, "enumlabel", newLabel);
            writer.update(PG_ENUM, s, v);
        }
        changed();
    }

    /**
     * The objects that depend on a type (what pg_depend would list): columns of relations
     * declared with it or its array type, described as PostgreSQL's getObjectDescription does
     * ("column c of table t").
     */
    public List<String> dependents(int typeOid) {
        TypeCache.UserType t = types.type(typeOid);
        int arrayOid = t == null ? 0 : t.typarray();
        List<String> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_ATTRIBUTE, v -> {
            int ty = oid(PG_ATTRIBUTE.get(v, "atttypid"));
            return (ty == typeOid || ty == arrayOid && arrayOid != 0) && !(Boolean) PG_ATTRIBUTE.get(v, "attisdropped");
        })) {
            int rel = oid(PG_ATTRIBUTE.get(s.values(), "attrelid"));
            TupleSlot c = CatalogScan.first(env.table(), env.relcache().catalog(PG_CLASS), env.snapshot().get(),
                    CatalogScan.key(PG_CLASS, "oid", rel));
            // an index's column goes with the table column it indexes, which is listed itself
            if (c == null || "i".equals(PG_CLASS.get(c.values(), "relkind"))) continue;
            String kind = "v".equals(PG_CLASS.get(c.values(), "relkind")) ? "view" : "table";
            if (isPartitionKeyColumn(rel, (Short) PG_ATTRIBUTE.get(s.values(), "attnum"))) {
                // findDependentObjects: the column is an internal part of its table, which stands for it
                String table = "table " + PG_CLASS.get(c.values(), "relname");
                if (!out.contains(table)) out.add(table);
                continue;
            }
            out.add("column " + PG_ATTRIBUTE.get(s.values(), "attname") + " of " + kind + " " + PG_CLASS.get(c.values(), "relname"));
        }
        return out;
    }

    /**
     * The tables of which a column of type {@code typeOid} is a partition key column (depends
     * INTERNALly on its table, as StorePartitionKey records): dropping the type drops them whole.
     */
    public List<Integer> partitionKeyTables(int typeOid) {
        List<Integer> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_ATTRIBUTE, v -> oid(PG_ATTRIBUTE.get(v, "atttypid")) == typeOid
                && (Short) PG_ATTRIBUTE.get(v, "attnum") > 0 && !(Boolean) PG_ATTRIBUTE.get(v, "attisdropped"))) {
            int rel = oid(PG_ATTRIBUTE.get(s.values(), "attrelid"));
            if (isPartitionKeyColumn(rel, (Short) PG_ATTRIBUTE.get(s.values(), "attnum")) && !out.contains(rel)) out.add(rel);
        }
        return out;
    }

    /** Whether column {@code attnum} of {@code rel} depends INTERNALly on its own table (a partition key column). */
    private boolean isPartitionKeyColumn(int rel, short attnum) {
        var dep = SystemCatalogs.PG_DEPEND;
        return !writer.find(dep, v -> oid(dep.get(v, "classid")) == ObjectAddress.RELATION_RELATION_ID
                && oid(dep.get(v, "objid")) == rel && (Integer) dep.get(v, "objsubid") == attnum
                && oid(dep.get(v, "refclassid")) == ObjectAddress.RELATION_RELATION_ID && oid(dep.get(v, "refobjid")) == rel
                && (Integer) dep.get(v, "refobjsubid") == 0 && "i".equals(dep.get(v, "deptype"))).isEmpty();
    }

    /**
     * The types of schema {@code namespace} that are objects of their own, which DROP SCHEMA
     * reaches through their pg_depend rows on it (TypeCreate's recordDependencyOnNamespace):
     * base, shell, domain, enum and range types. Array types go with their element type, row
     * types with their relation and multiranges with their range. In OID (creation) order.
     */
    public List<Integer> standaloneTypesInNamespace(int namespace) {
        List<Object[]> rows = new ArrayList<>();
        Set<Integer> implicit = new HashSet<>();
        for (TupleSlot s : writer.find(PG_TYPE, v -> oid(PG_TYPE.get(v, "typnamespace")) == namespace)) {
            rows.add(s.values());
            implicit.add(oid(PG_TYPE.get(s.values(), "typarray")));
        }
        List<Integer> out = new ArrayList<>();
        for (Object[] v : rows) {
            int typeOid = oid(PG_TYPE.get(v, "oid"));
            char typtype = ((String) PG_TYPE.get(v, "typtype")).charAt(0);
            if ("bpder".indexOf(typtype) < 0 || implicit.contains(typeOid)) continue;
            out.add(typeOid);
        }
        out.sort(Integer::compareUnsigned);
        return out;
    }

    /** RemoveTypeById for an enum or range type: its pg_type row, its array type's and its pg_enum or pg_range rows. */
    public void dropType(int typeOid) {
        TypeCache.UserType t = types.type(typeOid);
        int arrayOid = t == null ? 0 : t.typarray();
        writer.delete(PG_TYPE, v -> {
            int o = oid(PG_TYPE.get(v, "oid"));
            return o == typeOid || (arrayOid != 0 && o == arrayOid);
        });
        writer.delete(PG_ENUM, v -> oid(PG_ENUM.get(v, "enumtypid")) == typeOid);
        // a range type: its pg_range row (RangeDelete) and its constructors, which depend on it internally
        if (t != null && t.typtype() == 'r') {
            writer.delete(SystemCatalogs.PG_RANGE, v -> oid(SystemCatalogs.PG_RANGE.get(v, "rngtypid")) == typeOid);
            writer.delete(SystemCatalogs.PG_PROC, v -> oid(SystemCatalogs.PG_PROC.get(v, "prorettype")) == typeOid
                    && oid(SystemCatalogs.PG_PROC.get(v, "prolang")) == InternalFunctions.INTERNAL_LANGUAGE_ID
                    && RangeBuiltins.isConstructor((String) SystemCatalogs.PG_PROC.get(v, "prosrc")));
            env.inval().registerRelcacheInval(SystemCatalogs.PG_PROC.oid());
        }
        new Comments(env, writer).delete(typeOid, PG_TYPE.oid(), 0);   // deleteOneObject's DeleteComments
        changed();
    }

    /**
     * RenameType: the type gets the new name and its array type "_" + the new name
     * (makeArrayTypeName); 42710 if a type of that name exists in the schema.
     */
    public void renameType(int typeOid, String newName) {
        TypeCache.UserType t = types.type(typeOid);
        if (types.typeOidIn(newName, t.namespace()) != 0) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "type \"" + newName + "\" already exists");
        }
        setTypname(typeOid, newName);
        if (t.typarray() != 0) setTypname(t.typarray(), new ArrayTypeNames(env, writer).makeArrayTypeName(newName, t.namespace()));
        changed();
    }

    /**
     * AlterTypeOwner_oid: the type, its array type and, for a composite type, its pg_class row get
     * the new owner. The caller has checked privileges.
     */
    public void setOwner(int typeOid, int newOwner) {
        TypeCache.UserType t = types.type(typeOid);
        int relid = 0;
        for (int oid : new int[] {typeOid, t.typarray()}) {
            if (oid == 0) continue;
            for (TupleSlot s : writer.find(PG_TYPE, CatalogScan.key(PG_TYPE, "oid", oid))) {
                Object[] v = s.values().clone();
                if (oid == typeOid) relid = oid(PG_TYPE.get(v, "typrelid"));
                PG_TYPE.set(v, "typowner", newOwner);
                writer.update(PG_TYPE, s, v);
            }
        }
        int rel = relid;
        if (rel != 0) {
            for (TupleSlot s : writer.find(SystemCatalogs.PG_CLASS, CatalogScan.key(SystemCatalogs.PG_CLASS, "oid", rel))) {
                Object[] v = s.values().clone();
                SystemCatalogs.PG_CLASS.set(v, "relowner", newOwner);
                writer.update(SystemCatalogs.PG_CLASS, s, v);
            }
        }
        changed();
    }

    private void setTypname(int typeOid, String name) {
        for (TupleSlot s : writer.find(PG_TYPE, CatalogScan.key(PG_TYPE, "oid", typeOid))) {
            Object[] v = s.values().clone();
            PG_TYPE.set(v, "typname", name);
            writer.update(PG_TYPE, s, v);
        }
    }

    /** CREATE/ALTER/DROP DOMAIN's catalog changes (typecmds.c DefineDomain, AlterDomain*). */
    public DomainDdl domains() {
        return new DomainDdl(env, writer, namespaces, types);
    }

    /** The owner of a type (pg_type.typowner). */
    public int owner(int typeOid) {
        TupleSlot s = CatalogScan.first(env.table(), env.relcache().catalog(PG_TYPE), env.snapshot().get(),
                CatalogScan.key(PG_TYPE, "oid", typeOid));
        return s == null ? 0 : oid(PG_TYPE.get(s.values(), "typowner"));
    }

    private void changed() {
        env.inval().registerRelcacheInval(PG_TYPE.oid());
        env.inval().registerRelcacheInval(PG_ENUM.oid());
        env.commandCounterIncrement().run();
    }

    private static Object[] enumRow(int oid, int typeOid, float order, String label) {
        Object[] r = PG_ENUM.newRow();
        PG_ENUM.set(r, "oid", oid);
        PG_ENUM.set(r, "enumtypid", typeOid);
        PG_ENUM.set(r, "enumsortorder", order);
        PG_ENUM.set(r, "enumlabel", label);
        return r;
    }

    /** Labels are stored as names: at most NAMEDATALEN-1 bytes (42602). */
    private static void checkLabel(String label) {
        if (label.getBytes(StandardCharsets.UTF_8).length > DatumType.NAMEDATALEN - 1) {
            throw new PgException(Severity.ERROR, SqlState.INVALID_NAME, "invalid enum label \"" + label + "\"",
                    "Labels must be " + (DatumType.NAMEDATALEN - 1) + " bytes or less.", null, 0);
        }
    }

}
