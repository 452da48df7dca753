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

    /**
     * REASSIGN OWNED gives a role's relations (their indexes and owned sequences with them) to
     * another; DROP OWNED revokes what a role was granted (the grants it passed on with them) and
     * drops the relations it owns, RESTRICT refusing when other objects depend on them; after
     * both, DROP ROLE succeeds. Messages are PostgreSQL 15's.
     */
    @Test
    void reassignOwnedAndDropOwned() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create role o1", "create role o2", "create role o3 login", "grant create on schema public to o1",
                    "set role o1", "create table ot (a int primary key, b serial)", "create view ov as select a from ot",
                    "create sequence os", "reset role", "create table other (a int)",
                    "grant select, insert on other to o1 with grant option", "grant select (a) on other to o1",
                    "set role o1", "grant select on other to o3", "reset role");
            exec(su, "reassign owned by o1 to o2");
            assertEquals("os|o2;ot|o2;ot_b_seq|o2;ot_pkey|o2;other|tusk;ov|o2", joinedRows(su, "select c.relname, r.rolname "
                    + "from pg_class c join pg_roles r on r.oid = c.relowner where c.relname ~ '^o[stv]' order by 1"));
            assertEquals("cannot reassign ownership of objects owned by role tusk because they are required by the database system",
                    failsMessage(su, "reassign owned by tusk to o2", "2BP01"));
            try (Connection o3 = server.connect("o3", null)) {
                assertEquals("permission denied to reassign objects", failsMessage(o3, "reassign owned by o2 to o3", "42501"));
                assertEquals("permission denied to drop objects", failsMessage(o3, "drop owned by o2", "42501"));
            }
            exec(su, "drop owned by o1");
            assertEquals("{tusk=arwdDxt/tusk}", joinedRows(su, "select relacl from pg_class where relname = 'other'"));
            assertEquals("0", joinedRows(su, "select count(*) from pg_attribute where attrelid = 'other'::regclass and attacl is not null"));
            exec(su, "drop role o1", "create view depv as select * from ot");
            assertEquals("cannot drop desired object(s) because other objects depend on them", failsMessage(su, "drop owned by o2", "2BP01"));
            exec(su, "drop owned by o2 cascade", "drop role o2");
            // a role owning only a routine or a type cannot be dropped either (checkSharedDependencies)
            exec(su, "create role o4", "create function f4() returns int language sql as 'select 1'",
                    "create type e4 as enum ('x')", "alter function f4() owner to o4", "alter type e4 owner to o4");
            PSQLException owns = Jdbc.fails(su, "drop role o4", "2BP01");
            assertEquals("owner of function f4()\nowner of type e4", owns.getServerErrorMessage().getDetail());
            exec(su, "reassign owned by o4 to tusk", "drop role o4", "drop function f4()", "drop type e4");
            assertEquals("other", joinedRows(su, "select relname from pg_class where relname ~ '^(o[stv]|other|depv)' order by 1"));
        }
    }

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
    /**
     * ExecCheckRTPerms checks the tables of every query level: a role without SELECT on a table
     * cannot read it through a scalar subquery, EXISTS, IN, a WITH query or a FROM subquery, nor
     * change it through a data-modifying WITH; a view granted to it still reads its table as the
     * view's owner.
     */
    @Test
    void tablesOfNestedQueriesAreChecked() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create table secret (s int)", "insert into secret values (42)", "create table pub (p int)",
                    "insert into pub values (1)", "create role nosec login", "grant select, insert, update on pub to nosec",
                    "create view sv as select s from secret", "grant select on sv to nosec");
            try (Connection c = server.connect("nosec", null)) {
                for (String sql : new String[] {"select (select max(s) from secret)", "select 1 where exists (select 1 from secret)",
                        "select * from pub where p in (select s from secret)", "with w as (select s from secret) select * from w",
                        "select * from (select s from secret) x", "with d as (delete from secret returning *) select * from d",
                        "insert into pub select s from secret", "update pub set p = (select max(s) from secret)"}) {
                    assertEquals("permission denied for table secret", failsMessage(c, sql, "42501"), sql);
                }
                assertEquals("42|42", joinedRows(c, "select (select max(s) from sv), * from (select * from sv) x"));
                assertEquals("1", joinedRows(c, "select * from pub where exists (select 1 from pub p2 where p2.p = pub.p)"));
            }
            assertEquals("42", joinedRows(su, "select s from secret"));
        }
    }
    /**
     * Column privileges (GRANT/REVOKE privilege (columns)): stored in pg_attribute.attacl,
     * answered by has_column_privilege, revoked with the table's privileges, keeping a role from
     * being dropped, and letting a user see a failed row's partition key when it may read every
     * key column (ExecBuildSlotPartitionKeyDescription).
     */
    @Test
    void columnPrivileges() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create table cpt (a int, b int, c text)", "create role cp_user login",
                    "grant select (a, b), update (c) on cpt to cp_user",
                    "grant insert (a), references (b) on cpt to cp_user with grant option");
            assertEquals("a|{cp_user=a*r/tusk};b|{cp_user=rx*/tusk};c|{cp_user=w/tusk}", joinedRows(su,
                    "select attname, attacl from pg_attribute where attrelid = 'cpt'::regclass and attnum > 0 order by attnum"));
            assertEquals("t|f|f", joinedRows(su, "select has_column_privilege('cp_user', 'cpt', 'a', 'select'),"
                    + " has_column_privilege('cp_user', 'cpt', 'c', 'select'), has_table_privilege('cp_user', 'cpt', 'select')"));
            assertEquals("invalid privilege type DELETE for column", failsMessage(su, "grant delete (a) on cpt to cp_user", "0LP01"));
            assertEquals("column \"zz\" of relation \"cpt\" does not exist",
                    failsMessage(su, "grant select (zz) on cpt to cp_user", "42703"));
            PSQLException e = Jdbc.fails(su, "drop role cp_user", "2BP01");
            assertEquals("privileges for column a of table cpt\nprivileges for column b of table cpt\n"
                    + "privileges for column c of table cpt", e.getServerErrorMessage().getDetail());
            exec(su, "revoke select on cpt from cp_user");
            assertEquals("a|{cp_user=a*/tusk};b|{cp_user=x*/tusk};c|{cp_user=w/tusk}", joinedRows(su,
                    "select attname, attacl from pg_attribute where attrelid = 'cpt'::regclass and attnum > 0 order by attnum"));
            exec(su, "revoke all on cpt from cp_user", "drop role cp_user");

            exec(su, "create table key_desc (a int, b int) partition by list ((a+0))",
                    "create table key_desc_1 partition of key_desc for values in (1) partition by range (b)",
                    "create role kd_user login", "grant select (a) on key_desc_1 to kd_user", "grant insert on key_desc to kd_user");
            try (Connection c = server.connect("kd_user", null)) {
                assertEquals(null, Jdbc.fails(c, "insert into key_desc values (1, 1)", "23514").getServerErrorMessage().getDetail());
                exec(su, "grant select (b) on key_desc_1 to kd_user");
                assertEquals("Partition key of the failing row contains (b) = (1).",
                        Jdbc.fails(c, "insert into key_desc values (1, 1)", "23514").getServerErrorMessage().getDetail());
            }
        }
    }
}
