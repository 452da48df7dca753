package org.tusk.parser;

import java.util.List;

import org.tusk.nodes.RawExpr.AConst;
import org.tusk.nodes.Stmt;

/**
 * SET [SESSION | LOCAL] ROLE name | NONE and SET [SESSION | LOCAL] SESSION AUTHORIZATION name |
 * DEFAULT (gram.y set_rest_more): both are settings, {@code role} and {@code session_authorization},
 * so they become VariableSetStmt as PostgreSQL's grammar makes them. The name is a
 * NonReservedWord_or_Sconst; NONE is the word "none".
 */
final class SetRoleGrammar {
    private SetRoleGrammar() {}

    /** At the ROLE or SESSION keyword after SET [LOCAL | SESSION]. */
    static Stmt setRoleOrAuthorization(Parser p, boolean local) {
        String setting;
        if (p.acceptKw("role")) {
            setting = "role";
        } else {
            p.expectKw("session");
            p.expectKw("authorization");
            setting = "session_authorization";
            if (p.acceptKw("default")) return new Stmt.VariableSetStmt(Stmt.VariableSetStmt.Kind.DEFAULT, setting, List.of(), local);
        }
        Token v = p.peek();
        boolean word = v.is(Token.Kind.IDENT) && (v.keyword() == null || !Keywords.isReserved(v.keyword()));
        if (!v.is(Token.Kind.SCONST) && !word) throw p.syntaxError(v);
        p.advance();
        return new Stmt.VariableSetStmt(Stmt.VariableSetStmt.Kind.VALUE, setting,
                List.of(new AConst(AConst.Kind.STRING, v.value(), v.start())), local);
    }
}
