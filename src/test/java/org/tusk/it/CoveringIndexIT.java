package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * B-tree indexes with INCLUDE (non-key) columns through a running server: pg_index's indnatts
 * and indnkeyatts, uniqueness checked on the key columns only, index-only scans returning the
 * included columns (also after an UPDATE of one, which is not HOT), pg_get_indexdef and
 * pg_get_constraintdef with INCLUDE, a primary key made from such an index, and the tree staying
 * well formed across page splits (bt_index_check). Expected values are PostgreSQL 15's.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CoveringIndexIT {

    @Test
    void includeColumns() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table cov (f1 int, f2 int, f3 text)");
                s.execute("create unique index cov_u on cov (f1, f2) include (f3)");
                s.execute("insert into cov values (1, 1, 'AAA'), (1, 2, 'AAA')");
            }
            assertEquals(List.of("3|2|1 2 3|2"), TuskServer.rows(c, "select indnatts, indnkeyatts, indkey, "
                    + "array_length(indclass::oid[], 1) from pg_index where indexrelid = 'cov_u'::regclass"));
            // unique on (f1, f2) only: f3 differing does not make a row distinct
            SQLException e = assertThrows(SQLException.class, () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("insert into cov values (1, 2, 'BBB')");
                }
            });
            assertEquals("23505", e.getSQLState());
            assertTrue(e.getMessage().contains("Key (f1, f2)=(1, 2) already exists."), e.getMessage());
            try (Statement s = c.createStatement()) {
                s.execute("insert into cov values (1, 4, 'AAA')");
                s.execute("create unique index cov_pkey on cov (f1, f2) include (f3)");
                s.execute("alter table cov add constraint cov_pkey primary key using index cov_pkey");
            }
            assertEquals(List.of("CREATE UNIQUE INDEX cov_u ON public.cov USING btree (f1, f2) INCLUDE (f3)"),
                    TuskServer.rows(c, "select pg_get_indexdef('cov_u'::regclass)"));
            assertEquals(List.of("PRIMARY KEY (f1, f2) INCLUDE (f3)|{1,2}"),
                    TuskServer.rows(c, "select pg_get_constraintdef(oid), conkey from pg_constraint where conname = 'cov_pkey'"));
            // the primary key makes its key columns NOT NULL, not the included one
            assertEquals(List.of("f1|t", "f2|t", "f3|f"), TuskServer.rows(c,
                    "select attname, attnotnull from pg_attribute where attrelid = 'cov'::regclass and attnum > 0 order by attnum"));
            try (Statement s = c.createStatement()) {
                s.execute("insert into cov select g / 10, g, 'x' || g from generate_series(10, 20000) g");
                s.execute("vacuum analyze cov");
                s.execute("set enable_seqscan = off");
                s.execute("set enable_bitmapscan = off");
            }
            // either of the two identical indexes
            List<String> plan = TuskServer.rows(c, "explain (costs off) select f3 from cov where f1 = 100 and f2 > 1005");
            assertTrue(plan.get(0).matches("Index Only Scan using cov_(u|pkey) on cov"), plan.toString());
            assertEquals("  Index Cond: ((f1 = 100) AND (f2 > 1005))", plan.get(1));
            assertEquals(List.of("x1006", "x1007", "x1008", "x1009"),
                    TuskServer.rows(c, "select f3 from cov where f1 = 100 and f2 > 1005"));
            // an included column is an indexed column: its update is not HOT, the index sees it
            try (Statement s = c.createStatement()) {
                s.execute("update cov set f3 = 'new' where f1 = 100 and f2 = 1007");
                s.execute("vacuum cov");
            }
            assertEquals(List.of("x1006", "new", "x1008", "x1009"),
                    TuskServer.rows(c, "select f3 from cov where f1 = 100 and f2 > 1005"));
            // no index condition on an included column: with sequential scans off, PostgreSQL reads
            // an index holding every column whole, index-only, and filters on the included column
            plan = TuskServer.rows(c, "explain (costs off) select * from cov where f3 = 'x5000'");
            assertTrue(plan.get(0).matches("Index Only Scan using cov_(u|pkey) on cov"), plan.toString());
            assertEquals(List.of("  Filter: (f3 = 'x5000'::text)"), plan.subList(1, plan.size()));
            assertEquals(List.of("500|5000|x5000"), TuskServer.rows(c, "select * from cov where f3 = 'x5000'"));
            try (Statement s = c.createStatement()) {
                s.execute("reset enable_seqscan");
                s.execute("create index cov_wide on cov (f2) include (f3, f1)");
                s.execute("insert into cov select 3000 + g / 10, g, repeat('y', g % 500) from generate_series(1, 20000) g");
                s.execute("select bt_index_check('cov_pkey')");
                s.execute("select bt_index_check('cov_wide')");
            }
            assertEquals(List.of("cov_wide|f2|yes", "cov_wide|f3|no", "cov_wide|f1|no"), TuskServer.rows(c,
                    "select c.relname, a.attname, case when a.attnum <= i.indnkeyatts then 'yes' else 'no' end"
                            + " from pg_index i join pg_class c on c.oid = i.indexrelid join pg_attribute a on a.attrelid = c.oid"
                            + " where c.relname = 'cov_wide' order by a.attnum"));
            e = assertThrows(SQLException.class, () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("create index on cov (f1) include ((f2 + 1))");
                }
            });
            assertTrue(e.getMessage().contains("expressions are not supported in included columns"), e.getMessage());
            // dropping an included column drops the index
            try (Statement s = c.createStatement()) {
                s.execute("alter table cov drop column f3");
            }
            assertEquals(List.of("0"), TuskServer.rows(c, "select count(*) from pg_class where relname in ('cov_u', 'cov_wide', 'cov_pkey')"));
        }
    }

    @Test
    void includeInConstraints() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table ct (a int, b int, c text, constraint ct_pk primary key (a) include (c),"
                        + " unique (b) include (a, c))");
                s.execute("insert into ct values (1, 1, null), (2, 2, 'x')");
                s.execute("alter table ct add constraint ct_u2 unique (c) include (b)");
            }
            assertEquals(List.of("ct_b_a_c_key|UNIQUE (b) INCLUDE (a, c)", "ct_pk|PRIMARY KEY (a) INCLUDE (c)",
                    "ct_u2|UNIQUE (c) INCLUDE (b)"), TuskServer.rows(c,
                    "select conname, pg_get_constraintdef(oid) from pg_constraint where conrelid = 'ct'::regclass order by 1"));
            // the key column only is NOT NULL; c stays nullable
            assertEquals(List.of("a|t", "b|f", "c|f"), TuskServer.rows(c,
                    "select attname, attnotnull from pg_attribute where attrelid = 'ct'::regclass and attnum > 0 order by attnum"));
            SQLException e = assertThrows(SQLException.class, () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("insert into ct values (1, 3, 'y')");
                }
            });
            assertTrue(e.getMessage().contains("Key (a)=(1) already exists."), e.getMessage());
            e = assertThrows(SQLException.class, () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("create table ct2 (a int, unique (a) include (nosuch))");
                }
            });
            assertTrue(e.getMessage().contains("column \"nosuch\" named in key does not exist"), e.getMessage());
        }
    }

    @Test
    void partitionedIndexes() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table pt (a int, b int, c text, primary key (a) include (c)) partition by range (a)");
                s.execute("create table pt1 partition of pt for values from (0) to (100)");
                s.execute("create table pt2 (a int not null, b int, c text)");
                s.execute("create index pt2_b on pt2 (b) include (c)");
                s.execute("create index pt2_b2 on pt2 (b) include (a)");
                s.execute("create index pt_b on pt (b) include (c)");
                s.execute("alter table pt attach partition pt2 for values from (100) to (200)");
                s.execute("insert into pt select g, g, 'v' || g from generate_series(0, 199) g");
            }
            // the partitions' indexes carry the INCLUDE columns; attaching takes the one whose INCLUDE matches
            assertEquals(List.of("pt1_b_c_idx|pt_b", "pt1_pkey|pt_pkey", "pt2_b|pt_b", "pt2_pkey|pt_pkey"), TuskServer.rows(c,
                    "select inhrelid::regclass, inhparent::regclass from pg_inherits"
                            + " where inhparent in ('pt_b'::regclass, 'pt_pkey'::regclass) order by inhrelid::regclass::text"));
            assertEquals(List.of("CREATE INDEX pt2_b ON public.pt2 USING btree (b) INCLUDE (c)",
                    "CREATE UNIQUE INDEX pt1_pkey ON public.pt1 USING btree (a) INCLUDE (c)"), TuskServer.rows(c,
                    "select pg_get_indexdef(oid) from pg_class where relname in ('pt2_b', 'pt1_pkey') order by relname desc"));
            SQLException e = assertThrows(SQLException.class, () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("insert into pt values (5, 5, 'dup')");
                }
            });
            assertEquals("23505", e.getSQLState());
            // a partition's index keeps UNIQUE NULLS NOT DISTINCT (it let a second (1, null) in)
            try (Statement s = c.createStatement()) {
                s.execute("create table nd (a int, b int, unique nulls not distinct (a, b)) partition by list (a)");
                s.execute("create table nd1 partition of nd for values in (1)");
                s.execute("insert into nd values (1, null)");
            }
            e = assertThrows(SQLException.class, () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("insert into nd values (1, null)");
                }
            });
            assertTrue(e.getMessage().contains("Key (a, b)=(1, null) already exists."), e.getMessage());
        }
    }
}
