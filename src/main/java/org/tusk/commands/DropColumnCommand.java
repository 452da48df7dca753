package org.tusk.commands;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.CatalogRows;
import org.tusk.catalog.ConstraintInfo;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecContext;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.IndexExprAnalysis;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * ALTER TABLE ... DROP [COLUMN] [IF EXISTS] col [RESTRICT | CASCADE] (PostgreSQL's tablecmds.c
 * ATExecDropColumn). Only the catalog changes: the column stays in pg_attribute as a dropped
 * column (attisdropped), so attribute numbers and the layout of stored tuples stay as they are;
 * rows keep their old values there, unread, and new rows store NULL. The table is not rewritten.
 *
 * <p>What goes with the column, as PostgreSQL's dependencies decide it: every index using it (a
 * key column, in an expression or in the predicate; a PRIMARY KEY or UNIQUE constraint with its
 * index) and every CHECK or FOREIGN KEY constraint of the table naming it (AUTO dependencies:
 * silently). Objects elsewhere that use the column depend on it NORMALly and make the command
 * fail with 2BP01 unless CASCADE drops them too: views reading it (their rules' pg_depend rows)
 * and foreign keys of other tables referencing it.
 *
 * <p>Inheritance: the column may not be dropped from a child while it is inherited (42P16);
 * dropping it from a parent drops it from each child where it was inherited only from there
 * (attinhcount 1, not local), and elsewhere lowers attinhcount; with ONLY, children keep the
 * column as a local one. The caller holds AccessExclusiveLock on the table; children are
 * locked the same way before they are changed.
 */
final class DropColumnCommand {
    private DropColumnCommand() {}

    /** ATExecDropColumn for {@code rel}; {@code recurse} false for ALTER TABLE ONLY. */
    static void drop(Relation rel, Stmt.AlterTableCmd.DropColumn d, boolean recurse, boolean recursing, ExecContext ctx,
                     Consumer<String> notices) {
        Catalog catalog = ctx.env().catalog();
        String colName = d.name();
        int attnum = 0;
        for (int i = 0; i < rel.desc().natts(); i++) {
            if (!rel.desc().attr(i).attisdropped() && rel.desc().attr(i).name().equals(colName)) attnum = i + 1;
        }
        if (attnum == 0) {
            if (CatalogRows.isSystemColumnName(colName)) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot drop system column \"" + colName + "\"");
            }
            if (d.missingOk()) {
                notices.accept("column \"" + colName + "\" of relation \"" + rel.name() + "\" does not exist, skipping");
                return;
            }
            throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + colName + "\" of relation \"" + rel.name()
                    + "\" does not exist");
        }
        Catalog.ColumnInheritance inh = catalog.columnInheritance(rel, attnum);
        if (inh != null && inh.inhcount() > 0 && !recursing) {
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "cannot drop inherited column \"" + colName + "\"");
        }
        PartitionCommands.checkNotInKey(rel, attnum, ctx);
        for (int childOid : catalog.inheritanceChildren(rel.oid())) {
            catalog.lockRelation(childOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            Relation child = catalog.openRelation(childOid);
            if (child == null) continue;
            int childAtt = 0;
            for (int i = 0; i < child.desc().natts(); i++) {
                if (!child.desc().attr(i).attisdropped() && child.desc().attr(i).name().equals(colName)) childAtt = i + 1;
            }
            if (childAtt == 0) continue;
            Catalog.ColumnInheritance ci = catalog.columnInheritance(child, childAtt);
            if (!recurse) {
                // ONLY: the child keeps the column, now its own
                catalog.adjustColumnInheritance(child, childAtt, -1, true);
            } else if (ci.inhcount() == 1 && !ci.islocal()) {
                drop(child, d, true, true, ctx, notices);
            } else {
                catalog.adjustColumnInheritance(child, childAtt, -1, null);
            }
        }
        rel = catalog.openRelation(rel.oid());
        dropGeneratedReaders(rel, attnum, d.cascade(), ctx, notices);
        rel = catalog.openRelation(rel.oid());
        refuseOrDropForeignReferences(rel, attnum, d.cascade(), ctx, notices);
        dropOwnConstraintsAndIndexes(rel, attnum, ctx);
        catalog.dropColumn(catalog.openRelation(rel.oid()), attnum, d.cascade());
    }

    /**
     * The generated columns whose expressions read the column depend on it NORMALly (PostgreSQL
     * 15's StoreAttrDefault): without CASCADE they block the drop (2BP01, reportDependentObjects'
     * DETAIL), with it they are dropped first, with the NOTICE performDeletion gives.
     */
    private static void dropGeneratedReaders(Relation rel, int attnum, boolean cascade, ExecContext ctx,
                                             Consumer<String> notices) {
        if (!rel.hasGeneratedStored()) return;
        Catalog catalog = ctx.env().catalog();
        java.util.List<Integer> readers = GeneratedColumns.readersOf(rel, attnum, catalog.generationExpressions(rel), ctx.env(),
                ctx.inputSettings(), ctx.session().currentDatabase());
        if (readers.isEmpty()) return;
        String column = rel.desc().attr(attnum - 1).name();
        java.util.List<String> dependents = new java.util.ArrayList<>();
        for (int g : readers) dependents.add("column " + rel.desc().attr(g - 1).name() + " of table " + rel.name());
        if (!cascade) {
            StringBuilder detail = new StringBuilder();
            for (String dep : dependents) {
                if (detail.length() > 0) detail.append('\n');
                detail.append(dep).append(" depends on column ").append(column).append(" of table ").append(rel.name());
            }
            throw PgException.error("2BP01", "cannot drop column " + column + " of table " + rel.name()
                    + " because other objects depend on it").withDetail(detail.toString())
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        if (dependents.size() == 1) notices.accept("drop cascades to " + dependents.get(0));
        else notices.accept("drop cascades to " + dependents.size() + " other objects");
        for (int g : readers) {
            Relation current = catalog.openRelation(rel.oid());
            dropOwnConstraintsAndIndexes(current, g, ctx);
            catalog.dropColumn(catalog.openRelation(rel.oid()), g, true);
        }
    }

    /**
     * Foreign keys of other tables that reference the column depend on it NORMALly: without
     * CASCADE they block the drop, with it they go (with the NOTICE performDeletion gives).
     * When views block it too, the error lists them all, as reportDependentObjects would.
     */
    private static void refuseOrDropForeignReferences(Relation rel, int attnum, boolean cascade, ExecContext ctx,
                                                      Consumer<String> notices) {
        Catalog catalog = ctx.env().catalog();
        List<ConstraintInfo> referencing = new ArrayList<>();
        for (ConstraintInfo fk : catalog.foreignKeysReferencing(rel)) {
            if (fk.relid() == rel.oid()) continue;   // a self-reference goes with the table's own constraints
            for (short k : fk.confkey()) if (k == attnum) referencing.add(fk);
        }
        if (referencing.isEmpty()) return;
        String column = "column " + rel.desc().attr(attnum - 1).name() + " of table " + rel.name();
        if (!cascade) {
            List<String> lines = new ArrayList<>();
            for (ConstraintInfo fk : referencing) lines.add(describe(fk, catalog) + " depends on " + column);
            throw new PgException(Severity.ERROR, SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop " + column
                    + " because other objects depend on it", String.join("\n", lines),
                    "Use DROP ... CASCADE to drop the dependent objects too.", 0);
        }
        for (ConstraintInfo fk : referencing) {
            notices.accept("drop cascades to " + describe(fk, catalog));
            Relation owner = catalog.openRelation(fk.relid());
            catalog.lockRelation(fk.relid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            catalog.dropConstraint(owner, fk);
        }
    }

    private static String describe(ConstraintInfo c, Catalog catalog) {
        Relation owner = catalog.openRelation(c.relid());
        return "constraint " + c.name() + " on table " + (owner == null ? "?" : owner.name());
    }

    /**
     * The AUTO dependents of the column: the table's constraints naming it (an index constraint
     * takes its index along) and then the remaining indexes that use it anywhere.
     */
    private static void dropOwnConstraintsAndIndexes(Relation rel, int attnum, ExecContext ctx) {
        Catalog catalog = ctx.env().catalog();
        for (ConstraintInfo c : catalog.constraintsOf(rel)) {
            boolean uses = false;
            if (c.conkey() != null) for (short k : c.conkey()) uses |= k == attnum;
            // a PRIMARY KEY / UNIQUE whose index INCLUDEs the column (conkey has only the keys)
            Relation conIndex = c.indid() != 0 && (c.contype() == 'p' || c.contype() == 'u') ? catalog.openRelation(c.indid()) : null;
            if (conIndex != null && conIndex.index() != null) for (int k : conIndex.index().includeAttnums()) uses |= k == attnum;
            if (c.contype() == 'f' && c.confrelid() == rel.oid() && c.confkey() != null) {
                for (short k : c.confkey()) uses |= k == attnum;
            }
            if (uses) {
                catalog.dropConstraint(catalog.openRelation(rel.oid()), c);
            }
        }
        Relation current = catalog.openRelation(rel.oid());
        for (Relation index : catalog.indexesOf(current)) {
            if (indexUses(current, index, attnum, ctx)) {
                catalog.lockRelation(index.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
                catalog.dropRelations(List.of(index), false);
            }
        }
    }

    /** Whether {@code index} reads column {@code attnum}: as a key, in a key expression or in its predicate. */
    private static boolean indexUses(Relation heap, Relation index, int attnum, ExecContext ctx) {
        Relation.IndexInfo info = index.index();
        for (int k : info.keyAttnums()) if (k == attnum) return true;
        for (int k : info.includeAttnums()) if (k == attnum) return true;
        BitSet used = new BitSet();
        if (info.hasExpressions()) {
            for (Expr e : IndexExprAnalysis.storedExpressions(heap, info.expressions(), ctx.inputSettings(),
                    ctx.session().currentDatabase(), ctx.env())) {
                IndexExprAnalysis.collectAttnums(e, used);
            }
        }
        if (info.predicate() != null) {
            IndexExprAnalysis.collectAttnums(IndexExprAnalysis.storedPredicate(heap, info.predicate(), ctx.inputSettings(),
                    ctx.session().currentDatabase(), ctx.env()), used);
        }
        return used.get(attnum);
    }
}
