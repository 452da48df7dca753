package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;

/**
 * Table columns of user-defined base types (expressions.sql's myint): stored with the type's
 * own layout, read and written through its I/O functions (also by COPY), cast, compared by a
 * user operator, refused by a B-tree index without an operator class, and dropped by DROP TYPE
 * ... CASCADE. Expected answers are PostgreSQL 15's for the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BaseTypeColumnIT {
    private static void makeMyint(Statement s) throws SQLException {
        s.execute("create type myint");
        s.execute("create function myintin(cstring) returns myint strict immutable language internal as 'int4in'");
        s.execute("create function myintout(myint) returns cstring strict immutable language internal as 'int4out'");
        s.execute("create type myint (input = myintin, output = myintout, like = int4)");
        s.execute("create cast (int4 as myint) without function");
        s.execute("create cast (myint as int4) without function");
    }

    @Test
    void columnsStoreReadCopyAndDrop() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            makeMyint(s);
            s.execute("create table inttest (a myint, b text)");
            s.execute("insert into inttest values (null, 'x'), (0::myint, 'y'), (1::myint, 'z'), ('42', 'w')");
            assertEquals(List.of("|x", "0|y", "1|z", "42|w"), TuskServer.rows(c, "select a, b from inttest"));
            assertEquals(List.of("1|2", "42|43"), TuskServer.rows(c, "select a, a::int + 1 from inttest where a::int > 0"));
            assertEquals(List.of("4|t|i|p"), TuskServer.rows(c, "select attlen, attbyval, attalign, attstorage"
                    + " from pg_attribute where attrelid = 'inttest'::regclass and attname = 'a'"));

            // a user operator on the column, through a PL/pgSQL function that sees NULLs
            s.execute("create function myinteq(myint, myint) returns bool as $$ begin"
                    + " if $1 is null and $2 is null then return true; else return $1::int = $2::int; end if; end;"
                    + " $$ language plpgsql immutable");
            s.execute("create operator = (leftarg = myint, rightarg = myint, procedure = myinteq)");
            assertEquals(List.of("|", "0|f", "1|t", "42|f"), TuskServer.rows(c,
                    "select a, a in (1::myint, 2::myint) from inttest"));

            // COPY goes through typoutput and typinput
            StringWriter out = new StringWriter();
            ((PGConnection) c).getCopyAPI().copyOut("copy inttest to stdout", out);
            assertEquals("\\N\tx\n0\ty\n1\tz\n42\tw\n", out.toString());
            ((PGConnection) c).getCopyAPI().copyIn("copy inttest from stdin", new StringReader("7\tv\n"));
            assertEquals(List.of("7"), TuskServer.rows(c, "select a from inttest where b = 'v'"));

            SQLException e = assertThrows(SQLException.class, () -> s.execute("create index on inttest (a)"));
            assertEquals("42704", e.getSQLState());
            assertEquals("ERROR: data type myint has no default operator class for access method \"btree\"\n"
                    + "  Hint: You must specify an operator class for the index or define a default operator class"
                    + " for the data type.", e.getMessage());

            // the column depends on the type: RESTRICT refuses, CASCADE drops it and the view reading it
            s.execute("create table inttest2 (x int, a myint)");
            s.execute("create view v as select a from inttest");
            e = assertThrows(SQLException.class, () -> s.execute("drop type myint"));
            assertEquals("2BP01", e.getSQLState());
            s.execute("drop type myint cascade");
            assertEquals("drop cascades to 9 other objects", s.getWarnings().getMessage());
            assertEquals(List.of("x", "y", "z", "w", "v"), TuskServer.rows(c, "select * from inttest"));
            assertEquals(List.of("x"), TuskServer.rows(c, "select string_agg(attname, ',') from pg_attribute"
                    + " where attrelid = 'inttest2'::regclass and attnum > 0 and not attisdropped"));
            assertEquals(List.of("0"), TuskServer.rows(c, "select count(*) from pg_class where relname = 'v'"));
        }
    }

    @Test
    void ownAlignmentAndStorageAreTheColumns() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create type mytext");
            s.execute("create function mytextin(cstring) returns mytext strict immutable language internal as 'textin'");
            s.execute("create function mytextout(mytext) returns cstring strict immutable language internal as 'textout'");
            s.execute("create type mytext (input = mytextin, output = mytextout, internallength = variable,"
                    + " alignment = double, storage = extended)");
            s.execute("create table t (f bool, m mytext, n int)");
            s.execute("insert into t values (true, 'hello', 1), (false, '" + "ab".repeat(3000) + "', 2)");
            assertEquals(List.of("-1|d|x"), TuskServer.rows(c, "select attlen, attalign, attstorage from pg_attribute"
                    + " where attrelid = 't'::regclass and attname = 'm'"));
            assertEquals(List.of("t|hello|1", "f|" + "ab".repeat(3000) + "|2"), TuskServer.rows(c,
                    "select f, m, n from t order by n"));

            // a domain over the base type has no pg_depend row yet: RESTRICT names it, CASCADE is refused
            s.execute("create domain shorttext as mytext");
            SQLException d = assertThrows(SQLException.class, () -> s.execute("drop type mytext"));
            assertEquals("2BP01", d.getSQLState());
            assertEquals("ERROR: cannot drop type mytext because other objects depend on it\n  Detail: type shorttext"
                    + " depends on type mytext\n  Hint: Use DROP ... CASCADE to drop the dependent objects too.", d.getMessage());
            d = assertThrows(SQLException.class, () -> s.execute("drop type mytext cascade"));
            assertEquals("0A000", d.getSQLState());

            // int4's Datum under INTERNALLENGTH = 8 is not a layout Tusk stores
            s.execute("create type wideint");
            s.execute("create function wideintin(cstring) returns wideint strict immutable language internal as 'int4in'");
            s.execute("create function wideintout(wideint) returns cstring strict immutable language internal as 'int4out'");
            s.execute("create type wideint (input = wideintin, output = wideintout, internallength = 8,"
                    + " passedbyvalue, alignment = double)");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("create table w (a wideint)"));
            assertEquals("0A000", e.getSQLState());
        }
    }
}
