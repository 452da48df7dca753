package org.tusk.parser;

import java.util.List;

import org.tusk.nodes.Stmt;

/**
 * The grammar of materialized views (gram.y CreateMatViewStmt / create_mv_target and
 * RefreshMatViewStmt), on the token stream of the {@link Parser} that found the statement.
 * DROP and ALTER MATERIALIZED VIEW are the relation forms of DropStmt and AlterTableStmt.
 */
final class MatviewGrammar {
    private final Parser p;

    MatviewGrammar(Parser p) {
        this.p = p;
    }

    /** Whether the tokens after CREATE are [UNLOGGED] MATERIALIZED VIEW. */
    static boolean atCreate(Parser p) {
        int i = p.peek(1).isKeyword("unlogged") ? 2 : 1;
        return p.peek(i).isKeyword("materialized") && "view".equals(p.peek(i + 1).value());
    }

    /**
     * CreateMatViewStmt: CREATE MATERIALIZED VIEW [IF NOT EXISTS] qualified_name [(columns)]
     * [USING access_method] [WITH (options)] [TABLESPACE name] AS SelectStmt [WITH [NO] DATA].
     */
    Stmt create() {
        p.expectKw("create");
        if (p.isKw("unlogged")) throw p.notSupported("CREATE UNLOGGED MATERIALIZED VIEW", p.peek().start());
        p.expectKw("materialized");
        p.expectKw("view");
        boolean ifNotExists = false;
        if (p.acceptKw("if")) {
            p.expectKw("not");
            p.expectKw("exists");
            ifNotExists = true;
        }
        Stmt.RangeVar name = p.qualifiedName();
        List<String> cols = List.of();
        if (p.isChar('(')) cols = p.nameList();
        String accessMethod = null;
        if (p.acceptKw("using")) accessMethod = p.colId();
        List<Stmt.DefElem> options = List.of();
        if (p.isKw("with") && p.peek(1).isChar('(')) {
            p.advance();
            options = new UtilityParser(p).relOptions();
        }
        String tablespace = null;
        if (p.acceptKw("tablespace")) tablespace = p.colId();
        p.expectKw("as");
        Token q = p.peek();
        Stmt.SelectStmt query = p.selectStmtRejectingInto("materialized views must not use SELECT INTO");
        String text = p.src.substring(q.start(), p.lastEnd);
        boolean withData = p.optWithData();
        return new Stmt.CreateMatViewStmt(name, cols, query, text, ifNotExists, withData, options, accessMethod, tablespace);
    }

    /** RefreshMatViewStmt: REFRESH MATERIALIZED VIEW [CONCURRENTLY] qualified_name [WITH [NO] DATA]. */
    Stmt refresh() {
        p.expectKw("refresh");
        p.expectKw("materialized");
        p.expectKw("view");
        boolean concurrent = p.acceptKw("concurrently");
        Stmt.RangeVar name = p.qualifiedName();
        boolean withData = p.optWithData();
        return new Stmt.RefreshMatViewStmt(name, concurrent, !withData);
    }
}
