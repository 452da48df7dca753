package org.tusk.catalog;

/** A built-in operator (pg_operator row); {@code left == 0} for a prefix operator. Always strict. */
public record PgOperator(String name, int left, int right, int result, PgProc.Volatility volatility,
                         BuiltinFunction impl) {
}
