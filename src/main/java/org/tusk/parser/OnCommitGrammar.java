package org.tusk.parser;

import org.tusk.nodes.Stmt;

/**
 * gram.y's OnCommitOption of CREATE TABLE: ON COMMIT {DROP | DELETE ROWS | PRESERVE ROWS}, or
 * nothing (ONCOMMIT_NOOP). Whether the table may have one (only a temporary table) is checked
 * when the table is made, as DefineRelation does.
 */
final class OnCommitGrammar {
    private final Parser p;

    OnCommitGrammar(Parser p) {
        this.p = p;
    }

    char onCommit() {
        if (!(p.isKw("on") && p.peek(1).isKeyword("commit"))) return Stmt.CreateStmt.ONCOMMIT_NOOP;
        p.advance();
        p.advance();
        if (p.acceptKw("drop")) return Stmt.CreateStmt.ONCOMMIT_DROP;
        boolean delete = p.acceptKw("delete");
        if (!delete) p.expectWord("preserve");   // PRESERVE: a word the lexer does not make a keyword
        p.expectKw("rows");
        return delete ? Stmt.CreateStmt.ONCOMMIT_DELETE_ROWS : Stmt.CreateStmt.ONCOMMIT_PRESERVE_ROWS;
    }
}
