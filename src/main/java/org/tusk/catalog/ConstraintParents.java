package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_CONSTRAINT;
import static org.tusk.catalog.SystemCatalogs.PG_DEPEND;

import org.tusk.access.table.TupleSlot;

/**
 * The link of a partition's index-backed constraint (PRIMARY KEY, UNIQUE, EXCLUDE) to the
 * partitioned table's constraint it implements (PostgreSQL's pg_constraint.c
 * ConstraintSetParentConstraint and get_relation_idx_constraint_oid). Whenever a partition's
 * index is attached to a partitioned index (IndexSetParentIndex) and both back constraints, the
 * partition's constraint becomes inherited: conislocal false, coninhcount one more, conparentid
 * the parent constraint, a PARTITION_PRI dependency on that and a PARTITION_SEC one on its own
 * table. Detaching the index (DETACH PARTITION) undoes all of it, and the constraint is the
 * partition's own again. So ALTER TABLE partition DROP CONSTRAINT refuses an inherited one, as
 * for inherited CHECK constraints.
 */
final class ConstraintParents {
    private final CatalogEnv env;
    private final CatalogWriter writer;
    private final Dependencies dependencies;

    ConstraintParents(CatalogEnv env, CatalogWriter writer, Dependencies dependencies) {
        this.env = env;
        this.writer = writer;
        this.dependencies = dependencies;
    }

    /** get_relation_idx_constraint_oid: the constraint of table {@code relOid} that index {@code indexOid} backs, or 0. */
    int indexConstraint(int relOid, int indexOid) {
        for (TupleSlot s : writer.find(PG_CONSTRAINT, CatalogScan.key(PG_CONSTRAINT, "conrelid", relOid),
                v -> oid(PG_CONSTRAINT.get(v, "conindid")) == indexOid)) {
            String t = (String) PG_CONSTRAINT.get(s.values(), "contype");
            if ("p".equals(t) || "u".equals(t) || "x".equals(t)) return oid(PG_CONSTRAINT.get(s.values(), "oid"));
        }
        return 0;
    }

    /**
     * ConstraintSetParentConstraint: constraint {@code childOid} (of table {@code childTableOid})
     * becomes a partition of {@code parentOid}; with {@code parentOid} 0 it stops being one.
     */
    void setParent(int childOid, int parentOid, int childTableOid) {
        ObjectAddress child = new ObjectAddress(IndexDependencies.CONSTRAINT_RELATION_ID, childOid, 0);
        int relOid = 0;
        for (TupleSlot s : writer.find(PG_CONSTRAINT, CatalogScan.key(PG_CONSTRAINT, "oid", childOid))) {
            Object[] v = s.values().clone();
            int inhcount = ((Number) PG_CONSTRAINT.get(v, "coninhcount")).intValue();
            relOid = oid(PG_CONSTRAINT.get(v, "conrelid"));
            if (parentOid != 0) {
                if (oid(PG_CONSTRAINT.get(v, "conparentid")) != 0)
                    throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.INTERNAL_ERROR,
                            "constraint " + Integer.toUnsignedString(childOid) + " already has a parent constraint");
                PG_CONSTRAINT.set(v, "conislocal", false);
                PG_CONSTRAINT.set(v, "coninhcount", inhcount + 1);
                PG_CONSTRAINT.set(v, "conparentid", parentOid);
            } else {
                PG_CONSTRAINT.set(v, "conislocal", true);
                PG_CONSTRAINT.set(v, "coninhcount", Math.max(0, inhcount - 1));
                PG_CONSTRAINT.set(v, "conparentid", 0);
            }
            writer.update(PG_CONSTRAINT, s, v);
        }
        if (parentOid != 0) {
            dependencies.recordDependencyOn(child, new ObjectAddress(IndexDependencies.CONSTRAINT_RELATION_ID, parentOid, 0),
                    DependencyType.PARTITION_PRI);
            dependencies.recordDependencyOn(child, ObjectAddress.relation(childTableOid), DependencyType.PARTITION_SEC);
        } else {
            forgetPartitionDependencies(childOid);
        }
        if (relOid != 0) env.inval().registerRelcacheInval(relOid);
        env.commandCounterIncrement().run();
    }

    /** deleteDependencyRecordsForClass of the constraint's PARTITION_PRI and PARTITION_SEC rows. */
    void forgetPartitionDependencies(int constraintOid) {
        writer.delete(PG_DEPEND, v -> oid(PG_DEPEND.get(v, "classid")) == IndexDependencies.CONSTRAINT_RELATION_ID
                && oid(PG_DEPEND.get(v, "objid")) == constraintOid
                && ("P".equals(PG_DEPEND.get(v, "deptype")) || "S".equals(PG_DEPEND.get(v, "deptype"))));
    }
}
