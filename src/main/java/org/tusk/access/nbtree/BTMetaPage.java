package org.tusk.access.nbtree;

import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.PageHeader;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * BTMetaPageData (nbtree.h): block 0 of every B-tree, at PageGetContents (offset 24), locating
 * the root. Protected by the metapage buffer's content lock: read under share, changed under
 * exclusive (a new root, _bt_newroot / _bt_getroot).
 *
 * <pre>
 *  0 btm_magic                      uint32  0x053162
 *  4 btm_version                    uint32  4 (heapkeyspace)
 *  8 btm_root                       uint32  P_NONE while the index is empty
 * 12 btm_level                      uint32  the root's level
 * 16 btm_fastroot                   uint32  = btm_root here (no page deletion, so never lower)
 * 20 btm_fastlevel                  uint32
 * 24 btm_last_cleanup_num_delpages  uint32
 * 32 btm_last_cleanup_num_heap_tuples float8, -1 (unused since PostgreSQL 14)
 * 40 btm_allequalimage              bool    false: deduplication is not supported
 * </pre>
 * pd_lower is set just past the struct (offset 72), so that a full-page image of the metapage,
 * which leaves out the "hole" between pd_lower and pd_upper, keeps it.
 */
public final class BTMetaPage {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("btm_magic"),
            JAVA_INT.withName("btm_version"),
            JAVA_INT.withName("btm_root"),
            JAVA_INT.withName("btm_level"),
            JAVA_INT.withName("btm_fastroot"),
            JAVA_INT.withName("btm_fastlevel"),
            JAVA_INT.withName("btm_last_cleanup_num_delpages"),
            MemoryLayout.paddingLayout(4),
            JAVA_DOUBLE.withName("btm_last_cleanup_num_heap_tuples"),
            JAVA_BYTE.withName("btm_allequalimage"),
            MemoryLayout.paddingLayout(7));
    public static final int SIZE = (int) LAYOUT.byteSize();

    /** BTREE_METAPAGE. */
    public static final int BTREE_METAPAGE = 0;
    public static final int BTREE_MAGIC = 0x053162;
    public static final int BTREE_VERSION = 4;
    /** BTREE_NOVAC_VERSION: the oldest version with the fields after btm_fastlevel. */
    public static final int BTREE_NOVAC_VERSION = 3;
    /** Where the struct starts: MAXALIGN(SizeOfPageHeaderData). */
    public static final int OFFSET = Alignment.maxAlign(PageHeader.SIZE);

    private static final VarHandle MAGIC = LAYOUT.varHandle(groupElement("btm_magic"));
    private static final VarHandle VERSION = LAYOUT.varHandle(groupElement("btm_version"));
    private static final VarHandle ROOT = LAYOUT.varHandle(groupElement("btm_root"));
    private static final VarHandle LEVEL = LAYOUT.varHandle(groupElement("btm_level"));
    private static final VarHandle FASTROOT = LAYOUT.varHandle(groupElement("btm_fastroot"));
    private static final VarHandle FASTLEVEL = LAYOUT.varHandle(groupElement("btm_fastlevel"));
    private static final VarHandle DELPAGES = LAYOUT.varHandle(groupElement("btm_last_cleanup_num_delpages"));
    private static final VarHandle HEAPTUPLES = LAYOUT.varHandle(groupElement("btm_last_cleanup_num_heap_tuples"));
    private static final VarHandle ALLEQUAL = LAYOUT.varHandle(groupElement("btm_allequalimage"));

    private BTMetaPage() {}

    public static int magic(MemorySegment p) { return (int) MAGIC.get(p, (long) OFFSET); }
    public static int version(MemorySegment p) { return (int) VERSION.get(p, (long) OFFSET); }
    public static int root(MemorySegment p) { return (int) ROOT.get(p, (long) OFFSET); }
    public static int level(MemorySegment p) { return (int) LEVEL.get(p, (long) OFFSET); }
    public static int fastRoot(MemorySegment p) { return (int) FASTROOT.get(p, (long) OFFSET); }
    public static int fastLevel(MemorySegment p) { return (int) FASTLEVEL.get(p, (long) OFFSET); }
    public static int lastCleanupNumDelpages(MemorySegment p) { return (int) DELPAGES.get(p, (long) OFFSET); }
    public static boolean allEqualImage(MemorySegment p) { return (byte) ALLEQUAL.get(p, (long) OFFSET) != 0; }

    /** The root and fast root together, as _bt_newroot and _bt_getroot set them. */
    public static void setRoot(MemorySegment p, int root, int level) {
        ROOT.set(p, (long) OFFSET, root);
        LEVEL.set(p, (long) OFFSET, level);
        FASTROOT.set(p, (long) OFFSET, root);
        FASTLEVEL.set(p, (long) OFFSET, level);
    }

    public static void setFastRoot(MemorySegment p, int root, int level) {
        FASTROOT.set(p, (long) OFFSET, root);
        FASTLEVEL.set(p, (long) OFFSET, level);
    }

    /**
     * _bt_initmetapage, and _bt_restore_meta with the logged fields: a fresh metapage with the
     * given root (P_NONE for an empty index).
     */
    public static void init(MemorySegment page, Metadata md) {
        BTPageOpaque.pageInit(page);
        MAGIC.set(page, (long) OFFSET, BTREE_MAGIC);
        VERSION.set(page, (long) OFFSET, md.version());
        ROOT.set(page, (long) OFFSET, md.root());
        LEVEL.set(page, (long) OFFSET, md.level());
        FASTROOT.set(page, (long) OFFSET, md.fastRoot());
        FASTLEVEL.set(page, (long) OFFSET, md.fastLevel());
        DELPAGES.set(page, (long) OFFSET, md.lastCleanupNumDelpages());
        HEAPTUPLES.set(page, (long) OFFSET, -1.0);
        ALLEQUAL.set(page, (long) OFFSET, (byte) (md.allEqualImage() ? 1 : 0));
        BTPageOpaque.setFlags(page, BTPageOpaque.BTP_META);
        PageHeader.setLower(page, OFFSET + SIZE);
    }

    /** What xl_btree_metadata carries: the metapage's fields, read from a page or a record. */
    public record Metadata(int version, int root, int level, int fastRoot, int fastLevel, int lastCleanupNumDelpages,
                           boolean allEqualImage) {
        /** An empty index's metapage. */
        public static Metadata empty() {
            return new Metadata(BTREE_VERSION, BTPageOpaque.P_NONE, 0, BTPageOpaque.P_NONE, 0, 0, false);
        }

        public static Metadata of(MemorySegment metapage) {
            return new Metadata(BTMetaPage.version(metapage), BTMetaPage.root(metapage), BTMetaPage.level(metapage), BTMetaPage.fastRoot(metapage),
                    BTMetaPage.fastLevel(metapage), BTMetaPage.lastCleanupNumDelpages(metapage), BTMetaPage.allEqualImage(metapage));
        }
    }
}
