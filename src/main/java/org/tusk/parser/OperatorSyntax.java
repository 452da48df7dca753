package org.tusk.parser;

import java.util.function.Supplier;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Two bits of gram.y that catalog queries (psql's, JDBC drivers') use: the qualified operator
 * {@code OPERATOR(pg_catalog.~)} (qual_Op) and the {@code COLLATE} clause.
 *
 * <p>Every operator Tusk has is a built-in of pg_catalog, so a qualified operator names the
 * same operator as the bare one when its schema is pg_catalog, and no operator otherwise.
 * The COLLATE clause is parsed here into its name; {@link ParseCollate} looks it up and
 * derives the collations of the expression tree.
 */
final class OperatorSyntax {
    private OperatorSyntax() {}

    /** The collations every database has (pg_collation's built-in rows). */
    static final java.util.Set<String> COLLATIONS = java.util.Set.of("default", "C", "POSIX", "ucs_basic");

    static boolean isOperatorCall(Token t, Token next) {
        return t.kind() == Token.Kind.IDENT && "operator".equals(t.value()) && next.isChar('(');
    }

    /** After the OPERATOR keyword: '(' [schema '.'] op ')'; returns the operator's name. */
    static String qualifiedOperator(Supplier<Token> advance) {
        Token open = advance.get();
        if (!open.isChar('(')) throw syntax(open);
        StringBuilder schema = new StringBuilder();
        Token t = advance.get();
        while (t.kind() == Token.Kind.IDENT) {
            if (!schema.isEmpty()) schema.append('.');
            schema.append(t.value());
            Token dot = advance.get();
            if (!dot.isChar('.')) throw syntax(dot);
            t = advance.get();
        }
        if (t.kind() == Token.Kind.IDENT || t.kind() == Token.Kind.EOF || t.isChar('(') || t.isChar(')'))
            throw syntax(t);
        String op = t.value();
        Token close = advance.get();
        if (!close.isChar(')')) throw syntax(close);
        String s = schema.toString();
        if (!s.isEmpty() && !s.equals("pg_catalog"))
            throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + s + "\" does not exist");
        return op;
    }

    /** After COLLATE: any_name, the collation's name with its qualifiers (looked up by the analysis). */
    static java.util.List<String> anyName(Supplier<Token> advance, Supplier<Token> peek) {
        java.util.List<String> names = new java.util.ArrayList<>();
        Token t = advance.get();
        if (t.kind() != Token.Kind.IDENT) throw syntax(t);
        names.add(t.value());
        while (peek.get().isChar('.')) {
            advance.get();
            Token n = advance.get();
            if (n.kind() != Token.Kind.IDENT) throw syntax(n);
            names.add(n.value());
        }
        return java.util.List.copyOf(names);
    }

    private static PgException syntax(Token t) {
        return PgException.error(SqlState.SYNTAX_ERROR, t.kind() == Token.Kind.EOF ? "syntax error at end of input"
                : "syntax error at or near \"" + t.value() + "\"");
    }
}
