package org.tusk.it;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Set-returning LANGUAGE sql functions in FROM whose body is one SELECT are planned as that
 * SELECT (inline_set_returning_function): EXPLAIN shows the body's scans, the caller's
 * conditions reach them, and the rows are those the function itself returns. Functions that
 * must not be inlined (STRICT, VOLATILE) stay Function Scans; SQL functions returning a table's
 * row type from its columns work, inlined or called.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SqlFunctionInliningIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table items(id int primary key, price int, name text)");
            s.execute("insert into items select i, i * 10, 'item' || i from generate_series(1, 2000) i");
            s.execute("analyze items");
            s.execute("create function cheaper(lim int) returns setof int language sql stable"
                    + " as 'select id from items where price < lim'");
            s.execute("create function cheaper_v(lim int) returns setof int language sql volatile"
                    + " as 'select id from items where price < lim'");
            s.execute("create function cheaper_s(lim int) returns setof int language sql stable strict"
                    + " as 'select id from items where price < lim'");
            s.execute("create function rows_of(lo int, hi int) returns setof items language sql stable"
                    + " as 'select * from items where id between lo and hi'");
            s.execute("create function priced(lim int) returns table(n text, p int) language sql stable"
                    + " as 'select name, price from items where price <= lim order by price desc'");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void aStableSetReturningFunctionIsPlannedAsItsBody() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("Seq Scan on items", "  Filter: (price < 35)"), Jdbc.plan(c, "select * from cheaper(35)"));
            assertEquals(List.of("1", "2", "3"), Jdbc.rowsShowingNull(c, "select * from cheaper(35) order by 1"));
            // the caller's condition reaches the body's table and its index
            assertEquals(List.of("Index Scan using items_pkey on items", "  Index Cond: (id = 2)", "  Filter: (price < 35)"),
                    Jdbc.plan(c, "select * from cheaper(35) f where f = 2"));
            assertEquals(Jdbc.rowsShowingNull(c, "select * from cheaper_v(500) order by 1"),
                    Jdbc.rowsShowingNull(c, "select * from cheaper(500) order by 1"));
        }
    }

    @Test
    void strictAndVolatileFunctionsAreNotInlined() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("Function Scan on cheaper_v"), Jdbc.plan(c, "select * from cheaper_v(35)"));
            assertEquals(List.of("Function Scan on cheaper_s"), Jdbc.plan(c, "select * from cheaper_s(35)"));
            // STRICT: a NULL argument means no call and no rows
            assertEquals(List.of(), Jdbc.rowsShowingNull(c, "select * from cheaper_s(null)"));
            assertEquals(List.of(), Jdbc.rowsShowingNull(c, "select * from cheaper(null)"));
            // WITH ORDINALITY numbers the function's rows: not inlined either
            assertEquals("Function Scan on cheaper", Jdbc.plan(c, "select * from cheaper(35) with ordinality").get(0));
            assertEquals(List.of("1|1", "2|2", "3|3"),
                    Jdbc.rowsShowingNull(c, "select * from cheaper(35) with ordinality order by 1"));
        }
    }

    @Test
    void functionsReturningATableRowType() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("2|20|item2", "3|30|item3"), Jdbc.rowsShowingNull(c, "select * from rows_of(2, 3) order by id"));
            assertEquals(List.of("(2,20,item2)"), Jdbc.rowsShowingNull(c, "select r from rows_of(2, 2) r"));
            assertEquals(List.of("(2,20,item2)", "(3,30,item3)"), Jdbc.rowsShowingNull(c, "select rows_of(2, 3)"));
            assertEquals(List.of("Index Scan using items_pkey on items", "  Index Cond: ((id >= 2) AND (id <= 3))"),
                    Jdbc.plan(c, "select * from rows_of(2, 3)"));
            // RETURNS TABLE with ORDER BY in the body: the body's order is kept
            assertEquals(List.of("item3|30", "item2|20", "item1|10"), Jdbc.rowsShowingNull(c, "select * from priced(30)"));
        }
    }

    @Test
    void aPreparedStatementSeesTheFunctionRedefined() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create function doubled(x int) returns setof int language sql stable as 'select x * 2'");
            try (PreparedStatement ps = c.prepareStatement("select * from doubled(?)")) {
                for (int i = 0; i < 6; i++) {   // past pgjdbc's prepareThreshold: a server-side prepared statement
                    ps.setInt(1, 21);
                    assertEquals(List.of(42), ints(ps));
                }
                s.execute("create or replace function doubled(x int) returns setof int language sql stable as 'select x * 3'");
                ps.setInt(1, 21);
                assertEquals(List.of(63), ints(ps));
            }
        }
    }

    @Test
    void aCallerWithoutExecutePrivilegeIsRefusedAtRunTime() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create role inl_user login password 'pw'");
            s.execute("grant select on items to inl_user");
            s.execute("revoke execute on function cheaper(int) from public");
            try (Connection u = server.connect("inl_user", "pw")) {
                assertEquals("permission denied for function cheaper",
                        Jdbc.failsMessage(u, "select * from cheaper(35)", "42501"));
            }
        }
    }

    @Test
    void aSimpleScalarFunctionIsReplacedByItsExpression() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create function plus1(x int) returns int language sql immutable as 'select x + 1'");
            s.execute("create function coal(x int) returns int language sql immutable strict as 'select coalesce(x, 0)'");
            s.execute("create function sq(x int) returns int language sql immutable as 'select x * x'");
            s.execute("create function vt1(a int) returns void language sql as 'select a + 1'");
            s.execute("create function vt2(a int, b int) returns void language sql as 'select vt1(a + b)'");
            s.execute("set enable_bitmapscan = off");
            s.execute("set enable_seqscan = off");
            // inlined: the expression is what the plan computes, and an index condition can use it
            assertEquals(List.of("Index Only Scan using items_pkey on public.items", "  Output: (id + 1), coal(id), ((id + 1) * (id + 1))",
                            "  Index Cond: (items.id = 5)"),
                    Jdbc.rowsShowingNull(c, "explain (verbose, costs off) select plus1(id), coal(id), sq(id + 1) from items where id = 5"));
            assertEquals(List.of("6|5|36"), Jdbc.rowsShowingNull(c, "select plus1(id), coal(id), sq(id + 1) from items where id = 5"));
            // STRICT with a non-strict body (coalesce) stays a call: a NULL argument gives NULL, not 0
            assertEquals(List.of("null|null"), Jdbc.rowsShowingNull(c, "select plus1(null), coal(null)"));
            // a volatile argument used twice is not substituted
            assertEquals(List.of("Result", "  Output: sq((random())::integer)"),
                    Jdbc.rowsShowingNull(c, "explain (verbose, costs off) select sq(random()::int)"));
            // inlining goes on through the body: vt2(11, 22) is vt1(33), which returns void and stays a call
            assertEquals(List.of("Result", "  Output: vt1(33)"),
                    Jdbc.rowsShowingNull(c, "explain (verbose, costs off) select vt2(11, 22)"));
        }
    }

    @Test
    void aFunctionReturningACompositeOfItsOneExpressionIsInlined() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table pair (a bigint, b bigint)");
            s.execute("create function mkpair(bigint, bigint) returns pair language sql as 'select row($1, $2)::pair'");
            s.execute("create function mkpair_cols(bigint, bigint) returns pair language sql as 'select $1, $2'");
            // inline_function allows any result type but record: the row folds to a constant,
            // which the function scan then shows as its call (no schema: it is not a function call)
            assertEquals(List.of("Function Scan on mkpair", "  Output: a, b", "  Function Call: '(1,2)'::pair"),
                    Jdbc.rowsShowingNull(c, "explain (verbose, costs off) select * from mkpair(1, 2)"));
            assertEquals(List.of("1|2"), Jdbc.rowsShowingNull(c, "select * from mkpair(1, 2)"));
            assertEquals(List.of("(3,30)|30"), Jdbc.rowsShowingNull(c, "select mkpair(id, price), (mkpair(id, price)).b from items where id = 3"));
            // a body of the row's columns is not one expression of the result type: it stays a call
            assertEquals(List.of("Function Scan on public.mkpair_cols", "  Output: a, b",
                            "  Function Call: mkpair_cols('1'::bigint, '2'::bigint)"),
                    Jdbc.rowsShowingNull(c, "explain (verbose, costs off) select * from mkpair_cols(1, 2)"));
            assertEquals(List.of("1|2"), Jdbc.rowsShowingNull(c, "select * from mkpair_cols(1, 2)"));
        }
    }

    @Test
    void anIndexOnAnInlinedFunctionStillServesTheQuery() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            // the index expression and predicate are simplified as the query is (RelationGetIndexExpressions)
            s.execute("create function next_id(x int) returns int language sql immutable as 'select x + 1'");
            s.execute("create index items_next on items (next_id(id))");
            s.execute("create index items_low on items (price) where next_id(id) < 100");
            s.execute("analyze items");
            // PostgreSQL 15 takes an Index Scan: ANALYZE gave it statistics for the index expression
            // (1 row, correlated); without those we estimate 10 scattered rows and take a bitmap
            List<String> plan = Jdbc.plan(c, "select * from items where next_id(id) = 10");
            assertTrue(String.join("\n", plan).contains("items_next")
                    && plan.get(plan.size() - 1).trim().equals("Index Cond: ((id + 1) = 10)"), plan.toString());
            assertEquals(List.of("9|90|item9"), Jdbc.rowsShowingNull(c, "select * from items where next_id(id) = 10"));
            assertEquals(List.of("Index Only Scan using items_low on items", "  Index Cond: (price = 50)"),
                    Jdbc.plan(c, "select price from items where next_id(id) < 100 and price = 50"));
        }
    }

    @Test
    void aFunctionBodyMayCallTheFunctionItself() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            // fmgr_sql_validator runs after the pg_proc row exists: the body can name the function
            s.execute("create function fact(n int) returns int language sql immutable"
                    + " as 'select case when n <= 1 then 1 else n * fact(n - 1) end'");
            assertEquals(List.of("120"), Jdbc.rowsShowingNull(c, "select fact(5)"));
            // a body that fails validation leaves no function behind
            assertEquals("function nosuch(integer) does not exist",
                    Jdbc.failsMessage(c, "create function broken(n int) returns int language sql as 'select nosuch(n)'", "42883"));
            assertEquals(List.of("0"), Jdbc.rowsShowingNull(c, "select count(*) from pg_proc where proname = 'broken'"));
            // a SQL-standard body is analysed before the function exists, as in PostgreSQL
            assertEquals("function selfref() does not exist",
                    Jdbc.failsMessage(c, "create function selfref() returns int language sql return selfref()", "42883"));
        }
    }

    private static List<Integer> ints(PreparedStatement ps) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getInt(1));
        }
        return out;
    }
}
