package org.tusk.access.nbtree;

import org.tusk.access.common.Attribute;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.IndexAmContext;
import org.tusk.access.index.RelationExtensionLock;
import org.tusk.access.transam.WalSegmentSize;
import org.tusk.access.transam.WalSyncMethod;
import org.tusk.access.transam.WalSyncSettings;
import org.tusk.access.transam.XLog;
import org.tusk.access.transam.XLogCtl;
import org.tusk.access.transam.XLogFiles;
import org.tusk.access.transam.XLogPageHeader;
import org.tusk.access.transam.XLogRecPtr;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferPool;
import org.tusk.storage.buffer.SmgrBlockIO;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.testsupport.MappedFile;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.time.Snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A data directory, a shared buffer pool and shared WAL buffers, with "processes" (threads or
 * not) each getting their own BufferManager, StorageManager and XLog handle on them, as backends
 * would. The relation extension lock is a per-relation Java lock (the lock manager's stand-in).
 */
final class BTreeCluster implements AutoCloseable {
    static final WalSegmentSize SEG = new WalSegmentSize(1024 * 1024);
    static final int TLI = 1;
    static final long SYSID = 7_300_000_000_000_000_001L;
    static final int WAL_BUFFERS = 64;

    final Path dataDir;
    final Path pgWal;
    final Arena arena = Arena.ofShared();
    final BufferPool pool;
    final MappedFile walRegion;
    final long firstRecord;
    final TestOracle oracle = new TestOracle(731);
    final Map<RelFileLocator, ReentrantLock> extLocks = new ConcurrentHashMap<>();
    final List<AutoCloseable> toClose = new ArrayList<>();

    final RelationExtensionLock extensionLock = new RelationExtensionLock() {
        @Override
        public void lock(RelFileLocator rel) {
            extLocks.computeIfAbsent(rel, r -> new ReentrantLock()).lock();
        }

        @Override
        public void unlock(RelFileLocator rel) {
            extLocks.get(rel).unlock();
        }
    };

    BTreeCluster(Path dataDir, int nbuffers) throws IOException {
        this.dataDir = dataDir;
        this.pgWal = java.nio.file.Files.createDirectories(dataDir.resolve("pg_wal"));
        MemorySegment seg = arena.allocate(BufferPool.layout(nbuffers).byteSize(), 4096);
        this.pool = new BufferPool(seg, nbuffers);
        this.walRegion = MappedFile.create(XLogCtl.layout(WAL_BUFFERS).byteSize());
        this.firstRecord = SEG.segmentStart(1) + XLogPageHeader.SIZE_OF_LONG_PHD;
        new XLogCtl(walRegion.segment(), WAL_BUFFERS).initialize(SEG, firstRecord, XLogRecPtr.INVALID, null, TLI, SYSID);
    }

    /** One backend's view: its own handles on the shared structures. */
    final class Backend {
        final StorageManager smgr = new StorageManager(dataDir, (rl, fork, segno) -> true);
        final XLog xlog = new XLog(new XLogCtl(walRegion.segment(), WAL_BUFFERS), new XLogFiles(pgWal, SEG),
                WalSyncSettings.of(false, WalSyncMethod.FDATASYNC), 1);
        final BufferManager buffers = new BufferManager(pool, new SmgrBlockIO(smgr, xlog::flushUnchecked));
        final IndexAmContext ctx = new IndexAmContext(buffers, smgr, xlog, oracle, extensionLock,
                () -> new Snapshot(1, 1000, new int[0], new int[0], false, 0));
        final BTreeAm am = new BTreeAm(ctx);
        final BTreeVerifier verifier = new BTreeVerifier(ctx);
    }

    Backend backend() {
        Backend b = new Backend();
        toClose.add(b.xlog);
        toClose.add(b.smgr);
        return b;
    }

    /** Flushes every dirty buffer (WAL first) and the WAL itself. */
    long checkpointish(Backend b) {
        long end = b.xlog.getInsertRecPtr();
        b.xlog.flushUnchecked(end);
        b.buffers.flushAllDirty();
        return end;
    }

    static Relation heap(int relNumber, String name, TupleDesc desc) {
        return new Relation(relNumber, name, 2200, 'r', 'p', RelFileLocator.inDefaultTablespace(5, relNumber), desc, null);
    }

    static Relation index(int relNumber, String name, TupleDesc desc, int[] keyAttnums, boolean unique) {
        return new Relation(relNumber, name, 2200, 'i', 'p', RelFileLocator.inDefaultTablespace(5, relNumber), desc,
                new Relation.IndexInfo(16384, keyAttnums, unique, false));
    }

    static TupleDesc desc(Object... nameTypePairs) {
        List<Attribute> atts = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            atts.add(Attribute.of((String) nameTypePairs[i], (DatumType) nameTypePairs[i + 1]));
        }
        return new TupleDesc(atts, TupleDesc.RECORDOID, -1);
    }

    @Override
    public void close() {
        for (AutoCloseable c : toClose.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }
        walRegion.close();
        arena.close();
    }

    static void unchecked(IOException e) {
        throw new UncheckedIOException(e);
    }
}
