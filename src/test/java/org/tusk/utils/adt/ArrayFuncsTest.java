package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** The array functions' results as PostgreSQL gives them, in array_out form. */
class ArrayFuncsTest {
    private static ArrayValue a(String s) { return ArrayIO.in(s, 23, Integer::parseInt); }

    private static String s(ArrayValue a) { return ArrayIO.out(a, Object::toString); }

    @Test
    void subscriptsAndSlices() {
        assertEquals(2, ArrayFuncs.element(a("{1,2,3}"), new int[] {2}));
        assertNull(ArrayFuncs.element(a("{1,2,3}"), new int[] {4}));
        assertNull(ArrayFuncs.element(a("{{1,2},{3,4}}"), new int[] {1}));
        assertEquals(3, ArrayFuncs.element(a("{{1,2},{3,4}}"), new int[] {2, 1}));
        assertEquals(1, ArrayFuncs.element(a("[0:1]={1,2}"), new int[] {0}));
        assertEquals("{2,3}", s(ArrayFuncs.slice(a("{1,2,3}"), new Integer[] {2}, new Integer[] {5})));
        assertEquals("{}", s(ArrayFuncs.slice(a("{1,2,3}"), new Integer[] {4}, new Integer[] {5})));
        assertEquals("{{2},{4}}", s(ArrayFuncs.slice(a("{{1,2},{3,4}}"), new Integer[] {null, 2}, new Integer[] {null, 2})));
    }

    @Test
    void appendPrependCat() {
        assertEquals("{1,2,3}", s(ArrayFuncs.append(a("{1,2}"), 3, 23)));
        assertEquals("{3}", s(ArrayFuncs.append(null, 3, 23)));
        assertEquals("[0:2]={1,2,3}", s(ArrayFuncs.append(a("[0:1]={1,2}"), 3, 23)));
        assertEquals("{0,1,2}", s(ArrayFuncs.prepend(0, a("{1,2}"), 23)));
        assertEquals("{1,2,3,4}", s(ArrayFuncs.cat(a("{1,2}"), a("{3,4}"))));
        assertEquals("{{1,2},{3,4}}", s(ArrayFuncs.cat(a("{{1,2}}"), a("{3,4}"))));
        assertEquals("{{3,4},{1,2}}", s(ArrayFuncs.cat(a("{3,4}"), a("{{1,2}}"))));
        PgException e = assertThrows(PgException.class, () -> ArrayFuncs.cat(a("{{1,2}}"), a("{3}")));
        assertEquals("2202E", e.sqlState());
    }

    @Test
    void searchingAndContainment() {
        assertEquals(2, ArrayFuncs.position(a("{1,2,1}"), 2, null));
        assertEquals(3, ArrayFuncs.position(a("{1,2,1}"), 1, 2));
        assertEquals(2, ArrayFuncs.position(a("{1,NULL}"), null, null));
        assertEquals("{1,3}", s(ArrayFuncs.positions(a("{1,2,1}"), 1, 23)));
        assertEquals("{2}", s(ArrayFuncs.replace(a("{1,2,1}"), 1, null, true)));
        assertEquals("{9,2,9}", s(ArrayFuncs.replace(a("{1,2,1}"), 1, 9, false)));
        assertTrue(ArrayFuncs.contains(a("{1,2,3}"), a("{3,1}")));
        assertFalse(ArrayFuncs.contains(a("{1,NULL}"), a("{NULL}")));
        assertTrue(ArrayFuncs.overlaps(a("{1,2}"), a("{2,5}")));
    }

    @Test
    void orderingIsArrayCmp() {
        assertTrue(a("{1,2}").compareTo(a("{1,3}")) < 0);
        assertTrue(a("{1,2}").compareTo(a("{1,2,0}")) < 0);
        assertTrue(a("{1,NULL}").compareTo(a("{1,5}")) > 0);
        assertTrue(a("{1,2}").compareTo(a("[0:1]={1,2}")) > 0);
        assertEquals(a("{1.0}".replace(".0", "")), a("{1}"));
    }

    @Test
    void textConversions() {
        assertEquals("1,*,3", ArrayFuncs.toText(a("{1,NULL,3}"), ",", "*", Object::toString));
        assertEquals("1,3", ArrayFuncs.toText(a("{1,NULL,3}"), ",", null, Object::toString));
        assertEquals("{a,NULL,c}", ArrayIO.out(ArrayFuncs.fromText("a|x|c", "|", "x", 25), Object::toString));
        assertEquals("{a,b}", ArrayIO.out(ArrayFuncs.fromText("ab", null, null, 25), Object::toString));
        assertEquals("{}", ArrayIO.out(ArrayFuncs.fromText("", ",", null, 25), Object::toString));
    }
}
