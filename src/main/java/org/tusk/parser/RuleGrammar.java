package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Stmt;

/**
 * gram.y's RuleStmt, DropRuleStmt and the rule form of RenameStmt:
 * <pre>
 *   CREATE [OR REPLACE] RULE name AS ON {SELECT|INSERT|UPDATE|DELETE} TO relation [WHERE cond]
 *       DO [ALSO|INSTEAD] {NOTHING | action | ( action [; ...] )}
 *   DROP RULE [IF EXISTS] name ON relation [CASCADE|RESTRICT]
 *   ALTER RULE name ON relation RENAME TO new_name
 * </pre>
 * The condition and each action are kept as the SQL text they were written as (with their
 * parsed form, which CREATE RULE analyses to check them): that text is what pg_rewrite stores.
 */
final class RuleGrammar {
    private final Parser p;
    private final String src;

    RuleGrammar(Parser p, String src) {
        this.p = p;
        this.src = src;
    }

    /** Whether the tokens after CREATE start a rule: [OR REPLACE] RULE. */
    static boolean atCreate(Parser p) {
        int i = 1;
        if (p.peek(i).isKeyword("or") && "replace".equals(p.peek(i + 1).value())) i += 2;
        return "rule".equals(p.peek(i).value());
    }

    Stmt create() {
        p.expectKw("create");
        boolean replace = false;
        if (p.acceptKw("or")) {
            p.expectWord("replace");
            replace = true;
        }
        p.expectWord("rule");
        String name = p.colId();
        p.expectKw("as");
        p.expectKw("on");
        String event;
        if (p.acceptKw("select")) event = "select";
        else if (p.acceptKw("insert")) event = "insert";
        else if (p.acceptKw("update")) event = "update";
        else if (p.acceptKw("delete")) event = "delete";
        else throw p.syntaxError(p.peek());
        p.expectKw("to");
        Stmt.RangeVar rel = p.qualifiedName();
        String where = null;
        int whereLocation = -1;
        if (p.acceptKw("where")) {
            whereLocation = p.peek().start();
            p.aExpr();
            where = src.substring(whereLocation, p.lastEnd);
        }
        p.expectKw("do");
        boolean instead = false;
        if (p.acceptWord("instead")) instead = true;
        else p.acceptWord("also");
        List<Stmt> actions = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        if (!p.acceptWord("nothing")) {
            if (p.acceptChar('(')) {
                // RuleActionMulti: statements separated by semicolons, empty ones allowed
                while (!p.peek().isChar(')')) {
                    if (p.acceptChar(';')) continue;
                    action(actions, texts);
                    if (!p.peek().isChar(')')) p.expectChar(';');
                }
                p.expectChar(')');
            } else {
                action(actions, texts);
            }
        }
        return new Stmt.CreateRuleStmt(rel, name, event, instead, where, whereLocation, List.copyOf(actions),
                List.copyOf(texts), replace);
    }

    /** RuleActionStmt: SELECT, INSERT, UPDATE, DELETE or NOTIFY. */
    private void action(List<Stmt> actions, List<String> texts) {
        Token first = p.peek();
        int start = first.start();
        Stmt s = p.stmt();
        if (!(s instanceof Stmt.SelectStmt || s instanceof Stmt.InsertStmt || s instanceof Stmt.UpdateStmt
                || s instanceof Stmt.DeleteStmt || s instanceof Stmt.NotifyStmt)) {
            throw p.syntaxError(first);   // gram.y has no other RuleActionStmt: the error is at its first word
        }
        actions.add(s);
        texts.add(src.substring(start, p.lastEnd));
    }

    Stmt drop() {
        p.expectKw("drop");
        p.expectWord("rule");
        DropOnTable d = DropOnTable.parse(p);
        return new Stmt.DropRuleStmt(d.name(), d.table(), d.missingOk(), d.cascade());
    }

    Stmt alter() {
        p.expectKw("alter");
        p.expectWord("rule");
        String name = p.colId();
        p.expectKw("on");
        Stmt.RangeVar rel = p.qualifiedName();
        p.expectWord("rename");
        p.expectKw("to");
        return new Stmt.RenameRuleStmt(name, rel, p.colId());
    }
}
