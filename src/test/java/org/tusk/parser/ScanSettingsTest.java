package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;
import org.tusk.utils.misc.ScanSettings;

/** The scanner under standard_conforming_strings / escape_string_warning, as scan.l behaves. */
class ScanSettingsTest {
    private final List<PgException> warnings = new ArrayList<>();

    private ScanSettings settings;

    private void settings(boolean scs, boolean warn) {
        settings = new ScanSettings() {
            @Override public boolean standardConformingStrings() { return scs; }
            @Override public boolean escapeStringWarning() { return warn; }
            @Override public void warn(PgException w) { warnings.add(w); }
        };
    }

    private Lexer lexer(String s) {
        return new Lexer(s, settings);
    }

    @Test
    void standardStringsKeepBackslashes() {
        settings(true, true);
        assertEquals("a\\\\b", lexer("'a\\\\b'").next().value());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void nonStandardStringsTakeEscapesAndWarnOncePerLiteral() {
        settings(false, true);
        Lexer l = lexer("select 'a\\\\b\\'cd', 'x\\ny'");
        l.next();
        Token t = l.next();
        assertEquals("a\\b'cd", t.value());
        assertEquals(1, warnings.size());
        assertEquals("nonstandard use of \\\\ in a string literal", warnings.get(0).getMessage());
        assertEquals(8, warnings.get(0).position());
        l.next();
        assertEquals("x\ny", l.next().value());
        assertEquals(2, warnings.size());
        assertEquals("nonstandard use of escape in a string literal", warnings.get(1).getMessage());
    }

    @Test
    void noWarningWhenEscapeStringWarningIsOff() {
        settings(false, false);
        assertEquals("ab'c", lexer("'ab\\'c'").next().value());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void unicodeStringsAreRefusedWithoutStandardStrings() {
        settings(false, true);
        // the first token is the keyword; the U& literal fails when reached
        Lexer l = lexer("select U&'d\\0061t'");
        l.next();
        PgException e = assertThrows(PgException.class, l::next);
        assertEquals("unsafe use of string constant with Unicode escapes", e.getMessage());
        assertEquals(8, e.position());
        // a U& identifier is still fine
        assertEquals("data", lexer("U&\"d\\0061ta\"").next().value());
    }

    @Test
    void eachParseScansWithTheSettingsItIsGiven() {
        settings(false, true);
        assertEquals(1, Parser.parse("select 'a\\'z'", settings).size());
        assertEquals(1, warnings.size());
        // the same text under the defaults (standard strings): 'a\' then an unterminated literal
        PgException e = assertThrows(PgException.class, () -> Parser.parse("select 'a\\'z'"));
        assertEquals("unterminated quoted string at or near \"'\"", e.getMessage());
        assertEquals(1, warnings.size());
    }
}
