package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.SystemCatalogs.PG_DEPEND;
import static org.tusk.catalog.SystemCatalogs.PG_PARTITIONED_TABLE;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.cache.Relation;

/**
 * Declarative partitioning in the catalogs (PostgreSQL's heap.c StorePartitionKey /
 * StorePartitionBound, partition.c, partcache.c RelationBuildPartitionKey and
 * RelationBuildPartitionDesc): a partitioned table's pg_partitioned_table row, and a
 * partition's relispartition / relpartbound in pg_class together with its pg_inherits row (which
 * {@link InheritanceCatalog} writes) and its AUTO dependency on the parent, so that dropping
 * the parent drops its partitions without CASCADE.
 *
 * <p>The key and the bounds are read from the catalogs on each call (no partcache yet); callers
 * hold at least AccessShareLock on the partitioned table, and DDL that changes its partitions
 * holds AccessExclusiveLock on it, so what they read cannot change under them.
 */
public final class PartitionCatalog {
    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Dependencies dependencies;

    PartitionCatalog(CatalogEnv env, CatalogWriter writer, Dependencies dependencies) {
        this.env = env;
        this.writer = writer;
        this.dependencies = dependencies;
    }

    /** A partition: its OID and bound. */
    public record Partition(int oid, PartitionBound bound) {}

    /** StorePartitionKey: the pg_partitioned_table row of a new partitioned table. */
    public void storeKey(int relOid, PartitionKey key) {
        Object[] row = PG_PARTITIONED_TABLE.newRow();
        PG_PARTITIONED_TABLE.set(row, "partrelid", relOid);
        PG_PARTITIONED_TABLE.set(row, "partstrat", String.valueOf(key.strategy()));
        PG_PARTITIONED_TABLE.set(row, "partnatts", (short) key.count());
        PG_PARTITIONED_TABLE.set(row, "partdefid", 0);
        short[] attrs = new short[key.count()];
        int[] classes = new int[key.count()];
        int[] collations = new int[key.count()];
        for (int i = 0; i < key.count(); i++) {
            attrs[i] = (short) key.attnum(i);
            classes[i] = key.strategy() == 'h' ? 0 : BtreeOpclasses.defaultFor(key.typeOid(i));
            collations[i] = isCollatable(key.typeOid(i)) ? SystemCatalogs.DEFAULT_COLLATION_OID : 0;
        }
        PG_PARTITIONED_TABLE.set(row, "partattrs", attrs);
        PG_PARTITIONED_TABLE.set(row, "partclass", classes);
        PG_PARTITIONED_TABLE.set(row, "partcollation", collations);
        writer.insert(PG_PARTITIONED_TABLE, row);
        env.inval().registerRelcacheInval(relOid);
        env.commandCounterIncrement().run();
    }

    private static boolean isCollatable(int typeOid) {
        return typeOid == TypeOids.TEXT || typeOid == TypeOids.VARCHAR || typeOid == TypeOids.BPCHAR;
    }

    /** RelationGetPartitionKey: the key of partitioned table {@code rel}, or null if it is not one. */
    public PartitionKey key(Relation rel) {
        if (rel.relkind() != 'p') return null;
        List<TupleSlot> rows = writer.find(PG_PARTITIONED_TABLE, v -> oid(PG_PARTITIONED_TABLE.get(v, "partrelid")) == rel.oid());
        if (rows.isEmpty()) return null;
        Object[] v = rows.get(0).values();
        char strategy = ((String) PG_PARTITIONED_TABLE.get(v, "partstrat")).charAt(0);
        short[] attrs = (short[]) PG_PARTITIONED_TABLE.get(v, "partattrs");
        int n = attrs.length;
        int[] attnums = new int[n], types = new int[n], typmods = new int[n];
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            attnums[i] = attrs[i];
            types[i] = rel.atttypid(attrs[i]);
            typmods[i] = rel.atttypmod(attrs[i]);
            names[i] = rel.desc().attr(attrs[i] - 1).name();
        }
        return new PartitionKey(strategy, attnums, types, typmods, names);
    }

    /** get_default_partition_oid: pg_partitioned_table.partdefid, 0 if none. */
    public int defaultPartition(int parentOid) {
        for (TupleSlot s : writer.find(PG_PARTITIONED_TABLE, v -> oid(PG_PARTITIONED_TABLE.get(v, "partrelid")) == parentOid)) {
            return oid(PG_PARTITIONED_TABLE.get(s.values(), "partdefid"));
        }
        return 0;
    }

    /** The relpartbound text of a partition, or null for a relation that is not one. */
    public String boundText(int relOid) {
        for (TupleSlot s : writer.find(PG_CLASS, v -> oid(PG_CLASS.get(v, "oid")) == relOid)) {
            if (!(Boolean) PG_CLASS.get(s.values(), "relispartition")) return null;
            return (String) PG_CLASS.get(s.values(), "relpartbound");
        }
        return null;
    }

    /**
     * RelationBuildPartitionDesc, unsorted: the partitions of {@code parent} (whose key is
     * {@code key}) with their bounds, in OID order.
     */
    public List<Partition> partitions(Relation parent, PartitionKey key, Catalog catalog) {
        List<Partition> out = new ArrayList<>();
        for (int child : catalog.inheritanceChildren(parent.oid())) {
            String text = boundText(child);
            if (text != null) out.add(new Partition(child, PartitionBound.parse(text, key)));
        }
        return out;
    }

    /**
     * StorePartitionBound: marks {@code relOid} a partition with {@code boundSql}, makes its
     * dependency on the parent AUTO, and records a default partition in the parent's row.
     */
    public void storeBound(int relOid, int parentOid, String boundSql, boolean isDefault) {
        setBound(relOid, true, boundSql);
        writer.delete(PG_DEPEND, v -> oid(PG_DEPEND.get(v, "classid")) == ObjectAddress.RELATION_RELATION_ID
                && oid(PG_DEPEND.get(v, "objid")) == relOid && oid(PG_DEPEND.get(v, "refobjid")) == parentOid
                && oid(PG_DEPEND.get(v, "refclassid")) == ObjectAddress.RELATION_RELATION_ID);
        dependencies.recordDependencyOn(ObjectAddress.relation(relOid), ObjectAddress.relation(parentOid),
                DependencyType.AUTO);
        if (isDefault) setDefault(parentOid, relOid);
        env.inval().registerRelcacheInval(parentOid);
        env.commandCounterIncrement().run();
    }

    /**
     * DetachPartition's inheritance part (RemoveInheritance): the pg_inherits row and the
     * dependency on the parent go, then the bound ({@link #removeBound}).
     */
    public void detach(int relOid, int parentOid) {
        writer.delete(SystemCatalogs.PG_INHERITS, v -> oid(SystemCatalogs.PG_INHERITS.get(v, "inhrelid")) == relOid
                && oid(SystemCatalogs.PG_INHERITS.get(v, "inhparent")) == parentOid);
        writer.delete(PG_DEPEND, v -> oid(PG_DEPEND.get(v, "classid")) == ObjectAddress.RELATION_RELATION_ID
                && oid(PG_DEPEND.get(v, "objid")) == relOid && oid(PG_DEPEND.get(v, "refobjid")) == parentOid
                && oid(PG_DEPEND.get(v, "refclassid")) == ObjectAddress.RELATION_RELATION_ID);
        removeBound(relOid, parentOid);
    }

    /** DetachPartition's catalog part: relispartition false, relpartbound NULL, partdefid cleared if it was the default. */
    public void removeBound(int relOid, int parentOid) {
        setBound(relOid, false, null);
        if (defaultPartition(parentOid) == relOid) setDefault(parentOid, 0);
        env.inval().registerRelcacheInval(parentOid);
        env.commandCounterIncrement().run();
    }

    private void setBound(int relOid, boolean isPartition, String boundSql) {
        for (TupleSlot s : writer.find(PG_CLASS, v -> oid(PG_CLASS.get(v, "oid")) == relOid)) {
            Object[] v = s.values().clone();
            PG_CLASS.set(v, "relispartition", isPartition);
            PG_CLASS.set(v, "relpartbound", boundSql);
            writer.update(PG_CLASS, s, v);
        }
        env.inval().registerRelcacheInval(relOid);
    }

    private void setDefault(int parentOid, int defaultOid) {
        for (TupleSlot s : writer.find(PG_PARTITIONED_TABLE, v -> oid(PG_PARTITIONED_TABLE.get(v, "partrelid")) == parentOid)) {
            Object[] v = s.values().clone();
            PG_PARTITIONED_TABLE.set(v, "partdefid", defaultOid);
            writer.update(PG_PARTITIONED_TABLE, s, v);
        }
    }

    /** Removes a dropped partitioned table's pg_partitioned_table row (heap_drop_with_catalog's RemovePartitionKeyByRelId). */
    void removeKey(int relOid) {
        writer.delete(PG_PARTITIONED_TABLE, v -> oid(PG_PARTITIONED_TABLE.get(v, "partrelid")) == relOid);
    }

    /** A dropped default partition is no longer the parent's partdefid (heap_drop_with_catalog). */
    void forgetDefault(int relOid) {
        for (TupleSlot s : writer.find(PG_PARTITIONED_TABLE, v -> oid(PG_PARTITIONED_TABLE.get(v, "partdefid")) == relOid)) {
            Object[] v = s.values().clone();
            PG_PARTITIONED_TABLE.set(v, "partdefid", 0);
            writer.update(PG_PARTITIONED_TABLE, s, v);
        }
    }
}
