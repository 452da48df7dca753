package org.tusk.access.transam;

import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;


/**
 * A record split into its parts (xlogreader.c's DecodeXLogRecord): header, block references
 * with their images and data, and main data. Parts are views of the record's bytes, which the
 * caller must not change afterwards.
 *
 * <p>Decoding checks the record's internal consistency with PostgreSQL's checks and messages,
 * not its CRC: that is {@link XLogRecord#hasValidCrc}, which a reader applies first.
 */
public final class DecodedXLogRecord {
    private final long lsn;
    private final long endLsn;
    private final XLogRecord header;
    private final DecodedBkpBlock[] blocks;
    private final MemorySegment mainData;
    private final int origin;
    private final int toplevelXid;

    private DecodedXLogRecord(long lsn, long endLsn, XLogRecord header, DecodedBkpBlock[] blocks, MemorySegment mainData,
                              int origin, int toplevelXid) {
        this.lsn = lsn;
        this.endLsn = endLsn;
        this.header = header;
        this.blocks = blocks;
        this.mainData = mainData;
        this.origin = origin;
        this.toplevelXid = toplevelXid;
    }

    /**
     * Decodes the {@code xl_tot_len} bytes of {@code record}, which starts at {@code lsn} and ends
     * (MAXALIGNed, page headers included) at {@code endLsn}.
     *
     * @throws InvalidXLogRecordException when the record contradicts itself
     */
    public static DecodedXLogRecord decode(long lsn, long endLsn, MemorySegment record) {
        XLogRecord hdr = XLogRecord.read(record);
        String at = XLogRecPtr.format(lsn);
        long remaining = Integer.toUnsignedLong(hdr.totLen()) - XLogRecord.SIZE;
        if (hdr.totLen() < XLogRecord.SIZE || record.byteSize() < hdr.totLen()) {
            throw new InvalidXLogRecordException("invalid record length at %s: wanted %d, got %d"
                    .formatted(at, XLogRecord.SIZE, Integer.toUnsignedLong(hdr.totLen())));
        }
        Cursor c = new Cursor(record, remaining, at);
        DecodedBkpBlock[] blocks = new DecodedBkpBlock[XLogRecord.XLR_MAX_BLOCK_ID + 1];
        // What each block header announces, to be matched with its payload after all headers.
        int[] imageLen = new int[blocks.length];
        int[] dataLen = new int[blocks.length];
        long mainLen = 0;
        int origin = 0;
        int toplevelXid = XLogDefs.INVALID_TRANSACTION_ID;
        int maxBlockId = -1;
        RelFileLocator prevLocator = null;

        // Headers continue until what is left is exactly the payload they announced.
        long dataTotal = 0;
        while (c.remaining() > dataTotal) {
            int id = c.u8();
            if (id == XLogRecord.XLR_BLOCK_ID_DATA_SHORT) {
                mainLen = c.u8();
                dataTotal += mainLen;
                break;
            } else if (id == XLogRecord.XLR_BLOCK_ID_DATA_LONG) {
                mainLen = Integer.toUnsignedLong(c.i32());
                dataTotal += mainLen;
                break;
            } else if (id == XLogRecord.XLR_BLOCK_ID_ORIGIN) {
                origin = c.u16();
            } else if (id == XLogRecord.XLR_BLOCK_ID_TOPLEVEL_XID) {
                toplevelXid = c.i32();
            } else if (id <= XLogRecord.XLR_MAX_BLOCK_ID) {
                if (id <= maxBlockId) throw new InvalidXLogRecordException("out-of-order block_id %d at %s".formatted(id, at));
                maxBlockId = id;
                int forkFlags = c.u8();
                int dlen = c.u16();
                boolean hasData = (forkFlags & XLogRecord.BKPBLOCK_HAS_DATA) != 0;
                if (hasData && dlen == 0) throw new InvalidXLogRecordException("BKPBLOCK_HAS_DATA set, but no data included at " + at);
                if (!hasData && dlen != 0) {
                    throw new InvalidXLogRecordException("BKPBLOCK_HAS_DATA not set, but data length is %d at %s".formatted(dlen, at));
                }
                int holeOffset = 0;
                int holeLength = 0;
                int bimgInfo = 0;
                int ilen = -1;
                if ((forkFlags & XLogRecord.BKPBLOCK_HAS_IMAGE) != 0) {
                    ilen = c.u16();
                    holeOffset = c.u16();
                    bimgInfo = c.u8();
                    if ((bimgInfo & XLogRecord.BKPIMAGE_COMPRESSED) != 0) {
                        throw new InvalidXLogRecordException("could not restore image at %s compressed with unsupported method, block %d"
                                .formatted(at, id));
                    }
                    holeLength = XLogDefs.BLCKSZ - ilen;
                    boolean hasHole = (bimgInfo & XLogRecord.BKPIMAGE_HAS_HOLE) != 0;
                    if (hasHole && (holeOffset == 0 || holeLength <= 0 || ilen == XLogDefs.BLCKSZ)) {
                        throw new InvalidXLogRecordException("BKPIMAGE_HAS_HOLE set, but hole offset %d length %d block image length %d at %s"
                                .formatted(holeOffset, holeLength, ilen, at));
                    }
                    if (!hasHole && (holeOffset != 0 || holeLength != 0)) {
                        throw new InvalidXLogRecordException("BKPIMAGE_HAS_HOLE not set, but hole offset %d length %d at %s"
                                .formatted(holeOffset, holeLength, at));
                    }
                    if (holeOffset + holeLength > XLogDefs.BLCKSZ) {
                        throw new InvalidXLogRecordException("invalid block image length %d with hole offset %d at %s"
                                .formatted(ilen, holeOffset, at));
                    }
                }
                RelFileLocator locator;
                if ((forkFlags & XLogRecord.BKPBLOCK_SAME_REL) != 0) {
                    if (prevLocator == null) throw new InvalidXLogRecordException("BKPBLOCK_SAME_REL set but no previous rel at " + at);
                    locator = prevLocator;
                } else {
                    int spc = c.i32(), db = c.i32(), rel = c.i32();
                    try {
                        locator = new RelFileLocator(spc, db, rel);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidXLogRecordException("invalid relation %d/%d/%d in block reference at %s"
                                .formatted(spc, db, rel, at));
                    }
                }
                prevLocator = locator;
                int blockNo = c.i32();
                ForkNumber fork = ForkNumber.of(forkFlags & XLogRecord.BKPBLOCK_FORK_MASK);
                if (fork == null) {
                    throw new InvalidXLogRecordException("invalid fork number %d at %s".formatted(forkFlags & XLogRecord.BKPBLOCK_FORK_MASK, at));
                }
                imageLen[id] = ilen;
                dataLen[id] = dlen;
                dataTotal += Math.max(ilen, 0) + dlen;
                blocks[id] = new DecodedBkpBlock(id, locator, fork, blockNo, forkFlags, null, holeOffset, holeLength, bimgInfo, null);
            } else {
                throw new InvalidXLogRecordException("invalid block_id %d at %s".formatted(id, at));
            }
        }
        // Payloads follow the headers in the same order; check they add up before slicing.
        for (int id = 0; id <= maxBlockId; id++) {
            DecodedBkpBlock b = blocks[id];
            if (b == null) continue;
            MemorySegment image = imageLen[id] >= 0 ? c.take(imageLen[id]) : null;
            MemorySegment data = c.take(dataLen[id]);
            blocks[id] = new DecodedBkpBlock(id, b.locator(), b.fork(), b.blockNo(), b.flags(), image, b.holeOffset(),
                    b.holeLength(), b.bimgInfo(), data);
        }
        MemorySegment main = c.take(mainLen);
        if (c.remaining() != 0) throw new InvalidXLogRecordException("record with invalid length at " + at);
        DecodedBkpBlock[] used = Arrays.copyOf(blocks, maxBlockId + 1);
        return new DecodedXLogRecord(lsn, endLsn, hdr, used, main, origin, toplevelXid);
    }

    /** Start of the record ({@code ReadRecPtr}). */
    public long lsn() {
        return lsn;
    }

    /** End of the record, MAXALIGNed ({@code EndRecPtr}): where the next record is looked for. */
    public long endLsn() {
        return endLsn;
    }

    public XLogRecord header() {
        return header;
    }

    public RmgrId rmgr() {
        return header.rmgr();
    }

    /** {@code XLogRecGetInfo}. */
    public int info() {
        return header.info();
    }

    public int xid() {
        return header.xid();
    }

    public long prev() {
        return header.prev();
    }

    /** {@code XLogRecMaxBlockId}: highest block id used, -1 when there are none. */
    public int maxBlockId() {
        return blocks.length - 1;
    }

    /** {@code XLogRecHasBlockRef}. */
    public boolean hasBlockRef(int blockId) {
        return blockId >= 0 && blockId < blocks.length && blocks[blockId] != null;
    }

    /** The block reference with this id, or null. */
    public DecodedBkpBlock block(int blockId) {
        return hasBlockRef(blockId) ? blocks[blockId] : null;
    }

    /** All block references in block-id order. */
    public List<DecodedBkpBlock> blocks() {
        List<DecodedBkpBlock> l = new ArrayList<>();
        for (DecodedBkpBlock b : blocks) if (b != null) l.add(b);
        return Collections.unmodifiableList(l);
    }

    /** {@code XLogRecGetData}: the main data, possibly empty. */
    public MemorySegment mainData() {
        return mainData;
    }

    /** {@code XLogRecGetBlockData}: the data of a block reference, empty when it has none. */
    public MemorySegment blockData(int blockId) {
        DecodedBkpBlock b = block(blockId);
        if (b == null) throw new IllegalArgumentException("record at " + XLogRecPtr.format(lsn) + " has no block " + blockId);
        return b.data();
    }

    /** RestoreBlockImage: fills {@code page} from block {@code blockId}'s image. */
    public void restoreBlockImage(int blockId, MemorySegment page) {
        DecodedBkpBlock b = block(blockId);
        if (b == null || !b.hasImage()) {
            throw new IllegalArgumentException("could not restore image at %s with invalid block %d specified"
                    .formatted(XLogRecPtr.format(lsn), blockId));
        }
        b.restoreImage(page);
    }

    /** Replication origin (XLR_BLOCK_ID_ORIGIN), 0 when none. */
    public int origin() {
        return origin;
    }

    /** Top-level xid of a subtransaction's record (XLR_BLOCK_ID_TOPLEVEL_XID), 0 when none. */
    public int toplevelXid() {
        return toplevelXid;
    }

    /** Walks a record's headers and payloads, failing as DecodeXLogRecord's shortdata_err does on overrun. */
    private static final class Cursor {
        private final MemorySegment rec;
        private final long end;
        private final String at;
        private long pos = XLogRecord.SIZE;

        Cursor(MemorySegment rec, long remaining, String at) {
            this.rec = rec;
            this.end = XLogRecord.SIZE + remaining;
            this.at = at;
        }

        long remaining() {
            return end - pos;
        }

        private long advance(long n) {
            if (n > remaining()) {
                throw new InvalidXLogRecordException("record with invalid length at " + at);
            }
            long p = pos;
            pos += n;
            return p;
        }

        int u8() {
            return u8(rec, advance(1));
        }

        int u16() {
            return u16(rec, advance(2));
        }

        int i32() {
            return i32(rec, advance(4));
        }

        MemorySegment take(long n) {
            return rec.asSlice(advance(n), n);
        }

        private static int u8(MemorySegment s, long off) {
            return WalBytes.u8(s, off);
        }

        private static int u16(MemorySegment s, long off) {
            return WalBytes.u16(s, off);
        }

        private static int i32(MemorySegment s, long off) {
            return WalBytes.i32(s, off);
        }
    }
}
