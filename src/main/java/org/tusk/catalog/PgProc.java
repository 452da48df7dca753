package org.tusk.catalog;

import java.util.List;

/**
 * A built-in function (one pg_proc row). A strict function returns NULL without being called
 * when any argument is NULL. {@code variadicAny} marks a function like concat(VARIADIC "any")
 * whose arguments may be of any type and number. A set-returning function (proretset) has a
 * {@link SetReturningFunction} as its implementation.
 */
public record PgProc(int oid, String name, List<Integer> argTypes, int resultType, boolean strict,
                     Volatility volatility, boolean variadicAny, BuiltinFunction impl) {
    public enum Volatility { IMMUTABLE, STABLE, VOLATILE }

    /** proretset: whether the function returns a set of rows ({@link SetReturningFunction}). */
    public boolean retset() {
        return impl instanceof SetReturningFunction || impl instanceof SetReturningFunction.Polymorphic;
    }

    /** The OUT parameters of a set-returning or record-returning function (several when it returns record), else empty. */
    public List<ColumnDef> outColumns() {
        if (impl instanceof RecordFunction r) return r.outColumns();
        return impl instanceof SetReturningFunction s ? s.outColumns() : List.of();
    }
}
