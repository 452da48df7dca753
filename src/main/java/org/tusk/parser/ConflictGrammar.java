package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;

/**
 * gram.y's opt_on_conflict: ON CONFLICT [conf_expr] DO NOTHING | DO UPDATE SET set_clause_list
 * [WHERE a_expr], where conf_expr is ( index_params ) [WHERE a_expr] or ON CONSTRAINT name.
 * The index parameters are CREATE INDEX's index_elems (a column, a function call or a
 * parenthesized expression, with optional COLLATE and operator class).
 */
final class ConflictGrammar {
    private final Parser p;

    ConflictGrammar(Parser p) {
        this.p = p;
    }

    Stmt.OnConflictClause onConflict() {
        Token on = p.expectKw("on");
        p.advance(); // CONFLICT
        List<Stmt.IndexElem> elems = new ArrayList<>();
        RawExpr inferWhere = null;
        String constraint = null;
        if (p.isChar('(')) {
            // infer_clause: '(' index_params ')' where_clause; parse analysis rejects ordering. An
            // element's location is the clause's, where PostgreSQL reports a column of it
            int infer = p.advance().start();
            IndexGrammar ig = new IndexGrammar(p);
            do {
                Stmt.IndexElem e = ig.indexElem();
                elems.add(new Stmt.IndexElem(e.column(), e.expr(), e.exprSql(), e.collation(), e.opclass(), e.desc(),
                        e.nullsFirst(), infer));
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
            return new Stmt.OnConflictClause(List.copyOf(elems), inferWhere, constraint, false, List.of(), null, on.start());
        }
        p.expectKw("update");
        p.expectKw("set");
        List<Stmt.ResTarget> set = p.setClauseList();
        RawExpr where = p.acceptKw("where") ? p.aExpr() : null;
        return new Stmt.OnConflictClause(List.copyOf(elems), inferWhere, constraint, true, List.copyOf(set), where,
                on.start());
    }
}
