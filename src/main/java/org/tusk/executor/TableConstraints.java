package org.tusk.executor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.access.index.UniqueCheck;
import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.ConstraintInfo;
import org.tusk.nodes.Expr;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The constraints of one result relation for one statement (the constraint part of PostgreSQL's
 * ResultRelInfo): NOT NULL and CHECK constraints tested on each new row (ExecConstraints,
 * ExecRelCheck), and the foreign keys on either side of the table, whose checks and actions are
 * queued per row and run when the statement's rows are all written (the AFTER ROW triggers of
 * ri_triggers.c, fired by AfterTriggerEndQuery). INSERT/UPDATE/DELETE and COPY FROM use it alike.
 *
 * <p>CHECK constraints are tested in name order, as the relcache sorts them (CheckConstraintFetch);
 * one that is NOT VALID is still tested on new rows. A CHECK whose result is NULL passes.
 */
public final class TableConstraints {
    private final Relation rel;
    private final List<ColumnDef> cols;
    private final ExecContext ctx;
    private final List<ConstraintInfo> checks = new ArrayList<>();
    private final List<Expr> checkExprs = new ArrayList<>();
    /** The stored generated columns (1-based) and their expressions over the row (ri_GeneratedExprs). */
    private final List<Integer> generatedAttnums = new ArrayList<>();
    private final List<Expr> generatedExprs = new ArrayList<>();
    private final RiTriggers ri;
    /** Entries of deferrable unique or exclusion indexes with a possible conflict, to recheck (unique_key_recheck). */
    private final List<KeyRecheck> rechecks = new ArrayList<>();

    private TableConstraints(Relation rel, List<ColumnDef> cols, ExecContext ctx) {
        this.rel = rel;
        this.cols = cols;
        this.ctx = ctx;
        ExecEnvironment env = ctx.requireEnv();
        List<ConstraintInfo> outgoing = new ArrayList<>();
        for (ConstraintInfo c : env.catalog().constraintsOf(rel)) {
            if (c.contype() == 'c') checks.add(c);
            else if (c.contype() == 'f') outgoing.add(c);
        }
        checks.sort(Comparator.comparing(ConstraintInfo::name));
        List<ConstraintInfo> incoming = env.catalog().foreignKeysReferencing(rel);
        if ((!checks.isEmpty() || !outgoing.isEmpty() || !incoming.isEmpty()) && env.constraintSupport() == null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "constraints of relation \"" + rel.name()
                    + "\" cannot be checked here");
        }
        for (ConstraintInfo c : checks) checkExprs.add(env.constraintSupport().cookCheck(rel, c.bin(), ctx));
        if (rel.hasGeneratedStored()) {
            // ExecInitStoredGenerated: the expressions, once per statement
            if (env.constraintSupport() == null)
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "generated columns of relation \"" + rel.name()
                        + "\" cannot be computed here");
            List<String> sql = env.catalog().generationExpressions(rel);
            for (int attnum = 1; attnum <= sql.size(); attnum++) {
                if (sql.get(attnum - 1) == null || rel.desc().attr(attnum - 1).attisdropped()) continue;
                generatedAttnums.add(attnum);
                generatedExprs.add(env.constraintSupport().cookGenerated(rel, attnum, sql.get(attnum - 1), ctx));
            }
        }
        this.ri = outgoing.isEmpty() && incoming.isEmpty() ? null : new RiTriggers(rel, outgoing, incoming, ctx);
    }

    /** ExecOpenIndices' sibling: the constraints of {@code rel}, whose columns are {@code cols}. */
    public static TableConstraints open(Relation rel, List<ColumnDef> cols, ExecContext ctx) {
        return new TableConstraints(rel, cols, ctx);
    }

    /** The same, with the columns taken from the relation. */
    public static TableConstraints open(Relation rel, ExecContext ctx) {
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < rel.desc().natts(); i++) {
            cols.add(new ColumnDef(rel.desc().attr(i).name(), rel.desc().attr(i).type().oid(), rel.atttypmod(i + 1)));
        }
        return new TableConstraints(rel, cols, ctx);
    }

    /**
     * The relation whose layout a failing row is shown in, and the map into it: ExecConstraints
     * shows a row routed into a partition (or updated there through an ancestor) as the
     * statement's root relation sees it (ri_RootResultRelInfo); null shows it as this relation's.
     */
    private Relation shownRel;
    private int[] toShown;

    /** Failing rows are shown in {@code root}'s layout ({@code map} from this relation's, a PartitionRouting.columnMap). */
    public void showRowsAs(Relation root, int[] map) {
        this.shownRel = root;
        this.toShown = map;
    }

    /** The columns (1-based) the statement sets (UPDATE's SET list), or null. */
    private java.util.BitSet modifiedColumns;

    /**
     * ExecBuildSlotValueDescription's modifiedCols: a failing row's DETAIL shows these columns
     * even to a user without SELECT on them, since the statement gave their values.
     */
    public void setModifiedColumns(java.util.BitSet columns) {
        this.modifiedColumns = columns;
    }

    /** ExecBuildSlotValueDescription of {@code row} (this relation's layout) as the error detail shows it, or null. */
    String shown(Object[] row) {
        if (shownRel == null) return ExecConstraints.failingRowDetail(rel, cols, row, modifiedColumns, ctx);
        // shown in the root's layout: the statement's columns are not mapped there, only readable ones show
        return ExecConstraints.failingRowDetail(shownRel, PartitionRouting.columns(shownRel), PartitionRouting.convert(row, toShown),
                null, ctx);
    }

    /**
     * ExecComputeStoredGenerated: stores into {@code row} (this relation's layout) the value of
     * each generated column, computed from the row's other columns. Run on every row INSERT,
     * UPDATE, COPY FROM and ON CONFLICT DO UPDATE store, after the BEFORE ROW triggers (whatever
     * they put in a generated column is replaced) and before the constraints are checked.
     * Expressions are immutable and read no generated column, so recomputing is always right.
     */
    public void computeGenerated(Object[] row) {
        if (generatedExprs.isEmpty()) return;
        Object[] withOid = forCheck(rel, row);
        for (int i = 0; i < generatedExprs.size(); i++) {
            row[generatedAttnums.get(i) - 1] = ExprEvaluator.eval(generatedExprs.get(i), withOid, null, ctx);
        }
    }

    /** ExecConstraints: 23502 for a NULL in a NOT NULL column, 23514 for a failed CHECK; generated columns are computed first. */
    public void checkRow(Object[] row) {
        computeGenerated(row);
        ExecConstraints.check(rel, cols, row, ctx, this::shown);
        Object[] withOid = checks.isEmpty() ? row : forCheck(rel, row);
        for (int i = 0; i < checks.size(); i++) {
            Object ok = ExprEvaluator.eval(checkExprs.get(i), withOid, null, ctx);
            if (Boolean.FALSE.equals(ok)) {
                String name = checks.get(i).name();
                throw PgException.error("23514", "new row for relation \"" + rel.name()
                        + "\" violates check constraint \"" + name + "\"")
                        .withDetail(shown(row))
                        .withObjects(new PgException.ErrorObjects(null, rel.name(), null, null, name));
            }
        }
    }

    /**
     * The row a CHECK expression is evaluated over: the columns, then the system columns, of
     * which only tableoid (the one system column a CHECK may read, as in PostgreSQL) is filled.
     */
    public static Object[] forCheck(Relation rel, Object[] row) {
        int natts = rel.desc().natts();
        Object[] t = java.util.Arrays.copyOf(row, natts + ScanTuples.SYSTEM_COLUMNS);
        for (int i = natts; i < t.length; i++) t[i] = null;
        t[natts + ScanTuples.SYSTEM_COLUMNS - 1] = Integer.toUnsignedLong(rel.oid());
        return t;
    }

    /** Whether any foreign key has this table on either side (so rows must be queued). */
    public boolean hasForeignKeys() { return ri != null; }

    /** Queues the foreign-key checks of an inserted row (RI_FKey_check_ins). */
    public void afterInsert(Object[] newRow, ItemPointer tid) {
        if (ri != null) ri.afterInsert(newRow, tid);
    }

    /** Queues the checks and actions of an updated row (RI_FKey_check_upd, RI_FKey_*_upd). */
    public void afterUpdate(Object[] oldRow, Object[] newRow, ItemPointer newTid) {
        if (ri != null) ri.afterUpdate(oldRow, newRow, newTid);
    }

    /** Queues the actions of a deleted row (RI_FKey_noaction_del and the others). */
    public void afterDelete(Object[] oldRow) {
        if (ri != null) ri.afterDelete(oldRow);
    }

    /**
     * ExecInsertIndexTuples for one entry of {@code index}: a unique index of a DEFERRABLE
     * constraint (indimmediate false) is inserted into with {@link UniqueCheck#PARTIAL}, and a
     * possible duplicate queues a {@link UniqueRecheck} for the end of the statement (or for
     * commit, if the constraint is deferred then); other indexes check at once.
     */
    public void insertIndexEntry(Relation index, Object[] keys, ItemPointer tid) {
        try {
            insertIndexEntryChecked(index, keys, tid);
        } catch (PgException e) {
            // BuildIndexValueDescription: the key is shown only to who may read its columns
            if (("23505".equals(e.sqlState()) || "23P01".equals(e.sqlState())) && e.detail() != null
                    && !ExecPermissions.maySeeIndexKey(rel, index, ctx.requireEnv())) throw e.withDetail(null);
            throw e;
        }
    }

    private void insertIndexEntryChecked(Relation index, Object[] keys, ItemPointer tid) {
        ExecEnvironment env = ctx.requireEnv();
        Relation.IndexInfo info = index.index();
        if (info.exclusion()) {
            insertExclusionEntry(index, keys, tid);
            return;
        }
        if (!info.unique() || info.immediate()) {
            env.indexAm().insert(index, keys, tid, rel, env.tableAm(), info.unique());
            return;
        }
        if (env.indexAm().insert(index, keys, tid, rel, env.tableAm(), UniqueCheck.PARTIAL)) return;
        rechecks.add(new UniqueRecheck(constraintOf(index), index.oid(), rel.oid(), keys.clone(), tid));
    }

    /**
     * ExecInsertIndexTuples for an exclusion index: the entry goes in, then the index is searched
     * for conflicting rows (check_exclusion_constraint); for a DEFERRABLE constraint without
     * waiting, a possible conflict queuing an {@link ExclusionRecheck} instead.
     */
    private void insertExclusionEntry(Relation index, Object[] keys, ItemPointer tid) {
        ExecEnvironment env = ctx.requireEnv();
        env.indexAm().insert(index, keys, tid, rel, env.tableAm(), false);
        if (index.index().immediate()) {
            ExclusionCheck.check(env, ctx, rel, index, keys, tid, true);
        } else if (ExclusionCheck.check(env, ctx, rel, index, keys, tid, false)) {
            rechecks.add(new ExclusionRecheck(constraintOf(index), index.oid(), rel.oid(), keys.clone(), tid));
        }
    }

    private ConstraintInfo constraintOf(Relation index) {
        for (ConstraintInfo k : ctx.requireEnv().catalog().constraintsOf(rel)) if (k.indid() == index.oid()) return k;
        throw PgException.error(SqlState.INTERNAL_ERROR, "no constraint for deferrable index \"" + index.name() + "\"");
    }

    /** AfterTriggerEndQuery: runs the queued checks and actions, after a CommandCounterIncrement. */
    public void endOfStatement() {
        if (!rechecks.isEmpty()) {
            ExecEnvironment env = ctx.requireEnv();
            DeferredTriggers deferred = env.deferredTriggers();
            List<KeyRecheck> now = new ArrayList<>(rechecks);
            rechecks.clear();
            env.commandCounterIncrement();
            for (KeyRecheck r : now) {
                ConstraintInfo c = r.constraint();
                if (deferred != null && deferred.isDeferred(c.oid(), c.deferrable(), c.deferred())) deferred.save(r);
                else r.fire(ctx);
            }
        }
        if (ri != null) ri.fire();
    }
}
