package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * CREATE FUNCTION's COST and ROWS (functioncmds.c compute_function_attributes and CreateFunction's
 * defaults): pg_proc.procost and prorows as given, else 100 for SQL and PL functions and 1 for
 * internal ones, 1000 rows for a set-returning function; the errors for values that are not
 * positive, for ROWS on a function that returns no set, and for either on a procedure. CREATE OR
 * REPLACE without them goes back to the defaults. Expected values are PostgreSQL 15's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FunctionCostIT extends OneServerPerClass {
    @Test
    void costAndRowsReachPgProc() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create function cf1() returns int language sql cost 7 as 'select 1'");
            s.execute("create function cf2() returns setof int language sql cost 3 rows 12 as 'select 1'");
            s.execute("create function cf3() returns setof int language sql as 'select 1'");
            s.execute("create function cf7(cstring) returns int language internal as 'int4in'");
            assertEquals(List.of("cf1 7 0", "cf2 3 12", "cf3 100 1000", "cf7 1 0"), costs(s));
            s.execute("create or replace function cf1() returns int language sql as 'select 1'");
            s.execute("alter function cf3() cost 2 rows 40");
            assertEquals(List.of("cf1 100 0", "cf2 3 12", "cf3 2 40", "cf7 1 0"), costs(s));

            assertEquals("ERROR: ROWS is not applicable when function does not return a set",
                    Jdbc.failsFirstLine(c, "create function cf4() returns int language sql rows 5 as 'select 1'", "22023"));
            assertEquals("ERROR: COST must be positive",
                    Jdbc.failsFirstLine(c, "create function cf5() returns int language sql cost -1 as 'select 1'", "22023"));
            assertEquals("ERROR: COST must be positive",
                    Jdbc.failsFirstLine(c, "create function cf6() returns int language sql cost 0 as 'select 1'", "22023"));
            assertEquals("ERROR: ROWS must be positive", Jdbc.failsFirstLine(c, "alter function cf3() rows -5", "22023"));
            assertEquals("ERROR: invalid attribute in procedure definition",
                    Jdbc.failsFirstLine(c, "create procedure cp1() language sql cost 5 as 'select 1'", "42P13"));
            s.execute("drop function cf1(); drop function cf2(); drop function cf3(); drop function cf7(cstring)");
        }
    }

    private static List<String> costs(Statement s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select proname, procost, prorows from pg_proc where proname like 'cf_' order by 1")) {
            while (rs.next()) out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
        }
        return out;
    }
}
