package org.tusk.executor;

import java.util.List;

import org.tusk.utils.adt.Comparisons;

/**
 * A row of Datums as a hash key with SQL equality (what the hash opclasses' support functions
 * give PostgreSQL's hash tables): integers of different widths, numerics of different scales
 * and -0/+0 floats that compare equal hash equally. NULLs equal each other here, as grouping
 * and set operations want; hash joins skip NULL keys before they get this far.
 *
 * <p>A key is made with its values' types and hashes and compares each value with its type's
 * default hash and btree operator classes (Comparisons.hash/compare of the type), as the hash
 * table of a grouping or set operation uses the equality and hash functions of the operators
 * the planner chose for its columns: a character value matches another with different trailing
 * blanks. {@link #values()} are the values as given.
 */
final class DatumKey {
    private final Object[] values;
    private final int[] types;
    private final int hash;

    /** A key of values of the given types (0 where unknown: the value compares and hashes by its Java form). */
    DatumKey(Object[] values, int[] types) {
        this.values = values;
        this.types = types;
        int h = 1;
        for (int i = 0; i < values.length; i++) h = 31 * h + Comparisons.hash(type(i), values[i]);
        this.hash = h;
    }

    /** The types of a list, as {@link #DatumKey(Object[], int[])} takes them. */
    static int[] types(List<Integer> types) {
        int[] t = new int[types.size()];
        for (int i = 0; i < t.length; i++) t[i] = types.get(i);
        return t;
    }

    Object[] values() { return values; }

    /**
     * The type whose default hash and btree operator classes hash and equate the values of key
     * expression {@code e} (lookup_type_cache: a domain's are its base type's).
     */
    static int typeOf(org.tusk.nodes.Expr e) {
        int t = e.type();
        return t == 0 ? 0 : org.tusk.catalog.TypeCache.baseType(t);
    }

    /** {@link #typeOf} of each expression. */
    static int[] typesOf(List<? extends org.tusk.nodes.Expr> exprs) {
        int[] t = new int[exprs.size()];
        for (int i = 0; i < t.length; i++) t[i] = typeOf(exprs.get(i));
        return t;
    }

    private int type(int i) {
        return i < types.length ? types[i] : 0;
    }

    @Override
    public int hashCode() { return hash; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DatumKey k) || k.hash != hash || k.values.length != values.length) return false;
        for (int i = 0; i < values.length; i++) if (!Comparisons.equal(type(i), values[i], k.values[i])) return false;
        return true;
    }

    /** Equality of two Datums of one type, NULL equal to NULL. */
    static boolean same(int type, Object a, Object b) {
        return Comparisons.equal(type, a, b);
    }
}
