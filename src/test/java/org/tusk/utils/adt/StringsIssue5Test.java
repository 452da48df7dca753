package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** bytea output formats, bytea bit_count, pg_lsn(numeric) and ARE anchors/errors as PostgreSQL gives them. */
class StringsIssue5Test {
    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    @Test
    void byteaOutputFollowsByteaOutputSetting() {
        byte[] b = bytes(0xDE, 0x00, 0xBE, 0xEF);
        assertEquals("\\xde00beef", Texts.byteaOut(b, OutputSettings.DEFAULT));
        OutputSettings esc = new OutputSettings(java.time.ZoneOffset.UTC, 1, DateStyles.Style.ISO,
                DateStyles.Order.MDY, DateStyles.IntervalStyle.POSTGRES, true);
        assertEquals("\\336\\000\\276\\357", Texts.byteaOut(b, esc));
        // printable ASCII as itself, a backslash doubled, DEL and controls octal
        assertEquals("De\\\\S~\\177\\012", Texts.byteaOut("De\\S~\u007f\n".getBytes(), esc));
    }

    @Test
    void byteaInputErrorDoesNotEchoTheValue() {
        PgException e = assertThrows(PgException.class, () -> Texts.byteaIn("De\\678dBeEf"));
        assertEquals("invalid input syntax for type bytea", e.getMessage());
        assertEquals("22P02", e.sqlState());
    }

    @Test
    void byteaBitCount() {
        assertEquals(15, ByteaFuncs.bitCount(bytes(0x12, 0x34, 0x56, 0x78, 0x90)));
        assertEquals(0, ByteaFuncs.bitCount(new byte[0]));
        assertEquals(8, ByteaFuncs.bitCount(bytes(0xFF)));
    }

    @Test
    void pgLsnFromNumeric() {
        assertEquals("0/16AE7F8", Lsns.lsnOut(Lsns.fromNumeric(new BigDecimal(23783416))));
        assertEquals("FFFFFFFF/FFFFFFFF", Lsns.lsnOut(Lsns.fromNumeric(new BigDecimal("18446744073709551615"))));
        assertEquals("0/0", Lsns.lsnOut(Lsns.fromNumeric(BigDecimal.ZERO)));
        assertEquals("pg_lsn out of range",
                assertThrows(PgException.class, () -> Lsns.fromNumeric(new BigDecimal(-1))).getMessage());
        assertEquals("pg_lsn out of range",
                assertThrows(PgException.class, () -> Lsns.fromNumeric(new BigDecimal("18446744073709551616"))).getMessage());
        PgException nan = assertThrows(PgException.class, () -> Lsns.fromNumeric(NumericSpecial.NAN));
        assertEquals("cannot convert NaN to pg_lsn", nan.getMessage());
        assertEquals("0A000", nan.sqlState());
    }

    @Test
    void newlineAnchoredCaretMatchesAfterFinalNewline() {
        assertEquals(5, RegExps.count("1\n2\n3\n4\n", "^.?", 1, "n"));
        assertFalse(RegExps.matches("ab", "b^", false));
    }

    @Test
    void badRepetitionRange() {
        PgException e = assertThrows(PgException.class, () -> RegExps.matches("x", "(bar)(beque){2,1}", false));
        assertEquals("invalid regular expression: invalid repetition count(s)", e.getMessage());
    }
}
