package org.tusk.executor;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.tusk.access.table.ModifyResult;
import org.tusk.access.table.TableAm;
import org.tusk.access.table.TupleSlot;
import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * nodeModifyTable.c: INSERT, UPDATE or DELETE of the rows its source produces.
 *
 * <ul>
 *   <li>INSERT (ExecInsert): forms the new row, checks NOT NULL and CHECK constraints
 *       ({@link TableConstraints}), stores it with
 *       the table AM under the statement's command id, then enters it into every index of the
 *       table (ExecInsertIndexTuples), unique indexes checking for a conflicting live row (the
 *       index AM raises 23505).</li>
 *   <li>UPDATE (ExecUpdate): the source is a scan of the target whose tuples end with the row's
 *       TID; the new row is computed from the old one, checked, and handed to the table AM with
 *       the attributes any index uses, so the AM can decide on a HOT update; index entries are made
 *       only when it says so.</li>
 *   <li>DELETE (ExecDelete).</li>
 * </ul>
 *
 * <p>Concurrent changes, READ COMMITTED: when the AM reports that a transaction which committed
 * after our snapshot UPDATED the row, the newest version (reached from the reported ctid by
 * following the update chain while a new snapshot cannot see the version found) is re-checked against the statement's WHERE clause (EvalPlanQual, simplified to
 * refetch-and-recheck of the one table) and, if it still qualifies, changed instead; a DELETED
 * row is skipped. Under REPEATABLE READ both are 40001. A row already changed by this command
 * (SELF_MODIFIED) is skipped, as PostgreSQL does for the same command.
 *
 * <p>Foreign keys: each written row queues its referential-integrity events with
 * {@link TableConstraints}, which runs them when the source is exhausted (AfterTriggerEndQuery).
 *
 * <p>UPDATE ... FROM / DELETE ... USING: the source is the join; its tuples start with the
 * target's scan tuple (columns, TID) and go on with the other items' columns, which SET, the
 * re-check and RETURNING read in place.
 *
 * <p>INSERT ... ON CONFLICT: before storing a row, {@link ConflictCheck} probes the arbiter
 * indexes (dirty snapshot, waiting out in-progress inserters and deleters). A conflict skips the
 * row (DO NOTHING) or updates the existing row with the SET list over existing and EXCLUDED
 * values (DO UPDATE; a row this command already inserted or updated is 21000; a concurrent change
 * sends it back to the probe). Under REPEATABLE READ a conflicting row the snapshot cannot see is
 * 40001. Without speculative insertion (no speculative token yet), two sessions that probe the
 * same new key at the same moment both insert, and the later one gets the unique index's 23505.
 *
 * <p>A view as the target (it has INSTEAD OF row triggers for the command; the rewriter left it
 * there, see {@code rewrite/package-info.java}): nothing is stored; each row goes to the triggers
 * instead (ExecInsert/ExecUpdate/ExecDelete's trig_*_instead_row path, {@link ViewTriggerTarget}).
 * The UPDATE/DELETE source rows are the view's rows, with a NULL TID.
 *
 * <p>With RETURNING, one projected row is emitted per changed row; without, the first call does
 * all the work and returns null. {@link #processed()} is es_processed, for the command tag.
 */
final class ModifyTableState extends PlanState {
    private final Plan.ModifyTable plan;
    private final PlanState source;
    private final ExecContext ctx;
    private final Relation rel;
    private final List<ColumnDef> cols;
    private List<Relation> indexes;
    private TableConstraints constraints;
    private BitSet indexedAttrs;
    /** FormIndexDatum of each index, by index OID (ExecOpenIndices' IndexInfo). */
    private java.util.Map<Integer, IndexKeys> indexKeys;
    private long processed;
    private boolean done;
    /** INSERT into a partitioned table: where each row goes (ExecSetupPartitionTupleRouting). */
    private PartitionTupleRouting routing;
    /** The target is a partition: rows stored into it must satisfy its partition constraint; null otherwise. */
    private PartitionRouting.Constraint partitionConstraint;
    /** The target's triggers (ri_TrigDesc); null when it has none. */
    private RelationTriggers triggers;
    /** The UPDATE's target columns (1-based), for UPDATE OF triggers: those SET does not copy from the old row. */
    private BitSet modifiedCols;
    /** Whether this node fires the statement-level triggers: it is not one table of an inheritance tree's UPDATE/DELETE. */
    private boolean statementTriggers;
    /** A leaf of a partitioned UPDATE/DELETE: the root's transition capture and the map to its layout; null otherwise. */
    private RelationTriggers rootCapture;
    private int[] toRoot;
    /** MERGE: the WHEN clauses and what happened to the row at hand (ExecMerge); null for the other commands. */
    private final MergeActions merge;
    /** The target is a view whose INSTEAD OF triggers do the change; null for a table. */
    private ViewTriggerTarget view;
    /** The new-row lists' MULTIEXPR subplans ({@code SET (a, b) = (SELECT ...)}), run before each row's projection. */
    private final MultiExprSubPlans setLists = new MultiExprSubPlans();

    ModifyTableState(Plan.ModifyTable plan, PlanState source, ExecContext ctx) {
        this.plan = plan;
        this.source = source;
        this.ctx = ctx;
        this.rel = plan.target().table();
        this.cols = plan.target().columns();
        this.merge = plan.operation() == Query.CommandType.MERGE ? new MergeActions(plan, this, ctx) : null;
    }

    /** Whether RETURNING reads a system column other than ctid (decided at the first returned row). */
    private Boolean returningSystem;
    /** Whether RETURNING reads xmin, cmin, xmax or cmax (decided with {@link #returningSystem}). */
    private boolean returningTupleHeader;
    /**
     * The partition the current row was routed into (INSERT into a partitioned table, UPDATE
     * moving a row), or null when it was stored in {@link #rel} itself: RETURNING's tableoid is
     * the partition's, as ExecInsert sets the routed slot's tts_tableOid.
     */
    private PartitionTupleRouting.Leaf routedTo;

    /** Rows inserted, updated or deleted so far. */
    long processed() { return processed; }

    @Override
    public Object[] next() {
        if (done) return null;
        ExecEnvironment env = ctx.requireEnv();
        if (indexes == null) {
            openIndexes(env);
            constraints = TableConstraints.open(rel, cols, ctx);
            // the columns a failing row's DETAIL shows even to a user who may not read them
            constraints.setModifiedColumns(modifiedColumns());
            openTriggers();
            if (rel.relkind() == 'v') view = ViewTriggerTarget.open(rel, triggers, triggerOperation());
            if (plan.rootRelation() != null && plan.operation() != Query.CommandType.INSERT) {
                rootCapture = ctx.transitionCapture(plan.rootRelation().oid());
                if (rootCapture != null) toRoot = PartitionRouting.columnMap(rel, plan.rootRelation());
            }
            // rows routed elsewhere (INSERT into the root, UPDATE moving a row) queue their AFTER
            // events with this relation's, so all fire in the order the rows were changed
            if (rel.relkind() == 'p' || plan.rootRelation() != null) {
                routing = new PartitionTupleRouting(plan.rootRelation() != null ? plan.rootRelation() : rel, ctx,
                        triggers == null ? null : triggers.queue());
                // an INSERT into the partitioned table: its columns are the routing root's
                if (plan.rootRelation() == null && plan.operation() == Query.CommandType.INSERT)
                    routing.setInsertedColumns(modifiedColumns());
            }
            partitionConstraint = PartitionRouting.constraintOf(rel, ctx);
        }
        Object[] tuple;
        while ((tuple = source.next()) != null) {
            ctx.session().checkForInterrupts();
            routedTo = null;
            Object[] changed = switch (plan.operation()) {
                case INSERT -> insert(env, tuple, plan.newRow());
                case UPDATE -> update(env, tuple, plan.newRow());
                case DELETE -> delete(env, tuple);
                case MERGE -> merge.execMerge(env, tuple);
                default -> throw new IllegalStateException("not a modify operation: " + plan.operation());
            };
            if (changed == null) continue;
            if (plan.operation() == Query.CommandType.INSERT || plan.operation() == Query.CommandType.UPDATE)
                WithCheckOptions.check(plan.withChecks(), changed, cols, plan.rootRelation(), rel, ctx);
            processed++;
            if (!plan.returning().isEmpty()) {
                if (returningSystem == null) {
                    // past the TID, a joined tuple holds the other tables' columns, and RETURNING
                    // reads the system columns after those (ModifyJoin.fixReturning)
                    int others = Math.max(0, changed.length - cols.size() - 1);
                    returningSystem = ScanTuples.readsSystemColumns(cols.size() + others, null, plan.returning());
                    returningTupleHeader = ScanTuples.readsTupleHeader(cols.size() + others, plan.returning());
                }
                // a row routed through a partitioned root without conversion sits in the root's
                // virtual slot, which has no tuple header (tts_virtual_getsysattr)
                if (returningTupleHeader && routedTo != null && routedTo.sameLayoutAsRoot())
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot retrieve a system column in this context");
                if (returningSystem) {
                    Relation storedIn = routedTo != null ? routedTo.rel() : rel;
                    changed = ScanTuples.forReturning(changed, cols.size(), storedIn.oid(), env.commandId(),
                            returningTupleHeader ? storedVersion(env, storedIn, changed) : null);
                }
                return Executor.project(plan.returning(), changed, null, ctx);
            }
        }
        done = true;
        if (merge != null) {
            Instrumentation instr = ctx.instrumentation(plan);
            if (instr != null) instr.recordMerge(merge.sourceRows(), merge.inserted(), merge.updated(), merge.deleted());
        }
        constraints.endOfStatement();
        if (routing != null) routing.endOfStatement();
        if (triggers != null) {
            if (statementTriggers && merge != null) {
                for (int event : merge.afterStatementEvents()) triggers.afterStatement(event);
            } else if (statementTriggers) {
                // fireASTriggers: ON CONFLICT DO UPDATE's UPDATE triggers come before the INSERT ones
                if (plan.onConflict() != null && plan.onConflict().doUpdate())
                    triggers.afterStatement(TriggerData.TRIGGER_EVENT_UPDATE);
                triggers.afterStatement(triggerOperation());
            }
            triggers.endOfStatement();
        }
        return null;
    }

    /**
     * The version a RETURNING row stands for, as stored, with its header: the new version an
     * INSERT or UPDATE wrote, or the version a DELETE marked deleted. Null for a view's row.
     */
    private org.tusk.access.table.TupleSlot storedVersion(ExecEnvironment env, Relation storedIn, Object[] changed) {
        if (storedIn.relkind() != 'r' && storedIn.relkind() != 'm' && storedIn.relkind() != 't') return null;
        ItemPointer tid = ScanTuples.tid(changed, cols.size());
        return tid == null ? null : env.tableAm().fetchAnyVersion(storedIn, tid);
    }

    /** ExecBS*Triggers at the start, and what the row triggers need. */
    private void openTriggers() {
        triggers = RelationTriggers.open(rel, ctx);
        if (triggers == null) return;
        statementTriggers = plan.rootRelation() == null;
        if (plan.operation() == Query.CommandType.UPDATE) modifiedCols = withSetColumns(targetColumns(plan.newRow()));
        if (statementTriggers && merge != null) {
            for (int event : merge.beforeStatementEvents()) triggers.beforeStatement(event);
        } else if (statementTriggers) {
            triggers.beforeStatement(triggerOperation());
            if (plan.onConflict() != null && plan.onConflict().doUpdate())
                triggers.beforeStatement(TriggerData.TRIGGER_EVENT_UPDATE);
        }
    }

    /**
     * The columns (1-based) a SET list changes, for UPDATE OF triggers: those whose new value is
     * not the old row's own column. A column set to itself (SET a = a) is not told apart yet,
     * since the plan does not keep the SET list's target columns.
     */
    static BitSet targetColumns(List<org.tusk.nodes.Expr> newRow) {
        BitSet out = new BitSet();
        for (int i = 0; i < newRow.size(); i++) {
            if (!(newRow.get(i) instanceof org.tusk.nodes.Expr.Var v && v.attno() == i + 1 && v.levelsup() == 0))
                out.set(i + 1);
        }
        return out;
    }

    /**
     * ExecBuildSlotValueDescription's modifiedCols: the target entry's insertedCols and
     * updatedCols (the INSERT's column list, the SET lists), whose values the user gave. Without
     * them (an entry parse analysis did not mark: a view's base table, an inheritance child),
     * UPDATE's changed columns as {@link #targetColumns} finds them, and none for INSERT.
     */
    private BitSet modifiedColumns() {
        Query.RangeTblEntry target = plan.target();
        if (target != null && target.insertedCols() != null && target.updatedCols() != null) {
            BitSet out = new BitSet();
            for (int a : target.insertedCols()) out.set(a);
            for (int a : target.updatedCols()) out.set(a);
            return out;
        }
        return plan.operation() == Query.CommandType.UPDATE ? targetColumns(plan.newRow()) : null;
    }

    /**
     * GetAllUpdatedColumns for UPDATE OF triggers: the columns whose new value differs from the
     * old column ({@link #targetColumns}: those SET and the generated columns recomputed) and the
     * target entry's updatedCols, so that SET a = a counts a, as PostgreSQL's SET list does.
     */
    private BitSet withSetColumns(BitSet changed) {
        java.util.Set<Integer> updated = plan.target() == null ? null : plan.target().updatedCols();
        if (updated != null) for (int a : updated) changed.set(a);
        return changed;
    }

    /** MERGE: the columns the UPDATE action about to run sets, for its UPDATE OF triggers. */
    void setModifiedColumns(BitSet cols) { modifiedCols = cols; }

    /**
     * A row an INSERT into a partitioned table stored in a leaf, in the root's layout, for the
     * root's INSERT transition table (ExecInsert's ar_insert_trig_tcs, the root's capture state).
     */
    private void captureRoutedInsert(Object[] rootRow) {
        if (triggers != null) triggers.captureTransition(TriggerData.TRIGGER_EVENT_INSERT, null, rootRow);
    }

    /** Adds a leaf's changed row, in the root's layout, to the root's transition tables. */
    private void captureForRoot(Object[] oldRow, Object[] newRow) {
        if (rootCapture == null) return;
        rootCapture.captureTransition(triggerOperation(), oldRow == null ? null : PartitionRouting.convert(oldRow, toRoot),
                newRow == null ? null : PartitionRouting.convert(newRow, toRoot));
    }

    private int triggerOperation() {
        return switch (plan.operation()) {
            case INSERT -> TriggerData.TRIGGER_EVENT_INSERT;
            case UPDATE -> TriggerData.TRIGGER_EVENT_UPDATE;
            default -> TriggerData.TRIGGER_EVENT_DELETE;
        };
    }

    /** ExecOpenIndices, plus the set of indexed attributes HOT needs (RelationGetIndexAttrBitmap). */
    private void openIndexes(ExecEnvironment env) {
        // The result relation is held RowExclusiveLock (setTargetTable's lock mode; ExecInitModifyTable),
        // taken before the index list is read: that is what CREATE INDEX's ShareLock and CREATE INDEX
        // CONCURRENTLY's wait for writers rely on.
        env.catalog().lockRelation(rel.oid(), org.tusk.catalog.RelationLocks.ROW_EXCLUSIVE_LOCK);
        indexes = ExecIndexing.openIndices(env.catalog(), rel);
        indexedAttrs = new BitSet();
        indexKeys = new java.util.HashMap<>();
        for (Relation index : indexes) {
            IndexKeys keys = IndexKeys.open(rel, index, ctx);
            indexKeys.put(index.oid(), keys);
            keys.addIndexedAttrs(indexedAttrs);
        }
        // HOT must respect every index, ready or not (RelationGetIndexAttrBitmap); only ready
        // ones get entries (ExecOpenIndices' ii_ReadyForInserts, indisready).
        indexes.removeIf(index -> !index.indexIsReady());
    }

    /** ExecInsert of the row {@code newRow} computes from {@code sourceTuple} (null: the source tuple is the row). */
    Object[] insert(ExecEnvironment env, Object[] sourceTuple, List<org.tusk.nodes.Expr> newRow) {
        Object[] row = newRow == null ? ScanTuples.values(sourceTuple, cols.size())
                : setLists.project(newRow, sourceTuple, ctx);
        if (view != null) return view.insert(row);
        Plan.OnConflict oc = plan.onConflict();
        if (routing != null) {
            if (oc == null) {
                // the root's policies, on the row in the root's layout once the leaf's BEFORE ROW triggers ran
                PartitionTupleRouting.Routed routed = routing.insert(row, rootRow -> WithCheckOptions.checkRowSecurity(
                        plan.withChecks(), Query.WithCheckOption.WCO_RLS_INSERT_CHECK, rootRow, ctx));
                if (routed == null) return null;   // a leaf's BEFORE ROW trigger skipped it
                routedTo = routed.leaf();
                captureRoutedInsert(routed.leaf().toRoot(routed.leafRow()));
                // the row as stored (after the leaf's BEFORE ROW triggers), in the root's layout
                return withTid(routed.leaf().toRoot(routed.leafRow()), routed.tid(), null);
            }
            return insertRoutedOnConflict(env, row, oc);
        }
        if (triggers != null) {
            row = triggers.beforeRow(TriggerData.TRIGGER_EVENT_INSERT, null, row, null);
            if (row == null) return null;   // a BEFORE ROW trigger returned NULL: the row is skipped
        }
        WithCheckOptions.checkRowSecurity(plan.withChecks(), Query.WithCheckOption.WCO_RLS_INSERT_CHECK, row, ctx);
        constraints.checkRow(row);
        if (partitionConstraint != null && !partitionConstraint.accepts(row))
            throw PartitionRouting.constraintViolation(rel, row, ctx);
        if (oc != null) {
            List<Relation> arbiters = oc.arbiterIndexes().isEmpty() ? uniqueIndexes() : oc.arbiterIndexes();
            ConflictTarget target = new ConflictTarget(rel, null, constraints, indexedAttrs,
                    index -> indexKeys.computeIfAbsent(index.oid(), o -> IndexKeys.open(rel, index, ctx)),
                    (r, t) -> insertIndexEntries(env, r, t), r -> true);
            while (true) {
                // ExecInsert's pre-check: a conflicting live row diverts the proposed one
                ItemPointer conflict = ConflictCheck.find(env, ctx, rel, arbiters, row, target.keys());
                if (conflict == null) break;
                if (!oc.doUpdate()) {
                    checkTupleVisible(env, rel, conflict);
                    return null;
                }
                Object[][] result = new Object[1][];
                if (onConflictUpdate(env, oc, target, conflict, row, result)) return result[0];
                // the conflicting row changed under us: look again (ExecInsert's "goto vlock")
            }
        }
        ItemPointer tid = env.tableAm().insert(rel, row, env.commandId());
        insertIndexEntries(env, row, tid);
        constraints.afterInsert(row, tid);
        if (triggers != null) triggers.afterRow(TriggerData.TRIGGER_EVENT_INSERT, null, row, null, null, tid);
        return withTid(row, tid, null);
    }

    /** ExecCheckIndexConstraints with no arbiters named: every unique and exclusion index of the target. */
    private List<Relation> uniqueIndexes() {
        List<Relation> out = new ArrayList<>();
        for (Relation index : indexes) if (index.index().unique() || index.index().exclusion()) out.add(index);
        return out;
    }

    /**
     * The relation an ON CONFLICT check and DO UPDATE act on: the target itself, or for a
     * partitioned target the leaf partition the proposed row was routed to, whose rows are
     * converted to the root's layout ({@code toRoot}) for the SET list and WHERE clause, which
     * are analysed over the root.
     */
    private record ConflictTarget(Relation rel, PartitionTupleRouting.Leaf leaf, TableConstraints constraints,
                                  BitSet indexedAttrs, java.util.function.Function<Relation, IndexKeys> keys,
                                  java.util.function.BiConsumer<Object[], ItemPointer> indexInserter,
                                  java.util.function.Predicate<Object[]> fitsPartition) {
        Object[] toRoot(Object[] row) { return leaf == null ? row : leaf.toRoot(row); }

        Object[] fromRoot(Object[] row) { return leaf == null ? row : leaf.fromRoot(row); }
    }

    /**
     * ExecInsert with ON CONFLICT into a partitioned table: the row is routed first
     * (ExecPrepareTupleRouting), and the conflict check and DO UPDATE run on the chosen leaf with
     * the leaf's indexes that correspond to the arbiters (ExecInitPartitionInfo).
     */
    private Object[] insertRoutedOnConflict(ExecEnvironment env, Object[] row, Plan.OnConflict oc) {
        PartitionTupleRouting.Leaf leaf = routing.leafFor(row);
        Object[] leafRow = leaf.fromRoot(row);
        RelationTriggers leafTriggers = leaf.triggers();
        if (leafTriggers != null) {
            leafRow = leafTriggers.beforeRow(TriggerData.TRIGGER_EVENT_INSERT, null, leafRow, null);
            if (leafRow == null) return null;   // skipped by the leaf's BEFORE ROW trigger
        }
        leaf.constraints().checkRow(leafRow);
        List<Relation> arbiters = leaf.arbiters(oc.arbiterIndexes(), env.catalog());
        ConflictTarget target = new ConflictTarget(leaf.rel(), leaf, leaf.constraints(), leaf.indexedAttrs(), leaf::keysOf,
                (r, t) -> leaf.insertIndexEntries(env, r, t), leaf::fitsPartition);
        while (true) {
            ItemPointer conflict = ConflictCheck.find(env, ctx, leaf.rel(), arbiters, leafRow, target.keys());
            if (conflict == null) break;
            if (!oc.doUpdate()) {
                checkTupleVisible(env, leaf.rel(), conflict);
                return null;
            }
            Object[][] result = new Object[1][];
            if (onConflictUpdate(env, oc, target, conflict, row, result)) return result[0];
        }
        PartitionTupleRouting.Routed stored = routing.store(leaf, leafRow);
        if (leafTriggers != null) leafTriggers.afterRow(TriggerData.TRIGGER_EVENT_INSERT, null, leafRow, null, null, stored.tid());
        captureRoutedInsert(leaf.toRoot(leafRow));
        return withTid(row, stored.tid(), null);
    }

    /** ExecUpdate of the row at the TID in {@code oldTuple} to the row {@code newRow} computes from it. */
    Object[] update(ExecEnvironment env, Object[] oldTuple, List<org.tusk.nodes.Expr> newRow) {
        if (view != null) {
            Object[] row = view.update(ScanTuples.values(oldTuple, cols.size()), setLists.project(newRow, oldTuple, ctx));
            return row == null ? null : withTid(row, null, oldTuple);
        }
        TableAm am = env.tableAm();
        Object[] old = oldTuple;
        while (true) {
            ItemPointer tid = ScanTuples.tid(old, cols.size());
            Object[] row = setLists.project(newRow, old, ctx);
            // ExecUpdatePrologue's BEFORE ROW triggers come first; the row they return decides its partition
            if (triggers != null) {
                row = triggers.beforeRow(TriggerData.TRIGGER_EVENT_UPDATE, ScanTuples.values(old, cols.size()), row, modifiedCols);
                if (row == null) return null;   // skipped by a BEFORE ROW trigger
            }
            boolean moves = partitionConstraint != null && !partitionConstraint.accepts(row);
            // a row moving to another partition is checked there, after that partition's BEFORE ROW triggers
            if (!moves || routing == null)
                WithCheckOptions.checkRowSecurity(plan.withChecks(), Query.WithCheckOption.WCO_RLS_UPDATE_CHECK, row, ctx);
            if (moves) {
                if (routing == null) {
                    constraints.checkRow(row);
                    throw PartitionRouting.constraintViolation(rel, row, ctx);
                }
                Object[] moved = moveRow(env, old, row);
                // the transition table holds the row as the destination stored it
                if (moved != null) captureForRoot(ScanTuples.values(old, cols.size()), ScanTuples.values(moved, cols.size()));
                return moved;
            }
            constraints.checkRow(row);
            ModifyResult r = am.update(rel, tid, row, env.commandId(), env.snapshot(), true, indexedAttrs);
            switch (r.result()) {
                case OK -> {
                    if (r.updateIndexes()) insertIndexEntries(env, row, r.newTid());
                    if (constraints.hasForeignKeys()) constraints.afterUpdate(ScanTuples.values(old, cols.size()), row, r.newTid());
                    if (triggers != null)
                        triggers.afterRow(TriggerData.TRIGGER_EVENT_UPDATE, ScanTuples.values(old, cols.size()), row, modifiedCols,
                                tid, r.newTid());
                    captureForRoot(ScanTuples.values(old, cols.size()), row);
                    return withTid(row, r.newTid(), old);
                }
                case SELF_MODIFIED -> {
                    if (merge != null) throw MergeActions.affectedTwice();
                    return null;
                }
                case UPDATED -> {
                    if (env.isolationUsesXactSnapshot()) throw serializationFailure("update");
                    if (merge != null) {
                        merge.concurrentlyUpdated(r.ctid());
                        return null;
                    }
                    old = evalPlanQual(env, r.ctid(), old);
                    if (old == null) return null;
                }
                case DELETED -> {
                    if (env.isolationUsesXactSnapshot()) throw serializationFailure("delete");
                    if (merge != null) merge.concurrentlyDeleted();
                    return null;
                }
                default -> throw unexpected("update", r);
            }
        }
    }

    /**
     * ExecCrossPartitionUpdate: the updated row belongs in another partition, so it is deleted
     * here and inserted through the root partitioned table (ExecDelete + ExecInsert, as
     * PostgreSQL does). Null if the row was changed or deleted concurrently and so not moved.
     */
    private Object[] moveRow(ExecEnvironment env, Object[] oldTuple, Object[] newRow) {
        Object[] deleted = delete(env, oldTuple);
        if (deleted == null) return null;
        Relation root = plan.rootRelation();
        Object[] rootRow = PartitionRouting.convert(newRow, PartitionRouting.columnMap(rel, root));
        // ExecCrossPartitionUpdate's insert runs this UPDATE's policy checks (in this leaf's layout)
        int[] toLeaf = PartitionRouting.columnMap(root, rel);
        PartitionTupleRouting.Routed r = routing.insert(rootRow, moved -> WithCheckOptions.checkRowSecurity(plan.withChecks(),
                Query.WithCheckOption.WCO_RLS_UPDATE_CHECK, PartitionRouting.convert(moved, toLeaf), ctx));
        if (r == null) return null;   // the new partition's BEFORE ROW INSERT trigger skipped it
        routedTo = r.leaf();
        // RETURNING sees the row as the new partition stored it (after its BEFORE ROW triggers)
        Object[] stored = PartitionRouting.convert(r.leaf().toRoot(r.leafRow()), PartitionRouting.columnMap(root, rel));
        return withTid(stored, r.tid(), oldTuple);
    }

    /** ExecDelete of the row at the TID in {@code oldTuple}. */
    Object[] delete(ExecEnvironment env, Object[] oldTuple) {
        if (view != null) return view.delete(ScanTuples.values(oldTuple, cols.size())) ? oldTuple : null;
        TableAm am = env.tableAm();
        Object[] old = oldTuple;
        while (true) {
            ItemPointer tid = ScanTuples.tid(old, cols.size());
            if (triggers != null && triggers.beforeRow(TriggerData.TRIGGER_EVENT_DELETE, ScanTuples.values(old, cols.size()),
                    null, null) == null) return null;   // skipped by a BEFORE ROW trigger
            ModifyResult r = am.delete(rel, tid, env.commandId(), env.snapshot(), true);
            switch (r.result()) {
                case OK -> {
                    if (constraints.hasForeignKeys()) constraints.afterDelete(ScanTuples.values(old, cols.size()));
                    if (triggers != null) triggers.afterRow(TriggerData.TRIGGER_EVENT_DELETE, ScanTuples.values(old, cols.size()), null, null, tid, null);
                    // a row movement's delete is part of an UPDATE, captured there
                    if (plan.operation() == Query.CommandType.DELETE) captureForRoot(ScanTuples.values(old, cols.size()), null);
                    return old;
                }
                case SELF_MODIFIED -> {
                    if (merge != null) throw MergeActions.affectedTwice();
                    return null;
                }
                case UPDATED -> {
                    if (env.isolationUsesXactSnapshot()) throw serializationFailure("update");
                    if (merge != null) {
                        merge.concurrentlyUpdated(r.ctid());
                        return null;
                    }
                    old = evalPlanQual(env, r.ctid(), old);
                    if (old == null) return null;
                }
                case DELETED -> {
                    if (env.isolationUsesXactSnapshot()) throw serializationFailure("delete");
                    if (merge != null) merge.concurrentlyDeleted();
                    return null;
                }
                default -> throw unexpected("delete", r);
            }
        }
    }

    /**
     * EvalPlanQual, simplified: the newest version of a concurrently updated row, the first one a
     * snapshot taken now sees on the update chain starting at {@code ctid}, if it still satisfies
     * the WHERE clause; null if the row is gone or no longer qualifies. The columns of other
     * FROM/USING items (UPDATE ... FROM) keep the values of {@code source}, the joined tuple.
     */
    private Object[] evalPlanQual(ExecEnvironment env, ItemPointer ctid, Object[] source) {
        Object[] tuple = latestVersion(env, ctid, source);
        return tuple != null && ExprEvaluator.qual(plan.recheckQual(), tuple, null, ctx) ? tuple : null;
    }

    /**
     * EvalPlanQualFetch: the newest version of a concurrently updated row, the first one a
     * snapshot taken now sees on the update chain starting at {@code ctid}, in place of the
     * target's part of {@code source}; null if the row is gone.
     */
    Object[] latestVersion(ExecEnvironment env, ItemPointer ctid, Object[] source) {
        TupleSlot latest = null;
        // EvalPlanQualFetch: the version at ctid may itself have been updated (and committed) since;
        // follow the chain to the version a snapshot taken now sees.
        for (ItemPointer cur = ctid; cur != null && latest == null; ) {
            latest = env.tableAm().fetch(rel, cur, env.latestSnapshot());
            if (latest == null) cur = env.tableAm().nextVersion(rel, cur);
        }
        if (latest == null) return null;
        return withTid(ScanTuples.values(ScanTuples.of(latest, cols.size()), cols.size()), latest.tid(), source);
    }

    /**
     * ExecCheckTIDVisible / ExecCheckTupleVisible: under REPEATABLE READ a conflicting row the
     * transaction's snapshot cannot see is a serialization failure, since acting on it (skipping
     * or updating) would depend on a row the transaction is not supposed to know about.
     */
    private void checkTupleVisible(ExecEnvironment env, Relation rel, ItemPointer tid) {
        if (!env.isolationUsesXactSnapshot()) return;
        org.tusk.utils.time.Snapshot s = env.snapshot();
        if (env.tableAm().indexFetch(rel, tid, s) != null) return;
        // Not for a row this transaction inserted (TransactionIdIsCurrentTransactionId(xmin)), e.g.
        // one key proposed twice by the same command: the same snapshot sees it once every command
        // of ours counts, which changes nothing for rows of other transactions.
        org.tusk.utils.time.Snapshot ownCommandsToo = new org.tusk.utils.time.Snapshot(s.xmin(), s.xmax(), s.xip(),
                s.subxip(), s.suboverflowed(), org.tusk.access.transam.Xact.INVALID_COMMAND_ID - 1);
        if (env.tableAm().indexFetch(rel, tid, ownCommandsToo) == null) throw serializationFailure("update");
    }

    /** ExecOnConflictUpdate's 21000 for a row this command already inserted or updated. */
    private static PgException secondAffect() {
        return PgException.error("21000", "ON CONFLICT DO UPDATE command cannot affect row a second time")
                .withHint("Ensure that no rows proposed for insertion within the same command have duplicate constrained values.");
    }

    /**
     * ExecOnConflictUpdate: updates the existing row at {@code conflictTid} (the root of its HOT
     * chain) with DO UPDATE's SET list if its WHERE clause accepts it. Returns false when the row
     * was changed concurrently and the conflict check must be repeated; otherwise true, with the
     * RETURNING tuple in {@code out[0]} (null when WHERE filtered the row out).
     *
     * <p>The row is read with a snapshot taken now, then locked as PostgreSQL does
     * (heap_lock_tuple, waiting for a concurrent updater); a row a committed transaction changed
     * meanwhile sends us back to the check. The lock stays with the new version the update writes
     * (heap_update keeps this transaction's lock), so RETURNING shows it as xmax.
     */
    private boolean onConflictUpdate(ExecEnvironment env, Plan.OnConflict oc, ConflictTarget target, ItemPointer conflictTid,
                                     Object[] proposed, Object[][] out) {
        Relation rel = target.rel();
        TupleSlot existing = env.tableAm().indexFetch(rel, conflictTid, env.latestSnapshot());
        if (existing == null) {
            // the dirty snapshot saw a live row the latest snapshot cannot: this command inserted
            // (or already updated) it, which heap_lock_tuple reports as TM_Invisible
            throw secondAffect();
        }
        // ExecOnConflictUpdate locks the row before it evaluates anything on it, so that no one
        // changes it in between; a row changed since the conflict check sends us back to it
        org.tusk.access.table.LockResult lock = env.tableAm().lockTuple(rel, existing.tid(), env.snapshot(), env.commandId(),
                updateLockMode(oc, target), org.tusk.access.table.LockWaitPolicy.BLOCK, false);
        switch (lock.result()) {
            case OK -> { }
            case UPDATED -> {
                if (env.isolationUsesXactSnapshot()) throw serializationFailure("update");
                return false;
            }
            case DELETED -> {
                if (env.isolationUsesXactSnapshot()) throw serializationFailure("delete");
                return false;
            }
            // PostgreSQL locks the HOT chain's live member, which this command's own update or
            // insert makes TM_Invisible; the chain's root that this conflict check returns shows the
            // same case as this command's update of it: either way the row was affected already
            case SELF_MODIFIED, INVISIBLE -> throw secondAffect();
            default -> throw PgException.error("XX000", "attempted to lock invisible tuple");
        }
        checkTupleVisible(env, rel, existing.tid());
        Object[] existingRoot = target.toRoot(ScanTuples.values(existing.values(), rel.desc().natts()));
        Object[] tuple = java.util.Arrays.copyOf(existingRoot, 2 * cols.size() + 1);
        tuple[cols.size()] = existing.tid();
        System.arraycopy(proposed, 0, tuple, cols.size() + 1, cols.size());
        if (!ExprEvaluator.qual(oc.where(), tuple, null, ctx)) {
            out[0] = null;
            return true;
        }
        Object[] rootRow = setLists.project(oc.set(), tuple, ctx);
        Object[] row = target.fromRoot(rootRow);
        // ExecOnConflictUpdate goes through ExecUpdate: BEFORE ROW UPDATE triggers may change or skip the row
        RelationTriggers rowTriggers = target.leaf() == null ? triggers : target.leaf().triggers();
        Object[] oldRow = ScanTuples.values(existing.values(), rel.desc().natts());
        BitSet setCols = target.leaf() == null ? withSetColumns(targetColumns(oc.set())) : null;
        if (rowTriggers != null) {
            row = rowTriggers.beforeRow(TriggerData.TRIGGER_EVENT_UPDATE, oldRow, row, setCols);
            if (row == null) {
                out[0] = null;
                return true;
            }
            rootRow = target.toRoot(row);
        }
        target.constraints().checkRow(row);
        if (!target.fitsPartition().test(row)) {
            // ExecCrossPartitionUpdate refuses to move a row for ON CONFLICT DO UPDATE
            if (target.leaf() == null) throw PartitionRouting.constraintViolation(rel, row, ctx);
            throw PgException.error("0A000", "invalid ON UPDATE specification")
                    .withDetail("The result tuple would appear in a different partition than the original tuple.");
        }
        ModifyResult r = env.tableAm().update(rel, existing.tid(), row, env.commandId(), env.snapshot(), true,
                target.indexedAttrs());
        switch (r.result()) {
            case OK -> {
                if (r.updateIndexes()) target.indexInserter().accept(row, r.newTid());
                if (target.constraints().hasForeignKeys()) target.constraints().afterUpdate(existing.values(), row, r.newTid());
                if (rowTriggers != null) rowTriggers.afterRow(TriggerData.TRIGGER_EVENT_UPDATE, oldRow, row, setCols, existing.tid(), r.newTid());
                // a leaf's update goes to the partitioned root's transition tables too, in the
                // root's layout (ExecOnConflictUpdate's mt_oc_transition_capture)
                if (target.leaf() != null && triggers != null)
                    triggers.captureTransition(TriggerData.TRIGGER_EVENT_UPDATE, target.toRoot(oldRow), rootRow);
                out[0] = withTid(rootRow, r.newTid(), null);
                return true;
            }
            case SELF_MODIFIED -> {
                // ExecUpdate's TM_SelfModified: the SET list or WHERE (a sub-select reading a
                // data-modifying WITH query) already updated the row in this command after we
                // locked it; as for a join UPDATE reaching a row twice, the first update stands
                out[0] = null;
                return true;
            }
            case UPDATED, DELETED -> {
                if (env.isolationUsesXactSnapshot()) throw serializationFailure("update");
                return false;
            }
            default -> throw unexpected("update", r);
        }
    }

    /**
     * ExecUpdateLockMode for ON CONFLICT DO UPDATE: EXCLUSIVE if the SET list changes a key column,
     * else NO_KEY_EXCLUSIVE. As in heap updates here, every indexed column counts as a key; for a
     * partition, whose columns the root's SET list does not number, the lock is EXCLUSIVE.
     */
    private static org.tusk.access.table.LockTupleMode updateLockMode(Plan.OnConflict oc, ConflictTarget target) {
        if (target.leaf() != null) return org.tusk.access.table.LockTupleMode.EXCLUSIVE;
        BitSet keys = target.indexedAttrs();
        return keys != null && targetColumns(oc.set()).intersects(keys)
                ? org.tusk.access.table.LockTupleMode.EXCLUSIVE : org.tusk.access.table.LockTupleMode.NO_KEY_EXCLUSIVE;
    }

    /** ExecInsertIndexTuples: one entry per index whose predicate the row meets, its keys formed from the row. */
    private void insertIndexEntries(ExecEnvironment env, Object[] row, ItemPointer tid) {
        for (Relation index : indexes) {
            Object[] keys = indexKeys.get(index.oid()).form(row);
            if (keys == null) continue;   // outside a partial index
            constraints.insertIndexEntry(index, keys, tid);
        }
    }

    /**
     * The tuple RETURNING and EvalPlanQual read: {@code row} and its TID in the place of the
     * target's part of {@code source} (the joined tuple of UPDATE ... FROM; null or just the
     * target's scan tuple otherwise), whose other columns follow.
     */
    Object[] withTid(Object[] row, ItemPointer tid, Object[] source) {
        int width = source == null ? cols.size() + 1 : Math.max(source.length, cols.size() + 1);
        Object[] t = java.util.Arrays.copyOf(row, width);
        t[cols.size()] = tid;
        if (source != null) System.arraycopy(source, cols.size() + 1, t, cols.size() + 1, width - cols.size() - 1);
        return t;
    }

    private static PgException serializationFailure(String what) {
        return PgException.error("40001", "could not serialize access due to concurrent " + what);
    }

    private static PgException unexpected(String what, ModifyResult r) {
        if (r.result() == org.tusk.access.table.TMResult.INVISIBLE)
            return PgException.error("XX000", "attempted to " + what + " invisible tuple");
        return PgException.error("XX000", "unrecognized table_tuple_" + what + " status: " + r.result());
    }

    @Override
    public void close() { source.close(); }

    Query.CommandType operation() { return plan.operation(); }
}
