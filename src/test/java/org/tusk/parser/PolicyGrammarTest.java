package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** CREATE/ALTER/DROP POLICY and ALTER TABLE's row-level security subcommands as gram.y parses them. */
class PolicyGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    @Test
    void createPolicyKeepsEveryClauseAndTheExpressionsText() {
        Stmt.CreatePolicyStmt c = (Stmt.CreatePolicyStmt) one("CREATE POLICY p ON s.t AS RESTRICTIVE FOR UPDATE "
                + "TO alice, CURRENT_USER, public USING (a > 0 AND b = 'x') WITH CHECK ((a) < 10)");
        assertEquals("p", c.name());
        assertEquals("s", c.table().schema());
        assertEquals("t", c.table().name());
        assertFalse(c.permissive());
        assertEquals("update", c.cmd());
        assertEquals(List.of(Stmt.RoleSpec.Kind.NAME, Stmt.RoleSpec.Kind.CURRENT_USER, Stmt.RoleSpec.Kind.PUBLIC),
                c.roles().stream().map(Stmt.RoleSpec::kind).toList());
        assertEquals("a > 0 AND b = 'x'", c.qual());
        assertEquals("(a) < 10", c.withCheck());
        // the defaults: PERMISSIVE, FOR ALL, PUBLIC, no expressions
        Stmt.CreatePolicyStmt bare = (Stmt.CreatePolicyStmt) one("create policy q on t");
        assertTrue(bare.permissive());
        assertEquals("all", bare.cmd());
        assertEquals(List.of(), bare.roles());
        assertNull(bare.qual());
        assertNull(bare.withCheck());
    }

    @Test
    void createPolicyRefusesAnUnknownKindOrCommand() {
        PgException e = assertThrows(PgException.class, () -> one("create policy p on t as lenient using (true)"));
        assertEquals("42601", e.sqlState());
        assertEquals("unrecognized row security option \"lenient\"", e.getMessage());
        assertEquals("Only PERMISSIVE or RESTRICTIVE policies are supported currently.", e.hint());
        assertEquals("42601", assertThrows(PgException.class, () -> one("create policy p on t for truncate")).sqlState());
        assertEquals("42601", assertThrows(PgException.class, () -> one("create policy p on t using a > 0")).sqlState());
    }

    @Test
    void alterAndDropPolicy() {
        Stmt.AlterPolicyStmt a = (Stmt.AlterPolicyStmt) one("alter policy p on t to bob using (x)");
        assertEquals("bob", a.roles().get(0).name());
        assertEquals("x", a.qual());
        assertNull(a.withCheck());
        assertNull(a.newName());
        Stmt.AlterPolicyStmt r = (Stmt.AlterPolicyStmt) one("alter policy p on t rename to q");
        assertEquals("q", r.newName());
        assertNull(r.roles());
        Stmt.DropPolicyStmt d = (Stmt.DropPolicyStmt) one("drop policy if exists p on s.t cascade");
        assertTrue(d.missingOk());
        assertTrue(d.cascade());
        assertEquals("s", d.table().schema());
    }

    @Test
    void alterTableRowLevelSecuritySubcommands() {
        Stmt.AlterTableStmt s = (Stmt.AlterTableStmt) one("alter table t enable row level security, "
                + "disable row level security, force row level security, no force row level security");
        assertEquals(List.of(new Stmt.AlterTableCmd.RowSecurity(true, null), new Stmt.AlterTableCmd.RowSecurity(false, null),
                new Stmt.AlterTableCmd.RowSecurity(null, true), new Stmt.AlterTableCmd.RowSecurity(null, false)), s.cmds());
        // ENABLE TRIGGER still parses as before
        assertInstanceOf(Stmt.AlterTableCmd.EnableTrigger.class,
                ((Stmt.AlterTableStmt) one("alter table t enable trigger all")).cmds().get(0));
    }
}
