package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/** CREATE RULE / DROP RULE / ALTER RULE and the rewriter firing rules, with PostgreSQL 15's answers. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RuleIT extends OneServerPerClass {

    @Test
    void alsoRulesLogEveryRowWithOldAndNew() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rt (a int, b text)", "create table rlog (op text, olda int, newa int, note text)",
                    "create rule rt_ins as on insert to rt do also insert into rlog values ('ins', null, new.a, new.b)",
                    "create rule rt_upd as on update to rt do also insert into rlog values ('upd', old.a, new.a,"
                            + " old.b || '->' || new.b)",
                    "create rule rt_del as on delete to rt where old.a > 1 do also insert into rlog values"
                            + " ('del', old.a, null, 'x')",
                    "insert into rt values (1, 'one'), (2, 'two'), (3, 'three')");
            try (Statement s = c.createStatement()) {
                assertEquals(2, s.executeUpdate("update rt set a = a * 10, b = b || '!' where a >= 2"));
            }
            exec(c, "delete from rt where a > 5");
            assertEquals("1|one", joinedRows(c, "select * from rt order by a"));
            assertEquals("del|20|null|x;del|30|null|x;ins|null|1|one;ins|null|2|two;ins|null|3|three;"
                            + "upd|2|20|two->two!;upd|3|30|three->three!",
                    joinedRows(c, "select * from rlog order by op, olda, newa"));
            assertEquals("rt_del|4|f;rt_ins|3|f;rt_upd|2|f", joinedRows(c, "select rulename, ev_type, is_instead"
                    + " from pg_rewrite where ev_class = 'rt'::regclass order by 1"));
            assertEquals("t", joinedRows(c, "select relhasrules from pg_class where relname = 'rt'"));
            // the rules depend on the table they write to
            fails(c, "drop table rlog", "2BP01");
            exec(c, "drop table rt", "drop table rlog");
        }
    }

    @Test
    void insteadRulesReplaceTheStatement() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table r2 (a int)",
                    "create rule r2_neg as on insert to r2 where new.a < 0 do instead nothing",
                    "insert into r2 values (1), (-1), (2)");
            assertEquals("1;2", joinedRows(c, "select a from r2 order by a"));
            exec(c, "create rule r2_all as on insert to r2 do instead nothing");
            try (Statement s = c.createStatement()) {
                assertEquals(0, s.executeUpdate("insert into r2 values (5)"));
            }
            PSQLException e = fails(c, "insert into r2 values (5) returning *", "0A000");
            assertEquals("cannot perform INSERT RETURNING on relation \"r2\"", e.getServerErrorMessage().getMessage());
            assertEquals("You need an unconditional ON INSERT DO INSTEAD rule with a RETURNING clause.",
                    e.getServerErrorMessage().getHint());
            exec(c, "drop rule r2_all on r2");
            PSQLException missing = fails(c, "drop rule r2_all on r2", "42704");
            assertEquals("rule \"r2_all\" for relation \"r2\" does not exist", missing.getServerErrorMessage().getMessage());
            exec(c, "drop rule if exists r2_all on r2", "alter rule r2_neg on r2 rename to r2_negative");
            assertEquals("r2_negative", joinedRows(c, "select rulename from pg_rewrite where ev_class = 'r2'::regclass"));
            fails(c, "create rule r2_negative as on insert to r2 do instead nothing", "42710");
            exec(c, "create or replace rule r2_negative as on insert to r2 where new.a > 100 do instead nothing",
                    "insert into r2 values (-7), (700)");
            assertEquals("-7;1;2", joinedRows(c, "select a from r2 order by a"));
            PSQLException old = fails(c, "create rule bad as on insert to r2 do also delete from r2 where a = old.a", "42P17");
            assertEquals("ON INSERT rule cannot use OLD", old.getServerErrorMessage().getMessage());
            exec(c, "drop table r2");
        }
    }

    @Test
    void selectActionsSendTheirRowsInTheStatementsPlace() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rs1 (a int)", "create table rs2 (i int)", "insert into rs2 values (1), (2)",
                    "create rule rs1_ins as on insert to rs1 do instead select i, new.a from rs2");
            // rewriteRuleAction: the action joins the original's rows (NEW), its rows reach the client
            assertEquals("1|5;2|5", sorted(joinedRows(c, "insert into rs1 values (5)")));
            assertEquals("1|1;1|2;2|1;2|2", sorted(joinedRows(c, "insert into rs1 select g from generate_series(1, 2) g")));
            assertEquals("", joinedRows(c, "select * from rs1"));
            // a data-modifying WITH query goes with the original's range table to the action
            exec(c, "create table rs3 (a int)", "insert into rs3 values (11), (12), (13)",
                    "create rule rs3_ins as on insert to rs3 do instead select i from rs2");
            assertEquals("1;1;1;2;2;2", sorted(joinedRows(c, "with t1 as (delete from rs3 returning *)"
                    + " insert into rs3 select * from t1")));
            assertEquals("", joinedRows(c, "select * from rs3"));
            // an ALSO rule's SELECT: the original runs too and keeps the tag
            exec(c, "create or replace rule rs1_ins as on insert to rs1 do also select i from rs2 where i > 1");
            assertEquals("2", joinedRows(c, "insert into rs1 values (7)"));
            assertEquals("7", joinedRows(c, "select * from rs1"));
            PSQLException e = fails(c, "create rule rs2_upd as on update to rs2 where new.i > 0 do instead"
                    + " select 1 union select 2", "0A000");
            assertEquals("conditional UNION/INTERSECT/EXCEPT statements are not implemented",
                    e.getServerErrorMessage().getMessage());
            exec(c, "drop table rs1", "drop table rs3", "drop table rs2");
        }
    }

    private static String sorted(String rows) {
        return String.join(";", java.util.Arrays.stream(rows.split(";")).sorted().toList());
    }

    @Test
    void rulesMakeAViewUpdatable() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rb (a int, b text)", "create view rv as select a, b from rb",
                    "create rule rv_ins as on insert to rv do instead insert into rb values (new.a * 100, new.b)",
                    "create rule rv_del as on delete to rv do instead delete from rb where a = old.a",
                    "insert into rv values (7, 'seven'), (8, 'eight')");
            assertEquals("700|seven;800|eight", joinedRows(c, "select * from rb order by a"));
            try (Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate("delete from rv where b = 'seven'"));
            }
            assertEquals("800|eight", joinedRows(c, "select * from rb order by a"));
            // a rule that reaches its own relation again
            exec(c, "create table loop1 (a int)",
                    "create rule l1 as on insert to loop1 do also insert into loop1 values (new.a + 1)");
            fails(c, "insert into loop1 values (1)", "42P17");
            exec(c, "drop table rb cascade", "drop table loop1");
        }
    }
    @Test
    void dataModifyingWithOfTheOriginalRunsWhenAnInsteadRuleReplacesIt() throws Exception {
        try (Connection c = server.connect()) {
            // rewriteRuleAction gives the action the original's WITH list; the data-modifying one must still run
            exec(c, "create table rw_src (a int)", "create table rw_dst (a int)", "create table rw_log (a int)",
                    "create table rw_side (a int)",
                    "create rule rw_ins as on insert to rw_dst do instead "
                            + "with s as (insert into rw_side values (0) returning a) insert into rw_log values (new.a * 10)",
                    "with w as (insert into rw_src values (5) returning a) insert into rw_dst values (1)",
                    "with w as (insert into rw_src values (6) returning a) insert into rw_dst values ((select a from w))");
            assertEquals("5;6", joinedRows(c, "select a from rw_src order by a"));
            assertEquals("10;60", joinedRows(c, "select a from rw_log order by a"));
            assertEquals("0;0", joinedRows(c, "select a from rw_side"));
            assertEquals("", joinedRows(c, "select a from rw_dst"));
            exec(c, "drop table rw_dst", "drop table rw_src", "drop table rw_log", "drop table rw_side");
        }
    }
    @Test
    void oldAndNewCannotBeReadInTheActionsWithQueries() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rw_x (n int)", "create table rw_y (a int)");
            assertEquals("cannot refer to OLD within WITH query", fails(c, "create rule rw1 as on update to rw_x do instead "
                    + "with t as (select old.*) update rw_y set a = t.n from t", "0A000").getServerErrorMessage().getMessage());
            assertEquals("cannot refer to NEW within WITH query", fails(c, "create rule rw2 as on update to rw_x do instead "
                    + "insert into rw_y with t as (select new.n) select n from t", "0A000").getServerErrorMessage().getMessage());
            // an ON INSERT rule's WITH query reading OLD: the WITH check, as the INSERT's SELECT does not read it
            assertEquals("cannot refer to OLD within WITH query", fails(c, "create rule rw3 as on insert to rw_x do instead "
                    + "with t as (select old.n) insert into rw_y select 1", "0A000").getServerErrorMessage().getMessage());
            // OLD.* outside WITH is the row's columns
            exec(c, "create rule rw4 as on update to rw_x do also insert into rw_y select old.*",
                    "insert into rw_x values (7)", "update rw_x set n = 8");
            assertEquals("7", joinedRows(c, "select * from rw_y"));
        }
    }

    /** pg_get_ruledef of INSERT, UPDATE and DELETE rules (make_ruledef), as PostgreSQL 15 prints them. */
    @Test
    void ruledefPrintsTheActionsAsWritten() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create type rd_t as (if1 int, if2 text[])",
                    "create table rd_dst (f1 int, f2 int[], f3 rd_t, f4 rd_t[])", "create table rd_src (f1 bigint, f2 text)",
                    "create rule rd1 as on insert to rd_src do also insert into rd_dst (f3.if2[1], f3.if2[2]) values (new.f1, new.f2)",
                    "create rule rd2 as on insert to rd_src do also insert into rd_dst (f4[1].if1, f4[1].if2[2])"
                            + " values (1, 'fool'), (new.f1, new.f2)",
                    "create rule rd3 as on update to rd_src where old.f1 > 3 do instead (update rd_dst set f1 = new.f1,"
                            + " f2[2] = 3 where f1 = old.f1; delete from rd_dst i where i.f1 = old.f1)",
                    "create rule rd4 as on delete to rd_src do instead nothing",
                    "create rule rd5 as on update to rd_dst do also notify rd_chan, 'it''s'");
            assertEquals("CREATE RULE rd1 AS\n    ON INSERT TO rd_src DO  INSERT INTO rd_dst (f3.if2[1], f3.if2[2])\n"
                    + "  VALUES (new.f1, new.f2);", joinedRows(c, "select pg_get_ruledef(oid, true) from pg_rewrite where rulename = 'rd1'"));
            assertEquals("CREATE RULE rd2 AS\n    ON INSERT TO public.rd_src DO  INSERT INTO rd_dst (f4[1].if1, f4[1].if2[2])"
                    + " VALUES (1,'fool'::text), (new.f1,new.f2);",
                    joinedRows(c, "select pg_get_ruledef(oid) from pg_rewrite where rulename = 'rd2'"));
            assertEquals("CREATE RULE rd3 AS\n    ON UPDATE TO public.rd_src\n   WHERE (old.f1 > 3) DO INSTEAD ( UPDATE rd_dst"
                    + " SET f1 = new.f1, f2[2] = 3\n  WHERE (rd_dst.f1 = old.f1);\n DELETE FROM rd_dst i\n"
                    + "  WHERE (i.f1 = old.f1);\n);", joinedRows(c, "select pg_get_ruledef(oid) from pg_rewrite where rulename = 'rd3'"));
            assertEquals("CREATE RULE rd4 AS\n    ON DELETE TO rd_src DO INSTEAD NOTHING;",
                    joinedRows(c, "select pg_get_ruledef(oid, true) from pg_rewrite where rulename = 'rd4'"));
            assertEquals("CREATE RULE rd5 AS\n    ON UPDATE TO rd_dst DO\n NOTIFY rd_chan, 'it''s';",
                    joinedRows(c, "select pg_get_ruledef(oid, true) from pg_rewrite where rulename = 'rd5'"));
            // the pg_rules view of system_views.sql: every rule but views' _RETURN
            assertEquals("public|rd_src|rd3|CREATE RULE rd3 AS\n    ON UPDATE TO public.rd_src\n   WHERE (old.f1 > 3) DO INSTEAD"
                    + " ( UPDATE rd_dst SET f1 = new.f1, f2[2] = 3\n  WHERE (rd_dst.f1 = old.f1);\n DELETE FROM rd_dst i\n"
                    + "  WHERE (i.f1 = old.f1);\n);", joinedRows(c, "select * from pg_rules where rulename = 'rd3'"));
            assertEquals("rd1;rd2;rd3;rd4", joinedRows(c, "select rulename from pg_rules where tablename = 'rd_src' order by 1"));
            exec(c, "drop table rd_src", "drop table rd_dst", "drop type rd_t");
        }
    }
}
