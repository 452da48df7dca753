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
                // index_elem: a column, or an expression (name null, val the expression)
                if (c.isChar('(')) {
                    p.advance();
                    cols.add(new Stmt.ResTarget(null, p.aExpr(), c.start()));
                    p.expectChar(')');
                } else if (p.peek(1).isChar('(') || p.peek(1).isChar('.')) {
                    cols.add(new Stmt.ResTarget(null, p.aExpr(), c.start()));
                } else {
                    cols.add(new Stmt.ResTarget(p.colId(), null, c.start()));
                }
                if (p.isKw("collate") || org.tusk.parser.Keywords.isColId(p.peek()))
                    throw p.notSupported("COLLATE or an operator class in an ON CONFLICT target", p.peek().start());
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
