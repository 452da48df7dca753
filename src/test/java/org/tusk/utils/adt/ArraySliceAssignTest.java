package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** array_set_slice, trim_array and width_bucket over thresholds, with PostgreSQL's results and errors. */
class ArraySliceAssignTest {
    private static ArrayValue a(String s) { return ArrayIO.in(s, 23, Integer::parseInt); }

    private static String s(ArrayValue a) { return ArrayIO.out(a, Object::toString); }

    private static Integer[] b(Integer... v) { return v; }

    @Test
    void sliceOfEmptyArrayTakesTheSliceShape() {
        // INSERT INTO arrtest (b[1:1][1:2][1:2]) VALUES ('{{{0,0},{1,2}}}')
        assertEquals("{{{0,0},{1,2}}}", s(ArrayFuncs.setSlice(ArrayValue.empty(23), b(1, 1, 1), b(1, 2, 2), a("{{{0,0},{1,2}}}"))));
        assertEquals("[2:3]={7,8}", s(ArrayFuncs.setSlice(ArrayValue.empty(23), b(2), b(3), a("{7,8,9}"))));
        PgException e = assertThrows(PgException.class,
                () -> ArrayFuncs.setSlice(ArrayValue.empty(23), b(1, 1), b(2, 2), a("{1,2,3}")));
        assertEquals("source array too small", e.getMessage());
        e = assertThrows(PgException.class, () -> ArrayFuncs.setSlice(ArrayValue.empty(23), b((Integer) null), b(2), a("{1,2}")));
        assertEquals("array slice subscript must provide both boundaries", e.getMessage());
    }

    @Test
    void multidimensionalSliceReplacesInPlace() {
        ArrayValue t = a("{{1,2,3},{4,5,6},{7,8,9}}");
        // a[1:2][1:2] = '{{11,12},{14,15}}'
        assertEquals("{{11,12,3},{14,15,6},{7,8,9}}", s(ArrayFuncs.setSlice(t, b(1, 1), b(2, 2), a("{{11,12},{14,15}}"))));
        // omitted bounds and omitted trailing dimensions are taken whole; the source is read serially
        assertEquals("{{1,2,3},{4,5,6},{21,22,23}}", s(ArrayFuncs.setSlice(t, b(3), b((Integer) null), a("{21,22,23,24}"))));
        assertEquals("{{1,2,3},{4,25,26},{7,28,29}}", s(ArrayFuncs.setSlice(t, b(2, 2), b(null, null), a("{25,26,28,29}"))));
        PgException e = assertThrows(PgException.class, () -> ArrayFuncs.setSlice(t, b(3, 1), b(4, 1), a("{1,2}")));
        assertEquals("array subscript out of range", e.getMessage());
        e = assertThrows(PgException.class, () -> ArrayFuncs.setSlice(t, b(2, 1), b(1, 1), a("{1,2}")));
        assertEquals("upper bound cannot be less than lower bound", e.getMessage());
        e = assertThrows(PgException.class, () -> ArrayFuncs.setSlice(a("{1,2}"), b(1, 1), b(1, 1), a("{1}")));
        assertEquals("wrong number of array subscripts", e.getMessage());
    }

    @Test
    void oneDimensionalSliceExtendsWithNulls() {
        assertEquals("{1,2,NULL,4,5}", s(ArrayFuncs.setSlice(a("{1,2}"), b(4), b(5), a("{4,5}"))));
        assertEquals("[0:2]={9,1,2}", s(ArrayFuncs.setSlice(a("{1,2}"), b(0), b(0), a("{9}"))));
    }

    @Test
    void trimArray() {
        assertEquals("{1,2,3,4,5}", s(ArrayUserFuncs.trim(a("[10:16]={1,2,3,4,5,6,7}"), 2)));
        assertEquals("{{1,10},{2,20}}", s(ArrayUserFuncs.trim(a("{{1,10},{2,20},{3,30},{4,40}}"), 2)));
        assertEquals("{}", s(ArrayUserFuncs.trim(a("{1,2}"), 2)));
        PgException e = assertThrows(PgException.class, () -> ArrayUserFuncs.trim(a("{1,2,3}"), -1));
        assertEquals("number of elements to trim must be between 0 and 3", e.getMessage());
        e = assertThrows(PgException.class, () -> ArrayUserFuncs.trim(a("{}"), 1));
        assertEquals("number of elements to trim must be between 0 and 0", e.getMessage());
    }

    @Test
    void widthBucketOverThresholds() {
        ArrayValue th = a("{1,3,5,10}");
        assertEquals(0, WidthBucket.ofArray(0, th));
        assertEquals(1, WidthBucket.ofArray(1, th));
        assertEquals(2, WidthBucket.ofArray(4, th));
        assertEquals(4, WidthBucket.ofArray(11, th));
        assertEquals(0, WidthBucket.ofArray(5, a("{}")));
        ArrayValue f = ArrayValue.of1d(701, java.util.List.of(1.0, 3.0, 9.0, Double.NaN, Double.NaN));
        assertEquals(5, WidthBucket.ofArray(Double.NaN, f));
        assertEquals(3, WidthBucket.ofArray(77.0, f));
        PgException e = assertThrows(PgException.class, () -> WidthBucket.ofArray(5, a("{3,4,NULL}")));
        assertEquals("thresholds array must not contain NULLs", e.getMessage());
        assertEquals("22004", e.sqlState());
        e = assertThrows(PgException.class, () -> WidthBucket.ofArray(5, a("{{1,2},{3,4}}")));
        assertEquals("thresholds must be one-dimensional array", e.getMessage());
    }
}
