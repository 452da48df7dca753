package org.tusk.executor;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.SetReturningFunction;
import org.tusk.nodes.Expr;
import org.tusk.utils.adt.RecordValue;

/**
 * Calling a function that may return a set (execSRF.c ExecMakeFunctionResultSet and
 * ExecMakeTableFunctionResult): a set-returning function's rows, or the single value of any
 * other expression as a one-row set.
 */
final class SetFunctions {
    private SetFunctions() {}

    /**
     * The rows of {@code e} evaluated over {@code tuple}; a strict set-returning call with a NULL
     * argument returns none. A record-returning call's rows are Object[] of its OUT columns, or
     * with {@code asRecord} (a call in the select list) record values.
     */
    static Iterator<?> start(Expr e, Object[] tuple, ExecContext ctx, boolean asRecord) {
        if (e instanceof Expr.FuncExpr f && f.proc().impl() instanceof SetReturningFunction srf) {
            List<Expr> argExprs = f.args();
            Object[] args = new Object[argExprs.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = ExprEvaluator.eval(argExprs.get(i), tuple, null, ctx);
                if (args[i] == null && f.proc().strict()) return Collections.emptyIterator();
            }
            Iterator<?> rows = srf.iterate(ctx, args);
            List<ColumnDef> out = srf.outColumns();
            if (!asRecord || out.size() < 2) return rows;
            List<Integer> types = out.stream().map(ColumnDef::typeOid).toList();
            return new Iterator<Object>() {
                @Override
                public boolean hasNext() { return rows.hasNext(); }

                @Override
                public Object next() {
                    Object[] row = (Object[]) rows.next();
                    return new RecordValue(types, Arrays.asList(row));
                }
            };
        }
        return Collections.singletonList(ExprEvaluator.eval(e, tuple, null, ctx)).iterator();
    }
}
