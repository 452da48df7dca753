package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import org.tusk.utils.adt.RegProcs;

/**
 * The types regproc and regprocedure (pg_type.dat entries 24 and 2202, regproc.c's I/O
 * functions in {@link RegProcs}) and their pg_cast.dat casts: binary to and from oid, int4 and
 * int8 to them, them to int8 and text through I/O. Catalog columns of type regproc
 * (pg_aggregate.aggtransfn, pg_type.typinput, ...) print as function names through them.
 */
final class RegProcBuiltins {
    private RegProcBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.type(new PgType(RegProcs.REGPROC, "regproc", "regproc", 4, true, 'N', false, (s, z) -> RegProcs.regprocIn(s),
                (v, z) -> RegProcs.regprocOut(v)));
        r.type(new PgType(RegProcs.REGPROCEDURE, "regprocedure", "regprocedure", 4, true, 'N', false,
                (s, z) -> RegProcs.regprocedureIn(s), (v, z) -> RegProcs.regprocedureOut(v)));
        for (int reg : new int[] {RegProcs.REGPROC, RegProcs.REGPROCEDURE}) {
            r.cast(OID, reg, 'i', null);
            r.cast(reg, OID, 'i', null);
            r.relabelCast(INT4, reg, 'i', (c, a) -> ((Number) a[0]).longValue() & 0xFFFFFFFFL);
            r.cast(INT8, reg, 'i', (c, a) -> ((Number) a[0]).longValue() & 0xFFFFFFFFL);
            r.cast(reg, INT8, 'a', (c, a) -> ((Number) a[0]).longValue() & 0xFFFFFFFFL);
            r.ioCast(reg, TEXT, 'a');
            r.ioCast(reg, VARCHAR, 'a');
        }
        // regproc and regprocedure are binary-coercible into each other (pg_cast.dat)
        r.cast(RegProcs.REGPROC, RegProcs.REGPROCEDURE, 'i', null);
        r.cast(RegProcs.REGPROCEDURE, RegProcs.REGPROC, 'i', null);
    }
}
