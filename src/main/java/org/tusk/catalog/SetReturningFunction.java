package org.tusk.catalog;

import java.util.Iterator;
import java.util.List;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * A set-returning built-in function (a pg_proc row with proretset, PostgreSQL's value-per-call
 * SRF protocol): one call yields an iterator over its result rows, produced lazily, so a
 * consumer that stops early (LIMIT) never computes the rest. A function with several OUT
 * parameters ({@link #outColumns()}; its result type is record) yields each row as an Object[]
 * of those columns; any other function yields plain values (a single OUT parameter only names
 * the column it makes in FROM, as jsonb_array_elements' "value"). Only a FunctionScan or a
 * ProjectSet node may call it; calling it as a scalar is PostgreSQL's "set-valued function
 * called in context that cannot accept a set".
 */
public interface SetReturningFunction extends BuiltinFunction {
    /** The rows of one call; the arguments are already checked for NULL if the function is strict. */
    Iterator<?> iterate(FunctionCallContext ctx, Object[] args);

    /** The OUT parameters (jsonb_each: key, value; jsonb_array_elements: value), else empty. */
    default List<ColumnDef> outColumns() { return List.of(); }

    @Override
    default Object invoke(FunctionCallContext ctx, Object[] args) {
        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "set-valued function called in context that cannot accept a set");
    }

    /** A set-returning function declared with polymorphic types, bound at parse analysis like {@link PolymorphicFunction}. */
    @FunctionalInterface
    interface Polymorphic extends PolymorphicFunction {
        @Override
        SetReturningFunction bind(List<Integer> argTypes, int resultType);
    }

    /** A function of OUT columns. */
    static SetReturningFunction withColumns(List<ColumnDef> columns, SetReturningFunction body) {
        return new SetReturningFunction() {
            @Override
            public Iterator<?> iterate(FunctionCallContext ctx, Object[] args) { return body.iterate(ctx, args); }

            @Override
            public List<ColumnDef> outColumns() { return columns; }
        };
    }
}
