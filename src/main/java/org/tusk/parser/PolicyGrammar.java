package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/**
 * gram.y's CreatePolicyStmt, AlterPolicyStmt, the policy forms of RenameStmt and DropStmt, and
 * ALTER TABLE's row-level security subcommands:
 * <pre>
 *   CREATE POLICY name ON table [AS {PERMISSIVE | RESTRICTIVE}]
 *       [FOR {ALL | SELECT | INSERT | UPDATE | DELETE}] [TO role [, ...]]
 *       [USING (expr)] [WITH CHECK (expr)]
 *   ALTER POLICY name ON table [TO role [, ...]] [USING (expr)] [WITH CHECK (expr)]
 *   ALTER POLICY name ON table RENAME TO new_name
 *   DROP POLICY [IF EXISTS] name ON table [CASCADE | RESTRICT]
 *   ALTER TABLE ... {ENABLE | DISABLE | FORCE | NO FORCE} ROW LEVEL SECURITY
 * </pre>
 * The expressions are checked for syntax here and kept as the SQL text they were written as,
 * which is what pg_policy stores; CREATE POLICY analyses them against the table.
 */
final class PolicyGrammar {
    private final Parser p;
    private final String src;

    PolicyGrammar(Parser p, String src) {
        this.p = p;
        this.src = src;
    }

    /** Whether the word after CREATE, ALTER or DROP is POLICY. */
    static boolean at(Parser p) {
        return "policy".equals(p.peek(1).value());
    }

    Stmt create() {
        p.expectKw("create");
        p.expectWord("policy");
        String name = p.colId();
        p.expectKw("on");
        Stmt.RangeVar table = p.qualifiedName();
        boolean permissive = true;
        if (p.acceptKw("as")) {
            // RowSecurityDefaultPermissive: an IDENT checked by name
            var t = p.advance();
            if (t.value().equals("restrictive")) permissive = false;
            else if (!t.value().equals("permissive")) {
                throw PgException.errorAt("42601", "unrecognized row security option \"" + t.value() + "\"",
                        Lexer.position(src, t.start()))
                        .withHint("Only PERMISSIVE or RESTRICTIVE policies are supported currently.");
            }
        }
        String cmd = "all";
        if (p.acceptKw("for")) {
            var t = p.advance();
            cmd = switch (t.value()) {
                case "all", "select", "insert", "update", "delete" -> t.value();
                default -> throw p.syntaxError(t);
            };
        }
        List<Stmt.RoleSpec> roles = p.isKw("to") ? roles() : List.of();
        String qual = p.isKw("using") ? using() : null;
        String check = p.isKw("with") ? withCheck() : null;
        return new Stmt.CreatePolicyStmt(name, table, permissive, cmd, roles, qual, check);
    }

    Stmt alter() {
        p.expectKw("alter");
        p.expectWord("policy");
        String name = p.colId();
        p.expectKw("on");
        Stmt.RangeVar table = p.qualifiedName();
        if (p.acceptWord("rename")) {
            p.expectKw("to");
            return new Stmt.AlterPolicyStmt(name, table, null, null, null, p.colId());
        }
        List<Stmt.RoleSpec> roles = p.isKw("to") ? roles() : null;
        String qual = p.isKw("using") ? using() : null;
        String check = p.isKw("with") ? withCheck() : null;
        return new Stmt.AlterPolicyStmt(name, table, roles, qual, check, null);
    }

    Stmt drop() {
        p.expectKw("drop");
        p.expectWord("policy");
        DropOnTable d = DropOnTable.parse(p);
        return new Stmt.DropPolicyStmt(d.name(), d.table(), d.missingOk(), d.cascade());
    }

    /** TO role_spec [, ...]. */
    private List<Stmt.RoleSpec> roles() {
        p.expectKw("to");
        List<Stmt.RoleSpec> out = new ArrayList<>();
        RoleGrammar g = new RoleGrammar(p, src);
        do {
            out.add(g.roleSpec());
        } while (p.acceptChar(','));
        return List.copyOf(out);
    }

    /** USING ( a_expr ): the expression's text. */
    private String using() {
        p.expectKw("using");
        return parenthesized();
    }

    /** WITH CHECK ( a_expr ): the expression's text. */
    private String withCheck() {
        p.expectKw("with");
        p.expectKw("check");
        return parenthesized();
    }

    private String parenthesized() {
        p.expectChar('(');
        int start = p.peek().start();
        p.aExpr();
        String text = src.substring(start, p.lastEnd);
        p.expectChar(')');
        return text;
    }

    /**
     * ALTER TABLE's {ENABLE | DISABLE | FORCE | NO FORCE} ROW LEVEL SECURITY, or null (nothing
     * consumed) when the subcommand is another one.
     */
    static Stmt.AlterTableCmd rowSecurityCmd(Parser p) {
        int i = 0;
        Boolean enable = null, force = null;
        String w = p.peek().value();
        if ("enable".equals(w) || "disable".equals(w)) enable = w.equals("enable");
        else if ("force".equals(w)) force = true;
        else if ("no".equals(w) && "force".equals(p.peek(1).value())) {
            force = false;
            i = 1;
        } else return null;
        if (!("row".equals(p.peek(i + 1).value()) && "level".equals(p.peek(i + 2).value())
                && "security".equals(p.peek(i + 3).value()))) return null;
        for (int k = 0; k <= i + 3; k++) p.advance();
        return new Stmt.AlterTableCmd.RowSecurity(enable, force);
    }
}
