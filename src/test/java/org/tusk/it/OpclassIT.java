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
 * CREATE OPERATOR CLASS / FAMILY, ALTER OPERATOR FAMILY, DROP OPERATOR CLASS / FAMILY with their
 * pg_opclass / pg_opfamily / pg_amop / pg_amproc rows and dependencies, non-strict operators
 * called with NULLs, and CURRENT_TIME. Expected answers are PostgreSQL 15's for the same
 * statements, except where noted.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OpclassIT {
    @Test
    void operatorClassesAndFamilies() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create function rev_cmp(int4, int4) returns int4 immutable language sql"
                    + " as 'select case when $1 = $2 then 0 when $1 > $2 then -1 else 1 end'");
            s.execute("create operator class rev_ops for type int4 using btree as operator 1 > (int4, int4),"
                    + " operator 3 = (int4, int4), operator 5 < (int4, int4), function 1 rev_cmp(int4, int4)");
            assertEquals(List.of("rev_ops|rev_ops|f"), TuskServer.rows(c, "select opcname, opfname, opcdefault"
                    + " from pg_opclass c join pg_opfamily f on f.oid = opcfamily where opcname = 'rev_ops'"));
            assertEquals(List.of("1|>", "3|=", "5|<"), TuskServer.rows(c, "select amopstrategy, o.oprname from pg_amop a"
                    + " join pg_opfamily f on f.oid = amopfamily join pg_operator o on o.oid = amopopr"
                    + " where opfname = 'rev_ops' order by 1"));
            assertEquals(List.of("1|rev_cmp"), TuskServer.rows(c, "select amprocnum, amproc from pg_amproc p"
                    + " join pg_opfamily f on f.oid = amprocfamily where opfname = 'rev_ops'"));

            // the support function is a member: it cannot be dropped alone
            SQLException dep = assertThrows(SQLException.class, () -> s.execute("drop function rev_cmp(int4, int4)"));
            assertEquals("2BP01", dep.getSQLState());
            SQLException dup = assertThrows(SQLException.class, () -> s.execute("create operator class rev_ops for type int4"
                    + " using btree as operator 1 <"));
            assertEquals("42710", dup.getSQLState());
            assertEquals("ERROR: operator class \"rev_ops\" for access method \"btree\" already exists", dup.getMessage());
            SQLException bad = assertThrows(SQLException.class, () -> s.execute("create operator class bad_ops for type int4"
                    + " using btree as operator 6 <"));
            assertEquals("ERROR: invalid operator number 6, must be between 1 and 5", bad.getMessage());

            // Tusk compares B-tree keys with the built-in functions: an index on a user class is refused, not misordered
            s.execute("create table t (a int4)");
            SQLException idx = assertThrows(SQLException.class, () -> s.execute("create index on t (a rev_ops)"));
            assertEquals("0A000", idx.getSQLState());
            SQLException none = assertThrows(SQLException.class, () -> s.execute("create index on t (a no_ops)"));
            assertEquals("ERROR: operator class \"no_ops\" does not exist for access method \"btree\"", none.getMessage());

            s.execute("drop operator class rev_ops using btree");
            assertEquals(List.of("0"), TuskServer.rows(c, "select count(*) from pg_amop a join pg_opfamily f"
                    + " on f.oid = amopfamily where opfname = 'rev_ops'"));
            // the family made for the class stays, as in PostgreSQL
            s.execute("alter operator family rev_ops using btree add operator 1 < (int4, int4)");
            SQLException twice = assertThrows(SQLException.class,
                    () -> s.execute("alter operator family rev_ops using btree add operator 1 < (int4, int4)"));
            assertEquals("42710", twice.getSQLState());
            s.execute("alter operator family rev_ops using btree drop operator 1 (int4, int4)");
            s.execute("drop operator family rev_ops using btree");
            s.execute("drop function rev_cmp(int4, int4)");
            s.execute("drop operator class if exists rev_ops using btree");
            assertEquals("operator class \"rev_ops\" does not exist for access method \"btree\", skipping",
                    s.getWarnings().getMessage());
        }
    }

    @Test
    void nonStrictOperatorsSeeNulls() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create function nulls_equal(int4, int4) returns bool immutable language sql"
                    + " as 'select coalesce($1 = $2, $1 is null and $2 is null)'");
            s.execute("create operator ==== (leftarg = int4, rightarg = int4, procedure = nulls_equal)");
            assertEquals(List.of("t|f|t|f"), TuskServer.rows(c, "select null::int4 ==== null, 1 ==== null,"
                    + " null::int4 ==== any (array[1, null]), 2 ==== any (array[null, 1])"));
            // CURRENT_TIME is the transaction's start as time with time zone
            assertEquals(List.of("t|t"), TuskServer.rows(c, "select now()::timetz::text = current_time::text,"
                    + " now()::timetz(4)::text = current_time(4)::text"));
        }
    }
}
