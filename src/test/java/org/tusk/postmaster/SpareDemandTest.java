package org.tusk.postmaster;

import org.junit.jupiter.api.Test;
import org.tusk.utils.init.BackendType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpareDemandTest {
    @Test
    void anIdleServerKeepsOneSpareAndSparesOffMeansNone() {
        SpareDemand d = new SpareDemand(0);
        assertEquals(1, d.target(8, 0), "the next connection should not wait for a cold start");
        assertEquals(0, d.target(0, 0), "backend_spares = 0 turns spares off");
    }

    @Test
    void aSteadyConnectionRateAsksForTheConnectionsExpectedDuringOneStartUp() {
        SpareDemand d = new SpareDemand(0);
        for (int i = 0; i < 12; i++) d.spareStarted(500); // the average follows measured start-ups
        assertEquals(500, d.startupMillis(), 10);
        long t = 0;
        for (int i = 0; i < 600; i++) { // 10 connections a second for 60 s
            d.connectionArrived(t);
            t += 100;
        }
        assertEquals(10, d.rate(t), 0.6);
        assertEquals(5, d.target(16, t), "10/s × 0.5 s");
        assertEquals(3, d.target(3, t), "bounded by backend_spares");
    }

    @Test
    void theRateIsForgottenAfterALull() {
        SpareDemand d = new SpareDemand(0);
        long t = 0;
        for (int i = 0; i < 200; i++) {
            d.connectionArrived(t);
            t += 50;
        }
        assertTrue(d.target(10, t) > 2);
        t += 60_000;
        assertEquals(1, d.target(10, t));
        assertTrue(d.rate(t) < 0.1, "rate after a minute of quiet: " + d.rate(t));
    }

    @Test
    void atMostTwoStartsInFlight() {
        assertEquals(2, SpareDemand.startsNeeded(5, 0, 0));
        assertEquals(1, SpareDemand.startsNeeded(5, 1, 1));
        assertEquals(0, SpareDemand.startsNeeded(5, 2, 2));
        assertEquals(1, SpareDemand.startsNeeded(1, 0, 0), "only one when one is missing");
        assertEquals(0, SpareDemand.startsNeeded(2, 3, 0), "never negative when there is a surplus");
    }

    @Test
    void aSurplusIsRetiredOnlyAfterItLastedAndOneAtATime() {
        SpareDemand d = new SpareDemand(0);
        assertFalse(d.retireOne(1, 1, true, 1000), "no surplus");
        assertFalse(d.retireOne(1, 3, true, 2000), "surplus just appeared");
        assertEquals(SpareDemand.RETIRE_INTERVAL_MILLIS - 1000, d.millisUntilRetireCheck(2000));
        assertTrue(d.retireOne(1, 3, true, 1000 + SpareDemand.RETIRE_INTERVAL_MILLIS));
        assertFalse(d.retireOne(1, 2, true, 1001 + SpareDemand.RETIRE_INTERVAL_MILLIS), "one per interval");
        assertTrue(d.retireOne(1, 2, true, 1000 + 2 * SpareDemand.RETIRE_INTERVAL_MILLIS));
    }

    @Test
    void aReusedSpareIsKeptThroughItsGraceAndThenRetiredAtOnce() {
        assertTrue(SpareDemand.mayRetire(0, 0), "a fresh spare may go at once");
        assertFalse(SpareDemand.mayRetire(4, SpareDemand.WARM_SPARE_GRACE_MILLIS - 1), "a warm one waits");
        assertTrue(SpareDemand.mayRetire(4, SpareDemand.WARM_SPARE_GRACE_MILLIS));
        SpareDemand d = new SpareDemand(0);
        assertFalse(d.retireOne(1, 8, false, 1000), "surplus appears, the coldest is warm");
        assertFalse(d.retireOne(1, 8, false, 1000 + 3 * SpareDemand.RETIRE_INTERVAL_MILLIS), "still in its grace");
        assertTrue(d.retireOne(1, 8, true, 2000 + 3 * SpareDemand.RETIRE_INTERVAL_MILLIS),
                "the interval ran during the grace: it goes as soon as it may");
        assertFalse(d.retireOne(1, 7, true, 2001 + 3 * SpareDemand.RETIRE_INTERVAL_MILLIS), "then one per interval");
    }

    @Test
    void theColdestReadySpareIsRetiredFirst() {
        ChildTable t = new ChildTable();
        PMChild reused = spare(101, PMChild.SpareState.READY, 5);
        reused.sessionsServed = 3;
        PMChild freshOld = spare(102, PMChild.SpareState.READY, 1);
        PMChild freshNew = spare(103, PMChild.SpareState.READY, 7);
        PMChild starting = spare(104, PMChild.SpareState.STARTING, 0);
        for (PMChild c : new PMChild[] {reused, freshOld, freshNew, starting}) t.add(c);
        assertSame(freshOld, t.coldestReadySpare());
        assertSame(reused, t.pickSpare(), "the warmest is still the one handed the next connection");
        t.remove(102);
        t.remove(103);
        assertSame(reused, t.coldestReadySpare());
        t.remove(101);
        assertNull(t.coldestReadySpare(), "a spare still starting is never retired");
    }

    private static PMChild spare(int pid, PMChild.SpareState state, long readySeq) {
        PMChild c = new PMChild(pid, BackendType.SPARE_BACKEND, 0, -1, state);
        c.readySeq = readySeq;
        return c;
    }

    @Test
    void withReusedBackendsInSessionAShortPoolIsRefilledOnlyWhenTheShortfallLasts() {
        assertTrue(SpareDemand.deferRefill(true, 0));
        assertTrue(SpareDemand.deferRefill(true, SpareDemand.REUSE_REFILL_DELAY_MILLIS - 1));
        assertFalse(SpareDemand.deferRefill(true, SpareDemand.REUSE_REFILL_DELAY_MILLIS));
        assertFalse(SpareDemand.deferRefill(false, 0));
    }
}
