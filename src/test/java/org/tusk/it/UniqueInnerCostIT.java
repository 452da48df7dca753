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
 * A join whose inner side is unique for the join clauses stops reading the inner side at an
 * outer row's first match, which final_cost_hashjoin and final_cost_nestloop charge less for
 * (compute_semi_anti_join_factors); so PostgreSQL hashes the unique side of an inner join, as
 * its plan shows ("Inner Unique: true"). The expected plans and costs are PostgreSQL 15's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UniqueInnerCostIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table ui1 (id int primary key)");
            s.execute("create table ui3 (id int)");
            s.execute("insert into ui1 values (1), (2), (3)");
            s.execute("insert into ui3 values (1), (1)");
            s.execute("analyze ui1");
            s.execute("analyze ui3");
            s.execute("create table uik1 (a int, b int, c int, d int, primary key (a, b))");
            s.execute("create table uik2 (x int, y int, z int, primary key (x, y))");
            s.execute("create table uiparent (k int primary key, pd int)");
            s.execute("create table uichild (k int unique, cd int)");
        }
    }

    @Test
    void theUniqueSideIsHashed() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select * from ui1 inner join ui3 on ui1.id = ui3.id";
            assertEquals(List.of("Hash Join  (cost=1.07..2.10 rows=2 width=8)", "  Output: ui1.id, ui3.id",
                    "  Inner Unique: true", "  Hash Cond: (ui3.id = ui1.id)",
                    "  ->  Seq Scan on public.ui3  (cost=0.00..1.02 rows=2 width=4)", "        Output: ui3.id",
                    "  ->  Hash  (cost=1.03..1.03 rows=3 width=4)", "        Output: ui1.id",
                    "        ->  Seq Scan on public.ui1  (cost=0.00..1.03 rows=3 width=4)", "              Output: ui1.id"),
                    Jdbc.rowsShowingNull(c, "explain verbose " + q));
            assertEquals(List.of("1|1", "1|1"), Jdbc.rowsShowingNull(c, q));
        }
    }

    /**
     * For an inner join eqjoinsel gives the inner-join selectivity even when asked for the
     * "semi" one (it follows the SpecialJoinInfo's join type), so hardly any outer row is
     * expected to find its one match and the hash join over the two primary keys costs little:
     * PostgreSQL hashes rather than merging the two index scans.
     */
    @Test
    void aUniqueInnerSideOfAnInnerJoinMatchesAtTheJoinSelectivity() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("Hash Join  (cost=56.25..97.36 rows=94 width=28)",
                    "  Hash Cond: ((uik2.x = uik1.a) AND (uik2.y = uik1.b))",
                    "  ->  Seq Scan on uik2  (cost=0.00..30.40 rows=2040 width=12)",
                    "  ->  Hash  (cost=28.50..28.50 rows=1850 width=16)",
                    "        ->  Seq Scan on uik1  (cost=0.00..28.50 rows=1850 width=16)"),
                    Jdbc.rowsShowingNull(c, "explain select * from uik1 join uik2 on uik1.a = uik2.x and uik1.b = uik2.y"));
        }
    }

    /**
     * A subquery of one table kept below an outer join (its constant output needs a
     * PlaceHolderVar) is unique for the join as its table is: the left join's inner side is
     * unique, as it is in PostgreSQL, which pulls the subquery up.
     */
    @Test
    void aSubqueryOfOneTableIsUniqueAsItsTable() throws Exception {
        try (Connection c = server.connect()) {
            List<String> plan = Jdbc.rowsShowingNull(c, "explain verbose select p.*, linked from uiparent p "
                    + "left join (select c.*, true as linked from uichild c) ss on p.k = ss.k");
            assertEquals("Hash Left Join  (cost=60.85..99.39 rows=2260", plan.get(0).substring(0, 44), plan.toString());
            assertEquals("  Inner Unique: true", plan.get(2));
            assertEquals("  Hash Cond: (p.k = c.k)", plan.get(3));
        }
    }
}
