package org.tusk.catalog;

import static org.tusk.catalog.SystemCatalogs.PG_TYPE;

import java.util.function.IntFunction;

import org.tusk.access.common.DatumType;

/**
 * How a column of a user-defined base type is laid out in a tuple: heap_form_tuple and
 * heap_deform_tuple go by the column's attlen, attbyval and attalign, copied from the type's
 * typlen, typbyval and typalign (CREATE TYPE's INTERNALLENGTH, PASSEDBYVALUE, ALIGNMENT or LIKE),
 * and store the Datum the type's input function made. Tusk holds that Datum as the Java value of
 * the built-in type whose internal I/O functions the type borrows ({@link BaseTypes#representation}),
 * so the bytes written are that built-in's Datum bytes: the column is stored as the built-in's
 * {@link DatumType}, with the user type's own alignment and storage.
 *
 * <p>This mirrors PostgreSQL exactly only when the user type's typlen and typbyval are the
 * representation's (int4in under LIKE = int4, int8in under LIKE = float8, textin under
 * INTERNALLENGTH = VARIABLE); PostgreSQL would copy a Datum of another length blindly (a
 * pass-by-value int4 Datum widened to 8 bytes, or garbage for a by-reference length), which Tusk
 * refuses instead ({@link #storedAs} answers null). Stateless.
 */
public final class BaseTypeStorage {
    private BaseTypeStorage() {}

    /**
     * The tuple kind of a user base type's values, given its pg_type row and a pg_proc lookup;
     * null if the type is not a base type with internal I/O functions, or its layout is not its
     * representation's.
     */
    public static DatumType storedAs(Object[] typeRow, IntFunction<Object[]> procRow) {
        if (typeRow == null || !"b".equals(PG_TYPE.get(typeRow, "typtype"))
                || "A".equals(PG_TYPE.get(typeRow, "typcategory"))) {
            return null;
        }
        int rep = BaseTypes.representation(typeRow, procRow);
        DatumType d = rep == 0 ? null : DatumType.forOid(rep);
        if (d == null) return null;
        int typlen = ((Number) PG_TYPE.get(typeRow, "typlen")).intValue();
        boolean byval = (Boolean) PG_TYPE.get(typeRow, "typbyval");
        return typlen == d.typlen() && byval == d.typbyval() ? d : null;
    }
}
