package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** generate_series as PostgreSQL 15 computes it (values checked against a PostgreSQL server). */
class GenerateSeriesTest {
    private static List<Object> all(Iterator<Object> it) {
        List<Object> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void integerSeriesStopAtTheEndOfTheirRangeInsteadOfOverflowing() {
        assertEquals(List.of(2147483646, 2147483647), all(GenerateSeries.int4(2147483646, 2147483647, 1)));
        assertEquals(List.of(-2147483647, -2147483648), all(GenerateSeries.int4(-2147483647, -2147483648, -1)));
        assertEquals(List.of(Long.MAX_VALUE - 1, Long.MAX_VALUE), all(GenerateSeries.int8(Long.MAX_VALUE - 1, Long.MAX_VALUE, 1)));
        assertEquals(List.of(1, 5, 9), all(GenerateSeries.int4(1, 10, 4)));
        assertEquals(List.of(), all(GenerateSeries.int4(3, 1, 1)));
    }

    @Test
    void aZeroStepIsRefused() {
        PgException e = assertThrows(PgException.class, () -> GenerateSeries.int4(1, 3, 0));
        assertEquals("22023", e.sqlState());
        assertEquals("step size cannot equal zero", e.getMessage());
        assertThrows(PgException.class, () -> GenerateSeries.timestamp(LocalDateTime.of(2020, 1, 1, 0, 0),
                LocalDateTime.of(2020, 1, 2, 0, 0), new Interval(0, 0, 0)));
    }

    @Test
    void numericValuesKeepTheLargerScale() {
        assertEquals(List.of("0.5", "1.0", "1.5", "2.0"), all(GenerateSeries.numeric(new BigDecimal("0.5"), new BigDecimal("2"),
                new BigDecimal("0.5"))).stream().map(Object::toString).toList());
    }

    @Test
    void timestampStepsAddToThePreviousValue() {
        // PostgreSQL adds the step to the previous value: Jan 31 + 1 month = Feb 29, then Mar 29
        assertEquals(List.of(LocalDateTime.of(2020, 1, 31, 0, 0), LocalDateTime.of(2020, 2, 29, 0, 0),
                        LocalDateTime.of(2020, 3, 29, 0, 0), LocalDateTime.of(2020, 4, 29, 0, 0)),
                all(GenerateSeries.timestamp(LocalDateTime.of(2020, 1, 31, 0, 0), LocalDateTime.of(2020, 4, 30, 0, 0),
                        new Interval(1, 0, 0))));
    }

    @Test
    void aHugeSeriesIsProducedOnDemand() {
        Iterator<Object> it = GenerateSeries.int8(1, Long.MAX_VALUE, 1);
        assertEquals(1L, it.next());
        assertEquals(2L, it.next());
        assertTrue(it.hasNext());
    }
}
