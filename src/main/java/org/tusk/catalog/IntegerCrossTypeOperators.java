package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.INT2;
import static org.tusk.catalog.TypeOids.INT4;
import static org.tusk.catalog.TypeOids.INT8;

import java.util.List;

import org.tusk.utils.adt.IntCrossCompare;

/**
 * The comparison operators between integers of different widths, as pg_operator.dat has them:
 * int48eq/ne/lt/gt/le/ge (int4 op int8), int84*, int24*, int42*, int28*, int82*, and the btree
 * support functions btint48cmp ... btint82cmp of the integer_ops family (pg_proc.dat). Each
 * operator is implemented by its named function (oprcode), so both are callable. Their
 * pg_operator OIDs, oprcom, oprnegate, oprcanmerge and oprcanhash come from PostgreSQL's rows
 * ({@link BuiltinObjectCatalogs}), and their pg_amop rows from pg_amop.dat's integer_ops entries
 * ({@link OperatorClassCatalogs}); with them operator resolution picks {@code int8col = 3} as
 * int84eq, exactly as PostgreSQL does, instead of casting the constant.
 */
final class IntegerCrossTypeOperators {
    private IntegerCrossTypeOperators() {}

    /** (left type, right type, the prefix of the function names). */
    private record Pair(int left, int right, String prefix) {}

    private static final List<Pair> PAIRS = List.of(new Pair(INT4, INT8, "int48"), new Pair(INT8, INT4, "int84"),
            new Pair(INT2, INT4, "int24"), new Pair(INT4, INT2, "int42"), new Pair(INT2, INT8, "int28"),
            new Pair(INT8, INT2, "int82"));

    /** (operator, function-name suffix), in pg_operator.dat's order. */
    private static final List<String[]> COMPARISONS = List.of(new String[] {"=", "eq"}, new String[] {"<>", "ne"},
            new String[] {"<", "lt"}, new String[] {">", "gt"}, new String[] {"<=", "le"}, new String[] {">=", "ge"});

    static void register(BuiltinRegistry r) {
        for (Pair p : PAIRS) {
            for (String[] c : COMPARISONS) {
                String op = c[0];
                BuiltinFunction f = (ctx, a) -> IntCrossCompare.test(op, a[0], a[1]);
                r.fn(p.prefix() + c[1], List.of(p.left(), p.right()), BOOL, f);
                r.op(op, p.left(), p.right(), BOOL, f);
            }
            r.fn("bt" + p.prefix() + "cmp", List.of(p.left(), p.right()), INT4, (ctx, a) -> IntCrossCompare.cmp(a[0], a[1]));
        }
    }
}
