package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.ConstraintInfo;
import org.tusk.executor.ExecEnvironment;
import org.tusk.parser.CheckConstraintAnalysis;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.ruleutils.Deparser;

/**
 * How CHECK constraints follow inheritance (PostgreSQL's tablecmds.c MergeAttributes constraint
 * part, heap.c MergeWithExistingConstraint, tablecmds.c MergeConstraintsIntoExisting,
 * RemoveInheritance and ATExecDropConstraint's recursion). A child holds its own pg_constraint
 * copy of every inheritable CHECK of its parents, so the executor checks a row stored into the
 * child against the child's constraints alone. conislocal says the child also defines it itself,
 * coninhcount from how many direct parents it comes; a partition's copies are never local and
 * come from its one parent.
 *
 * <p>Two constraints are the same when their expressions, analysed over the child, deparse to the
 * same text (PostgreSQL compares the stored node trees with equal()). The callers hold
 * AccessExclusiveLock on the child and at least ShareUpdateExclusiveLock on the parents.
 */
final class ConstraintInheritance {
    private ConstraintInheritance() {}

    /** An inherited constraint of a new child: the parent's definition and from how many parents it comes. */
    private record Inherited(ConstraintInfo def, int count) {}

    /**
     * MergeAttributes' constraint part and StoreConstraints: the inheritable CHECK constraints of
     * {@code parentOids} stored on the new child {@code child}, not local, a constraint named the
     * same in two parents merged when the expressions agree (42710 otherwise).
     */
    static void inheritOnCreate(Relation child, List<Integer> parentOids, boolean isPartition, ExecEnvironment env,
                                InputSettings zone, String database) {
        Catalog catalog = env.catalog();
        List<Inherited> all = new ArrayList<>();
        for (int parentOid : parentOids) {
            Relation parent = catalog.openRelation(parentOid);
            for (ConstraintInfo c : catalog.constraintsOf(parent)) {
                if (c.contype() != 'c' || c.noInherit()) continue;
                int at = -1;
                for (int i = 0; i < all.size(); i++) if (all.get(i).def().name().equals(c.name())) at = i;
                if (at < 0) {
                    all.add(new Inherited(c, 1));
                    continue;
                }
                if (!sameExpression(child, all.get(at).def().bin(), c.bin(), zone, database, env))
                    throw PgException.error(SqlState.DUPLICATE_OBJECT, "check constraint name \"" + c.name()
                            + "\" appears multiple times but with different expressions");
                all.set(at, new Inherited(all.get(at).def(), all.get(at).count() + 1));
            }
        }
        for (Inherited in : all) {
            ConstraintInfo p = in.def();
            CheckConstraintAnalysis.Cooked cooked = CheckConstraintAnalysis.cook(child, p.bin(), zone, database, env);
            catalog.addConstraint(child, ConstraintInfo.check(p.name(), child.oid(), cooked.attnums(), p.bin(), p.validated(), false)
                    .withInheritance(false, isPartition ? 1 : in.count()));
        }
    }

    /**
     * MergeWithExistingConstraint: a CHECK named as {@code existing} is being added to {@code rel}
     * (locally, or from a parent when {@code isLocal} is false). With {@code allowMerge} and the
     * same expression the existing row absorbs it (a NOTICE; conislocal or coninhcount change);
     * otherwise 42710 or 42P17 as PostgreSQL reports the conflict.
     */
    static void mergeWithExisting(Relation rel, ConstraintInfo existing, String sql, boolean allowMerge, boolean isLocal,
                                  boolean validated, boolean noInherit, boolean isPartition, ExecEnvironment env, InputSettings zone,
                                  String database, Consumer<String> notices) {
        boolean found = existing.contype() == 'c' && sameExpression(rel, existing.bin(), sql, zone, database, env);
        String name = existing.name();
        if (!found || !allowMerge)
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for relation \"" + rel.name()
                    + "\" already exists");
        if (existing.noInherit())
            throw PgException.error("42P17", "constraint \"" + name + "\" conflicts with non-inherited constraint on relation \""
                    + rel.name() + "\"");
        if (existing.inhcount() > 0 && noInherit)
            throw PgException.error("42P17", "constraint \"" + name + "\" conflicts with inherited constraint on relation \""
                    + rel.name() + "\"");
        if (validated && !existing.validated())
            throw PgException.error("42P17", "constraint \"" + name + "\" conflicts with NOT VALID constraint on relation \""
                    + rel.name() + "\"");
        notices.accept("merging constraint \"" + name + "\" with inherited definition");
        // a partition's constraints come from its one parent and are never its own
        if (isPartition) env.catalog().setConstraintInheritance(existing, false, 1);
        else if (isLocal) env.catalog().setConstraintInheritance(existing, true, existing.inhcount());
        else env.catalog().setConstraintInheritance(existing, existing.isLocal(), existing.inhcount() + 1);
    }

    /**
     * ATExecDropConstraint's recursion, after {@code dropped} (a CHECK) left {@code rel}: each
     * child's copy goes too when only inherited from here, else its coninhcount drops (and,
     * with ONLY, it becomes local).
     */
    static void dropFromChildren(Relation rel, ConstraintInfo dropped, boolean recurse, ExecEnvironment env) {
        if (dropped.contype() != 'c' || dropped.noInherit()) return;
        Catalog catalog = env.catalog();
        List<Integer> children = catalog.inheritanceChildren(rel.oid());
        if (rel.relkind() == 'p' && !children.isEmpty() && !recurse)
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION,
                    "cannot remove constraint from only the partitioned table when partitions exist")
                    .withHint("Do not specify the ONLY keyword.");
        for (int childOid : children) {
            catalog.lockRelation(childOid, org.tusk.catalog.RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            Relation child = catalog.openRelation(childOid);
            ConstraintInfo c = null;
            for (ConstraintInfo k : catalog.constraintsOf(child)) if (k.contype() == 'c' && k.name().equals(dropped.name())) c = k;
            if (c == null)
                throw PgException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + dropped.name() + "\" of relation \""
                        + child.name() + "\" does not exist");
            if (c.inhcount() <= 0)
                throw PgException.error(SqlState.INTERNAL_ERROR, "relation " + childOid + " has non-inherited constraint \""
                        + c.name() + "\"");
            if (recurse && c.inhcount() == 1 && !c.isLocal()) {
                catalog.dropConstraint(child, c);
                dropFromChildren(child, c, true, env);
            } else if (recurse) {
                catalog.setConstraintInheritance(c, c.isLocal(), c.inhcount() - 1);
            } else {
                catalog.setConstraintInheritance(c, true, c.inhcount() - 1);
            }
        }
    }

    /**
     * MergeConstraintsIntoExisting (ATTACH PARTITION, INHERIT): every inheritable CHECK of
     * {@code parent} must already be on {@code child} with the same expression; each becomes
     * inherited once more (never local on a partition).
     */
    static void mergeIntoExisting(Relation child, Relation parent, boolean isPartition, ExecEnvironment env, InputSettings zone,
                                  String database) {
        Catalog catalog = env.catalog();
        List<ConstraintInfo> own = catalog.constraintsOf(child);
        for (ConstraintInfo p : catalog.constraintsOf(parent)) {
            if (p.contype() != 'c' || p.noInherit()) continue;
            ConstraintInfo c = null;
            for (ConstraintInfo k : own) if (k.contype() == 'c' && k.name().equals(p.name())) c = k;
            if (c == null)
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "child table is missing constraint \"" + p.name() + "\"");
            if (!sameExpression(child, c.bin(), p.bin(), zone, database, env))
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "child table \"" + child.name()
                        + "\" has different definition for check constraint \"" + p.name() + "\"");
            if (c.noInherit())
                throw PgException.error("42P17", "constraint \"" + c.name() + "\" conflicts with non-inherited constraint on child table \""
                        + child.name() + "\"");
            if (p.validated() && !c.validated())
                throw PgException.error("42P17", "constraint \"" + c.name() + "\" conflicts with NOT VALID constraint on child table \""
                        + child.name() + "\"");
            catalog.setConstraintInheritance(c, !isPartition && c.isLocal(), c.inhcount() + 1);
        }
    }

    /**
     * RemoveInheritance's constraint part (DETACH PARTITION): the child's copies of the parent's
     * CHECK constraints are inherited once less, and local when no longer inherited at all.
     */
    static void removeInheritance(Relation child, Relation parent, ExecEnvironment env) {
        Catalog catalog = env.catalog();
        List<ConstraintInfo> parents = catalog.constraintsOf(parent);
        for (ConstraintInfo c : catalog.constraintsOf(child)) {
            if (c.contype() != 'c' || c.inhcount() <= 0) continue;
            boolean fromParent = false;
            for (ConstraintInfo p : parents) fromParent |= p.contype() == 'c' && !p.noInherit() && p.name().equals(c.name());
            if (!fromParent) continue;
            int left = c.inhcount() - 1;
            catalog.setConstraintInheritance(c, left == 0 || c.isLocal(), left);
        }
    }

    /** equal() on the stored expressions: both analysed over {@code rel} and deparsed. */
    private static boolean sameExpression(Relation rel, String a, String b, InputSettings zone, String database, ExecEnvironment env) {
        if (a.equals(b)) return true;
        String x = Deparser.deparse(CheckConstraintAnalysis.cook(rel, a, zone, database, env).expr());
        String y = Deparser.deparse(CheckConstraintAnalysis.cook(rel, b, zone, database, env).expr());
        return x.equals(y);
    }
}
