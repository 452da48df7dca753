package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.adt.Comparisons;

/**
 * Aggregates of pg_aggregate.dat over arrays and bytea: max(anyarray) and min(anyarray)
 * (array_larger, array_smaller: the array comparison of btarraycmp) and string_agg(bytea, bytea)
 * (bytea_string_agg_transfn: the delimiter goes before every value but the first; a NULL
 * delimiter counts as empty).
 */
final class ArrayAndByteaAggregates {
    private ArrayAndByteaAggregates() {}

    static void register(BuiltinRegistry r) {
        r.agg("max", ANYARRAY, ANYARRAY, (PolymorphicAggregate) (args, res) -> new BuiltinRegistry.SimpleAgg(() -> null,
                (s, v) -> s == null || Comparisons.compare(res, v, s) > 0 ? v : s, s -> s));
        r.agg("min", ANYARRAY, ANYARRAY, (PolymorphicAggregate) (args, res) -> new BuiltinRegistry.SimpleAgg(() -> null,
                (s, v) -> s == null || Comparisons.compare(res, v, s) < 0 ? v : s, s -> s));
        r.aggs.computeIfAbsent("string_agg", k -> new ArrayList<>()).add(new PgAggregate("string_agg", List.of(BYTEA, BYTEA),
                BYTEA, new BuiltinRegistry.SimpleAgg(() -> null, (s, v) -> {
                    Object[] in = (Object[]) v;
                    ByteArrayOutputStream acc = s == null ? new ByteArrayOutputStream() : (ByteArrayOutputStream) s;
                    if (s != null && in[1] != null) acc.writeBytes((byte[]) in[1]);
                    acc.writeBytes((byte[]) in[0]);
                    return acc;
                }, s -> ((ByteArrayOutputStream) s).toByteArray())));
    }
}
