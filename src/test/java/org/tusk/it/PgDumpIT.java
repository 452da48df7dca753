package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL 15's pg_dump, pg_restore and pg_dumpall against a Tusk server: a database with
 * enum, composite and domain types, tables of many column types with constraints, indexes and a
 * foreign key, a sequence moved by setval, a view, SQL functions with defaults, comments, a
 * grant, a partitioned and an inherited table is dumped (plain and custom format), restored into
 * new databases with psql and pg_restore, and dumped again: the two dumps must be the same text,
 * and the restored data must read back the same.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PgDumpIT {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private static final List<String> SCHEMA = List.of(
            "create type mood as enum ('sad', 'ok', 'happy')",
            "create type pair as (a integer, b text)",
            "create domain posint as integer check (value > 0)",
            "create sequence s1 start 5 increment 2",
            "select setval('s1', 11)",
            "create table t1 (id integer primary key, name text not null default 'x', price numeric(10,2), d date, "
                    + "ts timestamptz, flag boolean, m mood, p pair, n posint, j jsonb, u uuid, arr integer[], b bytea, "
                    + "f8 double precision, i8 bigint, vc varchar(20), ch char(3), iv interval, tm time)",
            "create table t2 (id integer primary key, t1_id integer references t1(id), qty integer check (qty >= 0), "
                    + "unique (t1_id, qty))",
            "create index t1_name_idx on t1 (name)",
            "create index t1_lower_idx on t1 (lower(name))",
            "create view v1 as select id, name from t1 where price > 10",
            "create function add1(a integer, b integer default 1) returns integer language sql immutable as 'select a + b'",
            "comment on table t1 is 'main table'",
            "comment on column t1.name is 'the name'",
            "create role dump_reader",
            "grant select on t1 to dump_reader",
            "create table parent (id integer, region text) partition by list (region)",
            "create table parent_eu partition of parent for values in ('eu')",
            "create table base (a integer)",
            "create table child (b text) inherits (base)",
            "insert into t1 values (1, 'apple', 12.5, '2024-01-02', '2024-01-02 03:04:05+00', true, 'happy', row(1,'x'), 5, "
                    + "'{\"k\": [1, 2]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{1,2,3}', '\\x0102', 1.5, 9000000000, "
                    + "'hello', 'abc', '1 day 2 hours', '10:11:12')",
            "insert into t1 (id, name) values (2, E'tab\\tand\\nnewline'), (3, E'back\\\\slash')",
            "insert into t2 values (1, 1, 3), (2, 2, 0)",
            "insert into parent values (1, 'eu')",
            "insert into child values (1, 'c')");

    @Test
    void dumpRestoreAndDumpAgainGiveTheSameText() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BIN.resolve("pg_dump")), "PostgreSQL 15 client tools not installed");
        try (TuskServer server = TuskServer.start()) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("create database src");
                s.execute("create database dst_plain");
                s.execute("create database dst_custom");
            }
            try (Connection c = server.connectTo("src", server.user(), null); Statement s = c.createStatement()) {
                for (String sql : SCHEMA) s.execute(sql);
            }
            Path dir = Files.createTempDirectory("pgdumpit");
            Path plain = dir.resolve("src.sql"), custom = dir.resolve("src.dump");
            // the privileges are dumped (the public schema's REVOKE among them, which Tusk cannot run yet)
            assertTrue(run(server, "pg_dump", "src").contains("GRANT SELECT ON TABLE public.t1 TO dump_reader;"));
            // --no-owner: Tusk has no ALTER TABLE ... OWNER TO; --no-privileges: no schema privileges yet
            run(server, "pg_dump", "-O", "-x", "-f", plain.toString(), "src");
            String dumped = Files.readString(plain);
            assertTrue(dumped.contains("CREATE TABLE public.t1 ("), dumped);
            assertTrue(dumped.contains("CREATE TYPE public.mood AS ENUM"), dumped);
            assertTrue(dumped.contains("CREATE FUNCTION public.add1(a integer, b integer DEFAULT 1) RETURNS integer"), dumped);
            assertTrue(dumped.contains("SELECT pg_catalog.setval('public.s1', 11, true);"), dumped);
            assertTrue(dumped.contains("2\ttab\\tand\\nnewline\t"), dumped);

            run(server, "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", plain.toString(), "dst_plain");
            assertEquals(normalized(dumped), normalized(dump(server, dir, "dst_plain")));

            run(server, "pg_dump", "-O", "-x", "-Fc", "-f", custom.toString(), "src");
            run(server, "pg_restore", "-O", "-x", "-d", "dst_custom", custom.toString());
            assertEquals(normalized(dumped), normalized(dump(server, dir, "dst_custom")));

            try (Connection c = server.connectTo("dst_custom", server.user(), null)) {
                assertEquals(List.of("1|apple|12.50|happy|(1,x)|{\"k\": [1, 2]}|{1,2,3}", "2|tab\tand\nnewline|||||",
                        "3|back\\slash|||||"), TuskServer.rows(c, "select id, name, price, m, p, j, arr from t1 order by id"));
                assertEquals(List.of("13"), TuskServer.rows(c, "select nextval('s1')"));
                assertEquals(List.of("1|eu"), TuskServer.rows(c, "select * from parent"));
                assertEquals(List.of("1"), TuskServer.rows(c, "select a from base"));
                assertEquals(List.of("5"), TuskServer.rows(c, "select add1(4)"));
            }

            String globals = run(server, "pg_dumpall", "-g");
            assertTrue(globals.contains("CREATE ROLE dump_reader;"), globals);
        }
    }

    private static String dump(TuskServer server, Path dir, String db) throws Exception {
        Path out = dir.resolve(db + ".sql");
        run(server, "pg_dump", "-O", "-x", "-f", out.toString(), db);
        return Files.readString(out);
    }

    /** The dump without pg_dump's per-run random \restrict key lines. */
    private static String normalized(String dump) {
        return dump.lines().filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .collect(Collectors.joining("\n"));
    }

    /** Runs a PostgreSQL 15 client program against the server; fails on a non-zero exit. */
    private static String run(TuskServer server, String program, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(BIN.resolve(program).toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", server.user()));
        cmd.addAll(List.of(args));
        ProcessResult r = ProcessResult.run(cmd, null, 120);
        assertEquals(0, r.exitCode(), program + " " + String.join(" ", args) + ":\n" + r.output());
        return r.output();
    }
}
