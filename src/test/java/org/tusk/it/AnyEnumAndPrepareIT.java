package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a user sees of two behaviours, through a running server; expected values are
 * PostgreSQL 15's answers. A user function declared on anyenum (SQL or PL/pgSQL) is bound to the
 * actual enum type of its call, as enforce_generic_type_consistency does, and anyarray in its
 * result is that enum's array type. PREPARE only analyses (PrepareQuery): an error the planner
 * raises (1/0 folded as a constant) comes at EXECUTE, while analysis errors stay PREPARE's, and
 * the result columns are fixed at PREPARE.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AnyEnumAndPrepareIT {

    @Test
    void anyenumArgumentsOfUserFunctions() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create type rainbow as enum ('red', 'orange', 'yellow')");
            s.execute("create function echo_me(anyenum) returns text as $$ begin return $1::text || 'omg'; end $$ language plpgsql");
            s.execute("create function same(anyenum) returns anyenum as $$ select $1 $$ language sql");
            s.execute("create function pair(anyenum, anyenum) returns anyarray as $$ select array[$1, $2] $$ language sql");
            assertEquals(List.of("redomg"), TuskServer.rows(c, "select echo_me('red'::rainbow)"));
            assertEquals(List.of("orange|rainbow"), TuskServer.rows(c, "select same('orange'::rainbow), pg_typeof(same('orange'::rainbow))"));
            // an unknown literal takes the enum type of the other anyenum argument
            assertEquals(List.of("{red,yellow}|rainbow[]"),
                    TuskServer.rows(c, "select pair('red'::rainbow, 'yellow'), pg_typeof(pair('red'::rainbow, 'yellow'))"));
            // built-in anyenum functions still see their type
            assertEquals(List.of("{red,orange,yellow}|red"), TuskServer.rows(c, "select enum_range(null::rainbow), enum_first(null::rainbow)"));
            SQLException e = assertThrows(SQLException.class, () -> TuskServer.rows(c, "select same(1)"));
            assertEquals("42883", e.getSQLState());
            e = assertThrows(SQLException.class, () -> TuskServer.rows(c, "select same('red')"));
            assertEquals("42804", e.getSQLState());
            assertEquals("ERROR: could not determine polymorphic type because input has type unknown", e.getMessage().split("\n")[0]);
            // a concrete function wins over the generic one
            s.execute("create function echo_me(rainbow) returns text as $$ begin return $1::text || 'wtf'; end $$ language plpgsql");
            assertEquals(List.of("redwtf"), TuskServer.rows(c, "select echo_me('red'::rainbow)"));
        }
    }

    @Test
    void prepareAnalysesAndExecutePlans() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("prepare q as select 1 / 0");   // succeeds: not planned yet
            assertEquals(List.of("q|select 1 / 0"), TuskServer.rows(c,
                    "select name, regexp_replace(statement, '^prepare q as ', '') from pg_prepared_statements"));
            SQLException e = assertThrows(SQLException.class, () -> TuskServer.rows(c, "execute q"));
            assertEquals("22012", e.getSQLState());
            // analysis errors are still PREPARE's
            e = assertThrows(SQLException.class, () -> s.execute("prepare bad as select nosuch from pg_class"));
            assertEquals("42703", e.getSQLState());
            s.execute("create table t (a int, b text)");
            s.execute("insert into t values (1, 'x'), (2, 'y')");
            s.execute("prepare p(int) as select b from t where a = $1");
            assertEquals(List.of("x"), TuskServer.rows(c, "execute p(1)"));
            assertEquals(List.of("y"), TuskServer.rows(c, "execute p(2)"));
            // the result type is fixed at PREPARE
            s.execute("prepare r as select * from t");
            s.execute("alter table t add column c int");
            e = assertThrows(SQLException.class, () -> TuskServer.rows(c, "execute r"));
            assertEquals("ERROR: cached plan must not change result type", e.getMessage());
            s.execute("prepare ins(int) as insert into t values ($1, 'z')");
            s.execute("execute ins(3)");
            assertEquals(List.of("3"), TuskServer.rows(c, "select count(*) from t"));
        }
    }
}
