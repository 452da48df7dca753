package org.tusk.access.nbtree;

import org.tusk.access.index.IndexAmContext;
import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.page.PageHeader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The B-tree's WAL records (nbtxlog.h), PostgreSQL 15's info codes and payloads, so that
 * pg_waldump decodes them:
 *
 * <pre>
 * INSERT_LEAF/UPPER/META  main: xl_btree_insert {uint16 offnum}
 *                         block 0 target page, data: the new tuple
 *                         block 1 (UPPER, META) the child whose split this finishes (flag cleared)
 *                         block 2 (META) metapage, WILL_INIT, data: xl_btree_metadata
 * SPLIT_L/SPLIT_R         main: xl_btree_split {uint32 level; uint16 firstrightoff, newitemoff, postingoff}
 *                         block 0 left (original) page, data: new item if it went left, then the
 *                                 left page's new high key
 *                         block 1 new right page, WILL_INIT, data: its items as on the page
 *                                 (pd_upper .. pd_special, highest offset first)
 *                         block 2 old right sibling (prev link), block 3 child (internal splits)
 * NEWROOT                 main: xl_btree_newroot {uint32 rootblk, level}
 *                         block 0 new root, WILL_INIT, data: its items (level > 0)
 *                         block 1 left child (flag cleared), block 2 metapage with xl_btree_metadata
 * VACUUM                  main: xl_btree_vacuum {uint16 ndeleted, nupdated}
 *                         block 0 leaf page, data: the deleted offset numbers
 * META_CLEANUP            block 0 metapage, WILL_INIT, data: xl_btree_metadata (used here to
 *                         log a freshly initialized metapage at build)
 * </pre>
 * xl_btree_metadata is {uint32 version, root, level, fastroot, fastlevel,
 * last_cleanup_num_delpages; bool allequalimage} padded to 28 bytes.
 */
public final class BTXLog {
    public static final int XLOG_BTREE_INSERT_LEAF = 0x00;
    public static final int XLOG_BTREE_INSERT_UPPER = 0x10;
    public static final int XLOG_BTREE_INSERT_META = 0x20;
    public static final int XLOG_BTREE_SPLIT_L = 0x30;
    public static final int XLOG_BTREE_SPLIT_R = 0x40;
    public static final int XLOG_BTREE_INSERT_POST = 0x50;
    public static final int XLOG_BTREE_DEDUP = 0x60;
    public static final int XLOG_BTREE_DELETE = 0x70;
    public static final int XLOG_BTREE_NEWROOT = 0xA0;
    public static final int XLOG_BTREE_VACUUM = 0xC0;
    public static final int XLOG_BTREE_META_CLEANUP = 0xE0;

    public static final int SIZE_OF_METADATA = 28;

    private final IndexAmContext ctx;

    BTXLog(IndexAmContext ctx) {
        this.ctx = ctx;
    }

    /** XLogInsert for RM_BTREE_ID; returns the record's end LSN, which the caller stamps on the pages. */
    long insert(XLogRecordBuilder b, int info, int xid) {
        if (ctx.xlog() == null) throw new IllegalStateException("a WAL-logged index changed by a process without a WAL handle");
        try {
            return ctx.xlog().insert(b, RmgrId.BTREE, info, xid).endLsn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void setLsn(MemorySegment page, long lsn) {
        PageHeader.setLsn(page, lsn);
    }

    static byte[] metadata(BTMetaPage.Metadata md) {
        ByteBuffer b = le(SIZE_OF_METADATA);
        b.putInt(md.version()).putInt(md.root()).putInt(md.level()).putInt(md.fastRoot()).putInt(md.fastLevel())
                .putInt(md.lastCleanupNumDelpages()).put((byte) (md.allEqualImage() ? 1 : 0));
        return b.array();
    }

    static BTMetaPage.Metadata readMetadata(MemorySegment data) {
        ByteBuffer b = data.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        return new BTMetaPage.Metadata(b.getInt(0), b.getInt(4), b.getInt(8), b.getInt(12), b.getInt(16), b.getInt(20),
                b.get(24) != 0);
    }

    static byte[] insertRecord(int offnum) {
        return le(2).putShort((short) offnum).array();
    }

    static byte[] splitRecord(int level, int firstRightOff, int newItemOff) {
        return le(10).putInt(level).putShort((short) firstRightOff).putShort((short) newItemOff).putShort((short) 0).array();
    }

    static byte[] newRootRecord(int rootBlk, int level) {
        return le(8).putInt(rootBlk).putInt(level).array();
    }

    static byte[] vacuumRecord(int ndeleted) {
        return le(4).putShort((short) ndeleted).putShort((short) 0).array();
    }

    static byte[] offsets(int[] offnums) {
        ByteBuffer b = le(offnums.length * 2);
        for (int o : offnums) b.putShort((short) o);
        return b.array();
    }

    /** The bytes pd_upper .. pd_special of a page: its items, as _bt_restore_page reads them. */
    static byte[] itemsOf(MemorySegment page) {
        int upper = PageHeader.upper(page);
        int special = PageHeader.special(page);
        return page.asSlice(upper, special - upper).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
