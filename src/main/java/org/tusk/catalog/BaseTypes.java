package org.tusk.catalog;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;
import static org.tusk.catalog.SystemCatalogs.PG_TYPE;

import java.util.function.IntFunction;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * How the {@link TypeCache} reads a shell type or a user-defined base type from its pg_type row
 * (typcache.c / lsyscache.c getTypeIOParam, fmgr_info on typinput/typoutput).
 *
 * <p>A shell type reads and prints nothing (shell_in, shell_out). A base type's input and output
 * are its typinput/typoutput pg_proc rows, which must be LANGUAGE internal functions naming a
 * type I/O function of {@link InternalFunctions}; the type's values are then held as that I/O
 * function's type holds them ({@link #representation}), which is what "a base type is its I/O
 * functions plus length, byval and alignment" means here. Stateless.
 */
final class BaseTypes {
    private BaseTypes() {}

    /** The type a user base type's values are represented as (its input function's), or 0 if it has no usable one. */
    static int representation(Object[] typeRow, IntFunction<Object[]> procRow) {
        InternalFunctions.IoFunction in = io(oid(PG_TYPE.get(typeRow, "typinput")), procRow);
        return in == null || !in.input() ? 0 : in.representation();
    }

    private static InternalFunctions.IoFunction io(int procOid, IntFunction<Object[]> procRow) {
        Object[] p = procRow.apply(procOid);
        if (p == null || oid(PG_PROC.get(p, "prolang")) != InternalFunctions.INTERNAL_LANGUAGE_ID) return null;
        return InternalFunctions.io((String) PG_PROC.get(p, "prosrc"));
    }

    /** The PgType of a shell type: shell_in and shell_out refuse every value. */
    static PgType shell(int oid, String name) {
        return new PgType(oid, name, name, 4, true, PgType.CAT_PSEUDO, false,
                (s, z) -> {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot accept a value of a shell type");
                },
                (v, z) -> {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot display a value of a shell type");
                });
    }

    /** The PgType of a user base type, or null if its I/O functions are not ones Tusk can call. */
    static PgType base(Object[] row, IntFunction<Object[]> procRow) {
        int oid = oid(PG_TYPE.get(row, "oid"));
        String name = (String) PG_TYPE.get(row, "typname");
        InternalFunctions.IoFunction in = io(oid(PG_TYPE.get(row, "typinput")), procRow);
        InternalFunctions.IoFunction out = io(oid(PG_TYPE.get(row, "typoutput")), procRow);
        if (in == null || out == null || !in.input() || out.input()) return null;
        PgType inType = BuiltinCatalog.type(in.representation()), outType = BuiltinCatalog.type(out.representation());
        int typlen = ((Number) PG_TYPE.get(row, "typlen")).intValue();
        return new PgType(oid, name, name, typlen, (Boolean) PG_TYPE.get(row, "typbyval"),
                ((String) PG_TYPE.get(row, "typcategory")).charAt(0), (Boolean) PG_TYPE.get(row, "typispreferred"),
                inType.input(), outType.output());
    }
}
