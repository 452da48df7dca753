package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * Ordered-set and hypothetical-set aggregates (WITHIN GROUP), ORDER BY ... USING and the
 * aggregate gaps around them, as a client sees them; expected values are PostgreSQL 15's.
 */
class OrderedSetAggregateEngineTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = new Sql();
        MemEnv env = new MemEnv();
        sql.env = env;
        sql.onError = env::abortCurrentCommand;
        sql.rows("create table t (g int, x int, s text)");
        sql.rows("insert into t values (1, 1, 'a'), (1, 1, 'b'), (1, 2, 'b'), (1, 2, null), (1, 3, 'c'), (1, 3, 'c'),"
                + " (1, 4, 'c'), (2, 10, 'z'), (2, null, 'y')");
    }

    @Test
    void percentilesOverGroups() {
        assertEquals(List.of("1|2|2", "2|10|10"), sql.rows(
                "select g, percentile_cont(0.5) within group (order by x), percentile_disc(0.5) within group (order by x)"
                        + " from t group by g order by g"));
        assertEquals(List.of("{1,2,4}|{1,2,4}"), sql.rows(
                "select percentile_cont(array[0, 0.5, 1]) within group (order by x),"
                        + " percentile_disc(array[0, 0.5, 1]) within group (order by x) from t where g = 1"));
        // descending input, interval interpolation, and an empty input
        assertEquals(List.of("3"), sql.rows("select percentile_cont(0.25) within group (order by x desc) from t where g = 1"));
        assertEquals(List.of("1 day 12:00:00"), sql.rows("select percentile_cont(0.5) within group (order by v)"
                + " from (values ('1 day'::interval), ('2 days')) w(v)"));
        assertEquals(List.of(""), sql.rows("select percentile_disc(0.5) within group (order by x) from t where g = 3"));
        assertEquals("22003: percentile value 1.5 is not between 0 and 1",
                sql.error("select percentile_cont(1.5) within group (order by x) from t").replaceAll(" @\\d+$", ""));
    }

    @Test
    void modeAndHypotheticalSetAggregates() {
        // mode: ties go to the value that sorts first; NULLs are not counted
        assertEquals(List.of("c"), sql.rows("select mode() within group (order by s) from t where g = 1"));
        assertEquals(List.of("5|3|0.5714285714285714|0.875"), sql.rows(
                "select rank(3) within group (order by x), dense_rank(3) within group (order by x),"
                        + " percent_rank(3) within group (order by x), cume_dist(3) within group (order by x)"
                        + " from t where g = 1"));
        // NULLs sort as the ORDER BY says, the hypothetical row as well
        assertEquals(List.of("2|1"), sql.rows("select rank(null::int) within group (order by x),"
                + " rank(null::int) within group (order by x nulls first) from t where g = 2"));
        assertEquals(List.of("2"), sql.rows("select rank('3') within group (order by x desc) from t where g = 1 and x > 2"));
    }

    @Test
    void directArgumentsUseGroupedColumns() {
        assertEquals(List.of("1|1", "2|1"), sql.rows(
                "select g, rank(g) within group (order by x) from t group by g order by g"));
        assertEquals("42803: column \"t.x\" must appear in the GROUP BY clause or be used in an aggregate function @13"
                        + " DETAIL Direct arguments of an ordered-set aggregate must use only grouped columns.",
                sql.error("select rank(x) within group (order by x) from t"));
        assertEquals("42803: aggregate function calls cannot be nested @13",
                sql.error("select rank(sum(x)) within group (order by x) from t"));
    }

    @Test
    void callsThatDoNotFitAreRefusedAsPostgreSQLDoes() {
        assertEquals("42809: WITHIN GROUP is required for ordered-set aggregate percentile_cont @8",
                sql.error("select percentile_cont(0.5, x) from t"));
        assertEquals("42809: sum is not an ordered-set aggregate, so it cannot have WITHIN GROUP @8",
                sql.error("select sum() within group (order by x) from t"));
        assertEquals("42601: cannot use multiple ORDER BY clauses with WITHIN GROUP @40",
                sql.error("select percentile_cont(0.5 order by x) within group (order by x) from t"));
        assertEquals("42883: function rank(integer, integer, text) does not exist @8",
                sql.error("select rank(1) within group (order by x, s) from t"));
        assertEquals("42804: WITHIN GROUP types text and integer cannot be matched @13",
                sql.error("select rank(1) within group (order by s) from t"));
        assertEquals("42809: OVER is not supported for ordered-set aggregate mode @8",
                sql.error("select mode() within group (order by x) over () from t"));
        // rank() without arguments is still the window function
        assertEquals(List.of("1", "1", "3"), sql.rows("select rank() over (order by x) from t where g = 1 and x < 3 and s is not null"
                + " order by 1"));
    }

    @Test
    void orderByUsing() {
        assertEquals(List.of("4", "3", "3", "2", "2"), sql.rows("select x from t where g = 1 and x > 1 order by x using >"));
        assertEquals(List.of("c,c,c,b,b,a"), sql.rows("select string_agg(s, ',' order by s using ~>~) from t"
                + " where g = 1"));
        assertEquals("42809: operator = is not a valid ordering operator @34",
                sql.error("select x from t order by x using ="));
    }

    @Test
    void aggregateGaps() {
        assertEquals(List.of("{2,3}|{1,2}"), sql.rows("select max(a), min(a) from (values (array[1,2]), (array[2,3]),"
                + " (array[1,2,0])) v(a)"));
        assertEquals(List.of("\\x612c62"), sql.rows("select string_agg(v::bytea, ',') from (values ('a'), ('b')) w(v)"));
        assertEquals(List.of("{1,2,3,NULL}"), sql.rows("select array_agg(distinct x) from"
                + " (values (2), (1), (null), (3), (2)) w(x)"));
        assertEquals("42883: function nosuch(integer) does not exist @8", sql.error("select nosuch(distinct 1)"));
    }
}
