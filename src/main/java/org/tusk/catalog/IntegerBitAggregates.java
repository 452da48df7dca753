package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

/**
 * The bitwise aggregates over integers, bit_and, bit_or and bit_xor of smallint, integer and
 * bigint (pg_aggregate.dat: transition functions int2and/int4or/int8xor ..., strict, no initial
 * value, so NULL inputs are skipped and an input without rows gives NULL), with their transition
 * functions as pg_proc entries; and the transition functions of bool_and/every and bool_or,
 * booland_statefunc and boolor_statefunc (bool.c), which SQL can call directly.
 */
final class IntegerBitAggregates {
    private IntegerBitAggregates() {}

    static void register(BuiltinRegistry r) {
        for (int type : new int[] {INT2, INT4, INT8}) {
            String prefix = type == INT2 ? "int2" : type == INT4 ? "int4" : "int8";
            for (String op : new String[] {"and", "or", "xor"}) {
                BuiltinFunction fn = (c, a) -> BuiltinRegistry.box(type, apply(op, BuiltinRegistry.l(a[0]), BuiltinRegistry.l(a[1])));
                // int4and and kin already exist where the & operators are registered; only the missing ones are added
                if (r.procs.getOrDefault(prefix + op, List.of()).stream()
                        .noneMatch(p -> p.argTypes().equals(List.of(type, type)))) {
                    r.fn(prefix + op, List.of(type, type), type, fn);
                }
                r.agg("bit_" + op, type, type, new BuiltinRegistry.SimpleAgg(() -> null,
                        (s, v) -> s == null ? v : BuiltinRegistry.box(type, apply(op, BuiltinRegistry.l(s), BuiltinRegistry.l(v))),
                        s -> s));
            }
        }
        r.fn("booland_statefunc", List.of(BOOL, BOOL), BOOL, (c, a) -> (Boolean) a[0] && (Boolean) a[1]);
        r.fn("boolor_statefunc", List.of(BOOL, BOOL), BOOL, (c, a) -> (Boolean) a[0] || (Boolean) a[1]);
    }

    private static long apply(String op, long x, long y) {
        return switch (op) {
            case "and" -> x & y;
            case "or" -> x | y;
            default -> x ^ y;
        };
    }
}
