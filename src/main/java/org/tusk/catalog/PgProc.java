package org.tusk.catalog;

import java.util.List;

/**
 * A built-in function (one pg_proc row). A strict function returns NULL without being called
 * when any argument is NULL. {@code variadicAny} marks a function like concat(VARIADIC "any")
 * whose arguments may be of any type and number.
 */
public record PgProc(int oid, String name, List<Integer> argTypes, int resultType, boolean strict,
                     Volatility volatility, boolean variadicAny, BuiltinFunction impl) {
    public enum Volatility { IMMUTABLE, STABLE, VOLATILE }
}
