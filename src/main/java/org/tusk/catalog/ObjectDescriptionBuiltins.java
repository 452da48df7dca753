package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.INT4;
import static org.tusk.catalog.TypeOids.OID;
import static org.tusk.catalog.TypeOids.TEXT;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * pg_describe_object(classid, objid, objsubid) (objectaddress.c): getObjectDescription with
 * missing_ok, so a vanished object gives NULL, as do invalid class and object OIDs. Objects of
 * pg_class (tables, indexes, views, sequences and their columns, system catalogs included) are
 * described through the relation object class registered with {@link Dependencies}. The other
 * classes' handlers there describe only user-made objects (a built-in function would come out
 * NULL), so objects of other catalogs are refused (0A000) rather than described wrongly.
 */
final class ObjectDescriptionBuiltins {
    private ObjectDescriptionBuiltins() {}

    /**
     * The catalogs whose objects are described here: pg_class, pg_constraint, pg_namespace, and
     * pg_rewrite, whose every row (information_schema's view rules too) is read by its handler.
     */
    private static final java.util.Set<Integer> DESCRIBED = java.util.Set.of(ObjectAddress.RELATION_RELATION_ID,
            IndexDependencies.CONSTRAINT_RELATION_ID, IndexDependencies.NAMESPACE_RELATION_ID,
            ObjectAddress.REWRITE_RELATION_ID);

    static void register(BuiltinRegistry r) {
        r.fn("pg_describe_object", List.of(OID, OID, INT4), TEXT, Volatility.STABLE, true, (c, a) -> {
            int classId = ((Number) a[0]).intValue();
            int objId = ((Number) a[1]).intValue();
            int subId = (Integer) a[2];
            if (classId == 0 && objId == 0) return null;
            Catalog catalog = c.catalog();
            if (catalog == null || !DESCRIBED.contains(classId) || !catalog.dependencies().describes(classId)) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "pg_describe_object of objects of catalog "
                        + Integer.toUnsignedString(classId) + " is not supported yet");
            }
            return catalog.dependencies().describeOrNull(new ObjectAddress(classId, objId, subId));
        });
    }
}
