package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.PgOperator;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.utils.adt.ArrayValue;

/**
 * scalararraysel as the planner uses it: = ANY sums its (disjoint) elements, &lt;&gt; ALL
 * subtracts them, other operators combine as independent events, an array of unknown length
 * counts ten elements, a NULL array selects nothing; and an index's = ANY qual scales the
 * equality selectivity by the number of elements.
 */
class ArraySelectivityTest {
    private static PgOperator int4Op(String name) {
        return BuiltinCatalog.operators(name).stream()
                .filter(o -> o.left() == TypeOids.INT4 && o.right() == TypeOids.INT4).findFirst().orElseThrow();
    }

    private static final Expr.Var ID = new Expr.Var(1, 1, TypeOids.INT4, -1, "id", -1, 0);

    private static Expr.Const intArray(Integer... elems) {
        return new Expr.Const(TypeOids.INT4_ARRAY, -1, ArrayValue.of1d(TypeOids.INT4, java.util.Arrays.asList((Object[]) elems)), -1);
    }

    private static Expr.ScalarArrayOpExpr saop(String op, boolean any, Expr array) {
        return new Expr.ScalarArrayOpExpr(int4Op(op), any, ID, array);
    }

    @Test
    void equalAnySumsTheElements() {
        assertEquals(0.015, ArraySelectivity.of(saop("=", true, intArray(1, 2, 3)), () -> 0.005), 1e-12);
        // beyond 1 the disjoint sum is not used: independent events instead
        double independent = 1 - Math.pow(1 - 0.4, 3);
        assertEquals(independent, ArraySelectivity.of(saop("=", true, intArray(1, 2, 3)), () -> 0.4), 1e-12);
    }

    @Test
    void notEqualAllSubtractsTheElements() {
        assertEquals(1 - 2 * 0.005, ArraySelectivity.of(saop("<>", false, intArray(1, 2)), () -> 0.995), 1e-12);
    }

    @Test
    void otherOperatorsCombineAsIndependentEvents() {
        double s = 1.0 / 3.0;
        assertEquals(s + s - s * s, ArraySelectivity.of(saop("<", true, intArray(1, 2)), () -> s), 1e-12);
        assertEquals(s * s, ArraySelectivity.of(saop("<", false, intArray(1, 2)), () -> s), 1e-12);
    }

    @Test
    void arrayLengthsAsEstimateArrayLengthGuessesThem() {
        assertEquals(3, ArraySelectivity.arrayLength(intArray(1, null, 3)));
        Expr.ArrayExpr params = new Expr.ArrayExpr(TypeOids.INT4, TypeOids.INT4_ARRAY,
                List.of(new Expr.Param(1, TypeOids.INT4), new Expr.Param(2, TypeOids.INT4)), false, -1);
        assertEquals(2, ArraySelectivity.arrayLength(params));
        assertEquals(10, ArraySelectivity.arrayLength(new Expr.Param(1, TypeOids.INT4_ARRAY)));
        assertEquals(0.05, ArraySelectivity.of(saop("=", true, new Expr.Param(1, TypeOids.INT4_ARRAY)), () -> 0.005), 1e-12);
        assertEquals(0.0, ArraySelectivity.of(saop("=", true, new Expr.Const(TypeOids.INT4_ARRAY, -1, null, -1)), () -> 0.005));
    }

    @Test
    void indexQualSelectivityCountsTheElements() {
        Expr.ScalarArrayOpExpr in = saop("=", true, intArray(1, 2, 3, 4));
        Plan.IndexQual q = new Plan.IndexQual(1, Strategy.EQUAL, in.right(), in);
        assertEquals(4 * ScanPaths.DEFAULT_EQ_SEL, ScanPaths.selectivity(List.of(q)), 1e-12);
        assertEquals(4.0, ScanPaths.numArrayScans(List.of(q)));
        Expr.ScalarArrayOpExpr all = saop("=", false, intArray(1, 2));
        assertEquals(null, ScanPaths.indexable(all), "= ALL is not an index condition");
        assertEquals(Strategy.EQUAL, ScanPaths.indexable(in).strategy());
    }
}
