package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * CREATE FUNCTION ... WINDOW LANGUAGE internal AS 'window_nth_value': a user's window function
 * (pg_proc prokind 'w') that runs a built-in implementation, called with OVER in positional or
 * named notation, its omitted trailing parameters taking their defaults; without OVER it is
 * "window function ... requires an OVER clause"; DROP FUNCTION finds it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UserWindowFunctionIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table uw (g int, v int)");
            s.execute("insert into uw values (1, 10), (1, 20), (1, 30), (2, 40)");
            s.execute("create function second_value(val anyelement, n integer = 2) returns anyelement"
                    + " language internal window immutable strict as 'window_nth_value'");
        }
    }

    @Test
    void namedAndDefaultArguments() throws Exception {
        try (Connection c = server.connect()) {
            String frame = " over (partition by g order by v rows between unbounded preceding and unbounded following)";
            assertEquals(List.of("1|10|20", "1|20|20", "1|30|20", "2|40|null"),
                    Jdbc.rowsShowingNull(c, "select g, v, second_value(v)" + frame + " from uw order by g, v"));
            assertEquals(List.of("1|10|30", "1|20|30", "1|30|30", "2|40|null"),
                    Jdbc.rowsShowingNull(c, "select g, v, second_value(n := 3, val := v)" + frame + " from uw order by g, v"));
            assertEquals(List.of("w|window_nth_value"),
                    Jdbc.rowsShowingNull(c, "select prokind, prosrc from pg_proc where proname = 'second_value'"));
        }
    }

    @Test
    void withoutOverIsRefused() throws Exception {
        try (Connection c = server.connect()) {
            PSQLException e = assertThrows(PSQLException.class, () -> Jdbc.rowsShowingNull(c, "select second_value(v) from uw"));
            assertEquals("42809", e.getSQLState());
            assertEquals("window function second_value requires an OVER clause", e.getServerErrorMessage().getMessage());
            assertEquals(8, e.getServerErrorMessage().getPosition());
        }
    }

    @Test
    void anUnknownImplementationIsRefusedAndDropFindsTheFunction() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute(
                    "create function no_such_w() returns bigint language internal window as 'window_no_such'"));
            assertEquals("there is no built-in function named \"window_no_such\"",
                    ((PSQLException) e).getServerErrorMessage().getMessage());
            s.execute("create function my_row_number() returns bigint language internal window as 'window_row_number'");
            assertEquals(List.of("40|1", "30|2", "20|3", "10|4"),
                    Jdbc.rowsShowingNull(c, "select v, my_row_number() over (order by v desc) from uw order by 2"));
            s.execute("drop function my_row_number()");
            assertEquals(List.of("0"), Jdbc.rowsShowingNull(c, "select count(*) from pg_proc where proname = 'my_row_number'"));
        }
    }
}
