package org.tusk.utils.ruleutils;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;

import java.util.List;

import org.tusk.catalog.ObjectNames;
import org.tusk.utils.adt.FormatType;

/**
 * pg_get_function_result (ruleutils.c, print_function_rettype): a function's result type as
 * CREATE FUNCTION ... RETURNS would spell it, "SETOF " in front for a set-returning function.
 * NULL for a procedure (prokind 'p'), and for an OID that no pg_proc row has (built-ins have
 * rows, written by bootstrap). PostgreSQL prints a
 * function with TABLE output arguments as "TABLE(name type, ...)"; Tusk stores proargmodes only as
 * NULL (every argument IN), so no function has TABLE arguments and that form never arises.
 */
public final class FunctionDef {
    private FunctionDef() {}

    /** pg_get_function_result(func oid). */
    public static String result(int procOid) {
        List<Object[]> rows = ObjectNames.current().rows(PG_PROC, v -> oid(PG_PROC.get(v, "oid")) == procOid);
        if (rows.isEmpty()) return null;
        Object[] p = rows.get(0);
        if ("p".equals(String.valueOf(PG_PROC.get(p, "prokind")))) return null;
        String type = FormatType.format(oid(PG_PROC.get(p, "prorettype")), -1, false);
        return Boolean.TRUE.equals(PG_PROC.get(p, "proretset")) ? "SETOF " + type : type;
    }
}
