package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;
import static org.tusk.it.Jdbc.rowsShowingNull;

import java.sql.Connection;
import java.sql.SQLWarning;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * What routines depend on (ProcedureCreate's recordDependencyOnExpr over SQL-standard bodies and
 * argument defaults), as DROP, DROP SCHEMA and information_schema's routine_*_usage views show
 * it, plus parameters.parameter_default and EXPLAIN ANALYZE CREATE TABLE AS EXECUTE, against a
 * real server; messages and rows as PostgreSQL 15 gives them for the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RoutineDependenciesIT extends OneServerPerClass {

    @Test
    void aTableUsedByABeginAtomicBodyCannotBeDroppedWithoutCascade() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rd_t (i int)",
                    "create function rd_ins(a int, b int) returns void language sql begin atomic insert into rd_t select a + b; end");
            PSQLException e = fails(c, "drop table rd_t", "2BP01");
            assertEquals("cannot drop table rd_t because other objects depend on it", e.getServerErrorMessage().getMessage());
            assertEquals("function rd_ins(integer,integer) depends on table rd_t", e.getServerErrorMessage().getDetail());
            SQLWarning w = exec(c, "drop table rd_t cascade");
            assertEquals("drop cascades to function rd_ins(integer,integer)", w.getMessage());
            assertEquals(List.of(), rowsShowingNull(c, "select 1 from pg_proc where proname = 'rd_ins'"));
        }
    }

    @Test
    void routineUsageViewsListWhatBodiesAndDefaultsUse() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create schema rd_s", "set search_path = rd_s",
                    "create function f4a() returns int language sql as 'select 1'",
                    "create function f4b(x int default f4a()) returns int language sql as 'select x'",
                    "create sequence sq",
                    "create function f5(x int default nextval('sq')) returns int language sql as 'select x'",
                    "create function f6() returns int language sql return nextval('sq')",
                    "create table t2 (a int, b int)",
                    "create function f7() returns int language sql return (select count(a) from t2)");
            assertEquals(List.of("f4b|f4a"), rowsShowingNull(c, "select r0.routine_name, r1.routine_name"
                    + " from information_schema.routine_routine_usage rru"
                    + " join information_schema.routines r0 on r0.specific_name = rru.specific_name"
                    + " join information_schema.routines r1 on r1.specific_name = rru.routine_name"
                    + " where r0.routine_schema = 'rd_s' order by 1, 2"));
            assertEquals(List.of("f5|sq", "f6|sq"), rowsShowingNull(c, "select routine_name, sequence_name"
                    + " from information_schema.routine_sequence_usage where routine_schema = 'rd_s' order by 1, 2"));
            assertEquals(List.of("f7|t2|a"), rowsShowingNull(c, "select routine_name, table_name, column_name"
                    + " from information_schema.routine_column_usage where routine_schema = 'rd_s' order by 1, 2"));
            assertEquals(List.of("f7|t2"), rowsShowingNull(c, "select routine_name, table_name"
                    + " from information_schema.routine_table_usage where routine_schema = 'rd_s' order by 1, 2"));
            assertEquals(List.of("f4b|x|f4a()", "f5|x|nextval('sq'::regclass)"), rowsShowingNull(c,
                    "select r.routine_name, p.parameter_name, p.parameter_default from information_schema.parameters p"
                            + " join information_schema.routines r using (specific_name)"
                            + " where p.specific_schema = 'rd_s' and p.parameter_default is not null order by 1"));
            SQLWarning w = exec(c, "drop sequence sq cascade");
            assertEquals("drop cascades to 2 other objects", w.getMessage());
            exec(c, "reset search_path");
        }
    }

    @Test
    void dropSchemaCascadeNamesItsRoutinesAndTablesInCreationOrder() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create schema rd_x", "create function rd_x.g1(int) returns int language sql as 'select $1'",
                    "create table rd_x.tb (a int)", "create procedure rd_x.p1() language sql as 'select 1'");
            PSQLException e = fails(c, "drop schema rd_x", "2BP01");
            assertEquals("function rd_x.g1(integer) depends on schema rd_x\ntable rd_x.tb depends on schema rd_x\n"
                    + "function rd_x.p1() depends on schema rd_x", e.getServerErrorMessage().getDetail());
            SQLWarning w = exec(c, "drop schema rd_x cascade");
            assertEquals("drop cascades to 3 other objects", w.getMessage());
            assertEquals(List.of(), rowsShowingNull(c, "select proname from pg_proc where proname in ('g1', 'p1')"));
        }
    }

    @Test
    void explainAnalyzeCreateTableAsExecuteFillsTheTable() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "prepare rd_q as select generate_series(1, 3)");
            assertEquals(List.of("ProjectSet (actual rows=3 loops=1)", "  ->  Result (actual rows=1 loops=1)"),
                    rowsShowingNull(c, "explain (analyze, costs off, summary off, timing off)"
                            + " create table rd_ctas (a) as execute rd_q"));
            assertEquals(List.of("3"), rowsShowingNull(c, "select count(*) from rd_ctas"));
            exec(c, "drop table rd_ctas", "deallocate rd_q");
        }
    }
}
