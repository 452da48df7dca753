package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

class RowTypesTest {
    private static final List<Integer> INT_TEXT = List.of(23, 25);

    private static RecordValue in(String s) {
        return RowTypes.recordIn(s, 99999, INT_TEXT, List.of(-1, -1),
                (t, m, x) -> t == 23 ? (Object) Integer.parseInt(x.trim()) : x);
    }

    private static String out(RecordValue r) {
        return r.out((t, v) -> v.toString());
    }

    @Test
    void recordInReadsQuotesEscapesAndNulls() {
        assertEquals(Arrays.asList(1, "a b"), in(" (1,\"a b\") ").values());
        assertEquals(Arrays.asList(1, "q\"r\\s"), in("(1,\"q\"\"r\\\\s\")").values());
        assertEquals(Arrays.asList(null, ""), in("(,\"\")").values());
        assertEquals(99999, in("(1,x)").typeOid());
    }

    @Test
    void recordInErrorsAreRecordInsDetails() {
        assertEquals("Missing left parenthesis.", assertThrows(PgException.class, () -> in("1,x)")).detail());
        assertEquals("Too few columns.", assertThrows(PgException.class, () -> in("(1)")).detail());
        assertEquals("Too many columns.", assertThrows(PgException.class, () -> in("(1,x,y)")).detail());
        assertEquals("Unexpected end of input.", assertThrows(PgException.class, () -> in("(1,\"x")).detail());
        PgException e = assertThrows(PgException.class, () -> in("(1,x) junk"));
        assertEquals("Junk after right parenthesis.", e.detail());
        assertEquals("22P02", e.sqlState());
        assertEquals("malformed record literal: \"(1,x) junk\"", e.getMessage());
    }

    @Test
    void recordOutQuotesWhatRecordInNeedsQuoted() {
        RecordValue r = new RecordValue(List.of(23, 25, 25, 25, 25), Arrays.asList(1, "abc", null, "", "a\"b c"));
        assertEquals("(1,abc,,\"\",\"a\"\"b c\")", out(r));
        assertEquals(r.values(), RowTypes.recordIn(out(r), 1, r.types(), List.of(-1, -1, -1, -1, -1),
                (t, m, x) -> t == 23 ? (Object) Integer.parseInt(x) : x).values());
    }

    @Test
    void orderingIsColumnWiseWithNullsLast() {
        RecordValue a = new RecordValue(INT_TEXT, Arrays.asList(1, "b"));
        RecordValue b = new RecordValue(INT_TEXT, Arrays.asList(1, "c"));
        RecordValue n = new RecordValue(INT_TEXT, Arrays.asList(1, null));
        assertTrue(RowTypes.cmp(a, b) < 0);
        assertTrue(RowTypes.cmp(b, n) < 0);
        assertEquals(0, RowTypes.cmp(n, new RecordValue(INT_TEXT, Arrays.asList(1, null))));
        // numerics of different scale are equal and hash alike, as record_eq and hashing need
        RecordValue x = new RecordValue(List.of(1700), List.of(new BigDecimal("1.0")));
        RecordValue y = new RecordValue(List.of(1700), List.of(new BigDecimal("1.00")));
        assertEquals(x, y);
        assertEquals(x.hashCode(), y.hashCode());
        assertNotEquals(a, b);
    }

    @Test
    void dissimilarColumnTypesCannotBeCompared() {
        RecordValue a = new RecordValue(List.of(23), List.of(1));
        RecordValue b = new RecordValue(List.of(16), List.of(true));
        PgException e = assertThrows(PgException.class, () -> RowTypes.checkComparable(a, b, t -> t == 23 ? "integer" : "boolean"));
        assertEquals("cannot compare dissimilar column types integer and boolean at record column 1", e.getMessage());
        PgException w = assertThrows(PgException.class, () -> RowTypes.checkComparable(a,
                new RecordValue(List.of(23, 23), List.of(1, 2)), t -> "integer"));
        assertEquals("cannot compare record types with different numbers of columns", w.getMessage());
    }
}
