package org.tusk.catalog;

import java.util.List;

/**
 * A built-in function or operator declared with polymorphic types (anyelement, anyarray,
 * anynonarray, anycompatible, anycompatiblearray). Parse analysis resolves the actual types of
 * a call (enforce_generic_type_consistency in parse_coerce.c) and asks {@link #bind} for the
 * implementation of that one signature, as PostgreSQL's functions ask get_fn_expr_argtype; the
 * bound implementation is what the executor calls. Calling an unbound one is a bug.
 */
@FunctionalInterface
public interface PolymorphicFunction extends BuiltinFunction {
    /** The implementation for the resolved argument types and result type. */
    BuiltinFunction bind(List<Integer> argTypes, int resultType);

    @Override
    default Object invoke(FunctionCallContext ctx, Object[] args) {
        throw new IllegalStateException("polymorphic function called before its types were resolved");
    }
}
