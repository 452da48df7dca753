package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.tusk.catalog.PartitionBound.RangeDatum;

/** relpartbound text is what pg_get_expr prints, and reads back to the same bound. */
class PartitionBoundTest {
    private static PartitionKey key(char strategy, int... types) {
        int[] attnums = new int[types.length];
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            attnums[i] = i + 1;
            names[i] = "c" + i;
        }
        return new PartitionKey(strategy, attnums, new String[types.length], types, new int[types.length],
                new int[types.length], new int[types.length], names);
    }

    private static RangeDatum v(Object o) { return new RangeDatum(RangeDatum.VALUE, o); }

    @Test
    void listBoundsPrintAsRuleutilsAndReadBack() {
        PartitionKey text = key('l', TypeOids.TEXT);
        PartitionBound b = new PartitionBound('l', Arrays.asList("a", "it's", null), null, null, -1, -1);
        String sql = b.toSql(text);
        assertEquals("FOR VALUES IN ('a', 'it''s', NULL)", sql);
        assertEquals(b, PartitionBound.parse(sql, text));
        assertTrue(b.listContains(text, null));
        assertTrue(b.listContains(text, "it's"));
        assertFalse(b.listContains(text, "b"));
    }

    @Test
    void constantsAreQuotedAsGetConstExprDoes() {
        // int4 bare unless negative; other integer types quoted
        assertEquals("FOR VALUES IN (1, '-2')",
                new PartitionBound('l', List.of(1, -2), null, null, -1, -1).toSql(key('l', TypeOids.INT4)));
        assertEquals("FOR VALUES IN ('10')",
                new PartitionBound('l', List.of(10L), null, null, -1, -1).toSql(key('l', TypeOids.INT8)));
        assertEquals("FOR VALUES IN (true)",
                new PartitionBound('l', List.of(true), null, null, -1, -1).toSql(key('l', TypeOids.BOOL)));
    }

    @Test
    void rangeBoundsWithMinvalueAndMaxvalue() {
        PartitionKey k = key('r', TypeOids.INT4, TypeOids.INT4);
        PartitionBound b = new PartitionBound('r', null, List.of(new RangeDatum(RangeDatum.MINVALUE, null),
                new RangeDatum(RangeDatum.MINVALUE, null)), List.of(v(10), v(5)), -1, -1);
        assertEquals("FOR VALUES FROM (MINVALUE, MINVALUE) TO (10, 5)", b.toSql(k));
        assertEquals(b, PartitionBound.parse(b.toSql(k), k));
        assertTrue(b.rangeContains(k, new Object[] {10, 4}));
        assertFalse(b.rangeContains(k, new Object[] {10, 5}), "the upper bound is exclusive");
        assertTrue(b.rangeContains(k, new Object[] {-1000, 99}));
    }

    @Test
    void characterKeysCompareWithoutTrailingBlanks() {
        // bpcharcmp is the partition support: 'a' finds the partition of 'a'::char(3), and E'b\t'
        // sorts after 'b' (a padded compare would put it before 'b  ')
        PartitionBound list = new PartitionBound('l', List.of("a  "), null, null, -1, -1);
        assertTrue(list.listContains(key('l', TypeOids.BPCHAR), "a"));
        assertFalse(list.listContains(key('l', TypeOids.TEXT), "a"));
        PartitionKey k = key('r', TypeOids.BPCHAR);
        PartitionBound upper = new PartitionBound('r', null, List.of(new RangeDatum(RangeDatum.MINVALUE, null)),
                List.of(v("b   ")), -1, -1);
        assertFalse(upper.rangeContains(k, new Object[] {"b\t  "}));
        assertTrue(upper.rangeContains(k, new Object[] {"a\n  "}));
    }

    @Test
    void rangeComparisonStopsAtInfiniteDatums() {
        assertEquals(0, PartitionBound.compareRange(null, List.of(v(1), new RangeDatum(RangeDatum.MAXVALUE, null)),
                List.of(v(1), new RangeDatum(RangeDatum.MAXVALUE, null))));
        assertTrue(PartitionBound.compareRange(null, List.of(v(1), v(9)), List.of(v(2), v(0))) < 0);
        assertTrue(PartitionBound.compareRange(null, List.of(new RangeDatum(RangeDatum.MAXVALUE, null)), List.of(v(1 << 30))) > 0);
    }

    @Test
    void hashAndDefaultBounds() {
        PartitionKey k = key('h', TypeOids.INT4);
        PartitionBound h = new PartitionBound('h', null, null, null, 4, 3);
        assertEquals("FOR VALUES WITH (modulus 4, remainder 3)", h.toSql(k));
        assertEquals(h, PartitionBound.parse(h.toSql(k), k));
        assertEquals("DEFAULT", PartitionBound.defaultBound().toSql(k));
        assertTrue(PartitionBound.parse("DEFAULT", k).isDefault());
    }
}
