package org.tusk.it;

import static org.tusk.it.Jdbc.error;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.rowsShowingNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Composite types on a real server through pgjdbc: row constructors and their text form, row
 * comparison, whole-row references, CREATE TYPE AS, composite columns stored and read back,
 * field selection and assignment, multiple-column UPDATE. The expected outputs are PostgreSQL
 * 15's for the same statements.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RowTypesIT extends OneServerPerClass {

    @Test
    void rowConstructorsAndComparisons() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("(1,abc,,\"a b\")"), rowsShowingNull(c, "select row(1,'abc', null, 'a b')"));
            assertEquals(List.of("t|t|null|f|t|f"), rowsShowingNull(c, "select (1,2) = (1,2), (1,2) < (1,3), (1,null) = (1,2), "
                    + "row(1,2) is null, row(null,null) is null, row(1,null) is not null"));
            assertEquals(List.of("t|t"), rowsShowingNull(c, "select (1,'a') is distinct from (1,'b'), (1,'a') is not distinct from (1,'a')"));
            assertEquals(List.of("t"), rowsShowingNull(c, "select (1,2) in (select 1,2)"));
            assertEquals(List.of("{\"f1\":1,\"f2\":\"foo\"}"), rowsShowingNull(c, "select row_to_json(row(1,'foo'))"));
            assertEquals(List.of("{\"a\":1,\n \"r\":{\"f1\":2,\"f2\":\"z\"}}"),
                    rowsShowingNull(c, "select row_to_json(q, true) from (select 1 as a, row(2, 'z') as r) q"));
            assertEquals(List.of("3|4"), rowsShowingNull(c, "select * from (values (1,2),(3,4)) v(a,b) where (a,b) > (1,2)"));
            SQLException e = error(c, "select (1,2,3) = (1,2)");
            assertEquals("42601", e.getSQLState());
            assertEquals("unequal number of entries in row expressions",
                    ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getMessage());
            assertEquals(16, ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getPosition());
            assertEquals("42804", error(c, "select (1,'a') + (1,'a')").getSQLState());
        }
    }

    @Test
    void compositeTypesAndColumns() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create type cpx as (r float8, i float8)",
                    "create table ctab (id int, c cpx, t text)",
                    "insert into ctab values (1, row(1.5, 2), 'a'), (2, '(3,4)', 'b'), (3, null, 'c'), (4, row(null, 5), 'd')");
            assertEquals(List.of("1|(1.5,2)|a", "2|(3,4)|b", "3|null|c", "4|(,5)|d"), rowsShowingNull(c, "select * from ctab order by id"));
            assertEquals(List.of("(1,\"(1.5,2)\",a)", "(2,\"(3,4)\",b)", "(3,,c)", "(4,\"(,5)\",d)"),
                    rowsShowingNull(c, "select ctab from ctab order by id"));
            assertEquals(List.of("3|4"), rowsShowingNull(c, "select (c).r, (c).i from ctab where c = row(3,4)::cpx"));
            assertEquals(List.of("f|t", "f|t", "t|f", "f|f"), rowsShowingNull(c, "select c is null, c is not null from ctab order by id"));
            exec(c, "update ctab set c.i = 9, c.r = 8 where id = 1", "update ctab set (id, t) = (select 10, 'ten') where id = 2",
                    "insert into ctab (id, c.r) values (5, 7)");
            assertEquals(List.of("1|(8,9)|a", "4|(,5)|d", "5|(7,)|null", "10|(3,4)|ten"),
                    rowsShowingNull(c, "select * from ctab where id <> 3 order by id"));
            assertEquals(List.of("x|y"), rowsShowingNull(c, "select ('(5,,x)'::ctab).t, (row(1, null, 'y')::ctab).t"));
            SQLException bad = error(c, "select '(5'::cpx");
            assertEquals("22P02", bad.getSQLState());
            assertEquals("malformed record literal: \"(5\"", ((org.postgresql.util.PSQLException) bad).getServerErrorMessage()
                    .getMessage());
            assertEquals("Unexpected end of input.", ((org.postgresql.util.PSQLException) bad).getServerErrorMessage().getDetail());
            assertEquals("42703", error(c, "select (row(1,2)::cpx).z").getSQLState());
            assertEquals("2BP01", error(c, "drop type ctab").getSQLState());
            assertEquals("2BP01", error(c, "drop type cpx").getSQLState());
            exec(c, "create type gone as (a int)", "drop type gone");
            assertEquals("42704", error(c, "select '(1)'::gone").getSQLState());
        }
    }
}
