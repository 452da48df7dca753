package org.tusk.it;

import static org.tusk.it.Jdbc.error;
import static org.tusk.it.Jdbc.joinedRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Views, CREATE TABLE AS / SELECT INTO and table inheritance through a real server, with
 * PostgreSQL 15's answers, messages and SQLSTATEs.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ViewsIT extends OneServerPerClass {

    /** Runs the statements; returns the NOTICEs of the last one. */
    static List<String> exec(Connection c, String... sql) throws Exception {
        List<String> notices = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (String q : sql) {
                notices.clear();
                s.execute(q);
                for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) notices.add(w.getMessage());
                s.clearWarnings();
            }
        }
        return notices;
    }

    @Test
    void aViewIsReadAsItsQueryAndSeenByOtherSessions() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "create table vt(a int, b text)", "insert into vt values (1, 'x'), (2, 'y'), (3, 'z')",
                    "create view vv as select a, b || '!' as bb from vt where a > 1");
            assertEquals("2|y!;3|z!", joinedRows(b, "select * from vv order by a"));
            assertEquals("3|z", joinedRows(b, "select vv.a, vt.b from vv join vt on vv.a = vt.a where vv.a > 2"));
            exec(a, "create view vv2 (z) as select a * 10 from vv");
            assertEquals("20;30", joinedRows(b, "select z from vv2 order by 1"));
            assertEquals("2|t", joinedRows(b, "select (select count(*) from vv2), exists (select 1 from vv where a = 3)"));
            exec(b, "insert into vt values (4, 'w')");
            assertEquals("3", ProtocolIT.one(a, "select count(*) from vv"));
            assertEquals("v|t", joinedRows(a, "select relkind, relhasrules from pg_class where relname = 'vv'"));
            assertEquals(" SELECT vt.a,\n    (vt.b || '!'::text) AS bb\n   FROM vt\n  WHERE (vt.a > 1);",
                    ProtocolIT.one(a, "select pg_get_viewdef('vv')"));
            assertEquals(" SELECT vt.a,\n    vt.b || '!'::text AS bb\n   FROM vt\n  WHERE vt.a > 1;",
                    ProtocolIT.one(a, "select pg_get_viewdef(oid, true) from pg_class where relname = 'vv'"));
            assertEquals("CREATE RULE \"_RETURN\" AS\n    ON SELECT TO public.vv2 DO INSTEAD  SELECT (vv.a * 10) AS z\n   FROM vv;",
                    ProtocolIT.one(a, "select pg_get_ruledef(r.oid) from pg_rewrite r join pg_class c on c.oid = r.ev_class"
                            + " where c.relname = 'vv2'"));
            assertEquals("Not a view", ProtocolIT.one(a, "select pg_get_viewdef(oid) from pg_class where relname = 'vt'"));
            assertEquals("_RETURN|1|t", joinedRows(a, "select rulename, ev_type, is_instead from pg_rewrite r join pg_class c"
                    + " on c.oid = r.ev_class where c.relname = 'vv'"));
            exec(a, "drop table vt cascade");
        }
    }

    @Test
    void aFunctionAViewCallsCannotBeDroppedWithoutCascade() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create function vf(int) returns int language sql immutable as 'select $1 + 1'",
                    "create function vg(int) returns int language plpgsql as 'begin return $1; end'",
                    "create view vfv as select vf(a), vg(2) as g from (values (1)) t(a)");
            PSQLException e = error(c, "drop function vf(int)");
            assertEquals("2BP01", e.getSQLState());
            assertEquals("view vfv depends on function vf(integer)", e.getServerErrorMessage().getDetail());
            // CREATE OR REPLACE VIEW records the new query's functions instead of the old ones
            exec(c, "create or replace view vfv as select 1 as vf, vg(3) as g", "drop function vf(int)");
            assertEquals("view vfv depends on function vg(integer)", error(c, "drop function vg(int)").getServerErrorMessage().getDetail());
            assertEquals(List.of("drop cascades to view vfv"), exec(c, "drop function vg(int) cascade"));
            assertEquals("42P01", error(c, "select * from vfv").getSQLState());
        }
    }

    @Test
    void droppingWhatAViewUsesNeedsCascade() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table dt(a int)", "create view dv as select * from dt", "create view dv2 as select a from dv");
            PSQLException e = error(c, "drop table dt");
            ServerErrorMessage m = e.getServerErrorMessage();
            assertEquals("2BP01", e.getSQLState());
            assertEquals("cannot drop table dt because other objects depend on it", m.getMessage());
            assertEquals("view dv depends on table dt\nview dv2 depends on view dv", m.getDetail());
            assertEquals("Use DROP ... CASCADE to drop the dependent objects too.", m.getHint());
            assertEquals("cannot drop view dv because other objects depend on it", error(c, "drop view dv").getServerErrorMessage().getMessage());
            PSQLException wrongKind = error(c, "drop view dt");
            assertEquals("42809", wrongKind.getSQLState());
            assertEquals("\"dt\" is not a view", wrongKind.getServerErrorMessage().getMessage());
            assertEquals(List.of("drop cascades to 2 other objects"), exec(c, "drop table dt cascade"));
            assertEquals("42P01", error(c, "select * from dv2").getSQLState());
            assertEquals("0", ProtocolIT.one(c, "select count(*) from pg_class where relname in ('dv', 'dv2')"));
            exec(c, "create table dt2(a int)", "create view dv3 as select * from dt2");
            assertEquals(List.of("drop cascades to view dv3"), exec(c, "drop table dt2 cascade"));
            assertEquals(List.of("view \"nosuch\" does not exist, skipping"), exec(c, "drop view if exists nosuch"));
        }
    }

    @Test
    void replaceRenameAndNonUpdatableViews() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rt(a int, b text)", "insert into rt values (1, 'one')",
                    "create view rv as select a, b from rt");
            exec(c, "create or replace view rv as select a, b, a + 1 as c from rt");
            assertEquals("1|one|2", joinedRows(c, "select * from rv"));
            PSQLException drop = error(c, "create or replace view rv as select a from rt");
            assertEquals("42P16", drop.getSQLState());
            assertEquals("cannot drop columns from view", drop.getServerErrorMessage().getMessage());
            PSQLException type = error(c, "create or replace view rv as select a, a as b, 1 as c from rt");
            assertEquals("cannot change data type of view column \"b\" from text to integer", type.getServerErrorMessage().getMessage());
            assertEquals("42P07", error(c, "create view rv as select 1").getSQLState());
            exec(c, "alter view rv rename to rv2");
            assertEquals("1", ProtocolIT.one(c, "select a from rv2"));
            PSQLException ins = error(c, "insert into rv2 values (2, 'two', 3)");
            assertEquals("0A000", ins.getSQLState());
            assertEquals("cannot insert into column \"c\" of view \"rv2\"", ins.getServerErrorMessage().getMessage());
            assertEquals("View columns that are not columns of their base relation are not updatable.",
                    ins.getServerErrorMessage().getDetail());
            exec(c, "create view agg as select count(*) as n from rt");
            PSQLException upd = error(c, "update agg set n = 1");
            assertEquals("cannot update view \"agg\"", upd.getServerErrorMessage().getMessage());
            assertEquals("Views that return aggregate functions are not automatically updatable.", upd.getServerErrorMessage().getDetail());
            PSQLException del = error(c, "delete from agg");
            assertEquals("cannot delete from view \"agg\"", del.getServerErrorMessage().getMessage());
            assertEquals("42601", error(c, "create view toomany (x, y) as select 1").getSQLState());
            exec(c, "drop table rt cascade");
        }
    }

    @Test
    void viewsAreReadWithTheOwnersPrivilegesOnItsTables() throws Exception {
        try (Connection admin = server.connect()) {
            exec(admin, "create role viewer login password 'pw'", "create table secret(a int)", "insert into secret values (42)",
                    "create view open_v as select a from secret", "create view closed_v as select a from secret",
                    "grant select on open_v to viewer");
            try (Connection u = server.connect("viewer", "pw")) {
                assertEquals("42", ProtocolIT.one(u, "select a from open_v"));
                PSQLException table = error(u, "select a from secret");
                assertEquals("permission denied for table secret", table.getServerErrorMessage().getMessage());
                PSQLException view = error(u, "select a from closed_v");
                assertEquals("42501", view.getSQLState());
                assertEquals("permission denied for view closed_v", view.getServerErrorMessage().getMessage());
            }
            exec(admin, "drop table secret cascade", "drop role viewer");
        }
    }

    @Test
    void createTableAsAndSelectInto() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            exec(c, "create table src(a int, b varchar(5))", "insert into src values (1, 'one'), (2, 'two'), (3, 'three')");
            assertEquals(2, s.executeUpdate("create table c1 as select a, b from src where a > 1"));
            assertEquals("2|two;3|three", joinedRows(c, "select * from c1 order by a"));
            assertEquals("varchar", joinedRows(c, "select t.typname from pg_attribute a join pg_type t on t.oid = a.atttypid"
                    + " join pg_class r on r.oid = a.attrelid where r.relname = 'c1' and a.attname = 'b'"));
            assertEquals(1, s.executeUpdate("select a * 2 as dbl into c2 from src where a = 1"));
            assertEquals("2", ProtocolIT.one(c, "select dbl from c2"));
            exec(c, "create table c3 (x, y) as select 1, 'two' with no data");
            assertEquals("0", ProtocolIT.one(c, "select count(*) from c3"));
            assertEquals("x;y", joinedRows(c, "select attname from pg_attribute a join pg_class r"
                    + " on r.oid = a.attrelid where r.relname = 'c3' and attnum > 0 order by attnum"));
            assertEquals(List.of("relation \"c3\" already exists, skipping"), exec(c, "create table if not exists c3 as select 1"));
            assertEquals("42P07", error(c, "create table c3 as select 1").getSQLState());
            PSQLException many = error(c, "create table c4 (p, q, r) as select 1, 2");
            assertEquals("too many column names were specified", many.getServerErrorMessage().getMessage());
            assertEquals("42701", error(c, "create table c5 as select 1 as z, 2 as z").getSQLState());
            exec(c, "select 'lit' as t into temp c6");
            assertEquals("text|t", joinedRows(c, "select t.typname, r.relpersistence from pg_attribute a join pg_type t"
                    + " on t.oid = a.atttypid join pg_class r on r.oid = a.attrelid where r.relname = 'c6' and attnum = 1"));
            PSQLException nested = error(c, "select * from (select 1 into c7) s");
            assertEquals("42601", nested.getSQLState());
            exec(c, "drop table src, c1, c2, c3, c6");
        }
    }

    @Test
    void inheritanceMergesColumnsAndScansIncludeChildren() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table person(name text, age int default 30)", "create table worker(name text, salary int)");
            assertEquals(List.of("merging multiple inherited definitions of column \"name\"",
                            "merging column \"age\" with inherited definition"),
                    exec(c, "create table student(age int not null, gpa float8) inherits (person, worker)"));
            assertEquals("name|2|f;age|1|t;salary|1|f;gpa|0|t", joinedRows(c, "select attname, attinhcount, attislocal from pg_attribute a"
                    + " join pg_class r on r.oid = a.attrelid where r.relname = 'student' and attnum > 0 order by attnum"));
            assertEquals("person|1;worker|2", joinedRows(c, "select p.relname, inhseqno from pg_inherits i join pg_class p"
                    + " on p.oid = i.inhparent join pg_class ch on ch.oid = i.inhrelid where ch.relname = 'student' order by 2"));
            exec(c, "insert into person values ('ann', 40)", "insert into student (name, salary, gpa) values ('bob', 10, 3.5)");
            assertEquals("ann|40;bob|30", joinedRows(c, "select * from person order by name"));
            assertEquals("ann|40", joinedRows(c, "select * from only person"));
            assertEquals("bob|10", joinedRows(c, "select * from worker"));
            assertEquals("bob", joinedRows(c, "select name from person where age < 35"));
            assertEquals(2, c.createStatement().executeUpdate("update person set age = age + 1"));
            assertEquals("bob|31|10|3.5", joinedRows(c, "select * from student"));
            assertEquals(0, c.createStatement().executeUpdate("delete from only person where name = 'bob'"));
            assertEquals(1, c.createStatement().executeUpdate("delete from person where name = 'bob'"));
            assertEquals("0", ProtocolIT.one(c, "select count(*) from student"));

            exec(c, "alter table person add column city text default 'x'");
            assertEquals("city|1|f", joinedRows(c, "select attname, attinhcount, attislocal from pg_attribute a join pg_class r"
                    + " on r.oid = a.attrelid where r.relname = 'student' and attname = 'city'"));
            exec(c, "insert into student (name, gpa) values ('cy', 1)");
            assertEquals("ann|x;cy|x", joinedRows(c, "select name, city from person order by name"));

            PSQLException conflict = error(c, "create table bad(age text) inherits (person)");
            assertEquals("42804", conflict.getSQLState());
            assertEquals("column \"age\" has a type conflict", conflict.getServerErrorMessage().getMessage());
            assertEquals("integer versus text", conflict.getServerErrorMessage().getDetail());
            assertEquals("42P07", error(c, "create table twice() inherits (person, person)").getSQLState());

            PSQLException drop = error(c, "drop table person");
            assertEquals("2BP01", drop.getSQLState());
            assertEquals("table student depends on table person", drop.getServerErrorMessage().getDetail());
            assertEquals(List.of("drop cascades to table student"), exec(c, "drop table person cascade"));
            assertEquals("0", ProtocolIT.one(c, "select count(*) from pg_inherits"));
            exec(c, "drop table worker");
        }
    }

    /**
     * pg_get_viewdef and pg_get_viewdef(..., true) of 38 views covering joins, subqueries, set
     * operations, CTEs, aggregates, windows, VALUES and functions in FROM, against the text
     * PostgreSQL 15 returns for the same views (src/test/resources/ruleutils/viewdefs-pg15.txt).
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void viewDefinitionsAreDeparsedAsPostgresDoes() throws Exception {
        String text;
        try (var in = ViewsIT.class.getResourceAsStream("/ruleutils/viewdefs-pg15.txt")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String[] cases = text.split("### view\n");
        try (Connection c = server.connect()) {
            exec(c, "create schema vdef", "set search_path = vdef, public",
                    "create table t (a int, b text, c numeric, d varchar(10))", "create table u (x int, y text)");
            List<String> failures = new ArrayList<>();
            int checked = 0;
            for (String k : cases) {
                if (k.isBlank()) continue;
                String create = k.substring(0, k.indexOf("\n### plain\n"));
                String plain = k.substring(k.indexOf("### plain\n") + 10, k.indexOf("\n### pretty\n"));
                String pretty = k.substring(k.indexOf("### pretty\n") + 11).stripTrailing();
                String view = create.split(" ")[2];
                exec(c, create);
                String gotPlain = ProtocolIT.one(c, "select pg_get_viewdef('" + view + "'::regclass)");
                String gotPretty = ProtocolIT.one(c, "select pg_get_viewdef('" + view + "'::regclass, true)");
                if (!plain.equals(gotPlain)) failures.add(view + " plain:\n" + gotPlain + "\nexpected:\n" + plain);
                if (!pretty.equals(gotPretty)) failures.add(view + " pretty:\n" + gotPretty + "\nexpected:\n" + pretty);
                checked++;
            }
            assertEquals(40, checked);
            assertEquals(List.of(), failures);
            exec(c, "set search_path = public"); // the views stay in schema vdef of this test server
        }
    }

    /** CURRENT_USER, CURRENT_DATE and the other SQLValueFunctions print as their keywords (get_rule_expr), also in EXPLAIN. */
    @Test
    void sqlValueFunctionsDeparseAsKeywords() throws Exception {
        try (Connection c = server.connect()) {
            org.tusk.it.Jdbc.exec(c, "create view svf_v as select current_user as a, session_user as b, user as c,"
                    + " current_date as d, localtimestamp(2) as e, current_timestamp::date as f, now() as g");
            assertEquals(" SELECT CURRENT_USER AS a,\n    SESSION_USER AS b,\n    USER AS c,\n    CURRENT_DATE AS d,\n"
                    + "    LOCALTIMESTAMP(2) AS e,\n    (CURRENT_TIMESTAMP)::date AS f,\n    now() AS g;",
                    joinedRows(c, "select pg_get_viewdef('svf_v')"));
            assertEquals("Result;  Output: CURRENT_USER, CURRENT_DATE", joinedRows(c,
                    "explain (verbose, costs off) select current_user, current_date").replace("\n", ";"));
            org.tusk.it.Jdbc.exec(c, "drop view svf_v");
        }
    }
}
