package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.INT2;
import static org.tusk.catalog.TypeOids.INT4;
import static org.tusk.catalog.TypeOids.INT8;

import java.util.List;

import org.tusk.utils.adt.IntCrossCompare;
import org.tusk.utils.adt.Ints;

/**
 * The comparison operators between integers of different widths, as pg_operator.dat has them:
 * int48eq/ne/lt/gt/le/ge (int4 op int8), int84*, int24*, int42*, int28*, int82*, and the btree
 * support functions btint48cmp ... btint82cmp of the integer_ops family (pg_proc.dat). Each
 * operator is implemented by its named function (oprcode), so both are callable. Their
 * pg_operator OIDs, oprcom, oprnegate, oprcanmerge and oprcanhash come from PostgreSQL's rows
 * ({@link BuiltinObjectCatalogs}), and their pg_amop rows from pg_amop.dat's integer_ops entries
 * ({@link OperatorClassCatalogs}); with them operator resolution picks {@code int8col = 3} as
 * int84eq, exactly as PostgreSQL does, instead of casting the constant.
 *
 * <p>Also the arithmetic between them (int48pl/mi/mul/div ... int82div, pg_operator.dat's
 * oids 544-557, 688-695, 818-825): the result is the wider type, computed as int.c / int8.c
 * do, in the wider type with its overflow check, so {@code sum(int4col) + 1} is int84pl,
 * as PostgreSQL resolves it, rather than int8pl over a cast constant.
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

    /** (operator, function-name suffix) of the arithmetic, in pg_operator.dat's order. */
    private static final List<String[]> ARITHMETIC = List.of(new String[] {"+", "pl"}, new String[] {"-", "mi"},
            new String[] {"*", "mul"}, new String[] {"/", "div"});

    /**
     * The arithmetic operators and their functions; registered after every other built-in
     * function, so that the OIDs taken before them stay what they were.
     */
    static void registerArithmetic(BuiltinRegistry r) {
        for (Pair p : PAIRS) {
            int result = BuiltinRegistry.bits(p.left()) > BuiltinRegistry.bits(p.right()) ? p.left() : p.right();
            int bits = BuiltinRegistry.bits(result);
            for (String[] c : ARITHMETIC) {
                BuiltinFunction f = switch (c[1]) {
                    case "pl" -> (ctx, a) -> BuiltinRegistry.box(result, Ints.add(BuiltinRegistry.l(a[0]), BuiltinRegistry.l(a[1]), bits));
                    case "mi" -> (ctx, a) -> BuiltinRegistry.box(result, Ints.sub(BuiltinRegistry.l(a[0]), BuiltinRegistry.l(a[1]), bits));
                    case "mul" -> (ctx, a) -> BuiltinRegistry.box(result, Ints.mul(BuiltinRegistry.l(a[0]), BuiltinRegistry.l(a[1]), bits));
                    default -> (ctx, a) -> BuiltinRegistry.box(result, Ints.div(BuiltinRegistry.l(a[0]), BuiltinRegistry.l(a[1]), bits));
                };
                r.fn(p.prefix() + c[1], List.of(p.left(), p.right()), result, f);
                r.op(c[0], p.left(), p.right(), result, f);
            }
        }
    }

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
