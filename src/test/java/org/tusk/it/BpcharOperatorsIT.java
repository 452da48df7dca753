package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The character (bpchar) comparison operators bpchareq ... bpcharge through a running server:
 * trailing blanks are insignificant, varchar = character resolves to them, hash joins, hash
 * aggregates and hashed IN subplans treat 'a' and 'a  ' as one value, and a char(n) index is
 * searched with them (Index Cond shows 'x'::bpchar). Expected values are PostgreSQL 15's answers.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BpcharOperatorsIT {

    @Test
    void comparisonsJoinsGroupingAndIndexScans() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table bc (c char(5), d char(2))");
                s.execute("insert into bc values ('a','a'),('b ','b'),('a  ','x'),(null,'y')");
            }
            // trailing blanks insignificant; char = text compares as text (preferred type)
            assertEquals(List.of("t|f|t|t|f"), TuskServer.rows(c, "select 'a'::char(3) = 'a', 'a'::char(3) = 'a  '::text,"
                    + " 'a'::char(3) = 'a'::varchar, 'a '::varchar = 'a'::char(3), 'a'::char(3) < 'a '::char(1)"));
            assertEquals(List.of("=|character|character", "<|character|character"), TuskServer.rows(c,
                    "select oprname, oprleft::regtype, oprright::regtype from pg_operator where oid in (1054, 1058) order by oid"));
            // hash join of char(5) with char(2); also as nested loop
            assertEquals(List.of("3"), TuskServer.rows(c, "select count(*) from bc x join bc y on x.c = y.d"));
            try (Statement s = c.createStatement()) {
                s.execute("set enable_hashjoin = off");
            }
            assertEquals(List.of("3"), TuskServer.rows(c, "select count(*) from bc x join bc y on x.c = y.d"));
            try (Statement s = c.createStatement()) {
                s.execute("reset enable_hashjoin");
            }
            assertEquals(List.of("a    |a |t", "b    |b |t", "a    |x |t"),
                    TuskServer.rows(c, "select c, d, c in (select d from bc) from bc where c is not null"));
            // unconstrained bpchar keeps its blanks, yet groups and DISTINCTs as one value
            assertEquals(List.of("1"), TuskServer.rows(c,
                    "select count(*) from (select distinct x from (values ('a'::bpchar), ('a '::bpchar)) v(x)) s"));
            assertEquals(List.of("2"), TuskServer.rows(c,
                    "select count(*) from (values ('a'::bpchar), ('a '::bpchar)) v(x) group by x"));
            assertEquals(List.of("a    |2", "b    |1", "|1"), TuskServer.rows(c, "select c, count(*) from bc group by c order by c"));
            // IN list and index scans on the char column
            assertEquals(List.of("Seq Scan on bc", "  Filter: (c = ANY ('{a,b}'::bpchar[]))"),
                    TuskServer.rows(c, "explain (costs off) select * from bc where c in ('a', 'b')"));
            try (Statement s = c.createStatement()) {
                s.execute("create index bc_c on bc (c)");
                s.execute("insert into bc select 'z' || i, 'q' from generate_series(1, 2000) i");
                s.execute("analyze bc");
                s.execute("set enable_bitmapscan = off");
                s.execute("set enable_seqscan = off");   // the index must be usable; costing is not tested here
            }
            assertEquals(List.of("Index Scan using bc_c on bc", "  Index Cond: (c = 'a'::bpchar)"),
                    TuskServer.rows(c, "explain (costs off) select * from bc where c = 'a'"));
            assertEquals(List.of("a    |a ", "a    |x "), TuskServer.rows(c, "select * from bc where c = 'a' order by d"));
            assertEquals(List.of("a    |a ", "a    |x "), TuskServer.rows(c, "select * from bc where c = 'a   '::varchar order by d"));
            assertEquals(List.of("3"), TuskServer.rows(c, "select count(*) from bc where c >= 'a' and c < 'b '::char(3) or c = 'b'"));
        }
    }
}
