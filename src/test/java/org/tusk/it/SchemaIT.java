package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;
import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * CREATE/ALTER/DROP SCHEMA and search_path against a real server, with PostgreSQL 15's messages
 * (checked side by side with psql 15 on PostgreSQL 15.18).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SchemaIT extends OneServerPerClass {

    @Test
    void schemasHoldTablesFoundThroughTheSearchPathAndOtherSessionsSeeThem() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "create schema app");
            assertEquals("ERROR: schema \"app\" already exists", fails(a, "create schema app", "42P06").getMessage());
            assertEquals("schema \"app\" already exists, skipping", exec(a, "create schema if not exists app").getMessage());
            // b looked for the table before it existed; a's commit must reach b's name lookups
            fails(b, "select * from app.items", "42P01");
            exec(a, "create table app.items(id int primary key, v text)");
            exec(a, "insert into app.items values (1, 'one')");
            assertEquals("one", ProtocolIT.one(b, "select v from app.items"));
            fails(b, "select v from items", "42P01");
            exec(b, "set search_path = app, public");
            assertEquals("one", ProtocolIT.one(b, "select v from items"));
            exec(a, "alter schema app rename to shop");
            assertEquals("one", ProtocolIT.one(b, "select v from shop.items"));
            fails(b, "select v from items", "42P01");
        }
    }

    @Test
    void dropSchemaRefusesDependentsUnlessCascade() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create schema d1");
            exec(c, "create table d1.t1(a int)");
            exec(c, "create table d1.t2(a int)");
            PSQLException e = fails(c, "drop schema d1", "2BP01");
            assertEquals("cannot drop schema d1 because other objects depend on it", e.getServerErrorMessage().getMessage());
            assertEquals("table d1.t1 depends on schema d1\ntable d1.t2 depends on schema d1", e.getServerErrorMessage().getDetail());
            assertEquals("Use DROP ... CASCADE to drop the dependent objects too.", e.getServerErrorMessage().getHint());
            SQLWarning w = exec(c, "drop schema d1 cascade");
            assertEquals("drop cascades to 2 other objects", w.getMessage().lines().findFirst().orElseThrow());
            fails(c, "drop schema d1", "3F000");
            assertEquals("schema \"d1\" does not exist, skipping", exec(c, "drop schema if exists d1").getMessage());
            fails(c, "select * from d1.t1", "42P01");
            PSQLException reserved = fails(c, "create schema pg_mine", "42939");
            assertEquals("The prefix \"pg_\" is reserved for system schemas.", reserved.getServerErrorMessage().getDetail());
        }
    }

    @Test
    void dropSchemaCascadeTakesSerialSequencesWithTheirTablesAndNamesVisibleObjectsUnqualified() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create schema d2");
            exec(c, "set search_path = d2");
            exec(c, "create table t1(a serial primary key)");
            exec(c, "create table t2(a serial primary key, b text)");
            exec(c, "create view v as select b from t2");
            SQLWarning w = exec(c, "drop schema d2 cascade");
            // the owned sequences go silently with their tables (DEPFLAG_AUTO), after the defaults using them
            assertEquals("drop cascades to 3 other objects", w.getMessage().lines().findFirst().orElseThrow());
            assertEquals("drop cascades to table t1\ndrop cascades to table t2\ndrop cascades to view v",
                    ((org.postgresql.util.PSQLWarning) w).getServerErrorMessage().getDetail());
            exec(c, "reset search_path");
            assertEquals("0", ProtocolIT.one(c, "select count(*) from pg_class where relname in ('t1', 't2', 'v', 't1_a_seq', 't2_a_seq')"));
        }
    }

    @Test
    void aRolledBackSchemaLeavesNothing() throws Exception {
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            exec(c, "create schema gone");
            exec(c, "create table gone.t(a int)");
            c.rollback();
            c.setAutoCommit(true);
            fails(c, "select * from gone.t", "42P01");
            assertEquals("0", ProtocolIT.one(c, "select count(*) from pg_namespace where nspname = 'gone'"));
            exec(c, "create schema gone");
            exec(c, "drop schema gone");
        }
    }

    /** Enum, domain, range and composite types are members of their schema: DROP SCHEMA reports and removes them. */
    @Test
    void dropSchemaTakesItsTypes() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create schema dty", "create type dty.e as enum ('a')", "create domain dty.d as int",
                    "create type dty.c as (x int)", "create type dty.r as range (subtype = int4)", "create domain dty.d2 as dty.e",
                    "create table dty.t (a dty.e, b dty.d2, c dty.r)");
            org.postgresql.util.PSQLException e = fails(c, "drop schema dty", "2BP01");
            assertEquals("type dty.e depends on schema dty\ntype dty.d depends on schema dty\ntype dty.c depends on schema dty\n"
                    + "type dty.r depends on schema dty\ntype dty.d2 depends on schema dty\ntable dty.t depends on schema dty",
                    e.getServerErrorMessage().getDetail());
            SQLWarning w = exec(c, "drop schema dty cascade");
            assertEquals("drop cascades to 6 other objects", w.getMessage().lines().findFirst().orElseThrow());
            assertEquals("0", ProtocolIT.one(c, "select count(*) from pg_type where typnamespace not in (select oid from pg_namespace)"));
            assertEquals("0", ProtocolIT.one(c, "select count(*) from pg_proc where pronamespace not in (select oid from pg_namespace)"));
        }
    }
}
