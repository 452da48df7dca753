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
 * CREATE/DROP/ALTER TRIGGER and trigger firing against a real server, with the built-in
 * suppress_redundant_updates_trigger() (no procedural language needed); messages and SQLSTATEs
 * are PostgreSQL 15's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TriggerIT extends OneServerPerClass {

    private static int exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            return s.getUpdateCount();
        }
    }

    private static String fails(Connection c, String sql, String sqlState) {
        PSQLException e = assertThrows(PSQLException.class, () -> exec(c, sql));
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
        return e.getServerErrorMessage().getMessage();
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static final String SUPPRESS = " execute function suppress_redundant_updates_trigger()";

    @Test
    void suppressRedundantUpdatesSkipsUnchangedRows() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table sr(a int, b text)");
            exec(c, "insert into sr values (1, 'x'), (2, 'y')");
            exec(c, "create trigger sr_sup before update on sr for each row" + SUPPRESS);
            assertEquals(0, exec(c, "update sr set b = b"));
            assertEquals(1, exec(c, "update sr set b = 'z' where a = 2"));
            assertEquals(List.of("x", "z"), column(c, "select b from sr order by a"));
            // the skipped rows kept their version: xmin did not change
            String xmin = column(c, "select xmin from sr where a = 1").get(0);
            exec(c, "update sr set b = 'x' where a = 1");
            assertEquals(xmin, column(c, "select xmin from sr where a = 1").get(0));
            // disabled, it no longer fires; enabled again, it does
            exec(c, "alter table sr disable trigger sr_sup");
            assertEquals("D", column(c, "select tgenabled from pg_trigger where tgname = 'sr_sup'").get(0));
            assertEquals(2, exec(c, "update sr set b = b"));
            exec(c, "alter table sr enable trigger all");
            assertEquals(0, exec(c, "update sr set b = b"));
            // WHEN and UPDATE OF decide whether it fires
            exec(c, "drop trigger sr_sup on sr");
            exec(c, "create trigger sr_when before update on sr for each row when (old.a = 1)" + SUPPRESS);
            assertEquals(1, exec(c, "update sr set b = b"));
            exec(c, "drop trigger sr_when on sr");
            exec(c, "create trigger sr_of before update of a on sr for each row" + SUPPRESS);
            assertEquals(2, exec(c, "update sr set b = b"));
            // a listed column among the targets (Tusk tells targets from SET a = a copies by the expression)
            assertEquals(0, exec(c, "update sr set a = a + 0"));
            assertEquals("suppress_redundant_updates_trigger: must be called as trigger",
                    fails(c, "select suppress_redundant_updates_trigger()", "39P01"));
            assertEquals("suppress_redundant_updates_trigger: must be fired before update",
                    exec(c, "create trigger sr_after after update on sr for each row" + SUPPRESS) >= 0
                            ? fails(c, "update sr set b = 'q'", "39P01") : "");
            assertEquals(List.of("0"), column(c, "select pg_trigger_depth()"));
            exec(c, "drop table sr");
        }
    }

    @Test
    void catalogRowsDefinitionAndDrop() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table cat(a int, b text)");
            exec(c, "create trigger cat_t before update of b, a on cat for each row when (old.b is distinct from new.b)"
                    + SUPPRESS.replace("()", "('x', 42)"));
            assertEquals(List.of("cat_t|19|O|2|2 1|false"), column(c, "select tgname || '|' || tgtype || '|' || tgenabled || '|'"
                    + " || tgnargs || '|' || tgattr::text || '|' || tgisinternal from pg_trigger where tgrelid = 'cat'::regclass"));
            assertEquals(List.of("CREATE TRIGGER cat_t BEFORE UPDATE OF b, a ON public.cat FOR EACH ROW WHEN (old.b is distinct"
                    + " from new.b) EXECUTE FUNCTION suppress_redundant_updates_trigger('x', '42')"),
                    column(c, "select pg_get_triggerdef(oid) from pg_trigger where tgname = 'cat_t'"));
            assertEquals(List.of("t"), column(c, "select relhastriggers from pg_class where relname = 'cat'"));
            exec(c, "alter trigger cat_t on cat rename to cat_u");
            assertEquals(List.of("cat_u"), column(c, "select tgname from pg_trigger where tgrelid = 'cat'::regclass"));
            assertEquals(List.of("a"), column(c, "select 'a' from pg_depend where classid = 'pg_trigger'::regclass"
                    + " and refobjid = 'cat'::regclass and refobjsubid = 0"));
            exec(c, "drop table cat");
            assertEquals(List.of("0"), column(c, "select count(*) from pg_trigger"));
            assertEquals(List.of("0"), column(c, "select count(*) from pg_depend where classid = 'pg_trigger'::regclass"));
        }
    }

    @Test
    void createTriggerErrors() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table e(a int)");
            exec(c, "create view ev as select * from e");
            exec(c, "create trigger e1 before insert on e for each row" + SUPPRESS);
            assertEquals("trigger \"e1\" for relation \"e\" already exists",
                    fails(c, "create trigger e1 before insert on e for each row" + SUPPRESS, "42710"));
            assertEquals("TRUNCATE FOR EACH ROW triggers are not supported",
                    fails(c, "create trigger e2 before truncate on e for each row" + SUPPRESS, "0A000"));
            assertEquals("\"e\" is a table", fails(c, "create trigger e2 instead of insert on e for each row" + SUPPRESS, "42809"));
            assertEquals("\"ev\" is a view", fails(c, "create trigger e2 before insert on ev for each row" + SUPPRESS, "42809"));
            assertEquals("function nofunc() does not exist",
                    fails(c, "create trigger e2 before insert on e execute function nofunc()", "42883"));
            assertEquals("function now must return type trigger",
                    fails(c, "create trigger e2 before insert on e execute function now()", "42P17"));
            assertEquals("column \"zz\" of relation \"e\" does not exist",
                    fails(c, "create trigger e2 before update of zz on e for each row" + SUPPRESS, "42703"));
            assertEquals("INSERT trigger's WHEN condition cannot reference OLD values",
                    fails(c, "create trigger e2 before insert on e for each row when (old.a = 1)" + SUPPRESS, "42P17"));
            assertEquals("statement trigger's WHEN condition cannot reference column values",
                    fails(c, "create trigger e2 before insert on e when (new.a = 1)" + SUPPRESS, "42P17"));
            assertEquals("duplicate trigger events specified",
                    fails(c, "create trigger e2 before insert or insert on e" + SUPPRESS, "42601"));
            assertEquals("SQL functions cannot return type trigger",
                    fails(c, "create function tf() returns trigger language sql as 'select 1'", "42P13"));
            // transition tables
            assertEquals("OLD TABLE can only be specified for a DELETE or UPDATE trigger",
                    fails(c, "create trigger e2 after insert on e referencing old table as o" + SUPPRESS, "42P17"));
            assertEquals("transition table name can only be specified for an AFTER trigger",
                    fails(c, "create trigger e2 before update on e referencing old table as o" + SUPPRESS, "42P17"));
            assertEquals("transition tables cannot be specified for triggers with more than one event",
                    fails(c, "create trigger e2 after update or delete on e referencing old table as o" + SUPPRESS, "0A000"));
            assertEquals("OLD TABLE name and NEW TABLE name cannot be the same",
                    fails(c, "create trigger e2 after update on e referencing old table as o new table as o" + SUPPRESS, "42P17"));
            assertEquals("ROW variable naming in the REFERENCING clause is not supported",
                    fails(c, "create trigger e2 after update on e referencing old row as o" + SUPPRESS, "0A000"));
            // DROP / ALTER errors
            assertEquals("trigger \"nope\" for table \"e\" does not exist", fails(c, "drop trigger nope on e", "42704"));
            assertEquals("relation \"nope\" does not exist", fails(c, "drop trigger e1 on nope", "42P01"));
            assertEquals("trigger \"nope\" for table \"e\" does not exist",
                    fails(c, "alter table e enable trigger nope", "42704"));
            exec(c, "create trigger e3 before insert on e for each row" + SUPPRESS);
            assertEquals("trigger \"e3\" for relation \"e\" already exists", fails(c, "alter trigger e1 on e rename to e3", "42710"));
            exec(c, "create or replace trigger e3 before update on e for each row" + SUPPRESS);
            assertEquals(List.of("19"), column(c, "select tgtype from pg_trigger where tgname = 'e3'"));
            exec(c, "drop trigger if exists nope on e");
            exec(c, "drop table e cascade");
        }
    }

    @Test
    void rowTriggersOfPartitionedTablesAreCloned() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table pt(a int, b text) partition by list (a)");
            exec(c, "create table pt1 partition of pt for values in (1)");
            exec(c, "create trigger pt_sup before update on pt for each row" + SUPPRESS);
            assertEquals(List.of("pt|false", "pt1|true"), column(c, "select tgrelid::regclass || '|' || tgisinternal"
                    + " from pg_trigger where tgname = 'pt_sup' order by tgisinternal"));
            assertEquals("cannot drop trigger pt_sup on table pt1 because trigger pt_sup on table pt requires it",
                    fails(c, "drop trigger pt_sup on pt1", "2BP01"));
            exec(c, "insert into pt values (1, 'x')");
            assertEquals(0, exec(c, "update pt set b = b"));
            exec(c, "drop trigger pt_sup on pt");
            assertEquals(List.of("0"), column(c, "select count(*) from pg_trigger"));
            exec(c, "drop table pt");
        }
    }
}
