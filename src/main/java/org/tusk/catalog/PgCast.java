package org.tusk.catalog;

/**
 * A pg_cast row. context: 'i' implicit, 'a' assignment, 'e' explicit only. method: a
 * function (impl, which receives the value and the target typmod), BINARY (the representation
 * is shared, relabel only) or IO (through the source's output and the target's input).
 * {@code binaryCoercible}: PostgreSQL's castmethod is 'b' (IsBinaryCoercible holds), even where
 * Tusk converts the Java form of the value with a function (int4 to oid: Integer to Long).
 */
public record PgCast(int source, int target, char context, Method method, BuiltinFunction impl, boolean binaryCoercible) {
    public enum Method { FUNCTION, BINARY, IO }

    /** A cast that is binary-coercible exactly when it is BINARY. */
    public PgCast(int source, int target, char context, Method method, BuiltinFunction impl) {
        this(source, target, context, method, impl, method == Method.BINARY);
    }
}
