package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;

/**
 * Array functions of array_userfuncs.c that reshape an array through a slice.
 */
public final class ArrayUserFuncs {
    private ArrayUserFuncs() {}

    /** ERRCODE_ARRAY_ELEMENT_ERROR. */
    private static final String ARRAY_ELEMENT_ERROR = "2202E";

    /**
     * trim_array: the array without its last {@code n} elements of the first dimension, as the
     * slice [:upper-n] (so the result's lower bounds are 1, like every slice's).
     */
    public static ArrayValue trim(ArrayValue a, int n) {
        int length = a.ndim() > 0 ? a.dim(0) : 0;
        if (n < 0 || n > length)
            throw PgException.error(ARRAY_ELEMENT_ERROR, "number of elements to trim must be between 0 and " + length);
        if (a.ndim() == 0) return a;
        Integer[] lower = new Integer[1], upper = {a.lbound(0) + length - n - 1};
        return ArrayFuncs.slice(a, lower, upper);
    }
}
