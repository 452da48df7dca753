package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The type-aware comparison and hash of {@link Comparisons} (bpchar_ops and the bpchar hash
 * opclass): character values compare and hash without their trailing blanks, inside arrays and
 * records too, while text keeps them significant.
 */
class BpcharComparisonsTest {
    private static final int TEXT = 25;

    @Test
    void characterComparesWithoutTrailingBlanks() {
        assertEquals(0, Comparisons.compare(Comparisons.BPCHAR, "a  ", "a"));
        assertTrue(Comparisons.compare(TEXT, "a  ", "a") > 0);
        // 'a' < E'a\t' as bpcharcmp sees them, though the padded 'a  ' sorts after 'a\t'
        assertTrue(Comparisons.compare(Comparisons.BPCHAR, "a  ", "a\t") < 0);
        assertTrue(Comparisons.compare("a  ", "a\t") > 0);
        assertTrue(Comparisons.equal(Comparisons.BPCHAR, "ab ", "ab     "));
        assertTrue(Comparisons.equal(Comparisons.BPCHAR, null, null));
        assertEquals(Comparisons.hash(Comparisons.BPCHAR, "a"), Comparisons.hash(Comparisons.BPCHAR, "a    "));
    }

    @Test
    void arraysOfCharacterCompareAndHashByTheirElementType() {
        ArrayValue three = ArrayValue.of1d(Comparisons.BPCHAR, List.of("a  ", "b  "));
        ArrayValue five = ArrayValue.of1d(Comparisons.BPCHAR, List.of("a    ", "b    "));
        assertEquals(three, five);
        assertEquals(three.hashCode(), five.hashCode());
        assertNotEquals(ArrayValue.of1d(TEXT, List.of("a  ")), ArrayValue.of1d(TEXT, List.of("a")));
        assertTrue(ArrayFuncs.contains(three, ArrayValue.of1d(Comparisons.BPCHAR, List.of("b"))));
        assertEquals(2, ArrayFuncs.position(five, "b", null));
    }

    @Test
    void recordsCompareAndHashEachColumnByItsType() {
        RecordValue a = new RecordValue(List.of(Comparisons.BPCHAR, 23), List.of("a  ", 1));
        RecordValue b = new RecordValue(List.of(Comparisons.BPCHAR, 23), List.of("a", 1));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        RecordValue t = new RecordValue(List.of(TEXT, 23), List.of("a  ", 1));
        assertNotEquals(t, new RecordValue(List.of(TEXT, 23), List.of("a", 1)));
    }
}
