package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;

/**
 * gram.y's opt_on_conflict: ON CONFLICT [conf_expr] DO NOTHING | DO UPDATE SET set_clause_list
 * [WHERE a_expr], where conf_expr is ( index_params ) [WHERE a_expr] or ON CONSTRAINT name.
 * Index parameters are column names (with optional COLLATE/opclass not accepted); expressions
 * of expression indexes are not supported yet.
 */
final class ConflictGrammar {
    private final Parser p;

    ConflictGrammar(Parser p) {
        this.p = p;
    }

    Stmt.OnConflictClause onConflict() {
        Token on = p.expectKw("on");
        p.advance(); // CONFLICT
        List<Stmt.ResTarget> cols = new ArrayList<>();
        RawExpr inferWhere = null;
        String constraint = null;
        if (p.acceptChar('(')) {
            do {
                Token c = p.peek();
                if (c.isChar('(')) throw p.notSupported("ON CONFLICT with an index expression", c.start());
                String name = p.colId();
                if (p.isChar('(')) throw p.notSupported("ON CONFLICT with an index expression", c.start());
                cols.add(new Stmt.ResTarget(name, null, c.start()));
            } while (p.acceptChar(','));
            p.expectChar(')');
            if (p.acceptKw("where")) inferWhere = p.aExpr();
        } else if (p.isKw("on")) {
            p.advance();
            p.expectKw("constraint");
            constraint = p.colId();
        }
        p.expectKw("do");
        if (p.peek().value().equals("nothing") && !p.peek().is(Token.Kind.SCONST)) {
            p.advance();
            return new Stmt.OnConflictClause(List.copyOf(cols), inferWhere, constraint, false, List.of(), null, on.start());
        }
        p.expectKw("update");
        p.expectKw("set");
        List<Stmt.ResTarget> set = p.setClauseList();
        RawExpr where = p.acceptKw("where") ? p.aExpr() : null;
        return new Stmt.OnConflictClause(List.copyOf(cols), inferWhere, constraint, true, List.copyOf(set), where,
                on.start());
    }
}
