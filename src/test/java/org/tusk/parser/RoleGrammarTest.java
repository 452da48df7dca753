package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** The grammar of CREATE/DROP/ALTER DATABASE and ROLE (gram.y's shapes and OptionItem names). */
class RoleGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    @Test
    void createDatabaseOptions() {
        Stmt.CreatedbStmt s = (Stmt.CreatedbStmt) one(
                "CREATE DATABASE d WITH OWNER = bob TEMPLATE template0 ENCODING 'UTF8' CONNECTION LIMIT -1 "
                        + "IS_TEMPLATE true STRATEGY file_copy ALLOW_CONNECTIONS = false LC_COLLATE 'C'");
        assertEquals("d", s.dbname());
        assertEquals(List.of("owner", "template", "encoding", "connection_limit", "is_template", "strategy",
                "allow_connections", "lc_collate"), s.options().stream().map(Stmt.OptionItem::name).toList());
        assertEquals(-1L, s.options().get(3).value());
        assertEquals(Boolean.TRUE, s.options().get(4).value());
        assertEquals(Boolean.FALSE, s.options().get(6).value());
    }

    @Test
    void dropAndAlterDatabase() {
        assertEquals(new Stmt.DropdbStmt("d", true, true), one("drop database if exists d with (force)"));
        assertEquals(new Stmt.DropdbStmt("d", false, false), one("drop database d"));
        assertEquals("e", ((Stmt.AlterDatabaseStmt) one("alter database d rename to e")).newName());
        assertEquals("bob", ((Stmt.AlterDatabaseStmt) one("alter database d owner to bob")).newOwner().name());
        assertEquals(Stmt.AlterSettingStmt.class, one("alter database d set work_mem = '1MB'").getClass());
    }

    @Test
    void roleOptions() {
        Stmt.CreateRoleStmt s = (Stmt.CreateRoleStmt) one(
                "create user u with superuser nologin password 'p' connection limit 3 valid until '2030-01-01' noinherit createdb");
        assertEquals(Stmt.CreateRoleStmt.Kind.USER, s.kind());
        assertEquals(List.of("superuser", "canlogin", "password", "connectionlimit", "validUntil", "inherit", "createdb"),
                s.options().stream().map(Stmt.OptionItem::name).toList());
        assertEquals(Boolean.FALSE, s.options().get(1).value());
        Stmt.AlterRoleStmt a = (Stmt.AlterRoleStmt) one("alter role current_user password null");
        assertEquals(Stmt.RoleSpec.Kind.CURRENT_USER, a.role().kind());
        assertEquals(null, a.options().get(0).value());
        assertEquals("v", ((Stmt.AlterRoleStmt) one("alter role u rename to v")).newName());
        assertEquals(new Stmt.DropRoleStmt(List.of("a", "b"), true), one("drop role if exists a, b"));
    }

    @Test
    void grantAndRevoke() {
        Stmt.GrantStmt g = (Stmt.GrantStmt) one("grant select, insert on table s.t, u to alice, public with grant option");
        assertEquals(List.of("select", "insert"), g.privileges());
        assertEquals(List.of("t", "u"), g.objects().stream().map(Stmt.RangeVar::name).toList());
        assertEquals(List.of(Stmt.RoleSpec.Kind.NAME, Stmt.RoleSpec.Kind.PUBLIC), g.grantees().stream().map(Stmt.RoleSpec::kind).toList());
        assertEquals(true, g.grantOption());
        Stmt.GrantStmt r = (Stmt.GrantStmt) one("revoke grant option for all privileges on t from \"public\" cascade");
        assertEquals(null, r.privileges());
        assertEquals(Stmt.RoleSpec.Kind.NAME, r.grantees().get(0).kind());
        assertEquals(true, r.grantOption() && r.cascade() && !r.isGrant());
        Stmt.GrantRoleStmt gr = (Stmt.GrantRoleStmt) one("grant admins, \"Ops\" to alice, bob with admin option granted by postgres");
        assertEquals(List.of("admins", "Ops"), gr.roles());
        assertEquals(2, gr.grantees().size());
        assertEquals(true, gr.isGrant() && gr.adminOption());
        assertEquals("postgres", gr.grantor().name());
        Stmt.GrantRoleStmt rr = (Stmt.GrantRoleStmt) one("revoke admin option for admins from alice cascade");
        assertEquals(true, !rr.isGrant() && rr.adminOption() && rr.cascade());
        assertEquals(List.of("admins"), rr.roles());
        Stmt.GrantStmt sch = (Stmt.GrantStmt) one("grant usage, create on schema s, t to alice");
        assertEquals(Stmt.GrantStmt.Target.SCHEMA, sch.target());
        assertEquals(List.of("s", "t"), sch.names());
        Stmt.GrantStmt fn = (Stmt.GrantStmt) one("revoke execute on function f(int, text), g from public");
        assertEquals(Stmt.GrantStmt.Target.FUNCTION, fn.target());
        assertEquals(2, fn.functions().size());
        Stmt.GrantStmt all = (Stmt.GrantStmt) one("grant select on all tables in schema public to alice");
        assertEquals(Stmt.GrantStmt.Target.ALL_TABLES, all.target());
        assertEquals(Stmt.GrantStmt.Target.SEQUENCE, ((Stmt.GrantStmt) one("grant usage on sequence sq to alice")).target());
        assertEquals(Stmt.GrantStmt.Target.DATABASE, ((Stmt.GrantStmt) one("grant connect on database d to alice")).target());
        assertEquals(Stmt.UnsupportedStmt.class, one("grant usage on foreign server x to alice").getClass());
    }

    @Test
    void setRoleAndSessionAuthorization() {
        Stmt.VariableSetStmt r = (Stmt.VariableSetStmt) one("set local role 'Admin'");
        assertEquals("role", r.name());
        assertEquals(true, r.isLocal());
        Stmt.VariableSetStmt n = (Stmt.VariableSetStmt) one("set role none");
        assertEquals("role", n.name());
        Stmt.VariableSetStmt sa = (Stmt.VariableSetStmt) one("set session authorization default");
        assertEquals("session_authorization", sa.name());
        assertEquals(Stmt.VariableSetStmt.Kind.DEFAULT, sa.kind());
        assertEquals("session_authorization", ((Stmt.VariableSetStmt) one("set session session authorization alice")).name());
    }

    @Test
    void settingsOfDatabasesAndRoles() {
        Stmt.AlterSettingStmt d = (Stmt.AlterSettingStmt) one("alter database d set work_mem to '8MB'");
        assertEquals("d", d.database());
        assertEquals(null, d.role());
        assertEquals("work_mem", d.set().name());
        Stmt.AlterSettingStmt r = (Stmt.AlterSettingStmt) one("alter role u in database d reset all");
        assertEquals("u", r.role().name());
        assertEquals(Stmt.VariableSetStmt.Kind.RESET_ALL, r.set().kind());
        assertEquals(Stmt.UnsupportedStmt.class, one("alter database d set tablespace t").getClass());
    }

    @Test
    void errorsAsPostgresReportsThem() {
        PgException e = assertThrows(PgException.class, () -> Parser.parse("create role r wibble"));
        assertEquals("42601", e.sqlState());
        assertEquals("unrecognized role option \"wibble\"", e.getMessage());
        assertEquals("42939", assertThrows(PgException.class, () -> Parser.parse("create role public")).sqlState());
        assertEquals("0A000", assertThrows(PgException.class, () -> Parser.parse("create role r unencrypted password 'x'")).sqlState());
    }
}
