package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.testsupport.FakeRelations;
import org.tusk.testsupport.Sql;
import org.tusk.utils.error.PgException;

class EngineTest {
    @Test
    void resultColumnsCarryTypeLengthAndTypmod() {
        Sql sql = new Sql();
        sql.rows("select 1, 'a', null, 2147483648, 1.5, true, 'x'::varchar(3), 1::numeric(5,2), now(), 'a'::name");
        List<ResultColumn> cols = sql.last.columns();
        assertEquals(new ResultColumn("?column?", TypeOids.INT4, 4, -1), cols.get(0));
        assertEquals(new ResultColumn("?column?", TypeOids.TEXT, -1, -1), cols.get(1));
        assertEquals(new ResultColumn("?column?", TypeOids.TEXT, -1, -1), cols.get(2));
        assertEquals(new ResultColumn("?column?", TypeOids.INT8, 8, -1), cols.get(3));
        assertEquals(new ResultColumn("?column?", TypeOids.NUMERIC, -1, -1), cols.get(4));
        assertEquals(new ResultColumn("?column?", TypeOids.BOOL, 1, -1), cols.get(5));
        assertEquals(new ResultColumn("varchar", TypeOids.VARCHAR, -1, 7), cols.get(6));
        assertEquals(new ResultColumn("numeric", TypeOids.NUMERIC, -1, (5 << 16 | 2) + 4), cols.get(7));
        assertEquals(new ResultColumn("now", TypeOids.TIMESTAMPTZ, 8, -1), cols.get(8));
        assertEquals(new ResultColumn("name", TypeOids.NAME, 64, -1), cols.get(9));
    }

    @Test
    void sessionFunctionsGoThroughSessionServices() {
        Sql sql = new Sql();
        assertEquals("2026-11-27 02:46:41.123456+00|2026-11-27 02:46:41.123456+00|2026-11-27 02:46:41.223456+00",
                sql.value("select now(), current_timestamp, statement_timestamp()"));
        assertEquals("alice|alice|alice|tusk|public|4242|tusk",
                sql.value("select current_user, session_user, user, current_database(), current_schema(), pg_backend_pid(), current_catalog"));
        assertEquals("127.0.0.1|54321|2026-11-27 00:00:00+00",
                sql.value("select inet_client_addr(), inet_client_port(), pg_postmaster_start_time()"));
        assertEquals("|t|f|f", sql.value("select pg_sleep(1.5), pg_terminate_backend(7), pg_terminate_backend(8, 250), pg_cancel_backend(9)"));
        assertEquals(List.of("sleep 1.5", "terminate 7 0", "terminate 8 250", "cancel 9"), sql.session.log);
        assertEquals("UTC|4MB", sql.value("select current_setting('timezone'), current_setting('work_mem')"));
        assertEquals("16MB|16MB", sql.value("select set_config('work_mem', '16MB', false), current_setting('work_mem')"));
        assertTrue(sql.value("select clock_timestamp() > now()").equals("t"));
        assertTrue(sql.value("select version()").startsWith("PostgreSQL 15"));
    }

    @Test
    void timestamptzFollowsSessionTimeZone() {
        Sql sql = new Sql();
        assertEquals("2026-11-27 03:46:41.123456+01",
                sql.value("set time zone 'Europe/Berlin'; select now()"));
        assertEquals("2026-11-27 08:16:41.123456+05:30",
                sql.value("set timezone = 'Asia/Kolkata'; select now()"));
        assertEquals("2024-01-01 00:00:00+05:30", sql.value("select '2024-01-01'::timestamptz"));
        assertEquals("2026-11-27 11:46:41.123456+09",
                sql.value("select set_config('TimeZone', 'Asia/Tokyo', false) is not null, now()").substring(2));
    }

    @Test
    void setShowReset() {
        Sql sql = new Sql();
        assertEquals(List.of(), sql.rows("SET search_path TO foo, \"Bar\""));
        assertEquals("SET", sql.last.commandTag());
        assertNull(sql.last.columns());
        assertEquals("foo, \"Bar\"", sql.value("show search_path"));
        assertEquals("SHOW", sql.last.commandTag());
        assertEquals(List.of(new ResultColumn("search_path", TypeOids.TEXT, -1, -1)), sql.last.columns());
        assertEquals("TimeZone", sql.rows("show time zone").isEmpty() ? null : sql.last.columns().get(0).name());
        sql.rows("set local work_mem = '1MB'");
        assertTrue(sql.session.log.contains("set work_mem=1MB local"));
        sql.rows("set work_mem to default");
        assertEquals("4MB", sql.value("show work_mem"));
        sql.rows("set application_name = tusk_app; reset application_name");
        assertEquals("RESET", sql.last.commandTag());
        assertEquals("", sql.value("show application_name"));
        sql.rows("set work_mem = 64; reset all");
        assertEquals("4MB", sql.value("show work_mem"));
        List<String> all = sql.rows("show all");
        assertEquals(3, sql.last.columns().size());
        assertTrue(all.contains("work_mem|4MB|desc of work_mem"));
        assertEquals("42704: unrecognized configuration parameter \"nope\"", sql.error("show nope"));
        assertEquals("42704: unrecognized configuration parameter \"nope\"", sql.error("set nope = 1"));
    }

    @Test
    void transactionStatementsAreHandedToTheBackend() {
        Sql sql = new Sql();
        String[][] cases = {{"begin", "BEGIN"}, {"start transaction read only", "START TRANSACTION"}, {"commit", "COMMIT"},
                {"end", "COMMIT"}, {"rollback", "ROLLBACK"}, {"abort", "ROLLBACK"}, {"savepoint a", "SAVEPOINT"},
                {"release savepoint a", "RELEASE"}, {"rollback to a", "ROLLBACK"}};
        for (String[] c : cases) {
            assertEquals(List.of(), sql.rows(c[0]));
            assertEquals(c[1], sql.last.commandTag(), c[0]);
            assertNotNull(sql.last.transactionStmt(), c[0]);
            assertNull(sql.last.columns());
        }
        sql.rows("rollback to savepoint sp");
        assertEquals(Stmt.TransactionStmt.Kind.ROLLBACK_TO, sql.last.transactionStmt().kind());
    }

    @Test
    void commandTagCountsRowsAsTheyAreFetched() {
        Sql sql = new Sql();
        sql.relations = new FakeRelations();
        String q = "select pid from act order by pid";
        RawStmt raw = Engine.parse(q).get(0);
        PreparedStatement ps = Engine.prepare(raw, q, sql.relations, sql.session);
        Iterator<String[]> it = ps.execute();
        assertEquals("101", it.next()[0]);
        assertEquals("SELECT 1", ps.commandTag());
        while (it.hasNext()) it.next();
        assertEquals("SELECT 4", ps.commandTag());
        assertTrue(sql.session.interruptChecks >= 4, "scans check for interrupts between rows");
    }

    @Test
    void interruptsAbortExecution() {
        Sql sql = new Sql();
        sql.relations = new FakeRelations();
        String q = "select pid from act";
        PreparedStatement ps = Engine.prepare(Engine.parse(q).get(0), q, sql.relations, new org.tusk.testsupport.FakeSession() {
            @Override
            public void checkForInterrupts() {
                throw PgException.error("57014", "canceling statement due to user request");
            }
        });
        Iterator<String[]> it = ps.execute();
        PgException e = assertThrows(PgException.class, it::hasNext);
        assertEquals("57014", e.sqlState());
    }

    @Test
    void eachStatementOfAStringRunsInTurn() {
        Sql sql = new Sql();
        String q = "set work_mem = '2MB'; show work_mem; select 1 as one";
        List<RawStmt> stmts = Engine.parse(q);
        assertEquals(3, stmts.size());
        assertEquals(" show work_mem", stmts.get(1).text(q));
        assertEquals(List.of("1"), sql.rows(q));
        assertEquals("one", sql.last.columns().get(0).name());
        assertTrue(Engine.parse("").isEmpty());
    }

    @Test
    void unsupportedStatementsFailClearly() {
        Sql sql = new Sql();
        assertEquals("0A000: CREATE TABLE is not supported yet", sql.error("create table t (a int)"));
        sql.relations = new FakeRelations();
        assertEquals("42601: syntax error at or near \"frobnicate\" @1", sql.error("frobnicate the database"));
    }

    @Test
    void constantFoldingRaisesErrorsAtPlanTime() {
        Sql sql = new Sql();
        sql.relations = new FakeRelations();
        assertEquals("22012: division by zero", sql.error("select 1/0 from act where false"));
        assertEquals("0", sql.value("select count(*) from act where 1 = 0"));
    }
}
