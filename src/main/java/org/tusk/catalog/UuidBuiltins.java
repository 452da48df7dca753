package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;


import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.Uuids;

/** The uuid type (pg_type.dat), its btree comparison operators and gen_random_uuid() (uuid.c). */
final class UuidBuiltins {
    private UuidBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.type(new PgType(UUID, "uuid", "uuid", 16, false, 'U', false, (s, z) -> Uuids.in(s),
                (v, z) -> Uuids.out((java.util.UUID) v)));
        r.op("=", UUID, UUID, BOOL, (c, a) -> cmp(a) == 0);
        r.op("<>", UUID, UUID, BOOL, (c, a) -> cmp(a) != 0);
        r.op("<", UUID, UUID, BOOL, (c, a) -> cmp(a) < 0);
        r.op("<=", UUID, UUID, BOOL, (c, a) -> cmp(a) <= 0);
        r.op(">", UUID, UUID, BOOL, (c, a) -> cmp(a) > 0);
        r.op(">=", UUID, UUID, BOOL, (c, a) -> cmp(a) >= 0);
        r.fn("gen_random_uuid", List.of(), UUID, Volatility.VOLATILE, true, (c, a) -> Uuids.random());
        r.agg("min", UUID, UUID, new BuiltinRegistry.SimpleAgg(() -> null,
                (s, v) -> s == null || Uuids.compare((java.util.UUID) v, (java.util.UUID) s) < 0 ? v : s, s -> s));
        r.agg("max", UUID, UUID, new BuiltinRegistry.SimpleAgg(() -> null,
                (s, v) -> s == null || Uuids.compare((java.util.UUID) v, (java.util.UUID) s) > 0 ? v : s, s -> s));
    }

    private static int cmp(Object[] a) {
        return Uuids.compare((java.util.UUID) a[0], (java.util.UUID) a[1]);
    }
}
