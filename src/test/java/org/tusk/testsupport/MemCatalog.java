package org.tusk.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.access.common.Attribute;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.Catalog;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * A map-backed catalog for executor tests: one schema, tables with their column defaults and
 * typmods, and B-tree indexes built through the index AM. Names are PostgreSQL's defaults
 * ({@code t_pkey}, {@code t_a_key}, {@code t_a_idx}).
 */
public final class MemCatalog implements Catalog {
    private final MemTableAm table;
    private final Map<Integer, Character> onCommitActions = new LinkedHashMap<>();
    private final MemIndexAm indexAm;
    private final Map<String, Relation> byName = new LinkedHashMap<>();
    private final Map<Integer, Relation> byOid = new HashMap<>();
    private final Map<Integer, List<String>> defaults = new HashMap<>();
    final Map<Integer, int[]> typmods = new HashMap<>();
    public final List<String> notices = new ArrayList<>();
    private int nextOid = 16384;

    public MemCatalog(MemTableAm table, MemIndexAm indexAm) {
        this.table = table;
        this.indexAm = indexAm;
    }

    @Override
    public Relation openRelation(String schemaOrNull, String name) {
        if (schemaOrNull != null && !schemaOrNull.equals("public")) return null;
        return byName.get(name);
    }

    @Override
    public Relation openRelation(int oid) { return byOid.get(oid); }

    @Override
    public Relation openRelation(String schemaOrNull, String name, int lockMode) { return openRelation(schemaOrNull, name); }

    @Override
    public int createTable(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence, boolean ifNotExists,
                           List<String> reloptions) {
        return createTable(schemaOrNull, name, columns, persistence, ifNotExists);
    }

    // The in-memory catalog serves executor tests; relation DDL beyond CREATE/DROP is tested on HeapCatalog.
    @Override public void truncateRelation(Relation heap) { throw new UnsupportedOperationException("MemCatalog"); }
    @Override public boolean createdInCurrentSubTransaction(Relation rel) { return false; }
    @Override public void setColumnNotNull(Relation heap, int attnum, boolean notNull) { throw new UnsupportedOperationException("MemCatalog"); }
    @Override public void setColumnStorage(Relation heap, int attnum, Character storage, Character compression) { throw new UnsupportedOperationException("MemCatalog"); }
    @Override public void setColumnDefault(Relation heap, int attnum, String defaultSql) { throw new UnsupportedOperationException("MemCatalog"); }
    @Override public int addColumn(Relation heap, ColumnSpec column) { throw new UnsupportedOperationException("MemCatalog"); }
    @Override public void renameRelation(Relation rel, String newName) { throw new UnsupportedOperationException("MemCatalog"); }
    @Override public void renameColumn(Relation heap, int attnum, String newName) { throw new UnsupportedOperationException("MemCatalog"); }
    @Override public int createSequence(String schemaOrNull, String name, org.tusk.access.sequence.SeqParams params,
                                        char persistence, boolean ifNotExists) { throw new UnsupportedOperationException("MemCatalog"); }
    @Override public org.tusk.access.sequence.SeqParams sequenceParams(Relation seq) { throw new UnsupportedOperationException("MemCatalog"); }
    @Override public void replaceStatistics(Relation rel, List<ColumnStatistics> stats) { throw new UnsupportedOperationException("MemCatalog"); }
    // No ANALYZE here, so no column has statistics.
    @Override public ColumnStatistics statistics(int relOid, int attnum) { return null; }
    @Override public List<Relation> userTables() { return new ArrayList<>(byName.values()); }
    @Override public String namespaceName(int namespaceOid) { return "public"; }
    // One schema, public (OID 2200), that cannot change.
    @Override public int namespaceOid(String name) { return name.equals("public") ? 2200 : 0; }
    @Override public int namespaceOwner(int namespaceOid) { return 10; }
    @Override public int createNamespace(String name, int ownerOid) { throw new UnsupportedOperationException("MemCatalog"); }
    @Override public List<Relation> relationsInNamespace(int namespaceOid) { return userTables(); }
    @Override public void dropNamespace(int namespaceOid) { throw new UnsupportedOperationException("MemCatalog"); }
    @Override public void renameNamespace(int namespaceOid, String newName) { throw new UnsupportedOperationException("MemCatalog"); }
    @Override public void setNamespaceOwner(int namespaceOid, int ownerOid) { throw new UnsupportedOperationException("MemCatalog"); }
    @Override public int relnameGetRelid(String schemaOrNull, String name) {
        Relation r = byName.get(name);
        return r == null ? 0 : r.oid();
    }
    @Override public void updateRelationStats(Relation rel, int relpages, double reltuples, int relallvisible) { throw new UnsupportedOperationException("MemCatalog"); }

    /** pg_constraint as far as this catalog has it: a PRIMARY KEY or UNIQUE constraint per unique index, named as it. */
    @Override
    public List<org.tusk.catalog.ConstraintInfo> constraintsOf(Relation rel) {
        List<org.tusk.catalog.ConstraintInfo> out = new ArrayList<>();
        for (Relation i : indexesOf(rel)) {
            if (!i.index().unique()) continue;
            short[] conkey = new short[i.index().keyCount()];
            for (int k = 0; k < conkey.length; k++) conkey[k] = (short) i.index().keyAttnum(k);
            out.add(new org.tusk.catalog.ConstraintInfo(i.oid(), i.name(), 2200, i.index().primary() ? 'p' : 'u', rel.oid(),
                    conkey, i.oid(), 0, null, ' ', ' ', ' ', false, false, true, false, null));
        }
        return out;
    }

    @Override
    public List<Relation> indexesOf(Relation heap) {
        List<Relation> out = new ArrayList<>();
        for (Relation r : byName.values()) if (r.index() != null && r.index().heapOid() == heap.oid()) out.add(r);
        return out;
    }

    @Override
    public List<String> columnDefaults(Relation heap) { return defaults.getOrDefault(heap.oid(), List.of()); }

    @Override
    public int createTable(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence, boolean ifNotExists) {
        Relation existing = byName.get(name);
        if (existing != null) {
            if (ifNotExists) {
                notices.add("relation \"" + name + "\" already exists, skipping");
                return existing.oid();
            }
            throw PgException.error("42P07", "relation \"" + name + "\" already exists");
        }
        List<Attribute> atts = new ArrayList<>();
        List<String> defs = new ArrayList<>();
        int[] mods = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            for (int j = 0; j < i; j++)
                if (columns.get(j).name().equals(c.name()))
                    throw PgException.error("42701", "column \"" + c.name() + "\" specified more than once");
            Attribute a = Attribute.of(c.name(), datumType(c.typeOid()));
            atts.add(c.notNull() ? a.notNull() : a);
            defs.add(c.defaultSql());
            mods[i] = c.typmod();
        }
        int oid = nextOid++;
        Relation rel = new Relation(oid, name, 2200, 'r', persistence, new RelFileLocator(1663, 5, oid),
                new TupleDesc(atts, TupleDesc.RECORDOID, -1), null);
        byName.put(name, rel);
        byOid.put(oid, rel);
        defaults.put(oid, defs);
        typmods.put(oid, mods);
        return oid;
    }

    /** The tuple layout type of a column type; the enum covers only the types the tuple code knows yet. */
    private static DatumType datumType(int typeOid) {
        for (DatumType d : DatumType.values()) if (d.oid() == typeOid) return d;
        throw PgException.error("0A000", "type " + BuiltinCatalog.formatType(typeOid) + " cannot be stored yet");
    }

    @Override
    public int createIndex(String nameOrNull, Relation heap, int[] attnums, boolean unique, boolean primary,
                           boolean ifNotExists) {
        String name = nameOrNull;
        if (name == null) {
            StringBuilder sb = new StringBuilder(heap.name());
            if (primary) sb.append("_pkey");
            else {
                for (int a : attnums) sb.append('_').append(heap.desc().attr(a - 1).name());
                sb.append(unique ? "_key" : "_idx");
            }
            name = sb.toString();
            String base = name;
            for (int n = 1; byName.containsKey(name); n++) name = base + n;
        }
        if (byName.containsKey(name)) {
            if (ifNotExists) {
                notices.add("relation \"" + name + "\" already exists, skipping");
                return byName.get(name).oid();
            }
            throw PgException.error("42P07", "relation \"" + name + "\" already exists");
        }
        List<Attribute> keys = new ArrayList<>();
        for (int a : attnums) keys.add(heap.desc().attr(a - 1));
        int oid = nextOid++;
        Relation index = new Relation(oid, name, 2200, 'i', heap.persistence(), new RelFileLocator(1663, 5, oid),
                new TupleDesc(keys, TupleDesc.RECORDOID, -1), new Relation.IndexInfo(heap.oid(), attnums, unique, primary));
        byName.put(name, index);
        byOid.put(oid, index);
        indexAm.build(heap, index, table);
        return oid;
    }

    @Override
    public void dropRelation(Relation rel) {
        if (rel.index() == null) for (Relation i : indexesOf(rel)) dropRelation(i);
        byName.remove(rel.name());
        byOid.remove(rel.oid());
    }

    @Override
    public void dropRelations(List<Relation> rels, boolean cascade) {
        for (Relation r : rels) dropRelation(r);
    }

    @Override
    public org.tusk.catalog.Dependencies dependencies() {
        throw new UnsupportedOperationException("the in-memory test catalog has no pg_depend");
    }

    @Override
    public int createView(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence, boolean replace,
                          String definition, List<Integer> referencedRelations) {
        throw new UnsupportedOperationException("the in-memory test catalog has no views");
    }

    @Override
    public String viewDefinition(Relation view) {
        return null;
    }

    @Override
    public void storeInheritance(int childOid, List<Integer> parentOids, int[] attinhcount, boolean[] attislocal) {
        throw new UnsupportedOperationException("the in-memory test catalog has no inheritance");
    }

    @Override
    public List<Integer> inheritanceChildren(int parentOid) {
        return List.of();
    }

    @Override
    public List<Integer> inheritanceParents(int childOid) {
        return List.of();
    }

    @Override
    public void adjustColumnInheritance(Relation rel, int attnum, int inhcountDelta, Boolean islocal) {
        throw new UnsupportedOperationException("the in-memory test catalog has no inheritance");
    }

    @Override
    public void lockRelation(int relOid, int lockMode) {
    }

    @Override
    public Relation relationNoLock(int oid) {
        return openRelation(oid);
    }

    /** One session and no lock manager: every lock is free. */
    @Override
    public boolean conditionalLockRelation(int relOid, int lockMode) {
        return true;
    }

    @Override
    public void setRelationAcl(Relation rel, int[] acl) {
        throw new UnsupportedOperationException("the in-memory test catalog has no privileges");
    }

    @Override
    public List<String> roleDependencies(int roleOid) {
        return List.of();
    }

    @Override
    public Map<Integer, Character> onCommitActions() {
        return onCommitActions;
    }
}
