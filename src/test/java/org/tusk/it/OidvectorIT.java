package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * int2vector and oidvector are arrays with lower bound 0 (buildint2vector, buildoidvector), as a
 * user sees through subscripts (proargtypes[0] is the first argument's type) and casts to arrays,
 * which keep the bounds ([0:1]={...}). Expected values are PostgreSQL 15's answers.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OidvectorIT {

    @Test
    void vectorsAreZeroBased() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            assertEquals(List.of("[0:1]={1,2}|[0:1]={1,2}|0|1|2|"), TuskServer.rows(c,
                    "select '1 2'::oidvector::oid[], '1 2'::int2vector::int2[], array_lower('1 2'::oidvector::oid[], 1),"
                            + " ('1 2'::oidvector)[0], ('1 2'::int2vector)[1], ('1 2'::int2vector)[2]"));
            try (var s = c.createStatement()) {
                s.execute("create function f(a text, b date) returns boolean language sql as 'select true'");
            }
            assertEquals(List.of("[0:1]={text,date}|text|date"), TuskServer.rows(c,
                    "select proargtypes::regtype[], proargtypes[0]::regtype, proargtypes[1]::regtype from pg_proc where proname = 'f'"));
        }
    }
}
