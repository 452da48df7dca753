package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;
import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.ResultSet;
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
 * Enum types (CREATE/ALTER/DROP TYPE) and LANGUAGE sql functions (CREATE/DROP FUNCTION) against
 * a real server, with PostgreSQL 15's messages (checked side by side with PostgreSQL 15.18).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UserDefinedIT extends OneServerPerClass {

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    void enumValuesAreStoredComparedOrderedAndIndexed() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "create type mood as enum ('sad', 'ok', 'happy')");
            assertEquals("ERROR: type \"mood\" already exists", fails(a, "create type mood as enum ('x')", "42710").getMessage());
            // PostgreSQL leaves duplicate labels to pg_enum's unique index
            assertTrue(fails(a, "create type m2 as enum ('ok', 'ok')", "23505").getMessage()
                    .startsWith("ERROR: duplicate key value violates unique constraint \"pg_enum_typid_label_index\""));
            exec(a, "create table person (name text, current_mood mood)");
            exec(a, "insert into person values ('Moe', 'happy'), ('Larry', 'sad'), ('Curly', 'ok')");
            assertTrue(fails(a, "insert into person values ('x', 'angry')", "22P02").getMessage()
                    .startsWith("ERROR: invalid input value for enum mood: \"angry\""));
            // ordering is the declaration order, not the labels' text order
            assertEquals(List.of("Larry", "Curly", "Moe"), column(a, "select name from person order by current_mood"));
            assertEquals(List.of("Moe"), column(a, "select name from person where current_mood > 'ok'"));
            assertEquals(List.of("sad"), column(a, "select min(current_mood)::text from person"));
            assertEquals(List.of("happy"), column(a, "select max(current_mood)::text from person"));
            assertEquals(List.of("sad", "happy", "{sad,ok,happy}"), column(a,
                    "select enum_first(null::mood)::text union all select enum_last(null::mood)::text"
                            + " union all select enum_range(null::mood)::text"));
            assertEquals("ERROR: operator does not exist: mood = integer",
                    fails(a, "select * from person where current_mood = 1", "42883").getMessage().lines().findFirst().get());

            // a label placed between two others sorts there; other sessions see the committed change
            assertEquals(List.of("Larry", "Curly", "Moe"), column(b, "select name from person order by current_mood"));
            exec(a, "alter type mood add value 'meh' before 'ok'");
            exec(a, "insert into person values ('Shemp', 'meh')");
            assertEquals(List.of("Larry", "Shemp", "Curly", "Moe"), column(b, "select name from person order by current_mood"));
            assertEquals("enum label \"meh\" already exists, skipping",
                    exec(a, "alter type mood add value if not exists 'meh'").getMessage());
            assertEquals("ERROR: \"zeus\" is not an existing enum label",
                    fails(a, "alter type mood add value 'x' after 'zeus'", "22023").getMessage());

            exec(a, "alter type mood rename value 'meh' to 'so-so'");
            assertEquals(List.of("so-so"), column(b, "select current_mood::text from person where name = 'Shemp'"));

            // a B-tree index over the pg_enum OIDs, in sort order
            exec(a, "create index person_mood on person (current_mood)");
            exec(a, "set enable_seqscan = off");
            assertEquals(List.of("Curly"), column(a, "select name from person where current_mood = 'ok'"));

            PSQLException e = fails(a, "drop type mood", "2BP01");
            assertEquals("ERROR: cannot drop type mood because other objects depend on it\n"
                    + "  Detail: column current_mood of table person depends on type mood\n"
                    + "  Hint: Use DROP ... CASCADE to drop the dependent objects too.", e.getMessage());
            exec(a, "drop table person");
            exec(a, "drop type mood");
            assertEquals("type \"mood\" does not exist, skipping", exec(a, "drop type if exists mood").getMessage());
            assertEquals("ERROR: type \"mood\" does not exist", fails(a, "drop type mood", "42704").getMessage());
        }
    }

    @Test
    void sqlFunctionsAreResolvedWithTheBuiltinsAndRunTheirBodies() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "create function add_em(a int, b int default 10) returns int language sql immutable"
                    + " as $$ select a + b $$");
            assertEquals("3", ProtocolIT.one(a, "select add_em(1, 2)"));
            assertEquals("11", ProtocolIT.one(a, "select add_em(1)"));
            assertEquals("ERROR: function \"add_em\" already exists with same argument types",
                    fails(a, "create function add_em(x int, y int) returns int as 'select 1' language sql", "42723").getMessage());
            // $n, STRICT, RETURN expr, and a call from another session
            exec(a, "create function twice(int) returns int strict return $1 * 2");
            assertNull(ProtocolIT.one(b, "select twice(null)"));
            assertEquals("8", ProtocolIT.one(b, "select twice(4)"));
            // a body over a table, its plan kept by the session while the table changes
            exec(a, "create table t (i int)");
            exec(a, "create function total() returns bigint language sql stable as 'select sum(i) from t'");
            exec(a, "insert into t values (1), (2)");
            assertEquals("3", ProtocolIT.one(a, "select total()"));
            exec(a, "insert into t values (4)");
            assertEquals("7", ProtocolIT.one(a, "select total()"));
            // the final statement's result is coerced to the declared type, or refused
            exec(a, "create function as_text(i int) returns text language sql as 'select i'");
            assertEquals("5", ProtocolIT.one(a, "select as_text(5)"));
            PSQLException e = fails(a, "create function bad(i int) returns int language sql as 'select i, i'", "42P13");
            assertTrue(e.getMessage().startsWith("ERROR: return type mismatch in function declared to return integer\n"
                    + "  Detail: Final statement must return exactly one column."), e.getMessage());
            e = fails(a, "create function bad(i int) returns int language sql as 'select $2'", "42P02");
            assertTrue(e.getMessage().startsWith("ERROR: there is no parameter $2"), e.getMessage());
            // a void function with a side effect
            exec(a, "create function put(v int) returns void language sql as $$ insert into t values (v) $$");
            ProtocolIT.one(a, "select put(10)");
            assertEquals("17", ProtocolIT.one(a, "select total()"));

            PSQLException lang = fails(a, "create function p() returns int language plperl as 'return 1;'", "42704");
            assertEquals("ERROR: language \"plperl\" does not exist\n"
                    + "  Hint: Use CREATE EXTENSION to load the language into the database.", lang.getMessage());
            assertEquals("ERROR: could not access file \"nosuchlib\": No such file or directory",
                    fails(a, "create function c() returns int as 'nosuchlib' language c", "58P01").getMessage());

            // CREATE OR REPLACE keeps what it may and refuses a new result type
            exec(a, "create or replace function twice(int) returns int strict return $1 * 3");
            assertEquals("12", ProtocolIT.one(b, "select twice(4)"));
            e = fails(a, "create or replace function twice(int) returns text return 'x'", "42P13");
            assertEquals("ERROR: cannot change return type of existing function\n"
                    + "  Hint: Use DROP FUNCTION twice(integer) first.", e.getMessage());

            exec(a, "drop function twice(int)");
            assertEquals("ERROR: function twice(integer) does not exist", fails(a, "drop function twice(int)", "42883").getMessage());
            assertEquals("function twice(pg_catalog.int4) does not exist, skipping",
                    exec(a, "drop function if exists twice(int)").getMessage());
            assertTrue(fails(b, "select twice(1)", "42883").getMessage().startsWith("ERROR: function twice(integer) does not exist"));
            exec(a, "drop function add_em");
        }
    }
}
