package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * EXPLAIN DECLARE: an explicitly SCROLL cursor whose plan cannot run backward is planned with a
 * Material node on top, which takes over the top node's InitPlans (the portals regression test's
 * cases); a cursor without SCROLL, or a plan that can run backward, has none. As PostgreSQL 15.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScrollCursorExplainIT extends OneServerPerClass {

    @Test
    void scrollCursorsOverPlansThatCannotRunBackwardAreMaterialized() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals("Materialize;  InitPlan 1 (returns $0);    ->  Result;  ->  Result",
                    joinedRows(c, "explain (costs off) declare c1 scroll cursor for select (select 42) as x"));
            assertEquals("Result;  InitPlan 1 (returns $0);    ->  Result",
                    joinedRows(c, "explain (costs off) declare c1 cursor for select (select 42) as x"));
            assertEquals("Materialize;  ->  ProjectSet;        ->  Result",
                    joinedRows(c, "explain (costs off) declare c2 scroll cursor for select generate_series(1,3) as g"));
            assertEquals("ProjectSet;  ->  Result",
                    joinedRows(c, "explain (costs off) declare c2 no scroll cursor for select generate_series(1,3) as g"));
            exec(c, "create table sc (a int)");
            // a sequential scan runs backward: no Material node
            assertEquals("Seq Scan on sc", joinedRows(c, "explain (costs off) declare c3 scroll cursor for select * from sc"));
            c.setAutoCommit(false);
            exec(c, "declare c1 scroll cursor for select (select 42) as x");
            assertEquals("42", joinedRows(c, "fetch all in c1"));
            assertEquals("42", joinedRows(c, "fetch backward all in c1"));
            c.rollback();
        }
    }
}
