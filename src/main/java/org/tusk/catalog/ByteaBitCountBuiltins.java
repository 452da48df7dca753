package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.utils.adt.ByteaFuncs;

/** bit_count(bytea) (pg_proc.dat bytea_bit_count): the number of one bits in a bytea. */
final class ByteaBitCountBuiltins {
    private ByteaBitCountBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.fn("bit_count", List.of(BYTEA), INT8, (c, a) -> ByteaFuncs.bitCount((byte[]) a[0]));
    }
}
