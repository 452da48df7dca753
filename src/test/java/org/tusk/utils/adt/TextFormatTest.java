package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

class TextFormatTest {
    private static String f(String fmt, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = fmt;
        System.arraycopy(args, 0, all, 1, args.length);
        return TextFormat.format(fmt, all, 1);
    }

    @Test
    void specifiers() {
        assertEquals("Hello %", f("Hello %%"));
        assertEquals("INSERT INTO mytab VALUES('10',NULL)", f("INSERT INTO %I VALUES(%L,%L)", "mytab", "10", null));
        assertEquals("Hello World World Hello again", f("Hello %s %1$s %s", "World", "Hello again"));
        assertEquals("1 12", f("%1$s %12$s", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"));
        assertEquals("|       foo|", f("|%10s|", "foo"));
        assertEquals("|foo       |", f("|%-10s|", "foo"));
        assertEquals("|foo       |", f("|%*s|", "-10", "foo"));
        assertEquals("\"Hello World\"", f("%I", "Hello World"));
        assertEquals("E'\\\\'", f("%L", "\\"));
    }

    @Test
    void errors() {
        assertEquals("too few arguments for format()", assertThrows(PgException.class, () -> f("Hello %s %s", "World")).getMessage());
        PgException e = assertThrows(PgException.class, () -> f("Hello %x", "20"));
        assertEquals("unrecognized format() type specifier \"x\"", e.getMessage());
        assertEquals("For a single \"%\" use \"%%\".", e.hint());
        assertEquals("format specifies argument 0, but arguments are numbered from 1",
                assertThrows(PgException.class, () -> f("%*0$s", "Hello")).getMessage());
        assertEquals("unterminated format() type specifier", assertThrows(PgException.class, () -> f("%1$1", "1")).getMessage());
        assertEquals("null values cannot be formatted as an SQL identifier",
                assertThrows(PgException.class, () -> f("%I", (Object) null)).getMessage());
    }

    @Test
    void stringFunctions() {
        assertEquals("edcba", StringFuncs.reverse("abcde"));
        assertEquals("aho", StringFuncs.left("ahoj", -1));
        assertEquals("", StringFuncs.left("ahoj", -5));
        assertEquals("hoj", StringFuncs.right("ahoj", 3));
        assertEquals("'abc'''", StringFuncs.quoteLiteral("abc'"));
        assertEquals("1,2,3", StringFuncs.concatWs(new Object[] {",", "1", null, "2", "3"}));
        assertNull(StringFuncs.concatWs(new Object[] {null, "1"}));
        assertEquals("def", StringFuncs.splitPart("abc~@~def~@~ghi", "~@~", 2));
        assertEquals("ghi", StringFuncs.splitPart("abc~@~def~@~ghi", "~@~", -1));
        assertEquals("a2x5", StringFuncs.translate("12345", "143", "ax"));
        assertEquals("xyxhi", StringFuncs.pad("hi", 5, "xy", true));
        assertEquals("Hi Thomas", StringFuncs.initcap("hi THOMAS"));
        assertEquals(3, StringFuncs.strpos("abcdef", "cd"));
        assertThrows(PgException.class, () -> StringFuncs.chr(0));
    }

    @Test
    void floatMath() {
        assertEquals("cannot take logarithm of zero", assertThrows(PgException.class, () -> FloatMath.log(0, false)).getMessage());
        assertEquals(Double.POSITIVE_INFINITY, FloatMath.atanh(1.0));
        assertThrows(PgException.class, () -> FloatMath.acosh(0.5));
        assertThrows(PgException.class, () -> FloatMath.exp(1000));
        assertEquals(0.881373587019543, FloatMath.asinh(1.0), 1e-15);
        assertEquals(-1.0, FloatMath.sign(-3.5));
    }
}
