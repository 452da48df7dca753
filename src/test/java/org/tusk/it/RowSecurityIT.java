package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;
import static org.tusk.it.Jdbc.failsMessage;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.sql.SQLWarning;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * Row-level security as two roles in their own sessions see it: permissive policies ORed,
 * restrictive ones ANDed, default deny, the owner exempt unless FORCE ROW LEVEL SECURITY, WITH
 * CHECK violations, the row_security setting, COPY TO, and the catalog side (pg_policy, DROP
 * TABLE, DROP ROLE), with PostgreSQL 15's answers.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RowSecurityIT {

    @Test
    void policiesFilterRowsAndCheckWrittenRows() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create role alice login", "create role bob login", "create role owner_role login",
                    "create table docs (id int, owner text, level int)", "alter table docs owner to owner_role",
                    "insert into docs values (1, 'alice', 1), (2, 'bob', 1), (3, 'alice', 5), (4, 'bob', 9)",
                    "grant select, insert, update, delete on docs to alice, bob");
            try (Connection alice = server.connect("alice", null); Connection bob = server.connect("bob", null);
                 Connection owner = server.connect("owner_role", null)) {
                // without row security every row shows
                assertEquals("1;2;3;4", joinedRows(alice, "select id from docs order by id"));
                exec(owner, "alter table docs enable row level security");
                assertEquals("t|f", joinedRows(su, "select relrowsecurity, relforcerowsecurity from pg_class where relname = 'docs'"));
                // default deny: enabled with no policy
                assertEquals("", joinedRows(alice, "select id from docs order by id"));
                assertEquals("new row violates row-level security policy for table \"docs\"",
                        failsMessage(alice, "insert into docs values (9, 'alice', 1)", "42501"));
                exec(owner, "create policy own on docs using (owner = current_user)",
                        "create policy low on docs for select to bob using (level < 5)",
                        "create policy cap on docs as restrictive using (level < 9)");
                // alice: own rows under the cap; bob: own rows or low ones, under the cap
                assertEquals("1;3", joinedRows(alice, "select id from docs order by id"));
                assertEquals("1;2", joinedRows(bob, "select id from docs order by id"));
                // the owner is exempt, unless FORCE
                assertEquals("1;2;3;4", joinedRows(owner, "select id from docs order by id"));
                exec(owner, "alter table docs force row level security");
                assertEquals("", joinedRows(owner, "select id from docs order by id"));
                exec(owner, "alter table docs no force row level security");

                // UPDATE/DELETE see only the rows USING lets through
                exec(bob, "update docs set level = 2 where id in (1, 2, 4)");
                assertEquals("1|1;2|2;3|5;4|9", joinedRows(su, "select id, level from docs order by id"));
                exec(alice, "delete from docs where id = 2");
                assertEquals("4", joinedRows(su, "select count(*) from docs"));

                // WITH CHECK: the permissive one, then the restrictive one by name
                assertEquals("new row violates row-level security policy for table \"docs\"",
                        failsMessage(alice, "insert into docs values (5, 'bob', 1)", "42501"));
                assertEquals("new row violates row-level security policy \"cap\" for table \"docs\"",
                        failsMessage(alice, "insert into docs values (5, 'alice', 9)", "42501"));
                assertEquals("new row violates row-level security policy \"cap\" for table \"docs\"",
                        failsMessage(alice, "update docs set level = 10 where id = 1", "42501"));
                exec(alice, "insert into docs values (5, 'alice', 2)");
                assertEquals("1;3;5", joinedRows(alice, "select id from docs order by id"));

                // row_security = off: an error instead of fewer rows, with a hint for the owner
                exec(alice, "set row_security = off");
                assertEquals("query would be affected by row-level security policy for table \"docs\"",
                        failsMessage(alice, "select * from docs", "42501"));
                exec(alice, "reset row_security");
                exec(su, "alter role alice bypassrls");
            }
            try (Connection alice = server.connect("alice", null)) {
                // BYPASSRLS exempts like a superuser
                assertEquals("1;2;3;4;5", joinedRows(alice, "select id from docs order by id"));
            }
            exec(su, "alter role alice nobypassrls");
        }
    }

    @Test
    void catalogAndDependencies() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create role carol", "create table t (a int, b text)", "alter table t enable row level security",
                    "create policy p1 on t as restrictive for update to carol using (a > 0) with check (a < 100)");
            assertEquals("p1|w|f|t|a > 0|a < 100", joinedRows(su, "select polname, polcmd, polpermissive, "
                    + "polroles = array[(select oid from pg_roles where rolname = 'carol')], polqual, polwithcheck from pg_policy"));
            assertEquals("policy \"p1\" for table \"t\" already exists",
                    failsMessage(su, "create policy p1 on t using (true)", "42710"));
            assertEquals("WITH CHECK cannot be applied to SELECT or DELETE",
                    failsMessage(su, "create policy p2 on t for select using (true) with check (true)", "42601"));
            assertEquals("only WITH CHECK expression allowed for INSERT",
                    failsMessage(su, "create policy p2 on t for insert using (true)", "42601"));
            assertEquals("argument of POLICY must be type boolean, not type integer",
                    failsMessage(su, "create policy p2 on t using (a)", "42804"));
            assertEquals("role \"nobody\" does not exist", failsMessage(su, "create policy p2 on t to nobody using (true)", "42704"));
            SQLWarning w = exec(su, "create policy p3 on t to carol, public using (true)");
            assertEquals("ignoring specified roles other than PUBLIC", w.getMessage());
            assertEquals("{0}", joinedRows(su, "select polroles from pg_policy where polname = 'p3'"));
            exec(su, "alter policy p3 on t rename to p4", "alter policy p4 on t using (b = 'x')");
            assertEquals("p1;p4", joinedRows(su, "select polname from pg_policy order by 1"));
            assertEquals("b = 'x'", joinedRows(su, "select polqual from pg_policy where polname = 'p4'"));
            // DROP ROLE is refused while a policy names the role
            PSQLException e = fails(su, "drop role carol", "2BP01");
            assertEquals("role \"carol\" cannot be dropped because some objects depend on it", e.getServerErrorMessage().getMessage());
            assertEquals("target of policy p1 on table t", e.getServerErrorMessage().getDetail());
            exec(su, "drop policy p1 on t");
            assertEquals("policy \"p1\" for table \"t\" does not exist", failsMessage(su, "drop policy p1 on t", "42704"));
            SQLWarning skipped = exec(su, "drop policy if exists p1 on t");
            assertEquals("policy \"p1\" for relation \"t\" does not exist, skipping", skipped.getMessage());
            exec(su, "drop role carol");
            // DROP TABLE takes its policies with it
            exec(su, "drop table t");
            assertEquals("0", joinedRows(su, "select count(*) from pg_policy"));
        }
    }

    @Test
    void copyToReadsThroughThePolicies() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create role dave login", "create table ct (a int, b int)", "insert into ct values (1, 10), (2, 20), (3, 30)",
                    "grant select, insert on ct to dave", "alter table ct enable row level security",
                    "create policy even on ct using (a % 2 = 1)");
            try (Connection dave = server.connect("dave", null)) {
                org.postgresql.copy.CopyManager cm = new org.postgresql.copy.CopyManager(
                        dave.unwrap(org.postgresql.core.BaseConnection.class));
                java.io.StringWriter out = new java.io.StringWriter();
                cm.copyOut("copy ct (b, a) to stdout", out);
                assertEquals("10\t1\n30\t3\n", out.toString());
                PSQLException e = fails(dave, "copy ct from stdin", "0A000");
                assertEquals("COPY FROM not supported with row-level security", e.getServerErrorMessage().getMessage());
            }
        }
    }
}
