package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LikePrefixTest {
    private static LikePrefix.Prefix like(String p) {
        return LikePrefix.of(p, false, true);
    }

    @Test
    void prefixStopsAtTheFirstWildcard() {
        assertEquals(new LikePrefix.Prefix("foo", LikePrefix.Status.PARTIAL), like("foo%bar"));
        assertEquals(new LikePrefix.Prefix("fo", LikePrefix.Status.PARTIAL), like("fo_"));
        assertEquals(new LikePrefix.Prefix("", LikePrefix.Status.NONE), like("%foo"));
    }

    @Test
    void wholePatternWithoutWildcardsIsExact() {
        assertEquals(new LikePrefix.Prefix("foo", LikePrefix.Status.EXACT), like("foo"));
        assertEquals(new LikePrefix.Prefix("", LikePrefix.Status.EXACT), like(""));
    }

    @Test
    void backslashEscapesAWildcard() {
        assertEquals(new LikePrefix.Prefix("RI_FKey", LikePrefix.Status.PARTIAL), like("RI\\_FKey%del"));
        assertEquals(new LikePrefix.Prefix("a%", LikePrefix.Status.EXACT), like("a\\%"));
        // as in like_fixed_prefix, a trailing backslash ends the scan at the pattern's end (exact);
        // the LIKE itself then fails with "LIKE pattern must not end with escape character"
        assertEquals(new LikePrefix.Prefix("ab", LikePrefix.Status.EXACT), like("ab\\"));
    }

    @Test
    void ilikeStopsAtACaseVaryingCharacter() {
        assertEquals(new LikePrefix.Prefix("00", LikePrefix.Status.PARTIAL), LikePrefix.of("00%foo", true, true));
        assertEquals(new LikePrefix.Prefix("", LikePrefix.Status.NONE), LikePrefix.of("ri%foo", true, true));
        // a non-ASCII character counts as a letter outside the C locale only
        assertEquals(new LikePrefix.Prefix("1é", LikePrefix.Status.PARTIAL), LikePrefix.of("1é%", true, true));
        assertEquals(new LikePrefix.Prefix("1", LikePrefix.Status.PARTIAL), LikePrefix.of("1é%", true, false));
    }

    @Test
    void greaterStringIncrementsTheLastCharacter() {
        assertEquals("RI_FKez", LikePrefix.greaterString("RI_FKey"));
        assertEquals("01", LikePrefix.greaterString("00"));
        assertEquals("k1:", LikePrefix.greaterString("k19"));
        assertEquals("a\uE000", LikePrefix.greaterString("a\uD7FF"));
        assertEquals("b", LikePrefix.greaterString("a" + new String(Character.toChars(Character.MAX_CODE_POINT))));
        assertNull(LikePrefix.greaterString(new String(Character.toChars(Character.MAX_CODE_POINT))));
    }
}
