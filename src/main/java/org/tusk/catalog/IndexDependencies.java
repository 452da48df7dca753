package org.tusk.catalog;

import org.tusk.access.table.TupleSlot;

import java.util.Collection;
import java.util.TreeSet;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_DEPEND;

/**
 * The pg_depend rows of an index, as PostgreSQL's index.c writes them: index_create (AUTO on
 * the table columns it reads, or INTERNAL on the PRIMARY KEY/UNIQUE/EXCLUDE constraint it
 * backs), index_constraint_create (an index taken over by a constraint), IndexSetParentIndex
 * (PARTITION_PRI on the partitioned index it is attached to, PARTITION_SEC on its table),
 * index_concurrently_swap (REINDEX CONCURRENTLY: the new index takes over the old one's rows)
 * and index_drop (the rows go with it).
 *
 * <p>Built-in operator classes, collations and functions are pinned in PostgreSQL and get no
 * rows; dependencies on user-defined ones are not recorded here.
 */
final class IndexDependencies {
    /** ConstraintRelationId. */
    static final int CONSTRAINT_RELATION_ID = 2606;
    /** NamespaceRelationId. */
    static final int NAMESPACE_RELATION_ID = 2615;

    private final CatalogWriter writer;
    private final Dependencies dependencies;

    IndexDependencies(CatalogWriter writer, Dependencies dependencies) {
        this.writer = writer;
        this.dependencies = dependencies;
    }

    /**
     * index_create's rows: an index backing constraint {@code constraintOid} (non-zero) depends
     * on it INTERNALly; any other depends AUTOmatically on each distinct table column among
     * {@code attnums} (key and INCLUDE columns, 0 for an expression), or on the whole table when
     * it has no plain column.
     */
    void recordCreated(int indexOid, int heapOid, int[] attnums, int constraintOid) {
        ObjectAddress index = ObjectAddress.relation(indexOid);
        if (constraintOid != 0) {
            dependencies.recordDependencyOn(index, new ObjectAddress(CONSTRAINT_RELATION_ID, constraintOid, 0),
                    DependencyType.INTERNAL);
            return;
        }
        TreeSet<Integer> columns = new TreeSet<>();
        for (int a : attnums) if (a != 0) columns.add(a);
        if (columns.isEmpty()) {
            dependencies.recordDependencyOn(index, ObjectAddress.relation(heapOid), DependencyType.AUTO);
            return;
        }
        for (int a : columns) {
            dependencies.recordDependencyOn(index, new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, heapOid, a),
                    DependencyType.AUTO);
        }
    }

    /**
     * recordDependencyOnSingleRelExpr(self_behavior AUTO) for one of the index's expression
     * lists (its key expressions, or its predicate): AUTO on each distinct column of the table
     * they read, attnum 0 (a whole-row reference) standing for the whole table.
     */
    void recordExpressionColumns(int indexOid, int heapOid, Collection<Integer> attnums) {
        ObjectAddress index = ObjectAddress.relation(indexOid);
        for (int a : new TreeSet<>(attnums)) {
            if (a < 0) continue;   // system columns are pinned to their table
            dependencies.recordDependencyOn(index, new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, heapOid, a),
                    DependencyType.AUTO);
        }
    }

    /**
     * index_constraint_create with INDEX_CONSTR_CREATE_REMOVE_OLD_DEPS (ALTER TABLE ADD
     * PRIMARY KEY/UNIQUE USING INDEX): the index's AUTO rows on its table go, and it depends
     * INTERNALly on the constraint instead.
     */
    void becomeConstraintIndex(int indexOid, int constraintOid) {
        writer.delete(PG_DEPEND, v -> isRowOf(v, indexOid)
                && oid(PG_DEPEND.get(v, "refclassid")) == ObjectAddress.RELATION_RELATION_ID
                && "a".equals(PG_DEPEND.get(v, "deptype")));
        dependencies.recordDependencyOn(ObjectAddress.relation(indexOid),
                new ObjectAddress(CONSTRAINT_RELATION_ID, constraintOid, 0), DependencyType.INTERNAL);
    }

    /** IndexSetParentIndex: PARTITION_PRI on the partitioned index, PARTITION_SEC on the index's own table. */
    void attach(int indexOid, int parentIndexOid, int heapOid) {
        ObjectAddress index = ObjectAddress.relation(indexOid);
        dependencies.recordDependencyOn(index, ObjectAddress.relation(parentIndexOid), DependencyType.PARTITION_PRI);
        dependencies.recordDependencyOn(index, ObjectAddress.relation(heapOid), DependencyType.PARTITION_SEC);
    }

    /** IndexSetParentIndex(index, InvalidOid): the partition dependencies go. */
    void detach(int indexOid) {
        writer.delete(PG_DEPEND, v -> isRowOf(v, indexOid)
                && ("P".equals(PG_DEPEND.get(v, "deptype")) || "S".equals(PG_DEPEND.get(v, "deptype"))));
    }

    /** index_drop: the rows of the index and those naming it. */
    void forget(int indexOid) {
        writer.delete(PG_DEPEND, v -> isRowOf(v, indexOid)
                || (oid(PG_DEPEND.get(v, "refclassid")) == ObjectAddress.RELATION_RELATION_ID
                    && oid(PG_DEPEND.get(v, "refobjid")) == indexOid));
    }

    /**
     * index_concurrently_swap: the new index's own rows go, then every row of the old index and
     * every row naming it is moved to the new one (changeDependenciesOf, changeDependenciesOn).
     */
    void swap(int oldIndexOid, int newIndexOid) {
        writer.delete(PG_DEPEND, v -> isRowOf(v, newIndexOid));
        for (TupleSlot s : writer.find(PG_DEPEND, v -> isRowOf(v, oldIndexOid)
                || (oid(PG_DEPEND.get(v, "refclassid")) == ObjectAddress.RELATION_RELATION_ID
                    && oid(PG_DEPEND.get(v, "refobjid")) == oldIndexOid))) {
            Object[] v = s.values().clone();
            if (isRowOf(v, oldIndexOid)) PG_DEPEND.set(v, "objid", newIndexOid);
            if (oid(PG_DEPEND.get(v, "refclassid")) == ObjectAddress.RELATION_RELATION_ID
                    && oid(PG_DEPEND.get(v, "refobjid")) == oldIndexOid) {
                PG_DEPEND.set(v, "refobjid", newIndexOid);
            }
            writer.update(PG_DEPEND, s, v);
        }
    }

    private static boolean isRowOf(Object[] v, int relOid) {
        return oid(PG_DEPEND.get(v, "classid")) == ObjectAddress.RELATION_RELATION_ID
                && oid(PG_DEPEND.get(v, "objid")) == relOid;
    }
}
