package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;
import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.OID;

import java.util.Arrays;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;

/**
 * pg_function_is_visible (namespace.c FunctionIsVisible), which psql's \df uses: a routine is
 * visible when its schema is in the search path and no routine of the same name and argument
 * types (proargtypes) comes from an earlier schema of the path. A built-in function, whose OID
 * has no stored pg_proc row here, lives in pg_catalog and is visible.
 */
public final class RoutineVisibilityBuiltins {
    private RoutineVisibilityBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.fn("pg_function_is_visible", List.of(OID), BOOL, Volatility.STABLE, true,
                (c, a) -> functionIsVisible(((Number) a[0]).intValue()));
    }

    /**
     * generate_function_name's qualification: the schema of user routine {@code procOid} when
     * the search path would not find it by its bare name (it is not visible), else null; null
     * also for a built-in function and an OID without a pg_proc row.
     */
    public static String schemaIfInvisible(int procOid) {
        ObjectNames names = ObjectNames.current();
        List<Object[]> rows = names.rows(PG_PROC, v -> oid(PG_PROC.get(v, "oid")) == procOid);
        if (rows.isEmpty() || functionIsVisible(procOid)) return null;
        return names.namespaceName(oid(PG_PROC.get(rows.get(0), "pronamespace")));
    }

    static boolean functionIsVisible(int procOid) {
        ObjectNames names = ObjectNames.current();
        List<Object[]> rows = names.rows(PG_PROC, v -> oid(PG_PROC.get(v, "oid")) == procOid);
        if (rows.isEmpty()) return BuiltinCatalog.functionByOid(procOid) != null;
        Object[] row = rows.get(0);
        int nsp = oid(PG_PROC.get(row, "pronamespace"));
        List<Integer> path = names.searchPath();
        int at = path.indexOf(nsp);
        if (at < 0) return false;
        String name = (String) PG_PROC.get(row, "proname");
        int[] args = (int[]) PG_PROC.get(row, "proargtypes");
        List<Integer> earlier = path.subList(0, at);
        return names.rows(PG_PROC, v -> name.equals(PG_PROC.get(v, "proname"))
                && earlier.contains(oid(PG_PROC.get(v, "pronamespace")))
                && Arrays.equals((int[]) PG_PROC.get(v, "proargtypes"), args)).isEmpty();
    }
}
