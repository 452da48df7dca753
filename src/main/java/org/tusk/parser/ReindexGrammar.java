package org.tusk.parser;

import java.util.List;
import java.util.Locale;

import org.tusk.nodes.Stmt;
import org.tusk.parser.Token.Kind;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * gram.y's ReindexStmt and the index forms of RenameStmt (ALTER INDEX [IF EXISTS] name RENAME TO
 * new). It works on the token stream of the {@link Parser} that found the statement's first
 * keyword, so positions and syntax errors are the parser's. SET/RESET (storage parameters) and
 * ALTER [COLUMN] SET STATISTICS / SET (options) become an AlterTableStmt on the index
 * ({@link AlterIndexGrammar}), as gram.y makes them. SET TABLESPACE and the other forms are valid
 * PostgreSQL that Tusk does not run yet: they are skipped and reported at execution.
 */
final class ReindexGrammar {
    private final Parser p;

    ReindexGrammar(Parser p) {
        this.p = p;
    }

    /**
     * REINDEX [(option [, ...])] {INDEX | TABLE} [CONCURRENTLY] qualified_name, or
     * REINDEX [(option [, ...])] {SCHEMA | DATABASE | SYSTEM} [CONCURRENTLY] name. The options
     * are those of ExecReindex: VERBOSE [bool], CONCURRENTLY [bool], TABLESPACE name; another
     * is 42601 "unrecognized REINDEX option".
     */
    Stmt reindex() {
        Token first = p.expectKw("reindex");
        boolean verbose = false, concurrently = false;
        String tablespace = null;
        if (p.acceptChar('(')) {
            do {
                Token o = p.peek();
                if (o.is(Kind.EOF) || o.isChar(')') || o.isChar(',')) throw p.syntaxError(o);
                String opt = p.advance().value().toLowerCase(Locale.ROOT);
                switch (opt) {
                    case "verbose" -> verbose = optionalBoolean();
                    case "concurrently" -> concurrently = optionalBoolean();
                    case "tablespace" -> tablespace = p.colId();
                    default -> throw PgException.errorAt(SqlState.SYNTAX_ERROR, "unrecognized REINDEX option \""
                            + opt + "\"", Lexer.position(p.src, o.start()));
                }
            } while (p.acceptChar(','));
            p.expectChar(')');
        }
        Token target = p.peek();
        char kind;
        if (p.acceptKw("index")) kind = 'i';
        else if (p.acceptKw("table")) kind = 't';
        else if (p.acceptKw("schema")) kind = 's';
        else if (p.acceptKw("database")) kind = 'd';
        else if (p.acceptKw("system")) kind = 'y';
        else throw p.syntaxError(target);
        if (p.acceptKw("concurrently")) concurrently = true;
        if (kind == 'i' || kind == 't') {
            Stmt.RangeVar rel = p.qualifiedName();
            return new Stmt.ReindexStmt(kind, rel, null, concurrently, verbose, tablespace, first.start());
        }
        return new Stmt.ReindexStmt(kind, null, p.colId(), concurrently, verbose, tablespace, first.start());
    }

    /** opt_boolean_or_string after a utility option: absent means true. */
    private boolean optionalBoolean() {
        Token v = p.peek();
        if (v.isChar(',') || v.isChar(')')) return true;
        String s = p.advance().value().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw PgException.errorAt(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + v.value() + "\"",
                    Lexer.position(p.src, v.start()));
        };
    }

    /** ALTER INDEX [IF EXISTS] name RENAME TO new; the other forms are skipped as not supported yet. */
    Stmt alterIndex() {
        int start = p.peek().start();
        p.expectKw("alter");
        p.expectKw("index");
        boolean missingOk = p.acceptIfExists();
        if (p.isKw("all")) return p.unsupportedRest("ALTER INDEX ALL IN TABLESPACE");
        Stmt.RangeVar rel = p.qualifiedName();
        if (p.acceptKw("rename")) {
            p.expectKw("to");
            return new Stmt.RenameStmt(rel, null, p.colId(), missingOk, 'i');
        }
        if (p.isKw("owner") && p.peek(1).isKeyword("to")) return new UtilityParser(p).ownerTo('i', rel, missingOk);
        if (p.isKw("attach") && p.peek(1).isKeyword("partition")) {
            // ALTER INDEX name ATTACH PARTITION index: gram.y's AlterTableStmt on an index, whose
            // AT_AttachPartition has no bound
            p.advance();
            p.advance();
            Stmt.RangeVar part = p.qualifiedName();
            return new Stmt.AlterTableStmt(rel, missingOk, List.of(new Stmt.AlterTableCmd.AttachPartition(part, null)), 'i');
        }
        Stmt.AlterTableCmd cmd = new AlterIndexGrammar(p).command();
        if (cmd != null) return new Stmt.AlterTableStmt(rel, missingOk, List.of(cmd), 'i');
        Token t = p.peek();
        if (t.is(Kind.EOF) || t.isChar(';')) throw p.syntaxError(t);
        return p.unsupportedRest("ALTER INDEX " + t.value().toUpperCase(Locale.ROOT));
    }
}
