package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A partition key with expression elements, and partexprs as stored and read back apart. */
class PartitionKeyTest {
    private static PartitionKey key() {
        return new PartitionKey('r', new int[] {1, 0, 0}, new String[] {null, "(b + 0)", "substr(c, 1, 5)"},
                new int[] {TypeOids.TEXT, TypeOids.INT4, TypeOids.TEXT}, new int[] {-1, -1, -1}, new int[] {3126, 1978, 3126},
                new int[] {100, 0, 950}, new String[] {"a", null, null});
    }

    @Test
    void expressionElementsAreStoredInKeyOrder() {
        PartitionKey k = key();
        assertTrue(k.hasExpressions());
        assertFalse(k.isExpression(0));
        assertTrue(k.isExpression(2));
        assertEquals("(b + 0), substr(c, 1, 5)", k.expressionsText());
        assertEquals("a", k.displayName(0));
        assertEquals("(b + 0)", k.displayName(1));
        assertNull(k.columnName(1));
        assertEquals(950, k.collation(2));
    }

    @Test
    void partexprsSplitsAtTopLevelCommasOnly() {
        assertEquals(List.of("(b + 0)", "substr(c, 1, 5)", "coalesce(d, 'x,y')", "(e)[1]"),
                PartitionCatalog.splitExpressions("(b + 0), substr(c, 1, 5), coalesce(d, 'x,y'), (e)[1]"));
    }

    @Test
    void aKeyOfColumnsHasNoPartexprs() {
        PartitionKey k = new PartitionKey('l', new int[] {2}, new String[1], new int[] {TypeOids.INT4}, new int[] {-1},
                new int[] {1978}, new int[] {0}, new String[] {"b"});
        assertFalse(k.hasExpressions());
        assertNull(k.expressionsText());
    }
}
