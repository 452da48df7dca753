package org.tusk.parser;

import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;

/**
 * gram.y's CreateCastStmt and DropCastStmt:
 * CREATE CAST (Typename AS Typename) {WITH FUNCTION function_with_argtypes | WITHOUT FUNCTION |
 * WITH INOUT} [AS IMPLICIT | AS ASSIGNMENT], and DROP CAST [IF EXISTS] (Typename AS Typename)
 * [CASCADE | RESTRICT].
 */
final class CastGrammar {
    private final Parser p;
    private final String src;

    CastGrammar(Parser p, String src) {
        this.p = p;
        this.src = src;
    }

    Stmt create() {
        p.expectKw("create");
        p.expectKw("cast");
        p.expectChar('(');
        TypeName source = p.typeName();
        p.expectKw("as");
        TypeName target = p.typeName();
        p.expectChar(')');
        Stmt.DropFunctionStmt.FunctionRef fn = null;
        boolean inout = false;
        if (p.acceptKw("without")) {
            p.expectKw("function");
        } else {
            p.expectKw("with");
            if (p.acceptKw("function")) fn = new FunctionGrammar(p, src).functionRef();
            else if ("inout".equals(p.peek().value())) {
                p.advance();
                inout = true;
            } else throw p.syntaxError(p.peek());
        }
        char context = 'e';
        if (p.acceptKw("as")) {
            if ("implicit".equals(p.peek().value())) context = 'i';
            else if ("assignment".equals(p.peek().value())) context = 'a';
            else throw p.syntaxError(p.peek());
            p.advance();
        }
        return new Stmt.CreateCastStmt(source, target, fn, context, inout);
    }

    Stmt drop() {
        p.expectKw("drop");
        p.expectKw("cast");
        boolean missingOk = p.acceptIfExists();
        p.expectChar('(');
        TypeName source = p.typeName();
        p.expectKw("as");
        TypeName target = p.typeName();
        p.expectChar(')');
        boolean cascade = p.acceptKw("cascade");
        if (!cascade) p.acceptKw("restrict");
        return new Stmt.DropCastStmt(source, target, missingOk, cascade);
    }
}
