package org.tusk.access.transam;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionIdTest {
    @Test
    void specialIds() {
        assertFalse(TransactionId.isValid(0));
        assertTrue(TransactionId.isValid(1));
        assertFalse(TransactionId.isNormal(2));
        assertTrue(TransactionId.isNormal(3));
        assertTrue(TransactionId.isNormal(0xFFFFFFFF));
        assertEquals("4294967295", TransactionId.toString(TransactionId.MAX));
    }

    @Test
    void moduloComparison() {
        assertTrue(TransactionId.precedes(3, 4));
        assertFalse(TransactionId.precedes(4, 4));
        assertTrue(TransactionId.precedesOrEquals(4, 4));
        // Across the wrap: 0xFFFFFFF0 is 19 ids before 3.
        assertTrue(TransactionId.precedes(0xFFFFFFF0, 3));
        assertTrue(TransactionId.follows(3, 0xFFFFFFF0));
        // Half the circle away is the future.
        assertTrue(TransactionId.precedes(100, 100 + 0x7FFFFFFF));
        assertFalse(TransactionId.precedes(100, 100 + 0x80000001));
        // Special ids compare unsigned: before every normal id, even "wrapped" ones.
        assertTrue(TransactionId.precedes(2, 0xFFFFFFF0));
        assertTrue(TransactionId.precedes(1, 2));
        assertFalse(TransactionId.precedes(5, 2));
        assertTrue(TransactionId.followsOrEquals(5, 0));
    }

    @Test
    void advanceSkipsSpecialIds() {
        assertEquals(4, TransactionId.advance(3));
        assertEquals(3, TransactionId.advance(0xFFFFFFFF));
        assertEquals(0xFFFFFFFF, TransactionId.retreat(3));
    }

    @Test
    void fullTransactionIds() {
        FullTransactionId f = FullTransactionId.of(2, 0xFFFFFFFF);
        assertEquals(2, f.epoch());
        assertEquals(0xFFFFFFFF, f.xid());
        assertEquals(FullTransactionId.of(3, 3), f.next());
        assertEquals(FullTransactionId.of(0, 1), FullTransactionId.INVALID.next());   // epoch 0 counts 0, 1, 2, 3
        assertTrue(f.precedes(f.next()));
        assertEquals("12884901891", FullTransactionId.of(3, 3).toString());
    }

    @Test
    void clogPagesFollowXidOrder() {
        assertEquals(0, Clog.pageOf(32767));
        assertEquals(1, Clog.pageOf(32768));
        assertEquals(32, Clog.pageOf(1048576));
        assertEquals(131071, Clog.pageOf(0xFFFFFFFF));
        assertTrue(Clog.pagePrecedes(0, 1));
        assertFalse(Clog.pagePrecedes(1, 1));
        assertFalse(Clog.pagePrecedes(1, 0));
        // Page 131071 (the last) comes just before page 0 after a wrap.
        assertTrue(Clog.pagePrecedes(131071, 0));
    }
}
