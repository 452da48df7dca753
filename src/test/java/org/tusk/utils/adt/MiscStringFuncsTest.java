package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** unistr, parse_ident, width_bucket, md5 and the bytea functions against PostgreSQL 15's results. */
class MiscStringFuncsTest {
    @Test
    void unistr() {
        assertEquals("data \u0441\u0442", UnicodeEscapes.unistr("d\\0061t\\+000061 \\u0441\\U00000442"));
        assertEquals("a\\b", UnicodeEscapes.unistr("a\\\\b"));
        assertEquals("\uD83D\uDE00", UnicodeEscapes.unistr("\\D83D\\DE00"));
        PgException e = assertThrows(PgException.class, () -> UnicodeEscapes.unistr("wrong: \\db99"));
        assertEquals("invalid Unicode surrogate pair", e.getMessage());
        e = assertThrows(PgException.class, () -> UnicodeEscapes.unistr("wrong: \\061"));
        assertEquals("invalid Unicode escape", e.getMessage());
    }

    @Test
    void parseIdent() {
        assertEquals(List.of("schema", "Tab.le"), IdentParse.parse("  Schema.\"Tab.le\"  ", true));
        assertEquals(List.of("foo", "boo"), IdentParse.parse("foo.boo[]", false));
        PgException e = assertThrows(PgException.class, () -> IdentParse.parse("foo.boo[]", true));
        assertEquals("string is not a valid identifier: \"foo.boo[]\"", e.getMessage());
        e = assertThrows(PgException.class, () -> IdentParse.parse(".foo", true));
        assertEquals("No valid identifier before \".\".", e.detail());
        e = assertThrows(PgException.class, () -> IdentParse.parse("\"foo", true));
        assertEquals("String has unclosed double quotes.", e.detail());
    }

    @Test
    void widthBucket() {
        assertEquals(3, WidthBucket.of(new BigDecimal("5.35"), new BigDecimal("0.024"), new BigDecimal("10.06"), 5));
        assertEquals(3, WidthBucket.of(5.35, 0.024, 10.06, 5));
        assertEquals(0, WidthBucket.of(-1.0, 0, 10, 5));
        assertEquals(6, WidthBucket.of(10.0, 0, 10, 5));
        assertEquals(1, WidthBucket.of(9.0, 10, 0, 5));
        PgException e = assertThrows(PgException.class, () -> WidthBucket.of(1.0, 1, 1, 5));
        assertEquals("lower bound cannot equal upper bound", e.getMessage());
        assertEquals("2201G", e.sqlState());
    }

    @Test
    void hashesAndEncodings() {
        assertEquals("900150983cd24fb0d6963f7d28e17f72", CryptoHashes.md5Hex("abc".getBytes(StandardCharsets.UTF_8)));
        assertEquals("\\000\\377A", ByteaFuncs.encode(new byte[] {0, (byte) 0xff, 'A'}, "escape"));
        byte[] alphabet = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8);
        String b64 = ByteaFuncs.encode(alphabet, "base64");
        assertEquals("YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5emFiY2Rl\nZmdoaWprbG1ub3BxcnN0dXZ3eHl6", b64);
        assertArrayEquals(alphabet, ByteaFuncs.decode(b64, "base64"));
        assertArrayEquals(new byte[] {0x12, (byte) 0xab}, ByteaFuncs.decode("12 ab", "hex"));
        assertThrows(PgException.class, () -> ByteaFuncs.decode("123", "hex"));
        assertThrows(PgException.class, () -> ByteaFuncs.encode(alphabet, "rot13"));
    }

    @Test
    void byteAccess() {
        byte[] v = {1, 2, (byte) 0x80};
        assertEquals(128, ByteaFuncs.getByte(v, 2));
        assertEquals(1, ByteaFuncs.getBit(v, 0));
        assertEquals(1, ByteaFuncs.getBit(v, 23));
        assertArrayEquals(new byte[] {1, 2, 0}, ByteaFuncs.setBit(v, 23, 0));
        assertArrayEquals(new byte[] {2, (byte) 0x80}, ByteaFuncs.substr(v, 2, null));
        assertArrayEquals(new byte[] {1}, ByteaFuncs.substr(v, -1, 3));
        assertArrayEquals(new byte[] {2}, ByteaFuncs.trim(v, new byte[] {1, (byte) 0x80}, true, true));
        PgException e = assertThrows(PgException.class, () -> ByteaFuncs.getByte(v, 3));
        assertEquals("index 3 out of valid range, 0..2", e.getMessage());
    }
}
