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
 * Tusk compares strings bytewise (the "C" collation) whatever collation a column has, so a
 * COLLATE clause naming an existing collation changes nothing; one naming any other is an error,
 * as in PostgreSQL.
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

    /** After COLLATE: any_name, which must be an existing collation. */
    static void checkCollation(Supplier<Token> advance, Supplier<Token> peek, int loc) {
        StringBuilder name = new StringBuilder();
        String schema = null;
        Token t = advance.get();
        if (t.kind() != Token.Kind.IDENT) throw syntax(t);
        String last = t.value();
        while (peek.get().isChar('.')) {
            advance.get();
            Token n = advance.get();
            if (n.kind() != Token.Kind.IDENT) throw syntax(n);
            schema = schema == null ? last : schema + "." + last;
            last = n.value();
        }
        name.append(schema == null ? "" : schema + ".").append(last);
        if ((schema != null && !schema.equals("pg_catalog")) || !COLLATIONS.contains(last))
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "collation \"" + name + "\" for encoding \"UTF8\" does not exist");
    }

    private static PgException syntax(Token t) {
        return PgException.error(SqlState.SYNTAX_ERROR, t.kind() == Token.Kind.EOF ? "syntax error at end of input"
                : "syntax error at or near \"" + t.value() + "\"");
    }
}
