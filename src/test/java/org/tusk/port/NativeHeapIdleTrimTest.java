package org.tusk.port;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** When an idle period's trim falls due: once, SETTLE_MILLIS into each idle period. */
class NativeHeapIdleTrimTest {
    private static final long S = NativeHeap.SETTLE_MILLIS;

    @Test
    void dueOnceSettleMillisIntoAnIdlePeriod() {
        NativeHeap.IdleTrim t = new NativeHeap.IdleTrim();
        assertEquals(S, t.millisUntilDue(1000));
        assertEquals(S - 500, t.millisUntilDue(1500));
        t.afterWait(1000 + S - 1);                       // too early: nothing yet
        assertEquals(1, t.millisUntilDue(1000 + S - 1));
        t.afterWait(1000 + S);                           // trims
        assertEquals(Long.MAX_VALUE, t.millisUntilDue(1000 + S + 10));
        assertEquals(Long.MAX_VALUE, t.millisUntilDue(1000 + 100 * S));
    }

    @Test
    void workStartsANewIdlePeriod() {
        NativeHeap.IdleTrim t = new NativeHeap.IdleTrim();
        t.millisUntilDue(0);
        t.afterWait(S);
        t.busy();
        assertEquals(S, t.millisUntilDue(5 * S));
        t.busy();                                        // work before the period settled
        assertEquals(S, t.millisUntilDue(7 * S));
    }

    @Test
    void trimRunsOnThisCLibrary() {
        // glibc has malloc_trim; the call must not fail whether or not there is memory to give back
        NativeHeap.trim();
    }
}
