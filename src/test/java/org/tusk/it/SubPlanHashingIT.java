package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.plan;
import static org.tusk.it.Jdbc.rowsShowingNull;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An operator whose function is a simple SQL function is inlined like a call of that function
 * (eval_const_expressions on the OpExpr's opfuncid), so an {@code IN (subquery)} over it hashes
 * when the inlined test is a hashable operator with the outer side on the left
 * (testexpr_is_hashable), and not when inlining swapped the sides; and a hash join returns the
 * matches of one outer row latest inner row first, as PostgreSQL's bucket chains do. Expected
 * answers are PostgreSQL 15's.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SubPlanHashingIT extends OneServerPerClass {

    @Test
    void anOperatorsSqlFunctionIsInlinedBeforeHashingIsDecided() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table sh_outer (q1 int8, q2 int8)", "insert into sh_outer values (123, 456), (4567, 1), (123, 9)",
                    "create table sh_inner (c1 text)", "insert into sh_inner values ('a'), ('123')",
                    "create function sh_eq(int8, text) returns boolean language sql as 'select $1::text = $2'",
                    "create operator = (procedure = sh_eq, leftarg = int8, rightarg = text)");
            String q = "select * from sh_outer where q1 in (select c1 from sh_inner)";
            assertEquals(List.of("Seq Scan on sh_outer", "  Filter: (hashed SubPlan 1)", "  SubPlan 1",
                    "    ->  Seq Scan on sh_inner"), plan(c, q));
            assertEquals(List.of("123|456", "123|9"), rowsShowingNull(c, q + " order by q2 desc"));
            // the inlined body in WHERE is the text comparison itself
            assertEquals(List.of("Seq Scan on sh_outer", "  Filter: ((q1)::text = '123'::text)"),
                    plan(c, "select * from sh_outer where q1 = '123'::text"));
            // an AND of hashable comparisons still hashes
            exec(c, "create or replace function sh_eq(int8, text) returns boolean language sql "
                    + "as 'select $1::text = $2 and $1::text = $2'");
            assertEquals("  Filter: (hashed SubPlan 1)", plan(c, q).get(1));
            assertEquals(List.of("123|456", "123|9"), rowsShowingNull(c, q + " order by q2 desc"));
            // the subquery's column on the left: not hashable, the rows are kept and compared
            exec(c, "create or replace function sh_eq(int8, text) returns boolean language sql as 'select $2 = $1::text'");
            assertEquals(List.of("Seq Scan on sh_outer", "  Filter: (SubPlan 1)", "  SubPlan 1", "    ->  Materialize",
                    "          ->  Seq Scan on sh_inner"), plan(c, q));
            assertEquals(List.of("123|456", "123|9"), rowsShowingNull(c, q + " order by q2 desc"));
        }
    }

    @Test
    void hashJoinMatchesComeLatestInnerRowFirst() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table sh_arcs (f int, t int)", "insert into sh_arcs values (1, 2), (1, 3), (2, 3), (1, 4)",
                    "create table sh_from (f int)", "insert into sh_from values (2), (1)",
                    "set enable_mergejoin = off", "set enable_nestloop = off");
            String q = "select a.f, a.t from sh_from s join sh_arcs a on a.f = s.f";
            assertEquals("Hash Join", plan(c, q).get(0));
            assertEquals("  ->  Seq Scan on sh_from s", plan(c, q).get(2));
            assertEquals(List.of("2|3", "1|4", "1|3", "1|2"), rowsShowingNull(c, q));
        }
    }
}
