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
 * CHECK constraints, stored in the leaf and entered into the leaf's indexes. The leaf's row
 * triggers (clones of the root's and its own) fire around the store, as for a plain INSERT into it.
 *
 * <p>For INSERT ... ON CONFLICT the caller takes the leaf ({@link #leafFor}), runs the conflict
 * check against the leaf's arbiters ({@link Leaf#arbiters}) and stores the row with
 * {@link #store} only when nothing conflicts.
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
    /** The root's own partition constraint when the root is a partition, read at the first row. */
    private java.util.Optional<PartitionRouting.Constraint> rootConstraint;
    /** The leaves' saved AFTER ROW events, one queue so they fire in the order rows were written. */
    private final AfterTriggerQueue afterEvents;
    /** Whether {@link #afterEvents} is the statement's own queue, fired by its owner rather than here. */
    private final boolean sharedEvents;

    /** A partitioned table on the way down. */
    private record Level(Relation rel, PartitionKeyDatum key, List<PartitionCatalog.Partition> parts, int defaultOid,
                         Map<Integer, Child> children) {}

    /** A partition already chosen at some level, with the map from its parent's layout to its own. */
    private record Child(Relation rel, int[] fromParent) {}

    /**
     * A leaf partition ready to take rows (its ResultRelInfo, as ExecInitPartitionInfo builds it):
     * its indexes with their key formers, the columns they read (for HOT), its constraints, its
     * partition constraint (checked when ON CONFLICT DO UPDATE changes a row in it) and the maps
     * between the root's column order and its own.
     */
    public static final class Leaf {
        private final Relation rel;
        private final int[] fromRoot;
        private final int[] toRoot;
        private final List<Relation> indexes;
        private final Map<Integer, IndexKeys> indexKeys = new HashMap<>();
        private final java.util.BitSet indexedAttrs = new java.util.BitSet();
        private final TableConstraints constraints;
        private final PartitionRouting.Constraint partitionConstraint;
        /** The leaf's triggers, null if it has none; they save AFTER events in the routing's queue. */
        private final RelationTriggers triggers;
        private List<Relation> arbiters;

        private Leaf(Relation root, Relation rel, ExecContext ctx, AfterTriggerQueue events) {
            this.rel = rel;
            this.fromRoot = PartitionRouting.columnMap(root, rel);
            this.toRoot = PartitionRouting.columnMap(rel, root);
            this.indexes = ExecIndexing.openIndices(ctx.requireEnv().catalog(), rel);
            for (Relation index : indexes) {
                IndexKeys keys = IndexKeys.open(rel, index, ctx);
                indexKeys.put(index.oid(), keys);
                keys.addIndexedAttrs(indexedAttrs);
            }
            indexes.removeIf(index -> !index.indexIsReady());   // ii_ReadyForInserts
            this.constraints = TableConstraints.open(rel, PartitionRouting.columns(rel), ctx);
            constraints.showRowsAs(root, toRoot);
            this.partitionConstraint = PartitionRouting.constraintOf(rel, ctx);
            this.triggers = RelationTriggers.open(rel, ctx, events);
        }

        /** The leaf's triggers, or null. */
        RelationTriggers triggers() { return triggers; }

        public Relation rel() { return rel; }

        /**
         * Whether the leaf's columns are the root's, in the same places (no tuple conversion map,
         * build_attrmap_by_name_if_req returning NULL): ExecPrepareTupleRouting then stores the
         * routed row from the root's own slot, which for a partitioned root is a virtual one.
         */
        public boolean sameLayoutAsRoot() {
            if (toRoot.length != fromRoot.length) return false;
            for (int i = 0; i < fromRoot.length; i++) if (fromRoot[i] != i + 1) return false;
            return true;
        }

        /** A row of the root's layout in this leaf's. */
        public Object[] fromRoot(Object[] rootRow) { return PartitionRouting.convert(rootRow, fromRoot); }

        /** A row of this leaf's layout in the root's. */
        public Object[] toRoot(Object[] leafRow) { return PartitionRouting.convert(leafRow, toRoot); }

        public TableConstraints constraints() { return constraints; }

        /** The leaf's columns that some index reads (HOT is possible when an update changes none). */
        public java.util.BitSet indexedAttrs() { return indexedAttrs; }

        /** FormIndexDatum of one of the leaf's indexes. */
        public IndexKeys keysOf(Relation index) { return indexKeys.get(index.oid()); }

        /** Whether {@code leafRow} satisfies the leaf's partition constraint. */
        public boolean fitsPartition(Object[] leafRow) {
            return partitionConstraint == null || partitionConstraint.accepts(leafRow);
        }

        /** ExecInsertIndexTuples for a row stored in the leaf. */
        public void insertIndexEntries(ExecEnvironment env, Object[] leafRow, ItemPointer tid) {
            for (Relation index : indexes) {
                Object[] keys = indexKeys.get(index.oid()).form(leafRow);
                if (keys == null) continue;   // outside a partial index
                constraints.insertIndexEntry(index, keys, tid);
            }
        }

        /**
         * ExecInitPartitionInfo's ON CONFLICT mapping: the leaf's indexes attached (directly or
         * through intermediate partitioned indexes) to one of the statement's arbiter indexes
         * of the root; with no arbiters named (DO NOTHING without a conflict target) every
         * unique and exclusion index of the leaf, as ExecCheckIndexConstraints does for an empty list.
         */
        public List<Relation> arbiters(List<Relation> rootArbiters, org.tusk.catalog.Catalog catalog) {
            if (arbiters != null) return arbiters;
            List<Relation> out = new ArrayList<>();
            for (Relation index : indexes) {
                if (!index.index().unique() && !index.index().exclusion()) continue;
                if (rootArbiters.isEmpty()) {
                    out.add(index);
                    continue;
                }
                for (int up = catalog.partitions().parentIndex(index.oid()); up != 0; up = catalog.partitions().parentIndex(up)) {
                    int ancestor = up;
                    if (rootArbiters.stream().anyMatch(r -> r.oid() == ancestor)) {
                        out.add(index);
                        break;
                    }
                }
            }
            arbiters = List.copyOf(out);
            return arbiters;
        }
    }

    /** A stored row: the leaf, the row in the leaf's layout and its TID. */
    public record Routed(Leaf leaf, Object[] leafRow, ItemPointer tid) {}

    public PartitionTupleRouting(Relation root, ExecContext ctx) {
        this(root, ctx, null);
    }

    /**
     * Routing whose leaves save their AFTER events in {@code events} (the queue of the result
     * relation that routes, which fires them with its own), or in a queue of its own when null.
     */
    /** The columns of the root the INSERT gave values for (ExecGetInsertedCols), or null. */
    private java.util.BitSet insertedColumns;

    /**
     * ExecGetInsertedCols of the root result relation: a failing row's DETAIL shows these
     * columns even to a user without SELECT on them.
     */
    void setInsertedColumns(java.util.BitSet columns) {
        this.insertedColumns = columns;
    }

    PartitionTupleRouting(Relation root, ExecContext ctx, AfterTriggerQueue events) {
        this.root = root;
        this.ctx = ctx;
        this.afterEvents = events == null ? new AfterTriggerQueue() : events;
        this.sharedEvents = events != null;
    }

    /**
     * ExecInsert for a partitioned target: routes, checks and stores {@code row} (root layout),
     * firing the leaf's row triggers as ExecInsert fires those of the partition's ResultRelInfo;
     * null when a BEFORE ROW trigger skipped the row.
     */
    public Routed insert(Object[] row) {
        return insert(row, null);
    }

    /**
     * The same, with {@code rowSecurity} (or null) testing the row, in the root's layout, after
     * the leaf's BEFORE ROW triggers and before its constraints (ExecInsert's row-level security
     * checks with the root's policies).
     */
    public Routed insert(Object[] row, java.util.function.Consumer<Object[]> rowSecurity) {
        Leaf leaf = leafFor(row);
        Object[] leafRow = leaf.fromRoot(row);
        if (leaf.triggers() != null) {
            leafRow = leaf.triggers().beforeRow(TriggerData.TRIGGER_EVENT_INSERT, null, leafRow, null);
            if (leafRow == null) return null;
        }
        if (rowSecurity != null) rowSecurity.accept(leaf.toRoot(leafRow));
        leaf.constraints().checkRow(leafRow);
        // a BEFORE ROW trigger may have moved the row out of its partition (ExecInsert's ExecPartitionCheck)
        if (leaf.triggers() != null && leaf.triggers().hasRowTriggers('B', TriggerData.TRIGGER_EVENT_INSERT)
                && !leaf.fitsPartition(leafRow))
            throw PartitionRouting.constraintViolation(leaf.rel(), root, leafRow, insertedColumns, ctx);
        Routed r = store(leaf, leafRow);
        if (leaf.triggers() != null) leaf.triggers().afterRow(TriggerData.TRIGGER_EVENT_INSERT, null, leafRow, null, null, r.tid());
        return r;
    }

    /** Stores an already checked row of {@code leaf}'s layout and enters it into the leaf's indexes. */
    public Routed store(Leaf leaf, Object[] leafRow) {
        ExecEnvironment env = ctx.requireEnv();
        ItemPointer tid = env.tableAm().insert(leaf.rel(), leafRow, env.commandId());
        leaf.insertIndexEntries(env, leafRow, tid);
        leaf.constraints().afterInsert(leafRow, tid);
        return new Routed(leaf, leafRow, tid);
    }

    /**
     * Runs the queued foreign-key checks of every leaf written and their saved AFTER ROW trigger
     * events (AfterTriggerEndQuery), the events in the order the rows were written.
     */
    public void endOfStatement() {
        for (Leaf l : leaves.values()) l.constraints().endOfStatement();
        if (sharedEvents || afterEvents.size() == 0) return;
        ctx.requireEnv().commandCounterIncrement();
        afterEvents.fireAll();
    }

    /** ExecFindPartition: the leaf for a row (root layout), descending one partitioned level at a time. */
    public Leaf leafFor(Object[] row) {
        ExecEnvironment env = ctx.requireEnv();
        // ExecFindPartition: no point routing a row the root itself (a partition, as when an
        // UPDATE names a sub-partitioned partition) may not hold
        if (root.isPartition()) {
            if (rootConstraint == null) rootConstraint = java.util.Optional.ofNullable(PartitionRouting.constraintOf(root, ctx));
            if (rootConstraint.isPresent() && !rootConstraint.get().accepts(row))
                throw PartitionRouting.constraintViolation(root, row, ctx);
        }
        Relation rel = root;
        Object[] relRow = row;
        while (rel.relkind() == 'p') {
            Level level = level(rel, env);
            Object[] values = level.key().form(relRow);
            int chosen = PartitionRouting.choose(level.key().key(), level.parts(), level.defaultOid(), values, ctx);
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
        return leaves.computeIfAbsent(leafRel.oid(), oid -> new Leaf(root, leafRel, ctx, afterEvents));
    }

    private Level level(Relation rel, ExecEnvironment env) {
        return levels.computeIfAbsent(rel.oid(), oid -> {
            PartitionCatalog pc = env.catalog().partitions();
            PartitionKey key = pc.key(rel);
            return new Level(rel, PartitionKeyDatum.open(rel, key, ctx), pc.partitions(rel, key, env.catalog()),
                    pc.defaultPartition(rel.oid()), new HashMap<>());
        });
    }
}
