package org.tusk.access.nbtree;

import org.tusk.access.index.IndexAmContext;
import org.tusk.access.index.IndexPages;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.buffer.BufferTag;
import org.tusk.storage.page.Page;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;

/**
 * Page access for the B-tree (nbtpage.c): reading and locking pages (_bt_getbuf, _bt_relbuf,
 * _bt_relandgetbuf), adding a page (_bt_getbuf with P_NEW), the metapage (_bt_getmeta) and
 * finding the root (_bt_getroot, creating a leaf root in an empty index) or the leftmost or
 * rightmost page of a level (_bt_get_endpoint).
 *
 * <p>Buffers are handled as PostgreSQL's {@code Buffer} numbers of {@link BufferManager}: a
 * buffer "got" here is pinned and locked; {@link #relBuf} unlocks and unpins it.
 */
final class BTPages {
    private final IndexAmContext ctx;
    private final BTXLog xlog;

    BTPages(IndexAmContext ctx, BTXLog xlog) {
        this.ctx = ctx;
        this.xlog = xlog;
    }

    BufferManager buffers() {
        return ctx.buffers();
    }

    MemorySegment page(int buf) {
        return ctx.buffers().page(buf);
    }

    int blockNumber(int buf) {
        return ctx.buffers().tag(buf).blockNum();
    }

    static BufferTag tag(RelFileLocator rl, int blkno) {
        return IndexPages.tag(rl, blkno);
    }

    /** _bt_getbuf for an existing block: pinned, locked in {@code mode}, checked (_bt_checkpage). */
    int getBuf(Relation rel, int blkno, LockMode mode) {
        int buf = org.tusk.access.index.IndexBufferReads.read(ctx.buffers(), rel, tag(rel.locator(), blkno));
        ctx.buffers().lockBuffer(buf, mode);
        try {
            checkPage(rel, page(buf), blkno);
        } catch (RuntimeException e) {
            relBuf(buf);
            throw e;
        }
        return buf;
    }

    /** _bt_checkpage. */
    static void checkPage(Relation rel, MemorySegment page, int blkno) {
        if (Page.isNew(page)) {
            throw BTErrors.corrupted("index \"" + rel.name() + "\" contains unexpected zero page at block " + blkno)
                    .withHint("Please REINDEX it.");
        }
        if (Page.specialSize(page) != BTPageOpaque.SIZE) {
            throw BTErrors.corrupted("index \"" + rel.name() + "\" contains corrupted page at block " + blkno)
                    .withHint("Please REINDEX it.");
        }
    }

    /**
     * _bt_getbuf(P_NEW): adds a block at the end of the index under the relation extension lock,
     * and returns it pinned, exclusively locked and initialized as an empty B-tree page. No one
     * else can reach the block until a sibling link or downlink to it is written.
     */
    int newPage(Relation rel) {
        int buf = IndexPages.extend(ctx.buffers(), ctx.smgr(), ctx.extensionLock(), rel);
        BTPageOpaque.pageInit(page(buf));
        return buf;
    }

    /** RelationGetNumberOfBlocks. */
    int nblocks(Relation rel) {
        return ctx.smgr().nblocks(rel.locator(), ForkNumber.MAIN);
    }

    /** _bt_relbuf: unlock and unpin. */
    void relBuf(int buf) {
        ctx.buffers().unlockBuffer(buf);
        ctx.buffers().releaseBuffer(buf);
    }

    /** _bt_relandgetbuf: drop {@code buf} (lock and pin), then get {@code blkno}. Never holds both locks. */
    int relAndGetBuf(Relation rel, int buf, int blkno, LockMode mode) {
        relBuf(buf);
        return getBuf(rel, blkno, mode);
    }

    /** _bt_lockbuf after _bt_unlockbuf: trade the lock on a pinned buffer for one in another mode. */
    void relock(int buf, LockMode mode) {
        ctx.buffers().unlockBuffer(buf);
        ctx.buffers().lockBuffer(buf, mode);
    }

    void markDirty(int buf) {
        ctx.buffers().markDirty(buf);
    }

    /**
     * _bt_getrootheight: the level of the fast root (0 for an empty index or a lone leaf root),
     * which the planner's btcostestimate charges one descent step per level for. As PostgreSQL's,
     * it answers from the metapage the relcache entry keeps ({@code rd_amcache}) when there is
     * one, possibly stale (an estimate needs no more), and reads and keeps the metapage otherwise
     * (once the index has a root), so planning does not pin and lock the metapage every time.
     */
    int rootHeight(Relation rel) {
        if (rel.amCache() instanceof BTMetaPage.Metadata cached) return cached.fastLevel();
        if (nblocks(rel) == 0) return 0;
        int metabuf = getBuf(rel, BTMetaPage.BTREE_METAPAGE, LockMode.SHARE);
        try {
            MemorySegment metapg = page(metabuf);
            checkMeta(rel, metapg);
            if (BTMetaPage.root(metapg) == BTPageOpaque.P_NONE) return 0;
            BTMetaPage.Metadata metadata = BTMetaPage.Metadata.of(metapg);
            rel.setAmCache(metadata);
            return metadata.fastRoot() == BTPageOpaque.P_NONE ? 0 : metadata.fastLevel();
        } finally {
            relBuf(metabuf);
        }
    }

    /** _bt_getmeta's checks on a locked metapage. */
    static void checkMeta(Relation rel, MemorySegment metapg) {
        if (!BTPageOpaque.isMeta(metapg) || BTMetaPage.magic(metapg) != BTMetaPage.BTREE_MAGIC) {
            throw BTErrors.corrupted("index \"" + rel.name() + "\" is not a btree");
        }
        int v = BTMetaPage.version(metapg);
        if (v < 2 || v > BTMetaPage.BTREE_VERSION) {
            throw BTErrors.corrupted("version mismatch in index \"" + rel.name() + "\": file version " + v
                    + ", current version " + BTMetaPage.BTREE_VERSION + ", minimal supported version 2");
        }
        if (v < BTMetaPage.BTREE_VERSION) {
            throw BTErrors.corrupted("index \"" + rel.name() + "\" has version " + v
                    + " (not heapkeyspace), which is not supported");
        }
    }

    /**
     * _bt_getroot: the root page (really the fast root), pinned and share-locked. In an empty
     * index, returns 0 for SHARE access, and for EXCLUSIVE creates a leaf root first (logged as
     * XLOG_BTREE_NEWROOT at level 0); the caller upgrades the lock on the leaf if it must.
     */
    int getRoot(Relation rel, LockMode access) {
        int cachedRoot = cachedRoot(rel);
        if (cachedRoot != 0) return cachedRoot;
        while (true) {
            int metabuf = getBuf(rel, BTMetaPage.BTREE_METAPAGE, LockMode.SHARE);
            MemorySegment metapg = page(metabuf);
            checkMeta(rel, metapg);
            if (BTMetaPage.root(metapg) == BTPageOpaque.P_NONE) {
                if (access == LockMode.SHARE) {
                    relBuf(metabuf);
                    return 0;
                }
                relock(metabuf, LockMode.EXCLUSIVE);
                // Someone else may have made the root between our unlock and relock.
                if (BTMetaPage.root(metapg) != BTPageOpaque.P_NONE) {
                    relBuf(metabuf);
                    continue;
                }
                int rootbuf = newPage(rel);
                int rootblkno = blockNumber(rootbuf);
                MemorySegment rootpage = page(rootbuf);
                BTPageOpaque.init(rootpage, BTPageOpaque.P_NONE, BTPageOpaque.P_NONE, 0,
                        BTPageOpaque.BTP_LEAF | BTPageOpaque.BTP_ROOT);
                BTMetaPage.setRoot(metapg, rootblkno, 0);
                markDirty(rootbuf);
                markDirty(metabuf);
                if (rel.needsWal()) {
                    XLogRecordBuilder b = new XLogRecordBuilder();
                    b.registerBuffer(0, rel.locator(), ForkNumber.MAIN, rootblkno, rootpage, XLogRecordBuilder.REGBUF_WILL_INIT);
                    b.registerBuffer(2, rel.locator(), ForkNumber.MAIN, BTMetaPage.BTREE_METAPAGE, metapg,
                            XLogRecordBuilder.REGBUF_WILL_INIT | XLogRecordBuilder.REGBUF_STANDARD);
                    b.registerBufData(2, BTXLog.metadata(BTMetaPage.Metadata.of(metapg)));
                    b.registerData(BTXLog.newRootRecord(rootblkno, 0));
                    long lsn = xlog.insert(b, BTXLog.XLOG_BTREE_NEWROOT, ctx.oracle().currentTransactionId());
                    BTXLog.setLsn(rootpage, lsn);
                    BTXLog.setLsn(metapg, lsn);
                }
                relock(rootbuf, LockMode.SHARE);
                relBuf(metabuf);
                return rootbuf;
            }
            BTMetaPage.Metadata metadata = BTMetaPage.Metadata.of(metapg);
            rel.setAmCache(metadata);
            int rootbuf = relAndGetBuf(rel, metabuf, metadata.fastRoot(), LockMode.SHARE);
            // A root is never deleted here; a split one is still the start of its level's chain.
            if (BTPageOpaque.ignore(page(rootbuf))) {
                relBuf(rootbuf);
                throw BTErrors.corrupted("no live root page found in index \"" + rel.name() + "\"");
            }
            return rootbuf;
        }
    }

    /**
     * _bt_getroot's use of rd_amcache: the fast root named by the metapage this backend last read
     * for {@code rel}, share-locked, if that page is still a live page at the cached level and the
     * only one on it (leftmost and rightmost), which makes it a correct place to start a descent
     * even if the metapage has moved on since; else 0, with the stale cache dropped. Saves pinning
     * and locking the metapage on every descent, the one page every scan of the index would share.
     */
    private int cachedRoot(Relation rel) {
        if (!(rel.amCache() instanceof BTMetaPage.Metadata cached)) return 0;
        int rootbuf = getBuf(rel, cached.fastRoot(), LockMode.SHARE);
        MemorySegment rootpage = page(rootbuf);
        if (!BTPageOpaque.ignore(rootpage) && BTPageOpaque.level(rootpage) == cached.fastLevel()
                && BTPageOpaque.isLeftmost(rootpage) && BTPageOpaque.isRightmost(rootpage)) {
            return rootbuf;
        }
        relBuf(rootbuf);
        rel.setAmCache(null);
        return 0;
    }

    /**
     * _bt_get_endpoint: the leftmost (or rightmost) page of {@code level}, share-locked, found by
     * descending from the root along first (last) downlinks; 0 in an empty index. On the way,
     * right links are followed past pages that split since their parent was read.
     */
    int getEndpoint(Relation rel, int level, boolean rightmost) {
        int buf = getRoot(rel, LockMode.SHARE);
        if (buf == 0) return 0;
        while (true) {
            MemorySegment page = page(buf);
            if (rightmost) {
                while (!BTPageOpaque.isRightmost(page)) {
                    buf = relAndGetBuf(rel, buf, BTPageOpaque.next(page), LockMode.SHARE);
                    page = page(buf);
                }
            }
            int pageLevel = BTPageOpaque.level(page);
            if (pageLevel == level) return buf;
            if (pageLevel < level) {
                relBuf(buf);
                throw BTErrors.corrupted("btree level " + level + " not found in index \"" + rel.name() + "\"");
            }
            int off = rightmost ? Page.maxOffsetNumber(page) : BTPageOpaque.firstDataKey(page);
            int child = BTTuple.downlink(Page.item(page, off));
            buf = relAndGetBuf(rel, buf, child, LockMode.SHARE);
        }
    }
}
