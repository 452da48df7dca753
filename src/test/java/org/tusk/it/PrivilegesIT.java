package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.failsMessage;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.sql.SQLWarning;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * Roles and privileges beyond tables as several sessions see them: role membership (GRANT role
 * TO role, ADMIN OPTION, INHERIT/NOINHERIT, loops), SET ROLE and SET SESSION AUTHORIZATION with
 * their scope, and privileges on schemas, routines, sequences and databases, each checked with
 * PostgreSQL's error texts and SQLSTATEs.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PrivilegesIT {

    @Test
    void membershipGivesPrivilegesAndSetRole() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create role readers", "create role alice login", "create role bob login noinherit",
                    "create table t (x int)", "insert into t values (1)", "grant select on t to readers",
                    "grant readers to alice", "grant readers to bob with admin option");
            assertEquals("readers|alice|f;readers|bob|t", joinedRows(su, "select r.rolname, m.rolname, admin_option "
                    + "from pg_auth_members a join pg_roles r on r.oid = a.roleid join pg_roles m on m.oid = a.member order by 2"));
            SQLWarning again = exec(su, "grant readers to alice");
            assertEquals("role \"alice\" is already a member of role \"readers\"", again.getMessage());
            assertEquals("role \"alice\" is a member of role \"readers\"", failsMessage(su, "grant alice to readers", "0LP01"));
            assertEquals("role \"readers\" is a member of role \"readers\"", failsMessage(su, "grant readers to readers", "0LP01"));

            try (Connection alice = server.connect("alice", null); Connection bob = server.connect("bob", null)) {
                // alice inherits readers' SELECT; bob (NOINHERIT) must SET ROLE first
                assertEquals("1", joinedRows(alice, "select x from t"));
                assertEquals("permission denied for table t", failsMessage(alice, "insert into t values (2)", "42501"));
                assertEquals("permission denied for table t", failsMessage(bob, "select x from t", "42501"));
                exec(bob, "set role readers");
                assertEquals("readers|bob|readers", joinedRows(bob, "select current_user, session_user, current_setting('role')"));
                assertEquals("1", joinedRows(bob, "select x from t"));
                exec(bob, "reset role");
                assertEquals("bob|none", joinedRows(bob, "select current_user, current_setting('role')"));
                assertEquals("permission denied to set role \"alice\"", failsMessage(bob, "set role alice", "42501"));
                assertEquals("role \"nobody\" does not exist", failsMessage(bob, "set role nobody", "22023"));

                // SET LOCAL ROLE ends with the transaction; a rolled-back SET ROLE is undone
                exec(bob, "begin", "set local role readers");
                assertEquals("readers", joinedRows(bob, "select current_user"));
                exec(bob, "commit");
                assertEquals("bob", joinedRows(bob, "select current_user"));
                exec(bob, "begin", "set role readers", "rollback");
                assertEquals("bob", joinedRows(bob, "select current_user"));

                // the admin option lets bob manage readers' members; alice has none
                exec(bob, "grant readers to alice");
                assertEquals("must have admin option on role \"readers\"", failsMessage(alice, "revoke readers from bob", "42501"));
                assertEquals("t|f|t|t", joinedRows(su, "select pg_has_role('bob', 'readers', 'MEMBER'), "
                        + "pg_has_role('bob', 'readers', 'USAGE'), pg_has_role('alice', 'readers', 'USAGE'), "
                        + "pg_has_role('bob', 'readers', 'MEMBER WITH ADMIN OPTION')"));
                assertEquals("f|t", joinedRows(su, "select has_table_privilege('bob', 't', 'SELECT'), "
                        + "has_table_privilege('alice', 't', 'SELECT')"));

                // SET SESSION AUTHORIZATION: only an authenticated superuser may
                assertEquals("permission denied to set session authorization",
                        failsMessage(alice, "set session authorization bob", "42501"));
                exec(su, "set session authorization alice");
                assertEquals("alice|alice", joinedRows(su, "select current_user, session_user"));
                assertEquals("permission denied for table t", failsMessage(su, "insert into t values (3)", "42501"));
                // the session user (alice) decides what SET ROLE may become
                assertEquals("permission denied to set role \"bob\"", failsMessage(su, "set role bob", "42501"));
                exec(su, "reset session authorization");
                assertEquals(server.user() + "|" + server.user(), joinedRows(su, "select current_user, session_user"));

                exec(su, "revoke readers from alice");
                assertEquals("permission denied for table t", failsMessage(alice, "select x from t", "42501"));
                SQLWarning notMember = exec(su, "revoke readers from alice");
                assertEquals("role \"alice\" is not a member of role \"readers\"", notMember.getMessage());
                exec(su, "revoke admin option for readers from bob");
                assertEquals("f", joinedRows(su, "select admin_option from pg_auth_members"));
            }
            exec(su, "drop table t", "drop role bob");
            assertEquals("0", joinedRows(su, "select count(*) from pg_auth_members"));
        }
    }

    @Test
    void schemaRoutineSequenceAndDatabasePrivileges() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create role carol login", "create schema s", "create table s.t (x int)",
                    "create function add1(int) returns int language sql as 'select $1 + 1'",
                    "create sequence sq");
            assertEquals("{" + server.user() + "=UC/" + server.user() + ",=U/" + server.user() + "}",
                    joinedRows(su, "select nspacl from pg_namespace where nspname = 'public'"));
            try (Connection carol = server.connect("carol", null)) {
                assertEquals("permission denied for schema s", failsMessage(carol, "select * from s.t", "42501"));
                assertEquals("permission denied for schema public", failsMessage(carol, "create table mine (x int)", "42501"));
                assertEquals("2", joinedRows(carol, "select add1(1)"));
                assertEquals("permission denied for sequence sq", failsMessage(carol, "select nextval('sq')", "42501"));

                exec(su, "grant usage on schema s to carol", "grant select on all tables in schema s to carol",
                        "grant create on schema public to carol", "revoke execute on function add1(int) from public",
                        "grant usage on sequence sq to carol");
                assertEquals("", joinedRows(carol, "select * from s.t"));
                exec(carol, "create table mine (x int)");
                assertEquals("permission denied for schema s", failsMessage(carol, "create table s.mine (x int)", "42501"));
                assertEquals("permission denied for function add1", failsMessage(carol, "select add1(1)", "42501"));
                assertEquals("1", joinedRows(carol, "select nextval('sq')"));
                assertEquals("permission denied for sequence sq", failsMessage(carol, "select setval('sq', 5)", "42501"));
                assertEquals("t|f|t", joinedRows(su, "select has_schema_privilege('carol', 's', 'USAGE'), "
                        + "has_function_privilege('carol', 'add1(int)', 'EXECUTE'), "
                        + "has_sequence_privilege('carol', 'sq', 'USAGE')"));
                assertEquals("invalid privilege type INSERT for schema",
                        failsMessage(su, "grant insert on schema s to carol", "0LP01"));
            }
            // CONNECT is checked at connection start
            exec(su, "revoke connect on database postgres from public");
            assertEquals("{=T/" + server.user() + "," + server.user() + "=CTc/" + server.user() + "}",
                    joinedRows(su, "select datacl from pg_database where datname = 'postgres'"));
            PSQLException refused = org.junit.jupiter.api.Assertions.assertThrows(PSQLException.class,
                    () -> server.connect("carol", null));
            assertEquals("42501", refused.getSQLState());
            assertTrue(refused.getMessage().contains("permission denied for database \"postgres\""), refused.getMessage());
            exec(su, "grant connect on database postgres to carol");
            try (Connection carol = server.connect("carol", null)) {
                assertEquals("carol", joinedRows(carol, "select current_user"));
            }
        }
    }
}
