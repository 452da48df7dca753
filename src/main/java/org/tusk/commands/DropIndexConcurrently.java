package org.tusk.commands;

import java.util.function.Consumer;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.IndexStateFlags;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecContext;
import org.tusk.nodes.Stmt;
import org.tusk.storage.lmgr.LockMode;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * DROP INDEX CONCURRENTLY (PostgreSQL's tablecmds.c RemoveRelations with its concurrent checks,
 * and index.c index_drop's concurrent path). One index, no CASCADE. In three transactions:
 * <ol>
 * <li>the table and the index are locked ShareUpdateExclusiveLock (also as session locks, kept
 *     to the end), indisvalid is cleared and committed: new queries stop using the index;</li>
 * <li>after every transaction that held any lock on the table has ended (so none may still be
 *     using the index in a plan), indisready and indislive are cleared and committed: new writers
 *     stop maintaining it;</li>
 * <li>after waiting for those writers likewise, the index is locked AccessExclusiveLock (nobody
 *     else can be using it now) and its catalog entries and file are removed.</li>
 * </ol>
 */
public final class DropIndexConcurrently {
    private DropIndexConcurrently() {}

    public static void drop(Stmt.DropStmt s, ExecContext ctx, TransactionSteps steps, Consumer<String> notices) {
        if (s.objects().size() != 1) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "DROP INDEX CONCURRENTLY does not support dropping multiple objects");
        }
        if (s.cascade()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "DROP INDEX CONCURRENTLY does not support CASCADE");
        }
        Catalog catalog = ctx.env().catalog();
        Stmt.RangeVar rv = s.objects().get(0);
        int indexOid = catalog.relnameGetRelid(rv.schema(), rv.name());
        Relation index = indexOid == 0 ? null : catalog.openRelation(indexOid);
        if (index == null) {
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            if (s.missingOk()) {
                notices.accept("index \"" + shown + "\" does not exist, skipping");
                return;
            }
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "index \"" + shown + "\" does not exist");
        }
        if (index.relkind() == 'I') {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot drop partitioned index \"" + index.name() + "\" concurrently");
        }
        if (index.relkind() != 'i') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + index.name() + "\" is not an index")
                    .withHint("Use DROP " + (index.relkind() == 'v' ? "VIEW" : index.relkind() == 'S' ? "SEQUENCE" : "TABLE")
                            + " to remove " + (index.relkind() == 'v' ? "a view" : index.relkind() == 'S' ? "a sequence" : "a table") + ".");
        }
        int heapOid = index.index().heapOid();
        // RangeVarCallbackForDropRelation: the table first, in the same mode, then the index
        catalog.lockRelation(heapOid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
        catalog.lockRelation(indexOid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
        index = catalog.openRelation(indexOid);
        if (index == null) throw PgException.error(SqlState.UNDEFINED_OBJECT, "index \"" + rv.name() + "\" does not exist");
        org.tusk.catalog.ConstraintInfo con = constraintOf(catalog, index);
        if (con != null) {
            // findDependentObjects, before anything is changed
            String table = catalog.openRelation(heapOid).name();
            throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + index.name()
                    + " because constraint " + con.name() + " on table " + table + " requires it")
                    .withHint("You can drop constraint " + con.name() + " on table " + table + " instead.");
        }
        if (index.persistence() == 't') {
            // RemoveRelations: nobody else can use a temporary table's index, so it goes at once
            catalog.lockRelation(indexOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            catalog.dropRelation(catalog.openRelation(indexOid));
            return;
        }
        catalog.setIndexStateFlags(indexOid, IndexStateFlags.DROP_CLEAR_VALID);
        steps.lockRelationForSession(heapOid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
        steps.lockRelationForSession(indexOid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
        try {
            steps.commitAndStart();
            ConcurrentIndexBuild.waitForLockers(heapOid, LockMode.ACCESS_EXCLUSIVE, steps);
            steps.statementContext().env().catalog().setIndexStateFlags(indexOid, IndexStateFlags.DROP_SET_DEAD);
            steps.commitAndStart();
            ConcurrentIndexBuild.waitForLockers(heapOid, LockMode.ACCESS_EXCLUSIVE, steps);
            Catalog c = steps.statementContext().env().catalog();
            c.lockRelation(heapOid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
            c.lockRelation(indexOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            Relation victim = c.openRelation(indexOid);
            if (victim != null) c.dropRelation(victim);
        } finally {
            steps.unlockRelationForSession(indexOid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
            steps.unlockRelationForSession(heapOid, RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
        }
    }

    /** The PRIMARY KEY or UNIQUE constraint {@code index} backs (it goes only with the constraint), or null. */
    private static org.tusk.catalog.ConstraintInfo constraintOf(Catalog catalog, Relation index) {
        for (org.tusk.catalog.ConstraintInfo c : catalog.constraintsOf(catalog.openRelation(index.index().heapOid()))) {
            if (c.indid() == index.oid() && (c.contype() == 'p' || c.contype() == 'u')) return c;
        }
        return null;
    }
}
