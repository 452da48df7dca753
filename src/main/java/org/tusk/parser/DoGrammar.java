package org.tusk.parser;

import java.util.Locale;

import org.tusk.nodes.Stmt;
import org.tusk.parser.Token.Kind;
import org.tusk.utils.error.PgException;

/**
 * gram.y's DoStmt: DO followed by the code string and at most one LANGUAGE clause, before or
 * after it (dostmt_opt_list). The code is kept as text; the language's inline handler compiles it.
 */
final class DoGrammar {
    private DoGrammar() {}

    static Stmt doStmt(Parser p) {
        p.advance();   // DO
        String code = null, language = null;
        while (!p.peek().is(Kind.EOF) && !p.peek().isChar(';')) {
            Token t = p.peek();
            if (t.is(Kind.SCONST)) {
                if (code != null) throw PgException.error("42601", "conflicting or redundant options");
                code = p.advance().value();
            } else if (p.acceptKw("language")) {
                if (language != null) throw PgException.error("42601", "conflicting or redundant options");
                Token l = p.advance();
                if (!l.is(Kind.SCONST) && !l.is(Kind.IDENT)) throw p.syntaxError(l);
                language = l.is(Kind.SCONST) ? l.value() : l.value().toLowerCase(Locale.ROOT);
            } else {
                throw p.syntaxError(t);
            }
        }
        if (code == null) throw PgException.error("42601", "no inline code specified");
        return new Stmt.DoStmt(code, language);
    }
}
