package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A LATERAL subquery over one table whose WHERE alone reads the items beside it is pulled up
 * (pull_up_simple_subquery; its conjuncts placed as deconstruct_jointree's postponed quals): a
 * LEFT JOIN LATERAL becomes a left join on those conjuncts, a comma LATERAL a join clause. Plans
 * and rows are PostgreSQL 15's for the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LateralPullUpIT extends OneServerPerClass {

    @BeforeAll
    static void tables() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create table li (f1 int)", "insert into li values (0), (123456), (-123456), (2147483647), (-2147483647)",
                    "create table lj (f1 int2)", "insert into lj values (0), (1234), (-1234), (32767), (-32767)");
        }
    }

    @Test
    void aLeftJoinLateralBecomesALeftJoinOnItsWhere() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select * from li i left join lateral (select * from lj j where i.f1 = j.f1) k on true";
            // (PostgreSQL: Hash Left Join, Hash Cond: (i.f1 = j.f1) over the regression tables' statistics)
            List<String> plan = Jdbc.plan(c, q);
            assertEquals(true, plan.get(0).endsWith("Left Join") && plan.get(1).endsWith("Cond: (i.f1 = j.f1)")
                    && plan.stream().noneMatch(l -> l.contains("Filter")), String.join("\n", plan));
            assertEquals(List.of("-2147483647|null", "-123456|null", "0|0", "123456|null", "2147483647|null"),
                    Jdbc.rowsShowingNull(c, q + " order by 1"));
            // the ON condition still decides which rows are null-extended
            assertEquals(List.of("-2147483647|null", "-123456|null", "0|null", "123456|null", "2147483647|null"),
                    Jdbc.rowsShowingNull(c, "select * from li a left join lateral (select * from lj j where j.f1 = a.f1) k"
                            + " on k.f1 > 0 order by 1"));
            assertEquals(List.of("-2147483647|-32767", "-2147483647|-1234", "-2147483647|0", "-2147483647|1234",
                    "-2147483647|32767", "-123456|-32767", "-123456|-1234", "-123456|0", "-123456|1234", "-123456|32767",
                    "0|0", "123456|null", "2147483647|null"), Jdbc.rowsShowingNull(c, "select * from li a left join lateral "
                    + "(select * from lj j where j.f1 = a.f1 or a.f1 < 0) k on true order by 1, 2"));
        }
    }

    @Test
    void aCommaLateralBecomesAJoinClause() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select i.f1, x.f1 from li i, lateral (select * from lj j where j.f1 = i.f1::int8 + 1234) x";
            List<String> plan = Jdbc.plan(c, q);
            assertEquals(false, plan.stream().anyMatch(l -> l.contains("Subquery Scan")), String.join("\n", plan));
            assertEquals(List.of("0|1234"), Jdbc.rowsShowingNull(c, q));
            assertEquals(List.of("0|-1234"), Jdbc.rowsShowingNull(c, q.replace("+ 1234", "- 1234")));
        }
    }

    @Test
    void aLateralReferenceFromOutsideTheEnclosingJoinStaysASubquery() throws Exception {
        try (Connection c = server.connect()) {
            // the WHERE reads a, outside the inner join that would take it: not pulled up (same rows as PostgreSQL)
            assertEquals(List.of("-2147483647|null|null", "-123456|null|null", "0|0|0", "123456|null|null",
                    "2147483647|null|null"), Jdbc.rowsShowingNull(c, "select * from li a left join (li b join lateral "
                    + "(select * from lj j where j.f1 = a.f1) k on true) on a.f1 = b.f1 order by 1"));
        }
    }
}
