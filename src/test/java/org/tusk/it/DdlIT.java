package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ALTER INDEX, REINDEX, COMMENT ON, and indexes on expressions, partial indexes and operator
 * classes, through psql 15 against a running server. Every expected text (messages, psql's \d
 * and \d+ output, pg_get_indexdef) is what PostgreSQL 15 prints for the same statements, in
 * order: each statement sees the effects of those before it.
 */
class DdlIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start("postgres", null, "trust", new String[0]);
        assertEquals(0, psql("postgres", "create database ddlit").exitCode());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static ProcessResult psql(String db, String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TuskServer.PSQL, "-X", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", "postgres", "-d", db, "-c", command));
        return ProcessResult.run(cmd, null, 60);
    }

    /** Runs {@code command} and compares psql's whole output (errors included) with {@code expected} lines. */
    static void check(String command, String... expected) throws Exception {
        assertEquals(String.join("\n", expected), psql("ddlit", command).output(), command);
    }

    /** A new type takes the name of an automatically named array type, which moves to "__name" (moveArrayTypeName). */
    @Test
    void aNewTypeMovesAnArrayTypeOutOfItsWay() throws Exception {
        check("create type arrmove as (f1 int, f2 text)", "CREATE TYPE");
        check("create table arrmove_t (c arrmove[])", "CREATE TABLE");
        check("insert into arrmove_t values (array[row(2, 'bar')::arrmove])", "INSERT 0 1");
        check("create type _arrmove as enum ('fooey')", "CREATE TYPE");
        check("create domain _arrmovedom as int", "CREATE DOMAIN");
        check("create table _arrmovedom (z int)", "ERROR:  type \"_arrmovedom\" already exists",
                "HINT:  A relation has an associated type of the same name, so you must use a name that doesn't conflict"
                        + " with any existing type.");
        check("select (c[1]).f2, pg_typeof(c) from arrmove_t", "f2  | pg_typeof ", "-----+-----------",
                " bar | arrmove[]", "(1 row)");
        // the enum's own array type comes after the moved one: ___arrmove
        check("select typname from pg_type where typname like '%arrmove' order by 1", "typname   ", "------------",
                " ___arrmove", " __arrmove", " _arrmove", " arrmove", "(4 rows)");
        check("drop type _arrmove", "DROP TYPE");
        check("drop table arrmove_t", "DROP TABLE");
        check("drop type arrmove", "DROP TYPE");
        check("select count(*) from pg_type where typname like '%arrmove'", "count \n-------\n     0\n(1 row)");
    }

    /**
     * Command tags by the object type written (AlterObjectTypeCommandTag: ALTER VIEW, ALTER
     * PROCEDURE, ALTER ROUTINE), a NOTICE raised before the ERROR of the same statement sent
     * before it, pg_relation_filepath, and pg_cast's relabelling casts from int4 ('b', no function).
     */
    @Test
    void tagsNoticesFilePathsAndCasts() throws Exception {
        check("create table tagt (a int)", "CREATE TABLE");
        check("create view tagv as select a from tagt", "CREATE VIEW");
        check("alter view tagv alter column a set default 1", "ALTER VIEW");
        check("alter view tagv rename to tagv2", "ALTER VIEW");
        check("create procedure tagp() language sql as $$ select 1 $$", "CREATE PROCEDURE");
        check("alter procedure tagp() owner to postgres", "ALTER PROCEDURE");
        check("alter routine tagp() owner to postgres", "ALTER ROUTINE");
        check("drop table if exists tagnosuch, pg_class", "NOTICE:  table \"tagnosuch\" does not exist, skipping",
                "ERROR:  permission denied: \"pg_class\" is a system catalog");
        check("select pg_relation_filepath('tagt') = 'base/' || (select oid from pg_database where datname = current_database())"
                + " || '/' || pg_relation_filenode('tagt') as same, pg_relation_filepath('tagv2') is null as none",
                "same | none ", "------+------", " t    | t", "(1 row)");
        check("select casttarget::regtype, castmethod, castfunc from pg_cast where castsource = 'int4'::regtype"
                + " and casttarget in ('oid'::regtype, 'regclass'::regtype) order by casttarget",
                "casttarget | castmethod | castfunc ", "------------+------------+----------",
                " oid        | b          |        0", " regclass   | b          |        0", "(2 rows)");
        check("drop view tagv2", "DROP VIEW");
        check("drop table tagt", "DROP TABLE");
        check("drop procedure tagp()", "DROP PROCEDURE");
    }

    @Test
    void indexesReindexAndComments() throws Exception {
        check("create table fruit (key int, fruit text, qty int)",
                "CREATE TABLE");
        check("insert into fruit select g, 'Fruit' || g, g % 7 from generate_series(1, 500) g",
                "INSERT 0 500");
        check("create unique index fruit_lower on fruit (lower(fruit))",
                "CREATE INDEX");
        check("create index on fruit ((key + qty))",
                "CREATE INDEX");
        check("create index fruit_big on fruit (key) where qty > 3",
                "CREATE INDEX");
        check("create index fruit_pat on fruit (fruit text_pattern_ops)",
                "CREATE INDEX");
        check("\\d fruit",
                "Table \"public.fruit\"",
                " Column |  Type   | Collation | Nullable | Default ",
                "--------+---------+-----------+----------+---------",
                " key    | integer |           |          | ",
                " fruit  | text    |           |          | ",
                " qty    | integer |           |          | ",
                "Indexes:",
                "    \"fruit_big\" btree (key) WHERE qty > 3",
                "    \"fruit_expr_idx\" btree ((key + qty))",
                "    \"fruit_lower\" UNIQUE, btree (lower(fruit))",
                "    \"fruit_pat\" btree (fruit text_pattern_ops)");
        check("select pg_get_indexdef('fruit_big'::regclass), pg_get_indexdef('fruit_expr_idx'::regclass)",
                "pg_get_indexdef                              |                             pg_get_indexdef                             ",
                "--------------------------------------------------------------------------+-------------------------------------------------------------------------",
                " CREATE INDEX fruit_big ON public.fruit USING btree (key) WHERE (qty > 3) | CREATE INDEX fruit_expr_idx ON public.fruit USING btree (((key + qty)))",
                "(1 row)");
        check("insert into fruit values (1000, 'FRUIT1', 1)",
                "ERROR:  duplicate key value violates unique constraint \"fruit_lower\"",
                "DETAIL:  Key (lower(fruit))=(fruit1) already exists.");
        check("update fruit set key = -key where key = 2",
                "UPDATE 1");
        check("select key, fruit from fruit where key = -2",
                "key | fruit  ",
                "-----+--------",
                "  -2 | Fruit2",
                "(1 row)");
        check("create index bad on fruit (random())",
                "ERROR:  functions in index expression must be marked IMMUTABLE");
        check("create index bad on fruit (key int4_ops, fruit nosuch_ops)",
                "ERROR:  operator class \"nosuch_ops\" does not exist for access method \"btree\"");
        check("reindex index fruit_lower",
                "REINDEX");
        check("reindex table fruit",
                "REINDEX");
        check("reindex index fruit",
                "ERROR:  \"fruit\" is not an index");
        check("reindex table fruit_lower",
                "ERROR:  \"fruit_lower\" is not a table or materialized view");
        check("create table empty_t (x int)",
                "CREATE TABLE");
        check("reindex table empty_t",
                "NOTICE:  table \"empty_t\" has no indexes to reindex",
                "REINDEX");
        check("begin; reindex schema public; commit",
                "BEGIN",
                "ERROR:  REINDEX SCHEMA cannot run inside a transaction block");
        check("reindex schema nosuch",
                "ERROR:  schema \"nosuch\" does not exist");
        check("alter index fruit_pat rename to fruit_pattern",
                "ALTER INDEX");
        check("comment on table fruit is 'Fruits we sell'",
                "COMMENT");
        check("comment on column fruit.qty is 'On hand'",
                "COMMENT");
        check("comment on index fruit_lower is 'One per name'",
                "COMMENT");
        check("comment on column fruit.nosuch is 'x'",
                "ERROR:  column \"nosuch\" of relation \"fruit\" does not exist");
        check("comment on column fruit_lower.lower is 'x'",
                "ERROR:  cannot set comment on relation \"fruit_lower\"",
                "DETAIL:  This operation is not supported for indexes.");
        check("comment on index fruit is 'x'",
                "ERROR:  \"fruit\" is not an index");
        check("select obj_description('fruit'::regclass, 'pg_class'), col_description('fruit'::regclass, 3), obj_description('fruit_lower'::regclass, 'pg_class')",
                "obj_description | col_description | obj_description ",
                "-----------------+-----------------+-----------------",
                " Fruits we sell  | On hand         | One per name",
                "(1 row)");
        check("\\d+ fruit",
                "Table \"public.fruit\"",
                " Column |  Type   | Collation | Nullable | Default | Storage  | Compression | Stats target | Description ",
                "--------+---------+-----------+----------+---------+----------+-------------+--------------+-------------",
                " key    | integer |           |          |         | plain    |             |              | ",
                " fruit  | text    |           |          |         | extended |             |              | ",
                " qty    | integer |           |          |         | plain    |             |              | On hand",
                "Indexes:",
                "    \"fruit_big\" btree (key) WHERE qty > 3",
                "    \"fruit_expr_idx\" btree ((key + qty))",
                "    \"fruit_lower\" UNIQUE, btree (lower(fruit))",
                "    \"fruit_pattern\" btree (fruit text_pattern_ops)",
                "Access method: heap");
    }
}
