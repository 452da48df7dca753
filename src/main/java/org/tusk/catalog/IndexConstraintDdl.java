package org.tusk.catalog;

import java.util.List;

import org.tusk.access.table.TupleSlot;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import static org.tusk.catalog.SystemCatalogs.PG_ATTRIBUTE;
import static org.tusk.catalog.SystemCatalogs.PG_CONSTRAINT;
import static org.tusk.catalog.SystemCatalogs.PG_INDEX;

/**
 * Catalog updates of an existing index that ALTER TABLE / ALTER INDEX make: index.c's
 * index_constraint_create for ADD ... USING INDEX (the pg_constraint row, indisprimary,
 * indimmediate and the key columns' NOT NULL), and ATExecSetStatistics' pg_attribute update.
 * The caller holds AccessExclusiveLock on the table (and so on its indexes) and has checked the
 * index is fit (index_check_primary_key, the default-sorting test); the changes are transactional
 * catalog updates, made visible by a CommandCounterIncrement with relcache invalidation of the
 * table and the index.
 */
final class IndexConstraintDdl {
    private final CatalogEnv env;
    private final CatalogWriter writer;

    IndexConstraintDdl(CatalogEnv env, CatalogWriter writer) {
        this.env = env;
        this.writer = writer;
    }

    /**
     * index_constraint_create with INDEX_CONSTR_CREATE_UPDATE_INDEX (and MARK_AS_PRIMARY for a
     * primary key): the constraint named as the index takes the index as conindid. Returns the
     * constraint's OID.
     */
    int attachConstraint(Relation heap, Relation index, boolean primary, boolean deferrable, boolean initdeferred) {
        TupleSlot ix = writer.find(PG_INDEX, CatalogScan.key(PG_INDEX, "indexrelid", index.oid())).get(0);
        short[] indkey = (short[]) PG_INDEX.get(ix.values(), "indkey");
        // conkey and the primary key's NOT NULL columns are the key columns, not INCLUDE columns
        short[] keys = java.util.Arrays.copyOf(indkey, Math.min(indkey.length, (Short) PG_INDEX.get(ix.values(), "indnkeyatts")));
        int conOid = writer.newOid(PG_CONSTRAINT, "oid");
        Object[] conRow = CatalogRows.constraintRow(conOid, index.name(), heap.namespace(),
                primary ? 'p' : 'u', heap.oid(), index.oid(), keys);
        PG_CONSTRAINT.set(conRow, "condeferrable", deferrable);
        PG_CONSTRAINT.set(conRow, "condeferred", initdeferred);
        writer.insert(PG_CONSTRAINT, conRow);
        Object[] v = ix.values().clone();
        if (primary) PG_INDEX.set(v, "indisprimary", true);
        if (deferrable) PG_INDEX.set(v, "indimmediate", false);
        writer.update(PG_INDEX, ix, v);
        if (primary) {
            // index_check_primary_key: the caller found no NULL; the columns become NOT NULL
            for (short attnum : keys) setNotNull(heap.oid(), attnum);
        }
        env.inval().registerRelcacheInval(heap.oid());
        env.inval().registerRelcacheInval(index.oid());
        env.commandCounterIncrement().run();
        return conOid;
    }

    /** ATExecSetStatistics: pg_attribute.attstattarget of column {@code attnum} of {@code rel}. */
    void setStatTarget(Relation rel, int attnum, int target) {
        TupleSlot att = attribute(rel.oid(), attnum);
        Object[] v = att.values().clone();
        PG_ATTRIBUTE.set(v, "attstattarget", target);
        writer.update(PG_ATTRIBUTE, att, v);
        env.inval().registerRelcacheInval(rel.oid());
        env.commandCounterIncrement().run();
    }

    /** pg_attribute.attstattarget of column {@code attnum} of {@code rel}. */
    int statTarget(Relation rel, int attnum) {
        return (Integer) PG_ATTRIBUTE.get(attribute(rel.oid(), attnum).values(), "attstattarget");
    }

    private void setNotNull(int relOid, int attnum) {
        TupleSlot att = attribute(relOid, attnum);
        if ((Boolean) PG_ATTRIBUTE.get(att.values(), "attnotnull")) return;
        Object[] v = att.values().clone();
        PG_ATTRIBUTE.set(v, "attnotnull", true);
        writer.update(PG_ATTRIBUTE, att, v);
    }

    private TupleSlot attribute(int relOid, int attnum) {
        List<TupleSlot> rows = writer.find(PG_ATTRIBUTE, CatalogScan.key(PG_ATTRIBUTE, "attrelid", relOid),
                r -> (Short) PG_ATTRIBUTE.get(r, "attnum") == attnum);
        if (rows.isEmpty()) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for attribute " + attnum + " of relation "
                    + Integer.toUnsignedString(relOid));
        }
        return rows.get(0);
    }
}
