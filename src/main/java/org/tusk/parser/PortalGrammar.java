package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.RawExpr;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.Token.Kind;
import org.tusk.utils.error.PgException;

/**
 * The grammar of prepared statements and cursors (gram.y PrepareStmt, ExecuteStmt,
 * DeallocateStmt, DeclareCursorStmt, FetchStmt with fetch_args, ClosePortalStmt), on the token
 * stream of the {@link Parser} that found the first keyword. The statement inside PREPARE and
 * DECLARE keeps its span in the query string, so later errors point into it.
 */
final class PortalGrammar {
    private final Parser p;

    PortalGrammar(Parser p) {
        this.p = p;
    }

    /** PREPARE name [(type, ...)] AS PreparableStmt (SELECT, VALUES, INSERT, UPDATE, DELETE). */
    Stmt prepare() {
        p.expectKw("prepare");
        String name = p.colId();
        List<TypeName> types = new ArrayList<>();
        if (p.acceptChar('(')) {
            do {
                types.add(p.typeName());
            } while (p.acceptChar(','));
            p.expectChar(')');
        }
        p.expectKw("as");
        Token first = p.peek();
        boolean preparable = first.isChar('(') || first.isKeyword("select") || first.isKeyword("values")
                || first.isKeyword("table") || first.isKeyword("with") || first.isKeyword("insert")
                || first.isKeyword("update") || first.isKeyword("delete") || first.isKeyword("merge");
        if (!preparable) throw p.syntaxError(first);
        Stmt inner = p.stmt();
        return new Stmt.PrepareStmt(name, List.copyOf(types), new RawStmt(inner, first.start(), p.lastEnd - first.start()));
    }

    /** EXECUTE name [(expr, ...)]. */
    Stmt execute() {
        Token e = p.expectKw("execute");
        String name = p.colId();
        List<RawExpr> params = new ArrayList<>();
        if (p.acceptChar('(')) {
            do {
                params.add(p.aExpr());
            } while (p.acceptChar(','));
            p.expectChar(')');
        }
        return new Stmt.ExecuteStmt(name, List.copyOf(params), e.start());
    }

    /** DEALLOCATE [PREPARE] name | ALL. */
    Stmt deallocate() {
        p.expectKw("deallocate");
        p.acceptKw("prepare");
        if (p.acceptKw("all")) return new Stmt.DeallocateStmt(null);
        return new Stmt.DeallocateStmt(p.colId());
    }

    /**
     * DECLARE name cursor_options CURSOR [WITH HOLD | WITHOUT HOLD] FOR SelectStmt, where
     * cursor_options is any sequence of BINARY, ASENSITIVE, INSENSITIVE, SCROLL, NO SCROLL.
     */
    Stmt declare() {
        p.expectKw("declare");
        String name = p.colId();
        boolean binary = false, scroll = false, noScroll = false, asensitive = false, insensitive = false;
        while (true) {
            if (p.acceptKw("binary")) binary = true;
            else if (word("asensitive")) asensitive = true;
            else if (word("insensitive")) insensitive = true;
            else if (word("scroll")) scroll = true;
            else if (p.isKw("no") && isWord(p.peek(1), "scroll")) {
                p.advance();
                p.advance();
                noScroll = true;
            } else break;
        }
        if (!word("cursor")) throw p.syntaxError(p.peek());
        boolean hold = false;
        if (p.acceptKw("with")) {
            if (!word("hold")) throw p.syntaxError(p.peek());
            hold = true;
        } else if (p.acceptKw("without")) {
            if (!word("hold")) throw p.syntaxError(p.peek());
        }
        p.expectKw("for");
        Token first = p.peek();
        if (!(first.isChar('(') || first.isKeyword("select") || first.isKeyword("values") || first.isKeyword("table")
                || first.isKeyword("with")))
            throw p.syntaxError(first);
        Stmt.SelectStmt query = p.selectStmt();
        // transformDeclareCursorStmt's option checks (the grammar accepts both words)
        if (scroll && noScroll) throw PgException.error("42P11", "cannot specify both SCROLL and NO SCROLL");
        if (asensitive && insensitive) throw PgException.error("42P11", "cannot specify both ASENSITIVE and INSENSITIVE");
        return new Stmt.DeclareCursorStmt(name, binary, scroll ? Boolean.TRUE : noScroll ? Boolean.FALSE : null, hold,
                new RawStmt(query, first.start(), p.lastEnd - first.start()));
    }

    /** FETCH | MOVE fetch_args. */
    Stmt fetch() {
        boolean isMove = p.advance().isKeyword("move");
        Stmt.FetchDirection dir = Stmt.FetchDirection.FORWARD;
        long count = 1;
        boolean needName = false; // after a direction, FROM/IN is optional
        Token t = p.peek();
        if (word("next")) {
            needName = true;
        } else if (word("prior")) {
            dir = Stmt.FetchDirection.BACKWARD;
            needName = true;
        } else if (word("first")) {
            dir = Stmt.FetchDirection.ABSOLUTE;
            needName = true;
        } else if (word("last")) {
            dir = Stmt.FetchDirection.ABSOLUTE;
            count = -1;
            needName = true;
        } else if (word("absolute")) {
            dir = Stmt.FetchDirection.ABSOLUTE;
            count = signedIconst();
            needName = true;
        } else if (word("relative")) {
            dir = Stmt.FetchDirection.RELATIVE;
            count = signedIconst();
            needName = true;
        } else if (p.acceptKw("all")) {
            count = Stmt.FetchStmt.FETCH_ALL;
            needName = true;
        } else if (word("forward") || word("backward")) {
            if (t.value().equals("backward")) dir = Stmt.FetchDirection.BACKWARD;
            if (p.acceptKw("all")) count = Stmt.FetchStmt.FETCH_ALL;
            else if (p.peek().is(Kind.ICONST) || isSign(p.peek())) count = signedIconst();
            needName = true;
        } else if (t.is(Kind.ICONST) || isSign(t)) {
            count = signedIconst();
            needName = true;
        }
        if (!(p.acceptKw("from") || p.acceptKw("in")) && !needName && !Keywords.isColId(p.peek()))
            throw p.syntaxError(p.peek());
        String name = p.colId();
        return new Stmt.FetchStmt(dir, count, name, isMove);
    }

    /** CLOSE name | ALL. */
    Stmt close() {
        p.expectKw("close");
        if (p.acceptKw("all")) return new Stmt.ClosePortalStmt(null);
        return new Stmt.ClosePortalStmt(p.colId());
    }

    /** SignedIconst: an integer constant, optionally negated. */
    private long signedIconst() {
        boolean neg = false;
        if (isSign(p.peek())) neg = p.advance().value().equals("-");
        Token n = p.peek();
        if (!n.is(Kind.ICONST)) throw p.syntaxError(n);
        p.advance();
        long v;
        try {
            v = Integer.parseInt(n.value());
        } catch (NumberFormatException e) {
            throw p.syntaxError(n);
        }
        return neg ? -v : v;
    }

    private static boolean isSign(Token t) {
        return (t.is(Kind.OP) || t.is(Kind.CHAR)) && (t.value().equals("-") || t.value().equals("+"));
    }

    /** Accepts an unreserved keyword the keyword table does not list (it scans as an identifier). */
    private boolean word(String w) {
        if (!isWord(p.peek(), w)) return false;
        p.advance();
        return true;
    }

    private static boolean isWord(Token t, String w) {
        return t.isKeyword(w) || t.is(Kind.IDENT) && t.keyword() == null && t.value().equals(w) && t.end() - t.start() == w.length();
    }
}
