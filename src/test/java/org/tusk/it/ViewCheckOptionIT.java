package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/** WITH [LOCAL | CASCADED] CHECK OPTION on automatically updatable views, with PostgreSQL 15's answers. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ViewCheckOptionIT extends OneServerPerClass {

    private static void violates(Connection c, String sql, String view, String row) {
        PSQLException e = fails(c, sql, "44000");
        assertEquals("new row violates check option for view \"" + view + "\"", e.getServerErrorMessage().getMessage());
        assertEquals("Failing row contains " + row + ".", e.getServerErrorMessage().getDetail());
    }

    @Test
    void localAndCascadedChecksGuardInsertAndUpdate() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table cb (a int, b int default 10)", "insert into cb values (1, 2)",
                    "create view cv1 as select * from cb where a < b with local check option");
            exec(c, "insert into cv1 values (3, 5)");
            violates(c, "insert into cv1 values (5, 3)", "cv1", "(5, 3)");
            violates(c, "update cv1 set b = 0 where a = 1", "cv1", "(1, 0)");
            violates(c, "insert into cv1 (a) values (11)", "cv1", "(11, 10)");
            // a row the view does not show cannot be updated through it, so no check is reached
            exec(c, "update cv1 set b = 7 where a = 1");
            assertEquals("1|7;3|5", joinedRows(c, "select * from cb order by a"));

            exec(c, "create view cv2 as select * from cv1 where a > 0 with cascaded check option",
                    "create view cv3 as select * from cv1 where a > 0 with local check option",
                    "create view cv4 as select * from cv3 where a < 100");
            violates(c, "insert into cv2 values (-1, 5)", "cv2", "(-1, 5)");
            violates(c, "insert into cv2 values (4, 1)", "cv1", "(4, 1)");
            assertEquals("4|9", joinedRows(c, "insert into cv2 values (4, 9) returning *"));
            // LOCAL checks its own WHERE, and cv1's because cv1 has a check option of its own
            violates(c, "insert into cv3 values (-6, 1)", "cv3", "(-6, 1)");
            violates(c, "insert into cv3 values (6, 1)", "cv1", "(6, 1)");
            // a view without a check option above them does not check its own WHERE
            exec(c, "insert into cv4 values (200, 300)");
            violates(c, "update cv4 set a = -a where a = 4", "cv3", "(-4, 9)");
            // UPDATE ... FROM through the view checks the joined new row too
            violates(c, "update cv1 set b = v.x from (values (1, -5)) v(k, x) where cv1.a = v.k", "cv1", "(1, -5)");
            exec(c, "drop table cb cascade");
        }
    }

    @Test
    void optionsAreStoredAsReloptionsAndValidated() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ob (a int, b int)",
                    "create view ov1 as select * from ob where a > 0 with check option",
                    "create view ov2 with (check_option = local) as select * from ob where a > 0",
                    "create view ov3 as select * from ob");
            assertEquals("ov1|{check_option=cascaded};ov2|{check_option=local};ov3|null",
                    joinedRows(c, "select relname, reloptions from pg_class where relname like 'ov_' order by 1"));
            assertEquals("ov1|CASCADED;ov2|LOCAL;ov3|NONE", joinedRows(c,
                    "select table_name, check_option from information_schema.views where table_name like 'ov_' order by 1"));
            violates(c, "insert into ov2 values (0, 1)", "ov2", "(0, 1)");
            PSQLException e = fails(c, "create view ov4 with (check_option = foo) as select * from ob", "22023");
            assertEquals("invalid value for enum option \"check_option\": foo", e.getServerErrorMessage().getMessage());
            assertEquals("Valid values are \"local\" and \"cascaded\".", e.getServerErrorMessage().getDetail());
            e = fails(c, "create view ov4 as select distinct a from ob with check option", "0A000");
            assertEquals("WITH CHECK OPTION is supported only on automatically updatable views",
                    e.getServerErrorMessage().getMessage());
            assertEquals("Views containing DISTINCT are not automatically updatable.", e.getServerErrorMessage().getHint());
            fails(c, "create view ov4 with (check_option = local) as select * from ob with cascaded check option", "22023");
            // CREATE OR REPLACE replaces the options
            exec(c, "create or replace view ov1 as select * from ob where a > 0");
            exec(c, "insert into ov1 values (-1, 1)");
            exec(c, "drop table ob cascade");
        }
    }

    /** A view over a partitioned table checks the rows of every partition, shown in the table's own column order. */
    @Test
    void checkOverPartitionedTable() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rp (a text, b int, c int) partition by list (a)", "create table rp1 (c int, b int, a text)",
                    "alter table rp attach partition rp1 for values in ('x')",
                    "create table rp2 partition of rp for values in ('y')", "insert into rp values ('x', 1, 10), ('y', 2, 20)",
                    "create view rv as select * from rp where c < 100 with check option");
            exec(c, "update rv set c = 50 where b = 1");
            violates(c, "update rv set c = 150 where b = 1", "rv", "(x, 1, 150)");
            // moving to another partition is checked too
            violates(c, "update rv set a = 'y', c = 120 where b = 1", "rv", "(y, 1, 120)");
            exec(c, "update rv set a = 'y' where b = 1");
            assertEquals(List.of("rp2|y|1|50", "rp2|y|2|20"), TuskServer.rows(c, "select tableoid::regclass, * from rp order by b"));
        }
    }
}
