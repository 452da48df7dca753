package org.tusk.catalog;

/**
 * A pg_cast row. context: 'i' implicit, 'a' assignment, 'e' explicit only. method: a
 * function (impl, which receives the value and the target typmod), BINARY (the representation
 * is shared, relabel only) or IO (through the source's output and the target's input).
 */
public record PgCast(int source, int target, char context, Method method, BuiltinFunction impl) {
    public enum Method { FUNCTION, BINARY, IO }
}
