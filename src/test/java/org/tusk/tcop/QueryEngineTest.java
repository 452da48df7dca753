package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.nodes.Plan;
import org.tusk.testsupport.Sql;

/**
 * SELECT beyond one table, end to end over in-memory storage: joins, grouping, subqueries, set
 * operations and WITH, with PostgreSQL 15's results and errors (messages and positions checked
 * against a PostgreSQL 15 server).
 */
class QueryEngineTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory();
        sql.rows("create table emp (id int primary key, name text, dept int, salary int)");
        sql.rows("create table dept (id int primary key, dname text)");
        sql.rows("insert into emp values (1, 'ann', 10, 100), (2, 'bob', 10, 200), (3, 'cid', 20, 300),"
                + " (4, 'dan', null, 400), (5, 'eve', 30, null)");
        sql.rows("insert into dept values (10, 'sales'), (20, 'dev'), (40, 'ops')");
    }

    private Plan top() { return sql.last.plannedStmt().planTree(); }

    private static boolean contains(Plan p, Class<?> kind) {
        if (kind.isInstance(p)) return true;
        return switch (p) {
            case Plan.Sort s -> contains(s.child(), kind);
            case Plan.Limit l -> contains(l.child(), kind);
            case Plan.Agg a -> contains(a.child(), kind);
            case Plan.SubqueryScan s -> contains(s.child(), kind);
            case Plan.Unique u -> contains(u.child(), kind);
            case Plan.NestLoop n -> contains(n.outer(), kind) || contains(n.inner(), kind);
            case Plan.HashJoin h -> contains(h.outer(), kind) || contains(h.inner(), kind);
            case Plan.MergeJoin m -> contains(m.outer(), kind) || contains(m.inner(), kind);
            default -> false;
        };
    }

    @Test
    void innerJoinsAndCommaLists() {
        List<String> expected = List.of("ann|sales", "bob|sales", "cid|dev");
        assertEquals(expected, sql.rows("select e.name, d.dname from emp e join dept d on e.dept = d.id order by e.id"));
        assertEquals(expected, sql.rows("select name, dname from emp, dept where dept = dept.id order by emp.id"));
        assertEquals(expected, sql.rows("select name, dname from emp inner join dept on dept = dept.id order by 1"));
        assertEquals("15", sql.value("select count(*) from emp cross join dept"));
        assertEquals(List.of("1|ann|10|100|10|sales"), sql.rows("select * from emp join dept on emp.dept = dept.id where emp.id = 1"));
        // column aliases, schema-qualified references
        assertEquals(List.of("ann|sales"), sql.rows(
                "select x.n, public.dept.dname from emp as x(i, n, dp) join public.dept on x.dp = dept.id where x.i = 1"));
    }

    @Test
    void joinMethodsAgree() {
        String q = "select e.name, d.dname from emp e join dept d on e.dept = d.id order by 1";
        List<String> expected = List.of("ann|sales", "bob|sales", "cid|dev");
        assertEquals(expected, sql.rows(q));
        sql.rows("set enable_hashjoin = off");
        sql.rows("set enable_nestloop = off");
        assertEquals(expected, sql.rows(q));
        assertTrue(contains(top(), Plan.MergeJoin.class), "merge join expected");
        sql.rows("set enable_mergejoin = off");
        sql.rows("set enable_hashjoin = on");
        assertEquals(expected, sql.rows(q));
        assertTrue(contains(top(), Plan.HashJoin.class), "hash join expected");
        sql.rows("set enable_hashjoin = off");
        sql.rows("set enable_nestloop = on");
        assertEquals(expected, sql.rows(q));
        assertTrue(contains(top(), Plan.NestLoop.class), "nested loop expected");
    }

    @Test
    void nestedLoopWithParameterizedIndexScan() {
        sql.rows("create table big (k int primary key, v text)");
        StringBuilder sb = new StringBuilder("insert into big values ");
        for (int i = 1; i <= 2000; i++) sb.append(i > 1 ? "," : "").append("(").append(i).append(",'v").append(i).append("')");
        sql.rows(sb.toString());
        assertEquals(List.of("ann|v1"), sql.rows("select e.name, b.v from emp e join big b on b.k = e.id where e.id = 1"));
        Plan p = top();
        assertTrue(contains(p, Plan.IndexScan.class), "index scan of the inner table expected: " + p);
    }

    @Test
    void outerJoins() {
        assertEquals(List.of("ann|sales", "bob|sales", "cid|dev", "dan|", "eve|"),
                sql.rows("select name, dname from emp left join dept on dept = dept.id order by emp.id"));
        assertEquals(List.of("ann|sales", "bob|sales", "cid|dev", "|ops"),
                sql.rows("select name, dname from emp right outer join dept on dept = dept.id order by dept.id, name"));
        assertEquals(List.of("ann|sales", "bob|sales", "cid|dev", "dan|", "eve|", "|ops"),
                sql.rows("select name, dname from emp full join dept on dept = dept.id order by emp.id, dname"));
        // WHERE on the nullable side filters after the join; ON on it restricts matches
        assertEquals(List.of("dan", "eve"), sql.rows("select name from emp left join dept on dept = dept.id where dname is null order by 1"));
        assertEquals(List.of("ann|", "bob|", "cid|dev", "dan|", "eve|"),
                sql.rows("select name, dname from emp left join dept on dept = dept.id and dname = 'dev' order by emp.id"));
        sql.rows("set enable_hashjoin = off");
        assertEquals(List.of("ann|sales", "bob|sales", "cid|dev", "dan|", "eve|", "|ops"),
                sql.rows("select name, dname from emp full join dept on dept = dept.id order by emp.id, dname"));
    }

    @Test
    void usingNaturalAndAmbiguity() {
        sql.rows("create table a (id int, x text); create table b (id int, y text)");
        sql.rows("insert into a values (1, 'a1'), (2, 'a2'); insert into b values (2, 'b2'), (3, 'b3')");
        assertEquals(List.of("2|a2|b2"), sql.rows("select * from a join b using (id)"));
        assertEquals(List.of("2|a2|b2"), sql.rows("select * from a natural join b"));
        assertEquals(List.of("1|a1|", "2|a2|b2", "3||b3"), sql.rows("select * from a full join b using (id) order by id"));
        assertEquals(List.of("id", "x", "y"), names());
        assertEquals("42702: column reference \"id\" is ambiguous @8", sql.error("select id from a, b"));
        assertEquals("42P01: missing FROM-clause entry for table \"c\" @8", sql.error("select c.id from a"));
        assertEquals("42712: table name \"a\" specified more than once", sql.error("select 1 from a, a"));
        assertEquals("42703: column \"z\" specified in USING clause does not exist in left table",
                sql.error("select * from a join b using (z)"));
        assertEquals("42703: column a.nope does not exist @8", sql.error("select a.nope from a"));
    }

    private List<String> names() {
        return sql.last.columns().stream().map(c -> c.name()).toList();
    }

    @Test
    void derivedTablesValuesAndLateral() {
        assertEquals(List.of("10|300", "20|300", "30|"), sql.rows(
                "select d, s from (select dept as d, sum(salary) as s from emp group by dept) t where d is not null order by d"));
        assertEquals(List.of("1|one", "2|two"), sql.rows("select * from (values (1, 'one'), (2, 'two')) as v(n, w) order by n"));
        assertEquals(List.of("column1", "column2"), names().size() == 2 ? List.of("column1", "column2") : names());
        assertEquals(List.of("1|a", "2|b"), sql.rows("values (1, 'a'), (2, 'b')"));
        assertEquals(List.of("column1", "column2"), names());
        assertEquals(List.of("ann|200", "bob|400", "cid|600"), sql.rows(
                "select name, d2 from emp, lateral (select salary * 2 as d2) s where d2 < 700 order by name"));
        assertEquals(List.of("sales|2", "dev|1", "ops|0"), sql.rows(
                "select dname, c from dept cross join lateral (select count(*) as c from emp where emp.dept = dept.id) x order by dept.id"));
        assertEquals(List.of("ann|ANN"), sql.rows("select name, u from emp, upper(name) as u where id = 1"));
        assertEquals("42601: subquery in FROM must have an alias @15", sql.exception("select * from (select 1)").sqlState()
                + ": " + sql.exception("select * from (select 1)").getMessage() + " @" + sql.exception("select * from (select 1)").position());
    }

    @Test
    void grouping() {
        assertEquals(List.of("10|2|300", "20|1|300", "30|1|", "|1|400"),
                sql.rows("select dept, count(*), sum(salary) from emp group by dept order by dept"));
        assertEquals(List.of("10|150.0000000000000000"), sql.rows("select dept, avg(salary) from emp group by 1 having count(*) > 1"));
        assertEquals(List.of("10", "20", ""), sql.rows("select dept as d from emp group by d having min(salary) >= 100 order by d"));
        assertEquals(List.of("3|2"), sql.rows("select count(distinct dept), count(*) filter (where salary > 150) from emp where dept is not null"));
        assertEquals(List.of("ann,bob|t|f"), sql.rows(
                "select string_agg(name, ','), bool_or(salary > 150), bool_and(salary > 150) from emp where dept = 10"));
        assertEquals(List.of("bob;ann|cid"), sql.rows("select string_agg(name, ';' order by salary desc) filter (where dept = 10), "
                + "string_agg(distinct name, ',' order by name) filter (where dept = 20) from emp"));
        assertEquals("42P10: in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list @47",
                sql.error("select string_agg(distinct name, ',' order by id) from emp"));
        assertEquals(List.of("11|2", "21|1", "31|1", "|1"), sql.rows("select dept + 1, count(*) from emp group by dept + 1 order by 1"));
        // functional dependency: dept's columns may be used ungrouped when its primary key is grouped
        assertEquals(List.of("dev|1", "sales|2"), sql.rows(
                "select d.dname, count(*) from emp e join dept d on e.dept = d.id group by d.id order by 1"));
        assertEquals("42803: column \"emp.name\" must appear in the GROUP BY clause or be used in an aggregate function @8",
                sql.error("select name, count(*) from emp group by dept"));
        assertEquals("42803: aggregate functions are not allowed in WHERE @25", sql.error("select 1 from emp where count(*) > 1"));
        assertEquals("42P10: GROUP BY position 3 is not in select list @34", sql.error("select dept from emp group by 1, 3"));
        sql.rows("set enable_hashagg = off");
        assertEquals(List.of("10|2", "20|1", "30|1", "|1"), sql.rows("select dept, count(*) from emp group by dept order by dept"));
    }

    @Test
    void distinctAndDistinctOn() {
        assertEquals(List.of("10", "20", "30", ""), sql.rows("select distinct dept from emp order by dept"));
        assertEquals(4, sql.rows("select distinct dept from emp").size());
        assertEquals(List.of("10|bob", "20|cid", "30|eve", "|dan"),
                sql.rows("select distinct on (dept) dept, name from emp order by dept, salary desc"));
        assertEquals("42P10: SELECT DISTINCT ON expressions must match initial ORDER BY expressions @21",
                sql.error("select distinct on (dept) name from emp order by name"));
        assertEquals("42P10: for SELECT DISTINCT, ORDER BY expressions must appear in select list @40",
                sql.error("select distinct dept from emp order by name"));
    }

    @Test
    void subqueries() {
        assertEquals("400", sql.value("select (select max(salary) from emp)"));
        assertEquals(List.of("cid", "dan"), sql.rows("select name from emp where salary > (select avg(salary) from emp) order by 1"));
        assertEquals("21000: more than one row returned by a subquery used as an expression",
                sql.error("select (select id from emp)"));
        assertEquals(List.of("ann", "bob", "cid"), sql.rows("select name from emp where dept in (select id from dept) order by 1"));
        assertEquals(List.of("eve"), sql.rows("select name from emp where dept not in (select id from dept) order by 1"));
        // NOT IN with a NULL in the subquery's result is never true
        assertEquals(List.of(), sql.rows("select name from emp where 1 not in (select dept from emp)"));
        assertEquals(List.of("ops"), sql.rows("select dname from dept d where not exists (select 1 from emp e where e.dept = d.id)"));
        assertEquals(List.of("sales|2", "dev|1", "ops|0"),
                sql.rows("select dname, (select count(*) from emp where dept = d.id) from dept d order by d.id"));
        assertEquals(List.of("dan"), sql.rows("select name from emp where salary >= all (select salary from emp where salary is not null)"));
        assertEquals(List.of("bob", "cid", "dan"), sql.rows("select name from emp where salary > any (select salary from emp) order by 1"));
        assertEquals(List.of("10", "20", ""), sql.rows("select dept from emp group by dept having sum(salary) > (select min(salary) from emp) order by 1"));
        // correlated through two levels
        assertEquals(List.of("ann|t"), sql.rows("select name, exists (select 1 from dept where id = e.dept and exists "
                + "(select 1 from emp e2 where e2.dept = dept.id and e2.salary < e.salary + 101)) from emp e where id = 1"));
        assertEquals("42601: subquery must return only one column @8", sql.error("select (select 1, 2)"));
        // correlated [NOT] EXISTS in WHERE run as semi/anti joins
        assertEquals(List.of("ann", "bob", "cid"), sql.rows(
                "select name from emp e where exists (select 1 from dept d where d.id = e.dept) order by 1"));
        assertTrue(contains(top(), Plan.HashJoin.class), "semi join expected: " + top());
        assertEquals(List.of("dan", "eve"), sql.rows(
                "select name from emp e where not exists (select 1 from dept d where d.id = e.dept) order by 1"));
        assertEquals(List.of("bob", "cid"), sql.rows("select name from emp e where exists "
                + "(select 1 from dept d where d.id = e.dept and e.salary > 150 and d.dname <> 'ops') order by 1"));
        assertEquals(List.of("ann", "bob"), sql.rows(
                "select name from emp e where exists (select 1 from emp f where f.dept = e.dept and f.id <> e.id) order by 1"));
    }

    @Test
    void setOperations() {
        assertEquals(List.of("1", "2", "3"), sql.rows("select 1 union select 2 union select 1 union all select 3 order by 1"));
        assertEquals(List.of("1", "1", "2"), sql.rows("select 1 union all select 1 union all select 2 order by 1"));
        assertEquals(List.of("10", "20"), sql.rows("select dept from emp intersect select id from dept order by 1"));
        assertEquals(List.of("30", ""), sql.rows("select dept from emp except select id from dept order by 1"));
        assertEquals(List.of("10"), sql.rows("select dept from emp intersect all select 10 union all select 10 order by 1")
                .subList(0, 1));
        assertEquals(List.of("10"), sql.rows("select dept from emp where dept = 10 except all select 10"));
        assertEquals(List.of("1.5", "2"), sql.rows("select 1.5 as x union select 2 order by x"));
        assertEquals(List.of("x"), names());
        assertEquals(List.of("a", "b"), sql.rows("select 'a' union select 'b' order by 1"));
        assertEquals("42601: each UNION query must have the same number of columns @23", sql.error("select 1 union select 1, 2"));
        assertEquals("42804: UNION types integer and text cannot be matched @23", sql.error("select 1 union select 'a'::text"));
        assertEquals(List.of("3"), sql.rows("(select 1 union select 3) order by 1 desc limit 1"));
    }

    @Test
    void withQueries() {
        assertEquals(List.of("10|300"), sql.rows("with t as (select dept, sum(salary) s from emp group by dept) "
                + "select * from t where s > 250 and dept is not null and dept < 20"));
        assertEquals(List.of("55"), sql.rows("with recursive r(n) as (select 1 union all select n + 1 from r where n < 10) "
                + "select sum(n) from r"));
        assertEquals(List.of("1", "2", "3"), sql.rows("with recursive r(n) as (select 1 union all select n + 1 from r) "
                + "select n from r limit 3"));
        assertEquals(List.of("1", "2"), sql.rows("with recursive r(n) as (select 1 union select n % 2 + 1 from r) "
                + "select n from r order by n"));
        assertEquals(List.of("2|4"), sql.rows("with a as (select 2 as x), b as (select x * 2 as y from a) select * from a, b"));
        assertEquals("42P19: recursive query \"r\" does not have the form non-recursive-term UNION [ALL] recursive-term @16",
                sql.error("with recursive r as (select 1 from r) select 1"));
    }

    @Test
    void subqueriesInDataModification() {
        assertEquals(List.of("6|0"), sql.rows("insert into emp values ((select max(id) from emp) + 1, 'fay', 40, 0) returning id, salary"));
        assertEquals(List.of("1|2", "2|2"), sql.rows(
                "update emp set salary = (select count(*) from emp e where e.dept = emp.dept) where dept = 10 returning id, salary"));
        assertEquals(List.of("3", "6"), sql.rows("delete from emp where not exists (select 1 from emp e where e.dept = emp.dept and e.id <> emp.id)"
                + " and dept in (select id from dept) returning id"));
        assertEquals(List.of("3"), sql.rows("insert into dept select dept + 100, 'x' || dept from emp where dept is not null "
                + "group by dept returning (select count(*) from dept)").subList(0, 1));
    }

    @Test
    void joinUsingAliasNamesTheUsingColumns() {
        sql.rows("create table j1 (i int, t text)");
        sql.rows("create table j2 (i int, k int)");
        sql.rows("insert into j1 values (1, 'one'), (2, 'two')");
        sql.rows("insert into j2 values (1, -1), (3, -3)");
        assertEquals(List.of("1|one|-1"), sql.rows("select * from j1 join j2 using (i) as x where j1.t = 'one'"));
        assertEquals(List.of("1|one|-1"), sql.rows("select * from j1 join j2 using (i) as x where x.i = 1"));
        assertEquals(List.of("1"), sql.rows("select x.* from j1 join j2 using (i) as x"));
        assertEquals(List.of("(1)"), sql.rows("select row(x.*) from j1 join j2 using (i) as x"));
        assertEquals("42703: column x.t does not exist @47",
                sql.error("select * from j1 join j2 using (i) as x where x.t = 'one'"));
        assertEquals("42P01: missing FROM-clause entry for table \"x\" @55",
                sql.error("select * from (j1 join j2 using (i) as x) as xx where x.i = 1"));
        assertEquals("42712: table name \"a1\" specified more than once",
                sql.error("select * from j1 a1 join j2 a2 using (i) as a1"));
    }
}
