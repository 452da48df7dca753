package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** range_parse and range_out's punctuation, quoting and error details. */
class RangeIOTest {
    @Test
    void parsesBoundsQuotesAndEmpty() {
        assertEquals(new RangeIO.Parsed(true, false, false, null, null), RangeIO.parse("  EmPtY "));
        assertEquals(new RangeIO.Parsed(false, true, false, "1", "5"), RangeIO.parse(" [1,5) "));
        assertEquals(new RangeIO.Parsed(false, false, true, null, "5"), RangeIO.parse("[,5]"));
        assertEquals(new RangeIO.Parsed(false, false, true, "a b", "c\"d"), RangeIO.parse("(\"a b\",\"c\"\"d\"]"));
        assertEquals(new RangeIO.Parsed(false, true, true, "a,b", ""), RangeIO.parse("[a\\,b,\"\"]"));
    }

    @Test
    void malformedLiteralsCarryPostgresDetails() {
        assertDetail("1,5)", "Missing left parenthesis or bracket.");
        assertDetail("[1;5)", "Missing comma after lower bound.");
        assertDetail("[1,5,6)", "Too many commas.");
        assertDetail("[1,5) x", "Junk after right parenthesis or bracket.");
        assertDetail("[1,\"5", "Unexpected end of input.");
        assertDetail("empty x", "Missing left parenthesis or bracket.");
    }

    private static void assertDetail(String text, String detail) {
        PgException e = assertThrows(PgException.class, () -> RangeIO.parse(text));
        assertEquals("malformed range literal: \"" + text + "\"", e.getMessage());
        assertEquals(detail, e.detail());
        assertEquals("22P02", e.sqlState());
    }

    @Test
    void outputQuotesWhatNeedsIt() {
        assertEquals("empty", RangeIO.out(Ranges.empty(RangeTypes.INT4RANGE), String::valueOf));
        RangeValue r = new RangeValue(RangeTypes.NUMRANGE, RangeValue.LB_INC | RangeValue.UB_INF, "a \"b\\", null);
        assertEquals("[\"a \"\"b\\\\\",)", RangeIO.out(r, String::valueOf));
        r = new RangeValue(RangeTypes.NUMRANGE, RangeValue.UB_INC, "", "x");
        assertEquals("(\"\",x]", RangeIO.out(r, String::valueOf));
    }
}
