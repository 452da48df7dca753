package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * CREATE TABLE ... (LIKE source [INCLUDING | EXCLUDING ...]) on a running server, through
 * pgjdbc: which columns, defaults, NOT NULLs, CHECK constraints, indexes, storage settings and
 * comments the new table gets, and the errors for a missing or unsuitable source; and what the
 * query of CREATE TABLE ... AS sees. Expected results are PostgreSQL 15's for the same statements.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CreateTableLikeIT extends OneServerPerClass {

    private static final String COLUMNS = "SELECT attname, format_type(atttypid, atttypmod), attnotnull, "
            + "pg_get_expr(adbin, adrelid), attstorage, col_description(attrelid, attnum) FROM pg_attribute "
            + "LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum WHERE attrelid = '%s'::regclass AND attnum > 0 "
            + "ORDER BY attnum";

    @Test
    void likeCopiesWhatItIncludes() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE src (a int PRIMARY KEY, b text DEFAULT 'x' NOT NULL, c varchar(10) CHECK (length(c) > 1), "
                            + "d numeric(5,2) UNIQUE DEFERRABLE)",
                    "CREATE INDEX src_b ON src (b DESC)",
                    "COMMENT ON COLUMN src.b IS 'bee'",
                    "ALTER TABLE src ALTER COLUMN b SET STORAGE EXTERNAL",
                    "CREATE TABLE plain (LIKE src)",
                    "CREATE TABLE everything (z int, LIKE src INCLUDING ALL, y int)",
                    "CREATE TABLE part (LIKE src INCLUDING DEFAULTS EXCLUDING ALL INCLUDING CONSTRAINTS)");
            // by default: columns, types and NOT NULL only
            assertEquals("a|integer|t|null|p|null;b|text|t|null|x|null;c|character varying(10)|f|null|x|null;"
                    + "d|numeric(5,2)|f|null|m|null", joinedRows(c, String.format(COLUMNS, "plain")));
            assertEquals("", joinedRows(c, "SELECT conname FROM pg_constraint WHERE conrelid = 'plain'::regclass"));
            // the LIKE columns go where the clause is
            assertEquals("z|integer|f|null|p|null;a|integer|t|null|p|null;b|text|t|'x'::text|e|bee;"
                    + "c|character varying(10)|f|null|x|null;d|numeric(5,2)|f|null|m|null;y|integer|f|null|p|null",
                    joinedRows(c, String.format(COLUMNS, "everything")));
            assertEquals("everything_b_idx|CREATE INDEX everything_b_idx ON public.everything USING btree (b DESC);"
                            + "everything_d_key|CREATE UNIQUE INDEX everything_d_key ON public.everything USING btree (d);"
                            + "everything_pkey|CREATE UNIQUE INDEX everything_pkey ON public.everything USING btree (a)",
                    joinedRows(c, "SELECT indexrelid::regclass, pg_get_indexdef(indexrelid) FROM pg_index "
                            + "WHERE indrelid = 'everything'::regclass ORDER BY indexrelid::regclass::text"));
            assertEquals("everything_d_key|u|t;everything_pkey|p|f;src_c_check|c|f", joinedRows(c,
                    "SELECT conname, contype, condeferrable FROM pg_constraint WHERE conrelid = 'everything'::regclass ORDER BY 1"));
            // EXCLUDING ALL after INCLUDING DEFAULTS clears it; the later INCLUDING CONSTRAINTS counts
            assertEquals("", joinedRows(c, "SELECT attname, pg_get_expr(adbin, adrelid) FROM pg_attrdef "
                    + "JOIN pg_attribute ON attrelid = adrelid AND attnum = adnum WHERE adrelid = 'part'::regclass"));
            assertEquals("src_c_check", joinedRows(c, "SELECT conname FROM pg_constraint WHERE conrelid = 'part'::regclass"));
            assertEquals("23514", fails(c, "INSERT INTO part (a, b, c) VALUES (1, 'b', 'c')", "23514").getSQLState());
        }
    }

    @Test
    void sourceMustBeATableLikeRelation() throws Exception {
        try (Connection c = server.connect()) {
            PSQLException e = fails(c, "CREATE TABLE t1 (LIKE nosuch)", "42P01");
            assertEquals("relation \"nosuch\" does not exist", e.getServerErrorMessage().getMessage());
            assertEquals(23, e.getServerErrorMessage().getPosition());
            exec(c, "CREATE SEQUENCE sq");
            e = fails(c, "CREATE TABLE t1 (LIKE sq)", "42809");
            assertEquals("relation \"sq\" is invalid in LIKE clause", e.getServerErrorMessage().getMessage());
            assertEquals("This operation is not supported for sequences.", e.getServerErrorMessage().getDetail());
            exec(c, "CREATE TABLE base (a int, b text)", "CREATE VIEW v AS SELECT b, a FROM base",
                    "CREATE TABLE fromview (LIKE v)");
            assertEquals("b|text;a|integer", joinedRows(c,
                    "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'fromview'::regclass "
                            + "AND attnum > 0 ORDER BY attnum"));
        }
    }

    @Test
    void createTableAsQueriesDoNotSeeTheTableTheyFill() throws Exception {
        try (Connection c = server.connect()) {
            // ExecCreateTableAs: the query's snapshot is from before the table was created
            exec(c, "create table ctas_self as select relname from pg_class where relname like 'ctas_self%'");
            assertEquals("0", joinedRows(c, "select count(*) from ctas_self"));
            c.setAutoCommit(false);
            exec(c, "create table ctas_a as select 1 as a", "insert into ctas_a values (2)",
                    "create table ctas_b as select a from ctas_a");
            // but it sees what earlier statements of the transaction did
            assertEquals("1;2", joinedRows(c, "select a from ctas_b order by a"));
            c.rollback();
            c.setAutoCommit(true);
            exec(c, "drop table ctas_self");
        }
    }
}
