package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * to_char / to_number / to_date / to_timestamp, the statistical aggregates and the misc string
 * functions through a real server and the JDBC driver, with PostgreSQL 15's answers.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FormattingIT extends OneServerPerClass {

    @Test
    void formattingFunctionsFollowTheSessionTimeZone() throws Exception {
        try (Connection c = server.connect()) {
            ViewsIT.exec(c, "set timezone = 'America/Los_Angeles'");
            assertEquals(" 12,345.68|1997-02-10 17:32:01 PST|-34338492.654878",
                    Jdbc.joinedRows(c, "select to_char(12345.678, '99G999D99'), "
                            + "to_char(timestamptz '1997-02-10 17:32:01-08', 'YYYY-MM-DD HH24:MI:SS TZ'), "
                            + "to_number('-34,338,492.654,878', '99G999G999D999G999')"));
            assertEquals("2011-12-18 23:38:00-08|2001-04-15",
                    Jdbc.joinedRows(c, "select to_timestamp('2011-12-18 11:38 PM', 'YYYY-MM-DD HH12:MI PM')::text, "
                            + "to_date('3 4 21 01', 'W MM CC YY')::text"));
            assertEquals(" 4,567,890,123,456,789| 13th|  .12",
                    Jdbc.joinedRows(c, "select to_char(4567890123456789::int8, '9G999G999G999G999G999'), "
                            + "to_char(13, '99th'), to_char(0.125::float8, '9.99')"));
        }
    }

    @Test
    void statisticalAggregatesOverATable() throws Exception {
        try (Connection c = server.connect()) {
            ViewsIT.exec(c, "create table st(y float8, x float8, n numeric)",
                    "insert into st values (1, 2, 1), (3, 5, 2.5), (4, 4.5, 3.25), (null, 1, 7)");
            assertEquals("4.8867187500000000|2.5525722320827671|3|0.8387096774193548|0.8824975032927698",
                    Jdbc.joinedRows(c, "select var_pop(n), stddev(n), regr_count(y, x), regr_slope(y, x), corr(y, x) from st"));
            assertEquals("0|null|null", Jdbc.joinedRows(c, "select regr_count(y, x), regr_sxx(y, x), var_samp(n) from st where false"));
        }
    }

    @Test
    void miscStringFunctionsAndErrors() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals("900150983cd24fb0d6963f7d28e17f72|{schema,Tab.le}|3|ffffffff",
                    Jdbc.joinedRows(c, "select md5('abc'), parse_ident('Schema.\"Tab.le\"'), "
                            + "width_bucket(5.35, 0.024, 10.06, 5), to_hex(-1)"));
            assertEquals("'42'|'1.5'|NULL|'it''s'", Jdbc.joinedRows(c,
                    "select quote_nullable(42), quote_literal(1.5::numeric), quote_nullable(null::int), quote_nullable('it''s')"));
            PSQLException e = Jdbc.error(c, "select to_date('2016-13-10', 'YYYY-MM-DD')");
            assertEquals("22008", e.getSQLState());
            assertEquals("date/time field value out of range: \"2016-13-10\"", e.getServerErrorMessage().getMessage());
            e = Jdbc.error(c, "select to_char(1, '9.9.9')");
            assertEquals("42601", e.getSQLState());
        }
    }
}
