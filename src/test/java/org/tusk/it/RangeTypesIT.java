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
}
