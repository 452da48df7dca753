package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.util.List;

import org.tusk.utils.adt.Lsns;

/** pg_lsn(numeric) (pg_proc.dat numeric_pg_lsn): a WAL position from a non-negative integral numeric. */
final class LsnNumericBuiltins {
    private LsnNumericBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.fn("pg_lsn", List.of(NUMERIC), PG_LSN, (c, a) -> Lsns.fromNumeric((BigDecimal) a[0]));
    }
}
