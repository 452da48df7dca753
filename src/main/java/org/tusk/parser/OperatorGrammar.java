package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.Token.Kind;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/** DROP OPERATOR (gram.y RemoveOperStmt with any_operator and oper_argtypes). */
final class OperatorGrammar {
    private final Parser p;

    OperatorGrammar(Parser p) {
        this.p = p;
    }

    /**
     * Whether the input is DROP OPERATOR (not OPERATOR CLASS/FAMILY). OPERATOR is an unreserved
     * keyword the lexer does not mark, so its spelling is compared.
     */
    static boolean atDropOperator(Parser p) {
        Token t = p.peek(1), next = p.peek(2);
        return t.is(Kind.IDENT) && t.keyword() == null && "operator".equals(t.value())
                && !(next.is(Kind.IDENT) && ("class".equals(next.value()) || "family".equals(next.value())));
    }

    /** DROP OPERATOR [IF EXISTS] any_operator oper_argtypes [, ...] [CASCADE | RESTRICT]. */
    Stmt drop() {
        p.expectKw("drop");
        p.advance();   // OPERATOR
        boolean missingOk = p.acceptIfExists();
        List<Stmt.DropOperatorStmt.OperatorRef> refs = new ArrayList<>();
        do {
            List<String> name = anyOperator();
            p.expectChar('(');
            TypeName left = typeOrNone();
            if (p.isChar(')')) {
                // '(' Typename ')': gram.y's error, placed at the ')'
                throw PgException.errorAt(SqlState.SYNTAX_ERROR, "missing argument", Lexer.position(p.src, p.peek().start()))
                        .withHint("Use NONE to denote the missing argument of a unary operator.");
            }
            p.expectChar(',');
            TypeName right = left == null ? p.typeName() : typeOrNone();
            p.expectChar(')');
            refs.add(new Stmt.DropOperatorStmt.OperatorRef(name, left, right));
        } while (p.acceptChar(','));
        boolean cascade = p.acceptKw("cascade");
        if (!cascade) p.acceptKw("restrict");
        return new Stmt.DropOperatorStmt(List.copyOf(refs), missingOk, cascade);
    }

    /** NONE (null) or a Typename. */
    private TypeName typeOrNone() {
        if (p.acceptKw("none")) return null;
        return p.typeName();
    }

    /** any_operator: all_Op | ColId '.' any_operator. */
    private List<String> anyOperator() {
        List<String> name = new ArrayList<>();
        // a name before the operator is a schema: ColId '.' (a lone name is an error at what follows it)
        while (p.peek().is(Kind.IDENT)) {
            name.add(p.colId());
            p.expectChar('.');
        }
        Token t = p.peek();
        boolean op = t.is(Kind.OP) || t.is(Kind.LESS_EQUALS) || t.is(Kind.GREATER_EQUALS) || t.is(Kind.NOT_EQUALS)
                || t.is(Kind.CHAR) && "+-*/%^<>=".indexOf(t.value().charAt(0)) >= 0;
        if (!op) throw p.syntaxError(t);
        p.advance();
        name.add(t.is(Kind.NOT_EQUALS) ? "<>" : t.value());
        return name;
    }
}
