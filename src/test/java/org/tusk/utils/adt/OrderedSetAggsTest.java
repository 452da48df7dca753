package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** The final functions of orderedsetaggs.c over sorted input; expected values are PostgreSQL 15's. */
class OrderedSetAggsTest {
    private static final List<Object> ONE_TO_FIVE = List.of(1.0, 2.0, 3.0, 4.0, 5.0);

    @Test
    void percentileDiscTakesTheFirstRowAtOrPastTheFraction() {
        assertEquals(1.0, OrderedSetAggs.percentileDisc(0.0, ONE_TO_FIVE));
        assertEquals(1.0, OrderedSetAggs.percentileDisc(0.2, ONE_TO_FIVE));
        assertEquals(2.0, OrderedSetAggs.percentileDisc(0.21, ONE_TO_FIVE));
        assertEquals(5.0, OrderedSetAggs.percentileDisc(1.0, ONE_TO_FIVE));
        assertNull(OrderedSetAggs.percentileDisc(null, ONE_TO_FIVE));
        assertNull(OrderedSetAggs.percentileDisc(0.5, List.of()));
    }

    @Test
    void percentileContInterpolates() {
        assertEquals(1.4, (Double) OrderedSetAggs.percentileCont(0.1, ONE_TO_FIVE, OrderedSetAggs.FLOAT8_LERP), 1e-12);
        assertEquals(3.0, OrderedSetAggs.percentileCont(0.5, ONE_TO_FIVE, OrderedSetAggs.FLOAT8_LERP));
        assertEquals(new Interval(0, 1, 12 * Interval.USECS_PER_HOUR), OrderedSetAggs.percentileCont(0.5,
                List.of(new Interval(0, 1, 0), new Interval(0, 2, 0)), OrderedSetAggs.INTERVAL_LERP));
        PgException e = assertThrows(PgException.class,
                () -> OrderedSetAggs.percentileCont(-0.5, ONE_TO_FIVE, OrderedSetAggs.FLOAT8_LERP));
        assertEquals("percentile value -0.5 is not between 0 and 1", e.getMessage());
    }

    @Test
    void arrayFormsKeepTheShapeAndNulls() {
        ArrayValue ps = new ArrayValue(701, new int[] {2}, new int[] {1}, new Object[] {0.75, null});
        ArrayValue r = OrderedSetAggs.percentileDiscMulti(ps, ONE_TO_FIVE, 701);
        assertEquals(List.of(4.0, "null"), List.of(r.get(0), String.valueOf(r.get(1))));
        assertNull(OrderedSetAggs.percentileContMulti(ps, List.of(), 701, OrderedSetAggs.FLOAT8_LERP));
    }

    @Test
    void modePrefersTheFirstOfEquallyFrequentValues() {
        Comparator<Object> cmp = Comparisons::compare;
        assertEquals(2, OrderedSetAggs.mode(List.of(1, 2, 2, 3, 3), cmp));
        assertEquals(3, OrderedSetAggs.mode(List.of(1, 2, 3, 3), cmp));
        assertNull(OrderedSetAggs.mode(List.of(), cmp));
    }

    @Test
    void hypotheticalRanks() {
        List<Object[]> rows = new ArrayList<>();
        for (int v : new int[] {1, 1, 2, 2, 3, 3, 4}) rows.add(new Object[] {v});
        Comparator<Object[]> asc = (x, y) -> Comparisons.compare(x[0], y[0]);
        Object[] three = {3};
        assertEquals(5, OrderedSetAggs.rank(three, rows, asc));
        assertEquals(3, OrderedSetAggs.denseRank(three, rows, asc));
        assertEquals(0.875, OrderedSetAggs.cumeDist(three, rows, asc));
        assertEquals(4.0 / 7, OrderedSetAggs.percentRank(three, rows, asc));
        assertEquals(0.0, OrderedSetAggs.percentRank(three, List.of(), asc));
    }

    @Test
    void percentilesPrintLikeCPercentG() {
        assertEquals("1.5", OrderedSetAggs.formatG(1.5));
        assertEquals("0.123457", OrderedSetAggs.formatG(0.1234567));
        assertEquals("1e+10", OrderedSetAggs.formatG(1e10));
        assertEquals("nan", OrderedSetAggs.formatG(Double.NaN));
    }
}
