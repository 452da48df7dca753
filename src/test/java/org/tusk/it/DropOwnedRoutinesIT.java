package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * DROP OWNED BY of a role that owns routines (pg_shdepend.c shdepDropOwned), through psql 15
 * against a running server. Every expected text is what PostgreSQL 15 prints for the same
 * statements run in the same order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DropOwnedRoutinesIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start("postgres", null, "trust", new String[0]);
        assertEquals(0, psql("postgres", "create database dropit").exitCode());
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
        assertEquals(String.join("\n", expected), psql("dropit", command).output(), command);
    }

    /** DROP OWNED drops the functions and aggregates a role owns with its relations, RESTRICT refusing a view of another role that calls one. */
    @Test
    @Order(1)
    void dropOwnedRoutines() throws Exception {
        check("create role dro_c",
                "CREATE ROLE");
        check("create function public.g(int) returns int language sql as 'select $1 + 1'",
                "CREATE FUNCTION");
        check("alter function public.g(int) owner to dro_c",
                "ALTER FUNCTION");
        check("create aggregate public.mysum(int) (sfunc = int4pl, stype = int)",
                "CREATE AGGREGATE");
        check("alter aggregate public.mysum(int) owner to dro_c",
                "ALTER AGGREGATE");
        check("create table public.tc (a int default g(1))",
                "CREATE TABLE");
        check("alter table public.tc owner to dro_c",
                "ALTER TABLE");
        check("create view public.vg as select g(2) as x",
                "CREATE VIEW");
        check("drop owned by dro_c",
                "ERROR:  cannot drop desired object(s) because other objects depend on them",
                "DETAIL:  view vg depends on function g(integer)",
                "HINT:  Use DROP ... CASCADE to drop the dependent objects too.");
        check("select proname from pg_proc where proname in ('g', 'mysum') order by 1",
                "proname ",
                "---------",
                " g",
                " mysum",
                "(2 rows)");
        check("drop owned by dro_c cascade",
                "NOTICE:  drop cascades to view vg",
                "DROP OWNED");
        check("select proname from pg_proc where proname in ('g', 'mysum')",
                "proname ",
                "---------",
                "(0 rows)");
        check("select relname from pg_class where relname in ('tc', 'vg')",
                "relname ",
                "---------",
                "(0 rows)");
        check("drop role dro_c",
                "DROP ROLE");
    }

}
