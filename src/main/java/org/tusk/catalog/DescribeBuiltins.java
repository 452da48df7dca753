package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_CLASS;
import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.RegTypes;
import org.tusk.utils.ruleutils.StatisticsObjDef;
import org.tusk.utils.ruleutils.TriggerDef;

/**
 * Catalog functions psql's \d footers call for every table (pg_proc.dat entries of ruleutils.c and
 * pg_publication.c): pg_get_statisticsobjdef_columns, pg_get_triggerdef and
 * pg_relation_is_publishable.
 */
final class DescribeBuiltins {
    private DescribeBuiltins() {}

    /** FirstNormalObjectId: OIDs below it belong to objects initdb made. */
    static final int FIRST_NORMAL_OBJECT_ID = 16384;

    static void register(BuiltinRegistry r) {
        Volatility S = Volatility.STABLE;
        r.fn("pg_get_statisticsobjdef_columns", List.of(OID), TEXT, S, true,
                (c, a) -> StatisticsObjDef.columns(((Number) a[0]).intValue()));
        r.fn("pg_get_triggerdef", List.of(OID), TEXT, S, true, (c, a) -> TriggerDef.get(((Number) a[0]).intValue(), false));
        r.fn("pg_get_triggerdef", List.of(OID, BOOL), TEXT, S, true,
                (c, a) -> TriggerDef.get(((Number) a[0]).intValue(), (Boolean) a[1]));
        r.fn("pg_relation_is_publishable", List.of(RegTypes.REGCLASS), BOOL, S, true,
                (c, a) -> relationIsPublishable(((Number) a[0]).intValue()));
    }

    /**
     * pg_relation_is_publishable (pg_publication.c is_publishable_class): a permanent ordinary or
     * partitioned table made after initdb; null if there is no such relation.
     */
    static Boolean relationIsPublishable(int relid) {
        List<Object[]> rows = ObjectNames.current().rows(PG_CLASS, v -> oid(PG_CLASS.get(v, "oid")) == relid);
        if (rows.isEmpty()) return null;
        Object[] c = rows.get(0);
        String relkind = String.valueOf(PG_CLASS.get(c, "relkind"));
        String persistence = String.valueOf(PG_CLASS.get(c, "relpersistence"));
        return (relkind.equals("r") || relkind.equals("p")) && persistence.equals("p")
                && Integer.compareUnsigned(relid, FIRST_NORMAL_OBJECT_ID) >= 0;
    }
}
