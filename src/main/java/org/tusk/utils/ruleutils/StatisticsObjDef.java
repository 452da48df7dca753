package org.tusk.utils.ruleutils;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_ATTRIBUTE;
import static org.tusk.catalog.SystemCatalogs.PG_STATISTIC_EXT;

import java.util.List;

import org.tusk.catalog.ObjectNames;
import org.tusk.utils.adt.RegTypes;

/**
 * pg_get_statisticsobjdef_columns (ruleutils.c pg_get_statisticsobj_worker with columns_only): the
 * column list of an extended statistics object, as CREATE STATISTICS would name it.
 */
public final class StatisticsObjDef {
    private StatisticsObjDef() {}

    /** The comma-separated key columns of statistics object {@code statOid}, or null if there is none. */
    public static String columns(int statOid) {
        ObjectNames names = ObjectNames.current();
        List<Object[]> rows = names.rows(PG_STATISTIC_EXT, v -> oid(PG_STATISTIC_EXT.get(v, "oid")) == statOid);
        if (rows.isEmpty()) return null;
        Object[] stx = rows.get(0);
        int relid = oid(PG_STATISTIC_EXT.get(stx, "stxrelid"));
        short[] keys = (short[]) PG_STATISTIC_EXT.get(stx, "stxkeys");
        StringBuilder sb = new StringBuilder();
        for (short attnum : keys) {
            if (!sb.isEmpty()) sb.append(", ");
            List<Object[]> a = names.rows(PG_ATTRIBUTE, v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == relid
                    && (Short) PG_ATTRIBUTE.get(v, "attnum") == attnum);
            sb.append(RegTypes.quote((String) PG_ATTRIBUTE.get(a.get(0), "attname")));
        }
        return sb.toString();
    }
}
