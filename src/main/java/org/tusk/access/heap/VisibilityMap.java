package org.tusk.access.heap;

import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferTag;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.tusk.storage.buffer.BufferManager.LockMode.EXCLUSIVE;
import static org.tusk.storage.buffer.BufferManager.LockMode.SHARE;

/**
 * The visibility map (PostgreSQL 15's access/heap/visibilitymap.c): the {@code _vm} fork of a
 * heap, two bits per heap page. ALL_VISIBLE says every tuple on the page is visible to every
 * current and future transaction, ALL_FROZEN that every tuple is also frozen. A VM page is a
 * standard page header followed by the bitmap (MAPSIZE = BLCKSZ - MAXALIGN(SizeOfPageHeaderData)
 * bytes), heap block {@code b}'s bits at byte {@code b % HEAPBLOCKS_PER_PAGE / 4}, bit
 * {@code 2 * (b % 4)} of map block {@code b / HEAPBLOCKS_PER_PAGE}: byte for byte PostgreSQL's.
 *
 * <p>Rules (visibilitymap.c's header comment): a bit is set only by VACUUM, holding the heap
 * page's exclusive content lock, after setting PD_ALL_VISIBLE on the heap page, and WAL-logged
 * (XLOG_HEAP2_VISIBLE) so that it is never on disk ahead of the heap page's flag. A bit is cleared
 * by whoever changes a tuple on the page, holding that page's exclusive content lock, together
 * with PD_ALL_VISIBLE, in the same critical section, the flag carried by the heap record (redo
 * clears the bit again). A VM page's content lock is always taken after heap page locks and never
 * held while waiting for a heap page. A reader ({@link #status}) takes no heap lock: a bit it reads
 * may be cleared a moment later, which index-only scans accept because the change that clears it
 * is invisible to their snapshot (nodeIndexonlyscan.c's argument).
 *
 * <p>The fork is created and extended lazily (vm_extend) under the relation extension lock, with
 * initialised pages written straight through the storage manager and not WAL-logged: a page lost
 * in a crash reads back as zeroes, which is an empty map, and redo of XLOG_HEAP2_VISIBLE extends the
 * fork as far as it needs.
 */
final class VisibilityMap {
    private VisibilityMap() {}

    static final int BLCKSZ = 8192;
    /** MAXALIGN(SizeOfPageHeaderData): where the bitmap starts. */
    static final int MAP_OFFSET = PageHeader.SIZE;
    static final int MAPSIZE = BLCKSZ - MAP_OFFSET;
    static final int BITS_PER_HEAPBLOCK = 2;
    static final int HEAPBLOCKS_PER_BYTE = 8 / BITS_PER_HEAPBLOCK;
    static final int HEAPBLOCKS_PER_PAGE = MAPSIZE * HEAPBLOCKS_PER_BYTE;

    static final int ALL_VISIBLE = 0x01;
    static final int ALL_FROZEN = 0x02;
    static final int VALID_BITS = 0x03;

    /** HEAPBLK_TO_MAPBLOCK. */
    static int mapBlock(int heapBlk) { return Integer.divideUnsigned(heapBlk, HEAPBLOCKS_PER_PAGE); }

    /** HEAPBLK_TO_MAPBYTE. */
    static int mapByte(int heapBlk) {
        return Integer.remainderUnsigned(heapBlk, HEAPBLOCKS_PER_PAGE) / HEAPBLOCKS_PER_BYTE;
    }

    /** HEAPBLK_TO_OFFSET: the bit position of the block's pair within its byte. */
    static int mapOffset(int heapBlk) {
        return Integer.remainderUnsigned(heapBlk, HEAPBLOCKS_PER_BYTE) * BITS_PER_HEAPBLOCK;
    }

    // ---- the page format (no locking: the caller holds the VM buffer's content lock)

    /** The block's two bits on a VM page (an uninitialised page is an empty map). */
    static int bits(MemorySegment vmPage, int heapBlk) {
        int b = vmPage.get(JAVA_BYTE, MAP_OFFSET + mapByte(heapBlk)) & 0xff;
        return (b >> mapOffset(heapBlk)) & VALID_BITS;
    }

    /** Sets {@code flags} for the block; true if that changed the page. Initialises a new page first. */
    static boolean setBits(MemorySegment vmPage, int heapBlk, int flags) {
        if (Page.isNew(vmPage)) Page.init(vmPage, 0);
        long at = MAP_OFFSET + mapByte(heapBlk);
        int b = vmPage.get(JAVA_BYTE, at) & 0xff;
        int shifted = (flags & VALID_BITS) << mapOffset(heapBlk);
        if ((b & shifted) == shifted) return false;
        vmPage.set(JAVA_BYTE, at, (byte) (b | shifted));
        return true;
    }

    /** Clears {@code flags} for the block; true if that changed the page. */
    static boolean clearBits(MemorySegment vmPage, int heapBlk, int flags) {
        long at = MAP_OFFSET + mapByte(heapBlk);
        int b = vmPage.get(JAVA_BYTE, at) & 0xff;
        int shifted = (flags & VALID_BITS) << mapOffset(heapBlk);
        if ((b & shifted) == 0) return false;
        vmPage.set(JAVA_BYTE, at, (byte) (b & ~shifted));
        return true;
    }

    /** visibilitymap_count on one page: how many heap blocks are all-visible and all-frozen. */
    static int[] countPage(MemorySegment vmPage) {
        int visible = 0, frozen = 0;
        for (int i = 0; i < MAPSIZE; i++) {
            int b = vmPage.get(JAVA_BYTE, MAP_OFFSET + i) & 0xff;
            for (int k = 0; k < HEAPBLOCKS_PER_BYTE; k++) {
                int pair = (b >> (k * BITS_PER_HEAPBLOCK)) & VALID_BITS;
                if ((pair & ALL_VISIBLE) != 0) visible++;
                if ((pair & ALL_FROZEN) != 0) frozen++;
            }
        }
        return new int[] {visible, frozen};
    }

    // ---- buffers

    static BufferTag tag(Relation rel, int mapBlock) {
        return new BufferTag(rel.locator().spcOid(), rel.locator().dbOid(), rel.locator().relNumber(),
                ForkNumber.VM.number(), mapBlock);
    }

    /**
     * vm_readbuf: the map page for {@code heapBlk}, pinned, or 0 if the fork does not reach it and
     * {@code extend} is false (then every bit of the block is clear).
     */
    static int readBuffer(HeapEnv env, Relation rel, int heapBlk, boolean extend) {
        int mapBlock = mapBlock(heapBlk);
        int nblocks = env.smgr().exists(rel.locator(), ForkNumber.VM) ? env.smgr().nblocks(rel.locator(), ForkNumber.VM) : 0;
        if (Integer.compareUnsigned(mapBlock, nblocks) >= 0) {
            if (!extend) return 0;
            extendFork(env, rel, mapBlock + 1);
        }
        return env.buffers().readBuffer(tag(rel, mapBlock), null);
    }

    /**
     * vm_extend: under the relation extension lock, the fork is created if missing and zero
     * pages appended up to {@code nblocks}; they are initialised when first locked for a change.
     */
    private static void extendFork(HeapEnv env, Relation rel, int nblocks) {
        env.extensionLocks().lock(rel.locator());
        try {
            if (!env.smgr().exists(rel.locator(), ForkNumber.VM)) env.smgr().create(rel.locator(), ForkNumber.VM, false);
            int now = env.smgr().nblocks(rel.locator(), ForkNumber.VM);
            if (now < nblocks) env.smgr().zeroExtend(rel.locator(), ForkNumber.VM, now, nblocks - now, false);
        } finally {
            env.extensionLocks().unlock(rel.locator());
        }
    }

    /** visibilitymap_get_status: the block's bits, read under the VM page's share lock. */
    static int status(HeapEnv env, Relation rel, int heapBlk) {
        int buf = readBuffer(env, rel, heapBlk, false);
        if (buf == 0) return 0;
        BufferManager bm = env.buffers();
        bm.lockBuffer(buf, SHARE);
        try {
            return bits(bm.page(buf), heapBlk);
        } finally {
            env.unlockRelease(buf);
        }
    }

    /**
     * visibilitymap_clear for a heap page the caller holds exclusively locked, inside its
     * critical section: the bits in {@code flags} are cleared and the VM buffer marked dirty (no
     * WAL of its own: the heap record's ALL_VISIBLE_CLEARED flag makes redo do it again). The
     * caller clears PD_ALL_VISIBLE itself when it clears ALL_VISIBLE.
     */
    static boolean clear(HeapEnv env, Relation rel, int heapBlk, int flags) {
        int buf = readBuffer(env, rel, heapBlk, false);
        if (buf == 0) return false;
        BufferManager bm = env.buffers();
        bm.lockBuffer(buf, EXCLUSIVE);
        try {
            boolean changed = clearBits(bm.page(buf), heapBlk, flags);
            if (changed) bm.markDirty(buf);
            return changed;
        } finally {
            env.unlockRelease(buf);
        }
    }

    /**
     * What heap_insert, heap_update and heap_delete do before changing a tuple of an all-visible
     * page: PD_ALL_VISIBLE and both map bits are cleared. True if the page was all-visible (the
     * record's ALL_VISIBLE_CLEARED flag).
     */
    static boolean clearForChange(HeapEnv env, Relation rel, int heapBuffer) {
        MemorySegment page = env.buffers().page(heapBuffer);
        if ((PageHeader.flags(page) & PageHeader.PD_ALL_VISIBLE) == 0) return false;
        PageHeader.clearFlag(page, PageHeader.PD_ALL_VISIBLE);
        clear(env, rel, env.buffers().blockNumber(heapBuffer), VALID_BITS);
        return true;
    }

    /**
     * visibilitymap_set with log_heap_visible: the caller (VACUUM) holds {@code heapBuffer}
     * exclusively locked and has set PD_ALL_VISIBLE and marked it dirty. The bits are set on the
     * VM page, logged as XLOG_HEAP2_VISIBLE (block 0 the VM page, block 1 the heap page without an
     * image: the record changes only a hint-like flag on it) with {@code cutoffXid}, the newest
     * xmin on the page, and the VM page stamped with the record's LSN.
     */
    static void set(HeapEnv env, Relation rel, int heapBuffer, int cutoffXid, int flags) {
        BufferManager bm = env.buffers();
        int heapBlk = bm.blockNumber(heapBuffer);
        int buf = readBuffer(env, rel, heapBlk, true);
        bm.lockBuffer(buf, EXCLUSIVE);
        try {
            MemorySegment vmPage = bm.page(buf);
            // critical section
            if (!setBits(vmPage, heapBlk, flags)) return;
            bm.markDirty(buf);
            if (rel.needsWal()) {
                XLogRecordBuilder b = new XLogRecordBuilder();
                b.registerData(HeapXLog.visible(cutoffXid, flags));
                b.registerBuffer(0, rel.locator(), ForkNumber.VM, mapBlock(heapBlk), vmPage, 0);
                b.registerBuffer(1, rel.locator(), ForkNumber.MAIN, heapBlk, bm.page(heapBuffer),
                        XLogRecordBuilder.REGBUF_STANDARD | XLogRecordBuilder.REGBUF_NO_IMAGE);
                long lsn = env.insertWal(b, RmgrId.HEAP2, HeapXLog.XLOG_HEAP2_VISIBLE, 0);
                PageHeader.setLsn(vmPage, lsn);
            }
        } finally {
            env.unlockRelease(buf);
        }
    }

    /** visibilitymap_count: all-visible and all-frozen heap blocks of the relation. */
    static int[] count(HeapEnv env, Relation rel) {
        if (!env.smgr().exists(rel.locator(), ForkNumber.VM)) return new int[] {0, 0};
        int nblocks = env.smgr().nblocks(rel.locator(), ForkNumber.VM);
        int visible = 0, frozen = 0;
        BufferManager bm = env.buffers();
        for (int m = 0; m < nblocks; m++) {
            int buf = bm.readBuffer(tag(rel, m), null);
            bm.lockBuffer(buf, SHARE);
            try {
                int[] c = countPage(bm.page(buf));
                visible += c[0];
                frozen += c[1];
            } finally {
                env.unlockRelease(buf);
            }
        }
        return new int[] {visible, frozen};
    }
}
