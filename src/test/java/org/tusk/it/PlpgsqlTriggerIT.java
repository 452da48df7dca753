package org.tusk.it;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * PL/pgSQL trigger functions against a real server: NEW, OLD and TG_* as a trigger function sees
 * them, the rules for what it returns, transition tables named in its queries, recursion with
 * pg_trigger_depth(), partitions, and DROP FUNCTION of a function triggers use. The expected
 * notices, rows, messages and SQLSTATEs are PostgreSQL 15's answers to the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PlpgsqlTriggerIT extends OneServerPerClass {

    /** Runs {@code sql}; returns its notices, in order. */
    private static List<String> notices(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) out.add(w.getMessage());
        }
        return out;
    }

    private static int exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            return s.getUpdateCount();
        }
    }

    private static PSQLException fails(Connection c, String sql, String sqlState) {
        PSQLException e = assertThrows(PSQLException.class, () -> exec(c, sql));
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
        return e;
    }

    @Test
    void triggerVariablesAndBeforeRowChanges() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table tv(a int, b text)");
            exec(c, """
                    create function tv_f() returns trigger language plpgsql as $$
                    begin
                      raise notice '% % % % % % % % %', tg_name, tg_when, tg_level, tg_op, tg_relname, tg_table_name,
                        tg_table_schema, tg_nargs, tg_argv[1];
                      if tg_level = 'ROW' then raise notice 'new=% old=%', new, old; end if;
                      if tg_op = 'INSERT' and tg_when = 'BEFORE' then
                        new.b := new.b || '!';
                        if new.a = 0 then return null; end if;
                      end if;
                      if tg_op = 'DELETE' then return old; end if;
                      return new;
                    end $$""");
            exec(c, "create trigger tv_b before insert or update or delete on tv for each row execute function tv_f('x', 'y')");
            exec(c, "create trigger tv_a after insert on tv for each row execute function tv_f()");
            exec(c, "create trigger tv_s after insert on tv for each statement execute function tv_f()");
            assertEquals(List.of(
                    "tv_b BEFORE ROW INSERT tv tv public 2 y", "new=(1,a) old=<NULL>",
                    "tv_b BEFORE ROW INSERT tv tv public 2 y", "new=(0,z) old=<NULL>",
                    "tv_a AFTER ROW INSERT tv tv public 0 <NULL>", "new=(1,a!) old=<NULL>",
                    "tv_s AFTER STATEMENT INSERT tv tv public 0 <NULL>"),
                    notices(c, "insert into tv values (1, 'a'), (0, 'z')"));
            assertEquals(List.of("1|a!"), Jdbc.rowsShowingNull(c, "select * from tv"));
            assertEquals(List.of("tv_b BEFORE ROW UPDATE tv tv public 2 y", "new=(1,q) old=(1,a!)"),
                    notices(c, "update tv set b = 'q'"));
            assertEquals(List.of("tv_b BEFORE ROW DELETE tv tv public 2 y", "new=<NULL> old=(1,q)"),
                    notices(c, "delete from tv"));
            assertEquals(List.of(), Jdbc.rowsShowingNull(c, "select * from tv"));
        }
    }

    @Test
    void returnedRowRules() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rr(a int, b text, c numeric)");
            exec(c, """
                    create function rr_f() returns trigger language plpgsql as $$
                    declare r rr%rowtype;
                    begin
                      if tg_op = 'UPDATE' then
                        new.c := coalesce(old.c, 0) + 1;
                        return new;
                      end if;
                      r := new;
                      r.b := upper(r.b);
                      return r;
                    end $$""");
            exec(c, "create trigger rr_t before insert or update on rr for each row execute function rr_f()");
            exec(c, "insert into rr values (1, 'abc', null), (2, 'def', 5)");
            exec(c, "update rr set b = b || 'x'");
            assertEquals(List.of("1|ABCx|1", "2|DEFx|6"), Jdbc.rowsShowingNull(c, "select * from rr order by a"));

            exec(c, "create function rr_bad() returns trigger language plpgsql as $$ begin return row(1, 2, 3); end $$");
            exec(c, "create trigger rr_u before insert on rr for each row execute function rr_bad()");
            PSQLException e = fails(c, "insert into rr values (3, 'x', 1)", "42804");
            assertEquals("returned row structure does not match the structure of the triggering table",
                    e.getServerErrorMessage().getMessage());
            assertEquals("Returned type integer does not match expected type text in column 2.",
                    e.getServerErrorMessage().getDetail());
            assertEquals("PL/pgSQL function rr_bad() during function exit", e.getServerErrorMessage().getWhere());
            exec(c, "drop trigger rr_u on rr");

            exec(c, "create function rr_scalar() returns trigger language plpgsql as $$ begin return 5; end $$");
            exec(c, "create trigger rr_u before insert on rr for each row execute function rr_scalar()");
            e = fails(c, "insert into rr values (3, 'x', 1)", "42804");
            assertEquals("cannot return non-composite value from function returning composite type",
                    e.getServerErrorMessage().getMessage());
            exec(c, "drop trigger rr_u on rr");

            exec(c, "create function rr_none() returns trigger language plpgsql as $$ begin end $$");
            exec(c, "create trigger rr_u before insert on rr for each row execute function rr_none()");
            e = fails(c, "insert into rr values (3, 'x', 1)", "2F005");
            assertEquals("control reached end of trigger procedure without RETURN", e.getServerErrorMessage().getMessage());
            exec(c, "drop trigger rr_u on rr");

            // AFTER triggers' results are ignored; NEW of a statement trigger reads as NULL
            exec(c, "create function rr_stmt() returns trigger language plpgsql as $$ begin raise notice 'a=%', new.a; return null; end $$");
            exec(c, "create trigger rr_s before insert on rr for each statement execute function rr_stmt()");
            exec(c, "create trigger rr_after after insert on rr for each row execute function rr_stmt()");
            assertEquals(List.of("a=<NULL>", "a=7"), notices(c, "insert into rr values (7, 'x', 1)"));
            assertEquals(List.of("7|X|1"), Jdbc.rowsShowingNull(c, "select * from rr where a = 7"));

            e = fails(c, "select rr_f()", "0A000");
            assertEquals("trigger functions can only be called as triggers", e.getServerErrorMessage().getMessage());
            e = fails(c, "create function rr_args(int) returns trigger language plpgsql as $$ begin return null; end $$",
                    "42P13");
            assertEquals("trigger functions cannot have declared arguments", e.getServerErrorMessage().getMessage());
        }
    }

    @Test
    void transitionTablesAndRecursion() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table tt(a int)");
            exec(c, """
                    create function tt_f() returns trigger language plpgsql as $$
                    declare r record;
                    begin
                      for r in select * from newtab order by a loop raise notice 'new %', r.a; end loop;
                      raise notice 'old count %', (select count(*) from oldtab);
                      return null;
                    end $$""");
            exec(c, "create trigger tt_t after update on tt referencing new table as newtab old table as oldtab"
                    + " for each statement execute function tt_f()");
            exec(c, "insert into tt values (1), (2)");
            assertEquals(List.of("new 11", "new 12", "old count 2"), notices(c, "update tt set a = a + 10"));

            exec(c, "create table rec(n int)");
            exec(c, """
                    create function rec_f() returns trigger language plpgsql as $$
                    begin
                      raise notice 'depth % n %', pg_trigger_depth(), new.n;
                      if new.n < 3 then insert into rec values (new.n + 1); end if;
                      return null;
                    end $$""");
            exec(c, "create trigger rec_t after insert on rec for each row execute function rec_f()");
            assertEquals(List.of("depth 1 n 1", "depth 2 n 2", "depth 3 n 3"), notices(c, "insert into rec values (1)"));
            assertEquals(List.of("1", "2", "3"), Jdbc.rowsShowingNull(c, "select n from rec order by n"));
            assertEquals(List.of("0"), Jdbc.rowsShowingNull(c, "select pg_trigger_depth()"));
        }
    }

    @Test
    void partitionsFireTheirRowTriggers() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table pt(a int, b text) partition by range (a)");
            exec(c, "create table pt1 partition of pt for values from (0) to (10)");
            exec(c, "create table pt2 partition of pt for values from (10) to (20)");
            exec(c, """
                    create function pt_f() returns trigger language plpgsql as $$
                    begin raise notice '% % % on %', tg_name, tg_when, tg_op, tg_table_name; return coalesce(new, old); end $$""");
            exec(c, "create trigger ptb before insert or update or delete on pt for each row execute function pt_f()");
            exec(c, "create trigger pta after insert or update or delete on pt for each row execute function pt_f()");
            exec(c, "create trigger p1b before insert on pt1 for each row execute function pt_f()");
            assertEquals(List.of("p1b BEFORE INSERT on pt1", "ptb BEFORE INSERT on pt1", "ptb BEFORE INSERT on pt2",
                    "pta AFTER INSERT on pt1", "pta AFTER INSERT on pt2"), notices(c, "insert into pt values (1, 'a'), (15, 'b')"));
            // row movement: BEFORE UPDATE on the old partition, then DELETE there and INSERT in the new one
            assertEquals(List.of("ptb BEFORE UPDATE on pt1", "ptb BEFORE DELETE on pt1", "ptb BEFORE INSERT on pt2",
                    "pta AFTER DELETE on pt1", "pta AFTER INSERT on pt2"), notices(c, "update pt set a = 12 where a = 1"));
            // partitions created or attached later get clones of the row triggers
            exec(c, "create table pt3 partition of pt for values from (20) to (30)");
            exec(c, "create table pt4 (a int, b text)");
            exec(c, "alter table pt attach partition pt4 for values from (30) to (40)");
            assertEquals(List.of("ptb BEFORE INSERT on pt3", "pta AFTER INSERT on pt3"), notices(c, "insert into pt values (25, 'c')"));
            assertEquals(List.of("ptb BEFORE INSERT on pt4", "pta AFTER INSERT on pt4"), notices(c, "insert into pt values (35, 'd')"));
            assertEquals(List.of("pt3|pta|t", "pt3|ptb|t", "pt4|pta|t", "pt4|ptb|t"),
                    Jdbc.rowsShowingNull(c, "select tgrelid::regclass::text, tgname, tgparentid <> 0 from pg_trigger"
                            + " where tgrelid::regclass::text in ('pt3', 'pt4') order by 1, 2"));
        }
    }

    @Test
    void statementTriggersOfAPartitionedTableSeeTheLeavesRows() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rp(a int, b text) partition by range (a)");
            exec(c, "create table rp1 partition of rp for values from (0) to (10)");
            exec(c, "create table rp2 (b text, a int)");
            exec(c, "alter table rp attach partition rp2 for values from (10) to (20)");
            exec(c, "insert into rp values (1, 'x'), (2, 'y'), (11, 'z')");
            exec(c, """
                    create function rp_f() returns trigger language plpgsql as $$
                    begin
                      raise notice '% old = %, new = %', tg_name, (select string_agg(o::text, ', ' order by a) from o),
                        (select string_agg(n::text, ', ' order by a) from n);
                      return null;
                    end $$""");
            exec(c, "create trigger rp_t after update on rp referencing old table as o new table as n"
                    + " for each statement execute function rp_f()");
            // moved rows count as updated ones; rows of rp2 appear in rp's column order
            assertEquals(List.of("rp_t old = (1,x), (2,y), new = (11,x), (12,y)"),
                    notices(c, "update rp set a = a + 10 where a < 3"));
            assertEquals(List.of("rp_t old = (11,z), (11,x), (12,y), new = (11,z!), (11,x!), (12,y!)"),
                    notices(c, "update rp set b = b || '!'"));
        }
    }

    @Test
    void dropFunctionUsedByATrigger() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table dt(a int)");
            exec(c, "create function dt_f() returns trigger language plpgsql as $$ begin return new; end $$");
            exec(c, "create trigger dt_t before insert on dt for each row execute function dt_f()");
            PSQLException e = fails(c, "drop function dt_f()", "2BP01");
            assertEquals("cannot drop function dt_f() because other objects depend on it", e.getServerErrorMessage().getMessage());
            assertEquals("trigger dt_t on table dt depends on function dt_f()", e.getServerErrorMessage().getDetail());
            assertEquals(List.of("drop cascades to trigger dt_t on table dt"), notices(c, "drop function dt_f() cascade"));
            assertEquals(List.of("0"), Jdbc.rowsShowingNull(c, "select count(*) from pg_trigger where tgname = 'dt_t'"));
            assertEquals(1, exec(c, "insert into dt values (1)"));
        }
    }

    /**
     * A VOLATILE trigger function's queries see the rows its statement has already changed (each
     * starts with CommandCounterIncrement, as SPI does outside read-only mode), while the statement
     * itself still changes each row once; a STABLE one's queries see the statement's snapshot.
     */
    @Test
    void volatileTriggerFunctionsSeeTheRowsTheirStatementChangedSoFar() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table tvis (a int, b int)");
            exec(c, "create function tvis_count() returns trigger language plpgsql as $$"
                    + " begin new.b := (select count(*) from tvis); return new; end $$");
            exec(c, "create trigger tvis_b before insert or update on tvis for each row execute function tvis_count()");
            exec(c, "insert into tvis (a) select generate_series(1, 200)");
            assertEquals(List.of("0|199|200"), Jdbc.rowsShowingNull(c, "select min(b) || '|' || max(b) || '|' || count(*) from tvis"));
            assertEquals(200, exec(c, "update tvis set a = a + 1000"));
            assertEquals(List.of("200|200|200|220100"),
                    Jdbc.rowsShowingNull(c, "select min(b) || '|' || max(b) || '|' || count(*) || '|' || sum(a) from tvis"));
            exec(c, "create or replace function tvis_count() returns trigger language plpgsql stable as $$"
                    + " begin new.b := (select count(*) from tvis); return new; end $$");
            exec(c, "truncate tvis");
            exec(c, "insert into tvis (a) select generate_series(1, 200)");
            assertEquals(List.of("0|0|200"), Jdbc.rowsShowingNull(c, "select min(b) || '|' || max(b) || '|' || count(*) from tvis"));
        }
    }
}
