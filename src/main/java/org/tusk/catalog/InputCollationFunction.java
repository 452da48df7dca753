package org.tusk.catalog;

import java.util.List;

/**
 * A built-in that needs its call's input collation (fmgr's fncollation, PG_GET_COLLATION):
 * analysis derives the collation of the arguments (the FuncExpr's inputcollid) and binds the
 * implementation to it and to the argument types, as {@link PolymorphicFunction} binds to types.
 */
public interface InputCollationFunction extends BuiltinFunction {
    /** The implementation for these argument types and input collation (0: none). */
    BuiltinFunction bind(List<Integer> argTypes, int inputCollation);

    @Override
    default Object invoke(FunctionCallContext ctx, Object[] args) {
        throw new IllegalStateException("function called before its input collation was resolved");
    }
}
