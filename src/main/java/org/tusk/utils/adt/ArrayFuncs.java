package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The SQL-callable array functions over {@link ArrayValue}s (arrayfuncs.c, array_userfuncs.c):
 * subscripting, dimensions, concatenation, searching, containment, array_to_string and
 * string_to_array. NULL arguments are handled by the callers except where a function is
 * non-strict in PostgreSQL (array_append, array_cat, ... take a NULL array as empty).
 */
public final class ArrayFuncs {
    private ArrayFuncs() {}

    /** ERRCODE_ARRAY_SUBSCRIPT_ERROR. */
    static final String ARRAY_SUBSCRIPT_ERROR = "2202E";

    // ------------------------------------------------------------------ subscripts

    /** array_get_element: a[i][j]...; NULL when a subscript is out of range or their number is not ndim. */
    public static Object element(ArrayValue a, int[] idx) {
        if (a.ndim() != idx.length) return null;
        int off = 0;
        for (int d = 0; d < idx.length; d++) {
            long i = (long) idx[d] - a.lbound(d);
            if (i < 0 || i >= a.dim(d)) return null;
            off = off * a.dim(d) + (int) i;
        }
        return a.get(off);
    }

    /**
     * array_get_slice: a[l1:u1][l2:u2]...; null bounds stand for the array's own; dimensions
     * beyond the subscripts are taken whole. The result has lower bounds 1, and is empty when the
     * ranges miss the array.
     */
    public static ArrayValue slice(ArrayValue a, Integer[] lower, Integer[] upper) {
        int nd = a.ndim();
        if (nd == 0 || lower.length > nd) return ArrayValue.empty(a.elemType());
        int[] lo = new int[nd], hi = new int[nd];
        for (int d = 0; d < nd; d++) {
            int alb = a.lbound(d), aub = a.lbound(d) + a.dim(d) - 1;
            long l = d < lower.length && lower[d] != null ? lower[d] : alb;
            long u = d < upper.length && upper[d] != null ? upper[d] : aub;
            l = Math.max(l, alb);
            u = Math.min(u, aub);
            if (l > u) return ArrayValue.empty(a.elemType());
            lo[d] = (int) l;
            hi[d] = (int) u;
        }
        int[] dims = new int[nd], lbs = new int[nd];
        int n = 1;
        for (int d = 0; d < nd; d++) {
            dims[d] = hi[d] - lo[d] + 1;
            lbs[d] = 1;
            n *= dims[d];
        }
        Object[] out = new Object[n];
        int[] idx = lo.clone();
        for (int k = 0; k < n; k++) {
            out[k] = a.get(offset(a, idx));
            for (int d = nd - 1; d >= 0; d--) {
                if (++idx[d] <= hi[d]) break;
                idx[d] = lo[d];
            }
        }
        return new ArrayValue(a.elemType(), dims, lbs, out);
    }

    private static int offset(ArrayValue a, int[] idx) {
        int off = 0;
        for (int d = 0; d < idx.length; d++) off = off * a.dim(d) + (idx[d] - a.lbound(d));
        return off;
    }

    /**
     * array_set_element: an empty array becomes one with that single element (lower bounds the
     * subscripts); a one-dimensional array is extended with NULLs as needed; other arrays must
     * contain the position.
     */
    public static ArrayValue setElement(ArrayValue a, int[] idx, Object v) {
        int n = idx.length;
        if (n > ArrayValue.MAXDIM) throw tooManyDims(n);
        if (a.size() == 0) {
            int[] dims = new int[n];
            java.util.Arrays.fill(dims, 1);
            return new ArrayValue(a.elemType(), dims, idx.clone(), new Object[] {v});
        }
        if (a.ndim() != n) throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        if (n == 1) {
            long lb = a.lbound(0), ub = lb + a.dim(0) - 1;
            long newLb = Math.min(lb, idx[0]), newUb = Math.max(ub, idx[0]);
            checkSize(newLb, newUb);
            Object[] out = new Object[(int) (newUb - newLb + 1)];
            System.arraycopy(a.elements(), 0, out, (int) (lb - newLb), a.size());
            out[(int) (idx[0] - newLb)] = v;
            return new ArrayValue(a.elemType(), new int[] {out.length}, new int[] {(int) newLb}, out);
        }
        for (int d = 0; d < n; d++)
            if (idx[d] < a.lbound(d) || idx[d] >= a.lbound(d) + a.dim(d))
                throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "array subscript out of range");
        Object[] out = a.elements();
        out[offset(a, idx)] = v;
        return new ArrayValue(a.elemType(), a.dims(), a.lbounds(), out);
    }

    /** MaxArraySize: an array of more elements is refused (and its upper bound must fit an int). */
    static final int MAX_ARRAY_SIZE = 0x3FFFFFFF / 8;

    private static void checkSize(long lb, long ub) {
        if (ub > Integer.MAX_VALUE || ub - lb + 1 > MAX_ARRAY_SIZE)
            throw PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (" + MAX_ARRAY_SIZE + ")");
    }

    /**
     * array_set_slice (arrayfuncs.c): a[l1:u1][l2:u2]... := src. The source's elements are read
     * serially, whatever its shape. An empty target becomes an array of exactly the slice's shape
     * (all bounds must then be given); a one-dimensional target is extended with NULLs as needed;
     * a multi-dimensional target cannot be extended, so the slice must lie inside it, and
     * dimensions beyond the subscripts are taken whole.
     */
    public static ArrayValue setSlice(ArrayValue a, Integer[] lower, Integer[] upper, ArrayValue src) {
        int nsub = lower.length;
        if (nsub > ArrayValue.MAXDIM) throw tooManyDims(nsub);
        if (a.ndim() == 0) {
            int[] dims = new int[nsub], lbs = new int[nsub];
            for (int d = 0; d < nsub; d++) {
                if (lower[d] == null || upper[d] == null)
                    throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "array slice subscript must provide both boundaries")
                            .withDetail("When assigning to a slice of an empty array value, slice boundaries must be fully specified.");
                if (upper[d] < lower[d])
                    throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be less than lower bound");
                checkSize(lower[d], upper[d]);
                dims[d] = upper[d] - lower[d] + 1;
                lbs[d] = lower[d];
            }
            long n = itemCount(dims);
            if (src.size() < n) throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "source array too small");
            return new ArrayValue(a.elemType(), dims, lbs, Arrays.copyOf(src.elements(), (int) n));
        }
        int nd = a.ndim();
        if (nd < nsub) throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        if (nd == 1) return setSlice1d(a, lower[0], upper[0], src);
        int[] lo = new int[nd], hi = new int[nd];
        for (int d = 0; d < nd; d++) {
            int alb = a.lbound(d), aub = a.lbound(d) + a.dim(d) - 1;
            lo[d] = d < nsub && lower[d] != null ? lower[d] : alb;
            hi[d] = d < nsub && upper[d] != null ? upper[d] : aub;
            if (lo[d] > hi[d]) throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be less than lower bound");
            // PostgreSQL does not extend multi-dimensional arrays during assignment.
            if (d < nsub && (lo[d] < alb || hi[d] > aub))
                throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "array subscript out of range");
        }
        long n = 1;
        for (int d = 0; d < nd; d++) n *= hi[d] - lo[d] + 1;
        if (src.size() < n) throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "source array too small");
        Object[] out = a.elements();
        int[] idx = lo.clone();
        for (int k = 0; k < n; k++) {
            out[offset(a, idx)] = src.get(k);
            for (int d = nd - 1; d >= 0; d--) {
                if (++idx[d] <= hi[d]) break;
                idx[d] = lo[d];
            }
        }
        return new ArrayValue(a.elemType(), a.dims(), a.lbounds(), out);
    }

    /** The one-dimensional case of array_set_slice: the array grows (with NULLs) to cover the slice. */
    private static ArrayValue setSlice1d(ArrayValue a, Integer lower, Integer upper, ArrayValue src) {
        int l = lower != null ? lower : a.lbound(0);
        int u = upper != null ? upper : a.lbound(0) + a.dim(0) - 1;
        if (u < l) throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be less than lower bound");
        long count = (long) u - l + 1;
        checkSize(l, u);
        if (src.size() < count) throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "source array too small");
        long lb = Math.min(a.lbound(0), l);
        long ub = Math.max(a.lbound(0) + a.dim(0) - 1L, u);
        checkSize(lb, ub);
        Object[] out = new Object[(int) (ub - lb + 1)];
        System.arraycopy(a.elements(), 0, out, (int) (a.lbound(0) - lb), a.size());
        for (int i = 0; i < count; i++) out[(int) (l - lb) + i] = src.get(i);
        return new ArrayValue(a.elemType(), new int[] {out.length}, new int[] {(int) lb}, out);
    }

    /** ArrayGetNItems: the number of elements of an array of these dimensions, refusing too many. */
    private static long itemCount(int[] dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > MAX_ARRAY_SIZE)
                throw PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (" + MAX_ARRAY_SIZE + ")");
        }
        return n;
    }

    // ------------------------------------------------------------------ dimensions

    public static Integer length(ArrayValue a, int dim) {
        return dim < 1 || dim > a.ndim() ? null : a.dim(dim - 1);
    }

    public static Integer lower(ArrayValue a, int dim) {
        return dim < 1 || dim > a.ndim() ? null : a.lbound(dim - 1);
    }

    public static Integer upper(ArrayValue a, int dim) {
        return dim < 1 || dim > a.ndim() ? null : a.lbound(dim - 1) + a.dim(dim - 1) - 1;
    }

    public static Integer ndims(ArrayValue a) {
        return a.ndim() == 0 ? null : a.ndim();
    }

    // ------------------------------------------------------------------ building

    /**
     * ExecEvalArrayExpr for a multi-dimensional ARRAY[...] whose items are arrays: they must all
     * have the same dimensions; the result has one more dimension. Empty sub-arrays are allowed
     * only if all are empty (the result is then empty).
     */
    public static ArrayValue ofSubArrays(int elemType, List<ArrayValue> subs) {
        if (subs.isEmpty()) return ArrayValue.empty(elemType);
        ArrayValue first = null;
        boolean allEmpty = true;
        for (ArrayValue s : subs) allEmpty &= s.size() == 0;
        if (allEmpty) return ArrayValue.empty(elemType);
        List<Object> elems = new ArrayList<>();
        for (ArrayValue s : subs) {
            if (first == null) first = s;
            else if (!Arrays.equals(first.dims(), s.dims()) || !Arrays.equals(first.lbounds(), s.lbounds()))
                throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "multidimensional arrays must have array expressions with matching dimensions");
            elems.addAll(s.elementList());
        }
        int nd = first.ndim() + 1;
        if (nd > ArrayValue.MAXDIM) throw tooManyDims(nd);
        int[] dims = new int[nd], lbs = new int[nd];
        dims[0] = subs.size();
        lbs[0] = 1;
        for (int d = 1; d < nd; d++) {
            dims[d] = first.dim(d - 1);
            lbs[d] = first.lbound(d - 1);
        }
        return new ArrayValue(elemType, dims, lbs, elems.toArray());
    }

    static PgException tooManyDims(int n) {
        return PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions (" + n
                + ") exceeds the maximum allowed (" + ArrayValue.MAXDIM + ")");
    }

    /** array_append: a NULL or empty array gives a one-element array; else one more element after the last. */
    public static ArrayValue append(ArrayValue a, Object e, int elemType) {
        if (a == null || a.size() == 0) return new ArrayValue(elemType, new int[] {1}, new int[] {1}, new Object[] {e});
        if (a.ndim() != 1) throw PgException.error("22000", "argument must be empty or one-dimensional array");
        if ((long) a.lbound(0) + a.dim(0) > Integer.MAX_VALUE)
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        Object[] out = Arrays.copyOf(a.elements(), a.size() + 1);
        out[a.size()] = e;
        return new ArrayValue(a.elemType(), new int[] {a.size() + 1}, new int[] {a.lbound(0)}, out);
    }

    /** array_prepend: the result keeps the input's lower bound (1 for an empty array). */
    public static ArrayValue prepend(Object e, ArrayValue a, int elemType) {
        if (a == null || a.size() == 0) return new ArrayValue(elemType, new int[] {1}, new int[] {1}, new Object[] {e});
        if (a.ndim() != 1) throw PgException.error("22000", "argument must be empty or one-dimensional array");
        Object[] out = new Object[a.size() + 1];
        out[0] = e;
        System.arraycopy(a.elements(), 0, out, 1, a.size());
        return new ArrayValue(a.elemType(), new int[] {a.size() + 1}, new int[] {a.lbound(0)}, out);
    }

    /** array_cat: either may be NULL (the other is the result); empty arrays vanish. */
    public static ArrayValue cat(ArrayValue a, ArrayValue b) {
        if (a == null) return b;
        if (b == null) return a;
        if (a.size() == 0) return b;
        if (b.size() == 0) return a;
        int na = a.ndim(), nb = b.ndim();
        if (na != nb && na != nb - 1 && na != nb + 1)
            throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "cannot concatenate incompatible arrays")
                    .withDetail("Arrays of " + na + " and " + nb + " dimensions are not compatible for concatenation.");
        Object[] out = new Object[a.size() + b.size()];
        System.arraycopy(a.elements(), 0, out, 0, a.size());
        System.arraycopy(b.elements(), 0, out, a.size(), b.size());
        if (na == nb) {
            for (int d = 1; d < na; d++)
                if (a.dim(d) != b.dim(d) || a.lbound(d) != b.lbound(d))
                    throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "cannot concatenate incompatible arrays")
                            .withDetail("Arrays with differing element dimensions are not compatible for concatenation.");
            int[] dims = a.dims();
            dims[0] += b.dim(0);
            return new ArrayValue(a.elemType(), dims, a.lbounds(), out);
        }
        // one is an element of the other: it must match the other's element dimensions
        ArrayValue big = na > nb ? a : b, small = na > nb ? b : a;
        for (int d = 0; d < small.ndim(); d++)
            if (small.dim(d) != big.dim(d + 1) || small.lbound(d) != big.lbound(d + 1))
                throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "cannot concatenate incompatible arrays")
                        .withDetail("Arrays with differing dimensions are not compatible for concatenation.");
        int[] dims = big.dims(), lbs = big.lbounds();
        dims[0] += 1;
        return new ArrayValue(a.elemType(), dims, lbs, out);
    }

    // ------------------------------------------------------------------ searching

    /**
     * IS NOT DISTINCT FROM by the element type's equality (the type cache's eq_opr, as
     * array_position and array_replace look it up): character elements without their blanks.
     */
    private static boolean same(int elemType, Object x, Object y) {
        return Comparisons.equal(elemType, x, y);
    }

    /** The element type whose equality compares the elements of {@code a} with those of {@code b}. */
    private static int elementType(ArrayValue a, ArrayValue b) {
        return a.elemType() != 0 ? a.elemType() : b.elemType();
    }

    private static void checkOneDim(ArrayValue a) {
        if (a.ndim() > 1)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "searching for elements in multidimensional arrays is not supported");
    }

    /** array_position(array, elem [, start]): subscript of the first match (IS NOT DISTINCT FROM), or NULL. */
    public static Integer position(ArrayValue a, Object e, Integer start) {
        checkOneDim(a);
        if (a.size() == 0) return null;
        int lb = a.lbound(0);
        int from = start == null ? 0 : Math.max(0, start - lb);
        for (int i = from; i < a.size(); i++) if (same(a.elemType(), a.get(i), e)) return i + lb;
        return null;
    }

    /** array_positions: every matching subscript, as int[]. */
    public static ArrayValue positions(ArrayValue a, Object e, int int4Oid) {
        checkOneDim(a);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) if (same(a.elemType(), a.get(i), e)) out.add(i + a.lbound(0));
        return ArrayValue.of1d(int4Oid, out);
    }

    /** array_replace (array_remove when {@code remove}): elements IS NOT DISTINCT FROM {@code search}. */
    public static ArrayValue replace(ArrayValue a, Object search, Object repl, boolean remove) {
        if (a.size() == 0) return a;
        if (remove && a.ndim() > 1)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "removing elements from multidimensional arrays is not supported");
        List<Object> out = new ArrayList<>();
        for (Object x : a.elementList()) {
            if (same(a.elemType(), x, search)) {
                if (!remove) out.add(repl);
            } else {
                out.add(x);
            }
        }
        if (!remove) return new ArrayValue(a.elemType(), a.dims(), a.lbounds(), out.toArray());
        if (out.isEmpty()) return ArrayValue.empty(a.elemType());
        return new ArrayValue(a.elemType(), new int[] {out.size()}, new int[] {a.lbound(0)}, out.toArray());
    }

    /** array_contain_compare: every non-null element of {@code b} equals some element of {@code a} (NULLs never match). */
    public static boolean contains(ArrayValue a, ArrayValue b) {
        int type = elementType(a, b);
        for (Object y : b.elementList()) {
            if (y == null) return false;
            boolean found = false;
            for (Object x : a.elementList()) if (x != null && Comparisons.compare(type, x, y) == 0) { found = true; break; }
            if (!found) return false;
        }
        return true;
    }

    /** arrayoverlap: some non-null element in both. */
    public static boolean overlaps(ArrayValue a, ArrayValue b) {
        int type = elementType(a, b);
        for (Object y : b.elementList()) {
            if (y == null) continue;
            for (Object x : a.elementList()) if (x != null && Comparisons.compare(type, x, y) == 0) return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ text

    /** array_to_string: elements in storage order; NULLs skipped unless {@code nullString} is given. */
    public static String toText(ArrayValue a, String delim, String nullString, Function<Object, String> out) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object e : a.elementList()) {
            if (e == null && nullString == null) continue;
            if (!first) sb.append(delim);
            sb.append(e == null ? nullString : out.apply(e));
            first = false;
        }
        return sb.toString();
    }

    /**
     * string_to_array(text, delimiter [, null_string]): an empty input gives an empty array, a NULL
     * delimiter splits into characters, an empty delimiter gives the whole string.
     */
    public static ArrayValue fromText(String s, String delim, String nullString, int textOid) {
        List<Object> out = new ArrayList<>();
        if (s.isEmpty()) return ArrayValue.empty(textOid);
        if (delim == null) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        } else if (delim.isEmpty()) {
            out.add(s);
        } else {
            int from = 0;
            while (true) {
                int at = s.indexOf(delim, from);
                if (at < 0) {
                    out.add(s.substring(from));
                    break;
                }
                out.add(s.substring(from, at));
                from = at + delim.length();
            }
        }
        if (nullString != null) out.replaceAll(x -> nullString.equals(x) ? null : x);
        return ArrayValue.of1d(textOid, out);
    }

    /** array_fill(value, dims [, lbounds]). */
    public static ArrayValue fill(Object value, ArrayValue dims, ArrayValue lbs, int elemType) {
        if (dims.ndim() > 1 || (lbs != null && lbs.ndim() > 1))
            throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts")
                    .withDetail("Dimension array must be one dimensional.");
        if (dims.hasNulls() || (lbs != null && lbs.hasNulls()))
            throw PgException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "dimension values cannot be null");
        if (lbs != null && lbs.size() != dims.size())
            throw PgException.error(ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts")
                    .withDetail("Low bound array has different size than dimensions array.");
        int nd = dims.size();
        if (nd > ArrayValue.MAXDIM) throw tooManyDims(nd);
        if (nd == 0) return ArrayValue.empty(elemType);
        int[] d = new int[nd], l = new int[nd];
        long n = 1;
        for (int i = 0; i < nd; i++) {
            d[i] = ((Number) dims.get(i)).intValue();
            l[i] = lbs == null ? 1 : ((Number) lbs.get(i)).intValue();
            n *= Math.max(d[i], 0);
        }
        if (n == 0) return ArrayValue.empty(elemType);
        Object[] out = new Object[(int) n];
        Arrays.fill(out, value);
        return new ArrayValue(elemType, d, l, out);
    }
}
