package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.nodes.Stmt;
import org.tusk.parser.Token.Kind;

/**
 * gram.y's ExplainStmt and ExplainableStmt:
 * <pre>
 *   EXPLAIN ExplainableStmt
 *   EXPLAIN analyze_keyword [VERBOSE] ExplainableStmt
 *   EXPLAIN VERBOSE ExplainableStmt
 *   EXPLAIN '(' utility_option_list ')' ExplainableStmt
 * </pre>
 * ExplainableStmt includes CreateAsStmt (CREATE TABLE ... AS, also AS EXECUTE), SELECT ...
 * INTO, whose table EXPLAIN ANALYZE creates, and ExecuteStmt (the prepared statement is shown).
 * The options become DefElems as gram.y builds them (the old form's keywords as "analyze" and
 * "verbose" without a value); their meaning and validity are checked when the statement runs
 * (ExplainQuery), so "unrecognized EXPLAIN option" is an execution-time error as in PostgreSQL.
 */
final class ExplainGrammar {
    private final Parser p;

    ExplainGrammar(Parser p) {
        this.p = p;
    }

    Stmt explainStmt() {
        p.expectKw("explain");
        List<Stmt.DefElem> options = new ArrayList<>();
        if (p.isChar('(')) {
            p.advance();
            do options.add(option()); while (p.acceptChar(','));
            p.expectChar(')');
        } else {
            Token a = p.peek();
            if (a.isKeyword("analyze") || a.isKeyword("analyse")) {
                p.advance();
                options.add(new Stmt.DefElem("analyze", null, a.start()));
            }
            Token v = p.peek();
            if (v.isKeyword("verbose")) {
                p.advance();
                options.add(new Stmt.DefElem("verbose", null, v.start()));
            }
        }
        Token start = p.peek();
        String kw = start.keyword();
        boolean explainable = start.isChar('(') || kw != null && switch (kw) {
            case "select", "values", "table", "with", "insert", "update", "delete", "merge", "declare", "create", "execute" -> true;
            default -> false;
        };
        if (!explainable) throw p.syntaxError(start);
        Stmt explained = p.stmt();
        // of the CREATE statements only CreateAsStmt is explainable
        if (start.isKeyword("create") && !(explained instanceof Stmt.CreateTableAsStmt)) throw p.syntaxError(start);
        return new Stmt.ExplainStmt(explained, List.copyOf(options), start.start());
    }

    /** utility_option_elem: a name (any keyword or identifier) and an optional value. */
    private Stmt.DefElem option() {
        Token n = p.peek();
        if (!(n.is(Kind.IDENT) || n.keyword() != null)) throw p.syntaxError(n);
        p.advance();
        String name = n.value().toLowerCase(Locale.ROOT);
        Token v = p.peek();
        String value = null;
        if (!v.isChar(',') && !v.isChar(')')) {
            if (v.is(Kind.EOF)) throw p.syntaxError(v);
            p.advance();
            value = v.value();
            if (v.is(Kind.IDENT) || v.keyword() != null) value = value.toLowerCase(Locale.ROOT);
        }
        return new Stmt.DefElem(name, value, n.start());
    }
}
