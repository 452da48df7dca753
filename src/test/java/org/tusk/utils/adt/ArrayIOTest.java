package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** array_in / array_out: PostgreSQL's literal syntax, quoting, NULLs, dimensions and errors. */
class ArrayIOTest {
    private static final Function<String, Object> INT = Integer::parseInt;

    private static String roundTrip(String s) {
        return ArrayIO.out(ArrayIO.in(s, 23, INT), Object::toString);
    }

    private static String text(String s) {
        return ArrayIO.out(ArrayIO.in(s, 25, x -> x), Object::toString);
    }

    @Test
    void oneAndMoreDimensions() {
        assertEquals("{1,2,3}", roundTrip("{1,2,3}"));
        assertEquals("{1,2,3}", roundTrip("  { 1 , 2,3 }  "));
        assertEquals("{{1,2},{3,NULL}}", roundTrip("{{1,2},{3,null}}"));
        assertEquals("{{{1},{2}},{{3},{4}}}", roundTrip("{{{1},{2}},{{3},{4}}}"));
        assertEquals("{}", roundTrip("{}"));
    }

    @Test
    void lowerBoundsAreShownWhenNotOne() {
        assertEquals("[0:1]={1,2}", roundTrip("[0:1]={1,2}"));
        assertEquals("{1,2}", roundTrip("[1:2]={1,2}"));
        assertEquals("[2:3][-1:0]={{1,2},{3,4}}", roundTrip("[2:3][-1:0]={{1,2},{3,4}}"));
        ArrayValue a = ArrayIO.in("[2:3]={1,2}", 23, INT);
        assertEquals("[2:3]", ArrayIO.dimsText(a));
    }

    @Test
    void quotingAndEscapes() {
        assertEquals("{\"a b\",\"\",\"NULL\",NULL,\"x\\\"y\",\"{\"}", text("{\"a b\", \"\", \"NULL\", NULL, x\\\"y, \"{\"}"));
        assertEquals("{ab}", text("{  ab  }"));
        assertEquals("{\"a \"}", text("{a\\ }"));
    }

    private static String detail(String s) {
        PgException e = assertThrows(PgException.class, () -> ArrayIO.in(s, 25, x -> x));
        assertEquals("22P02", e.sqlState());
        assertEquals("malformed array literal: \"" + s + "\"", e.getMessage());
        return e.detail();
    }

    @Test
    void malformedLiteralsAsPostgreSQLReportsThem() {
        assertEquals("Unexpected \"{\" character.", detail("{{1,{2}},{2,3}}"));
        assertEquals("Unexpected \"}\" character.", detail("{{},{}}"));
        assertEquals("Unexpected \"\\\" character.", detail("{{1,2},\\{2,3}}"));
        assertEquals("Unexpected array element.", detail("{{\"1 2\" x},{3}}"));
        assertEquals("Junk after closing right brace.", detail("{}}"));
        assertEquals("Junk after closing right brace.", detail("{ }}"));
        assertEquals("Array value must start with \"{\" or dimension information.", detail("1,2"));
        assertEquals("Multidimensional arrays must have sub-arrays with matching dimensions.", detail("{{1,2},{3}}"));
        assertEquals("Unexpected end of input.", detail("{1,2"));
        assertEquals("Specified array dimensions do not match array contents.", detail("[1:3]={1,2}"));
    }

    @Test
    void tooManyDimensions() {
        PgException e = assertThrows(PgException.class, () -> ArrayIO.in("{{{{{{{1}}}}}}}", 23, INT));
        assertEquals("54000", e.sqlState());
    }
}
