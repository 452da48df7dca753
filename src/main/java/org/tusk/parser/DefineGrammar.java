package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.Token.Kind;

/**
 * gram.y's DefineStmt for base and shell types (CREATE TYPE name [definition]) and operators
 * (CREATE OPERATOR any_operator definition), AlterOperatorStmt (ALTER OPERATOR ... SET (...)), with the generic {@code definition}: '(' def_elem [, ...] ')', def_elem being
 * ColLabel ['=' def_arg]. A def_arg's text is kept as written (its case folded as the lexer
 * folds identifiers); a name's parts go into the DefElem's list, an operator's too.
 */
final class DefineGrammar {
    private final Parser p;

    DefineGrammar(Parser p) {
        this.p = p;
    }

    /** Whether the input is CREATE OPERATOR (not OPERATOR CLASS/FAMILY); OPERATOR is not marked by the lexer. */
    static boolean atCreateOperator(Parser p) {
        return OperatorGrammar.atDropOperator(p);
    }

    /** After CREATE TYPE name: a shell type (nothing follows) or a base type (a definition follows). */
    Stmt createType(List<String> name, int start) {
        if (!p.isChar('(')) return new Stmt.DefineTypeStmt(name, null, start);
        return new Stmt.DefineTypeStmt(name, definition(), start);
    }

    /** CREATE OPERATOR any_operator definition. */
    Stmt createOperator() {
        p.expectKw("create");
        p.advance();   // OPERATOR
        List<String> name = anyOperator();
        return new Stmt.DefineOperatorStmt(name, definition());
    }

    /** ALTER OPERATOR any_operator oper_argtypes SET (operator_def_list); OWNER TO is not run yet (0A000). */
    Stmt alterOperator() {
        p.expectKw("alter");
        p.advance();   // OPERATOR
        List<String> name = anyOperator();
        p.expectChar('(');
        TypeName left = p.acceptKw("none") ? null : p.typeName();
        p.expectChar(',');
        TypeName right = p.acceptKw("none") ? null : p.typeName();
        p.expectChar(')');
        Stmt.DropOperatorStmt.OperatorRef ref = new Stmt.DropOperatorStmt.OperatorRef(name, left, right);
        if (p.isKw("owner")) throw p.notSupported("ALTER OPERATOR ... OWNER TO", p.peek().start());
        p.expectKw("set");
        return new Stmt.AlterOperatorStmt(ref, definition());
    }

    /** any_operator: [ColId '.' ...] all_Op. */
    List<String> anyOperator() {
        List<String> name = new ArrayList<>();
        while (p.peek().is(Kind.IDENT)) {
            name.add(p.colId());
            p.expectChar('.');
        }
        name.add(operatorToken());
        return name;
    }

    private String operatorToken() {
        Token t = p.peek();
        if (!isOperator(t)) throw p.syntaxError(t);
        p.advance();
        return t.is(Kind.NOT_EQUALS) ? "<>" : t.value();
    }

    private static boolean isOperator(Token t) {
        return t.is(Kind.OP) || t.is(Kind.LESS_EQUALS) || t.is(Kind.GREATER_EQUALS) || t.is(Kind.NOT_EQUALS)
                || t.is(Kind.CHAR) && "+-*/%^<>=".indexOf(t.value().charAt(0)) >= 0;
    }

    private static boolean isEquals(Token t) {
        return t.isChar('=') || t.is(Kind.OP) && t.value().equals("=");
    }

    /** definition: '(' def_elem [, ...] ')'. */
    List<Stmt.DefElem> definition() {
        p.expectChar('(');
        List<Stmt.DefElem> out = new ArrayList<>();
        do {
            Token n = p.advance();
            if (!n.is(Kind.IDENT)) throw p.syntaxError(n);
            String value = null;
            List<String> list = null;
            if (isEquals(p.peek())) {
                p.advance();
                Token v = p.peek();
                if (v.is(Kind.SCONST) || v.is(Kind.ICONST) || v.is(Kind.FCONST)) {
                    value = p.advance().value();
                } else if ((v.is(Kind.OP) || v.is(Kind.CHAR)) && (v.value().equals("-") || v.value().equals("+"))
                        && (p.peek(1).is(Kind.ICONST) || p.peek(1).is(Kind.FCONST))) {
                    // NumericOnly with a sign
                    value = p.advance().value() + p.advance().value();
                } else if (v.is(Kind.IDENT) && "operator".equals(v.value()) && p.peek(1).isChar('(')) {
                    // OPERATOR(schema.op)
                    p.advance();
                    p.advance();
                    list = anyOperator();
                    p.expectChar(')');
                    value = String.join(".", list);
                } else if (v.is(Kind.IDENT) && "setof".equals(v.value()) && p.peek(1).is(Kind.IDENT)) {
                    // SETOF Typename: kept so that DefineOperator can refuse it
                    p.advance();
                    TypeName t = p.typeName();
                    list = t.names();
                    value = "setof " + String.join(".", list);
                } else if (isOperator(v)) {
                    value = operatorToken();
                    list = List.of(value);
                } else if (v.is(Kind.IDENT) && (p.peek(1).isChar(',') || p.peek(1).isChar(')'))) {
                    // one word: a name, or a reserved word such as a Boolean (defGetBoolean) or NONE
                    value = v.keyword() != null ? v.keyword() : v.value();
                    p.advance();
                    list = List.of(value);
                } else {
                    // func_type: a possibly qualified name or a type name
                    TypeName t = p.typeName();
                    list = t.names();
                    value = String.join(".", list) + (t.array() ? "[]" : "");
                }
            }
            out.add(new Stmt.DefElem(n.keyword() != null ? n.keyword() : n.value(), value, n.start(), list));
        } while (p.acceptChar(','));
        p.expectChar(')');
        return out;
    }
}
