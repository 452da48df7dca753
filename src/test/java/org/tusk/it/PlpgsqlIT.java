package org.tusk.it;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * Plain PL/pgSQL functions against a real server: CASE, WHILE, EXIT/CONTINUE with labels,
 * EXECUTE ... INTO ... USING, FOREACH, GET [STACKED] DIAGNOSTICS, ASSERT, OUT parameters and
 * re-RAISE. Every expected value, message, CONTEXT line and SQLSTATE is PostgreSQL 15's answer.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PlpgsqlIT extends OneServerPerClass {

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String row(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            int n = rs.getMetaData().getColumnCount();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= n; i++) out.add(rs.getString(i));
            return String.join("|", out);
        }
    }

    private static PSQLException fails(Connection c, String sql, String sqlState) {
        PSQLException e = assertThrows(PSQLException.class, () -> exec(c, sql));
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
        return e;
    }

    @Test
    void caseStatements() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, """
                    create function pl_case(x int) returns text language plpgsql as $$
                    begin
                      case x when 1, 2 then return 'one or two'; when 3 then return 'three'; else return 'other'; end case;
                    end $$""");
            assertEquals("one or two|three|other", row(c, "select pl_case(1), pl_case(3), pl_case(9)"));
            exec(c, """
                    create function pl_case2(x int) returns text language plpgsql as $$
                    begin
                      case when x < 0 then return 'neg'; when x > 0 then return 'pos'; end case;
                    end $$""");
            assertEquals("neg|pos", row(c, "select pl_case2(-1), pl_case2(5)"));
            PSQLException e = fails(c, "select pl_case2(0)", "20000");
            assertEquals("case not found", e.getServerErrorMessage().getMessage());
            assertEquals("CASE statement is missing ELSE part.", e.getServerErrorMessage().getHint());
            assertEquals("PL/pgSQL function pl_case2(integer) line 3 at CASE", e.getServerErrorMessage().getWhere());
        }
    }

    /** a[i] := v (array_set_element through PL/pgSQL), with the declared typmod applied to the element. */
    @Test
    void assignmentToArrayElements() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, """
                    create function pl_elems() returns text language plpgsql as $$
                    declare a int[] := '{1,2}'; b int[]; m int[] := '{{1,2},{3,4}}'; n numeric(4,1)[] := '{}'; i int := 2;
                    begin
                      a[2] := 5; a[4] := '7'; b[i + 1] := 9; m[2][1] := 0; n[1] := 1.26;
                      return a::text || ' ' || b::text || ' ' || m::text || ' ' || n::text;
                    end $$""");
            assertEquals("{1,5,NULL,7} [3:3]={9} {{1,2},{0,4}} {1.3}", row(c, "select pl_elems()"));
            exec(c, """
                    create function pl_elem_errors(k int) returns void language plpgsql as $$
                    declare a int[] := '{1}'; v varchar(2)[] := '{}'; m int[] := '{{1}}';
                    begin
                      if k = 1 then a[null] := 5; elsif k = 2 then v[1] := 'abc'; else m[2][1] := 3; end if;
                    end $$""");
            assertEquals("array subscript in assignment must not be null",
                    fails(c, "select pl_elem_errors(1)", "22004").getServerErrorMessage().getMessage());
            assertEquals("value too long for type character varying(2)",
                    fails(c, "select pl_elem_errors(2)", "22001").getServerErrorMessage().getMessage());
            assertEquals("array subscript out of range",
                    fails(c, "select pl_elem_errors(3)", "2202E").getServerErrorMessage().getMessage());
        }
    }

    @Test
    void loopsWithLabels() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, """
                    create function pl_loops() returns text language plpgsql as $$
                    declare i int := 0; j int; s text := '';
                    begin
                      <<outer>>
                      while i < 5 loop
                        i := i + 1;
                        continue when i = 2;
                        j := 0;
                        loop
                          j := j + 1;
                          exit outer when i = 4 and j = 2;
                          continue outer when j > i;
                          s := s || i || ':' || j || ' ';
                        end loop;
                      end loop outer;
                      return s;
                    end $$""");
            assertEquals("1:1 3:1 3:2 3:3 4:1 ", row(c, "select pl_loops()"));
            exec(c, """
                    create function pl_foreach(arr int[]) returns int language plpgsql as $$
                    declare x int; s int := 0;
                    begin
                      foreach x in array arr loop s := s + x; end loop;
                      return s;
                    end $$""");
            assertEquals("10", row(c, "select pl_foreach(array[1,2,3,4])"));
        }
    }

    @Test
    void dynamicSqlAndDiagnostics() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table pe(a int)");
            exec(c, "insert into pe select generate_series(1, 10)");
            exec(c, """
                    create function pl_exec(t text, v int) returns int language plpgsql as $$
                    declare r int;
                    begin
                      execute format('select count(*) from %I where a > $1', t) into r using v;
                      return r;
                    end $$""");
            assertEquals("3", row(c, "select pl_exec('pe', 7)"));
            exec(c, """
                    create function pl_diag() returns text language plpgsql as $$
                    declare n int; m text; st text;
                    begin
                      update pe set a = a where a <= 3;
                      get diagnostics n = row_count;
                      begin
                        perform 1/0;
                      exception when division_by_zero then
                        get stacked diagnostics m = message_text, st = returned_sqlstate;
                      end;
                      return n || ' ' || m || ' ' || st;
                    end $$""");
            assertEquals("3 division by zero 22012", row(c, "select pl_diag()"));
        }
    }

    @Test
    void assertOutParametersAndReraise() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, """
                    create function pl_assert(x int) returns int language plpgsql as $$
                    begin
                      assert x > 0, 'x must be positive';
                      return x;
                    end $$""");
            assertEquals("1", row(c, "select pl_assert(1)"));
            PSQLException e = fails(c, "select pl_assert(-1)", "P0004");
            assertEquals("x must be positive", e.getServerErrorMessage().getMessage());
            assertEquals("PL/pgSQL function pl_assert(integer) line 3 at ASSERT", e.getServerErrorMessage().getWhere());
            exec(c, "set plpgsql.check_asserts = off");
            assertEquals("-1", row(c, "select pl_assert(-1)"));
            exec(c, "reset plpgsql.check_asserts");

            exec(c, "create function pl_out(a int, out s int, out p int) language plpgsql as $$ begin s := a + a; p := a * a; end $$");
            assertEquals("6|9", row(c, "select * from pl_out(3)"));

            exec(c, """
                    create function pl_reraise() returns text language plpgsql as $$
                    begin
                      begin
                        raise exception 'inner %', 42 using errcode = '22012';
                      exception when division_by_zero then
                        raise;
                      end;
                    end $$""");
            e = fails(c, "select pl_reraise()", "22012");
            assertEquals("inner 42", e.getServerErrorMessage().getMessage());
            assertEquals("PL/pgSQL function pl_reraise() line 4 at RAISE", e.getServerErrorMessage().getWhere());
            exec(c, """
                    create function pl_reraise2() returns text language plpgsql as $$
                    begin
                      begin
                        perform pl_reraise();
                      exception when others then
                        return sqlstate || ' ' || sqlerrm;
                      end;
                    end $$""");
            assertEquals("22012 inner 42", row(c, "select pl_reraise2()"));
        }
    }
}
