package org.tusk.access.nbtree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.IndexAmContext;
import org.tusk.access.nbtree.BTreeTestSupport.Entry;
import org.tusk.access.transam.DecodedXLogRecord;
import org.tusk.access.transam.RedoContext;
import org.tusk.access.transam.XLogFiles;
import org.tusk.access.transam.XLogReadResult;
import org.tusk.access.transam.XLogReader;
import org.tusk.access.transam.XLogRecord;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferPool;
import org.tusk.storage.buffer.SmgrBlockIO;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.time.Snapshot;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crash between the two phases of a split: the WAL is replayed only up to a split record, so
 * the left page is flagged BTP_INCOMPLETE_SPLIT and its right half has no downlink. The tree is
 * still searchable, and the next insert that reaches the page finishes the split
 * (_bt_finish_split), for a root split (a new root) and for a split below an existing parent.
 */
class BTreeIncompleteSplitTest {
    @TempDir
    Path dir;

    @Test
    void anInsertFinishesARootSplitLeftIncomplete() throws Exception {
        crashAfterSplit(1, dir.resolve("root"));
    }

    @Test
    void anInsertFinishesALeafSplitLeftIncomplete() throws Exception {
        crashAfterSplit(4, dir.resolve("leaf"));
    }

    private void crashAfterSplit(int cut, Path base) throws Exception {
        TupleDesc desc = BTreeCluster.desc("k", DatumType.INT4);
        Relation heap = BTreeCluster.heap(16384, "t", desc);
        Relation logged = BTreeCluster.index(20501, "t_idx", desc, new int[] {1}, false);
        Random rnd = new Random(cut);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 4000; i++) entries.add(new Entry(new Object[] {rnd.nextInt(100_000)}, new ItemPointer(i / 100, i % 100 + 1)));
        try (BTreeCluster cluster = new BTreeCluster(Files.createDirectories(base.resolve("a")), 64)) {
            BTreeCluster.Backend b = cluster.backend();
            b.am.build(heap, logged, new MemoryTable());
            for (Entry e : entries) b.am.insert(logged, e.keys(), e.tid(), heap, null, false);
            cluster.checkpointish(b);

            Path replica = Files.createDirectories(base.resolve("b"));
            try (Arena arena = Arena.ofShared();
                 StorageManager smgr = new StorageManager(replica, (rl, f, s) -> true)) {
                BufferPool pool = new BufferPool(arena.allocate(BufferPool.layout(64).byteSize(), 4096), 64);
                BufferManager bm = new BufferManager(pool, new SmgrBlockIO(smgr, lsn -> {}));
                int replayedEntries = 0, splits = 0;
                try (XLogReader r = new XLogReader(new XLogFiles(cluster.pgWal, BTreeCluster.SEG), BTreeCluster.TLI, BTreeCluster.SYSID)) {
                    r.beginRead(cluster.firstRecord);
                    while (splits < cut && r.readRecord() instanceof XLogReadResult.Record(DecodedXLogRecord rec)) {
                        BTreeTestSupport.redo(rec, new RedoContext(bm, smgr, null, null));
                        int info = rec.info() & XLogRecord.XLR_RMGR_INFO_MASK;
                        if (info == BTXLog.XLOG_BTREE_INSERT_LEAF) replayedEntries++;
                        if (info == BTXLog.XLOG_BTREE_SPLIT_L || info == BTXLog.XLOG_BTREE_SPLIT_R) {
                            splits++;
                            if (rec.block(1) != null && levelOf(rec) == 0) replayedEntries++;
                        }
                    }
                }
                assertEquals(cut, splits);
                // The replica after the "crash": not WAL-logged from here on (no WAL in this directory).
                Relation index = new Relation(logged.oid(), logged.name(), logged.namespace(), 'i', 'u', logged.locator(),
                        desc, logged.index());
                IndexAmContext ctx = new IndexAmContext(bm, smgr, null, cluster.oracle, cluster.extensionLock,
                        () -> new Snapshot(1, 1, new int[0], new int[0], false, 0));
                BTreeAm am = new BTreeAm(ctx);
                BTreeVerifier verifier = new BTreeVerifier(ctx);
                assertEquals(1, incompleteSplits(bm, smgr, index), "one split left incomplete");
                assertEquals(List.of(), verifier.check(index));
                List<Entry> before = new ArrayList<>(entries.subList(0, replayedEntries));
                before.sort(BTreeTestSupport.order(desc));
                assertEquals(before.stream().map(Entry::tid).toList(), BTreeTestSupport.scan(am, index, List.of(), false));
                assertEquals(before.reversed().stream().map(Entry::tid).toList(), BTreeTestSupport.scan(am, index, List.of(), true));

                for (Entry e : entries.subList(replayedEntries, entries.size())) am.insert(index, e.keys(), e.tid(), heap, null, false);
                assertEquals(0, incompleteSplits(bm, smgr, index), "the split was finished");
                assertEquals(List.of(), verifier.check(index));
                List<Entry> all = new ArrayList<>(entries);
                all.sort(BTreeTestSupport.order(desc));
                assertEquals(all.stream().map(Entry::tid).toList(), BTreeTestSupport.scan(am, index, List.of(), false));
            }
        }
    }

    private static int levelOf(DecodedXLogRecord rec) {
        return rec.mainData().asByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    private static int incompleteSplits(BufferManager bm, StorageManager smgr, Relation index) {
        int n = 0;
        int nblocks = smgr.nblocks(index.locator(), org.tusk.storage.smgr.ForkNumber.MAIN);
        for (int blk = 1; blk < nblocks; blk++) {
            int buf = bm.readBuffer(BTPages.tag(index.locator(), blk), null);
            bm.lockBuffer(buf, BufferManager.LockMode.SHARE);
            MemorySegment page = bm.page(buf);
            if (BTPageOpaque.incompleteSplit(page)) n++;
            bm.unlockBuffer(buf);
            bm.releaseBuffer(buf);
        }
        return n;
    }
}
