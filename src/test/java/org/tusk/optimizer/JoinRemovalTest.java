package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.nodes.Plan;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/** remove_useless_joins: which LEFT JOINs go, which stay, and that the answers do not change. */
class JoinRemovalTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table a (id int primary key, b_id int)");
        sql.rows("create table b (id int primary key, c_id int)");
        sql.rows("create table c (id int primary key)");
        sql.rows("create table nu (k int, v int)");
        sql.rows("insert into a values (0, 0), (1, null), (2, 5)");
        sql.rows("insert into b values (0, 0), (1, null)");
        sql.rows("insert into c values (0), (1)");
        sql.rows("insert into nu values (0, 1), (0, 2)");
    }

    /** The plan of {@code query} below a projection or sort on top. */
    private Plan plan(String query) {
        sql.rows(query);
        Plan p = sql.last.plannedStmt().planTree();
        while (true) {
            switch (p) {
                case Plan.Sort s -> p = s.child();
                case Plan.SubqueryScan s when s.rte() == null -> p = s.child();
                default -> { return p; }
            }
        }
    }

    /** The plan's joins, counted through the node kinds a join tree is made of. */
    private static int joins(Plan p) {
        return switch (p) {
            case Plan.NestLoop n -> 1 + joins(n.outer()) + joins(n.inner());
            case Plan.HashJoin h -> 1 + joins(h.outer()) + joins(h.inner());
            case Plan.MergeJoin m -> 1 + joins(m.outer()) + joins(m.inner());
            case Plan.Sort s -> joins(s.child());
            case Plan.SubqueryScan s -> joins(s.child());
            case Plan.LockRows r -> joins(r.child());
            default -> 0;
        };
    }

    @Test
    void leftJoinToAUniqueKeyWhoseColumnsAreNotReadIsRemoved() {
        Plan p = plan("select a.* from a left join b on a.b_id = b.id");
        assertInstanceOf(Plan.SeqScan.class, p);
        assertEquals(List.of("0|0", "1|", "2|5"), sql.rows("select a.* from a left join b on a.b_id = b.id order by 1"));
        // RIGHT JOIN: the same with the inputs swapped
        assertInstanceOf(Plan.SeqScan.class, plan("select a.id from b right join a on a.b_id = b.id"));
    }

    /** A LEFT JOIN inside an IN / EXISTS sub-select that becomes a semi join's inner side is removed there too. */
    @Test
    void leftJoinOnASemiJoinsInnerSideIsRemoved() {
        String in = "select id from a where id in (select b.id from b left join c on b.id = c.id)";
        assertEquals(1, joins(plan(in)));
        assertEquals(List.of("0", "1"), sql.rows(in + " order by 1"));
        String exists = "select id from a where exists (select 1 from b left join c on b.c_id = c.id where b.id = a.id)";
        assertEquals(1, joins(plan(exists)));
        assertEquals(List.of("0", "1"), sql.rows(exists + " order by 1"));
        // the inner side reading c keeps its join
        assertEquals(2, joins(plan("select id from a where id in (select b.id from b left join c on b.id = c.id where c.id is null)")));
    }

    /**
     * A subquery on a nullable side whose computed output only a removable join read is pulled
     * up once that join is gone, and the join to it is removed in turn (PostgreSQL pulls it up
     * with a PlaceHolderVar first).
     */
    @Test
    void joinToASubqueryWhoseComputedOutputOnlyARemovedJoinReadIsRemoved() {
        sql.rows("create table u (f1 text unique)");
        sql.rows("insert into u values ('x'), ('***')");
        String q = "select t1.* from u as t1 left join (select *, '***'::text as d1 from u) t2 on t1.f1 = t2.f1"
                + " left join u t3 on t2.d1 = t3.f1";
        assertInstanceOf(Plan.SeqScan.class, plan(q));
        assertEquals(List.of("***", "x"), sql.rows(q + " order by 1"));
        // the computed output still read above: the join to t3 goes, the one to t2 stays
        assertEquals(1, joins(plan("select t1.*, t2.d1 from u as t1 left join (select *, '***'::text as d1 from u) t2"
                + " on t1.f1 = t2.f1 left join u t3 on t2.d1 = t3.f1")));
    }

    /** text_ops' cross-type {@code text = name} equates a unique text column as well as {@code text = text} does. */
    @Test
    void textEqualsNameOnAUniqueColumnIsRemovable() {
        sql.rows("create table ut (f1 text unique)");
        sql.rows("create table nm (n name)");
        sql.rows("insert into ut values ('x'), ('y')");
        sql.rows("insert into nm values ('x'), ('z')");
        String q = "select nm.n from nm left join ut on ut.f1 = nm.n";
        assertInstanceOf(Plan.SeqScan.class, plan(q));
        assertEquals(List.of("x", "z"), sql.rows(q + " order by 1"));
        assertInstanceOf(Plan.SeqScan.class, plan("select nm.n from nm left join ut on nm.n = ut.f1"));
        // the inner side read: the join stays
        assertEquals(1, joins(plan("select nm.n, ut.f1 from nm left join ut on ut.f1 = nm.n")));
    }

    @Test
    void nestedRemovableJoinsGoInTurn() {
        assertInstanceOf(Plan.SeqScan.class,
                plan("select a.* from a left join (b left join c on b.c_id = c.id) on a.b_id = b.id"));
    }

    @Test
    void readingTheInnerSideKeepsTheJoin() {
        assertEquals(1, joins(plan("select b.* from a left join b on a.b_id = b.id")));
        assertEquals(1, joins(plan("select a.id from a left join b on a.b_id = b.id where b.c_id is null")));
        assertEquals(1, joins(plan("select a.id from a left join b on a.b_id = b.id order by b.c_id")));
        // a reference from a sub-select counts too
        assertEquals(1, joins(plan("select (select b.c_id) from a left join b on a.b_id = b.id")));
    }

    @Test
    void withoutAUniqueIndexOnTheJoinColumnsTheJoinStays() {
        assertEquals(1, joins(plan("select a.id from a left join b on a.b_id = b.c_id")));
        assertEquals(1, joins(plan("select a.id from a left join nu on a.id = nu.k")));
        // the join is needed: two matches of nu give two rows
        assertEquals(List.of("0", "0", "1", "2"), sql.rows("select a.id from a left join nu on a.id = nu.k order by 1"));
        // inner joins can drop rows: never removed
        assertEquals(1, joins(plan("select a.id from a join b on a.b_id = b.id")));
        // not an equality
        assertEquals(1, joins(plan("select a.id from a left join b on a.b_id < b.id")));
    }

    @Test
    void anEqualityToAConstantAlsoPinsAKeyColumn() {
        sql.rows("create table two (x int, y int, unique (x, y))");
        assertNotNull(sql.rows("insert into two values (1, 1), (1, 2)"));
        assertInstanceOf(Plan.SeqScan.class, plan("select a.id from a left join two on a.id = two.x and two.y = 1"));
        assertEquals(1, joins(plan("select a.id from a left join two on a.id = two.x")));
        assertEquals(List.of("0", "1", "1", "2"), sql.rows("select a.id from a left join two on a.id = two.x order by 1"));
    }

    @Test
    void aSubqueryDistinctOverTheJoinColumnsIsRemoved() {
        assertInstanceOf(Plan.SeqScan.class,
                plan("select nu.* from nu left join (select * from b group by b.id, b.c_id) s on nu.k = s.id and nu.v = s.c_id"));
        assertInstanceOf(Plan.SeqScan.class,
                plan("select nu.* from nu left join (select distinct k, v from nu) s on nu.k = s.k and nu.v = s.v"));
        assertInstanceOf(Plan.SeqScan.class, plan("select nu.* from nu left join (select id from a union select id from b) s on nu.k = s.id"));
        assertInstanceOf(Plan.SeqScan.class, plan("select nu.* from nu left join (select max(k) m from nu) s on nu.k = s.m"));
        assertEquals(List.of("0|1", "0|2"),
                sql.rows("select nu.* from nu left join (select distinct k, v from nu) s on nu.k = s.k and nu.v = s.v order by 2"));
    }

    @Test
    void aSubqueryNotDistinctOverTheJoinColumnsStays() {
        // distinct over (k, v), joined on k alone: two rows of s match k = 0
        assertEquals(1, joins(plan("select nu.k from nu left join (select distinct k, v from nu) s on nu.k = s.k")));
        assertEquals(List.of("0", "0", "0", "0"),
                sql.rows("select nu.k from nu left join (select distinct k, v from nu) s on nu.k = s.k"));
        assertEquals(1, joins(plan("select nu.k from nu left join (select k from nu union all select k from nu) s on nu.k = s.k")));
        assertEquals(1, joins(plan("select nu.k from nu left join (select k, generate_series(1, 2) g from nu group by k) s on nu.k = s.k")));
    }
}
