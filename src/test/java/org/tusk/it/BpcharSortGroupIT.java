package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * character(n) (bpchar) values compared without their trailing blanks on every executor path,
 * as PostgreSQL compares them through the type's default btree and hash operator classes
 * (bpcharcmp, bpchareq, hashbpchar): Sort and ORDER BY, DISTINCT and DISTINCT ON, UNION
 * (hashed, and sorted with enable_hashagg off), INTERSECT and EXCEPT, GROUP BY hashed and
 * sorted, grouping sets, DISTINCT and ORDER BY aggregates, min/max(character), window
 * partitions and peers, merge joins (chosen for char keys as PostgreSQL chooses them), arrays
 * and records of character, IN/NOT IN/ANY (hashed subplans too), varchar mixed with character,
 * and partition routing, bound checks and pruning on character keys. Every expected value is
 * PostgreSQL 15's answer.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BpcharSortGroupIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table bp1 (c char(3), n int)");
            s.execute("create table bp2 (c char(5), n int)");
            s.execute("create table bpv (v varchar(5), n int)");
            s.execute("insert into bp1 values ('a',1),('b',2),('a',3),(null,4),('ab',5)");
            s.execute("insert into bp2 values ('a',10),('b',20),('ab',30),('a b',40),(null,50)");
            s.execute("insert into bpv values ('a ',1),('a',2),('b',3)");
        }
    }

    private static void check(Connection c, String sql, String... expected) throws Exception {
        assertEquals(List.of(expected), TuskServer.rows(c, sql), sql);
    }

    private static void set(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void setOperations() throws Exception {
        try (Connection c = server.connect()) {
            check(c, "select count(*) from (select 'a'::char(3) union select 'a'::char(5)) s", "1");
            check(c, "select c::text from (select c from bp1 union select c from bp2) s order by 1",
                    "a", "a b", "ab", "b", "");
            check(c, "select c::text from (select c from bp1 intersect select c from bp2) s order by 1",
                    "a", "ab", "b", "");
            check(c, "select c::text from (select c from bp2 except select c from bp1) s order by 1", "a b");
            check(c, "select c::text from (select c from bp1 intersect all select c from bp2) s order by 1",
                    "a", "ab", "b", "");
            check(c, "select c::text from (select c from bp1 except all select c from bp2) s order by 1", "a");
            check(c, "select count(*) from (select c::bpchar from bp1 union select c::bpchar from bp2) s", "5");
        }
    }

    @Test
    void sortOrder() throws Exception {
        try (Connection c = server.connect()) {
            check(c, "select x::text, octet_length(x) from (values ('a '::char(3)),('a'::char(1)),(E'a\\t'::char(3)),(''::char(2)),('a  b'::char(4)),(' a'::char(2))) v(x) order by x, 2",
                    "|2", " a|2", "a|1", "a|3", "a\t|3", "a  b|4");
            check(c, "select x::text, octet_length(x) from (values ('a '::char(3)),('a'::char(1)),(E'a\\t'::char(3)),(''::char(2)),('a  b'::char(4))) v(x) order by x desc, 2",
                    "a  b|4", "a\t|3", "a|1", "a|3", "|2");
            check(c, "select n from (select c::char(5) x, n from bp1 union all select c, n from bp2) s order by x nulls first, n",
                    "4", "50", "1", "3", "10", "40", "5", "30", "2", "20");
            check(c, "select n, rank() over (order by x) from (select c::bpchar x, n from bp1 union all select c::bpchar, n from bp2) s order by n",
                    "1|1", "2|7", "3|1", "4|9", "5|5", "10|1", "20|7", "30|5", "40|4", "50|9");
        }
    }

    @Test
    void distinctAndGrouping() throws Exception {
        try (Connection c = server.connect()) {
            check(c, "select count(*) from (select distinct x from (select c::bpchar x from bp1 union all select c::bpchar from bp2) s) t",
                    "5");
            check(c, "select x::text from (select distinct x from (select c::bpchar x from bp1 union all select c::bpchar from bp2) s) t order by 1",
                    "a", "a b", "ab", "b", "");
            check(c, "select x::text, n from (select distinct on (x) x, n from (select c::bpchar x, n from bp1 union all select c::bpchar, n from bp2) s order by x, n) t",
                    "a|1", "a b|40", "ab|5", "b|2", "|4");
            check(c, "select x::text, count(*), sum(n) from (select c::bpchar x, n from bp1 union all select c::bpchar, n from bp2) s group by x order by 1",
                    "a|3|14", "a b|1|40", "ab|2|35", "b|2|22", "|2|54");
            set(c, "set enable_hashagg = off");
            check(c, "select x::text, count(*), sum(n) from (select c::bpchar x, n from bp1 union all select c::bpchar, n from bp2) s group by x order by 1",
                    "a|3|14", "a b|1|40", "ab|2|35", "b|2|22", "|2|54");
            check(c, "select x::text from (select distinct x from (select c::bpchar x from bp1 union all select c::bpchar from bp2) s) t order by 1",
                    "a", "a b", "ab", "b", "");
            check(c, "select x::text, count(*) from (select c::bpchar x from bp1 union all select c::bpchar from bp2) s group by rollup(x) order by 1, 2",
                    "a|3", "a b|1", "ab|2", "b|2", "|2", "|10");
            set(c, "reset enable_hashagg");
            check(c, "select x::text, count(*) from (select c::bpchar x from bp1 union all select c::bpchar from bp2) s group by grouping sets ((x), ()) order by 1, 2",
                    "a|3", "a b|1", "ab|2", "b|2", "|2", "|10");
            check(c, "select x::text, y, count(*) from (select c::bpchar x, n > 5 y from bp1 union all select c::bpchar, n > 5 from bp2) s group by grouping sets ((x), (y)) order by 1, 2, 3",
                    "a||3", "a b||1", "ab||2", "b||2", "|f|5", "|t|5", "||2");
        }
    }

    @Test
    void aggregates() throws Exception {
        try (Connection c = server.connect()) {
            check(c, "select count(distinct x) from (select c::bpchar x from bp1 union all select c::bpchar from bp2) s",
                    "4");
            check(c, "select count(distinct (x, 1)) from (select c::bpchar x from bp1 union all select c::bpchar from bp2) s",
                    "5");
            check(c, "select string_agg(x::text, ',' order by x, n) from (select c::bpchar x, n from bp1 union all select c::bpchar, n from bp2) s",
                    "a,a,a,a b,ab,ab,b,b");
            check(c, "select string_agg(distinct x::text, ',') from (select c::bpchar x, n from bp1 union all select c::bpchar, n from bp2) s",
                    "a,a b,ab,b");
            check(c, "select array_length(array_agg(distinct x), 1) from (select c::bpchar x from bp1 union all select c::bpchar from bp2) s",
                    "5");
            check(c, "select min(c), max(c), pg_typeof(max(c)) from bp1", "a  |b  |character");
            check(c, "select max(x)::text || '|', octet_length(max(x)), octet_length(min(x)) from (values ('a'::char(1)), ('a  '::char(3)), (' '::char(2))) v(x)",
                    "a||1|2");
            check(c, "select octet_length(min(x)), octet_length(max(x)) from (values ('a  '::char(3)), ('a'::char(1))) v(x)",
                    "3|3");
            check(c, "select bpchar_larger('a', 'a  ')::text || '|', octet_length(bpchar_smaller('a ', 'a'))", "a||2");
        }
    }

    @Test
    void windows() throws Exception {
        try (Connection c = server.connect()) {
            check(c, "select x::text, n, rank() over (order by x), count(*) over (partition by x) from (select c::bpchar x, n from bp1 union all select c::bpchar, n from bp2) s order by 1, 2",
                    "a|1|1|3", "a|3|1|3", "a|10|1|3", "a b|40|4|1", "ab|5|5|2", "ab|30|5|2", "b|2|7|2", "b|20|7|2", "|4|9|2", "|50|9|2");
            check(c, "select n, sum(n) over (partition by x order by n) from (select c::bpchar x, n from bp1 union all select c::bpchar, n from bp2) s order by n",
                    "1|1", "2|2", "3|4", "4|4", "5|5", "10|14", "20|22", "30|35", "40|40", "50|54");
        }
    }

    @Test
    void mergeJoins() throws Exception {
        try (Connection c = server.connect()) {
            set(c, "set enable_hashjoin = off");
            set(c, "set enable_nestloop = off");
            check(c, "explain (costs off) select bp1.n, bp2.n from bp1 join bp2 on bp1.c = bp2.c",
                    "Merge Join", "  Merge Cond: (bp2.c = bp1.c)", "  ->  Sort", "        Sort Key: bp2.c", "        ->  Seq Scan on bp2", "  ->  Sort", "        Sort Key: bp1.c", "        ->  Seq Scan on bp1");
            check(c, "select bp1.n, bp2.n from bp1 join bp2 on bp1.c = bp2.c order by 1, 2",
                    "1|10", "2|20", "3|10", "5|30");
            check(c, "select bp1.n, bp2.n from bp1 left join bp2 on bp1.c = bp2.c order by 1, 2",
                    "1|10", "2|20", "3|10", "4|", "5|30");
            check(c, "select bp1.n, bp2.n from bp1 full join bp2 on bp1.c = bp2.c order by 1, 2",
                    "1|10", "2|20", "3|10", "4|", "5|30", "|40", "|50");
            check(c, "select bpv.n, bp1.n from bpv join bp1 on bpv.v = bp1.c order by 1, 2",
                    "1|1", "1|3", "2|1", "2|3", "3|2");
            set(c, "reset enable_hashjoin");
            set(c, "reset enable_nestloop");
        }
    }

    @Test
    void arraysAndRows() throws Exception {
        try (Connection c = server.connect()) {
            check(c, "select array['a'::char(3)] = array['a'::char(5)], array['a'::char(3), 'b'] < array['a'::char(5), 'c'], array['a '::char(3)] = array['a']::bpchar[]",
                    "t|t|t");
            check(c, "select array['a'::char(3), 'b'] <> array['a'::char(5), 'b '], array['a'::char(3)] > array['a'::char(1)]",
                    "f|f");
            check(c, "select count(*) from (select distinct x from (values (array['a'::char(3)]), (array['a'::char(5)])) v(x)) s",
                    "1");
            check(c, "select count(*) from (select x from (values (array['a'::char(3)]), (array['a'::char(5)])) v(x) group by x) s",
                    "1");
            check(c, "select row('a'::char(3), 1) = row('a'::char(5), 1), row('a'::char(3), 1) < row('a'::char(5), 2)",
                    "t|t");
            check(c, "select b1 = b2, b1 < b2 from (select row(c) b1 from bp1 where n = 1) x, (select row(c) b2 from bp2 where n = 10) y",
                    "t|f");
            check(c, "select count(*) from (select distinct r from (select row(c::bpchar) r from bp1 union all select row(c::bpchar) from bp2) s) t",
                    "5");
            check(c, "select count(*) from (select x from (values (row('a'::char(3))), (row('a'::char(5)))) v(x) group by x) s",
                    "1");
            check(c, "select count(*) from (select x from (values (row('a'::char(3))), (row('a'::char(5)))) v(x) union select row('a'::char(4))) s",
                    "1");
        }
    }

    @Test
    void inAndAny() throws Exception {
        try (Connection c = server.connect()) {
            check(c, "select n from bp1 where c in (select c from bp2) order by 1", "1", "2", "3", "5");
            check(c, "select n from bp1 where c not in (select c from bp2 where c is not null) order by 1");
            check(c, "select n from bp1 where c = any (array['a'::char(5), 'ab']) order by 1", "1", "3", "5");
            check(c, "select 'a'::char(3) in ('a'::char(5), 'b'), 'a'::char(3) not in ('a '::char(5))", "t|f");
            check(c, "select n from bp1 where (c, 1) in (select c, 1 from bp2) order by 1", "1", "2", "3", "5");
            check(c, "select n from bp2 where c in (select c from bp1) order by 1", "10", "20", "30");
        }
    }

    @Test
    void varcharMixes() throws Exception {
        try (Connection c = server.connect()) {
            check(c, "select n from bpv where v = 'a'::char(3) order by n", "1", "2");
            check(c, "select v = 'a'::char(3), v::text = 'a' from bpv order by n", "t|f", "t|t", "f|f");
            check(c, "select pg_typeof(v || 'x'::char(3)), v || 'x'::char(3) from bpv order by n",
                    "text|a x", "text|ax", "text|bx");
            check(c, "select v from (select v from bpv union select 'a'::char(3)) s order by 1", "a", "a ", "b");
            check(c, "select pg_typeof(v) from (select v from bpv union select 'a'::char(3)) s limit 1",
                    "character varying");
            check(c, "select pg_typeof(coalesce('a'::char(3), 'b'::varchar)), pg_typeof(case when true then 'a'::char(3) else 'b'::varchar end)",
                    "character|character varying");
            check(c, "select 'a'::char(3) = 'a  '::text, 'a'::char(3) = 'a  '::varchar", "f|t");
        }
    }

    @Test
    void arrayElementEqualityAndPatternOperators() throws Exception {
        try (Connection c = server.connect()) {
            check(c, "select array['a'::char(3)] @> array['a'::char(5)], array['a'::char(3)] && array['a '::char(1)], array_position(array['b'::char(3), 'a'], 'a'::char(5)), array_length(array_remove(array['a'::char(3), 'b'], 'a'::char(1)), 1)",
                    "t|t|2|1");
            check(c, "select array_positions(array['a'::char(3), 'b', 'a '], 'a'::char(1)), array_replace(array['a'::char(3), 'b'], 'a'::char(1), 'z')",
                    "{1,3}|{z,b}");
            check(c, "select 'a'::char(3) ~<~ E'a\\t'::char(2), 'a '::char(2) ~>=~ 'a'::char(1), 'a'::char(3) ~<~ 'a'::char(1)",
                    "t|t|f");
            check(c, "select greatest('a'::char(3), E'a\\t'::char(2))::text = E'a\\t', least('a'::char(3), E'a\\t'::char(2))::text = 'a'",
                    "t|t");
        }
    }

    @Test
    void operatorFunctions() throws Exception {
        try (Connection c = server.connect()) {
            check(c, "select hashbpchar('a  ') = hashbpchar('a'), hashbpchar('a  ') = hashtext('a'), bpchareq('a', 'a '), bpcharlt('a', 'b'), bpcharne('a '::char(4), 'a'), bpcharge(E'a\\t', 'a')",
                    "t|t|t|t|f|t");
        }
    }

    @Test
    void partitionKeys() throws Exception {
        try (Connection c = server.connect()) {
            set(c, "drop table if exists pc, pr");
            set(c, "create table pc (c char(3), n int) partition by list (c)");
            set(c, "create table pc_a partition of pc for values in ('a')");
            set(c, "create table pc_b partition of pc for values in ('b', E'b\\t')");
            set(c, "insert into pc values ('a', 1), ('b', 2), (E'b\\t', 3)");
            check(c, "select n from pc where c = 'a' order by n", "1");
            check(c, "select n from pc where c = 'a'::varchar order by n", "1");
            check(c, "select n from pc where c in ('a', 'b') order by n", "1", "2");
            check(c, "select n from pc where c = 'b ' order by n", "2");
            check(c, "explain (costs off) select * from pc where c = 'a'",
                    "Seq Scan on pc_a pc", "  Filter: (c = 'a'::bpchar)");
            set(c, "create table pr (c char(4), n int) partition by range (c)");
            set(c, "create table pr_1 partition of pr for values from (minvalue) to ('b')");
            set(c, "create table pr_2 partition of pr for values from ('b') to (maxvalue)");
            set(c, "insert into pr values ('a', 1), (E'b\\t', 2), ('b', 3), ('c', 4), (E'a\\n', 5)");
            check(c, "select tableoid::regclass, n from pr order by n",
                    "pr_1|1", "pr_2|2", "pr_2|3", "pr_2|4", "pr_1|5");
            check(c, "select n from pr where c < 'b' order by n", "1", "5");
            check(c, "select n from pr where c = 'b' order by n", "3");
            check(c, "explain (costs off) select * from pr where c = 'b'",
                    "Seq Scan on pr_2 pr", "  Filter: (c = 'b'::bpchar)");
        }
    }

    @Test
    void sortedUnion() throws Exception {
        try (Connection c = server.connect()) {
            set(c, "set enable_hashagg = off");
            check(c, "explain (costs off) select c from bp1 union select c from bp2",
                    "Unique", "  ->  Sort", "        Sort Key: bp1.c", "        ->  Append", "              ->  Seq Scan on bp1", "              ->  Seq Scan on bp2");
            check(c, "select c, octet_length(c) from bp1 union select c, octet_length(c) from bp2",
                    "a  |3", "a    |5", "a b  |5", "ab |3", "ab   |5", "b  |3", "b    |5", "|");
            check(c, "explain (costs off) select c, n from bp1 union select c, n from bp2 order by 1",
                    "Unique", "  ->  Sort", "        Sort Key: bp1.c, bp1.n", "        ->  Append", "              ->  Seq Scan on bp1", "              ->  Seq Scan on bp2");
            check(c, "select c::text, n from bp1 union select c, n from bp2 order by 1, 2",
                    "a|1", "a|3", "a|10", "a b|40", "ab|5", "ab|30", "b|2", "b|20", "|4", "|50");
            check(c, "explain (costs off) select c, n from bp1 union select c, n from bp2 order by 2",
                    "Sort", "  Sort Key: bp1.n", "  ->  Unique", "        ->  Sort", "              Sort Key: bp1.c, bp1.n", "              ->  Append", "                    ->  Seq Scan on bp1", "                    ->  Seq Scan on bp2");
            check(c, "select count(*) from (select 'a'::char(3) union select 'a'::char(5)) s", "1");
        }
    }
}
