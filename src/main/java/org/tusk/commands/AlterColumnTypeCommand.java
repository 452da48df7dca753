package org.tusk.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.catalog.BtreeOpclasses;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.CatalogRows;
import org.tusk.catalog.ConstraintInfo;
import org.tusk.catalog.Dependencies;
import org.tusk.catalog.ObjectAddress;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.ExprEvaluator;
import org.tusk.executor.IndexKeys;
import org.tusk.executor.TableConstraints;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.AlterTypeAnalysis;
import org.tusk.parser.Analyzer;
import org.tusk.parser.CheckConstraintAnalysis;
import org.tusk.parser.IndexExprAnalysis;
import org.tusk.parser.ParseCoerce;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.adt.FormatType;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * ALTER TABLE ... ALTER [COLUMN] col [SET DATA] TYPE type [USING expr] (PostgreSQL's tablecmds.c
 * ATPrepAlterColumnType, ATExecAlterColumnType and ATRewriteTable). The caller holds
 * AccessExclusiveLock on the table.
 *
 * <p>Order of work, as PostgreSQL's: refuse what cannot be done (a system or inherited column,
 * a column a view uses, a type the column or its default cannot be cast to automatically), then
 * change pg_attribute of the table and of every index column on it (an index key column takes the
 * new type and its default operator class; an expression column the type of its re-analysed
 * expression), then, unless the change is binary-coercible (ATColumnChangeRequiresRewrite), rewrite
 * the table: a new relfilenode for it and its indexes, every live row stored again with the new
 * value computed from the old row (WAL-logged as any insert), NOT NULL and CHECK constraints
 * re-checked on it, and the indexes filled again. The old files go at commit. Like PostgreSQL's
 * rewrite this is not MVCC-safe: the rows get this transaction's xid. Inheritance children get
 * the same change.
 */
final class AlterColumnTypeCommand {
    private AlterColumnTypeCommand() {}

    static void alter(Relation rel, Stmt.AlterTableCmd.AlterColumnType cmd, String queryString, boolean recursing,
                      ExecContext ctx) {
        ExecEnvironment env = ctx.env();
        Catalog catalog = env.catalog();
        String colName = cmd.column();
        int attnum = 0;
        for (int i = 0; i < rel.desc().natts(); i++) {
            if (!rel.desc().attr(i).attisdropped() && rel.desc().attr(i).name().equals(colName)) attnum = i + 1;
        }
        if (attnum == 0) {
            if (CatalogRows.isSystemColumnName(colName)) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter system column \"" + colName + "\"");
            }
            throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + colName + "\" of relation \"" + rel.name()
                    + "\" does not exist");
        }
        Catalog.ColumnInheritance inh = catalog.columnInheritance(rel, attnum);
        if (inh != null && inh.inhcount() > 0 && !recursing) {
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "cannot alter inherited column \"" + colName + "\"");
        }
        // ATPrepAlterColumnType: a column of the partition key, or read by a key expression, keeps its type
        if (rel.relkind() == 'p' && PartitionCommands.usedByKey(rel, attnum, ctx)) {
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "cannot alter column \"" + colName
                    + "\" because it is part of the partition key of relation \"" + rel.name() + "\"");
        }
        // ATPrepAlterColumnType: a generated column's new values come from its expression
        if (rel.attgenerated(attnum) != 0 && cmd.using() != null)
            throw PgException.error("42611", "cannot specify USING when altering type of generated column")
                    .withDetail("Column \"" + colName + "\" is a generated column.");
        ParseCoerce.ResolvedType t = ParseCoerce.resolveTypeName(cmd.type(), queryString);
        if (rel.hasGeneratedStored()) {
            // ATExecAlterColumnType's dependency scan: a column a generation expression reads keeps its type
            java.util.List<Integer> readers = GeneratedColumns.readersOf(rel, attnum, catalog.generationExpressions(rel),
                    env, ctx.inputSettings(), ctx.session().currentDatabase());
            if (!readers.isEmpty())
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter type of a column used by a generated column")
                        .withDetail("Column \"" + colName + "\" is used by generated column \""
                                + rel.desc().attr(readers.get(0) - 1).name() + "\".");
        }
        refuseIfUsedByView(rel, attnum, colName, catalog);
        AlterTypeAnalysis.Transform transform = AlterTypeAnalysis.transform(rel, attnum, t.oid(), t.typmod(), cmd.using(),
                cmd.usingSql(), ctx.inputSettings(), ctx.session().currentDatabase(), env);
        checkDefault(rel, attnum, colName, t, catalog, ctx);

        catalog.setColumnType(rel, attnum, t.oid(), t.typmod(), 0, collation(cmd, t.oid(), queryString));
        Relation altered = catalog.openRelation(rel.oid());
        retypeIndexes(altered, attnum, t, ctx);
        altered = catalog.openRelation(rel.oid());
        List<Expr> checks = new ArrayList<>();
        List<String> checkNames = new ArrayList<>();
        for (ConstraintInfo c : catalog.constraintsOf(altered)) {
            if (c.contype() != 'c') continue;
            // re-cooked over the new row type: an operator that no longer applies fails here, as in PostgreSQL
            try {
                checks.add(CheckConstraintAnalysis.cook(altered, c.bin(), ctx.inputSettings(), ctx.session().currentDatabase(), env)
                        .expr());
            } catch (PgException e) {
                // a position would point into the constraint's text, not the statement
                throw new PgException(Severity.ERROR, e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0);
            }
            checkNames.add(c.name());
        }
        // a partitioned table has no storage to rewrite (ATRewriteTables): its partitions are rewritten below
        if (transform.rewrite() && rel.relkind() != 'p') rewrite(rel, altered, attnum, transform.expr(), checks, checkNames, ctx);

        for (int childOid : catalog.inheritanceChildren(rel.oid())) {
            catalog.lockRelation(childOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            Relation child = catalog.openRelation(childOid);
            if (child != null) alter(child, cmd, queryString, true, ctx);
        }
    }

    /** ATPrepAlterColumnType's GetColumnDefCollation: the COLLATE written after the type, 0 for the type's. */
    private static int collation(Stmt.AlterTableCmd.AlterColumnType cmd, int typeOid, String queryString) {
        if (cmd.collation() == null) return 0;
        Stmt.ColumnDefinition def = new Stmt.ColumnDefinition(cmd.column(), cmd.type(), false, null, null, -1, -1,
                cmd.location(), (char) 0, List.of(), List.of(), cmd.collation(), cmd.collationLocation());
        return ColumnCollations.of(def, typeOid, queryString);
    }

    /**
     * A view's rule depending on the column makes the change impossible (ATExecAlterColumnType's
     * dependency scan): 0A000 with the dependency in the DETAIL.
     */
    private static void refuseIfUsedByView(Relation rel, int attnum, String colName, Catalog catalog) {
        Dependencies deps = catalog.dependencies();
        for (Dependencies.Dependency d : deps.dependentsOf(new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, rel.oid(),
                attnum))) {
            if (d.depender().classId() != ObjectAddress.REWRITE_RELATION_ID) continue;
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter type of a column used by a view or rule")
                    .withDetail(deps.describe(d.depender()) + " depends on column \"" + colName + "\"");
        }
    }

    /** The column's default must still be assignable to the new type (42804 otherwise). */
    private static void checkDefault(Relation rel, int attnum, String colName, ParseCoerce.ResolvedType t, Catalog catalog,
                                     ExecContext ctx) {
        List<String> defaults = catalog.columnDefaults(rel);
        String sql = attnum - 1 < defaults.size() ? defaults.get(attnum - 1) : null;
        if (sql == null) return;
        try {
            Analyzer.analyzeColumnDefault(sql, colName, t.oid(), t.typmod(), ctx.inputSettings(), ctx.session().currentDatabase(),
                    ctx.session().scanSettings());
        } catch (PgException e) {
            if (!SqlState.DATATYPE_MISMATCH.equals(e.sqlState())) throw e;
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "default for column \"" + colName
                    + "\" cannot be cast automatically to type " + FormatType.format(t.oid(), t.typmod(), true));
        }
    }

    /**
     * The index columns on the altered column take its new type: a key column with the type's
     * default B-tree operator class (42704 if it has none), an expression column reading it the
     * type its expression now has.
     */
    private static void retypeIndexes(Relation heap, int attnum, ParseCoerce.ResolvedType t, ExecContext ctx) {
        Catalog catalog = ctx.env().catalog();
        for (Relation index : catalog.indexesOf(heap)) {
            Relation.IndexInfo info = index.index();
            List<Expr> exprs = null;
            int e = 0;
            for (int k = 0; k < info.keyCount(); k++) {
                int key = info.keyAttnum(k);
                if (key == attnum) {
                    if (!BtreeOpclasses.hasDefault(t.oid())) {
                        throw PgException.error(SqlState.UNDEFINED_OBJECT, "data type "
                                + FormatType.format(t.oid(), -1, false) + " has no default operator class for access method \"btree\"")
                                .withHint("You must specify an operator class for the index or define a default operator class for the data type.");
                    }
                    catalog.lockRelation(index.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
                    catalog.setColumnType(index, k + 1, t.oid(), t.typmod(), BtreeOpclasses.defaultFor(t.oid()),
                            heap.attcollation(attnum));
                } else if (key == 0) {
                    if (exprs == null) {
                        exprs = IndexExprAnalysis.storedExpressions(heap, info.expressions(), ctx.inputSettings(),
                                ctx.session().currentDatabase(), ctx.env());
                    }
                    Expr x = exprs.get(e++);
                    BitSet used = new BitSet();
                    IndexExprAnalysis.collectAttnums(x, used);
                    if (used.get(attnum) && x.type() != index.desc().attr(k).type().oid()) {
                        catalog.lockRelation(index.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
                        catalog.setColumnType(index, k + 1, x.type(), x.typmod(), BtreeOpclasses.defaultFor(x.type()), 0);
                    }
                }
            }
            // an INCLUDE column takes the new type too; it needs no operator class
            int[] includes = info.includeAttnums();
            for (int j = 0; j < includes.length; j++) {
                if (includes[j] != attnum) continue;
                catalog.lockRelation(index.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
                catalog.setColumnType(index, info.keyCount() + j + 1, t.oid(), t.typmod(), 0, heap.attcollation(attnum));
            }
        }
    }

    /**
     * ATRewriteTable: new, empty files for the table and its indexes (the old ones go at
     * commit), then every row live in the old file stored again with the column's new value.
     */
    private static void rewrite(Relation old, Relation altered, int attnum, Expr expr, List<Expr> checks,
                                List<String> checkNames, ExecContext ctx) {
        ExecEnvironment env = ctx.env();
        env.catalog().truncateRelation(altered);
        Relation target = env.catalog().openRelation(old.oid());
        List<Relation> indexes = env.catalog().indexesOf(target);
        List<IndexKeys> formers = new ArrayList<>();
        for (Relation index : indexes) formers.add(IndexKeys.open(target, index, ctx));
        int natts = target.desc().natts();
        try (TableScan scan = env.tableAm().beginScan(old, env.latestSnapshot())) {
            TupleSlot slot;
            while ((slot = scan.next()) != null) {
                ctx.session().checkForInterrupts();
                Object[] before = Arrays.copyOf(slot.values(), natts);
                Object[] row = before.clone();
                row[attnum - 1] = ExprEvaluator.eval(expr, before, null, ctx);
                for (int i = 0; i < natts; i++) {
                    var att = target.desc().attr(i);
                    if (row[i] == null && att.attnotnull()) {
                        throw PgException.error("23502", "column \"" + att.name() + "\" of relation \"" + target.name()
                                + "\" contains null values");
                    }
                }
                for (int i = 0; i < checks.size(); i++) {
                    if (Boolean.FALSE.equals(ExprEvaluator.eval(checks.get(i), TableConstraints.forCheck(target, row), null, ctx))) {
                        throw PgException.error("23514", "check constraint \"" + checkNames.get(i) + "\" of relation \""
                                + target.name() + "\" is violated by some row");
                    }
                }
                ItemPointer tid = env.tableAm().insert(target, row, env.commandId());
                for (int i = 0; i < indexes.size(); i++) {
                    Object[] keys = formers.get(i).form(row);
                    if (keys == null) continue;   // outside a partial index
                    env.indexAm().insert(indexes.get(i), keys, tid, target, env.tableAm(), indexes.get(i).index().unique());
                }
            }
        }
    }
}
