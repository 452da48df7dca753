package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.OID;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.utils.adt.RangeTypes;
import org.tusk.utils.adt.RegProcs;

/**
 * pg_range (3541): one row per range type, computed from {@link RangeTypes}, which holds
 * pg_range.dat's six built-in range types and is all Tusk has (there is no CREATE TYPE AS RANGE,
 * so the rows never change). rngsubopc is the subtype's default btree operator class, as
 * pg_range.dat gives it; rngcollation is 0 because no built-in subtype is collatable.
 * rngcanonical and rngsubdiff are 0: Tusk applies the canonical forms inside the range code
 * ({@code RangeTypes.canonicalize}) and has no int4range_canonical/..._subdiff functions in pg_proc
 * for them to name.
 */
final class RangeCatalog {
    private RangeCatalog() {}

    private static ColumnDef c(String n, int t) { return new ColumnDef(n, t); }

    static ComputedCatalog pgRange() {
        return new ComputedCatalog("pg_range", 3541, List.of(c("rngtypid", OID), c("rngsubtype", OID),
                c("rngmultitypid", OID), c("rngcollation", OID), c("rngsubopc", OID), c("rngcanonical", RegProcs.REGPROC),
                c("rngsubdiff", RegProcs.REGPROC)), RangeCatalog::rows);
    }

    private static List<Object[]> rows() {
        List<Object[]> out = new ArrayList<>();
        for (RangeTypes.Info i : RangeTypes.builtins().values())
            out.add(new Object[] {(long) i.rangeOid(), (long) i.subtype(), (long) i.multirangeOid(), 0L,
                    defaultBtreeOpclass(i.subtype()), 0L, 0L});
        out.sort(Comparator.comparingLong(r -> (Long) r[0]));
        return out;
    }

    private static long defaultBtreeOpclass(int subtype) {
        for (OperatorClassCatalogs.Opclass o : OperatorClassCatalogs.CLASSES)
            if (o.isDefault() && o.inputType() == subtype) return o.oid();
        return 0;
    }
}
