package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_DESCRIPTION;
import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;

/**
 * The functions that read comments (PostgreSQL's system_functions.sql obj_description and
 * col_description, SQL functions over pg_description): they read pg_description with the
 * session's catalog snapshot through {@link ObjectNames}, as the SQL bodies' scans would.
 */
final class CommentBuiltins {
    private CommentBuiltins() {}

    static void register(BuiltinRegistry r) {
        Volatility S = Volatility.STABLE;
        // obj_description(oid, name): the comment of object oid of catalog name (objsubid 0)
        r.fn("obj_description", List.of(OID, NAME), TEXT, S, true,
                (c, a) -> describe(oidOf(a[0]), catalogOid((String) a[1]), 0, true));
        // obj_description(oid), deprecated: the object's comment in whichever catalog it is
        r.fn("obj_description", List.of(OID), TEXT, S, true, (c, a) -> describe(oidOf(a[0]), 0, 0, false));
        // col_description(table oid, column number)
        r.fn("col_description", List.of(OID, INT4), TEXT, S, true,
                (c, a) -> describe(oidOf(a[0]), SystemCatalogs.PG_CLASS.oid(), ((Number) a[1]).intValue(), true));
    }

    private static int oidOf(Object v) {
        return ((Number) v).intValue();
    }

    /**
     * The subquery {@code (select oid from pg_class where relname = $2 and relnamespace =
     * 'pg_catalog'::regnamespace)}: the OID of the catalog named {@code name}, 0 if none.
     */
    private static int catalogOid(String name) {
        int relOid = ObjectNames.current().relationOid("pg_catalog", name);
        if (relOid != 0) return relOid;
        SystemCatalog c = SystemCatalogs.byName(name);
        return c == null ? 0 : c.oid();
    }

    private static String describe(int objoid, int classoid, int objsubid, boolean matchClass) {
        if (matchClass && classoid == 0) return null;
        List<Object[]> rows = ObjectNames.current().rows(PG_DESCRIPTION, v -> oid(PG_DESCRIPTION.get(v, "objoid")) == objoid
                && (!matchClass || oid(PG_DESCRIPTION.get(v, "classoid")) == classoid)
                && (Integer) PG_DESCRIPTION.get(v, "objsubid") == objsubid);
        return rows.isEmpty() ? null : (String) PG_DESCRIPTION.get(rows.get(0), "description");
    }
}
