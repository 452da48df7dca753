package org.tusk.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.transam.DecodedXLogRecord;
import org.tusk.access.transam.RedoContext;
import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.smgr.SyncRequestHook;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.*;

class RelationStorageTest {
    @TempDir
    Path dataDir;

    private static final RelFileLocator REL = RelFileLocator.inDefaultTablespace(5, 16384);

    @Test
    void createRecordHasPostgresLayoutAndRedoCreatesTheFile() {
        List<MemorySegment> records = new ArrayList<>();
        try (StorageManager smgr = new StorageManager(dataDir, SyncRequestHook.FSYNC_IMMEDIATELY)) {
            RelationStorage storage = new RelationStorage(smgr, rl -> {},
                    (b, rmgr, info) -> records.add(b.assemble(rmgr, info, 731).finish(0)));
            storage.create(REL, 'p');
            assertTrue(smgr.exists(REL, ForkNumber.MAIN));
        }
        assertEquals(1, records.size());
        DecodedXLogRecord rec = DecodedXLogRecord.decode(0x1000028L, 0, records.get(0));
        assertEquals(RmgrId.SMGR, rec.rmgr());
        assertEquals(RelationStorage.XLOG_SMGR_CREATE | RelationStorage.XLR_SPECIAL_REL_UPDATE, rec.info());
        assertEquals(731, rec.xid());
        // xl_smgr_create: spcOid 1663, dbOid 5, relNumber 16384, forkNum 0 (MAIN_FORKNUM).
        assertEquals("7f060000" + "05000000" + "00400000" + "00000000",
                HexFormat.of().formatHex(rec.mainData().toArray(JAVA_BYTE)));

        // Redo in a fresh data directory (a standby, or after the file was lost) creates it.
        Path replica = dataDir.resolve("replica");
        try (StorageManager smgr = new StorageManager(replica, SyncRequestHook.FSYNC_IMMEDIATELY)) {
            assertFalse(smgr.exists(REL, ForkNumber.MAIN));
            RelationStorage.redo(rec, new RedoContext(null, smgr, null, null));
            assertTrue(smgr.exists(REL, ForkNumber.MAIN));
            RelationStorage.redo(rec, new RedoContext(null, smgr, null, null));   // replaying twice is harmless
            assertTrue(smgr.exists(REL, ForkNumber.MAIN));
        }
    }

    @Test
    void pendingDeletesDropBuffersThenUnlink() {
        List<RelFileLocator> dropped = new ArrayList<>();
        RelFileLocator other = RelFileLocator.inDefaultTablespace(5, 16390);
        try (StorageManager smgr = new StorageManager(dataDir, SyncRequestHook.FSYNC_IMMEDIATELY)) {
            RelationStorage s = new RelationStorage(smgr, dropped::add, (b, r, i) -> {});
            s.create(REL, 'p');
            smgr.create(other, ForkNumber.MAIN, false);
            s.scheduleUnlink(other);
            assertEquals(List.of(other), s.pendingDeletes(true));
            assertEquals(List.of(REL), s.pendingDeletes(false));
            s.doPendingDeletes(true);
            assertEquals(List.of(other), dropped);
            assertFalse(smgr.exists(other, ForkNumber.MAIN));
            assertTrue(smgr.exists(REL, ForkNumber.MAIN), "created in a committed transaction: kept");
            assertEquals(List.of(), s.pendingDeletes(false));
        }
    }

    @Test
    void subTransactionAbortRemovesItsFilesAndForgetsItsDrops() {
        // BEGIN; SAVEPOINT s1; TRUNCATE t (new file, old file dropped at commit); ROLLBACK TO s1; COMMIT
        int[] level = {1};
        List<RelFileLocator> dropped = new ArrayList<>();
        RelFileLocator newFile = RelFileLocator.inDefaultTablespace(5, 16400);
        try (StorageManager smgr = new StorageManager(dataDir, SyncRequestHook.FSYNC_IMMEDIATELY)) {
            RelationStorage s = new RelationStorage(smgr, dropped::add, (b, r, i) -> {}, () -> level[0]);
            smgr.create(REL, ForkNumber.MAIN, false);
            level[0] = 2;
            s.create(newFile, 'p');
            s.scheduleUnlink(REL);
            assertTrue(s.createdInCurrentSubTransaction(newFile));
            assertEquals(List.of(newFile), s.subTransactionCreated());
            s.atSubAbort();
            level[0] = 1;
            assertEquals(List.of(newFile), dropped);
            assertFalse(smgr.exists(newFile, ForkNumber.MAIN), "created by the aborted subtransaction: removed at once");
            assertEquals(List.of(), s.pendingDeletes(true), "the aborted TRUNCATE's drop is forgotten");
            s.doPendingDeletes(true);
            assertTrue(smgr.exists(REL, ForkNumber.MAIN), "the table's own file survives the commit");
        }
    }

    @Test
    void subTransactionCommitHandsItsEntriesToTheParent() {
        int[] level = {1};
        RelFileLocator newFile = RelFileLocator.inDefaultTablespace(5, 16401);
        try (StorageManager smgr = new StorageManager(dataDir, SyncRequestHook.FSYNC_IMMEDIATELY)) {
            RelationStorage s = new RelationStorage(smgr, rl -> {}, (b, r, i) -> {}, () -> level[0]);
            s.create(REL, 'p');
            level[0] = 2;
            assertFalse(s.createdInCurrentSubTransaction(REL), "created by the parent, not this subtransaction");
            s.create(newFile, 'p');
            s.atSubCommit();
            level[0] = 1;
            assertTrue(s.createdInCurrentSubTransaction(newFile), "now the parent's");
            level[0] = 2;   // a later sibling subtransaction did not create it
            assertFalse(s.createdInCurrentSubTransaction(newFile));
            assertEquals(List.of(), s.subTransactionCreated());
            s.atSubAbort();
            level[0] = 1;
            assertTrue(smgr.exists(newFile, ForkNumber.MAIN), "the sibling's abort leaves the committed child's file");
            assertEquals(List.of(REL, newFile), s.pendingDeletes(false));
        }
    }
}
