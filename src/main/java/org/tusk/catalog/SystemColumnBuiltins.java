package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.adt.Ints;
import org.tusk.utils.adt.Tids;

/**
 * The types of the system columns that Tusk did not have as SQL types yet (pg_type.dat): tid
 * (ctid) with its comparison operators (tid.c tideq, tidlt, ...), cid (cmin, cmax) with cideq,
 * and xid's equality with itself and with int4 (xid.c xideq, xideqint4), so that
 * {@code WHERE xmin = ...} and {@code WHERE ctid = '(0,1)'} work. xid and cid values are held as
 * unsigned Longs, as oid's are; tid values as {@link ItemPointer}s.
 */
final class SystemColumnBuiltins {
    static final int TID = 27;
    static final int CID = 29;

    private SystemColumnBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.type(new PgType(TID, "tid", "tid", 6, false, 'U', false, (s, z) -> Tids.in(s), (v, z) -> Tids.out((ItemPointer) v)));
        r.type(new PgType(CID, "cid", "cid", 4, true, 'U', false, (s, z) -> Ints.oidin(s), (v, z) -> Ints.oidout(v)));
        r.op("=", TID, TID, BOOL, (c, a) -> tidcmp(a) == 0);
        r.op("<>", TID, TID, BOOL, (c, a) -> tidcmp(a) != 0);
        r.op("<", TID, TID, BOOL, (c, a) -> tidcmp(a) < 0);
        r.op("<=", TID, TID, BOOL, (c, a) -> tidcmp(a) <= 0);
        r.op(">", TID, TID, BOOL, (c, a) -> tidcmp(a) > 0);
        r.op(">=", TID, TID, BOOL, (c, a) -> tidcmp(a) >= 0);
        r.op("=", XID, XID, BOOL, (c, a) -> unsigned(a[0]) == unsigned(a[1]));
        r.op("<>", XID, XID, BOOL, (c, a) -> unsigned(a[0]) != unsigned(a[1]));
        // xideqint4: the int4 is taken as the xid's bit pattern
        r.op("=", XID, INT4, BOOL, (c, a) -> unsigned(a[0]) == unsigned(a[1]));
        r.op("<>", XID, INT4, BOOL, (c, a) -> unsigned(a[0]) != unsigned(a[1]));
        r.op("=", CID, CID, BOOL, (c, a) -> unsigned(a[0]) == unsigned(a[1]));
    }

    private static int tidcmp(Object[] a) {
        return Tids.compare((ItemPointer) a[0], (ItemPointer) a[1]);
    }

    private static long unsigned(Object v) {
        return ((Number) v).longValue() & 0xFFFFFFFFL;
    }
}
