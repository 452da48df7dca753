package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.failsFirstLine;
import static org.tusk.it.Jdbc.joinedRows;
import static org.tusk.it.Jdbc.rowsShowingNull;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SECURITY DEFINER, SET clauses and LEAKPROOF of functions, and pg_get_functiondef, against a
 * real server: results and messages as PostgreSQL 15 gives them for the same statements
 * (checked side by side).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SecurityDefinerIT extends OneServerPerClass {

    @Test
    void securityDefinerRunsAsOwnerAndRestoresCaller() throws Exception {
        try (Connection a = server.connect()) {
            exec(a, "create table sd_secret(x int)", "insert into sd_secret values (42)", "create role sd_user",
                    "create function sd_read() returns int security definer language sql as 'select x from sd_secret'",
                    "create function sd_read_inv() returns int language sql as 'select x from sd_secret'",
                    "create function sd_whoami() returns text security definer language sql as 'select current_user::text'",
                    "create function sd_fail(int) returns int security definer language sql as 'select 1 / $1'",
                    "create function sd_mem() returns text language sql set work_mem = '1234kB' "
                            + "set search_path = public, pg_temp as $$select current_setting('work_mem')$$",
                    "set role sd_user");
            // the owner is the session user (the superuser that created it), the caller stays sd_user
            assertEquals(List.of("42|t|sd_user|1234kB|4MB"), rowsShowingNull(a,
                    "select sd_read(), sd_whoami() = session_user::text, current_user, sd_mem(), current_setting('work_mem')"));
            assertEquals("ERROR: permission denied for table sd_secret", failsFirstLine(a, "select sd_read_inv()", "42501"));
            assertEquals("ERROR: permission denied for table sd_secret", failsFirstLine(a, "select x from sd_secret", "42501"));
            // an error inside the definer's call gives the caller its identity back
            assertEquals("ERROR: division by zero", failsFirstLine(a, "select sd_fail(0)", "22012"));
            assertEquals("sd_user", joinedRows(a, "select current_user"));
            exec(a, "reset role", "alter function sd_read() security invoker", "set role sd_user");
            assertEquals("ERROR: permission denied for table sd_secret", failsFirstLine(a, "select sd_read()", "42501"));
            exec(a, "reset role", "alter function sd_read_inv() security definer", "set role sd_user");
            assertEquals("42", joinedRows(a, "select sd_read_inv()"));
            exec(a, "reset role");
            exec(a, "alter function sd_mem() reset work_mem");
            assertEquals("f|{\"search_path=public, pg_temp\"}", joinedRows(a,
                    "select prosecdef, proconfig from pg_proc where proname = 'sd_mem'"));
        }
    }

    @Test
    void leakproofNeedsSuperuser() throws Exception {
        try (Connection a = server.connect()) {
            exec(a, "create role lp_user", "create schema lp authorization lp_user",
                    "create function lp.f1(int) returns bool language sql leakproof as 'select $1 > 0'",
                    "alter function lp.f1(int) owner to lp_user", "set role lp_user");
            assertEquals("t", joinedRows(a, "select proleakproof from pg_proc where proname = 'f1'"));
            assertEquals("ERROR: only superuser can define a leakproof function", failsFirstLine(a,
                    "create function lp.f2(int) returns bool language sql leakproof as 'select true'", "42501"));
            assertEquals("ERROR: only superuser can define a leakproof function",
                    failsFirstLine(a, "alter function lp.f1(int) leakproof", "42501"));
            exec(a, "alter function lp.f1(int) not leakproof", "reset role");
            assertEquals("f", joinedRows(a, "select proleakproof from pg_proc where proname = 'f1'"));
        }
    }

    @Test
    void functionDefinitions() throws Exception {
        try (Connection a = server.connect()) {
            exec(a, "create function fd_mem(a int, b text default 'x') returns text language sql stable strict "
                    + "security definer set work_mem = '1234kB' set search_path = public, pg_temp as $$select b || a$$");
            assertEquals("CREATE OR REPLACE FUNCTION public.fd_mem(a integer, b text DEFAULT 'x'::text)\n"
                    + " RETURNS text\n"
                    + " LANGUAGE sql\n"
                    + " STABLE STRICT SECURITY DEFINER\n"
                    + " SET work_mem TO '1234kB'\n"
                    + " SET search_path TO 'public', 'pg_temp'\n"
                    + "AS $function$select b || a$function$\n",
                    joinedRows(a, "select pg_get_functiondef('fd_mem'::regproc)"));
            exec(a, "create function fd_dollar() returns text language sql as $x$select '$function$'::text$x$");
            assertEquals("CREATE OR REPLACE FUNCTION public.fd_dollar()\n RETURNS text\n LANGUAGE sql\n"
                    + "AS $functionx$select '$function$'::text$functionx$\n",
                    joinedRows(a, "select pg_get_functiondef('fd_dollar'::regproc)"));
            exec(a, "create aggregate fd_agg(int) (sfunc = int4pl, stype = int)");
            assertEquals("ERROR: \"fd_agg\" is an aggregate function",
                    failsFirstLine(a, "select pg_get_functiondef('fd_agg'::regproc)", "42809"));
        }
    }
}
