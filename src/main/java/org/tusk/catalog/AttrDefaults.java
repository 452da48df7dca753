package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_ATTRDEF;
import static org.tusk.catalog.SystemCatalogs.PG_DEPEND;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import org.tusk.access.table.TupleSlot;

/**
 * Column defaults as pg_depend sees them (pg_attrdef.c, AttrDefaultRelationId 2604): a default is
 * an object of its own, depending AUTO on its column and NORMAL on the relations its expression
 * names (recordDependencyOnExpr: in practice the sequence of nextval('s'::regclass)), so that
 * DROP SEQUENCE refuses while a default uses it, and pg_dump sees why a serial column's default
 * must be restored after its sequence. Removing a default removes its pg_depend rows with it.
 */
final class AttrDefaults {
    private AttrDefaults() {}

    /** AttrDefaultRelationId. */
    static final int ATTRDEF_RELATION_ID = 2604;

    /** Deletes the pg_attrdef rows {@code which} selects, and the pg_depend rows naming them as depender. */
    static void delete(CatalogWriter writer, Predicate<Object[]> which) {
        Set<Integer> oids = new HashSet<>();
        for (TupleSlot s : writer.find(PG_ATTRDEF, which)) oids.add(oid(PG_ATTRDEF.get(s.values(), "oid")));
        if (oids.isEmpty()) return;
        writer.delete(PG_ATTRDEF, which);
        writer.delete(PG_DEPEND, v -> oid(PG_DEPEND.get(v, "classid")) == ATTRDEF_RELATION_ID
                && oids.contains(oid(PG_DEPEND.get(v, "objid"))));
    }

    /** The OID of the default of column {@code attnum} of {@code relOid}, or 0. */
    static int oidOf(CatalogWriter writer, int relOid, int attnum) {
        for (TupleSlot s : writer.find(PG_ATTRDEF, CatalogScan.key(PG_ATTRDEF, "adrelid", relOid), v -> (Short) PG_ATTRDEF.get(v, "adnum") == attnum)) {
            return oid(PG_ATTRDEF.get(s.values(), "oid"));
        }
        return 0;
    }

    /** The (relation, attnum) of default {@code attrdefOid}, or null. */
    static int[] columnOf(CatalogWriter writer, int attrdefOid) {
        for (TupleSlot s : writer.find(PG_ATTRDEF, CatalogScan.key(PG_ATTRDEF, "oid", attrdefOid))) {
            return new int[] {oid(PG_ATTRDEF.get(s.values(), "adrelid")), (Short) PG_ATTRDEF.get(s.values(), "adnum")};
        }
        return null;
    }
}
