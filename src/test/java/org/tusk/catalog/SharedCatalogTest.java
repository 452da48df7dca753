package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flat-file shared catalogs: their format, and SharedCatalog's transactional protocol. */
class SharedCatalogTest {
    @TempDir
    Path dataDir;

    /** A transaction of ours: xids handed out in order, a set of "current" ones, locks recorded. */
    static final class FakeXact implements SharedCatalog.TransactionHooks {
        int top = 100, current = 100, next = 101;
        final Set<Integer> live = new HashSet<>(Set.of(100));
        final List<Integer> locks = new ArrayList<>();

        int beginSub() {
            current = next++;
            live.add(current);
            return current;
        }

        void rollbackSub(int xid) {
            live.remove(xid);
            current = top;
        }

        @Override public int currentXid() { return current; }
        @Override public int topXid() { return top; }
        @Override public boolean isCurrentXid(int xid) { return live.contains(xid); }
        @Override public void lockCatalog(int relationId) { locks.add(relationId); }
    }

    private void initdb() throws Exception {
        Files.createDirectories(dataDir.resolve("global"));
        BootstrapCatalog.write(dataDir, List.of(new BootstrapCatalog.Role(10, "postgres", true, true, null)),
                List.of(new BootstrapCatalog.Database(1, "template1", true, true),
                        new BootstrapCatalog.Database(5, "postgres", true, false)));
    }

    private static BootstrapCatalog.Role role(int oid, String name) {
        return new BootstrapCatalog.Role(oid, name, false, true, false, false, true, false, false, -1, null, null);
    }

    @Test
    void filesRoundTripEveryColumnAndAwkwardNames() throws Exception {
        initdb();
        BootstrapCatalog.Role odd = new BootstrapCatalog.Role(16384, "tab\there\nnew\\line", false, false, true, true, true,
                false, true, 7, "md5abc", "2030-01-01T00:00:00Z");
        BootstrapCatalog.Database db = new BootstrapCatalog.Database(16385, "d", 16384, 6, 'c', false, true, 3, 730, 1, 1663,
                "C", "C", null, null, List.of("=c/10", "10=CTc/10"));
        BootstrapCatalog.write(dataDir, List.of(odd), List.of(db));
        BootstrapCatalog read = BootstrapCatalog.load(dataDir);
        assertEquals(List.of(odd), read.roles());
        assertEquals(List.of(db), read.databases());
    }

    @Test
    void changesAreSeenByTheirTransactionOnlyUntilCommit() throws Exception {
        initdb();
        FakeXact x = new FakeXact();
        SharedCatalog mine = new SharedCatalog(dataDir, x);
        mine.putRole(role(16384, "alice"));
        assertEquals(List.of(BootstrapCatalog.AUTHID_RELATION_ID), x.locks);
        assertTrue(mine.current().role("alice").isPresent());
        assertFalse(BootstrapCatalog.load(dataDir).role("alice").isPresent(), "not on disk before commit");

        mine.preCommit();
        assertTrue(Files.exists(dataDir.resolve("global/pg_authid.pending.100")));
        assertFalse(BootstrapCatalog.load(dataDir).role("alice").isPresent(), "pending until the commit record");
        mine.atCommit();
        assertTrue(BootstrapCatalog.load(dataDir).role("alice").isPresent());
        assertFalse(Files.exists(dataDir.resolve("global/pg_authid.pending.100")));
    }

    @Test
    void abortAndRolledBackSubtransactionsLeaveNoTrace() throws Exception {
        initdb();
        FakeXact x = new FakeXact();
        SharedCatalog mine = new SharedCatalog(dataDir, x);
        mine.putRole(role(16384, "kept"));
        int sub = x.beginSub();
        mine.putRole(role(16385, "undone"));
        mine.removeDatabase(5);
        assertTrue(mine.current().role("undone").isPresent());
        x.rollbackSub(sub);
        assertFalse(mine.current().role("undone").isPresent());
        assertTrue(mine.current().database("postgres").isPresent());
        mine.preCommit();
        mine.atCommit();
        BootstrapCatalog after = BootstrapCatalog.load(dataDir);
        assertTrue(after.role("kept").isPresent());
        assertFalse(after.role("undone").isPresent());
        assertTrue(after.database("postgres").isPresent());

        FakeXact y = new FakeXact();
        y.top = y.current = 200;
        y.live.clear();
        y.live.add(200);
        SharedCatalog other = new SharedCatalog(dataDir, y);
        other.removeRole(16384);
        other.preCommit();
        other.atAbort();
        assertTrue(BootstrapCatalog.load(dataDir).role("kept").isPresent());
        assertFalse(Files.exists(dataDir.resolve("global/pg_authid.pending.200")));
    }

    @Test
    void recoveryInstallsCommittedPendingFilesAndRemovesOthers() throws Exception {
        initdb();
        FakeXact committed = new FakeXact();
        SharedCatalog a = new SharedCatalog(dataDir, committed);
        a.putDatabase(new BootstrapCatalog.Database(16390, "made", true, false));
        a.preCommit(); // the server dies after the commit record, before atCommit
        FakeXact lost = new FakeXact();
        lost.top = lost.current = 300;
        lost.live.clear();
        lost.live.add(300);
        SharedCatalog b = new SharedCatalog(dataDir, lost);
        b.putRole(role(16391, "ghost"));
        b.preCommit(); // the server dies before the commit record

        List<String> done = SharedCatalog.resolvePending(dataDir, xid -> xid == 100);
        assertEquals(2, done.size(), done.toString());
        BootstrapCatalog after = BootstrapCatalog.load(dataDir);
        assertTrue(after.database("made").isPresent());
        assertFalse(after.role("ghost").isPresent());
        try (var s = Files.list(dataDir.resolve("global"))) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().contains(".pending.")).count());
        }
    }
}
