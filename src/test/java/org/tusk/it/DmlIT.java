package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * INSERT ... ON CONFLICT (also between two sessions), PREPARE/EXECUTE/DEALLOCATE with the
 * protocol's statements in the same cache, cursors, and UPDATE ... FROM / DELETE ... USING, on a
 * real server through pgjdbc.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DmlIT extends OneServerPerClass {

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static String sqlState(Connection c, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> exec(c, sql));
        return e.getSQLState();
    }

    /**
     * An UPDATE or DELETE whose WHERE has a conjunct reading no column (and nothing volatile) is
     * gated by it: a Result above the scan checks it once (create_gating_plan), and a conjunct
     * folded to FALSE leaves no scan; the rows changed are the same.
     */
    @Test
    void pseudoconstantQualsGateTheScanOfAnUpdate() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table gq (a int, b int)", "insert into gq values (1, 1), (2, 2)");
            assertEquals(List.of("Update on gq", "  ->  Result", "        One-Time Filter: (CURRENT_USER = SESSION_USER)",
                    "        ->  Seq Scan on gq", "              Filter: (a = 1)"),
                    column(c, "explain (costs off) update gq set b = 5 where current_user = session_user and a = 1"));
            assertEquals(List.of("Delete on gq", "  ->  Result", "        One-Time Filter: false"),
                    column(c, "explain (costs off) delete from gq where false"));
            assertEquals(List.of("Update on public.gq", "  ->  Result", "        Output: (b + 1), ctid",
                    "        One-Time Filter: (now() IS NOT NULL)", "        ->  Seq Scan on public.gq",
                    "              Output: b, ctid"),
                    column(c, "explain (verbose, costs off) update gq set b = b + 1 where now() is not null"));
            try (Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate("update gq set b = 5 where current_user = session_user and a = 1"));
                assertEquals(0, s.executeUpdate("update gq set b = 7 where current_user <> session_user"));
                assertEquals(0, s.executeUpdate("delete from gq where false"));
            }
            assertEquals(List.of("5", "2"), column(c, "select b from gq order by a"));
            exec(c, "drop table gq");
        }
    }

    /**
     * UPDATE OF triggers fire for the columns the SET list names, even when set to themselves
     * (SET b = b), as PostgreSQL's updatedCols say; ON CONFLICT DO UPDATE's SET list the same.
     */
    @Test
    void updateOfTriggersFireForColumnsSetToThemselves() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table uo (a int primary key, b int)", "insert into uo values (1, 1)",
                    "create table uo_log (name text)",
                    "create function uo_f() returns trigger language plpgsql as $$ begin "
                            + "insert into uo_log values (tg_name); return new; end $$",
                    "create trigger tb before update of b on uo for each row execute function uo_f()",
                    "create trigger ta before update of a on uo for each row execute function uo_f()",
                    "update uo set b = b", "update uo set a = a",
                    "insert into uo values (1, 5) on conflict (a) do update set b = uo.b");
            assertEquals(List.of("tb", "ta", "tb"), column(c, "select name from uo_log"));
            exec(c, "drop table uo, uo_log", "drop function uo_f()");
        }
    }

    @Test
    void onConflictDoNothingAndDoUpdate() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table oc1(k int primary key, v text, n int default 0)",
                    "insert into oc1 values (1, 'a'), (2, 'b')",
                    "insert into oc1 values (1, 'x'), (3, 'c') on conflict do nothing");
            assertEquals(List.of("a", "b", "c"), column(c, "select v from oc1 order by k"));
            assertEquals(List.of("ax"), column(c,
                    "insert into oc1 values (1, 'x') on conflict (k) do update set v = oc1.v || excluded.v returning v"));
            // WHERE false: nothing changes and nothing is returned
            assertEquals(List.of(), column(c,
                    "insert into oc1 values (2, 'y') on conflict (k) do update set v = 'no' where oc1.n > 0 returning v"));
            assertEquals("42P10", sqlState(c, "insert into oc1 values (9, 'z') on conflict (v) do nothing"));
            assertEquals("42601", sqlState(c, "insert into oc1 values (9, 'z') on conflict do update set v = 'q'"));
            assertEquals("21000", sqlState(c,
                    "insert into oc1 values (5, 'p'), (5, 'q') on conflict (k) do update set v = excluded.v"));
            assertEquals("0", ProtocolIT.one(c, "select count(*) from oc1 where k = 5"));
        }
    }

    @Test
    void concurrentInsertersOfOneKeyWaitAndThenUpdate() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "create table oc2(k int primary key, v text)");
            a.setAutoCommit(false);
            exec(a, "insert into oc2 values (1, 'a')");
            // b finds a's uncommitted row, waits for a, then updates the committed row
            CompletableFuture<List<String>> other = CompletableFuture.supplyAsync(() -> {
                try {
                    return column(b, "insert into oc2 values (1, 'b') on conflict (k) do update "
                            + "set v = oc2.v || excluded.v returning v");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(500);
            assertFalse(other.isDone(), "the second inserter must wait for the first");
            a.commit();
            assertEquals(List.of("ab"), other.get(60, TimeUnit.SECONDS));

            // a rolled-back conflicting insert leaves the way free: b inserts its own row
            exec(a, "insert into oc2 values (2, 'a')");
            CompletableFuture<List<String>> third = CompletableFuture.supplyAsync(() -> {
                try {
                    return column(b, "insert into oc2 values (2, 'b') on conflict do nothing returning v");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(500);
            assertFalse(third.isDone());
            a.rollback();
            assertEquals(List.of("b"), third.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void prepareExecuteDeallocate() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table pe(a int, b text)", "prepare ins(int, text) as insert into pe values ($1, $2)",
                    "execute ins(1, 'one')", "execute ins('2', 'two')");
            assertEquals(List.of("1", "2"), column(c, "select a from pe order by a"));
            assertEquals("42P05", sqlState(c, "prepare ins as select 1"));
            assertEquals("42601", sqlState(c, "execute ins(1)"));
            assertEquals("42804", sqlState(c, "execute ins(now(), 'x')"));
            exec(c, "prepare sel as select * from pe order by a");
            assertEquals(List.of("1", "2"), column(c, "execute sel"));
            assertEquals("prepare sel as select * from pe order by a",
                    ProtocolIT.one(c, "select statement from pg_prepared_statements where name = 'sel'"));
            // DDL on a referenced table: the next EXECUTE analyses again and refuses a new row type
            exec(c, "alter table pe add column c int");
            assertEquals("0A000", sqlState(c, "execute sel"));
            exec(c, "deallocate sel");
            assertEquals("26000", sqlState(c, "execute sel"));
            exec(c, "deallocate all");
            assertEquals("0", ProtocolIT.one(c, "select count(*) from pg_prepared_statements where from_sql"));
        }
    }

    @Test
    void protocolStatementsShareTheCache() throws Exception {
        try (Connection c = server.connect()) {
            c.unwrap(org.postgresql.PGConnection.class).setPrepareThreshold(1);
            try (PreparedStatement ps = c.prepareStatement("select ?::int + 1")) {
                for (int i = 0; i < 3; i++) {
                    ps.setInt(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(i + 1, rs.getInt(1));
                    }
                }
                assertTrue(Integer.parseInt(ProtocolIT.one(c,
                        "select count(*) from pg_prepared_statements where not from_sql")) >= 1);
            }
        }
    }

    @Test
    void cursors() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table cu(a int)", "insert into cu values (1), (2), (3), (4), (5)");
            assertEquals("25P01", sqlState(c, "declare c cursor for select a from cu"));
            c.setAutoCommit(false);
            exec(c, "declare c scroll cursor for select a from cu order by a");
            assertEquals(List.of("1", "2"), column(c, "fetch 2 from c"));
            assertEquals(List.of("1"), column(c, "fetch backward 1 from c"));
            assertEquals(List.of("5"), column(c, "fetch last from c"));
            assertEquals(List.of("3"), column(c, "fetch absolute 3 from c"));
            assertEquals(List.of("4", "5"), column(c, "fetch all from c"));
            exec(c, "declare d no scroll cursor for select a from cu");
            column(c, "fetch 1 from d");
            assertEquals("55000", sqlState(c, "fetch backward 1 from d"));
            c.rollback();
            exec(c, "declare h cursor with hold for select a from cu order by a");
            assertEquals(List.of("1"), column(c, "fetch next from h"));
            c.commit();
            c.setAutoCommit(true);
            assertEquals(List.of("2", "3", "4", "5"), column(c, "fetch all from h"));
            assertEquals("1", ProtocolIT.one(c, "select count(*) from pg_cursors where name = 'h' and is_holdable"));
            exec(c, "close h");
            assertEquals("34000", sqlState(c, "fetch 1 from h"));
        }
    }

    @Test
    void updateFromAndDeleteUsing() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table uf(id int primary key, v text)", "create table src(id int, w text)",
                    "insert into uf values (1, 'a'), (2, 'b'), (3, 'c')",
                    "insert into src values (1, 'x'), (3, 'z')");
            assertEquals(List.of("1x", "3z"), column(c,
                    "update uf set v = src.w from src where uf.id = src.id returning uf.id || src.w"));
            assertEquals(List.of("x", "b", "z"), column(c, "select v from uf order by id"));
            assertEquals(List.of("x"), column(c, "delete from uf using src s where uf.id = s.id and s.w = 'x' returning v"));
            assertEquals(List.of("2", "3"), column(c, "select id from uf order by id"));
            assertEquals("42712", sqlState(c, "update uf set v = 'q' from uf"));
        }
    }

    @Test
    void updateFromAndDeleteUsingOnAnInheritanceTree() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ip(id int, val text)", "create table ic(extra int) inherits (ip)",
                    "insert into ip values (1, 'p1')", "insert into ic values (11, 'c11', 5)");
            assertEquals(List.of("101", "111"), column(c,
                    "update ip set id = id + t.x from (select 100 as x) t returning ip.id"));
            assertEquals(List.of("c11"), column(c, "delete from ip using (select 111 as x) t where id = t.x returning val"));
            assertEquals(List.of("101"), column(c, "select id from ip"));
        }
    }

    @Test
    void dataModifyingWith() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table wy(a int)", "insert into wy select generate_series(1, 5)");
            // the deleted rows come back through the WITH query; the main query reads them
            assertEquals(List.of("1", "2"), column(c, "with t as (delete from wy where a <= 2 returning *) select a from t order by a"));
            // an INSERT nobody reads still runs, once, and the main query's snapshot does not see it
            assertEquals(List.of("3"), column(c, "with t as (insert into wy values (10)) select count(*) from wy"));
            assertEquals(List.of("3", "4", "5", "10"), column(c, "select a from wy order by a"));
            // WITH before INSERT, UPDATE and DELETE
            assertEquals(List.of("1001"), column(c,
                    "with t as (update wy set a = a * 100 where a = 10 returning a) insert into wy select a + 1 from t returning a"));
            assertEquals(List.of("3"), column(c, "with s as (select 3 as v) delete from wy using s where wy.a = s.v returning wy.a"));
            exec(c, "with s as (select 7 as v) insert into wy select v from s");
            assertEquals(List.of("4", "5", "7", "1000", "1001"), column(c, "select a from wy order by a"));
            assertEquals("0A000", sqlState(c, "with t as (insert into wy values (1)) select * from t"));
            assertEquals("0A000", sqlState(c, "select * from (with t as (delete from wy returning *) select * from t) ss"));
            assertEquals(List.of("4", "5", "7", "1000", "1001"), column(c, "select a from wy order by a"));
        }
    }

    @Test
    void recursiveQueriesMustBeWellFormed() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals("0A000", sqlState(c, "with recursive x(n) as (select 1 union all select n + 1 from x order by 1) select * from x"));
            assertEquals("42P19", sqlState(c, "with recursive x(n) as (select 1 union all select count(*) from x) select * from x"));
            assertEquals("42P19", sqlState(c,
                    "with recursive x(id) as (values (1) union all select (select * from x) from x where id < 5) select * from x"));
            assertEquals("42P19", sqlState(c,
                    "with recursive x(n) as (select 1 union all select x.n + 1 from x, x y where x.n < 3) select * from x"));
            // an inner WITH that reads the work table is computed afresh in each round
            assertEquals(List.of("0", "1", "2", "3"), column(c, """
                    with recursive it(n) as (select 0 union all
                      (with r as (select n + 1 as m from it where n < 3) select m from r))
                    select n from it order by n"""));
        }
    }
}
