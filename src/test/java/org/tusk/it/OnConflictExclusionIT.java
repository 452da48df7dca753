package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;
import static org.tusk.it.PartitionIT.error;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.ServerErrorMessage;

/**
 * ON CONFLICT arbiter inference (collations, operator classes, expressions, partial indexes,
 * ON CONSTRAINT, views) and EXCLUDE constraints (immediate, deferred, racing sessions), through
 * a real server, with PostgreSQL 15's answers and messages.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class OnConflictExclusionIT extends OneServerPerClass {

    private static String arbiters(Connection c, String insert) throws Exception {
        String plan = joinedRows(c, "explain (costs off) " + insert);
        for (String line : plan.split(";")) if (line.contains("Conflict Arbiter Indexes:")) return line.trim();
        return plan;
    }

    @Test
    void inferenceElementsSelectIndexesAsInferArbiterIndexesDoes() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ict(key int4, fruit text)",
                    "create unique index op_index_key on ict(key, fruit text_pattern_ops)",
                    "create unique index collation_index_key on ict(key, fruit collate \"C\")",
                    "create unique index both_index_key on ict(key, fruit collate \"C\" text_pattern_ops)",
                    "create unique index both_index_expr_key on ict(key, lower(fruit) collate \"C\" text_pattern_ops)",
                    "create view icv as select * from ict");
            String ins = "insert into ict values (0, 'Crowberry') on conflict ";
            assertEquals("Conflict Arbiter Indexes: op_index_key, collation_index_key, both_index_key",
                    arbiters(c, ins + "(fruit, key, fruit, key) do nothing"));
            assertEquals("Conflict Arbiter Indexes: op_index_key, both_index_key",
                    arbiters(c, ins + "(key, fruit text_pattern_ops) do nothing"));
            assertEquals("Conflict Arbiter Indexes: collation_index_key, both_index_key",
                    arbiters(c, ins + "(key, fruit collate \"C\") do nothing"));
            assertEquals("Conflict Arbiter Indexes: both_index_key",
                    arbiters(c, ins + "(fruit collate \"C\" text_pattern_ops, key) do nothing"));
            assertEquals("Conflict Arbiter Indexes: both_index_expr_key",
                    arbiters(c, ins + "(lower(fruit) collate \"C\", key, key) do nothing"));
            // through the view, after rewriting, the base table's indexes are inferred
            assertEquals("Conflict Arbiter Indexes: both_index_expr_key",
                    arbiters(c, "insert into icv values (0, 'Crowberry') on conflict (lower(fruit), key) do nothing"));
            ServerErrorMessage e = error(c, ins + "(key) do nothing");
            assertEquals("42P10", e.getSQLState());
            assertEquals("there is no unique or exclusion constraint matching the ON CONFLICT specification", e.getMessage());
            e = error(c, ins + "do update set fruit = excluded.fruit");
            assertEquals("ON CONFLICT DO UPDATE requires inference specification or constraint name", e.getMessage());
            assertEquals("For example, ON CONFLICT (column_name).", e.getHint());
            assertEquals("operator class \"no_such_ops\" does not exist for access method \"btree\"",
                    error(c, ins + "(key no_such_ops) do nothing").getMessage());
        }
    }

    @Test
    void partialIndexesViewsAndSystemColumnsOfExcluded() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table pc (a bigint, b bigint)",
                    "create unique index pc_b on pc(b) where coalesce(a, 1) > 0",
                    "insert into pc values (1, 2) on conflict (b) where coalesce(a, 1) > 1 do nothing",
                    "insert into pc values (1, 2) on conflict (b) where coalesce(a, 1) > 0 do nothing");
            assertEquals("1|2", joinedRows(c, "select * from pc"));
            assertEquals("there is no unique or exclusion constraint matching the ON CONFLICT specification",
                    error(c, "insert into pc values (1, 2) on conflict (b) where coalesce(a, 1) > -1 do nothing").getMessage());
            exec(c, "create table vt (f1 int primary key, f2 text)",
                    "create view vv as select * from vt where f1 > 0 with cascaded check option",
                    "insert into vv values (1, 'foo') on conflict (f1) do update set f2 = excluded.f2",
                    "insert into vv values (1, 'bar') on conflict (f1) do update set f2 = excluded.f2");
            assertEquals("1|bar", joinedRows(c, "select * from vt"));
            assertEquals("column excluded.ctid does not exist",
                    error(c, "insert into vt values (1) on conflict (f1) do update set f2 = excluded.ctid::text").getMessage());
        }
    }

    @Test
    void exclusionConstraintsCheckDeferAndShowAsPostgresDoes() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ex (a int, b text, exclude (a with =, b with =))", "insert into ex values (1, 'x')");
            assertEquals("EXCLUDE USING btree (a WITH =, b WITH =)|x",
                    joinedRows(c, "select pg_get_constraintdef(oid), contype from pg_constraint where conrelid = 'ex'::regclass"));
            ServerErrorMessage e = error(c, "insert into ex values (1, 'x')");
            assertEquals("23P01", e.getSQLState());
            assertEquals("conflicting key value violates exclusion constraint \"ex_a_b_excl\"", e.getMessage());
            assertEquals("Key (a, b)=(1, x) conflicts with existing key (a, b)=(1, x).", e.getDetail());
            exec(c, "insert into ex values (1, 'x') on conflict on constraint ex_a_b_excl do nothing",
                    "insert into ex values (1, 'x') on conflict do nothing", "insert into ex values (1, null), (1, null)");
            assertEquals("3", joinedRows(c, "select count(*) from ex"));
            assertEquals("ON CONFLICT DO UPDATE not supported with exclusion constraints",
                    error(c, "insert into ex values (1, 'x') on conflict on constraint ex_a_b_excl do update set a = 2").getMessage());
            assertEquals("operator <(integer,integer) is not commutative",
                    error(c, "create table bad (a int, exclude (a with <))").getMessage());
            assertEquals("operator <>(integer,integer) is not a member of operator family \"integer_ops\"",
                    error(c, "create table bad (a int, exclude (a with <>))").getMessage());
            assertEquals("access method \"gin\" does not support exclusion constraints",
                    error(c, "create table bad (a int, exclude using gin (a with =))").getMessage());

            exec(c, "create table dx (f1 int, constraint dx_con exclude (f1 with =) initially deferred)",
                    "insert into dx values (1)");
            assertEquals("ON CONFLICT does not support deferrable unique constraints/exclusion constraints as arbiters",
                    error(c, "insert into dx values (1) on conflict on constraint dx_con do nothing").getMessage());
            c.setAutoCommit(false);
            exec(c, "insert into dx values (1)");   // deferred: no error yet
            e = error(c, "commit");
            assertEquals("conflicting key value violates exclusion constraint \"dx_con\"", e.getMessage());
            c.setAutoCommit(true);
            exec(c, "create table ax (f1 int)", "insert into ax values (3), (3)");
            e = error(c, "alter table ax add exclude (f1 with =)");
            assertEquals("could not create exclusion constraint \"ax_f1_excl\"", e.getMessage());
            assertEquals("Key (f1)=(3) conflicts with key (f1)=(3).", e.getDetail());
        }
    }

    @Test
    void aSecondInserterWaitsForTheFirstAndThenConflicts() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "create table race (k int, exclude (k with =))");
            a.setAutoCommit(false);
            exec(a, "insert into race values (1)");
            CompletableFuture<ServerErrorMessage> second = CompletableFuture.supplyAsync(() -> {
                try {
                    return error(b, "insert into race values (1)");
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
            Thread.sleep(500);
            assertTrue(!second.isDone(), "the second inserter waits for the first transaction");
            a.commit();
            ServerErrorMessage e = second.get(30, TimeUnit.SECONDS);
            assertEquals("23P01", e.getSQLState());
            // a rolled-back first inserter lets the second one through
            exec(a, "insert into race values (2)");
            CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
                try {
                    exec(b, "insert into race values (2)");
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
            Thread.sleep(500);
            assertTrue(!third.isDone());
            a.rollback();
            third.get(30, TimeUnit.SECONDS);
            a.setAutoCommit(true);
            assertEquals("1;2", joinedRows(a, "select k from race order by k"));
        }
    }
}
