package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.failsMessage;
import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * CREATE/ALTER/DROP DOMAIN and domain coercion against a real server, with PostgreSQL 15's
 * messages and SQLSTATEs (checked side by side with PostgreSQL 15).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DomainIT extends OneServerPerClass {

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    void arraysOfDomainsAreStoredAndCheckElementByElement() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create domain arr_posint as int check (value > 0)");
            exec(c, "create domain arr_vc4 as varchar(4)");
            exec(c, "create type arr_pair as (if1 int, if2 text[])");
            exec(c, "create domain arr_pair_d as arr_pair check ((value).if2[1] is not null)");
            exec(c, "create table arr_dt (a arr_posint[], b arr_vc4[])");
            exec(c, "create table arr_ct (f3 arr_pair_d, f4 arr_pair_d[])");
            exec(c, "insert into arr_dt (a, b) values ('{1,2}', '{ab,cd}'), (array[3,4], array['x'])");
            assertEquals(List.of("{1,2}|{ab,cd}|arr_posint[]|arr_posint", "{3,4}|{x}|arr_posint[]|arr_posint"),
                    column(c, "select a::text || '|' || b::text || '|' || pg_typeof(a) || '|' || pg_typeof(a[1])"
                            + " from arr_dt order by a"));
            // each element of a literal goes through the domain's input and constraints
            assertEquals("value for domain arr_posint violates check constraint \"arr_posint_check\"",
                    failsMessage(c, "insert into arr_dt (a) values ('{1,-2}')", "23514"));
            assertEquals("value for domain arr_posint violates check constraint \"arr_posint_check\"",
                    failsMessage(c, "select '{5,-6}'::arr_posint[]", "23514"));
            assertEquals("value too long for type character varying(4)",
                    failsMessage(c, "insert into arr_dt (b) values ('{abcdef}')", "22001"));
            assertEquals("value for domain arr_posint violates check constraint \"arr_posint_check\"",
                    failsMessage(c, "update arr_dt set a[2] = -10", "23514"));
            // composite subfields of a domain and of an array of a domain
            exec(c, "insert into arr_ct (f3.if1, f3.if2) values (1, array['foo'])");
            exec(c, "insert into arr_ct (f3, f4[1].if2[1], f4[1].if2[2]) values (row(1,'{x}'), 'foo', 'bar')");
            assertEquals("value for domain arr_pair_d violates check constraint \"arr_pair_d_check\"",
                    failsMessage(c, "insert into arr_ct (f3.if1, f3.if2) values (1, array[null])", "23514"));
            assertEquals(List.of("(1,{foo})|null", "(1,{x})|{\"(,\\\"{foo,bar}\\\")\"}"),
                    column(c, "select f3::text || '|' || coalesce(f4::text, 'null') from arr_ct order by 1"));
        }
    }

    @Test
    void valuesBecomingADomainAreChecked() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create domain posint as int check (value > 0)");
            exec(c, "create domain nn_text as text not null default 'dflt'");
            exec(c, "create domain vc5 varchar(5) constraint short check (length(value) < 5)");
            assertEquals("type \"posint\" already exists", failsMessage(c, "create domain posint as int", "42710"));
            // casts
            assertEquals(List.of("6"), column(c, "select 5::posint + 1"));
            assertEquals("value for domain posint violates check constraint \"posint_check\"",
                    failsMessage(c, "select (-1)::posint", "23514"));
            assertEquals("domain nn_text does not allow null values", failsMessage(c, "select null::nn_text", "23502"));
            // an explicit cast truncates to the base typmod first; then the CHECK sees 'abcde'
            assertEquals("value for domain vc5 violates check constraint \"short\"", failsMessage(c, "select 'abcdef'::vc5", "23514"));
            // INSERT, UPDATE and the domain's default
            exec(c, "create table dt (a posint, b nn_text, c vc5)");
            exec(c, "insert into dt (a) values (1)");
            assertEquals(List.of("1|dflt|null"), column(c, "select a || '|' || b || '|' || coalesce(c, 'null') from dt"));
            assertEquals("value for domain posint violates check constraint \"posint_check\"",
                    failsMessage(c, "insert into dt values (0, 'x', 'y')", "23514"));
            assertEquals("domain nn_text does not allow null values", failsMessage(c, "insert into dt values (2, null, 'y')", "23502"));
            assertEquals("value for domain vc5 violates check constraint \"short\"",
                    failsMessage(c, "insert into dt (a, c) values (3, 'abcde')", "23514"));
            assertEquals("value for domain posint violates check constraint \"posint_check\"",
                    failsMessage(c, "update dt set a = -5", "23514"));
            // operators and functions see the base type
            exec(c, "update dt set a = a + 10");
            assertEquals(List.of("22|true|11"), column(c, "select (a * 2) || '|' || (a = 11) || '|' || a::text from dt order by a"));
            // a SQL function's argument and result
            exec(c, "create function dec10(x posint) returns posint language sql as 'select x - 10'");
            assertEquals(List.of("10"), column(c, "select dec10(20)"));
            assertEquals("value for domain posint violates check constraint \"posint_check\"",
                    failsMessage(c, "select dec10(5)", "23514"));
            exec(c, "drop function dec10(posint)");
            // COPY FROM
            exec(c, "create table ct (a posint)");
            assertEquals("23514", assertThrows(SQLException.class, () -> new org.postgresql.copy.CopyManager(
                    c.unwrap(org.postgresql.core.BaseConnection.class)).copyIn("copy ct from stdin",
                    new java.io.StringReader("0\n"))).getSQLState());
            // domain over domain: every level's constraints, reported for the domain coerced to
            exec(c, "create domain small_pos as posint check (value < 1000)");
            assertEquals("value for domain small_pos violates check constraint \"small_pos_check\"",
                    failsMessage(c, "select 2000::small_pos", "23514"));
            assertEquals("value for domain small_pos violates check constraint \"posint_check\"",
                    failsMessage(c, "select 0::small_pos", "23514"));
        }
    }

    @Test
    void alterDomainValidatesStoredValues() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create domain pint as int check (value > 0)");
            exec(c, "create domain ntext as text");
            exec(c, "create table at1 (a pint, b ntext)");
            exec(c, "insert into at1 values (11, 'x'), (12, null)");
            assertEquals("column \"a\" of table \"at1\" contains values that violate the new constraint",
                    failsMessage(c, "alter domain pint add constraint big check (value > 100)", "23514"));
            exec(c, "alter domain pint add constraint big check (value > 100) not valid");
            assertEquals("value for domain pint violates check constraint \"big\"",
                    failsMessage(c, "insert into at1 (a) values (50)", "23514"));
            assertEquals("column \"a\" of table \"at1\" contains values that violate the new constraint",
                    failsMessage(c, "alter domain pint validate constraint big", "23514"));
            exec(c, "alter domain pint drop constraint big");
            assertEquals("constraint \"big\" of domain \"pint\" does not exist",
                    failsMessage(c, "alter domain pint drop constraint big", "42704"));
            SQLWarning w = exec(c, "alter domain pint drop constraint if exists big");
            assertEquals("constraint \"big\" of domain \"pint\" does not exist, skipping", w.getMessage());
            assertEquals("column \"b\" of table \"at1\" contains null values",
                    failsMessage(c, "alter domain ntext set not null", "23502"));
            exec(c, "delete from at1 where b is null");
            exec(c, "alter domain ntext set not null");
            assertEquals("domain ntext does not allow null values", failsMessage(c, "insert into at1 (a) values (13)", "23502"));
            exec(c, "alter domain ntext set default 'other'");
            exec(c, "insert into at1 (a) values (13)");
            assertEquals(List.of("x", "other"), column(c, "select b from at1 order by a"));
            exec(c, "alter domain ntext drop not null");
            exec(c, "alter domain ntext drop default");
            exec(c, "insert into at1 (a) values (14)");
            exec(c, "alter domain pint rename constraint pint_check to positive");
            assertEquals("value for domain pint violates check constraint \"positive\"",
                    failsMessage(c, "insert into at1 (a) values (-3)", "23514"));
            assertEquals("constraint \"nope\" for domain pint does not exist",
                    failsMessage(c, "alter domain pint rename constraint nope to x", "42704"));
            assertEquals("integer is not a domain", failsMessage(c, "alter domain int4 drop default", "42809"));
            // DROP DOMAIN
            assertEquals("cannot drop type pint because other objects depend on it",
                    failsMessage(c, "drop domain pint", "2BP01"));
            PSQLException e = assertThrows(PSQLException.class, () -> exec(c, "drop domain pint"));
            assertEquals("column a of table at1 depends on type pint", e.getServerErrorMessage().getDetail());
            assertEquals("Use DROP ... CASCADE to drop the dependent objects too.", e.getServerErrorMessage().getHint());
            assertEquals("0A000", assertThrows(PSQLException.class, () -> exec(c, "drop domain pint cascade")).getSQLState());
            assertEquals("type \"nosuch\" does not exist", failsMessage(c, "drop domain nosuch", "42704"));
            assertEquals("type \"nosuch\" does not exist, skipping", exec(c, "drop domain if exists nosuch").getMessage());
            assertEquals("\"int4\" is not a domain", failsMessage(c, "drop domain int4", "42809"));
            exec(c, "drop table at1");
            exec(c, "drop domain pint, ntext");
            assertEquals("type \"pint\" does not exist", failsMessage(c, "select 1::pint", "42704"));
        }
    }

    @Test
    void badDomainDefinitions() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals("argument of CHECK must be type boolean, not type integer",
                    failsMessage(c, "create domain bad as int check (value + 1)", "42804"));
            assertEquals("column \"x\" does not exist", failsMessage(c, "create domain bad as int check (x > 0)", "42703"));
            assertEquals("cannot use subquery in check constraint",
                    failsMessage(c, "create domain bad as int check (value > (select 1))", "0A000"));
            assertEquals("conflicting NULL/NOT NULL constraints", failsMessage(c, "create domain bad as int not null null", "42601"));
            assertEquals("type \"nosuchtype\" does not exist", failsMessage(c, "create domain bad as nosuchtype", "42704"));
        }
    }
    @Test
    void droppingACompositeTypeReachesTheDomainsOverIt() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create type dct as (if1 int, if2 text[])", "create domain dcd as dct check ((value).if1 is not null)");
            PSQLException e = assertThrows(PSQLException.class, () -> exec(c, "drop type dct"));
            assertEquals("2BP01", e.getSQLState());
            assertEquals("type dcd depends on type dct", e.getServerErrorMessage().getDetail());
            SQLWarning w = exec(c, "drop type dct cascade");
            assertEquals("drop cascades to type dcd", w.getMessage());
            // nothing is left behind that names the dropped type
            List<String> left = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select typname from pg_type where typname in ('dct', 'dcd', '_dcd')")) {
                while (rs.next()) left.add(rs.getString(1));
            }
            assertEquals(List.of(), left);
        }
    }
}
