package org.tusk.parser;

/**
 * A scanner token. {@code value} is the semantic value (folded identifier, string contents,
 * number text, operator name, parameter number); {@code keyword} is the lower-case keyword if
 * the token is an unquoted identifier that is a keyword, else null. start/end are 0-based
 * offsets of the token's raw text in the query string.
 */
public record Token(Kind kind, String value, String keyword, int start, int end) {
    public enum Kind {
        IDENT, ICONST, FCONST, SCONST, BCONST, XCONST, PARAM, OP, TYPECAST, DOT_DOT, COLON_EQUALS,
        EQUALS_GREATER, LESS_EQUALS, GREATER_EQUALS, NOT_EQUALS, CHAR, EOF
    }

    public boolean is(Kind k) { return kind == k; }

    public boolean isChar(char c) { return kind == Kind.CHAR && value.charAt(0) == c; }

    public boolean isKeyword(String kw) { return kw.equals(keyword); }
}
