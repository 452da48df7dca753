package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Shell and base types made from LANGUAGE internal I/O functions, CREATE CAST (binary, implicit),
 * CREATE OPERATOR with a commutator and negator, and DROP ... CASCADE through pg_depend. Expected
 * answers are PostgreSQL 15's for the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UserTypeIT {
    @Test
    void baseTypeCastsAndOperators() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create type xfloat8");
            s.execute("create function xfloat8in(cstring) returns xfloat8 immutable strict language internal as 'int8in'");
            SQLWarning w = s.getWarnings();
            assertEquals("return type xfloat8 is only a shell", w.getMessage());
            s.execute("create function xfloat8out(xfloat8) returns cstring immutable strict language internal as 'int8out'");
            assertEquals("argument type xfloat8 is only a shell", s.getWarnings().getMessage());
            SQLException e = assertThrows(SQLException.class,
                    () -> s.execute("create function f(cstring) returns xfloat8 language internal as 'nosuch'"));
            assertEquals("42883", e.getSQLState());
            assertEquals("ERROR: there is no built-in function named \"nosuch\"", e.getMessage());
            s.execute("create type xfloat8 (input = xfloat8in, output = xfloat8out, like = float8)");
            assertEquals(List.of("xfloat8|8|t|d|b|t", "_xfloat8|-1|f|d|b|t"), TuskServer.rows(c,
                    "select typname, typlen, typbyval, typalign, typtype, typisdefined from pg_type"
                            + " where typname like '%xfloat8' order by typlen desc"));
            // a binary cast reads the same bits as the other type
            s.execute("create cast (xfloat8 as float8) without function");
            s.execute("create cast (bigint as xfloat8) without function");
            assertEquals(List.of("1|-2|4607182418800017408"), TuskServer.rows(c,
                    "select 4607182418800017408::bigint::xfloat8::float8, -4611686018427387904::bigint::xfloat8::float8,"
                            + " '4607182418800017408'::xfloat8"));
            // an implicit cast is used where the type does not fit
            s.execute("create cast (xfloat8 as bigint) without function as implicit");
            assertEquals(List.of("43"), TuskServer.rows(c, "select '42'::xfloat8 + 1"));
            assertEquals(List.of("bigint|xfloat8|b|e", "xfloat8|bigint|b|i", "xfloat8|double precision|b|e"),
                    TuskServer.rows(c, "select castsource::regtype, casttarget::regtype, castmethod, castcontext"
                            + " from pg_cast where oid >= 16384 order by 1, 2"));

            // an operator whose commutator is itself, used in WHERE, and a negator made as a shell
            s.execute("create table nums (n int4)");
            s.execute("insert into nums values (1), (2), (12), (22)");
            s.execute("create function same_last_digit(int4, int4) returns bool immutable strict language sql"
                    + " as 'select $1 % 10 = $2 % 10'");
            s.execute("create operator =~= (leftarg = int4, rightarg = int4, procedure = same_last_digit,"
                    + " commutator = =~=, negator = !=~=)");
            assertEquals(List.of("2", "12", "22"), TuskServer.rows(c, "select n from nums where n =~= 2 order by n"));
            assertEquals(List.of("t|f|t"), TuskServer.rows(c,
                    "select o.oprcom = o.oid, o.oprnegate = 0, n.oprcode = 0 from pg_operator o"
                            + " join pg_operator n on n.oid = o.oprnegate where o.oprname = '=~='"));
            e = assertThrows(SQLException.class, () -> s.execute("create operator =~= (leftarg = int4, rightarg = int4,"
                    + " procedure = same_last_digit)"));
            assertEquals("ERROR: operator =~= already exists", e.getMessage());
            e = assertThrows(SQLException.class, () -> s.execute("create operator ## (leftarg = setof int4, rightarg = int4,"
                    + " procedure = same_last_digit)"));
            assertEquals("ERROR: SETOF type not allowed for operator argument", e.getMessage());

            // DROP ... CASCADE follows pg_depend
            e = assertThrows(SQLException.class, () -> s.execute("drop function same_last_digit(int4, int4)"));
            assertEquals("2BP01", e.getSQLState());
            s.execute("drop function same_last_digit(int4, int4) cascade");
            assertEquals(List.of("1"), TuskServer.rows(c, "select count(*) from pg_operator where oid >= 16384"));
            s.execute("drop type xfloat8 cascade");
            assertTrue(s.getWarnings().getMessage().startsWith("drop cascades to 5 other objects"));
            assertEquals(List.of("0|0|0"), TuskServer.rows(c, "select (select count(*) from pg_cast where oid >= 16384),"
                    + " (select count(*) from pg_type where typname like '%xfloat8'),"
                    + " (select count(*) from pg_proc where proname like 'xfloat8%')"));
        }
    }
}
