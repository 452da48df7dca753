package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** The scanner under standard_conforming_strings / escape_string_warning, as scan.l behaves. */
class ScanSettingsTest {
    private final List<PgException> warnings = new ArrayList<>();

    private void settings(boolean scs, boolean warn) {
        ScanSettings.install(new ScanSettings.Source() {
            @Override public boolean standardConformingStrings() { return scs; }
            @Override public boolean escapeStringWarning() { return warn; }
            @Override public void warn(PgException w) { warnings.add(w); }
        });
    }

    @AfterEach
    void reset() {
        ScanSettings.install(null);
    }

    @Test
    void standardStringsKeepBackslashes() {
        settings(true, true);
        assertEquals("a\\\\b", new Lexer("'a\\\\b'").next().value());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void nonStandardStringsTakeEscapesAndWarnOncePerLiteral() {
        settings(false, true);
        Lexer l = new Lexer("select 'a\\\\b\\'cd', 'x\\ny'");
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
        assertEquals("ab'c", new Lexer("'ab\\'c'").next().value());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void unicodeStringsAreRefusedWithoutStandardStrings() {
        settings(false, true);
        // the first token is the keyword; the U& literal fails when reached
        Lexer l = new Lexer("select U&'d\\0061t'");
        l.next();
        PgException e = assertThrows(PgException.class, l::next);
        assertEquals("unsafe use of string constant with Unicode escapes", e.getMessage());
        assertEquals(8, e.position());
        // a U& identifier is still fine
        assertEquals("data", new Lexer("U&\"d\\0061ta\"").next().value());
    }
}
