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

/**
 * CREATE TABLE's DEFAULT checks (cookDefault) and CREATE TABLE AS's storage parameters, with
 * PostgreSQL 15's messages and error positions for the same statements.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CreateTableIT extends OneServerPerClass {

    private static void assertError(Connection c, String sql, String state, String message, int position) {
        PSQLException e = fails(c, sql, state);
        assertEquals(message, e.getServerErrorMessage().getMessage());
        assertEquals(position, e.getServerErrorMessage().getPosition(), sql);
    }

    @Test
    void defaultExpressionErrorsPointIntoTheStatement() throws Exception {
        try (Connection c = server.connect()) {
            // transformColumnRef refuses any column reference in a DEFAULT, qualified or not
            assertError(c, "create table de1 (id int default (id))", "0A000",
                    "cannot use column reference in DEFAULT expression", 35);
            assertError(c, "create table de1 (id int default (bar.id))", "0A000",
                    "cannot use column reference in DEFAULT expression", 35);
            assertError(c, "create table de1 (id int default (avg(id)))", "0A000",
                    "cannot use column reference in DEFAULT expression", 39);
            assertError(c, "create table de1 (a int default (avg(1)))", "42803",
                    "aggregate functions are not allowed in DEFAULT expressions", 34);
            assertError(c, "create table de1 (a int default (select 1))", "0A000",
                    "cannot use subquery in DEFAULT expression", 33);
            assertError(c, "create temp table public.de2 (a int)", "42P16",
                    "cannot create temporary relation in non-temporary schema", 19);
            assertError(c, "create unlogged table pg_temp.de2 (a int)", "42P16",
                    "only temporary relations may be created in temporary schemas", 23);
            // ALTER TABLE cooks its DEFAULT without the query text: no position
            exec(c, "create table de3 (a int)");
            assertError(c, "alter table de3 add column b int default (a + 1)", "0A000",
                    "cannot use column reference in DEFAULT expression", 0);
            exec(c, "drop table de3");
        }
    }

    @Test
    void createTableAsTakesStorageParameters() throws Exception {
        try (Connection c = server.connect()) {
            fails(c, "create table tas1 with (\"Fillfactor\" = 10) as select 1 a", "22023");
            exec(c, "create table tas1 with (fillfactor = 10) as select 1 a",
                    "create table tas2 (x) with (fillfactor = 20) as select 1 a with no data");
            assertEquals("tas1|{fillfactor=10}|1;tas2|{fillfactor=20}|0", joinedRows(c,
                    "select relname, reloptions, (select count(*) from tas1 where relname = 'tas1') from pg_class"
                            + " where relname in ('tas1', 'tas2') order by 1"));
            assertEquals("x", joinedRows(c, "select attname from pg_attribute where attrelid = 'tas2'::regclass and attnum > 0"));
            try (Statement s = c.createStatement()) {
                s.execute("create table tas3 as select 1 a with no data");
                assertEquals(0, s.getUpdateCount());
            }
            exec(c, "drop table tas1, tas2, tas3");
        }
    }
    @Test
    void checkConstraintOverTheWholeRowIsEnforcedAndShown() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ccw (f1 int)", "create function ccw_ok(ccw) returns bool language plpgsql immutable as 'begin return $1.f1 > 0; end'",
                    "create function ccw_pos(int) returns bool language sql immutable as 'select $1 > 0'",
                    "alter table ccw add check (ccw_ok(ccw.*))",
                    "insert into ccw values (1), (null)");
            // the row checked is the new row, never NULL: (0) fails the function
            PSQLException e = fails(c, "insert into ccw values (0)", "23514");
            assertEquals("new row for relation \"ccw\" violates check constraint \"ccw_check\"",
                    e.getServerErrorMessage().getMessage());
            fails(c, "update ccw set f1 = -1 where f1 = 1", "23514");
            exec(c, "alter table ccw add column f2 int check (ccw_pos(f2))");
            // pg_get_constraintdef of constraints calling user-defined functions or reading the whole row
            assertEquals("ccw_check|CHECK (ccw_ok(ccw.*));ccw_f2_check|CHECK (ccw_pos(f2))", joinedRows(c,
                    "select conname, pg_get_constraintdef(oid, true) from pg_constraint where conrelid = 'ccw'::regclass"
                            + " order by 1"));
            fails(c, "alter table ccw add check (ccw.ctid is not null)", "42P10");
            exec(c, "alter table ccw drop constraint ccw_check", "drop function ccw_ok(ccw)", "drop table ccw",
                    "drop function ccw_pos(int)");
        }
    }
    @Test
    void relationFilenodesMapBackToTheirRelations() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create temp table rf_temp (c1 int)", "create table rf_perm (a int)", "create view rf_view as select 1");
            // RelidByRelfilenode does not find temporary relations; a view has no file
            assertEquals("t|null", joinedRows(c, "select relpersistence, pg_filenode_relation(reltablespace,"
                    + " pg_relation_filenode(oid)) from pg_class where relname = 'rf_temp'"));
            assertEquals("rf_perm|null|null", joinedRows(c, "select pg_filenode_relation(0, pg_relation_filenode('rf_perm')),"
                    + " pg_relation_filenode('rf_view'), pg_filenode_relation(0, 0)"));
            exec(c, "drop table rf_perm", "drop view rf_view");
        }
    }
}
