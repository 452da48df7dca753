package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.Sql;
import org.tusk.utils.error.PgException;

/**
 * What name resolution reports for columns it cannot use: errorMissingColumn's hints (an
 * invisible column of that exact name, or the one or two closest names) and check_lateral_ref_ok
 * for the target of UPDATE/DELETE named from a LATERAL item of FROM/USING.
 */
class ColumnReferenceErrorsTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory();
        sql.rows("create table t1 (a int, b int)");
        sql.rows("create table t3 (x int, y int)");
        sql.rows("create table tk1 (unique1 int, two int)");
        sql.rows("create table tk2 (unique1 int, two int)");
        sql.rows("create table xx1 (x1 int, x2 int)");
    }

    private String messageAndHint(String query) {
        PgException e = sql.exception(query);
        return e.sqlState() + ": " + e.getMessage() + (e.hint() != null ? " HINT " + e.hint() : "");
    }

    @Test
    void qualifiedMissingColumnSuggestsTheSameColumnOfAnotherEntry() {
        assertEquals("42703: column t1.x does not exist HINT Perhaps you meant to reference the column \"t3.x\".",
                messageAndHint("select t1.x from t1 join t3 on (t1.a = t3.x)"));
    }

    @Test
    void misspelledColumnSuggestsTheClosestName() {
        assertEquals("42703: column t1.uunique1 does not exist HINT Perhaps you meant to reference the column \"t1.unique1\".",
                messageAndHint("select t1.uunique1 from tk1 t1 join tk2 t2 on t1.two = t2.two"));
        assertEquals("42703: column t2.uunique1 does not exist HINT Perhaps you meant to reference the column \"t2.unique1\".",
                messageAndHint("select t2.uunique1 from tk1 t1 join tk2 t2 on t1.two = t2.two"));
    }

    @Test
    void twoEquallyCloseColumnsAreBothSuggested() {
        assertEquals("42703: column \"uunique1\" does not exist HINT Perhaps you meant to reference the column \"t1.unique1\""
                        + " or the column \"t2.unique1\".",
                messageAndHint("select uunique1 from tk1 t1 join tk2 t2 on t1.two = t2.two"));
    }

    @Test
    void distantNamesAreNotSuggested() {
        assertNull(sql.exception("select abc from tk1").hint());
        // more than half of the name would change
        assertNull(sql.exception("select uniq from tk1").hint());
    }

    @Test
    void threeEquallyCloseColumnsSuggestNone() {
        sql.rows("create table tk3 (unique1 int)");
        assertNull(sql.exception("select uunique1 from tk1, tk2, tk3").hint());
    }

    @Test
    void invisibleColumnOfExactlyThatName() {
        assertEquals("42703: column \"x1\" does not exist HINT There is a column named \"x1\" in table \"xx1\","
                        + " but it cannot be referenced from this part of the query.",
                messageAndHint("update xx1 set x2 = 0 from (select * from t1 where a = x1) ss"));
    }

    @Test
    void lateralReferenceToTheUpdateTargetIsAnInvalidReference() {
        String expected = "42P10: invalid reference to FROM-clause entry for table \"xx1\" HINT There is an entry for"
                + " table \"xx1\", but it cannot be referenced from this part of the query.";
        assertEquals(expected, messageAndHint("update xx1 set x2 = 0 from lateral (select * from t1 where a = x1) ss"));
        assertEquals(expected, messageAndHint("update xx1 set x2 = 0 from lateral (select * from t1 where a = xx1.x1) ss"));
        assertEquals(expected, messageAndHint("delete from xx1 using lateral (select * from t1 where a = x1) ss"));
        assertEquals(expected, messageAndHint("update xx1 set x2 = 0 from generate_series(1, x1) g"));
    }

    @Test
    void lateralReferencesAmongFromItemsStillWork() {
        sql.rows("insert into xx1 values (1, 0)");
        sql.rows("insert into t1 values (1, 5)");
        sql.rows("insert into t3 values (1, 1)");
        sql.rows("update xx1 set x2 = ss.y from t1, lateral (select * from t3 where t3.x = t1.a) ss where ss.x = x1");
        assertEquals(List.of("1|1"), sql.rows("select * from xx1"));
    }
}
