package org.tusk.access.transam;

import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import static org.tusk.access.transam.WalBytes.putI32;
import static org.tusk.access.transam.WalBytes.putU8;
import static org.tusk.access.transam.WalBytes.u16;

/**
 * Collects the parts of one WAL record and assembles its bytes (PostgreSQL's xloginsert.c:
 * XLogBeginInsert, XLogRegisterData, XLogRegisterBuffer, XLogRegisterBufData and
 * XLogRecordAssemble). A builder is one XLogBeginInsert: use a new one, or {@link #reset}, per
 * record.
 *
 * <p>Whether a registered page goes into the record as a full-page image is decided at assembly,
 * as in PostgreSQL: forced by {@link #REGBUF_FORCE_IMAGE}, never with {@link #REGBUF_NO_IMAGE}
 * (and so {@link #REGBUF_WILL_INIT}), otherwise when full-page writes are on and the page's LSN is
 * not after the redo pointer of the last checkpoint, that is when this is the first change of
 * the page since the checkpoint. A block's registered data is left out when an image is taken,
 * unless {@link #REGBUF_KEEP_DATA}. Images are never compressed; for a {@link #REGBUF_STANDARD}
 * page the unused space between {@code pd_lower} and {@code pd_upper} is left out (the "hole").
 */
public final class XLogRecordBuilder {
    /** XLogRegisterBuffer flags, PostgreSQL's values. */
    public static final int REGBUF_FORCE_IMAGE = 0x01;
    public static final int REGBUF_NO_IMAGE = 0x02;
    public static final int REGBUF_WILL_INIT = 0x04 | REGBUF_NO_IMAGE;
    public static final int REGBUF_STANDARD = 0x08;
    public static final int REGBUF_KEEP_DATA = 0x10;

    /** bufpage.h: {@code pd_lower} and {@code pd_upper} offsets, and {@code SizeOfPageHeaderData}. */
    static final int PD_LOWER = 12;
    static final int PD_UPPER = 14;
    static final int SIZE_OF_PAGE_HEADER_DATA = 24;

    private final Registered[] buffers = new Registered[XLogRecord.XLR_MAX_BLOCK_ID + 1];
    private final ByteArrayOutputStream mainData = new ByteArrayOutputStream();

    private static final class Registered {
        final RelFileLocator locator;
        final ForkNumber fork;
        final int blockNo;
        final MemorySegment page;
        final int flags;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();

        Registered(RelFileLocator locator, ForkNumber fork, int blockNo, MemorySegment page, int flags) {
            this.locator = locator;
            this.fork = fork;
            this.blockNo = blockNo;
            this.page = page;
            this.flags = flags;
        }
    }

    /** XLogResetInsertion: forget everything registered. */
    public void reset() {
        Arrays.fill(buffers, null);
        mainData.reset();
    }

    /** XLogRegisterData: appends to the record's main data. */
    public XLogRecordBuilder registerData(byte[] data) {
        mainData.writeBytes(data);
        return this;
    }

    /**
     * XLogRegisterBuffer: block reference {@code blockId} is block {@code blockNo} of the given
     * relation fork, whose current contents are {@code page} (BLCKSZ bytes; may be null only with
     * {@link #REGBUF_NO_IMAGE}). The page is read at assembly, so it must not change in between.
     */
    public XLogRecordBuilder registerBuffer(int blockId, RelFileLocator locator, ForkNumber fork, int blockNo,
                                            MemorySegment page, int flags) {
        if (blockId < 0 || blockId > XLogRecord.XLR_MAX_BLOCK_ID) throw new IllegalArgumentException("invalid block_id " + blockId);
        if (buffers[blockId] != null) throw new IllegalStateException("block_id " + blockId + " is already registered");
        if (page == null ? (flags & REGBUF_NO_IMAGE) == 0 : page.byteSize() != XLogDefs.BLCKSZ) {
            throw new IllegalArgumentException("a registered page must be BLCKSZ bytes, or absent with REGBUF_NO_IMAGE");
        }
        buffers[blockId] = new Registered(locator, fork, blockNo, page, flags);
        return this;
    }

    /** XLogRegisterBufData: appends to the data of block reference {@code blockId}. */
    public XLogRecordBuilder registerBufData(int blockId, byte[] data) {
        Registered r = blockId >= 0 && blockId < buffers.length ? buffers[blockId] : null;
        if (r == null) throw new IllegalStateException("no block with id " + blockId + " registered with WAL insertion");
        if (r.data.size() + data.length > 0xFFFF) throw new IllegalStateException("too much WAL data");
        r.data.writeBytes(data);
        return this;
    }

    /** Assembles with no automatic full-page images (only {@link #REGBUF_FORCE_IMAGE} ones). */
    public AssembledXLogRecord assemble(RmgrId rmgr, int info, int xid) {
        return assemble(rmgr, info, xid, XLogRecPtr.INVALID, false);
    }

    /**
     * XLogRecordAssemble: lays out the header, block headers, main-data header and payloads.
     *
     * @param info         the resource manager's info bits, plus optionally
     *                     {@link XLogRecord#XLR_SPECIAL_REL_UPDATE}
     * @param redoRecPtr   redo pointer of the last checkpoint (pages not changed since get an image)
     * @param doPageWrites whether full_page_writes (or a running backup) asks for images
     */
    public AssembledXLogRecord assemble(RmgrId rmgr, int info, int xid, long redoRecPtr, boolean doPageWrites) {
        if ((info & ~(XLogRecord.XLR_RMGR_INFO_MASK | XLogRecord.XLR_SPECIAL_REL_UPDATE | XLogRecord.XLR_CHECK_CONSISTENCY)) != 0) {
            throw new IllegalArgumentException("invalid xlog info mask %02X".formatted(info));
        }
        Parts headers = new Parts();
        Parts payload = new Parts();
        Registered prev = null;
        long fpwLsn = XLogRecPtr.INVALID;
        for (int id = 0; id < buffers.length; id++) {
            Registered r = buffers[id];
            if (r == null) continue;
            boolean needsBackup = needsBackup(r, redoRecPtr, doPageWrites);
            if (!needsBackup && r.page != null && (r.flags & REGBUF_NO_IMAGE) == 0) {
                long lsn = pageLsn(r.page);
                if (fpwLsn == XLogRecPtr.INVALID || Long.compareUnsigned(lsn, fpwLsn) < 0) fpwLsn = lsn;
            }
            boolean needsData = r.data.size() > 0 && ((r.flags & REGBUF_KEEP_DATA) != 0 || !needsBackup);
            int forkFlags = r.fork.number();
            if (needsBackup) forkFlags |= XLogRecord.BKPBLOCK_HAS_IMAGE;
            if (needsData) forkFlags |= XLogRecord.BKPBLOCK_HAS_DATA;
            if ((r.flags & REGBUF_WILL_INIT) == REGBUF_WILL_INIT) forkFlags |= XLogRecord.BKPBLOCK_WILL_INIT;
            boolean sameRel = prev != null && prev.locator.equals(r.locator);
            if (sameRel) forkFlags |= XLogRecord.BKPBLOCK_SAME_REL;
            prev = r;

            headers.u8(id).u8(forkFlags).u16(needsData ? r.data.size() : 0);
            if (needsBackup) {
                int holeOffset = 0;
                int holeLength = 0;
                if ((r.flags & REGBUF_STANDARD) != 0) {
                    int lower = u16(r.page, PD_LOWER);
                    int upper = u16(r.page, PD_UPPER);
                    if (lower >= SIZE_OF_PAGE_HEADER_DATA && upper > lower && upper <= XLogDefs.BLCKSZ) {
                        holeOffset = lower;
                        holeLength = upper - lower;
                    }
                }
                int bimgInfo = XLogRecord.BKPIMAGE_APPLY | (holeLength > 0 ? XLogRecord.BKPIMAGE_HAS_HOLE : 0);
                headers.u16(XLogDefs.BLCKSZ - holeLength).u16(holeOffset).u8(bimgInfo);
                payload.bytes(r.page.asSlice(0, holeOffset));
                payload.bytes(r.page.asSlice(holeOffset + holeLength));
            }
            if (!sameRel) headers.i32(r.locator.spcOid()).i32(r.locator.dbOid()).i32(r.locator.relNumber());
            headers.i32(r.blockNo);
            if (needsData) payload.bytes(MemorySegment.ofArray(r.data.toByteArray()));
        }
        int mainLen = mainData.size();
        if (mainLen > 0) {
            if (mainLen > 255) headers.u8(XLogRecord.XLR_BLOCK_ID_DATA_LONG).i32(mainLen);
            else headers.u8(XLogRecord.XLR_BLOCK_ID_DATA_SHORT).u8(mainLen);
            payload.bytes(MemorySegment.ofArray(mainData.toByteArray()));
        }

        long total = XLogRecord.SIZE + headers.size() + payload.size();
        if (total > XLogRecord.MAX_RECORD_SIZE) throw new IllegalStateException("oversized WAL record");
        MemorySegment rec = MemorySegment.ofArray(new byte[(int) total]);
        putI32(rec, XLogRecord.OFF_TOT_LEN, (int) total);
        putI32(rec, XLogRecord.OFF_XID, xid);
        putU8(rec, XLogRecord.OFF_INFO, info);
        putU8(rec, XLogRecord.OFF_RMID, rmgr.id());
        long off = XLogRecord.SIZE;
        off = headers.copyTo(rec, off);
        payload.copyTo(rec, off);
        CRC32C crc = new CRC32C();
        WalBytes.crc(crc, rec, XLogRecord.SIZE, total - XLogRecord.SIZE);
        return new AssembledXLogRecord(rec, crc, fpwLsn);
    }

    private static boolean needsBackup(Registered r, long redoRecPtr, boolean doPageWrites) {
        if ((r.flags & REGBUF_NO_IMAGE) != 0) return false;
        if ((r.flags & REGBUF_FORCE_IMAGE) != 0) return true;
        if (!doPageWrites) return false;
        return Long.compareUnsigned(pageLsn(r.page), redoRecPtr) <= 0;
    }

    /** PageGetLSN: {@code pd_lsn} is two uint32 halves, high first. */
    static long pageLsn(MemorySegment page) {
        return (long) WalBytes.i32(page, 0) << 32 | Integer.toUnsignedLong(WalBytes.i32(page, 4));
    }

    /** A growing list of byte chunks: the header and payload parts of the record being assembled. */
    private static final class Parts {
        private final ByteArrayOutputStream small = new ByteArrayOutputStream();
        private final List<MemorySegment> chunks = new ArrayList<>();
        private long size;

        Parts u8(int v) {
            small.write(v);
            size += 1;
            return this;
        }

        Parts u16(int v) {
            return u8(v & 0xFF).u8((v >>> 8) & 0xFF);
        }

        Parts i32(int v) {
            return u16(v & 0xFFFF).u16(v >>> 16);
        }

        Parts bytes(MemorySegment s) {
            flushSmall();
            chunks.add(s);
            size += s.byteSize();
            return this;
        }

        long size() {
            return size;
        }

        long copyTo(MemorySegment dst, long off) {
            flushSmall();
            for (MemorySegment c : chunks) {
                MemorySegment.copy(c, 0, dst, off, c.byteSize());
                off += c.byteSize();
            }
            return off;
        }

        private void flushSmall() {
            if (small.size() > 0) {
                chunks.add(MemorySegment.ofArray(small.toByteArray()));
                small.reset();
            }
        }
    }
}
