package org.tusk.access.nbtree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tusk.access.common.DatumType;

/** oid keys compare unsigned, whether a side is an index value (Integer) or an oid[] element (Long). */
class BTOrderingOidTest {
    @Test
    void oidsCompareAcrossRepresentations() {
        assertEquals(0, BTOrdering.compare(DatumType.OID, 1054, 1054L));
        assertTrue(BTOrdering.compare(DatumType.OID, 1054L, 1058L) < 0);   // two array elements
        assertTrue(BTOrdering.compare(DatumType.OID, 1058, 1054) > 0);
        // above 2^31: negative as an int, still the larger oid
        assertTrue(BTOrdering.compare(DatumType.OID, (int) 4_000_000_000L, 5L) > 0);
        assertTrue(BTOrdering.compare(DatumType.OID, 5L, 4_000_000_000L) < 0);
    }
}
