package org.tusk.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.utils.adt.RangeTypes;

/**
 * pg_range.dat: the pg_range rows of the six built-in range types, which bootstrap writes into
 * the stored catalog ({@link SystemCatalogs#PG_RANGE}). rngsubopc is the subtype's default btree
 * operator class, as pg_range.dat gives it; rngcollation is 0 because no built-in subtype is
 * collatable; rngmultitypid names the multirange type (whose pg_type rows Tusk does not have
 * yet). rngcanonical and rngsubdiff are 0: Tusk applies the canonical forms inside the range code
 * ({@code RangeTypes.canonicalize}) and has no int4range_canonical/..._subdiff functions in pg_proc
 * for them to name.
 */
final class RangeCatalog {
    private RangeCatalog() {}

    /** The rows in column order, OIDs as Longs (as computed catalog rows hold them), by range type OID. */
    static List<Object[]> builtinRows() {
        List<Object[]> out = new ArrayList<>();
        for (RangeTypes.Info i : RangeTypes.builtins().values())
            out.add(new Object[] {(long) i.rangeOid(), (long) i.subtype(), (long) i.multirangeOid(), 0L,
                    defaultBtreeOpclass(i.subtype()), 0L, 0L});
        out.sort(Comparator.comparingLong(r -> (Long) r[0]));
        return out;
    }

    /** GetDefaultOpClass(subtype, BTREE_AM_OID): the subtype's default btree operator class, 0 if none. */
    static long defaultBtreeOpclass(int subtype) {
        for (OperatorClassCatalogs.Opclass o : OperatorClassCatalogs.CLASSES)
            if (o.isDefault() && o.inputType() == subtype) return o.oid();
        return 0;
    }
}
