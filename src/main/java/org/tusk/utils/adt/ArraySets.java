package org.tusk.utils.adt;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The set-returning array functions of arrayfuncs.c: unnest (array_unnest) and
 * generate_subscripts.
 */
public final class ArraySets {
    private ArraySets() {}

    /** array_unnest: the elements in storage order, whatever the dimensions. */
    public static Iterator<Object> unnest(ArrayValue a) {
        return a.elementList().iterator();
    }

    /**
     * generate_subscripts(array, dim [, reverse]): the subscripts of dimension {@code dim}
     * (1-based), descending when {@code reverse}; none when the array has no such dimension.
     */
    public static Iterator<Object> generateSubscripts(ArrayValue a, int dim, boolean reverse) {
        if (a.ndim() <= 0 || dim < 1 || dim > a.ndim()) return Collections.emptyIterator();
        int lo = a.lbound(dim - 1), hi = lo + a.dim(dim - 1) - 1;
        List<Object> subs = IntStream.rangeClosed(lo, hi).boxed().map(i -> (Object) i).toList();
        if (!reverse) return subs.iterator();
        return IntStream.rangeClosed(0, subs.size() - 1).mapToObj(i -> subs.get(subs.size() - 1 - i)).iterator();
    }
}
