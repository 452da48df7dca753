package org.tusk.utils.cache;

import org.tusk.access.common.Attribute;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.table.TableAm;
import org.tusk.access.table.TupleSlot;
import org.tusk.catalog.ArrayTypes;
import org.tusk.catalog.BaseTypeStorage;
import org.tusk.catalog.CatalogScan;
import org.tusk.catalog.SystemCatalog;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.time.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.*;

/**
 * The relation cache of one backend (PostgreSQL's relcache.c): {@link Relation} objects built
 * from pg_class, pg_attribute and pg_index (RelationBuildDesc) and kept until an invalidation
 * message names them. The system catalogs' own entries are "nailed": built from
 * {@link SystemCatalogs} without reading anything, and never dropped.
 *
 * <p>Not thread-safe: one per backend, used by its one thread. Catalog rows are read through the
 * table AM with the snapshot the caller supplies (the catalog snapshot). Invalidation
 * ({@link #invalidate}, {@link #invalidateAll}) only drops entries; the next lookup rebuilds them,
 * so a caller must not keep a {@link Relation} across a point where invalidations are accepted
 * and expect it to be current.
 */
public final class RelCache {
    private final int dbOid;
    private final TableAm table;
    private final Supplier<Snapshot> snapshot;
    private final Map<Integer, Relation> byOid = new HashMap<>();
    private final Map<Integer, List<Integer>> indexLists = new HashMap<>();
    private final Map<Integer, Relation> nailed = new HashMap<>();

    private final java.util.Map<Object, Integer> names = new java.util.HashMap<>();
    /** pg_inherits children by parent OID (find_inheritance_children), emptied with {@link #names}. */
    private final java.util.Map<Integer, List<Integer>> children = new java.util.HashMap<>();
    /** Bumped whenever {@link #names} is emptied, so derived caches (the search path) know to rebuild. */
    private long namesGeneration;
    private final java.util.Map<Integer, List<String>> defaults = new java.util.HashMap<>();
    private final java.util.Map<Integer, List<org.tusk.catalog.ConstraintInfo>> constraints = new java.util.HashMap<>();
    private final java.util.Map<Integer, List<org.tusk.catalog.ConstraintInfo>> referencedBy = new java.util.HashMap<>();
    /** rd_trigdesc: the pg_trigger rows of a table, by table OID. */
    private final java.util.Map<Integer, List<org.tusk.catalog.TriggerInfo>> triggers = new java.util.HashMap<>();
    private final java.util.Map<Integer, List<org.tusk.catalog.RuleInfo>> rules = new java.util.HashMap<>();
    private final java.util.Map<Integer, List<org.tusk.catalog.PolicyInfo>> policies = new java.util.HashMap<>();
    /**
     * Catalog rows a derived cache reads whole (the user-defined operators, ...), by what they are
     * (PostgreSQL's catcache lists, SearchCatCacheList): emptied with the name lookups, by any
     * invalidation, and adopted with the rest by a reused backend's next session, which would
     * otherwise read them again for its first statement. Values only: nothing of the session
     * that read them.
     */
    private final java.util.Map<Object, List<Object[]>> catalogLists = new java.util.HashMap<>();

    public RelCache(int dbOid, TableAm table, Supplier<Snapshot> snapshot) {
        this.dbOid = dbOid;
        this.table = table;
        this.snapshot = snapshot;
        for (SystemCatalog c : SystemCatalogs.ALL) nailed.put(c.oid(), c.relation(dbOid));
    }

    public int databaseOid() { return dbOid; }

    /** The backend's pending statistics, whose per-relation counts each entry carries (pgstat_init_relation). */
    private org.tusk.utils.activity.PgStatPending stats;

    /** Attaches the backend's statistics: every entry, nailed, built or adopted, counts into them. */
    public void setStats(org.tusk.utils.activity.PgStatPending stats) {
        this.stats = stats;
        for (Relation r : nailed.values()) bindStats(r);
        for (Relation r : byOid.values()) bindStats(r);
    }

    private void bindStats(Relation r) {
        if (r == null) return;
        r.setPgstatInfo(stats == null || !countsStats(r.relkind()) ? null : stats.relation(r.oid()));
    }

    /** pgstat_relkind_is_counted: tables, indexes, TOAST tables, materialized views, sequences. */
    private static boolean countsStats(char relkind) {
        return relkind == 'r' || relkind == 'i' || relkind == 't' || relkind == 'm' || relkind == 'S';
    }

    /** The nailed entry of a system catalog. */
    public Relation catalog(SystemCatalog c) {
        return nailed.get(c.oid());
    }

    /** RelationIdGetRelation: the relation with OID {@code oid}, built if not cached; null if no such pg_class row is visible. */
    public Relation byOid(int oid) {
        Relation r = nailed.get(oid);
        if (r != null) return r;
        r = byOid.get(oid);
        if (r == null) {
            r = build(oid);
            if (r != null) {
                if (stats != null) bindStats(r);
                byOid.put(oid, r);
            }
        }
        return r;
    }

    /** RelationGetIndexList: OIDs of the indexes of {@code heapOid}, in OID order. */
    public List<Integer> indexOids(int heapOid) {
        List<Integer> l = indexLists.get(heapOid);
        if (l == null) {
            Snapshot snap = snapshot.get();
            List<Integer> found = new ArrayList<>();
            for (TupleSlot s : CatalogScan.scan(table, catalog(PG_INDEX), snap,
                    CatalogScan.key(PG_INDEX, "indrelid", heapOid))) {
                found.add(oid(PG_INDEX.get(s.values(), "indexrelid")));
            }
            found.sort(Integer::compareUnsigned);
            l = List.copyOf(found);
            indexLists.put(heapOid, l);
        }
        return l;
    }

    /** RelationCacheInvalidateEntry: forgets relation {@code oid} (and its index list). */
    public void invalidate(int oid) {
        byOid.remove(oid);
        indexLists.remove(oid);
        defaults.remove(oid);
        constraints.remove(oid);
        referencedBy.remove(oid);
        triggers.remove(oid);
        rules.remove(oid);
        policies.remove(oid);
        clearNames();
    }

    /** RelationCacheInvalidate: forgets every entry but the nailed ones (after a sinval reset). */
    public void invalidateAll() {
        byOid.clear();
        indexLists.clear();
        defaults.clear();
        constraints.clear();
        referencedBy.clear();
        triggers.clear();
        rules.clear();
        policies.clear();
        clearNames();
    }

    private void clearNames() {
        names.clear();
        children.clear();
        catalogLists.clear();
        namesGeneration++;
    }

    /** Changes whenever the name lookups' cache is emptied; a cache derived from name lookups keeps it. */
    public long namesGeneration() {
        return namesGeneration;
    }

    /**
     * The name lookups' cache (a stand-in for PostgreSQL's RELNAMENSP and NAMESPACENAME catcaches):
     * the OID found for {@code key} earlier, 0 for a name that was looked up and not found (a
     * negative entry, as catcache keeps them), or null if the name was not looked up since the last
     * invalidation. Every change that could make a lookup's answer differ sends an invalidation:
     * creating, dropping or renaming a relation one for its OID, and a schema change one for all
     * relations; any invalidation empties this whole cache.
     */
    public Integer cachedOid(Object key) {
        return names.get(key);
    }

    /** The column defaults' SQL texts of relation {@code oid} as last read, or null. */
    public List<String> cachedDefaults(int oid) {
        return defaults.get(oid);
    }

    public void rememberDefaults(int oid, List<String> sqlTexts) {
        defaults.put(oid, java.util.Collections.unmodifiableList(new ArrayList<>(sqlTexts)));
    }

    /**
     * The pg_constraint rows of relation {@code oid} as last read (rd_att->constr): those with
     * conrelid = oid, or with {@code referencing} the foreign keys whose confrelid = oid; null if
     * not cached. A constraint change invalidates the tables on both of its sides.
     */
    public List<org.tusk.catalog.ConstraintInfo> cachedConstraints(int oid, boolean referencing) {
        return (referencing ? referencedBy : constraints).get(oid);
    }

    public void rememberConstraints(int oid, boolean referencing, List<org.tusk.catalog.ConstraintInfo> rows) {
        (referencing ? referencedBy : constraints).put(oid, List.copyOf(rows));
    }

    /**
     * The pg_trigger rows of table {@code oid} as last read (rd_trigdesc), or null if not cached.
     * A trigger change sends a relcache invalidation for its table, which forgets them.
     */
    public List<org.tusk.catalog.TriggerInfo> cachedTriggers(int oid) {
        return triggers.get(oid);
    }

    public void rememberTriggers(int oid, List<org.tusk.catalog.TriggerInfo> rows) {
        triggers.put(oid, List.copyOf(rows));
    }

    /**
     * The pg_rewrite rows (but a view's _RETURN rule) of relation {@code oid} as last read
     * (rd_rules), or null if not cached. A rule change sends a relcache invalidation for its relation.
     */
    public List<org.tusk.catalog.RuleInfo> cachedRules(int oid) {
        return rules.get(oid);
    }

    public void rememberRules(int oid, List<org.tusk.catalog.RuleInfo> rows) {
        rules.put(oid, List.copyOf(rows));
    }

    /**
     * The pg_policy rows of table {@code oid} as last read (rd_rsdesc), or null if not cached. A
     * policy change, like ALTER TABLE ... ROW LEVEL SECURITY, sends a relcache invalidation for its table.
     */
    public List<org.tusk.catalog.PolicyInfo> cachedPolicies(int oid) {
        return policies.get(oid);
    }

    public void rememberPolicies(int oid, List<org.tusk.catalog.PolicyInfo> rows) {
        policies.put(oid, List.copyOf(rows));
    }

    /**
     * The inheritance children of {@code parentOid} as last read, or null. Any invalidation empties
     * this cache: a child's creation invalidates its parents, its drop itself.
     */
    public List<Integer> cachedChildren(int parentOid) {
        return children.get(parentOid);
    }

    public void rememberChildren(int parentOid, List<Integer> oids) {
        children.put(parentOid, List.copyOf(oids));
    }

    /** Remembers the answer of a name lookup (0: not found) for {@link #cachedOid}. */
    public void rememberOid(Object key, int oid) {
        names.put(key, oid);
    }

    /**
     * Takes over the entries of {@code previous}, the cache of an earlier session of this process
     * in the same database (backend reuse, Tusk's own): the caller must have made sure that every
     * invalidation message sent since {@code previous} last read the queue will still be read by
     * this cache's session (SinvalQueue.backendRejoin), so that what is stale among them is
     * dropped before it is used, as for entries this session built itself.
     */
    public void adopt(RelCache previous) {
        if (previous.dbOid != dbOid) throw new IllegalArgumentException("relcache of database " + previous.dbOid);
        byOid.putAll(previous.byOid);
        indexLists.putAll(previous.indexLists);
        names.putAll(previous.names);
        children.putAll(previous.children);
        defaults.putAll(previous.defaults);
        constraints.putAll(previous.constraints);
        referencedBy.putAll(previous.referencedBy);
        triggers.putAll(previous.triggers);
        rules.putAll(previous.rules);
        policies.putAll(previous.policies);
        catalogLists.putAll(previous.catalogLists);
    }

    /**
     * The rows {@code read} returns, kept under {@code key} until the next invalidation (see
     * {@link #catalogLists}). The list and its rows must not be changed by anyone.
     */
    public List<Object[]> catalogList(Object key, Supplier<List<Object[]>> read) {
        List<Object[]> rows = catalogLists.get(key);
        if (rows == null) {
            long generation = namesGeneration;
            rows = List.copyOf(read.get());
            // reading may have accepted invalidations that make what was read stale
            if (namesGeneration == generation) catalogLists.put(key, rows);
        }
        return rows;
    }

    /** Whether an entry for {@code oid} is cached (for tests). */
    public boolean isCached(int oid) {
        return byOid.containsKey(oid);
    }

    /** Whether pg_type says {@code typeOid} is an enum type (typtype 'e'): its values are stored as pg_enum OIDs. */
    /** pg_type.typtype of a type, 0 if there is no such type. */
    private char typtype(int typeOid, Snapshot snap) {
        TupleSlot t = CatalogScan.first(table, catalog(PG_TYPE), snap, CatalogScan.key(PG_TYPE, "oid", typeOid));
        return t == null ? 0 : ((String) PG_TYPE.get(t.values(), "typtype")).charAt(0);
    }

    /** pg_type.typelem of {@code typeOid} (0 when it is not an array type or does not exist). */
    private int typelem(int typeOid, Snapshot snap) {
        TupleSlot t = CatalogScan.first(table, catalog(PG_TYPE), snap, CatalogScan.key(PG_TYPE, "oid", typeOid));
        return t == null ? 0 : oid(PG_TYPE.get(t.values(), "typelem"));
    }

    /** getBaseType: {@code typeOid} itself, or the base type under every level of domain over it. */
    private int domainBase(int typeOid, Snapshot snap) {
        for (int depth = 0; depth < 64 && DatumType.forOid(typeOid) == null && typtype(typeOid, snap) == 'd'; depth++) {
            final int dom = typeOid;
            TupleSlot t = CatalogScan.first(table, catalog(PG_TYPE), snap, CatalogScan.key(PG_TYPE, "oid", dom));
            typeOid = oid(PG_TYPE.get(t.values(), "typbasetype"));
        }
        return typeOid;
    }

    /** How a column of user base type {@code typeOid} is stored (BaseTypeStorage), or null. */
    private DatumType baseTypeStorage(int typeOid, Snapshot snap) {
        TupleSlot t = CatalogScan.first(table, catalog(PG_TYPE), snap, CatalogScan.key(PG_TYPE, "oid", typeOid));
        return t == null ? null : BaseTypeStorage.storedAs(t.values(), proc -> {
            TupleSlot p = CatalogScan.first(table, catalog(PG_PROC), snap, CatalogScan.key(PG_PROC, "oid", proc));
            return p == null ? null : p.values();
        });
    }

    /** RelationBuildDesc. */
    private Relation build(int oid) {
        Snapshot snap = snapshot.get();
        TupleSlot cls = CatalogScan.first(table, catalog(PG_CLASS), snap, CatalogScan.key(PG_CLASS, "oid", oid));
        if (cls == null) return null;
        Object[] c = cls.values();
        String name = (String) PG_CLASS.get(c, "relname");
        char relkind = ((String) PG_CLASS.get(c, "relkind")).charAt(0);
        char persistence = ((String) PG_CLASS.get(c, "relpersistence")).charAt(0);
        int namespace = oid(PG_CLASS.get(c, "relnamespace"));
        int tablespace = oid(PG_CLASS.get(c, "reltablespace"));
        int relfilenode = oid(PG_CLASS.get(c, "relfilenode"));
        // A view has no storage (relfilenode 0) and so no file locator.
        RelFileLocator locator = relfilenode == 0 ? null
                : new RelFileLocator(tablespace == 0 ? RelFileLocator.DEFAULTTABLESPACE_OID : tablespace, dbOid, relfilenode);

        List<Object[]> atts = new ArrayList<>();
        for (TupleSlot s : CatalogScan.scan(table, catalog(PG_ATTRIBUTE), snap,
                CatalogScan.key(PG_ATTRIBUTE, "attrelid", oid), v -> (Short) PG_ATTRIBUTE.get(v, "attnum") > 0)) {
            atts.add(s.values());
        }
        atts.sort(Comparator.comparingInt(v -> (Short) PG_ATTRIBUTE.get(v, "attnum")));
        List<Attribute> attrs = new ArrayList<>();
        int[] typmods = new int[atts.size()];
        char[] identity = new char[atts.size()];
        boolean anyIdentity = false;
        char[] generated = null;
        int[] typids = new int[atts.size()];
        int[] collations = new int[atts.size()];
        for (Object[] a : atts) {
            typmods[attrs.size()] = (Integer) PG_ATTRIBUTE.get(a, "atttypmod");
            collations[attrs.size()] = oid(PG_ATTRIBUTE.get(a, "attcollation"));
            String ident = (String) PG_ATTRIBUTE.get(a, "attidentity");
            if (ident != null && !ident.isEmpty() && ident.charAt(0) != 0) {
                identity[attrs.size()] = ident.charAt(0);
                anyIdentity = true;
            }
            String gen = (String) PG_ATTRIBUTE.get(a, "attgenerated");
            if (gen != null && !gen.isEmpty() && gen.charAt(0) != 0) {
                if (generated == null) generated = new char[atts.size()];
                generated[attrs.size()] = gen.charAt(0);
            }
            typids[attrs.size()] = oid(PG_ATTRIBUTE.get(a, "atttypid"));
            attrs.add(attribute(a, snap));
        }
        int reltype = oid(PG_CLASS.get(c, "reltype"));
        TupleDesc desc = new TupleDesc(attrs, reltype == 0 ? TupleDesc.RECORDOID : reltype, -1);

        Relation.IndexInfo index = null;
        TupleSlot ix = null;
        if (relkind == 'i' || relkind == 'I') {   // an index, or a partitioned table's index
            ix = CatalogScan.first(table, catalog(PG_INDEX), snap, CatalogScan.key(PG_INDEX, "indexrelid", oid));
            if (ix == null) {
                throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for index " + Integer.toUnsignedString(oid));
            }
            short[] keys = (short[]) PG_INDEX.get(ix.values(), "indkey");
            // indkey's first indnkeyatts entries are the key columns, the rest INCLUDE columns
            int nkey = Math.min(keys.length, (Short) PG_INDEX.get(ix.values(), "indnkeyatts"));
            int[] attnums = new int[nkey];
            for (int i = 0; i < nkey; i++) attnums[i] = keys[i];
            int[] includes = new int[keys.length - nkey];
            for (int i = nkey; i < keys.length; i++) includes[i - nkey] = keys[i];
            index = new Relation.IndexInfo(oid(PG_INDEX.get(ix.values(), "indrelid")), attnums,
                    (Boolean) PG_INDEX.get(ix.values(), "indisunique"), (Boolean) PG_INDEX.get(ix.values(), "indisprimary"),
                    (String) PG_INDEX.get(ix.values(), "indexprs"), (String) PG_INDEX.get(ix.values(), "indpred"),
                    (short[]) PG_INDEX.get(ix.values(), "indoption"),
                    Boolean.TRUE.equals(PG_INDEX.get(ix.values(), "indnullsnotdistinct")),
                    !Boolean.FALSE.equals(PG_INDEX.get(ix.values(), "indimmediate")),
                    Boolean.TRUE.equals(PG_INDEX.get(ix.values(), "indisexclusion")),
                    (int[]) PG_INDEX.get(ix.values(), "indcollation"), (int[]) PG_INDEX.get(ix.values(), "indclass"),
                    includes);
        }
        if (index != null) desc = withOpclassComparisons(desc, index.indclass(), typids);
        Relation rel = new Relation(oid, name, namespace, relkind, persistence, locator, desc, index, typmods);
        if (ix != null) {
            rel.setIndexState(!Boolean.FALSE.equals(PG_INDEX.get(ix.values(), "indisvalid")),
                    !Boolean.FALSE.equals(PG_INDEX.get(ix.values(), "indisready")),
                    !Boolean.FALSE.equals(PG_INDEX.get(ix.values(), "indislive")));
        }
        rel.setAcl(oid(PG_CLASS.get(c, "relowner")), (int[]) PG_CLASS.get(c, "relacl"));
        if (ix != null) {
            // an index's access method; one created before relam was recorded is a B-tree
            int am = oid(PG_CLASS.get(c, "relam"));
            rel.setRelam(am == 0 ? Relation.BTREE_AM_OID : am);
        }
        if (anyIdentity) rel.setAttidentity(identity);
        if (generated != null) rel.setAttgenerated(generated);
        rel.setAtttypids(typids);
        rel.setAttcollations(collations);
        rel.setPartition(Boolean.TRUE.equals(PG_CLASS.get(c, "relispartition")));
        rel.setToastRelid(oid(PG_CLASS.get(c, "reltoastrelid")));
        rel.setRowSecurity(Boolean.TRUE.equals(PG_CLASS.get(c, "relrowsecurity")),
                Boolean.TRUE.equals(PG_CLASS.get(c, "relforcerowsecurity")));
        rel.setPopulated(!Boolean.FALSE.equals(PG_CLASS.get(c, "relispopulated")));
        rel.setClassStats((Integer) PG_CLASS.get(c, "relpages"), (Float) PG_CLASS.get(c, "reltuples"),
                (Integer) PG_CLASS.get(c, "relallvisible"), Boolean.TRUE.equals(PG_CLASS.get(c, "relhassubclass")));
        String[] options = (String[]) PG_CLASS.get(c, "reloptions");
        if (options != null) {
            for (String o : options) {
                if (o.startsWith("fillfactor=")) rel.setFillfactor(Integer.parseInt(o.substring(11)));
                if (o.startsWith("toast_tuple_target=")) rel.setToastTupleTarget(Integer.parseInt(o.substring(19)));
            }
        }
        return rel;
    }

    /**
     * An index's descriptor with each key column that its operator class compares as another,
     * binary-coercible type (bpchar_ops on a text column) typed as that class's input type, so
     * that the B-tree orders and searches it with the class's comparison (bpcharcmp), as
     * PostgreSQL's index relation takes its support functions from the opfamily rather than from
     * pg_attribute.atttypid, which stays the column's type. The stored form is the same.
     */
    private static TupleDesc withOpclassComparisons(TupleDesc desc, int[] indclass, int[] typids) {
        if (indclass == null) return desc;
        List<Attribute> attrs = null;
        for (int i = 0; i < Math.min(indclass.length, desc.natts()); i++) {
            int input = org.tusk.catalog.BtreeOpclasses.coercedInputType(indclass[i], typids[i]);
            DatumType t = input == 0 ? null : DatumType.forOid(input);
            Attribute a = desc.attr(i);
            if (t == null || t == a.type() || t.typlen() != a.attlen() || t.typbyval() != a.attbyval()) continue;
            if (attrs == null) attrs = new ArrayList<>(desc.attributes());
            attrs.set(i, new Attribute(a.name(), t, a.attlen(), a.attbyval(), a.attalign(), a.attstorage(), a.attnotnull(),
                    a.attisdropped()));
        }
        return attrs == null ? desc : new TupleDesc(attrs, desc.typeId(), desc.typmod());
    }

    private Attribute attribute(Object[] a, Snapshot snap) {
        int typeOid = oid(PG_ATTRIBUTE.get(a, "atttypid"));
        short attlen = (Short) PG_ATTRIBUTE.get(a, "attlen");
        boolean attbyval = (Boolean) PG_ATTRIBUTE.get(a, "attbyval");
        char attalign = ((String) PG_ATTRIBUTE.get(a, "attalign")).charAt(0);
        if ((Boolean) PG_ATTRIBUTE.get(a, "attisdropped")) {
            // atttypid is 0: the layout alone says how to step over the values old tuples keep
            DatumType layout = DatumType.forLayout(attlen, attbyval, attalign);
            if (layout == null) {
                throw PgException.error(SqlState.INTERNAL_ERROR, "dropped column with attlen " + attlen + " and attalign "
                        + attalign + " cannot be read");
            }
            return new Attribute((String) PG_ATTRIBUTE.get(a, "attname"), layout, attlen, attbyval, attalign,
                    layout.typstorage(), false, true);
        }
        // a domain column is stored as its base type (under every level of domain)
        typeOid = domainBase(typeOid, snap);
        DatumType type = DatumType.forOid(typeOid);
        if (type == null) {
            char typtype = typtype(typeOid, snap);
            int elem = typtype == 'b' ? typelem(typeOid, snap) : 0;
            if (elem != 0 && typtype(elem, snap) == 'd') {
                // an array of a domain: its elements are stored as the domain's base type's, so
                // the array is stored as an array of that base type (the header keeps the domain's OID)
                int base = domainBase(elem, snap);
                if (typtype(base, snap) == 'c') type = DatumType.COMPOSITE_ARRAY;
                else if (ArrayTypes.arrayOf(base) != 0) type = DatumType.forOid(ArrayTypes.arrayOf(base));
            } else if (typtype == 'e') type = DatumType.ENUM;
            else if (typtype == 'c') type = DatumType.COMPOSITE;   // stored as a HeapTupleHeader Datum
            else if (elem != 0 && typtype(elem, snap) == 'c') {
                type = DatumType.COMPOSITE_ARRAY;   // an array whose elements are HeapTupleHeader Datums
            } else if (typtype == 'b') {
                type = baseTypeStorage(typeOid, snap);   // a user base type: its representation's Datum
            }
        }
        String name = (String) PG_ATTRIBUTE.get(a, "attname");
        if (type == null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "column \"" + name + "\" has type " + Integer.toUnsignedString(typeOid) + ", which cannot be stored yet");
        }
        return new Attribute(name, type, (Short) PG_ATTRIBUTE.get(a, "attlen"), (Boolean) PG_ATTRIBUTE.get(a, "attbyval"),
                ((String) PG_ATTRIBUTE.get(a, "attalign")).charAt(0), ((String) PG_ATTRIBUTE.get(a, "attstorage")).charAt(0),
                (Boolean) PG_ATTRIBUTE.get(a, "attnotnull"));
    }
}
