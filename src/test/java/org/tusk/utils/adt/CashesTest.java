package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** cash_in/cash_out in the C locale, the arithmetic's rounding and range errors, cash_words. */
class CashesTest {
    private static String io(String s) { return Cashes.out(Cashes.in(s)); }

    private static void fails(String sqlState, String message, Runnable r) {
        PgException e = assertThrows(PgException.class, r::run);
        assertEquals(message, e.getMessage());
        assertEquals(sqlState, e.sqlState());
    }

    @Test
    void inputAndOutput() {
        assertEquals("$123.00", io("123"));
        assertEquals("$1,234.56", io("$1,234.56"));
        assertEquals("-$123,456.78", io("($123,456.78)"));
        assertEquals("-$1.00", io("(1)"));
        assertEquals("$123.46", io("$123.455"));
        assertEquals("$123.45", io("$123.454"));
        assertEquals("-$12.35", io("-12.345"));
        assertEquals("-$92,233,720,368,547,758.08", io("-92233720368547758.08"));
        assertEquals("$92,233,720,368,547,758.07", io("92233720368547758.07"));
        assertEquals("$0.05", io("0.05"));
        fails("22003", "value \"92233720368547758.08\" is out of range for type money", () -> Cashes.in("92233720368547758.08"));
        fails("22003", "value \"123456789012345678\" is out of range for type money", () -> Cashes.in("123456789012345678"));
        fails("22P02", "invalid input syntax for type money: \"12x\"", () -> Cashes.in("12x"));
    }

    @Test
    void arithmetic() {
        Cash c = Cashes.in("878.08");
        assertEquals("$79.83", Cashes.out(Cashes.divide(c, 11.0)));
        assertEquals("$79.82", Cashes.out(Cashes.divide(c, 11L)));
        assertEquals("$1,756.16", Cashes.out(Cashes.multiply(c, 2L)));
        assertEquals(0.5, Cashes.divide(Cashes.in("1"), Cashes.in("2")));
        fails("22012", "division by zero", () -> Cashes.divide(c, 0L));
        fails("22003", "money out of range", () -> Cashes.plus(Cashes.in("92233720368547758.07"), Cashes.in("0.01")));
        assertEquals(new BigDecimal("878.08"), Cashes.toNumeric(c));
        assertEquals(c, Cashes.fromNumeric(new BigDecimal("878.075")));
        assertEquals("$3.00", Cashes.out(Cashes.fromLong(3)));
    }

    @Test
    void words() {
        assertEquals("One hundred twenty three dollars and zero cents", Cashes.words(Cashes.in("123")));
        assertEquals("One hundred twenty four dollars and twenty three cents", Cashes.words(Cashes.in("124.23")));
        assertEquals("One hundred and five dollars and one cent", Cashes.words(Cashes.in("105.01")));
        assertEquals("Minus one million  dollars and one cent", Cashes.words(Cashes.in("-1000000.01")));
        assertEquals("Zero dollars and one cent", Cashes.words(Cashes.in("0.01")));
        assertEquals("One dollar and zero cents", Cashes.words(Cashes.in("1")));
    }
}
