package org.tusk.catalog;

import org.tusk.storage.ipc.SinvalQueue;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.smgr.SyncRequestHook;
import org.tusk.testsupport.InMemoryTableAm;
import org.tusk.testsupport.MappedFile;
import org.tusk.testsupport.RecordingIndexAm;
import org.tusk.utils.cache.Inval;
import org.tusk.utils.cache.RelCache;
import org.tusk.utils.error.PgException;
import org.tusk.utils.time.Snapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A "cluster" for catalog tests: one database's catalogs in an in-memory table AM (loaded with
 * the bootstrap rows), one sinval queue in a mapped file, one data directory, one OID counter,
 * and any number of backends on them, each with its own relcache, invalidation state, pending
 * deletes and HeapCatalog.
 */
final class CatalogTestCluster implements AutoCloseable {
    static final int DB = 5;
    static final int SLOTS = 8;

    final InMemoryTableAm table = new InMemoryTableAm();
    final RecordingIndexAm indexAm = new RecordingIndexAm();
    final MappedFile shmem = MappedFile.create(SinvalQueue.layout(SLOTS).byteSize());
    final SinvalQueue queue = new SinvalQueue(shmem.segment(), SLOTS);
    final StorageManager smgr;
    final List<Backend> backends = new ArrayList<>();
    int nextOid = 16384;
    String searchPath = "\"$user\", public";

    CatalogTestCluster(Path dataDir) {
        this.smgr = new StorageManager(dataDir, SyncRequestHook.FSYNC_IMMEDIATELY);
        for (Map.Entry<SystemCatalog, List<Object[]>> e : CatalogBootstrap.initialRows(10).entrySet()) {
            table.load(e.getKey().oid(), e.getValue());
        }
    }

    /** A backend in child slot {@code slot}; it joins the sinval queue. */
    Backend backend(int slot) {
        Backend b = new Backend(slot);
        backends.add(b);
        return b;
    }

    final class Backend {
        final int slot;
        final RelCache relcache;
        final Inval inval;
        final RelationStorage storage;
        final HeapCatalog catalog;
        final List<PgException> notices = new ArrayList<>();
        final List<int[]> locks = new ArrayList<>();
        final List<String> walRecords = new ArrayList<>();
        int cid;

        Backend(int slot) {
            this.slot = slot;
            queue.backendInit(slot, 1000 + slot);
            Snapshot snap = new Snapshot(3, 3, new int[0], new int[0], false, 0);
            relcache = new RelCache(DB, table, () -> snap);
            inval = new Inval(DB, relcache, queue, slot, () -> 1);
            storage = new RelationStorage(smgr, rl -> {}, (rec, rmgr, info) -> walRecords.add(rmgr + "/" + Integer.toHexString(info)));
            catalog = new HeapCatalog(new CatalogEnv(DB, () -> 10, () -> "alice", () -> searchPath, slot, table, indexAm,
                    () -> snap, () -> cid, () -> { cid++; inval.commandEnded(); }, () -> nextOid++,
                    new RelationLocks() {
                        public void lockRelation(int rel, int mode) { locks.add(new int[] {rel, mode}); }
                        public boolean conditionalLockRelation(int rel, int mode) {
                            lockRelation(rel, mode);
                            return true;
                        }
                    }, storage, relcache, inval, notices::add));
        }

        /** Commit: the invalidations go to the queue, then files of dropped relations go. */
        void commit() {
            inval.atCommit();
            storage.doPendingDeletes(true);
            cid = 0;
        }

        RelFileLocator locator(int oid) {
            return RelFileLocator.inDefaultTablespace(DB, oid);
        }
    }

    @Override
    public void close() {
        smgr.close();
        shmem.close();
    }
}
