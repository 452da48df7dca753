package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * pg_get_viewdef prints a view's GROUP BY as it was written (ruleutils.c get_rule_groupingset):
 * ROLLUP, CUBE and GROUPING SETS stay, nested GROUPING SETS are spliced, a top-level () is left
 * out unless alone, GROUP BY DISTINCT keeps its DISTINCT; and the view still groups by the
 * expanded sets.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GroupingSetsViewDefIT extends OneServerPerClass {

    private static String groupBy(Connection c, String view) throws Exception {
        String def = Jdbc.rowsShowingNull(c, "select pg_get_viewdef('" + view + "'::regclass, true)").get(0);
        return def.substring(def.indexOf("GROUP BY")).strip();
    }

    @Test
    void theGroupByIsPrintedAsWritten() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create table gv(a int, b int, c int, d int)",
                    "insert into gv values (1, 1, 1, 1), (1, 2, 3, 4), (2, 2, 2, 2)",
                    "create view gv1 as select a, b, sum(c) from gv group by rollup ((a,b,c),(c,d))",
                    "create view gv2 as select a, b, count(*) from gv group by a, cube(b, (c, d)), ()",
                    "create view gv3 as select a, count(*) from gv group by grouping sets (a, (a, b), (), grouping sets ((c), rollup(d)))",
                    "create view gv4 as select count(*) from gv group by ()",
                    "create view gv5 as select a+1 as x, count(*) from gv group by distinct rollup(a+1, b), a+1");
            assertEquals("GROUP BY ROLLUP((gv.a, gv.b, gv.c), (gv.c, gv.d));", groupBy(c, "gv1"));
            assertEquals("GROUP BY gv.a, CUBE(gv.b, (gv.c, gv.d));", groupBy(c, "gv2"));
            assertEquals("GROUP BY GROUPING SETS ((gv.a), (gv.a, gv.b), (), (gv.c), ROLLUP(gv.d));", groupBy(c, "gv3"));
            assertEquals("GROUP BY ();", groupBy(c, "gv4"));
            assertEquals("GROUP BY DISTINCT ROLLUP((gv.a + 1), gv.b), (gv.a + 1);", groupBy(c, "gv5"));
            assertEquals(List.of("1|1|1", "1|1|1", "1|2|3", "1|2|3", "2|2|2", "2|2|2", "null|null|6"),
                    Jdbc.rowsShowingNull(c, "select a, b, sum from gv1 order by 1, 2, 3"));
        }
    }
}
