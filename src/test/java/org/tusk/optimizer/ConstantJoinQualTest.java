package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * make_ands_implicit after eval_const_expressions: an ON condition that is (or folds to)
 * constant TRUE constrains nothing, so PostgreSQL's plan has no "Join Filter: true" and no
 * "Filter: true" on the scan it would have been pushed to.
 */
class ConstantJoinQualTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table a (x int)");
        sql.rows("create table b (y int)");
        sql.rows("insert into a values (1), (2)");
        sql.rows("insert into b values (2), (3)");
    }

    private List<String> explain(String query) {
        return sql.rows("explain (costs off) " + query);
    }

    @Test
    void leftJoinOnTrueHasNoJoinFilter() {
        assertEquals(List.of(
                "Nested Loop Left Join",
                "  ->  Seq Scan on a",
                "  ->  Materialize",
                "        ->  Seq Scan on b"), explain("select * from a left join b on true"));
        assertEquals(4, sql.rows("select * from a left join b on 1 = 1").size());
    }

    @Test
    void trueConjunctOfAnInnerJoinIsDropped() {
        List<String> plan = explain("select * from a join b on true and x = y");
        assertEquals(false, String.join("\n", plan).contains("true"), String.join("\n", plan));
        assertEquals(List.of("2"), sql.rows("select x from a join b on 1 = 1 and x = y"));
    }

    @Test
    void falseConjunctMakesTheWholeConditionFalse() {
        assertEquals(List.of("2"), sql.rows("select count(*) from a left join b on false and x = y"));
        assertEquals(List.of("0"), sql.rows("select count(*) from a join b on x = y and false"));
    }
}
