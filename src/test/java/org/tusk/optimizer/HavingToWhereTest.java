package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * subquery_planner's HAVING-to-WHERE transfer: where each HAVING conjunct is evaluated, and
 * that the rows stay PostgreSQL 15's. Expected plans are PostgreSQL 15's.
 */
class HavingToWhereTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table h (a int, b int)");
        sql.rows("insert into h values (1, 10), (2, 20), (2, 30), (3, 40)");
    }

    private List<String> plan(String q) {
        return sql.rows("explain (costs off) " + q);
    }

    @Test
    void aClauseWithoutAggregatesMovesToWhereUnderGroupBy() {
        String q = "select a, count(*) from h group by a having a > 1 order by a";
        assertEquals(List.of("Sort", "  Sort Key: a", "  ->  HashAggregate", "        Group Key: a",
                "        ->  Seq Scan on h", "              Filter: (a > 1)"), plan(q));
        assertEquals(List.of("2|2", "3|1"), sql.rows(q));
    }

    @Test
    void aggregatesAndVolatileFunctionsStayInHaving() {
        List<String> p = plan("select a from h group by a having a > 1 and count(*) > 1 and a < random() * 10");
        assertEquals(List.of("HashAggregate", "  Group Key: a",
                "  Filter: ((count(*) > 1) AND ((a)::double precision < (random() * '10'::double precision)))",
                "  ->  Seq Scan on h", "        Filter: (a > 1)"), p);
    }

    @Test
    void withoutGroupByACopyStaysInHaving() {
        // the one group must still disappear when the clause is false, even over no rows
        String q = "select count(*) from h having 1 < 0";
        assertEquals(List.of(), sql.rows(q));
        assertEquals(List.of("4"), sql.rows("select count(*) from h having 1 > 0"));
        assertEquals(List.of("Aggregate", "  ->  Seq Scan on h"), plan("select count(*) from h having 1 > 0"));
    }

    @Test
    void groupingSetsKeepTheClauseInHaving() {
        String q = "select a, count(*) from h group by rollup (a) having a is distinct from 2 order by a";
        assertEquals(List.of("1|1", "3|1", "|4"), sql.rows(q));
        assertEquals("        Filter: (a IS DISTINCT FROM 2)", plan(q).get(5));
    }

    @Test
    void anEmptyGroupingSetIsShownAsItsGroupKey() {
        assertEquals(List.of("Aggregate", "  Group Key: ()", "  ->  Seq Scan on h"),
                plan("select count(*) from h group by ()"));
        sql.rows("delete from h");
        assertEquals(List.of("0"), sql.rows("select count(*) from h group by ()"));
        assertEquals(List.of(), sql.rows("select count(*) from h group by () having count(*) > 0"));
    }
}
