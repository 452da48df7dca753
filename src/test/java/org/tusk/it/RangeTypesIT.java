package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.rowsShowingNull;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * The built-in range types on a real server: literals and constructors in canonical form,
 * operators and functions, and range columns stored, indexed with btree (a primary key),
 * sorted and grouped, read back after a restart so the stored form is what is read.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RangeTypesIT extends OneServerPerClass {

    @Test
    void literalsOperatorsAndFunctions() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("[1,6)|[2,5)|empty|(,)|[1.1,2.2]|[2000-01-11,2000-01-21)"), rowsShowingNull(c,
                    "SELECT '[1,5]'::int4range, int4range(1,5,'()'), 'empty'::int8range, '(,)'::numrange, "
                            + "numrange(1.1,2.2,'[]'), daterange('2000-01-10','2000-01-20','(]')"));
            assertEquals(List.of("t|t|f|t|t|[1,7)|[3,5)|[1,3)|[1,9)"), rowsShowingNull(c,
                    "SELECT int4range(1,5) @> 3, int4range(2,3) <@ int4range(1,5), int4range(1,5) && int4range(5,7), "
                            + "int4range(1,5) -|- int4range(5,7), int4range(1,5) << int4range(5,7), "
                            + "int4range(1,5) + int4range(5,7), int4range(1,5) * int4range(3,7), int4range(1,5) - int4range(3,7), "
                            + "range_merge(int4range(1,2), int4range(8,9))"));
            assertEquals(List.of("1|null|t|f|t|int4range|integer"), rowsShowingNull(c,
                    "SELECT lower(int4range(1,5)), upper('[1,)'::int4range), upper_inf('[1,)'::int4range), "
                            + "isempty(int4range(1,2)), lower_inc(int4range(1,2)), pg_typeof(int4range(1,2)), pg_typeof(lower(int4range(1,2)))"));
            // the array types of the built-in range types (_int4range 3905 ...)
            assertEquals(List.of("{\"[1,2)\"}|{\"[1,2)\",empty}|[2000-01-01,2000-02-01)|numrange[]|int4range[]"), rowsShowingNull(c,
                    "SELECT array[int4range(1,2)], '{\"[1,2)\",empty}'::int4range[], (array[daterange('2000-01-01','2000-02-01')])[1],"
                            + " pg_typeof(array[numrange(1,2)]), 3905::regtype"));
            PSQLException e = assertThrows(PSQLException.class, () -> rowsShowingNull(c, "SELECT '[1,5'::int4range"));
            assertEquals("22P02", e.getSQLState());
            assertEquals("Unexpected end of input.", e.getServerErrorMessage().getDetail());
            e = assertThrows(PSQLException.class, () -> rowsShowingNull(c, "SELECT int4range(1,2) + int4range(5,7)"));
            assertEquals("result of range union would not be contiguous", e.getServerErrorMessage().getMessage());
            e = assertThrows(PSQLException.class, () -> rowsShowingNull(c, "SELECT numrange(2.0, 1.0)"));
            assertEquals("range lower bound must be less than or equal to range upper bound", e.getServerErrorMessage().getMessage());
        }
    }

    @Test
    void storedIndexedSortedAndGrouped() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE bookings (during tsrange PRIMARY KEY, seats int4range, price numrange, days daterange)",
                    "INSERT INTO bookings VALUES ('[2020-01-01 10:00, 2020-01-01 11:00)', '[1,4]', '(10.5,20]', '[2020-01-01,2020-01-03]'), "
                            + "('[2020-01-01 09:00, 2020-01-01 10:00)', 'empty', null, '(,)'), "
                            + "('(,2020-01-01 08:00]', '[3,3]', '[1e3,)', 'empty')");
            PSQLException e = assertThrows(PSQLException.class,
                    () -> exec(c, "INSERT INTO bookings VALUES ('[2020-01-01 10:00, 2020-01-01 11:00)', null, null, null)"));
            assertEquals("23505", e.getSQLState());
        }
        server.stop("fast");
        server.startAgain();
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "(,\"2020-01-01 08:00:00\"]|[3,4)|[1000,)|empty",
                    "[\"2020-01-01 09:00:00\",\"2020-01-01 10:00:00\")|empty|null|(,)",
                    "[\"2020-01-01 10:00:00\",\"2020-01-01 11:00:00\")|[1,5)|(10.5,20]|[2020-01-01,2020-01-04)"),
                    rowsShowingNull(c, "SELECT * FROM bookings ORDER BY during"));
            assertEquals(List.of("empty|1", "[1,5)|1", "[3,4)|1"),
                    rowsShowingNull(c, "SELECT seats, count(*) FROM bookings GROUP BY seats ORDER BY seats"));
            assertEquals(List.of("[1,5)"), rowsShowingNull(c, "SELECT seats FROM bookings WHERE seats @> 2"));
            assertEquals(List.of("[3,4)"), rowsShowingNull(c,
                    "SELECT range_intersect_agg(seats) FROM bookings WHERE NOT isempty(seats)"));
            assertEquals(List.of("[1,5)"), rowsShowingNull(c,
                    "SELECT seats FROM bookings WHERE during = '[2020-01-01 10:00, 2020-01-01 11:00)'"));
        }
    }

    /**
     * CREATE TYPE AS RANGE (DefineRange): pg_type/pg_range rows, the array type and the
     * constructors; literals, operators and functions on the new type; a stored, indexed column
     * read back after a restart; DROP TYPE refused while a column uses it, then dropping the
     * constructors and the pg_range row with the type.
     */
    @Test
    void userDefinedRangeTypes() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TYPE float8range AS RANGE (subtype = float8, subtype_diff = float8mi)",
                    "CREATE TYPE textrange AS RANGE (subtype = text, collation = \"C\")");
            assertEquals(List.of("float8range|double precision|0|float8mi", "textrange|text|950|-"), rowsShowingNull(c,
                    "SELECT rngtypid::regtype, rngsubtype::regtype, rngcollation, rngsubdiff FROM pg_range"
                            + " WHERE rngtypid IN ('float8range'::regtype, 'textrange'::regtype) ORDER BY 1"));
            assertEquals(List.of("r|R|d|float8range[]"), rowsShowingNull(c,
                    "SELECT typtype, typcategory, typalign, typarray::regtype FROM pg_type WHERE typname = 'float8range'"));
            assertEquals(List.of("float8range|double precision, double precision|f",
                    "float8range|double precision, double precision, text|f"), rowsShowingNull(c,
                    "SELECT proname, pg_get_function_arguments(oid), proisstrict FROM pg_proc WHERE proname = 'float8range' ORDER BY 2"));
            assertEquals(List.of("[1,5)|empty|[1,2.5]|(,3)|[1.5,3)"), rowsShowingNull(c,
                    "SELECT '[1,5)'::float8range, '(2,2)'::float8range, float8range(1, 2.5, '[]'), float8range(null, 3),"
                            + " float8range(1,3) * float8range(1.5,4)"));
            assertEquals(List.of("t|t|f|[1,7)|[c,m)|a|t"), rowsShowingNull(c,
                    "SELECT float8range(1,5) && float8range(4,6), float8range(1,5) -|- float8range(5,7),"
                            + " float8range(1,5) @> 5::float8, float8range(1,5) + float8range(5,7),"
                            + " textrange('a','m') * textrange('c','z'), lower(textrange('a','m')), upper_inf(textrange('a', null))"));
            PSQLException e = assertThrows(PSQLException.class,
                    () -> exec(c, "CREATE TYPE bad AS RANGE (subtype = int4, collation = \"C\")"));
            assertEquals("range collation specified but subtype does not support collation", e.getServerErrorMessage().getMessage());
            e = assertThrows(PSQLException.class, () -> exec(c, "CREATE TYPE bad AS RANGE (subtype = float8, subtype_diff = int4mi)"));
            assertEquals("42883", e.getSQLState());
            e = assertThrows(PSQLException.class, () -> exec(c, "CREATE TYPE bad AS RANGE (subtype = float8, color = red)"));
            assertEquals("type attribute \"color\" not recognized", e.getServerErrorMessage().getMessage());
            exec(c, "CREATE TABLE spans (r float8range, t textrange)", "CREATE INDEX ON spans (r)",
                    "INSERT INTO spans VALUES ('[1,2)', '[a,b]'), ('(3,4]', 'empty'), (null, '(,z)')");
        }
        server.stop("fast");
        server.startAgain();
        try (Connection c = server.connect()) {
            assertEquals(List.of("[1,2)|[a,b]", "(3,4]|empty", "null|(,z)"), rowsShowingNull(c, "SELECT * FROM spans ORDER BY r"));
            assertEquals(List.of("[1,2)"), rowsShowingNull(c, "SELECT r FROM spans WHERE r @> 1.5::float8"));
            exec(c, "SET enable_seqscan = off");
            assertEquals(List.of("(3,4]"), rowsShowingNull(c, "SELECT r FROM spans WHERE r = '(3,4]'"));
            PSQLException e = assertThrows(PSQLException.class, () -> exec(c, "DROP TYPE float8range"));
            assertEquals("2BP01", e.getSQLState());
            exec(c, "DROP TABLE spans", "DROP TYPE float8range");
            assertEquals(List.of("0|0"), rowsShowingNull(c, "SELECT (SELECT count(*) FROM pg_proc WHERE proname = 'float8range'),"
                    + " (SELECT count(*) FROM pg_type WHERE typname IN ('float8range', '_float8range'))"));
            e = assertThrows(PSQLException.class, () -> rowsShowingNull(c, "SELECT float8range(1, 2)"));
            assertEquals("42883", e.getSQLState());
        }
    }

    /** anyrange and anycompatiblerange in user functions bind to the call's range type (enforce_generic_type_consistency). */
    @Test
    void polymorphicRangeFunctions() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TYPE f8r AS RANGE (subtype = float8)",
                    "CREATE FUNCTION lo(anyrange) RETURNS anyelement AS 'select lower($1)' LANGUAGE sql",
                    "CREATE FUNCTION widen(anycompatible, anycompatiblerange) RETURNS anycompatiblerange"
                            + " AS 'select range_merge($2, int4range($1, $1 + 1))' LANGUAGE sql",
                    "CREATE FUNCTION pick(anycompatible, anycompatiblerange) RETURNS anycompatible AS 'select $1' LANGUAGE sql");
            assertEquals(List.of("1|double precision|3|integer"), rowsShowingNull(c,
                    "SELECT lo(f8r(1, 2)), pg_typeof(lo(f8r(1, 2))), lo(int4range(3, 4)), pg_typeof(lo(int4range(3, 4)))"));
            assertEquals(List.of("[1,11)|int4range"), rowsShowingNull(c, "SELECT widen(10, int4range(1, 2)), pg_typeof(widen(10, int4range(1, 2)))"));
            // the range's subtype is the common type: an int4 argument is coerced to float8
            assertEquals(List.of("7|double precision"), rowsShowingNull(c, "SELECT pick(7, f8r(1, 2)), pg_typeof(pick(7, f8r(1, 2)))"));
            PSQLException e = assertThrows(PSQLException.class, () -> rowsShowingNull(c, "SELECT pick(1.5, int4range(1, 2))"));
            assertEquals("42883", e.getSQLState());
        }
    }
}
