package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.Sql;
import org.tusk.utils.error.PgException;

/**
 * WITH analysis (parse_cte.c): the order WITH RECURSIVE items are analysed in, the
 * well-formedness errors of recursive queries with PostgreSQL's texts and positions, the
 * non-recursive term's type and typmod rule, and forward references in a plain WITH. Expected
 * texts are PostgreSQL 15's.
 */
class CteAnalysisTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory();
        sql.rows("create table g (f int, t int)");
        sql.rows("insert into g values (1, 2), (2, 3)");
    }

    @Test
    void recursiveWithReadsLaterItems() {
        assertEquals(List.of("1", "2", "3"), sql.rows("with recursive x(id) as (select * from y union all "
                + "select id + 1 from x where id < 3), y(id) as (values (1)) select * from x"));
        // a WITH on the recursive UNION itself is visible to its non-recursive term
        assertEquals(List.of("3"), sql.rows("with recursive t(j) as (with recursive s(i) as (values (1) union all "
                + "select i + 1 from s where i < 2) select i from s union all select j + 1 from t where j < 2) "
                + "select count(*) from t"));
    }

    @Test
    void mutualRecursionIsRefusedAtTheFirstItemLeft() {
        assertEquals("0A000: mutual recursion between WITH items is not implemented @16",
                sql.error("with recursive x(id) as (select 1 union all select id + 1 from y where id < 5), "
                        + "y(id) as (select 1 union all select id + 1 from x where id < 5) select * from x"));
    }

    @Test
    void wellFormedRecursionErrors() {
        String base = "with recursive foo(i) as (values (1) union all (select i + 1 from foo where i < 10 ";
        assertEquals("42P19: recursive reference to query \"foo\" must not appear more than once @112",
                sql.error(base + "intersect select i + 1 from foo where i < 5)) select * from foo"));
        assertEquals("42P19: recursive reference to query \"foo\" must not appear within INTERSECT @67",
                sql.error(base + "intersect all select i + 1 from foo where i < 5)) select * from foo"));
        assertEquals("42P19: recursive reference to query \"foo\" must not appear within EXCEPT @109",
                sql.error(base + "except select i + 1 from foo where i < 5)) select * from foo"));
        // exprLocation of a locking clause is unknown: no position
        assertEquals("0A000: FOR UPDATE/SHARE in a recursive query is not implemented",
                sql.error("with recursive x(n) as (select 1 union all select n + 1 from x for update) select * from x"));
    }

    @Test
    void dataModifyingRecursiveQueryIsRefused() {
        assertEquals("42P19: recursive query \"t\" must not contain data-modifying statements @16",
                sql.error("with recursive t as (insert into g select * from t) values (false)"));
        // the DELETE after a nested WITH parses, and its reference through the nested WITH counts
        assertEquals("42P19: recursive query \"x\" must not contain data-modifying statements @16",
                sql.error("with recursive x(n) as (with sub as (select * from x) delete from g returning f) select * from x"));
    }

    @Test
    void nonRecursiveTermMustHaveTheOverallTypmod() {
        PgException e = sql.exception("with recursive foo(i) as (select i::numeric(3,0) from (values (1), (2)) t(i) "
                + "union all select (i + 1)::numeric(10,0) from foo where i < 10) select * from foo");
        assertEquals("recursive query \"foo\" column 1 has type numeric(3,0) in non-recursive term but type numeric overall",
                e.getMessage());
        assertEquals("42804", e.sqlState());
        assertEquals(34, e.position());
        assertEquals("Cast the output of the non-recursive term to the correct type.", e.hint());
    }

    @Test
    void forwardReferenceInPlainWithNamesTheItem() {
        PgException e = sql.exception("with a as (select * from b), b as (select 1) select * from a");
        assertEquals("42P01: relation \"b\" does not exist @26", e.sqlState() + ": " + e.getMessage() + " @" + e.position());
        assertEquals("There is a WITH item named \"b\", but it cannot be referenced from this part of the query.", e.detail());
        assertEquals("Use WITH RECURSIVE, or re-order the WITH items to remove forward references.", e.hint());
    }

    @Test
    void dataModifyingTargetIsNeverAWithQuery() {
        sql.rows("create table w (i int)");
        assertEquals(List.of(), sql.rows("with w as (select 42) insert into w select * from w"));
        assertEquals(List.of("42"), sql.rows("select * from w"));
    }
}
