package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.ConstraintInfo;
import org.tusk.catalog.IndexSpec;
import org.tusk.catalog.PartitionCatalog;
import org.tusk.catalog.PartitionKey;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecContext;
import org.tusk.executor.IndexKeys;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Indexes of partitioned tables (PostgreSQL's indexcmds.c DefineIndex for a partitioned
 * relation, tablecmds.c AttachPartitionEnsureIndexes, ATExecAttachPartitionIdx and
 * CompareIndexInfo). An index on a partitioned table is a partitioned index (relkind 'I', no
 * storage); each partition has an index of the same definition attached to it (pg_inherits),
 * a partitioned one again for a partitioned partition. Every partition, existing or attached or
 * created later, gets one: an existing index of the partition that matches the definition and is
 * not yet attached to another is attached, otherwise one is created (and built).
 *
 * <p>A unique partitioned index (and so a PRIMARY KEY or UNIQUE constraint) must include every
 * partition key column, since uniqueness is enforced by each partition's own index: two equal
 * keys can only be in the same partition when the partition key is part of the index key.
 *
 * <p>Locking: the caller holds ShareLock (CREATE INDEX) or AccessExclusiveLock (ATTACH, CREATE
 * TABLE ... PARTITION OF) on the partitioned table; each partition is locked ShareLock before
 * its index is looked for or made, as DefineIndex does when it recurses.
 */
public final class PartitionIndexes {
    private PartitionIndexes() {}

    /** DefineIndex on partitioned table {@code heap}: the partitioned index, then one per partition. */
    public static int define(Relation heap, IndexSpec spec, ExecContext ctx) {
        Catalog catalog = ctx.env().catalog();
        if (spec.unique() || spec.primary()) checkUniqueIncludesKey(heap, spec, catalog);
        int indexOid = catalog.createIndex(heap, spec, null);
        IndexExpressionDependencies.record(heap, indexOid, ctx);
        Relation index = catalog.openRelation(indexOid);
        for (Relation part : partitionsOf(heap, catalog)) {
            catalog.lockRelation(part.oid(), RelationLocks.SHARE_LOCK);
            ensureIndex(heap, index, spec, part, ctx);
        }
        return indexOid;
    }

    /**
     * AttachPartitionEnsureIndexes (and DefineRelation's cloning for PARTITION OF): every index
     * of {@code parent} gets its counterpart on new partition {@code part}.
     */
    public static void cloneToPartition(Relation parent, Relation part, ExecContext ctx) {
        Catalog catalog = ctx.env().catalog();
        for (Relation index : catalog.indexesOf(parent)) {
            if (index.relkind() != 'I') continue;
            ensureIndex(parent, index, specOf(parent, index, catalog), part, ctx);
        }
    }

    /**
     * ALTER INDEX name ATTACH PARTITION index: opens both indexes (AccessExclusiveLock on the
     * partitioned index, as ALTER INDEX takes; the partition's index is locked the same way by
     * RangeVarCallbackForAttachIndex) and attaches.
     */
    public static void alterIndexAttach(Stmt.RangeVar index, boolean missingOk, Stmt.RangeVar partition, ExecContext ctx,
                                        java.util.function.Consumer<String> notices) {
        Catalog catalog = ctx.env().catalog();
        Relation parentIndex = catalog.openRelation(index.schema(), index.name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (parentIndex == null) {
            if (missingOk) {
                notices.accept("relation \"" + shown(index) + "\" does not exist, skipping");
                return;
            }
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown(index) + "\" does not exist");
        }
        if (parentIndex.relkind() != 'I')
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "ALTER action ATTACH PARTITION cannot be performed on relation \""
                    + parentIndex.name() + "\"").withDetail(parentIndex.relkind() == 'i'
                    ? "This operation is not supported for indexes." : "This operation is not supported for tables.");
        Relation partIndex = catalog.openRelation(partition.schema(), partition.name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (partIndex == null)
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown(partition) + "\" does not exist");
        attachIndex(parentIndex, partIndex, ctx);
    }

    private static String shown(Stmt.RangeVar rv) {
        return rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
    }

    /**
     * ALTER INDEX parentIndex ATTACH PARTITION partIndex (ATExecAttachPartitionIdx): the index
     * must be on a partition of the parent index's table, match its definition, and that
     * partition must not have another index attached to the parent index already.
     */
    public static void attachIndex(Relation parentIndex, Relation partIndex, ExecContext ctx) {
        Catalog catalog = ctx.env().catalog();
        PartitionCatalog pc = catalog.partitions();
        if (partIndex.relkind() != 'i' && partIndex.relkind() != 'I')
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + partIndex.name() + "\" is not an index");
        Relation parentTable = catalog.openRelation(parentIndex.index().heapOid());
        Relation partTable = catalog.openRelation(partIndex.index().heapOid());
        if (pc.parentIndex(partIndex.oid()) == parentIndex.oid()) return;   // already attached: nothing to do
        String cannot = "cannot attach index \"" + partIndex.name() + "\" as a partition of index \"" + parentIndex.name() + "\"";
        if (pc.boundText(partTable.oid()) == null || !catalog.inheritanceParents(partTable.oid()).contains(parentTable.oid()))
            throw PgException.error("42P17", cannot)
                    .withDetail("Index \"" + partIndex.name() + "\" is not an index on any partition of table \""
                            + parentTable.name() + "\".");
        if (pc.parentIndex(partIndex.oid()) != 0)
            throw PgException.error("42P17", cannot)
                    .withDetail("Index \"" + partIndex.name() + "\" is already attached to another index.");
        IndexSpec parentSpec = specOf(parentTable, parentIndex, catalog);
        if (!matches(parentTable, parentSpec, partTable, partIndex))
            throw PgException.error("42P17", cannot)
                    .withDetail("The index definitions do not match.");
        if (backsConstraint(parentTable, parentIndex, catalog) && !backsConstraint(partTable, partIndex, catalog))
            throw PgException.error("42P17", cannot)
                    .withDetail("The index \"" + parentIndex.name() + "\" belongs to a constraint in table \"" + parentTable.name()
                            + "\" but no constraint exists for index \"" + partIndex.name() + "\".");
        for (Relation other : catalog.indexesOf(partTable)) {
            if (other.oid() != partIndex.oid() && pc.parentIndex(other.oid()) == parentIndex.oid())
                throw PgException.error("42P17", cannot)
                        .withDetail("Another index is already attached for partition \"" + partTable.name() + "\".");
        }
        pc.attachIndex(partIndex.oid(), parentIndex.oid());
        validatePartitionedIndex(catalog.openRelation(parentIndex.oid()), parentTable, catalog);
    }

    /**
     * DefineIndex with ONLY on a partitioned table: the partitioned index alone, without
     * recursing; it stays invalid (INDEX_CREATE_INVALID) while some partition has no index
     * attached to it, until ALTER INDEX ... ATTACH PARTITION completes it.
     */
    public static int defineOnly(Relation heap, IndexSpec spec, ExecContext ctx) {
        Catalog catalog = ctx.env().catalog();
        if (spec.unique() || spec.primary()) checkUniqueIncludesKey(heap, spec, catalog);
        int indexOid = catalog.createIndex(heap, spec, null);
        IndexExpressionDependencies.record(heap, indexOid, ctx);
        if (!partitionsOf(heap, catalog).isEmpty()) {
            catalog.setIndexStateFlags(indexOid, org.tusk.catalog.IndexStateFlags.DROP_CLEAR_VALID);
        }
        return indexOid;
    }

    /**
     * validatePartitionedIndex: an invalid partitioned index becomes valid once every partition
     * of its table has a valid index attached to it; then its own parent index, if any, is
     * checked the same way.
     */
    private static void validatePartitionedIndex(Relation index, Relation table, Catalog catalog) {
        if (index == null || index.indexIsValid()) return;
        List<Relation> parts = partitionsOf(table, catalog);
        int valid = 0;
        for (Relation part : parts) {
            Relation child = attachedIndex(part, index.oid(), catalog);
            if (child != null && child.indexIsValid()) valid++;
        }
        if (valid != parts.size()) return;
        catalog.setIndexStateFlags(index.oid(), org.tusk.catalog.IndexStateFlags.CREATE_SET_VALID);
        int parentOid = catalog.partitions().parentIndex(index.oid());
        if (parentOid == 0) return;
        Relation parent = catalog.openRelation(parentOid);
        if (parent != null) validatePartitionedIndex(parent, catalog.openRelation(parent.index().heapOid()), catalog);
    }

    /**
     * A PRIMARY KEY or UNIQUE constraint's index on a partitioned table being created (it has no
     * partitions yet): the key check, then the partitioned index.
     */
    public static int defineOnNewTable(Relation heap, IndexSpec spec, Catalog catalog) {
        checkUniqueIncludesKey(heap, spec, catalog);
        return catalog.createIndex(heap, spec, null);
    }

    /** The index of {@code rel} attached to partitioned index {@code parentIndexOid}. */
    public static Relation attachedIndex(Relation rel, int parentIndexOid, Catalog catalog) {
        for (Relation ix : catalog.indexesOf(rel)) if (catalog.partitions().parentIndex(ix.oid()) == parentIndexOid) return ix;
        return null;
    }

    /** Finds or makes {@code part}'s counterpart of partitioned index {@code index} (on {@code parent}) and attaches it. */
    private static void ensureIndex(Relation parent, Relation index, IndexSpec spec, Relation part, ExecContext ctx) {
        Catalog catalog = ctx.env().catalog();
        PartitionCatalog pc = catalog.partitions();
        if (attachedIndex(part, index.oid(), catalog) != null) return;
        boolean constraint = backsConstraint(parent, index, catalog);
        for (Relation candidate : catalog.indexesOf(part)) {
            if (pc.parentIndex(candidate.oid()) != 0) continue;
            if (!matches(parent, spec, part, candidate)) continue;
            if (constraint && !backsConstraint(part, candidate, catalog)) continue;
            pc.attachIndex(candidate.oid(), index.oid());
            return;
        }
        IndexSpec childSpec = mapSpec(parent, spec, part, constraint);
        int childOid;
        if (part.relkind() == 'p') {
            childOid = define(part, childSpec, ctx);
        } else {
            childOid = catalog.createIndex(part, childSpec, ix -> IndexKeys.open(catalog.openRelation(part.oid()), ix, ctx));
            IndexExpressionDependencies.record(part, childOid, ctx);
        }
        pc.attachIndex(childOid, index.oid());
    }

    /**
     * The definition for a partition's index: key columns renumbered by name into the
     * partition's column order, the same expressions and predicate (their text names columns),
     * the name chosen for the partition (ChooseIndexName), a constraint if the parent's is one.
     */
    private static IndexSpec mapSpec(Relation parent, IndexSpec spec, Relation part, boolean constraint) {
        int[] attnums = spec.attnums();
        int[] mapped = new int[attnums.length];
        for (int i = 0; i < attnums.length; i++) {
            mapped[i] = attnums[i] == 0 ? 0 : PartitionCommands.column(part, parent.desc().attr(attnums[i] - 1).name());
        }
        return new IndexSpec(null, mapped, spec.expressions(), spec.predicateSql(), spec.opclasses(), spec.collations(),
                spec.unique(), spec.primary(), constraint, false).withDeferrability(spec.deferrable(), spec.initdeferred())
                .withRelOptions(spec.reloptions())   // DefineIndex gives each partition the statement's options
                .withIncludes(mapColumns(parent, spec.includeAttnums(), part))
                .withNullsNotDistinct(spec.nullsNotDistinct());
    }

    /** Table columns of {@code parent} renumbered by name into {@code part}'s column order. */
    private static int[] mapColumns(Relation parent, int[] attnums, Relation part) {
        int[] mapped = new int[attnums.length];
        for (int i = 0; i < attnums.length; i++) mapped[i] = PartitionCommands.column(part, parent.desc().attr(attnums[i] - 1).name());
        return mapped;
    }

    /** CompareIndexInfo: same key and INCLUDE columns (by name), expressions, predicate and uniqueness. */
    private static boolean matches(Relation parent, IndexSpec spec, Relation part, Relation candidate) {
        Relation.IndexInfo info = candidate.index();
        if (info == null || info.unique() != spec.unique() || info.keyCount() != spec.attnums().length) return false;
        if (info.nullsNotDistinct() != spec.nullsNotDistinct()) return false;
        if (!java.util.Arrays.equals(info.includeAttnums(), mapColumns(parent, spec.includeAttnums(), part))) return false;
        int[] attnums = spec.attnums();
        for (int i = 0; i < attnums.length; i++) {
            int want = attnums[i] == 0 ? 0 : PartitionCommands.column(part, parent.desc().attr(attnums[i] - 1).name());
            if (info.keyAttnum(i) != want) return false;
        }
        List<String> exprs = new ArrayList<>();
        for (IndexSpec.ExprColumn e : spec.expressions()) exprs.add(e.sql());
        return exprs.equals(info.expressionTexts()) && Objects.equals(spec.predicateSql(), info.predicate());
    }

    /** The definition of existing index {@code index} of {@code heap}, as a spec for cloning. */
    private static IndexSpec specOf(Relation heap, Relation index, Catalog catalog) {
        Relation.IndexInfo info = index.index();
        List<IndexSpec.ExprColumn> exprs = new ArrayList<>();
        List<String> texts = info.expressionTexts();
        int next = 0;
        for (int i = 0; i < info.keyCount(); i++) {
            if (info.keyAttnum(i) != 0) continue;
            exprs.add(new IndexSpec.ExprColumn(texts.get(next++), index.desc().attr(i).name(), index.atttypid(i + 1),
                    index.atttypmod(i + 1)));
        }
        IndexSpec spec = new IndexSpec(index.name(), info.keyAttnums(), exprs, info.predicate(), null, null, info.unique(),
                info.primary(), backsConstraint(heap, index, catalog), false).withIncludes(info.includeAttnums())
                .withNullsNotDistinct(info.nullsNotDistinct());
        for (ConstraintInfo c : catalog.constraintsOf(heap)) {
            if (c.indid() == index.oid()) return spec.withDeferrability(c.deferrable(), c.deferred());
        }
        return spec;
    }

    private static boolean backsConstraint(Relation heap, Relation index, Catalog catalog) {
        for (ConstraintInfo c : catalog.constraintsOf(heap)) {
            if (c.indid() == index.oid() && (c.contype() == 'p' || c.contype() == 'u')) return true;
        }
        return false;
    }

    /**
     * DefineIndex's check for a unique index on a partitioned table: every partition key column
     * must be an index column, and the key may not contain expressions (0A000).
     */
    private static void checkUniqueIncludesKey(Relation heap, IndexSpec spec, Catalog catalog) {
        PartitionKey key = catalog.partitions().key(heap);
        String type = spec.primary() ? "PRIMARY KEY" : "UNIQUE";
        int[] attnums = spec.attnums();
        for (int i = 0; i < key.count(); i++) {
            if (key.isExpression(i))
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "unsupported " + type
                        + " constraint with partition key definition")
                        .withDetail(type + " constraints cannot be used when partition keys include expressions.");
            boolean found = false;
            for (int a : attnums) found |= a == key.attnum(i);
            if (!found)
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "unique constraint on partitioned table must include all partitioning columns")
                        .withDetail(type + " constraint on table \"" + heap.name() + "\" lacks column \"" + key.columnName(i)
                                + "\" which is part of the partition key.");
        }
    }

    static List<Relation> partitionsOf(Relation heap, Catalog catalog) {
        List<Relation> out = new ArrayList<>();
        for (int child : catalog.inheritanceChildren(heap.oid())) {
            if (catalog.partitions().boundText(child) == null) continue;
            Relation r = catalog.openRelation(child);
            if (r != null) out.add(r);
        }
        return out;
    }
}
