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
    private final IndexDependencies indexDependencies;
    private final ConstraintParents constraintParents;
    private final OpclassDdl opclasses;

    PartitionCatalog(CatalogEnv env, CatalogWriter writer, Dependencies dependencies, OpclassDdl opclasses) {
        this.env = env;
        this.opclasses = opclasses;
        this.writer = writer;
        this.dependencies = dependencies;
        this.indexDependencies = new IndexDependencies(writer, dependencies);
        this.constraintParents = new ConstraintParents(env, writer, dependencies);
    }

    /** A partition: its OID and bound. */
    public record Partition(int oid, PartitionBound bound) {}

    /**
     * The types of a partitioned table's key expressions: PostgreSQL reads them from the stored
     * node trees (exprType); Tusk keeps partexprs as SQL text, whose analysis lives above the
     * catalog, so the backend sets it on its session's catalog at session start.
     */
    public interface KeyExpressionTyper {
        /**
         * The type and typmod ({@link ColumnDef#name()} unused) of each expression of
         * {@code partexprs} of partitioned table {@code rel}, in order. The analysis must see
         * the catalog (user-defined functions and operators), as the stored trees PostgreSQL
         * reads back name them by OID.
         */
        List<ColumnDef> types(Relation rel, String partexprs);
    }

    /** The session's analysis of partexprs, set once when the session's catalog is wired. */
    private KeyExpressionTyper typer;

    /** Sets the analysis of partexprs of this session's catalog. */
    public void setKeyExpressionTyper(KeyExpressionTyper t) {
        typer = t;
    }

    /**
     * How the session calls a user-defined operator class's support function (partsupfunc,
     * through fmgr): running a SQL or PL/pgSQL function needs the executor, which lives above
     * the catalog, so the backend sets it on its session's catalog at session start.
     */
    private PartitionSupport.FunctionCaller supportCaller;

    /** Sets how this session's catalog calls partition support functions. */
    public void setSupportFunctionCaller(PartitionSupport.FunctionCaller caller) {
        supportCaller = caller;
    }

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
            classes[i] = key.opclass(i);
            collations[i] = key.collation(i);
        }
        PG_PARTITIONED_TABLE.set(row, "partattrs", attrs);
        PG_PARTITIONED_TABLE.set(row, "partclass", classes);
        PG_PARTITIONED_TABLE.set(row, "partcollation", collations);
        PG_PARTITIONED_TABLE.set(row, "partexprs", key.expressionsText());
        writer.insert(PG_PARTITIONED_TABLE, row);
        // StorePartitionKey's pg_depend rows (the key columns' INTERNAL ones among them) are
        // recorded by commands.PartitionKeyDependencies, which also sees the key expressions
        env.inval().registerRelcacheInval(relOid);
        env.commandCounterIncrement().run();
    }

    /** RelationGetPartitionKey: the key of partitioned table {@code rel}, or null if it is not one. */
    public PartitionKey key(Relation rel) {
        if (rel.relkind() != 'p') return null;
        List<TupleSlot> rows = writer.find(PG_PARTITIONED_TABLE, CatalogScan.key(PG_PARTITIONED_TABLE, "partrelid", rel.oid()));
        if (rows.isEmpty()) return null;
        Object[] v = rows.get(0).values();
        char strategy = ((String) PG_PARTITIONED_TABLE.get(v, "partstrat")).charAt(0);
        short[] attrs = (short[]) PG_PARTITIONED_TABLE.get(v, "partattrs");
        int[] classes = (int[]) PG_PARTITIONED_TABLE.get(v, "partclass");
        int[] colls = (int[]) PG_PARTITIONED_TABLE.get(v, "partcollation");
        String partexprs = (String) PG_PARTITIONED_TABLE.get(v, "partexprs");
        int n = attrs.length;
        int[] attnums = new int[n], types = new int[n], typmods = new int[n];
        String[] names = new String[n], exprs = new String[n];
        List<String> exprTexts = partexprs == null ? List.of() : splitExpressions(partexprs);
        List<ColumnDef> exprTypes = partexprs == null ? List.of() : requireTyper().types(rel, partexprs);
        int next = 0;
        for (int i = 0; i < n; i++) {
            attnums[i] = attrs[i];
            if (attrs[i] == 0) {
                exprs[i] = exprTexts.get(next);
                types[i] = exprTypes.get(next).typeOid();
                typmods[i] = exprTypes.get(next).typmod();
                next++;
            } else {
                types[i] = rel.atttypid(attrs[i]);
                typmods[i] = rel.atttypmod(attrs[i]);
                names[i] = rel.desc().attr(attrs[i] - 1).name();
            }
        }
        if (classes == null) classes = new int[n];
        return new PartitionKey(strategy, attnums, exprs, types, typmods, classes,
                colls == null ? new int[n] : colls, names, support(strategy, classes));
    }

    /**
     * RelationBuildPartitionKey's partsupfunc for the user-defined classes of a list or range key
     * (get_opfamily_proc(opfamily, opcintype, opcintype, BTORDER_PROC)); null when every class is
     * built in. A hash key's user-defined classes are called by the executor's hashing.
     */
    private PartitionSupport support(char strategy, int[] classes) {
        if (strategy == 'h') return null;
        int[] procs = null;
        for (int i = 0; i < classes.length; i++) {
            if (Integer.compareUnsigned(classes[i], CastDdl.FIRST_NORMAL_OBJECT_ID) < 0) continue;
            int proc = opclasses.userSupportProc(classes[i], 1);
            if (proc == 0) throw missingSupport(classes[i]);
            if (procs == null) procs = new int[classes.length];
            procs[i] = proc;
        }
        return procs == null ? null : new PartitionSupport(procs, supportCaller);
    }

    /** RelationBuildPartitionKey: a btree class without BTORDER_PROC cannot compare the key (42P17). */
    private org.tusk.utils.error.PgException missingSupport(int opclass) {
        Object[] row = opclasses.row(SystemCatalogs.PG_OPCLASS, opclass);
        String name = row == null ? String.valueOf(opclass) : String.valueOf(SystemCatalogs.PG_OPCLASS.get(row, "opcname"));
        int type = row == null ? 0 : oid(SystemCatalogs.PG_OPCLASS.get(row, "opcintype"));
        return org.tusk.utils.error.PgException.error("42P17", "operator class \"" + name
                + "\" of access method btree is missing support function 1 for type " + BuiltinCatalog.formatType(type));
    }

    private KeyExpressionTyper requireTyper() {
        KeyExpressionTyper t = typer;
        if (t == null) throw new IllegalStateException("partition key expressions cannot be analysed in this process");
        return t;
    }

    /**
     * The items of a partexprs text, split at top-level commas (outside parentheses, brackets
     * and quotes), each as stored.
     */
    public static List<String> splitExpressions(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        char quote = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (quote != 0) {
                if (c == quote) quote = 0;
                continue;
            }
            switch (c) {
                case '\'', '"' -> quote = c;
                case '(', '[' -> depth++;
                case ')', ']' -> depth--;
                case ',' -> {
                    if (depth == 0) {
                        out.add(text.substring(start, i).strip());
                        start = i + 1;
                    }
                }
                default -> { }
            }
        }
        return out;
    }

    /** get_default_partition_oid: pg_partitioned_table.partdefid, 0 if none. */
    public int defaultPartition(int parentOid) {
        for (TupleSlot s : writer.find(PG_PARTITIONED_TABLE, CatalogScan.key(PG_PARTITIONED_TABLE, "partrelid", parentOid))) {
            return oid(PG_PARTITIONED_TABLE.get(s.values(), "partdefid"));
        }
        return 0;
    }

    /** The relpartbound text of a partition, or null for a relation that is not one. */
    public String boundText(int relOid) {
        for (TupleSlot s : writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", relOid))) {
            if (!(Boolean) PG_CLASS.get(s.values(), "relispartition")) return null;
            return (String) PG_CLASS.get(s.values(), "relpartbound");
        }
        return null;
    }

    /**
     * RelationBuildPartitionDesc: the partitions of {@code parent} (whose key is {@code key})
     * with their bounds, in bound order ({@link #boundOrder}).
     */
    public List<Partition> partitions(Relation parent, PartitionKey key, Catalog catalog) {
        List<Partition> out = new ArrayList<>();
        for (int child : catalog.inheritanceChildren(parent.oid())) {
            String text = boundText(child);
            if (text != null) out.add(new Partition(child, PartitionBound.parse(text, key)));
        }
        out.sort((a, b) -> boundOrder(key, a, b));
        return out;
    }

    /**
     * The canonical order of partitions (partition_bounds_create): range partitions by their
     * bounds, hash partitions by modulus then remainder, list partitions by the smallest value
     * each accepts, a partition accepting only NULL after those, and the default partition last.
     * Scans of a partitioned table visit partitions in this order.
     */
    private static int boundOrder(PartitionKey key, Partition a, Partition b) {
        PartitionBound x = a.bound(), y = b.bound();
        if (x.isDefault() || y.isDefault()) return Boolean.compare(x.isDefault(), y.isDefault());
        return switch (x.strategy()) {
            case 'r' -> PartitionBound.compareRange(key, x.lower(), y.lower());
            case 'h' -> x.modulus() != y.modulus() ? Integer.compare(x.modulus(), y.modulus())
                    : Integer.compare(x.remainder(), y.remainder());
            default -> {
                Object mx = smallest(key, x.listDatums()), my = smallest(key, y.listDatums());
                if (mx == null || my == null) yield Boolean.compare(mx == null, my == null);
                yield key.compare(0, mx, my);
            }
        };
    }

    private static Object smallest(PartitionKey key, List<Object> values) {
        Object min = null;
        for (Object v : values) if (v != null && (min == null || key.compare(0, v, min) < 0)) min = v;
        return min;
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
        for (TupleSlot s : writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", relOid))) {
            Object[] v = s.values().clone();
            PG_CLASS.set(v, "relispartition", isPartition);
            PG_CLASS.set(v, "relpartbound", boundSql);
            writer.update(PG_CLASS, s, v);
        }
        env.inval().registerRelcacheInval(relOid);
    }

    private void setDefault(int parentOid, int defaultOid) {
        for (TupleSlot s : writer.find(PG_PARTITIONED_TABLE, CatalogScan.key(PG_PARTITIONED_TABLE, "partrelid", parentOid))) {
            Object[] v = s.values().clone();
            PG_PARTITIONED_TABLE.set(v, "partdefid", defaultOid);
            writer.update(PG_PARTITIONED_TABLE, s, v);
        }
    }

    /**
     * IndexSetParentIndex: index {@code partIndexOid} of a partition becomes a partition of
     * partitioned index {@code parentIndexOid} (a pg_inherits row, relispartition true), and
     * depends on it PARTITION_PRI and on its own table PARTITION_SEC. (index_drop of the parent
     * drops its attached indexes itself, and an attached index cannot be dropped alone: see
     * HeapCatalog.dropRelation.) When both indexes back constraints, the partition's constraint
     * becomes the parent's partition too (ConstraintSetParentConstraint, as DefineIndex,
     * AttachPartitionEnsureIndexes and ATExecAttachPartitionIdx do right after).
     */
    public void attachIndex(int partIndexOid, int parentIndexOid) {
        Object[] row = SystemCatalogs.PG_INHERITS.newRow();
        SystemCatalogs.PG_INHERITS.set(row, "inhrelid", partIndexOid);
        SystemCatalogs.PG_INHERITS.set(row, "inhparent", parentIndexOid);
        SystemCatalogs.PG_INHERITS.set(row, "inhseqno", 1);
        SystemCatalogs.PG_INHERITS.set(row, "inhdetachpending", false);
        writer.insert(SystemCatalogs.PG_INHERITS, row);
        setIndexPartition(partIndexOid, true);
        List<TupleSlot> ix = writer.find(SystemCatalogs.PG_INDEX, CatalogScan.key(SystemCatalogs.PG_INDEX, "indexrelid", partIndexOid));
        if (!ix.isEmpty()) {
            int partTable = oid(SystemCatalogs.PG_INDEX.get(ix.get(0).values(), "indrelid"));
            indexDependencies.attach(partIndexOid, parentIndexOid, partTable);
            int parentConstraint = constraintParents.indexConstraint(indexTable(parentIndexOid), parentIndexOid);
            int partConstraint = constraintParents.indexConstraint(partTable, partIndexOid);
            if (parentConstraint != 0 && partConstraint != 0) constraintParents.setParent(partConstraint, parentConstraint, partTable);
        }
        env.inval().registerRelcacheInval(parentIndexOid);
        env.commandCounterIncrement().run();
    }

    /**
     * IndexSetParentIndex(index, InvalidOid): the index is no longer attached to a partitioned
     * index; the constraint it backs, if any, is no longer inherited (DetachPartitionFinalize's
     * ConstraintSetParentConstraint(constrOid, InvalidOid, InvalidOid)).
     */
    public void detachIndex(int partIndexOid) {
        writer.delete(SystemCatalogs.PG_INHERITS, v -> oid(SystemCatalogs.PG_INHERITS.get(v, "inhrelid")) == partIndexOid);
        indexDependencies.detach(partIndexOid);
        setIndexPartition(partIndexOid, false);
        int partTable = indexTable(partIndexOid);
        int constraint = partTable == 0 ? 0 : constraintParents.indexConstraint(partTable, partIndexOid);
        if (constraint != 0) {
            for (TupleSlot s : writer.find(SystemCatalogs.PG_CONSTRAINT, CatalogScan.key(SystemCatalogs.PG_CONSTRAINT, "oid", constraint))) {
                if (oid(SystemCatalogs.PG_CONSTRAINT.get(s.values(), "conparentid")) != 0) constraintParents.setParent(constraint, 0, 0);
            }
        }
        env.commandCounterIncrement().run();
    }

    /** The table an index is on (pg_index.indrelid), or 0. */
    private int indexTable(int indexOid) {
        for (TupleSlot s : writer.find(SystemCatalogs.PG_INDEX, CatalogScan.key(SystemCatalogs.PG_INDEX, "indexrelid", indexOid))) {
            return oid(SystemCatalogs.PG_INDEX.get(s.values(), "indrelid"));
        }
        return 0;
    }

    /** The partitioned index {@code indexOid} is attached to, or 0. */
    public int parentIndex(int indexOid) {
        for (TupleSlot s : writer.find(SystemCatalogs.PG_INHERITS,
                CatalogScan.key(SystemCatalogs.PG_INHERITS, "inhrelid", indexOid))) {
            return oid(SystemCatalogs.PG_INHERITS.get(s.values(), "inhparent"));
        }
        return 0;
    }

    private void setIndexPartition(int indexOid, boolean isPartition) {
        for (TupleSlot s : writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", indexOid))) {
            Object[] v = s.values().clone();
            PG_CLASS.set(v, "relispartition", isPartition);
            writer.update(PG_CLASS, s, v);
        }
        env.inval().registerRelcacheInval(indexOid);
    }

    /** Removes a dropped partitioned table's pg_partitioned_table row (heap_drop_with_catalog's RemovePartitionKeyByRelId). */
    void removeKey(int relOid) {
        writer.delete(PG_PARTITIONED_TABLE, v -> oid(PG_PARTITIONED_TABLE.get(v, "partrelid")) == relOid);
    }

    /** A dropped default partition is no longer the parent's partdefid (heap_drop_with_catalog). */
    void forgetDefault(int relOid) {
        for (TupleSlot s : writer.find(PG_PARTITIONED_TABLE, CatalogScan.key(PG_PARTITIONED_TABLE, "partdefid", relOid))) {
            Object[] v = s.values().clone();
            PG_PARTITIONED_TABLE.set(v, "partdefid", 0);
            writer.update(PG_PARTITIONED_TABLE, s, v);
        }
    }
}
