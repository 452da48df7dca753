package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;

/**
 * gram.y's MergeStmt: {@code MERGE INTO relation_expr_opt_alias USING table_ref ON a_expr
 * merge_when_list}. Each WHEN clause is {@code WHEN MATCHED [AND a_expr] THEN} followed by
 * {@code UPDATE SET set_clause_list}, {@code DELETE} or {@code DO NOTHING}, or
 * {@code WHEN NOT MATCHED [AND a_expr] THEN} followed by {@code INSERT [(columns)] [OVERRIDING
 * {SYSTEM|USER} VALUE] {VALUES (expr_list) | DEFAULT VALUES}} or {@code DO NOTHING}. As in
 * gram.y, an action of the other kind (INSERT for MATCHED, UPDATE/DELETE for NOT MATCHED), a
 * table name after UPDATE or INTO after INSERT, and more than one VALUES row are syntax errors
 * at the offending token.
 */
final class MergeGrammar {
    private final Parser p;

    MergeGrammar(Parser p) {
        this.p = p;
    }

    /** Whether the next token starts a MERGE statement. */
    static boolean at(Parser p) {
        return p.isKw("merge") && p.peek(1).isKeyword("into");
    }

    Stmt.MergeStmt merge() {
        Token merge = p.expectKw("merge");
        p.expectKw("into");
        Stmt.RangeVar target = p.relationExprOptAlias();
        p.expectKw("using");
        Stmt.FromItem source = p.tableRef();
        p.expectKw("on");
        RawExpr cond = p.aExpr();
        List<Stmt.MergeWhenClause> clauses = new ArrayList<>();
        do {
            clauses.add(whenClause());
        } while (p.isKw("when"));
        return new Stmt.MergeStmt(target, source, cond, List.copyOf(clauses), null, merge.start());
    }

    /** merge_when_clause. */
    private Stmt.MergeWhenClause whenClause() {
        Token when = p.expectKw("when");
        boolean matched = !p.acceptKw("not");
        p.expectKw("matched");
        RawExpr condition = p.acceptKw("and") ? p.aExpr() : null;
        p.expectKw("then");
        if (p.isKw("do")) {
            p.advance();
            if (!isNothing()) throw p.syntaxError(p.peek());
            p.advance();
            return new Stmt.MergeWhenClause(matched, Stmt.MergeAction.NOTHING, condition, List.of(), (char) 0, null,
                    when.start());
        }
        if (matched) {
            if (p.acceptKw("delete"))
                return new Stmt.MergeWhenClause(true, Stmt.MergeAction.DELETE, condition, List.of(), (char) 0, null,
                        when.start());
            p.expectKw("update");
            p.expectKw("set");
            List<Stmt.ResTarget> set = p.setClauseList();
            return new Stmt.MergeWhenClause(true, Stmt.MergeAction.UPDATE, condition, List.copyOf(set), (char) 0, null,
                    when.start());
        }
        p.expectKw("insert");
        return insert(condition, when.start());
    }

    /** merge_insert: [(insert_column_list)] [OVERRIDING override_kind VALUE] merge_values_clause | DEFAULT VALUES. */
    private Stmt.MergeWhenClause insert(RawExpr condition, int location) {
        List<Stmt.ResTarget> cols = new ArrayList<>();
        if (p.acceptChar('(')) {
            do {
                Token c = p.peek();
                cols.add(new Stmt.ResTarget(p.colId(), null, c.start()));
            } while (p.acceptChar(','));
            p.expectChar(')');
        }
        char overriding = 0;
        if (p.acceptKw("overriding")) {
            if (p.acceptKw("user")) {
                overriding = 'u';
            } else {
                p.expectKw("system");
                overriding = 's';
            }
            p.expectKw("value");
        }
        if (cols.isEmpty() && overriding == 0 && p.isKw("default")) {
            p.advance();
            p.expectKw("values");
            return new Stmt.MergeWhenClause(false, Stmt.MergeAction.INSERT, condition, List.of(), (char) 0, null, location);
        }
        p.expectKw("values");
        p.expectChar('(');
        List<RawExpr> row = new ArrayList<>();
        do {
            Token t = p.peek();
            if (t.isKeyword("default") && (p.peek(1).isChar(',') || p.peek(1).isChar(')'))) {
                p.advance();
                row.add(new RawExpr.SetToDefault(t.start()));
            } else {
                row.add(p.aExpr());
            }
        } while (p.acceptChar(','));
        p.expectChar(')');
        return new Stmt.MergeWhenClause(false, Stmt.MergeAction.INSERT, condition, List.copyOf(cols), overriding,
                List.copyOf(row), location);
    }

    private boolean isNothing() {
        Token t = p.peek();
        return "nothing".equals(t.value()) && !t.is(Token.Kind.SCONST);
    }
}
