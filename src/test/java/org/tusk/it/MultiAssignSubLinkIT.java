package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * {@code UPDATE ... SET (a, b) = (SELECT ...)} through a running server: the sub-select is one
 * MULTIEXPR SubPlan whose row feeds all the listed columns, run once per updated row when it is
 * correlated and once per statement (an InitPlan) when it is not, also in UPDATE ... FROM, ON
 * CONFLICT DO UPDATE, MERGE and an EvalPlanQual re-check; PostgreSQL's errors and EXPLAIN labels.
 * Expected values are PostgreSQL 15's answers.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MultiAssignSubLinkIT {

    @Test
    void subSelectRunsOncePerRowForAllItsColumns() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            exec(c, "create sequence s", "create table t(a int, b int)", "insert into t values (0, 0)");
            // one evaluation for both columns (was a=1, b=4: one sub-select per column)
            exec(c, "update t set (a, b) = (select nextval('s'), nextval('s'))");
            assertEquals(List.of("1|2"), TuskServer.rows(c, "select a, b from t"));
            // uncorrelated: an InitPlan, evaluated once for the statement
            exec(c, "insert into t values (10, 20)");
            exec(c, "update t set (a, b) = (select nextval('s'), nextval('s'))");
            assertEquals(List.of("3|4", "3|4"), TuskServer.rows(c, "select a, b from t order by a, b"));
            // correlated with the row being updated: once per row
            exec(c, "delete from t", "insert into t values (1, 2), (3, 4)");
            exec(c, "update t set (b, a) = (select t.a * 100 + nextval('s'), nextval('s'))");
            assertEquals(List.of("6|105", "8|307"), TuskServer.rows(c, "select a, b from t order by a"));
            // no row: NULLs
            exec(c, "update t set (a, b) = (select 1, 2 where false) where a = 6");
            assertEquals(List.of("8|307", "|"), TuskServer.rows(c, "select a, b from t order by a"));
            // UPDATE ... FROM: the sub-select reads the joined row
            exec(c, "create table u(k int, v int)", "insert into u values (8, 5)");
            exec(c, "update t set (a, b) = (select u.v * 2, t.a + u.v) from u where u.k = t.a");
            assertEquals(List.of("10|13", "|"), TuskServer.rows(c, "select a, b from t order by a"));
            // EXPLAIN: the scan computes the SET list; the sub-select is one SubPlan setting two Params
            assertEquals(List.of("Update on public.t", "  ->  Seq Scan on public.t",
                            "        Output: $2, $3, (SubPlan 1 (returns $2,$3)), t.ctid",
                            "        SubPlan 1 (returns $2,$3)", "          ->  Seq Scan on public.u",
                            "                Output: u.v, t.a", "                Filter: (u.k = t.b)"),
                    TuskServer.rows(c, "explain (verbose, costs off) update t set (a, b) = (select v, t.a from u where k = t.b)"));
            assertEquals(List.of("Update on public.t", "  InitPlan 1 (returns $0,$1)", "    ->  Result", "          Output: 1, 2",
                            "  ->  Seq Scan on public.t", "        Output: $1, $0, NULL::record, t.ctid"),
                    TuskServer.rows(c, "explain (verbose, costs off) update t set (b, a) = (select 1, 2)"));
        }
    }

    @Test
    void upsertMergeAndErrors() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            exec(c, "create table up(a int primary key, b text)", "insert into up values (1, 'one'), (2, 'two')");
            assertEquals(List.of("11|one,x"), TuskServer.rows(c, "insert into up values (1, 'x') on conflict (a) do update"
                    + " set (b, a) = (select up.b || ',' || excluded.b, up.a + 10) returning *"));
            exec(c, "create table mt(a int, b int)", "insert into mt values (1, 0), (2, 0)");
            exec(c, "merge into mt using (values (1, 100)) v(k, w) on mt.a = v.k"
                    + " when matched then update set (b, a) = (select v.w + mt.b, mt.a * 3)");
            assertEquals(List.of("2|0", "3|100"), TuskServer.rows(c, "select * from mt order by a"));

            ServerErrorMessage e = error(c, "update mt set (a, b) = (select 7, 8 union all select 9, 10)");
            assertEquals("21000", e.getSQLState());
            assertEquals("more than one row returned by a subquery used as an expression", e.getMessage());
            e = error(c, "update mt set (a, b) = (select 1)");
            assertEquals("42601", e.getSQLState());
            assertEquals("number of columns does not match number of values", e.getMessage());
            assertEquals(24, e.getPosition());
            e = error(c, "update mt set (a, b) = 5");
            assertEquals("source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression", e.getMessage());
            e = error(c, "update mt set (a, b) = (select 'x', 2)");
            assertEquals("column \"a\" is of type integer but expression is of type text", e.getMessage());
            assertEquals(32, e.getPosition());
        }
    }

    /** A row another transaction changes while the UPDATE waits is re-checked, and the sub-select reads the new version. */
    @Test
    void evalPlanQualRecheckRerunsTheSubSelect() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Connection other = server.connect()) {
            exec(c, "create table ep(k int, a int, b int)", "insert into ep values (1, 10, 20), (2, 30, 40)");
            other.setAutoCommit(false);
            exec(other, "update ep set a = a + 100 where k = 1");
            Thread commit = new Thread(() -> {
                try {
                    Thread.sleep(1000);
                    other.commit();
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
            commit.start();
            assertEquals(List.of("1|111|130"),
                    TuskServer.rows(c, "update ep set (a, b) = (select ep.a + 1, ep.b + ep.a) where k = 1 returning *"));
            commit.join();
            assertEquals(List.of("1|111|130", "2|30|40"), TuskServer.rows(c, "select * from ep order by k"));
        }
    }

    private static ServerErrorMessage error(Connection c, String sql) {
        SQLException ex = assertThrows(SQLException.class, () -> exec(c, sql));
        assertTrue(ex instanceof PSQLException, ex.toString());
        return ((PSQLException) ex).getServerErrorMessage();
    }

    private static void exec(Connection c, String... sqls) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : sqls) s.execute(sql);
        }
    }
}
