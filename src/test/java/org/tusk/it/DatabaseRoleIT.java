package org.tusk.it;

import static org.tusk.it.Jdbc.error;
import static org.tusk.it.Jdbc.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * Databases and roles as a client sees them: CREATE/DROP/ALTER DATABASE and connecting to the
 * result, the busy-template and busy-database errors, CREATE/ALTER/DROP ROLE with SCRAM logins,
 * their transactional behaviour, psql's \l, and a kill -9 of every process right after CREATE
 * DATABASE committed.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DatabaseRoleIT {

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    void createConnectDropDatabase() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection pg = server.connect()) {
            exec(pg, "create database d1");
            assertEquals("42P04", error(pg, "create database d1").getSQLState());
            assertEquals(List.of("d1", "postgres", "template0", "template1"),
                    column(pg, "select datname from pg_database order by 1"));
            try (Connection d1 = server.connectTo("d1", server.user(), null)) {
                exec(d1, "create table t (a int primary key, b text)", "insert into t values (1, 'one'), (2, 'two')");
                assertEquals(List.of("one", "two"), column(d1, "select b from t order by a"));
                assertEquals(List.of("d1"), column(d1, "select current_database()"));
                // The new database's catalogs are its own: postgres does not see t.
                assertEquals("42P01", error(pg, "select * from t").getSQLState());

                PSQLException busy = error(pg, "drop database d1");
                assertEquals("55006", busy.getSQLState());
                assertEquals("database \"d1\" is being used by other users", busy.getServerErrorMessage().getMessage());
                assertEquals("There is 1 other session using the database.", busy.getServerErrorMessage().getDetail());
                assertEquals("55006", error(d1, "drop database d1").getSQLState());
            }
            String oid = column(pg, "select oid from pg_database where datname = 'd1'").get(0);
            assertTrue(java.nio.file.Files.isDirectory(server.dataDir().resolve("base").resolve(oid)));
            exec(pg, "drop database d1");
            assertTrue(!java.nio.file.Files.exists(server.dataDir().resolve("base").resolve(oid)));
            PSQLException gone = assertThrows(PSQLException.class, () -> server.connectTo("d1", server.user(), null));
            assertEquals("3D000", gone.getSQLState());
            assertEquals("3D000", error(pg, "drop database d1").getSQLState());
            exec(pg, "drop database if exists d1");

            exec(pg, "begin");
            PSQLException inBlock = error(pg, "create database d2");
            assertEquals("25001", inBlock.getSQLState());
            assertEquals("CREATE DATABASE cannot run inside a transaction block", inBlock.getServerErrorMessage().getMessage());
            exec(pg, "rollback");
            // One simple Query with two statements is an implicit transaction block.
            ProcessResult multi = server.psql("127.0.0.1", "create database d2; select 1");
            assertTrue(multi.output().contains("CREATE DATABASE cannot run inside a transaction block"), multi.output());
            assertEquals(List.of(), column(pg, "select datname from pg_database where datname = 'd2'"));

            // RENAME, OWNER, options; and a template other than template1.
            exec(pg, "create database d3 with template template0 connection limit 5 is_template true",
                    "alter database d3 rename to d4", "create role owner1", "alter database d4 owner to owner1");
            assertEquals(List.of("d4|owner1|5|true"), column(pg,
                    "select datname || '|' || pg_get_userbyid(datdba) || '|' || datconnlimit || '|' || datistemplate "
                            + "from pg_database where datname = 'd4'"));
            assertEquals("42809", error(pg, "drop database d4").getSQLState());
            assertEquals("2BP01", error(pg, "drop role owner1").getSQLState());
            exec(pg, "alter database d4 is_template false", "drop database d4", "drop role owner1");
            assertEquals("3D000", error(pg, "create database d5 template nosuch").getSQLState());
        }
    }

    @Test
    void templateBeingAccessedIsRefused() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection pg = server.connect();
             Connection t1 = server.connectTo("template1", server.user(), null)) {
            assertEquals(List.of("template1"), column(t1, "select current_database()"));
            PSQLException e = error(pg, "create database copy1");
            assertEquals("55006", e.getSQLState());
            assertEquals("source database \"template1\" is being accessed by other users", e.getServerErrorMessage().getMessage());
            assertEquals("There is 1 other session using the database.", e.getServerErrorMessage().getDetail());
            t1.close();
            exec(pg, "create database copy1");
            assertEquals(List.of("copy1"), column(pg, "select datname from pg_database where datname = 'copy1'"));
        }
    }

    @Test
    void dropDatabaseWithForceEndsItsSessions() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection pg = server.connect()) {
            exec(pg, "create database victim");
            Connection v = server.connectTo("victim", server.user(), null);
            exec(pg, "drop database victim with (force)");
            assertThrows(SQLException.class, () -> column(v, "select 1"));
            v.close();
            assertEquals(List.of(), column(pg, "select datname from pg_database where datname = 'victim'"));
        }
    }

    @Test
    void rolesLogInWithScramAndFollowAlterAndDrop() throws Exception {
        try (TuskServer server = TuskServer.start("tusk", "superpw", "scram-sha-256", new String[0]); Connection su = server.connect()) {
            exec(su, "create role alice login password 'secret'");
            assertEquals("42710", error(su, "create user alice").getSQLState());
            assertEquals(List.of("SCRAM-SHA-256$4096:"),
                    column(su, "select substr(rolpassword, 1, 19) from pg_authid where rolname = 'alice'"));
            try (Connection a = server.connect("alice", "secret")) {
                assertEquals(List.of("alice"), column(a, "select current_user"));
                PSQLException denied = error(a, "create role eve");
                assertEquals("42501", denied.getSQLState());
                assertEquals("permission denied to create role", denied.getServerErrorMessage().getMessage());
                assertEquals("42501", error(a, "select * from pg_authid").getSQLState());
                assertEquals(List.of("********"), column(a, "select rolpassword from pg_roles where rolname = 'alice'"));
                // A user may change their own password, nothing else.
                exec(a, "alter role alice password 'changed'");
                assertEquals("42501", error(a, "alter role alice createdb").getSQLState());
                assertEquals("42501", error(a, "create database mine").getSQLState());
            }
            PSQLException wrong = assertThrows(PSQLException.class, () -> server.connect("alice", "secret"));
            assertEquals("28P01", wrong.getSQLState());
            server.connect("alice", "changed").close();

            exec(su, "alter role alice createdb nologin");
            PSQLException noLogin = assertThrows(PSQLException.class, () -> server.connect("alice", "changed"));
            assertEquals("28000", noLogin.getSQLState());
            exec(su, "alter role alice login");
            try (Connection a = server.connect("alice", "changed")) {
                exec(a, "create database alices");
                assertEquals(List.of("alice"), column(a,
                        "select pg_get_userbyid(datdba) from pg_database where datname = 'alices'"));
                assertEquals("55006", error(su, "drop role tusk").getSQLState());
            }
            PSQLException inUse = error(su, "drop role alice");
            assertEquals("2BP01", inUse.getSQLState());
            assertEquals("owner of database alices", inUse.getServerErrorMessage().getDetail());
            exec(su, "drop database alices", "drop role alice");
            assertEquals("42704", error(su, "drop role alice").getSQLState());
            assertEquals("42704", error(su, "alter role alice login").getSQLState());
            PSQLException gone = assertThrows(PSQLException.class, () -> server.connect("alice", "changed"));
            assertEquals("28P01", gone.getSQLState());

            exec(su, "set password_encryption = 'md5'", "create role m password 'x'");
            assertEquals(List.of("md5"), column(su, "select substr(rolpassword, 1, 3) from pg_authid where rolname = 'm'"));
            assertEquals("42939", error(su, "create role pg_mine").getSQLState());
        }
    }

    @Test
    void roleChangesAreTransactional() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "begin", "create role r1");
            assertEquals(List.of("r1"), column(a, "select rolname from pg_roles where rolname = 'r1'"));
            assertEquals(List.of(), column(b, "select rolname from pg_roles where rolname = 'r1'"));
            exec(a, "rollback");
            assertEquals(List.of(), column(a, "select rolname from pg_roles where rolname = 'r1'"));

            exec(a, "begin", "create role r2", "savepoint s", "create role r3", "rollback to s", "create role r4", "commit");
            assertEquals(List.of("r2", "r4"), column(b, "select rolname from pg_roles where rolname in ('r2', 'r3', 'r4') order by 1"));
            assertEquals(List.of(), column(b, "select usename from pg_user where usename = 'r2'"));
            assertEquals(0, java.nio.file.Files.list(server.dataDir().resolve("global"))
                    .filter(p -> p.getFileName().toString().contains(".pending.")).count());
        }
    }

    @Test
    void psqlListsDatabases() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection pg = server.connect()) {
            exec(pg, "create database listed");
            // initdb takes the locale from the environment (C, or C.UTF-8 under LANG=C.UTF-8)
            String locale = column(pg, "select datcollate from pg_database where datname = 'template1'").get(0);
            ProcessResult r = server.psql("127.0.0.1", "\\l");
            assertEquals(0, r.exitCode(), r.output());
            String loc = "|" + locale + "|" + locale + "||libc|";
            assertTrue(r.output().contains("listed|" + server.user() + "|UTF8" + loc), r.output());
            assertTrue(r.output().contains("template1|" + server.user() + "|UTF8" + loc + "=c/" + server.user() + "\n"
                    + server.user() + "=CTc/" + server.user()), r.output());
        }
    }

    @Test
    void grantAndRevokeAreEnforced() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create role alice login", "create role bob login", "create table t (a int)", "insert into t values (1)");
            try (Connection a = server.connect("alice", null); Connection b = server.connect("bob", null)) {
                PSQLException denied = error(a, "select * from t");
                assertEquals("42501", denied.getSQLState());
                assertEquals("permission denied for table t", denied.getServerErrorMessage().getMessage());

                exec(su, "grant select on t to alice", "grant insert, update on table t to bob with grant option");
                assertEquals(List.of("1"), column(a, "select a from t"));
                assertEquals("42501", error(a, "insert into t values (2)").getSQLState());
                exec(b, "insert into t values (3)", "update t set a = 3");
                assertEquals("42501", error(b, "select * from t").getSQLState());
                // SET a = a reads a: SELECT on the column is needed, as in PostgreSQL
                assertEquals("42501", error(b, "update t set a = a").getSQLState());
                assertEquals("42501", error(b, "update t set a = 4 where a = 1").getSQLState());
                assertEquals("42501", error(b, "delete from t").getSQLState());
                // bob passes on what he holds with grant option; alice's grants are then his.
                exec(b, "grant insert on t to alice");
                exec(a, "insert into t values (5)");
                assertEquals("2BP01", error(su, "revoke insert on t from bob").getSQLState());
                exec(su, "revoke insert on t from bob cascade");
                assertEquals("42501", error(a, "insert into t values (6)").getSQLState());
                assertEquals("42501", error(b, "insert into t values (6)").getSQLState());

                exec(su, "grant all on t to public");
                exec(b, "delete from t where a = 5");
                exec(su, "revoke all privileges on t from public");
                assertEquals("42501", error(b, "delete from t").getSQLState());
                // aclitemout names the roles, as PostgreSQL prints relacl.
                assertEquals(List.of("tusk=arwdDxt/tusk,alice=r/tusk,bob=w*/tusk"),
                        column(su, "select array_to_string(relacl, ',') from pg_class where relname = 't'"));
                assertEquals("0LP01", error(su, "grant usage on t to alice").getSQLState());
                assertEquals("42704", error(su, "grant select on t to nobody").getSQLState());
                // PostgreSQL 15: PUBLIC may no longer create in schema public
                assertEquals("42501", error(b, "create table bobs (x int)").getSQLState());
                exec(su, "grant create on schema public to bob");
                exec(b, "create table bobs (x int)");
                exec(su, "revoke create on schema public from bob");
            }
            // A role that owns or holds privileges on tables cannot be dropped (checkSharedDependencies).
            PSQLException deps = error(su, "drop role bob");
            assertEquals("2BP01", deps.getSQLState());
            assertEquals("role \"bob\" cannot be dropped because some objects depend on it",
                    deps.getServerErrorMessage().getMessage());
            assertEquals("privileges for table t\nowner of table bobs", deps.getServerErrorMessage().getDetail());
            exec(su, "revoke all on t from bob", "drop table bobs", "drop role bob");
            assertEquals(List.of("postgres", "template0", "template1"), column(su,
                    "select datname from pg_database where has_database_privilege('alice', datname, 'connect') order by 1"));
            try (Connection a = server.connect("alice", null)) {
                assertEquals(List.of("t"), column(a, "select has_database_privilege('postgres', 'connect')"));
                assertEquals(List.of("f"), column(a, "select has_database_privilege('postgres', 'create')"));
            }
        }
    }

    @Test
    void connectionLimitsOfRolesAndDatabases() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create role lim login connection limit 1", "create database small connection limit 1");
            try (Connection first = server.connect("lim", null)) {
                PSQLException e = assertThrows(PSQLException.class, () -> server.connect("lim", null));
                assertEquals("53300", e.getSQLState());
                assertEquals("too many connections for role \"lim\"", e.getServerErrorMessage().getMessage());
            }
            server.connect("lim", null).close();
            exec(su, "create role other login");
            try (Connection first = server.connectTo("small", "other", null)) {
                PSQLException e = assertThrows(PSQLException.class, () -> server.connectTo("small", "lim", null));
                assertEquals("53300", e.getSQLState());
                assertEquals("too many connections for database \"small\"", e.getServerErrorMessage().getMessage());
                // Superusers are not limited.
                server.connectTo("small", server.user(), null).close();
            }
        }
    }

    @Test
    void databaseAndRoleSettingsApplyToNewSessions() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create database sdb", "alter database sdb set statement_timeout = '5min'",
                    "create role u login", "alter role u set search_path = a, b",
                    "alter role u in database sdb set work_mem = '8MB'");
            assertEquals("22023", error(su, "alter database sdb set work_mem = 'bogus'").getSQLState());
            assertEquals("42704", error(su, "alter database sdb set no_such_parameter = 1").getSQLState());
            assertEquals(List.of("{\"search_path=a, b\"}"), column(su, "select rolconfig from pg_roles where rolname = 'u'"));
            try (Connection u = server.connectTo("sdb", "u", null)) {
                assertEquals(List.of("5min"), column(u, "show statement_timeout"));
                assertEquals(List.of("8MB"), column(u, "show work_mem"));
                assertEquals(List.of("a, b"), column(u, "show search_path"));
                // Only the owner (or a superuser) sets a database's defaults.
                assertEquals("42501", error(u, "alter database sdb set work_mem = '1MB'").getSQLState());
            }
            exec(su, "alter database sdb reset all", "alter role u reset search_path");
            try (Connection u = server.connectTo("sdb", "u", null)) {
                assertEquals(List.of("0"), column(u, "show statement_timeout"));
                assertEquals(List.of("8MB"), column(u, "show work_mem"));
            }
            exec(su, "drop database sdb", "drop role u");
            assertEquals(List.of(), column(su, "select setrole from pg_db_role_setting"));
        }
    }

    @Test
    void databaseCreatedJustBeforeKillNineIsUsableAfterRestart() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            try (Connection pg = server.connect()) {
                exec(pg, "create database survivor", "create role keeper login");
                try (Connection s = server.connectTo("survivor", server.user(), null)) {
                    exec(s, "create table kept (a int)", "insert into kept values (42)", "grant select, insert on kept to keeper");
                }
            }
            DurabilityIT.killEverything(server);
            server.startAgain();
            try (Connection s = server.connectTo("survivor", "keeper", null)) {
                assertEquals(List.of("42"), column(s, "select a from kept"));
                exec(s, "insert into kept values (43)");
            }
            try (Connection pg = server.connect()) {
                exec(pg, "drop database survivor");
            }
            DurabilityIT.killEverything(server);
            server.startAgain();
            try (Connection pg = server.connect()) {
                assertEquals(List.of(), column(pg, "select datname from pg_database where datname = 'survivor'"));
                assertEquals(List.of("keeper"), column(pg, "select rolname from pg_roles where rolname = 'keeper'"));
            }
        }
    }
}
