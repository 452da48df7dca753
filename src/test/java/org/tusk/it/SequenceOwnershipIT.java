package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.failsMessage;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sequences owned by columns and ALTER SEQUENCE / ALTER ... OWNER TO on a real server: what
 * PostgreSQL 15 answers for the same statements (serial and identity sequences in pg_depend,
 * pg_get_serial_sequence, DROP TABLE and DROP COLUMN taking the sequence along, RESTART and
 * changed bounds, OWNED BY, owners following the table).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SequenceOwnershipIT extends OneServerPerClass {

    @Test
    void serialAndIdentitySequencesBelongToTheirColumns() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table so(id serial primary key, v int, g int generated always as identity)");
            assertEquals("public.so_id_seq|public.so_g_seq|null", joinedRows(c,
                    "select pg_get_serial_sequence('so','id'), pg_get_serial_sequence('so','g'), pg_get_serial_sequence('so','v')"));
            assertEquals("so_id_seq|a|1;so_g_seq|i|3", joinedRows(c, "select objid::regclass, deptype, refobjsubid from pg_depend"
                    + " where refobjid = 'so'::regclass and classid = 'pg_class'::regclass and objsubid = 0 order by 1"));
            assertEquals("column \"nope\" of relation \"so\" does not exist",
                    failsMessage(c, "select pg_get_serial_sequence('so','nope')", "42703"));
            exec(c, "create sequence so_extra owned by so.v", "alter table so drop column v");
            assertEquals("0", joinedRows(c, "select count(*) from pg_class where relname = 'so_extra'"));
            exec(c, "drop table so");
            assertEquals("0", joinedRows(c, "select count(*) from pg_class where relname like 'so%'"));
        }
    }

    @Test
    void defaultsDependOnTheSequencesTheyName() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create sequence sd_other", "create table sd(a int default nextval('sd_other'), b serial)");
            assertEquals("cannot drop sequence sd_other because other objects depend on it",
                    failsMessage(c, "drop sequence sd_other", "2BP01"));
            exec(c, "drop sequence sd_other cascade", "alter table sd alter column a set default nextval('sd_b_seq')");
            assertEquals("1|nextval('sd_b_seq'::regclass);2|nextval('sd_b_seq'::regclass)", joinedRows(c,
                    "select adnum, pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 'sd'::regclass order by 1"));
            exec(c, "drop table sd");
            assertEquals("0", joinedRows(c, "select count(*) from pg_depend where classid = 'pg_attrdef'::regclass"
                    + " and objid not in (select oid from pg_attrdef)"));
        }
    }

    @Test
    void alterSequenceChangesWhatIsNamedAndKeepsTheRest() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table sa(id serial, v int)", "alter sequence sa_id_seq increment by 5 restart with 100",
                    "insert into sa(v) values (1), (2)");
            assertEquals(List.of("100", "105"), TuskServer.rows(c, "select id from sa order by id"));
            assertEquals("integer|5|1|2147483647|1", joinedRows(c, "select format_type(seqtypid, null), seqincrement, seqmin,"
                    + " seqmax, seqstart from pg_sequence where seqrelid = 'sa_id_seq'::regclass"));
            assertEquals("RESTART value (105) cannot be greater than MAXVALUE (50)",
                    failsMessage(c, "alter sequence sa_id_seq maxvalue 50", "22023"));
            exec(c, "alter sequence sa_id_seq as smallint");
            assertEquals("smallint|32767", joinedRows(c,
                    "select format_type(seqtypid, null), seqmax from pg_sequence where seqrelid = 'sa_id_seq'::regclass"));
            exec(c, "alter sequence sa_id_seq restart", "insert into sa(v) values (3)");
            assertEquals("1", joinedRows(c, "select id from sa where v = 3"));
            assertEquals("\"sa\" is not a sequence", failsMessage(c, "alter sequence sa restart", "42809"));
            assertEquals("relation \"nosuch\" does not exist", failsMessage(c, "alter sequence nosuch restart", "42P01"));
            exec(c, "alter sequence if exists nosuch restart", "drop table sa");
        }
    }

    @Test
    void identityAddedByAlterTableAndRestartedByTruncate() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table si(id int not null, w int)",
                    "alter table si alter column id add generated always as identity (sequence name si_ident start with 10)",
                    "insert into si(w) values (1), (2)");
            assertEquals(List.of("10", "11"), TuskServer.rows(c, "select id from si order by id"));
            assertEquals("public.si_ident|0", joinedRows(c, "select pg_get_serial_sequence('si', 'id'),"
                    + " (select count(*) from pg_attrdef where adrelid = 'si'::regclass)"));
            assertEquals("column \"id\" of relation \"si\" is already an identity column",
                    failsMessage(c, "alter table si alter column id add generated by default as identity", "55000"));
            assertEquals("column \"w\" of relation \"si\" must be declared NOT NULL before identity can be added",
                    failsMessage(c, "alter table si alter column w add generated by default as identity", "55000"));
            exec(c, "truncate si restart identity", "insert into si(w) values (3)");
            assertEquals("10", joinedRows(c, "select id from si"));
            exec(c, "drop table si");
            assertEquals("0", joinedRows(c, "select count(*) from pg_class where relname = 'si_ident'"));
        }
    }

    @Test
    void ownersFollowTheTable() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create role so_owner", "create table st(id serial primary key, v int)", "create view stv as select v from st");
            assertEquals("cannot change owner of sequence \"st_id_seq\"",
                    failsMessage(c, "alter sequence st_id_seq owner to so_owner", "0A000"));
            exec(c, "alter table st owner to so_owner", "alter view stv owner to so_owner");
            assertEquals("st|so_owner;st_id_seq|so_owner;st_pkey|so_owner;stv|so_owner", joinedRows(c,
                    "select relname, pg_get_userbyid(relowner) from pg_class where relname like 'st%' order by 1"));
            assertEquals("\"st\" is not a view", failsMessage(c, "alter view st owner to postgres", "42809"));
            exec(c, "drop table st cascade", "drop role so_owner");
        }
    }
}
