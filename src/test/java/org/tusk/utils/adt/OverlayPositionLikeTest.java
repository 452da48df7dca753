package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** OVERLAY, POSITION and bytea LIKE as varlena.c and like_match.c compute them (answers checked against PostgreSQL 15). */
class OverlayPositionLikeTest {
    private static byte[] b(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    @Test
    void textOverlay() {
        assertEquals("abc45f", StringFuncs.overlay("abcdef", "45", 4, null));
        assertEquals("yabadaba", StringFuncs.overlay("yabadoo", "daba", 5, null));
        assertEquals("yabadabadoo", StringFuncs.overlay("yabadoo", "daba", 5, 0));
        assertEquals("bubba", StringFuncs.overlay("babosa", "ubb", 2, 4));
        // a negative length takes the rest from before the start
        assertEquals("aXabcdef", StringFuncs.overlay("abcdef", "X", 2, -1));
        PgException e = assertThrows(PgException.class, () -> StringFuncs.overlay("abc", "x", 0, 1));
        assertEquals("22011", e.sqlState());
        assertEquals("negative substring length not allowed", e.getMessage());
    }

    @Test
    void byteaOverlayAndPosition() {
        assertArrayEquals(b("Th\000Mas"), ByteaFuncs.overlay(b("Th\000omas"), b("M"), 4, 2));
        assertArrayEquals(b("Th\000omas"), ByteaFuncs.overlay(b("Th\000omas"), b(""), 2, 0));
        assertEquals(3, ByteaFuncs.position(b("ab\001\002cd"), b("\001\002")));
        assertEquals(1, ByteaFuncs.position(b("abc"), b("")));
        assertEquals(0, ByteaFuncs.position(b("abc"), b("x")));
    }

    @Test
    void byteaLikeAndEscape() {
        assertTrue(ByteaFuncs.like(b("abc"), b("_b_")));
        assertFalse(ByteaFuncs.like(b("abc"), b("_c_")));
        assertTrue(ByteaFuncs.like(b("a_c"), ByteaFuncs.likeEscape(b("a$__"), b("$"))));
        assertFalse(ByteaFuncs.like(b("abc"), ByteaFuncs.likeEscape(b("a$__"), b("$"))));
        // no escape: a backslash is an ordinary byte
        assertTrue(ByteaFuncs.like(b("a\\c"), ByteaFuncs.likeEscape(b("a\\c"), b(""))));
        assertEquals("22025", assertThrows(PgException.class, () -> ByteaFuncs.likeEscape(b("a"), b("ab"))).sqlState());
    }
}
