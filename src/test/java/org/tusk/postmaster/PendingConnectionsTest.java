package org.tusk.postmaster;

import org.junit.jupiter.api.Test;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildAssignment;
import org.tusk.utils.init.ChildAssignment.CanAcceptConnections;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingConnectionsTest {
    private static PendingConnections.Pending conn(int fd, int slot, long at) {
        BackendType type = slot > 0 ? BackendType.BACKEND : BackendType.DEAD_END_BACKEND;
        CanAcceptConnections cac = slot > 0 ? CanAcceptConnections.OK : CanAcceptConnections.TOOMANY;
        return new PendingConnections.Pending(fd, new ChildAssignment(type, slot, cac, at * 1000), at);
    }

    @Test
    void connectionsAreServedInArrivalOrderAndAFailedHandOffKeepsItsPlace() {
        PendingConnections q = new PendingConnections();
        assertTrue(q.isEmpty());
        assertEquals(-1, q.oldestAcceptedMillis());
        q.add(conn(10, 1, 100));
        q.add(conn(11, 2, 105));
        q.add(conn(12, 0, 107));
        assertEquals(3, q.size());
        assertEquals(1, q.deadEnds());
        assertEquals(100, q.oldestAcceptedMillis());
        PendingConnections.Pending first = q.takeOldest();
        assertEquals(10, first.clientFd());
        q.putBack(first); // the spare it went to had died
        assertEquals(10, q.takeOldest().clientFd());
        assertEquals(11, q.takeOldest().clientFd());
        List<PendingConnections.Pending> rest = q.drain();
        assertEquals(List.of(12), rest.stream().map(PendingConnections.Pending::clientFd).toList());
        assertTrue(q.isEmpty());
        assertNull(q.takeOldest());
    }

    @Test
    void withoutReuseEveryWaitingConnectionGetsASpareStartedAtOnce() {
        assertEquals(3, PendingConnections.startsNeeded(3, 0, false, 0));
        assertEquals(1, PendingConnections.startsNeeded(3, 2, false, 0));
        assertEquals(0, PendingConnections.startsNeeded(2, 2, false, 0));
        assertEquals(0, PendingConnections.startsNeeded(0, 0, false, 0));
    }

    @Test
    void withReusedBackendsInSessionAConnectionFirstWaitsForOneToComeBack() {
        assertEquals(0, PendingConnections.startsNeeded(2, 0, true, 0));
        assertEquals(0, PendingConnections.startsNeeded(2, 0, true, PendingConnections.REUSE_WAIT_MILLIS - 1));
        assertEquals(2, PendingConnections.startsNeeded(2, 0, true, PendingConnections.REUSE_WAIT_MILLIS));
        assertEquals(1, PendingConnections.startsNeeded(2, 1, true, PendingConnections.REUSE_WAIT_MILLIS + 500));
        assertEquals(PendingConnections.REUSE_WAIT_MILLIS - 20, PendingConnections.millisUntilStart(20));
        assertEquals(0, PendingConnections.millisUntilStart(PendingConnections.REUSE_WAIT_MILLIS + 1));
    }
}
