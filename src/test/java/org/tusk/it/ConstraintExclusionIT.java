package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.it.Jdbc.exec;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * relation_excluded_by_constraints for inheritance members whose restrictions refute one
 * another ({@code b IS NULL} against a clause strict in b), and the dummy rel an Append left
 * without members makes of the joins above it (regress join's "proven-dummy append rels").
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConstraintExclusionIT extends OneServerPerClass {

    @Test
    void contradictoryRestrictionsExcludeMembersAndEmptyTheJoinsAbove() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table cx_p (a int, b int)", "create table cx_c (x int) inherits (cx_p)",
                    "create table cx_t (id int primary key)", "insert into cx_p values (1, 1), (2, null)",
                    "insert into cx_c values (3, null, 0)", "insert into cx_t values (1), (2), (3)");
            List<String> dummy = List.of("Result", "  One-Time Filter: false");
            assertEquals(dummy, Jdbc.plan(c, "select * from cx_p where b < b and b is null"));
            // the Append is the preserved side of the right join: the join is empty too
            String q = "select * from cx_t right join cx_p on cx_p.a = cx_t.id where cx_p.b < cx_p.b and cx_p.b is null";
            assertEquals(dummy, Jdbc.plan(c, q));
            assertEquals(List.of(), TuskServer.rows(c, q));
            // on the nullable side it empties nothing above it
            String left = "select cx_t.id from cx_t left join cx_p on cx_p.a = cx_t.id and cx_p.b < cx_p.b and cx_p.b is null order by 1";
            assertTrue(String.join("\n", Jdbc.plan(c, left)).matches("(?s).*(Left|Right) Join.*"), String.join("\n", Jdbc.plan(c, left)));
            assertEquals(List.of("1", "2", "3"), TuskServer.rows(c, left));
            // the dummy rel's columns are named as the columns they stand for
            assertTrue(String.join("\n", Jdbc.plan(c, left)).contains("(a = cx_t.id)"), String.join("\n", Jdbc.plan(c, left)));
            // restrictions that do not refute each other keep every member
            String kept = "select a from cx_p where b is null and a > 1 order by a";
            assertTrue(String.join("\n", Jdbc.plan(c, kept)).contains("Append"));
            assertEquals(List.of("2", "3"), TuskServer.rows(c, kept));
            exec(c, "drop table cx_p cascade", "drop table cx_t");
        }
    }
}
