package org.tusk.it;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * psql 15's describe commands against Tusk, compared with the text PostgreSQL 15.18 prints for the
 * same schema (the acceptance schema: a serial primary key, a UNIQUE varchar, a CHECK, a plain
 * index, an identity primary key and a foreign key).
 */
class DescribeIT {
    static TuskServer server;

    static final String SCHEMA = "create table bar_items (id serial primary key, sku varchar(20) not null unique, "
            + "price numeric(10,2) default 0 check (price >= 0), created timestamptz default now(), note text);"
            + "create index bar_items_price_idx on bar_items (price);"
            + "create table bar_orders (oid bigint generated always as identity primary key, "
            + "item_id int references bar_items(id), qty int not null);";

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start("postgres", null, "trust", new String[0]);
        assertEquals(0, psql("postgres", "create database bard").exitCode());
        ProcessResult r = psql("bard", SCHEMA);
        assertEquals(0, r.exitCode(), r.output());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** psql -X (aligned output, as the acceptance script runs it) in database {@code db}. */
    static ProcessResult psql(String db, String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TuskServer.PSQL, "-X", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", "postgres", "-d", db, "-c", command));
        return ProcessResult.run(cmd, null, 60);
    }

    static String describe(String command) throws Exception {
        ProcessResult r = psql("bard", command);
        assertEquals(0, r.exitCode(), r.output());
        return r.output();
    }

    @Test
    void listTables() throws Exception {
        assertEquals(String.join("\n",
                "List of relations",
                " Schema |    Name    | Type  |  Owner   ",
                "--------+------------+-------+----------",
                " public | bar_items  | table | postgres",
                " public | bar_orders | table | postgres",
                "(2 rows)"), describe("\\dt"));
    }

    @Test
    void listIndexes() throws Exception {
        assertEquals(String.join("\n",
                "List of relations",
                " Schema |        Name         | Type  |  Owner   |   Table    ",
                "--------+---------------------+-------+----------+------------",
                " public | bar_items_pkey      | index | postgres | bar_items",
                " public | bar_items_price_idx | index | postgres | bar_items",
                " public | bar_items_sku_key   | index | postgres | bar_items",
                " public | bar_orders_pkey     | index | postgres | bar_orders",
                "(4 rows)"), describe("\\di"));
    }

    @Test
    void listSequences() throws Exception {
        assertEquals(String.join("\n",
                "List of relations",
                " Schema |        Name        |   Type   |  Owner   ",
                "--------+--------------------+----------+----------",
                " public | bar_items_id_seq   | sequence | postgres",
                " public | bar_orders_oid_seq | sequence | postgres",
                "(2 rows)"), describe("\\ds"));
    }

    @Test
    void listViewsWhenThereAreNone() throws Exception {
        assertEquals("Did not find any relations.", describe("\\dv"));
    }

    @Test
    void listRoles() throws Exception {
        assertEquals(String.join("\n",
                "List of roles",
                " Role name |                         Attributes                         | Member of ",
                "-----------+------------------------------------------------------------+-----------",
                " postgres  | Superuser, Create role, Create DB, Replication, Bypass RLS | {}"), describe("\\du"));
    }

    /** \\l with the locale columns masked: initdb takes them from the environment, as PostgreSQL's does. */
    @Test
    void listDatabases() throws Exception {
        String out = describe("\\l");
        List<String> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length == 8) rows.add(f[0].strip() + "|" + f[1].strip() + "|" + f[2].strip() + "|" + f[6].strip() + "|"
                    + f[7].strip());
        }
        assertEquals(List.of("Name|Owner|Encoding|Locale Provider|Access privileges",
                "bard|postgres|UTF8|libc|", "postgres|postgres|UTF8|libc|",
                "template0|postgres|UTF8|libc|=c/postgres          +", "||||postgres=CTc/postgres",
                "template1|postgres|UTF8|libc|=c/postgres          +", "||||postgres=CTc/postgres"), rows);
        ProcessResult r = psql("bard", "select datcollate = current_setting('lc_collate') and datctype = "
                + "current_setting('lc_ctype') from pg_database where datname = current_database()");
        assertTrue(r.output().contains(" t\n"), r.output());
    }

    @Test
    void foreignKeysMarkBothTablesAsHavingTriggers() throws Exception {
        ProcessResult r = psql("bard", "select relname, relhastriggers from pg_class where relname like 'bar_%' and relkind = 'r' order by 1");
        assertTrue(r.output().contains(" bar_items  | t\n") && r.output().contains(" bar_orders | t\n"), r.output());
    }

    @Test
    void footerCatalogsAreEmptyButQueryable() throws Exception {
        for (String cat : List.of("pg_policy", "pg_statistic_ext", "pg_publication", "pg_publication_namespace",
                "pg_publication_rel", "pg_trigger")) {
            ProcessResult r = psql("bard", "select count(*) from pg_catalog." + cat);
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("     0\n"), cat + ": " + r.output());
        }
        ProcessResult r = psql("bard", "select pg_relation_is_publishable('bar_items'), pg_relation_is_publishable('pg_class'), "
                + "pg_relation_is_publishable('bar_items_pkey'), pg_get_triggerdef(1), pg_get_statisticsobjdef_columns(1) is null");
        assertTrue(r.output().contains(" t                          | f                          | f                          |                   | t\n"),
                r.output());
    }

    @Test
    void describeTables() throws Exception {
        assertEquals(String.join("\n",
                "Table \"public.bar_items\"",
                " Column  |           Type           | Collation | Nullable |                Default                ",
                "---------+--------------------------+-----------+----------+---------------------------------------",
                " id      | integer                  |           | not null | nextval('bar_items_id_seq'::regclass)",
                " sku     | character varying(20)    |           | not null | ",
                " price   | numeric(10,2)            |           |          | 0",
                " created | timestamp with time zone |           |          | now()",
                " note    | text                     |           |          | ",
                "Indexes:",
                "    \"bar_items_pkey\" PRIMARY KEY, btree (id)",
                "    \"bar_items_price_idx\" btree (price)",
                "    \"bar_items_sku_key\" UNIQUE CONSTRAINT, btree (sku)",
                "Check constraints:",
                "    \"bar_items_price_check\" CHECK (price >= 0::numeric)",
                "Referenced by:",
                "    TABLE \"bar_orders\" CONSTRAINT \"bar_orders_item_id_fkey\" FOREIGN KEY (item_id) REFERENCES bar_items(id)"), describe("\\d bar_items"));
        assertEquals(String.join("\n",
                "Table \"public.bar_orders\"",
                " Column  |  Type   | Collation | Nullable |           Default            ",
                "---------+---------+-----------+----------+------------------------------",
                " oid     | bigint  |           | not null | generated always as identity",
                " item_id | integer |           |          | ",
                " qty     | integer |           | not null | ",
                "Indexes:",
                "    \"bar_orders_pkey\" PRIMARY KEY, btree (oid)",
                "Foreign-key constraints:",
                "    \"bar_orders_item_id_fkey\" FOREIGN KEY (item_id) REFERENCES bar_items(id)"), describe("\\d bar_orders"));
    }
}
