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
 * ALTER DEFAULT PRIVILEGES through a running server: pg_default_acl entries for all schemas
 * and for one, the ACL new tables and sequences start with (relacl) and new functions (proacl), an entry removed when it
 * comes back to the default, membership required for FOR ROLE, and CREATE TABLE AS filling a
 * table its creator may not INSERT into (select_into.sql). Expected values are PostgreSQL 15's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DefaultPrivilegesIT {

    @Test
    void defaultPrivilegesApplyToNewTablesAndSequences() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            String su = TuskServer.rows(c, "select current_user").get(0);
            s.execute("create schema sch");
            s.execute("create user regress_u");
            s.execute("grant all on schema sch to public");
            s.execute("alter default privileges for role regress_u revoke insert on tables from regress_u");
            assertEquals(List.of("regress_u|0|r|{regress_u=rwdDxt/regress_u}"), TuskServer.rows(c,
                    "select defaclrole::regrole, defaclnamespace, defaclobjtype, defaclacl from pg_default_acl"));
            s.execute("set session authorization regress_u");
            // CREATE TABLE AS needs no INSERT privilege on the table it creates and fills
            s.execute("create table sch.t1 (a) as select generate_series(1, 3)");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("insert into sch.t1 values (4)"));
            assertEquals("ERROR: permission denied for table t1", e.getMessage());
            e = assertThrows(SQLException.class,
                    () -> s.execute("alter default privileges for role " + su + " grant select on tables to public"));
            assertEquals("ERROR: must be member of role \"" + su + "\"", e.getMessage());
            s.execute("reset session authorization");
            assertEquals(List.of("{regress_u=rwdDxt/regress_u}|3"), TuskServer.rows(c,
                    "select relacl, (select count(*) from sch.t1) from pg_class where relname = 't1'"));
            s.execute("alter default privileges for role regress_u grant insert on tables to regress_u");
            assertEquals(List.of("0"), TuskServer.rows(c, "select count(*) from pg_default_acl"));
            s.execute("alter default privileges in schema sch grant select on tables to public");
            s.execute("alter default privileges grant usage on sequences to regress_u");
            s.execute("create table sch.t2 (a int)");
            s.execute("create table public.t3 (a int)");
            s.execute("create sequence public.s1");
            assertEquals(List.of("s1|{" + su + "=rwU/" + su + ",regress_u=U/" + su + "}", "t2|{=r/" + su + "," + su + "=arwdDxt/" + su + "}", "t3|"),
                    TuskServer.rows(c, "select relname, relacl from pg_class where relname in ('t2', 't3', 's1') order by 1"));
            e = assertThrows(SQLException.class, () -> s.execute("alter default privileges grant insert on sequences to public"));
            assertEquals("ERROR: invalid privilege type INSERT for sequence", e.getMessage());
            // a role with default privileges cannot be dropped (they depend on it)
            s.execute("create user regress_v");
            s.execute("alter default privileges for role regress_v in schema sch revoke all on sequences from public");
            s.execute("alter default privileges for role regress_v grant select on sequences to public");
            e = assertThrows(SQLException.class, () -> s.execute("drop user regress_v"));
            assertEquals("2BP01", e.getSQLState());
            assertEquals("owner of default privileges on new sequences belonging to role regress_v",
                    ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getDetail());
            s.execute("alter default privileges for role regress_v revoke select on sequences from public");
            s.execute("drop user regress_v");
            // functions: PUBLIC's EXECUTE revoked by default
            s.execute("alter default privileges revoke execute on functions from public");
            s.execute("create function f1() returns int language sql as 'select 1'");
            assertEquals(List.of("{" + su + "=X/" + su + "}"), TuskServer.rows(c, "select proacl from pg_proc where proname = 'f1'"));
            s.execute("set session authorization regress_u");
            e = assertThrows(SQLException.class, () -> TuskServer.rows(c, "select f1()"));
            assertEquals("ERROR: permission denied for function f1", e.getMessage());
            s.execute("reset session authorization");
            s.execute("alter default privileges grant execute on routines to public");
            assertEquals(List.of("0"), TuskServer.rows(c, "select count(*) from pg_default_acl where defaclobjtype = 'f'"));
        }
    }
}
