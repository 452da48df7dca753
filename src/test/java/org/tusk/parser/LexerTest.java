package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

class LexerTest {
    private static List<Token> lex(String s) {
        Lexer l = new Lexer(s);
        List<Token> out = new ArrayList<>();
        for (Token t = l.next(); !t.is(Token.Kind.EOF); t = l.next()) out.add(t);
        return out;
    }

    private static String render(String s) {
        StringBuilder sb = new StringBuilder();
        for (Token t : lex(s)) sb.append(t.kind()).append('(').append(t.value()).append(')').append(' ');
        return sb.toString().trim();
    }

    @Test
    void identifiersFoldCaseQuotedDoNot() {
        assertEquals("IDENT(select) IDENT(foo) IDENT(Foo) IDENT(a\"b)", render("SELECT Foo \"Foo\" \"a\"\"b\""));
        Token kw = lex("SeLeCt").get(0);
        assertEquals("select", kw.keyword());
        assertNull(lex("\"select\"").get(0).keyword(), "quoted identifiers are never keywords");
    }

    @Test
    void longIdentifiersAreTruncatedTo63Bytes() {
        String id = "a".repeat(70);
        assertEquals(63, lex(id).get(0).value().length());
    }

    @Test
    void numbers() {
        assertEquals("ICONST(42) FCONST(2147483648) FCONST(1.5) FCONST(.5) FCONST(5.) FCONST(1e10) FCONST(1.5E-3)",
                render("42 2147483648 1.5 .5 5. 1e10 1.5E-3"));
        // "1..2" scans as integer 1 followed by ".." (decimalfail)
        assertEquals("ICONST(1) DOT_DOT(..) ICONST(2)", render("1..2"));
        PgException e = assertThrows(PgException.class, () -> lex("select 0x10"));
        assertEquals("trailing junk after numeric literal at or near \"0x10\"", e.getMessage());
        assertEquals(8, e.position());
    }

    @Test
    void strings() {
        assertEquals("SCONST(it's)", render("'it''s'"));
        assertEquals("SCONST(ab)", render("'a'\n  'b'"), "continuation across a newline");
        assertEquals("SCONST(a) SCONST(b)", render("'a' 'b'"), "no continuation without a newline");
        assertEquals("SCONST(back\\slash)", render("'back\\slash'"), "standard_conforming_strings");
        assertEquals("SCONST(a\tb\nc\\d'e\u0041A)", render("E'a\\tb\\nc\\\\d\\'e\\u0041\\x41'"));
        assertEquals("SCONST(data)", render("U&'d\\0061t\\+000061'"));
        assertEquals("SCONST(d!a)", render("U&'d!!!0061' UESCAPE '!'"));
        assertEquals("IDENT(Ab)", render("U&\"A\\0062\""));
        assertEquals("SCONST(it's $x$) IDENT(x)", render("$tag$it's $x$$tag$ x"));
        assertEquals("SCONST()", render("$$$$"));
    }

    @Test
    void parametersOperatorsAndCasts() {
        assertEquals("PARAM(1) OP(||) PARAM(12)", render("$1 || $12"));
        assertEquals("IDENT(a) TYPECAST(::) IDENT(int4)", render("a::int4"));
        assertEquals("NOT_EQUALS(<>) NOT_EQUALS(<>) LESS_EQUALS(<=) GREATER_EQUALS(>=) EQUALS_GREATER(=>) COLON_EQUALS(:=)",
                render("!= <> <= >= => :="));
        // trailing + and - are stripped from multi-char operators unless they contain ~!@#^&|`?%
        assertEquals("ICONST(1) CHAR(*) CHAR(-) ICONST(2)", render("1*-2"));
        assertEquals("ICONST(1) OP(@-) ICONST(2)", render("1@-2"));
        assertEquals("CHAR(() CHAR(+) CHAR(,) CHAR(;) CHAR([) CHAR(])", render("(+,;[]"));
    }

    @Test
    void comments() {
        assertEquals("ICONST(1) ICONST(2)", render("1 -- comment\n 2"));
        assertEquals("ICONST(1) ICONST(2)", render("1 /* a /* nested */ b */ 2"));
        assertEquals("ICONST(1) CHAR(-)", render("1-/* c */"), "an operator stops before a comment start");
        PgException e = assertThrows(PgException.class, () -> lex("select /* x /* y */"));
        assertEquals("unterminated /* comment at or near \"/* x /* y */\"", e.getMessage());
        assertEquals(8, e.position());
    }

    @Test
    void unterminatedLiterals() {
        PgException e = assertThrows(PgException.class, () -> lex("select 'abc"));
        assertEquals("42601", e.sqlState());
        assertEquals("unterminated quoted string at or near \"'abc\"", e.getMessage());
        assertEquals(8, e.position());
        e = assertThrows(PgException.class, () -> lex("select \"abc"));
        assertEquals("unterminated quoted identifier at or near \"\"abc\"", e.getMessage());
        e = assertThrows(PgException.class, () -> lex("select $$abc"));
        assertEquals("unterminated dollar-quoted string at or near \"$$abc\"", e.getMessage());
        e = assertThrows(PgException.class, () -> lex("select b'101"));
        assertEquals("unterminated bit string literal at or near \"b'101\"", e.getMessage());
        e = assertThrows(PgException.class, () -> lex("select x'1f"));
        assertEquals("unterminated hexadecimal string literal at or near \"x'1f\"", e.getMessage());
        e = assertThrows(PgException.class, () -> lex("select e'ab"));
        assertEquals("unterminated quoted string at or near \"e'ab\"", e.getMessage());
        e = assertThrows(PgException.class, () -> lex("select \"\""));
        assertEquals("zero-length delimited identifier at or near \"\"\"\"", e.getMessage());
    }

    @Test
    void positionsCountCharactersNotUtf16Units() {
        // an emoji is two UTF-16 units but one character
        assertEquals(5, Lexer.position("'😀' x", 5));
    }
}
