package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Date/time input reads the session's DateStyle order, IntervalStyle and transaction start
 * (PostgreSQL's DateOrder, IntervalStyle and GetCurrentTransactionStartTimestamp), wherever the
 * input function runs: a literal folded at parse analysis, a text value cast while the statement
 * runs, a bound parameter, and in a SQL function's body. Two sessions with different settings do
 * not see each other's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DateTimeInputSettingsIT extends OneServerPerClass {

    @Test
    void ambiguousDatesFollowTheSessionsDateOrder() throws Exception {
        try (Connection dmy = server.connect(); Connection mdy = server.connect()) {
            exec(dmy, "set datestyle = 'ISO, DMY'",
                    "create function d(t text) returns date language sql as 'select t::date'");
            assertEquals("1999-08-01|1999-08-02|1999-08-03", joinedRows(dmy,
                    "select '1/8/1999'::date || '|' || x::date || '|' || d('3/8/1999') from (values ('2/8/1999')) v(x)"));
            try (PreparedStatement ps = dmy.prepareStatement("select ?::text::date")) {
                ps.setString(1, "4/8/1999");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals("1999-08-04", rs.getString(1));
                }
            }
            assertEquals("1999-01-08|1999-01-02", joinedRows(mdy,
                    "select '1/8/1999'::date || '|' || x::date from (values ('1/2/1999')) v(x)"));
            exec(mdy, "set datestyle = 'ISO, YMD'");
            assertEquals("2001-02-03", joinedRows(mdy, "select x::date from (values ('01-02-03')) v(x)"));
        }
    }

    @Test
    void intervalInputFollowsIntervalStyle() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "set intervalstyle = sql_standard");
            // sql_standard: the leading sign applies to every field
            assertEquals("-93784|-93784", joinedRows(c, "select extract(epoch from '-1 2:03:04'::interval)::int || '|'"
                    + " || extract(epoch from x::interval)::int from (values ('-1 2:03:04')) v(x)"));
            exec(c, "set intervalstyle = postgres");
            assertEquals("-79016|-79016", joinedRows(c, "select extract(epoch from '-1 2:03:04'::interval)::int || '|'"
                    + " || extract(epoch from x::interval)::int from (values ('-1 2:03:04')) v(x)"));
        }
    }

    @Test
    void nowIsTheTransactionsStart() throws Exception {
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            exec(c, "select pg_sleep(0.01)");
            assertEquals("true|true|true", joinedRows(c, "select ('now'::timestamptz = now()) || '|' || (x::timestamptz = now())"
                    + " || '|' || ('today'::date = current_date) from (values ('now')) v(x)"));
            c.commit();
        }
    }
}
