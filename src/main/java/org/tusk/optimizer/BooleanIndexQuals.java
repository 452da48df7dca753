package org.tusk.optimizer;

import static org.tusk.catalog.TypeOids.BOOL;

import java.util.List;

import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.PgOperator;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;

/**
 * indxpath.c match_boolean_index_clause: a boolean column is tested in WHERE as {@code b},
 * {@code NOT b}, {@code b IS TRUE} or {@code b IS FALSE} rather than with an operator, since
 * eval_const_expressions turns {@code b = true} into plain {@code b}. Such a clause is
 * indexable on a B-tree column of type boolean (bool_ops) as {@code b = true} or
 * {@code b = false}, the form the scan key and EXPLAIN's Index Cond show.
 */
final class BooleanIndexQuals {
    private BooleanIndexQuals() {}

    /** The clause as an index qual {@code column = constant} on a boolean column, or null. */
    static ScanPaths.Indexable match(Expr clause) {
        Expr.Var column;
        boolean value;
        if (column(clause) != null) {
            column = column(clause);
            value = true;
        } else if (clause instanceof Expr.BoolExpr b && b.op() == RawExpr.BoolOp.NOT && b.args().size() == 1
                && column(b.args().get(0)) != null) {
            column = column(b.args().get(0));
            value = false;
        } else if (clause instanceof Expr.BooleanTest t && column(t.arg()) != null
                && (t.test() == RawExpr.BoolTestType.IS_TRUE || t.test() == RawExpr.BoolTestType.IS_FALSE)) {
            column = column(t.arg());
            value = t.test() == RawExpr.BoolTestType.IS_TRUE;
        } else {
            return null;
        }
        PgOperator eq = booleanEquality();
        if (eq == null) return null;
        Expr constant = new Expr.Const(BOOL, -1, value, -1);
        Expr qual = new Expr.OpExpr(eq, List.of(column, constant), BOOL, -1);
        return new ScanPaths.Indexable(column.attno(), Strategy.EQUAL, constant, qual);
    }

    /** A column of this query level's table of type boolean. */
    private static Expr.Var column(Expr e) {
        return e instanceof Expr.Var v && v.levelsup() == 0 && v.attno() > 0 && v.type() == BOOL ? v : null;
    }

    /** BooleanEqualOperator: boolean = boolean. */
    private static PgOperator booleanEquality() {
        for (PgOperator o : BuiltinCatalog.operators("="))
            if (o.left() == BOOL && o.right() == BOOL && o.result() == BOOL) return o;
        return null;
    }
}
