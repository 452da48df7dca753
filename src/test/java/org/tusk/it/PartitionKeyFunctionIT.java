package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.ServerErrorMessage;

/**
 * Stored expressions that call user-defined functions, read back as PostgreSQL reads its stored
 * trees: a partition key expression (routing, partitions, pg_get_partkeydef, the dependency that
 * keeps the function from being dropped), a function outside the search path (schema-qualified
 * where the path would not find it), and an index expression in pg_get_indexdef and in a unique
 * violation's DETAIL; a row constructor in a view. Expected answers are PostgreSQL 15's.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PartitionKeyFunctionIT extends OneServerPerClass {

    @Test
    void partitionKeyCallingAUserFunction() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create function pkf(int) returns int language sql immutable as 'select $1'",
                    "create table pkf_t (a int) partition by range (pkf(a))",
                    "create table pkf_t1 partition of pkf_t for values from (0) to (10)",
                    "insert into pkf_t values (1), (5)");
            assertEquals("5", joinedRows(c, "select a from pkf_t where pkf(a) = 5"));
            assertEquals("pkf_t1|2", joinedRows(c, "select tableoid::regclass, count(*) from pkf_t group by 1"));
            ServerErrorMessage e = fails(c, "insert into pkf_t values (11)", "23514").getServerErrorMessage();
            assertEquals("no partition of relation \"pkf_t\" found for row", e.getMessage());
            assertEquals("Partition key of the failing row contains (pkf(a)) = (11).", e.getDetail());
            assertEquals("RANGE (pkf(a))", joinedRows(c, "select pg_get_partkeydef('pkf_t'::regclass)"));
            e = fails(c, "drop function pkf(int)", "2BP01").getServerErrorMessage();
            assertEquals("table pkf_t depends on function pkf(integer)", e.getDetail());
            exec(c, "drop table pkf_t", "drop function pkf(int)");
        }
    }

    @Test
    void functionOutsideTheSearchPathIsQualified() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create schema pkf_s", "create function pkf_s.g(int) returns int language sql immutable as 'select $1 * 2'",
                    "create table pkf_g (a int) partition by list (pkf_s.g(a))",
                    "create table pkf_g1 partition of pkf_g for values in (2, 4)",
                    "insert into pkf_g values (1), (2)");
            assertEquals("1;2", joinedRows(c, "select a from pkf_g1 order by a"));
            assertEquals("LIST (pkf_s.g(a))", joinedRows(c, "select pg_get_partkeydef('pkf_g'::regclass)"));
            exec(c, "set search_path = pkf_s, public");
            assertEquals("LIST (g(a))", joinedRows(c, "select pg_get_partkeydef('pkf_g'::regclass)"));
            fails(c, "insert into pkf_g values (3)", "23514");
            exec(c, "reset search_path", "drop table pkf_g", "drop schema pkf_s cascade");
        }
    }

    @Test
    void indexExpressionCallingAUserFunction() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create function pki(int) returns int language sql immutable as 'select $1'",
                    "create table pki_t (a int)", "create unique index pki_x on pki_t ((pki(a) + 1)) where pki(a) > 0");
            assertEquals("CREATE UNIQUE INDEX pki_x ON public.pki_t USING btree (((pki(a) + 1))) WHERE (pki(a) > 0)",
                    joinedRows(c, "select pg_get_indexdef('pki_x'::regclass)"));
            ServerErrorMessage e = fails(c, "insert into pki_t values (1), (1)", "23505").getServerErrorMessage();
            assertEquals("Key ((pki(a) + 1))=(2) already exists.", e.getDetail());
            exec(c, "drop table pki_t", "drop function pki(int)");
        }
    }

    @Test
    void rowConstructorIsDeparsed() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table pkr (a int, b int)", "create view pkr_v as select row(a, b)::pkr as x from pkr");
            assertEquals(" SELECT ROW(pkr.a, pkr.b)::pkr AS x\n   FROM pkr;", joinedRows(c, "select pg_get_viewdef('pkr_v')"));
            exec(c, "drop view pkr_v", "drop table pkr");
        }
    }
}
