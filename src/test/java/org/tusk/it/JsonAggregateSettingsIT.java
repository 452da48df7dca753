package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * json_agg, jsonb_agg and json(b)_object_agg write a timestamptz in the session's TimeZone, as
 * their final functions' output calls do in PostgreSQL (they were written in UTC), as plain and
 * as window aggregates.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JsonAggregateSettingsIT extends OneServerPerClass {

    @Test
    void timestamptzFollowsTheSessionsTimeZone() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "set timezone = 'America/New_York'");
            assertEquals("[\"2020-01-01T07:00:00-05:00\"]|[\"2020-01-01T07:00:00-05:00\"]|{ \"k\" : \"2020-01-01T07:00:00-05:00\" }",
                    joinedRows(c, "select json_agg(t) || '|' || jsonb_agg(t) || '|' || json_object_agg('k', t)"
                            + " from (values ('2020-01-01 12:00+00'::timestamptz)) v(t)"));
            exec(c, "set timezone = 'Asia/Kolkata'");
            assertEquals("[\"2020-01-01T17:30:00+05:30\"];[\"2020-01-01T17:30:00+05:30\", \"2020-01-02T05:30:00+05:30\"]",
                    joinedRows(c, "select json_agg(t) over (order by t) from (values ('2020-01-01 12:00+00'::timestamptz),"
                            + " ('2020-01-02 00:00+00')) v(t)"));
        }
    }
}
