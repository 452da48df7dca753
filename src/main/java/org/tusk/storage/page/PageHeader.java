package org.tusk.storage.page;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * PageHeaderData (bufpage.h), the 24 bytes at the start of every page, declared once as a
 * {@link StructLayout}; the accessors read and write a page in place. All fields are in native
 * byte order, as PostgreSQL writes them (little-endian on every platform Tusk runs on); the
 * uint16 fields are returned as non-negative {@code int}s and the uint32 fields as {@code int}s
 * whose bits are those of the C value.
 *
 * <pre>
 *  0  pd_lsn.xlogid        uint32  high half of the LSN of the last WAL record that changed the page
 *  4  pd_lsn.xrecoff       uint32  low half
 *  8  pd_checksum          uint16  data checksum, when data checksums are enabled
 * 10  pd_flags             uint16  PD_HAS_FREE_LINES | PD_PAGE_FULL | PD_ALL_VISIBLE
 * 12  pd_lower             uint16  offset to the start of free space (end of the line pointers)
 * 14  pd_upper             uint16  offset to the end of free space (start of the items)
 * 16  pd_special           uint16  offset to the start of the special space
 * 18  pd_pagesize_version  uint16  page size | layout version (8192 | 4 = 0x2004)
 * 20  pd_prune_xid         uint32  oldest prunable xid on the page, or 0
 * 24  pd_linp[]                    line pointers ({@link ItemId}), one per offset number
 * </pre>
 * The LSN is kept as two halves, not one uint64, because the C struct has only 4-byte
 * alignment there; a page's bytes are therefore identical on every platform of one endianness.
 */
public final class PageHeader {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.structLayout(JAVA_INT.withName("xlogid"), JAVA_INT.withName("xrecoff")).withName("pd_lsn"),
            JAVA_SHORT.withName("pd_checksum"),
            JAVA_SHORT.withName("pd_flags"),
            JAVA_SHORT.withName("pd_lower"),
            JAVA_SHORT.withName("pd_upper"),
            JAVA_SHORT.withName("pd_special"),
            JAVA_SHORT.withName("pd_pagesize_version"),
            JAVA_INT.withName("pd_prune_xid"));

    /** SizeOfPageHeaderData: offsetof(PageHeaderData, pd_linp). */
    public static final int SIZE = (int) LAYOUT.byteSize();
    /** Byte offset of pd_checksum, which the checksum itself skips. */
    public static final int CHECKSUM_OFFSET = (int) LAYOUT.byteOffset(groupElement("pd_checksum"));

    /** PG_PAGE_LAYOUT_VERSION: 4 since PostgreSQL 8.3. */
    public static final int PG_PAGE_LAYOUT_VERSION = 4;

    /** pd_flags: there are (or may be) unused line pointers before pd_lower (a hint). */
    public static final int PD_HAS_FREE_LINES = 0x0001;
    /** pd_flags: not enough free space for a new tuple (a hint for pruning). */
    public static final int PD_PAGE_FULL = 0x0002;
    /** pd_flags: every tuple on the page is visible to everyone. */
    public static final int PD_ALL_VISIBLE = 0x0004;
    /** OR of all the valid pd_flags bits; any other bit set means a corrupt header. */
    public static final int PD_VALID_FLAG_BITS = 0x0007;

    private static final VarHandle XLOGID = LAYOUT.varHandle(groupElement("pd_lsn"), groupElement("xlogid"));
    private static final VarHandle XRECOFF = LAYOUT.varHandle(groupElement("pd_lsn"), groupElement("xrecoff"));
    private static final VarHandle CHECKSUM = LAYOUT.varHandle(groupElement("pd_checksum"));
    private static final VarHandle FLAGS = LAYOUT.varHandle(groupElement("pd_flags"));
    private static final VarHandle LOWER = LAYOUT.varHandle(groupElement("pd_lower"));
    private static final VarHandle UPPER = LAYOUT.varHandle(groupElement("pd_upper"));
    private static final VarHandle SPECIAL = LAYOUT.varHandle(groupElement("pd_special"));
    private static final VarHandle PAGESIZE_VERSION = LAYOUT.varHandle(groupElement("pd_pagesize_version"));
    private static final VarHandle PRUNE_XID = LAYOUT.varHandle(groupElement("pd_prune_xid"));

    private PageHeader() {}

    /** PageGetLSN: xlogid in the high 32 bits, xrecoff in the low. */
    public static long lsn(MemorySegment page) {
        return ((long) (int) XLOGID.get(page, 0L) << 32) | Integer.toUnsignedLong((int) XRECOFF.get(page, 0L));
    }

    public static void setLsn(MemorySegment page, long lsn) {
        XLOGID.set(page, 0L, (int) (lsn >>> 32));
        XRECOFF.set(page, 0L, (int) lsn);
    }

    public static int checksum(MemorySegment page) { return Short.toUnsignedInt((short) CHECKSUM.get(page, 0L)); }
    public static void setChecksum(MemorySegment page, int v) { CHECKSUM.set(page, 0L, (short) v); }

    public static int flags(MemorySegment page) { return Short.toUnsignedInt((short) FLAGS.get(page, 0L)); }
    public static void setFlags(MemorySegment page, int v) { FLAGS.set(page, 0L, (short) v); }

    public static int lower(MemorySegment page) { return Short.toUnsignedInt((short) LOWER.get(page, 0L)); }
    public static void setLower(MemorySegment page, int v) { LOWER.set(page, 0L, (short) v); }

    public static int upper(MemorySegment page) { return Short.toUnsignedInt((short) UPPER.get(page, 0L)); }
    public static void setUpper(MemorySegment page, int v) { UPPER.set(page, 0L, (short) v); }

    public static int special(MemorySegment page) { return Short.toUnsignedInt((short) SPECIAL.get(page, 0L)); }
    public static void setSpecial(MemorySegment page, int v) { SPECIAL.set(page, 0L, (short) v); }

    public static int pageSizeVersion(MemorySegment page) { return Short.toUnsignedInt((short) PAGESIZE_VERSION.get(page, 0L)); }

    /** PageSetPageSizeAndVersion: the size is a multiple of 256, so its low byte holds the version. */
    public static void setPageSizeAndVersion(MemorySegment page, int size, int version) {
        PAGESIZE_VERSION.set(page, 0L, (short) (size | version));
    }

    /** PageGetPageSize. */
    public static int pageSize(MemorySegment page) { return pageSizeVersion(page) & 0xFF00; }

    /** PageGetPageLayoutVersion. */
    public static int layoutVersion(MemorySegment page) { return pageSizeVersion(page) & 0x00FF; }

    public static int pruneXid(MemorySegment page) { return (int) PRUNE_XID.get(page, 0L); }
    public static void setPruneXid(MemorySegment page, int xid) { PRUNE_XID.set(page, 0L, xid); }

    public static boolean hasFlag(MemorySegment page, int flag) { return (flags(page) & flag) != 0; }
    public static void setFlag(MemorySegment page, int flag) { setFlags(page, flags(page) | flag); }
    public static void clearFlag(MemorySegment page, int flag) { setFlags(page, flags(page) & ~flag); }

}
