package org.tusk.access.heap;

import org.junit.jupiter.api.Test;
import org.tusk.access.common.ToastPointer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The origins of detoasted values are found by identity only, and never keep a value alive. */
class DetoastedOriginsTest {
    @Test
    void identityNotEquality() {
        DetoastedOrigins o = DetoastedOrigins.process();
        ToastPointer p = ToastPointer.of(5004, 5000, 0, 16411, 16409);
        String value = new String("x".repeat(5000));
        o.remember(value, p, 5000);
        assertEquals(p, o.pointerOf(value));
        assertEquals(5000, DetoastedOrigins.storedSize(value));
        String equal = new String(value);
        assertNull(o.pointerOf(equal), "an equal value built anew is not the stored one");
        assertEquals(-1, DetoastedOrigins.storedSize(equal));
        o.remember(equal, null, 120);
        assertNull(o.pointerOf(equal), "a value compressed inline has no pointer");
        assertEquals(120, DetoastedOrigins.storedSize(equal));
    }
}
