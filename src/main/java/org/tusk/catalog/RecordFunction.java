package org.tusk.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.tusk.utils.adt.RecordValue;

/**
 * A function that is not set-returning but returns a record described by its OUT parameters
 * (PostgreSQL: prorettype record, proallargtypes/proargmodes with OUT entries, proretset false).
 * Called as a scalar it yields one record value, its first result row (a single OUT parameter's
 * plain value), or NULL when the body yields no row; in FROM its columns are the OUT parameters ({@link #outColumns()}), and the
 * FunctionScan spreads the record value over them.
 */
public final class RecordFunction implements BuiltinFunction {
    private final List<ColumnDef> outColumns;
    private final BiFunction<FunctionCallContext, Object[], List<Object[]>> rows;

    public RecordFunction(List<ColumnDef> outColumns, BiFunction<FunctionCallContext, Object[], List<Object[]>> rows) {
        this.outColumns = List.copyOf(outColumns);
        this.rows = rows;
    }

    /** The OUT parameters, the record's columns. */
    public List<ColumnDef> outColumns() {
        return outColumns;
    }

    @Override
    public Object invoke(FunctionCallContext ctx, Object[] args) {
        List<Object[]> result = rows.apply(ctx, args);
        if (result.isEmpty()) return null;
        if (outColumns.size() == 1) return result.get(0)[0];
        List<Integer> types = new ArrayList<>();
        for (ColumnDef c : outColumns) types.add(c.typeOid());
        return new RecordValue(types, java.util.Arrays.asList(result.get(0)));
    }
}
