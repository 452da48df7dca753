package org.tusk.utils.adt;

import java.util.Arrays;
import java.util.List;

/**
 * An SQL array value of any element type (PostgreSQL's ArrayType, deconstructed): the element
 * type's OID, the length and lower bound of each dimension, and the elements in row-major
 * ("storage") order, Java null for an SQL NULL element. A zero-dimensional array is the empty
 * array '{}'. Values are immutable once built; every operation returns a new value.
 *
 * <p>Ordering and equality are those of btree's array_cmp and array_eq (arrayfuncs.c): elements
 * compare pairwise in storage order (NULL equal to NULL and greater than any value), then the
 * array with fewer elements sorts first, then fewer dimensions, then the dimension lengths and
 * lower bounds. {@link #hashCode} agrees with that equality (hash_array).
 *
 * <p>The older catalog code holds some arrays in specialised forms (String[] for text[] and
 * name[], short[] for int2[], int[] for oid[]); {@link #of} accepts those too.
 */
public final class ArrayValue implements Comparable<ArrayValue> {
    /** MAXDIM (array.h). */
    public static final int MAXDIM = 6;

    private final int elemType;
    private final int[] dims;
    private final int[] lbounds;
    private final Object[] elems;

    public ArrayValue(int elemType, int[] dims, int[] lbounds, Object[] elems) {
        if (dims.length != lbounds.length) throw new IllegalArgumentException("dims and lower bounds differ in length");
        long n = dims.length == 0 ? 0 : 1;
        for (int d : dims) n *= d;
        if (n != elems.length) throw new IllegalArgumentException("array of " + n + " items holds " + elems.length);
        if (n == 0) {
            dims = new int[0];
            lbounds = new int[0];
        }
        this.elemType = elemType;
        this.dims = dims.clone();
        this.lbounds = lbounds.clone();
        this.elems = elems.clone();
    }

    /** The empty array of {@code elemType} (construct_empty_array). */
    public static ArrayValue empty(int elemType) {
        return new ArrayValue(elemType, new int[0], new int[0], new Object[0]);
    }

    /** A one-dimensional array with lower bound 1 (empty when {@code elems} is). */
    public static ArrayValue of1d(int elemType, List<?> elems) {
        if (elems.isEmpty()) return empty(elemType);
        return new ArrayValue(elemType, new int[] {elems.size()}, new int[] {1}, elems.toArray());
    }

    /** {@code v} as an ArrayValue of {@code elemType}: an ArrayValue, or a specialised catalog form. */
    public static ArrayValue of(Object v, int elemType) {
        return switch (v) {
            case ArrayValue a -> a;
            case Object[] a -> of1d(elemType, Arrays.asList(a));
            case List<?> l -> of1d(elemType, l);
            case short[] s -> {
                Object[] o = new Object[s.length];
                for (int i = 0; i < s.length; i++) o[i] = s[i];
                yield of1d(elemType, Arrays.asList(o));
            }
            case int[] s -> {
                Object[] o = new Object[s.length];
                for (int i = 0; i < s.length; i++) o[i] = s[i];
                yield of1d(elemType, Arrays.asList(o));
            }
            default -> throw new IllegalArgumentException("not an array value: " + v.getClass().getName());
        };
    }

    /** INT2VECTOROID and OIDVECTOROID. */
    private static final int INT2VECTOR = 22, OIDVECTOR = 30;

    /**
     * {@code v}, a value of type {@code containerType}, as an ArrayValue of {@code elemType}: as
     * {@link #of(Object, int)}, except that an int2vector or oidvector (a short[] or int[], as are
     * int2[] and oid[] values) has lower bound 0, as buildint2vector/buildoidvector make them,
     * so proargtypes[0] is the first argument type and proargtypes::oid[] is [0:n-1]={...}.
     */
    public static ArrayValue of(Object v, int elemType, int containerType) {
        ArrayValue a = of(v, elemType);
        if ((containerType == INT2VECTOR || containerType == OIDVECTOR) && !(v instanceof ArrayValue) && a.ndim() == 1)
            return new ArrayValue(a.elemType, a.dims(), new int[] {0}, a.elems);
        return a;
    }

    public int elemType() { return elemType; }
    public int ndim() { return dims.length; }
    public int dim(int i) { return dims[i]; }
    public int lbound(int i) { return lbounds[i]; }
    public int[] dims() { return dims.clone(); }
    public int[] lbounds() { return lbounds.clone(); }
    /** Number of elements (ArrayGetNItems). */
    public int size() { return elems.length; }
    public Object get(int i) { return elems[i]; }
    /** The elements in storage order (a copy). */
    public Object[] elements() { return elems.clone(); }
    public List<Object> elementList() { return Arrays.asList(elems.clone()); }

    public boolean hasNulls() {
        for (Object e : elems) if (e == null) return true;
        return false;
    }

    /** The same elements and shape with another element type recorded (a binary-compatible relabel). */
    public ArrayValue withElemType(int t) { return new ArrayValue(t, dims, lbounds, elems); }

    /** array_cmp. */
    @Override
    public int compareTo(ArrayValue o) {
        int n = Math.min(elems.length, o.elems.length);
        for (int i = 0; i < n; i++) {
            Object a = elems[i], b = o.elems[i];
            if (a == null || b == null) {
                if (a == null && b == null) continue;
                return a == null ? 1 : -1;
            }
            int c = Comparisons.compare(elementOrdering(o), a, b);
            if (c != 0) return c;
        }
        if (elems.length != o.elems.length) return Integer.compare(elems.length, o.elems.length);
        if (dims.length != o.dims.length) return Integer.compare(dims.length, o.dims.length);
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != o.dims[i]) return Integer.compare(dims[i], o.dims[i]);
            if (lbounds[i] != o.lbounds[i]) return Integer.compare(lbounds[i], o.lbounds[i]);
        }
        return 0;
    }

    /**
     * The element type whose default operator class compares the elements (array_cmp looks it
     * up through the element type's type cache entry): this array's, or the other's when this
     * one's is unknown (0, an array built without its element type).
     */
    private int elementOrdering(ArrayValue o) {
        return elemType != 0 ? elemType : o.elemType;
    }

    /**
     * Equal values of one element type. Arrays of two known, different element types are not
     * equal (node equality compares constants of any types: an oid[] against a name[] must not
     * compare an oid with a name).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayValue a && (elemType == 0 || a.elemType == 0 || elemType == a.elemType) && compareTo(a) == 0;
    }

    /** hash_array: consistent with {@link #equals} (the element type's hash function), so numerics of different scales hash alike. */
    @Override
    public int hashCode() {
        int h = 1;
        for (Object e : elems) h = 31 * h + Comparisons.hash(elemType, e);
        return 31 * h + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return "ArrayValue[" + elemType + ", dims=" + Arrays.toString(dims) + ", lb=" + Arrays.toString(lbounds) + ", "
                + Arrays.toString(elems) + "]";
    }
}
