package org.tusk.catalog;

/** The implementation of a built-in function, operator or cast: Datums in, Datum out. */
@FunctionalInterface
public interface BuiltinFunction {
    Object invoke(FunctionCallContext ctx, Object[] args);
}
