package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ConstraintInfo;
import org.tusk.executor.DeferredTriggers;
import org.tusk.executor.ExecContext;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * SET CONSTRAINTS (trigger.c's AfterTriggerSetState): resolves the names to constraints, each of
 * which must be DEFERRABLE, records the new state for the rest of the transaction, and, for
 * IMMEDIATE, fires at once the events kept for the constraints concerned, so that a violation
 * is reported by this statement.
 *
 * <p>A name without a schema is looked for in the schemas of the search path in order, and
 * only the first schema that has constraints of that name counts, as PostgreSQL does.
 * The key constraints of partitions made from a named one (PostgreSQL finds them by
 * pg_constraint.conparentid) come with it: Tusk finds them through the partitions' indexes
 * attached to the constraint's index (pg_inherits). Not done: foreign keys cloned to
 * partitions are not included, since Tusk does not record their parent constraint.
 */
public final class ConstraintsSetCommand {
    private ConstraintsSetCommand() {}

    public static void execute(Stmt.ConstraintsSetStmt s, ExecContext ctx) {
        DeferredTriggers deferred = ctx.env().deferredTriggers();
        List<Integer> oids = null;
        if (s.constraints() != null) {
            oids = new ArrayList<>();
            for (Stmt.RangeVar name : s.constraints()) {
                List<ConstraintInfo> found = ctx.env().catalog().constraintsNamed(name.schema(), name.name());
                if (found.isEmpty())
                    throw PgException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + name.name() + "\" does not exist");
                for (ConstraintInfo c : found) {
                    if (!c.deferrable())
                        throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "constraint \"" + name.name() + "\" is not deferrable");
                    oids.add(c.oid());
                    if (c.indid() != 0) addPartitionKeys(c.indid(), oids, ctx);
                }
            }
        }
        if (deferred != null) deferred.setState(oids, s.deferred(), ctx);
    }

    /** The constraints backed by the indexes attached, at any depth, to index {@code indexOid}. */
    private static void addPartitionKeys(int indexOid, List<Integer> oids, ExecContext ctx) {
        var catalog = ctx.env().catalog();
        for (int child : catalog.inheritanceChildren(indexOid)) {
            var index = catalog.openRelation(child);
            if (index == null || index.index() == null) continue;
            var heap = catalog.openRelation(index.index().heapOid());
            if (heap != null) {
                for (ConstraintInfo c : catalog.constraintsOf(heap)) if (c.indid() == child) oids.add(c.oid());
            }
            addPartitionKeys(child, oids, ctx);
        }
    }
}
