package org.tusk.executor;

import java.math.BigDecimal;
import java.util.Arrays;

import org.tusk.utils.adt.Comparisons;

/**
 * A row of Datums as a hash key with SQL equality (what the hash opclasses' support functions
 * give PostgreSQL's hash tables): integers of different widths, numerics of different scales
 * and -0/+0 floats that compare equal hash equally. NULLs equal each other here, as grouping
 * and set operations want; hash joins skip NULL keys before they get this far.
 */
final class DatumKey {
    private final Object[] values;
    private final int hash;

    DatumKey(Object[] values) {
        this.values = values;
        int h = 1;
        for (Object v : values) h = 31 * h + hashOf(v);
        this.hash = h;
    }

    Object[] values() { return values; }

    private static int hashOf(Object v) {
        return switch (v) {
            case null -> 0;
            case Short s -> Long.hashCode(s);
            case Integer i -> Long.hashCode(i);
            case Long l -> Long.hashCode(l);
            case BigDecimal d -> d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
            case Double d -> d == 0.0 ? 0 : d.isNaN() ? 1 : Double.hashCode(d);
            case Float f -> f == 0.0f ? 0 : f.isNaN() ? 1 : Double.hashCode(f.doubleValue());
            case byte[] b -> Arrays.hashCode(b);
            case Object[] a -> org.tusk.utils.adt.ArrayValue.of(a, 0).hashCode();
            case org.tusk.utils.adt.Interval iv -> iv.cmpValue().hashCode();
            default -> v.hashCode();
        };
    }

    @Override
    public int hashCode() { return hash; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DatumKey k) || k.hash != hash || k.values.length != values.length) return false;
        for (int i = 0; i < values.length; i++) if (!same(values[i], k.values[i])) return false;
        return true;
    }

    /** Equality of two Datums of one type, NULL equal to NULL. */
    static boolean same(Object a, Object b) {
        if (a == null || b == null) return a == b;
        return Comparisons.compare(a, b) == 0;
    }
}
