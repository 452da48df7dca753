package org.tusk.executor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.PartitionCatalog;
import org.tusk.catalog.PartitionKey;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * PartitionTupleRouting (execPartition.c) for one INSERT or COPY FROM into a partitioned table:
 * each row, in the root's column order, descends from the root through the partition chosen at
 * each level (ExecFindPartition) to a leaf, is converted to the leaf's column order (a partition
 * attached later may order its columns differently), checked against the leaf's NOT NULL and
 * CHECK constraints, stored in the leaf and entered into the leaf's indexes.
 *
 * <p>Each level's key and partitions, and each leaf's indexes and constraints, are read once
 * per statement, when first needed (ExecInitPartitionInfo); the statement holds RowExclusiveLock
 * on every partition it opens, which ATTACH/DETACH (AccessExclusiveLock) conflict with.
 */
public final class PartitionTupleRouting {
    private final Relation root;
    private final ExecContext ctx;
    private final Map<Integer, Level> levels = new HashMap<>();
    private final Map<Integer, Leaf> leaves = new HashMap<>();

    /** A partitioned table on the way down. */
    private record Level(Relation rel, PartitionKey key, List<PartitionCatalog.Partition> parts, int defaultOid,
                         Map<Integer, Child> children) {}

    /** A partition already chosen at some level, with the map from its parent's layout to its own. */
    private record Child(Relation rel, int[] fromParent) {}

    /** A leaf partition ready to take rows (ResultRelInfo). */
    private record Leaf(Relation rel, int[] fromRoot, List<Relation> indexes, TableConstraints constraints) {}

    /** A stored row: the leaf, the row in the leaf's layout and its TID. */
    public record Routed(Relation leaf, Object[] leafRow, ItemPointer tid) {}

    public PartitionTupleRouting(Relation root, ExecContext ctx) {
        this.root = root;
        this.ctx = ctx;
    }

    /** ExecInsert for a partitioned target: routes, checks and stores {@code row} (root layout). */
    public Routed insert(Object[] row) {
        ExecEnvironment env = ctx.requireEnv();
        Leaf leaf = leafFor(row);
        Object[] leafRow = PartitionRouting.convert(row, leaf.fromRoot());
        leaf.constraints().checkRow(leafRow);
        ItemPointer tid = env.tableAm().insert(leaf.rel(), leafRow, env.commandId());
        for (Relation index : leaf.indexes()) {
            Relation.IndexInfo info = index.index();
            Object[] keys = new Object[info.keyCount()];
            for (int k = 0; k < keys.length; k++) keys[k] = leafRow[info.keyAttnum(k) - 1];
            env.indexAm().insert(index, keys, tid, leaf.rel(), env.tableAm(), info.unique());
        }
        leaf.constraints().afterInsert(leafRow);
        return new Routed(leaf.rel(), leafRow, tid);
    }

    /** Runs the queued foreign-key checks of every leaf written (AfterTriggerEndQuery). */
    public void endOfStatement() {
        for (Leaf l : leaves.values()) l.constraints().endOfStatement();
    }

    /** ExecFindPartition: the leaf for a row, descending one partitioned level at a time. */
    private Leaf leafFor(Object[] row) {
        ExecEnvironment env = ctx.requireEnv();
        Relation rel = root;
        Object[] relRow = row;
        while (rel.relkind() == 'p') {
            Level level = level(rel, env);
            Object[] values = PartitionRouting.keyValues(level.key(), relRow);
            int chosen = PartitionRouting.choose(level.key(), level.parts(), level.defaultOid(), values);
            if (chosen == 0) throw PartitionRouting.noPartition(rel, level.key(), values, ctx);
            Relation parent = rel;
            Child next = level.children().computeIfAbsent(chosen, oid -> {
                // ExecInitPartitionInfo: the partition is opened and locked once per statement
                env.catalog().lockRelation(oid, org.tusk.catalog.RelationLocks.ROW_EXCLUSIVE_LOCK);
                Relation r = env.catalog().openRelation(oid);
                return new Child(r, PartitionRouting.columnMap(parent, r));
            });
            relRow = PartitionRouting.convert(relRow, next.fromParent());
            rel = next.rel();
        }
        Relation leafRel = rel;
        return leaves.computeIfAbsent(leafRel.oid(), oid -> new Leaf(leafRel, PartitionRouting.columnMap(root, leafRel),
                new ArrayList<>(env.catalog().indexesOf(leafRel)),
                TableConstraints.open(leafRel, PartitionRouting.columns(leafRel), ctx)));
    }

    private Level level(Relation rel, ExecEnvironment env) {
        return levels.computeIfAbsent(rel.oid(), oid -> {
            PartitionCatalog pc = env.catalog().partitions();
            PartitionKey key = pc.key(rel);
            return new Level(rel, key, pc.partitions(rel, key, env.catalog()), pc.defaultPartition(rel.oid()), new HashMap<>());
        });
    }
}
