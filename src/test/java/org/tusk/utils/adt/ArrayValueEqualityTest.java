package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;

/** Arrays of different element types are simply unequal (planner node equality compares any two constants). */
class ArrayValueEqualityTest {
    @Test
    void differentElementTypesAreNotEqualAndDoNotFail() {
        ArrayValue oids = new ArrayValue(TypeOids.OID, new int[] {3}, new int[] {1}, new Object[] {21L, 23L, 20L});
        ArrayValue names = new ArrayValue(TypeOids.NAME, new int[] {2}, new int[] {1}, new Object[] {"+", "-"});
        assertNotEquals(oids, names);
        assertNotEquals(names, oids);
        assertEquals(oids, new ArrayValue(TypeOids.OID, new int[] {3}, new int[] {1}, new Object[] {21L, 23L, 20L}));
    }
}
