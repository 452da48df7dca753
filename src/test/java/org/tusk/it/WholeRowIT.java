package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole-row references to a table ({@code t.*}, a bare table name as a value) over the wire: the
 * row of a table an outer join null-extends is NULL, not a row of NULLs, while a stored row of
 * NULLs stays a (non-NULL) row; EXPLAIN and view definitions print {@code t.*}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WholeRowIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table w1 (a int, b text)");
            s.execute("create table w2 (a int, c text)");
            s.execute("insert into w1 values (1, 'x'), (2, 'y'), (3, 'z')");
            s.execute("insert into w2 values (1, 'p'), (null, null)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void countOfNullExtendedRowIsZero() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("1|1", "2|0", "3|0"), Jdbc.rowsShowingNull(c,
                    "select w1.a, count(w2.*) from w1 left join w2 on w1.a = w2.a group by w1.a order by 1"));
        }
    }

    @Test
    void nullExtendedRowIsNullButStoredNullRowIsNot() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("(1,x)|(1,p)|f", "(2,y)|null|t", "(3,z)|null|t"), Jdbc.rowsShowingNull(c,
                    "select w1, w2, w2 is null from w1 left join w2 on w1.a = w2.a order by w1.a"));
            // a stored row of NULLs is a row: counted, printed as (,), though IS NULL holds field-wise
            assertEquals(List.of("(1,p)|f", "(,)|t"), Jdbc.rowsShowingNull(c, "select w2::text, w2 is null from w2 order by a nulls last"));
            assertEquals(List.of("2"), Jdbc.rowsShowingNull(c, "select count(w2.*) from w2"));
        }
    }

    @Test
    void fieldsOfWholeRowAndRowConstructor() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("1|(1,p)", "2|(,)", "3|(,)"), Jdbc.rowsShowingNull(c,
                    "select w1.a, row(w2.*) from w1 left join w2 on w1.a = w2.a order by w1.a"));
            assertEquals(List.of("1|p", "2|null", "3|null"), Jdbc.rowsShowingNull(c,
                    "select w1.a, (w2).c from w1 left join w2 on w1.a = w2.a order by w1.a"));
        }
    }

    @Test
    void explainAndViewDefinitionPrintStar() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            String plan = String.join("\n", Jdbc.rowsShowingNull(c,
                    "explain (verbose, costs off) select w1.a, count(w2.*) from w1 left join w2 on w1.a = w2.a group by w1.a"));
            assertTrue(plan.contains("count(w2.*)"), plan);
            s.execute("create view wv as select w1, w1.a from w1");
            assertEquals(List.of(" SELECT w1.*::w1 AS w1,\n    w1.a\n   FROM w1;"), Jdbc.rowsShowingNull(c, "select pg_get_viewdef('wv')"));
        }
    }

    @Test
    void indexOnCompositeColumnUsesRecordOps() throws Exception {
        // btree's default operator class for every composite type is record_ops (btrecordcmp), as
        // in PostgreSQL 15: the index is created and orders the values field by field.
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create type wpair as (i int, t text)");
            s.execute("create table wtab (p wpair)");
            s.execute("insert into wtab values (row(2, 'b')), (row(1, 'b')), (row(1, 'a'))");
            s.execute("create index wtab_p on wtab (p)");
            assertEquals(List.of("record_ops"), TuskServer.rows(c, "select opcname from pg_index i join pg_opclass o"
                    + " on o.oid = i.indclass[0] where indexrelid = 'wtab_p'::regclass"));
            assertEquals(List.of("(1,a)", "(1,b)", "(2,b)"), TuskServer.rows(c, "select p from wtab order by p"));
            assertEquals(List.of("(1,b)"), TuskServer.rows(c, "select p from wtab where p = row(1, 'b')::wpair"));
        }
    }

    @Test
    void starInAValuesListExpandsIntoColumns() throws Exception {
        try (Connection c = server.connect()) {
            // transformValuesClause: t.* in a VALUES row is t's columns, as in a select list
            assertEquals(List.of("1|x|1|x", "2|y|2|y", "3|z|3|z"), Jdbc.rowsShowingNull(c,
                    "select * from w1 n, lateral (values (n.*)) v order by 1"));
            assertEquals(List.of("1|x|1|x|5", "1|x|7|q|8"), Jdbc.rowsShowingNull(c,
                    "select * from (select * from w1 where a = 1) n, lateral (values (n.*, 5), (7, 'q', 8)) v order by 3"));
            // the lists are compared after the expansion
            assertEquals("VALUES lists must all be the same length", Jdbc.failsMessage(c,
                    "select * from w1 n, lateral (values (n.*), (1)) v", "42601"));
        }
    }
}
