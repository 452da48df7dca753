package org.tusk.commands.explain;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;

import java.util.List;
import org.tusk.catalog.ObjectNames;

/**
 * The schema of a function, as ExplainTargetRel finds it for a Function Scan under VERBOSE
 * (get_namespace_name(get_func_namespace(funcid))).
 */
final class FunctionNamespaces {
    private FunctionNamespaces() {}

    /**
     * The name of the function's pg_proc.pronamespace. Built-in functions have no stored pg_proc
     * row in Tusk; like PostgreSQL's, they all live in pg_catalog.
     */
    static String of(int procOid) {
        List<Object[]> rows = ObjectNames.current().rows(PG_PROC, v -> oid(PG_PROC.get(v, "oid")) == procOid);
        if (rows.isEmpty()) return "pg_catalog";
        return ObjectNames.current().namespaceName(oid(PG_PROC.get(rows.get(0), "pronamespace")));
    }
}
