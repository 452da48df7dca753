package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which WHERE clauses become index conditions, through a real server (indxpath.c
 * match_clauses_to_index, build_index_paths' skip_lower_saop, match_boolean_index_clause): the
 * plans PostgreSQL 15 shows, and the rows the real B-tree returns for them.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class IndexClauseMatchingIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table tk (thousand int, tenthous int, filler text)");
            s.execute("insert into tk select g % 1000, g, repeat('x', 100) from generate_series(0, 9999) g");
            s.execute("create index tk_thous_tenthous on tk (thousand, tenthous)");
            s.execute("analyze tk");
            s.execute("create table boolindex (b bool, i int, unique (b, i), junk float)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String plan(Connection c, String q) throws SQLException {
        return String.join("\n", Jdbc.rowsShowingNull(c, "explain (costs off) " + q));
    }

    @Test
    void arrayConditionAfterARangeColumnIsAnIndexConditionOfAnUnorderedScan() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select * from tk where thousand < 2 and tenthous in (1001, 3000) order by thousand";
            assertEquals("""
                    Sort
                      Sort Key: thousand
                      ->  Index Scan using tk_thous_tenthous on tk
                            Index Cond: ((thousand < 2) AND (tenthous = ANY ('{1001,3000}'::integer[])))""", plan(c, q));
            assertEquals(List.of("0|3000", "1|1001"), Jdbc.rowsShowingNull(c, "select thousand, tenthous" + q.substring(8)));
        }
    }

    @Test
    void conditionsPastTheBoundaryColumnFilterTheEntriesRead() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_seqscan = off");
            s.execute("set enable_bitmapscan = off");
            String q = "select thousand, tenthous from tk where thousand between 5 and 7 and tenthous > 8000";
            assertEquals("""
                    Index Only Scan using tk_thous_tenthous on tk
                      Index Cond: ((thousand >= 5) AND (thousand <= 7) AND (tenthous > 8000))""", plan(c, q));
            assertEquals(List.of("5|8005", "5|9005", "6|8006", "6|9006", "7|8007", "7|9007"), Jdbc.rowsShowingNull(c, q));
        }
    }

    @Test
    void booleanColumnTestsAreIndexConditions() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            assertEquals("""
                    Limit
                      ->  Index Scan using boolindex_b_i_key on boolindex
                            Index Cond: (b = true)""", plan(c, "select * from boolindex where b order by i limit 10"));
            assertEquals("""
                    Limit
                      ->  Index Scan using boolindex_b_i_key on boolindex
                            Index Cond: (b = false)""", plan(c, "select * from boolindex where not b order by i limit 10"));
            assertEquals("""
                    Limit
                      ->  Index Scan Backward using boolindex_b_i_key on boolindex
                            Index Cond: (b = true)""", plan(c, "select * from boolindex where b is true order by i desc limit 10"));
            assertEquals("""
                    Limit
                      ->  Index Scan Backward using boolindex_b_i_key on boolindex
                            Index Cond: (b = false)""", plan(c, "select * from boolindex where b is false order by i desc limit 10"));
            s.execute("insert into boolindex values (true, 1), (false, 2), (null, 3), (true, 4), (false, 5)");
            s.execute("set enable_seqscan = off");
            assertEquals(List.of("t|1", "t|4"), Jdbc.rowsShowingNull(c, "select b, i from boolindex where b order by i"));
            assertEquals(List.of("f|5", "f|2"), Jdbc.rowsShowingNull(c, "select b, i from boolindex where b is false order by i desc"));
            assertEquals(List.of("f|2", "f|5"), Jdbc.rowsShowingNull(c, "select b, i from boolindex where not b order by i"));
        }
    }
}
