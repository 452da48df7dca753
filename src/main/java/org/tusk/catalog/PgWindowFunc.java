package org.tusk.catalog;

import java.util.List;

/**
 * A built-in window function (a pg_proc row with prokind 'w'): row_number, rank, lag, ....
 * Aggregates used with OVER are not listed here; they are {@link PgAggregate}s. Argument and
 * result types may be the polymorphic {@link #ANYELEMENT} / {@link #ANYCOMPATIBLE}, which parse
 * analysis resolves from the actual arguments (enforce_generic_type_consistency).
 */
public record PgWindowFunc(String name, List<Integer> argTypes, int resultType, Impl impl) {
    public static final int ANYELEMENT = 2283;
    public static final int ANYCOMPATIBLE = 5077;

    /** The function body (a windowfuncs.c function): called once per row with the partition's window object. */
    @FunctionalInterface
    public interface Impl {
        Object call(org.tusk.utils.adt.WindowObject w);
    }
}
