package org.tusk.postmaster;

import org.junit.jupiter.api.Test;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildAssignment;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PMChildSlotsTest {
    @Test
    void backendsAndAuxiliaryProcessesHaveSeparatePools() {
        PMChildSlots slots = new PMChildSlots(2);
        assertEquals(1, slots.assign(BackendType.BACKEND));
        assertEquals(2, slots.assign(BackendType.BACKEND));
        assertEquals(0, slots.assign(BackendType.BACKEND), "max_connections reached");
        assertEquals(3, slots.assign(BackendType.STARTUP), "auxiliary slots are not taken by clients");
        slots.release(1);
        assertEquals(1, slots.assign(BackendType.BACKEND));
        assertEquals(2, slots.backendsInUse());
        assertEquals(2 + PMChildSlots.AUX_SLOTS, slots.numSlots());
    }

    @Test
    void autovacuumWorkersHaveTheirOwnSlotsAfterTheAuxiliaryOnes() {
        PMChildSlots slots = new PMChildSlots(2, 2);
        assertEquals(2 + PMChildSlots.AUX_SLOTS + 2, slots.numSlots());
        assertEquals(3, slots.assign(BackendType.AUTOVAC_LAUNCHER), "the launcher is an auxiliary process");
        assertEquals(2 + PMChildSlots.AUX_SLOTS + 1, slots.assign(BackendType.AUTOVAC_WORKER));
        assertEquals(2 + PMChildSlots.AUX_SLOTS + 2, slots.assign(BackendType.AUTOVAC_WORKER));
        assertEquals(0, slots.assign(BackendType.AUTOVAC_WORKER), "autovacuum_max_workers reached");
        assertEquals(1, slots.assign(BackendType.BACKEND), "workers take no client's slot");
    }

    @Test
    void assignmentsSurviveTheTripThroughTheControlSocket() {
        ChildAssignment a = new ChildAssignment(BackendType.DEAD_END_BACKEND, 0,
                ChildAssignment.CanAcceptConnections.TOOMANY, 1_700_000_000_123_456L);
        assertEquals(a, ChildAssignment.decode(a.encode()));
    }
}
