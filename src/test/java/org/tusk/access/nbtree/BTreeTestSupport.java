package org.tusk.access.nbtree;

import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.storage.buffer.BufferManager.LockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** Expected results computed the slow way, to hold scans against. */
final class BTreeTestSupport {
    private BTreeTestSupport() {}

    record Entry(Object[] keys, ItemPointer tid) {}

    static Comparator<Entry> order(TupleDesc desc) {
        return (a, b) -> {
            int c = BTBuild.compareKeys(desc, a.keys(), b.keys());
            return c != 0 ? c : BTScanInsert.compareTids(a.tid(), b.tid());
        };
    }

    static List<ItemPointer> scan(BTreeAm am, Relation index, List<ScanKey> keys, boolean backward) {
        List<ItemPointer> out = new ArrayList<>();
        try (IndexScan s = am.beginScan(index, keys, backward)) {
            ItemPointer t;
            while ((t = s.next()) != null) out.add(t);
        }
        return out;
    }

    /** What a scan with {@code keys} must return, in index order (backward: reversed). */
    static List<ItemPointer> expected(TupleDesc desc, List<Entry> sortedEntries, List<ScanKey> keys, boolean backward) {
        List<ItemPointer> out = new ArrayList<>();
        for (Entry e : sortedEntries) if (matches(desc, e, keys)) out.add(e.tid());
        if (backward) java.util.Collections.reverse(out);
        return out;
    }

    static boolean matches(TupleDesc desc, Entry e, List<ScanKey> keys) {
        for (ScanKey k : keys) {
            Object v = e.keys()[k.attno() - 1];
            if (k.isNullSearch()) {
                if ((v == null) != (k.nullSearch() == ScanKey.NullSearch.IS_NULL)) return false;
                continue;
            }
            if (v == null || k.argument() == null) return false;
            DatumType t = desc.attr(k.attno() - 1).type();
            int c = BTOrdering.compare(t, v, k.argument());
            boolean ok = switch (k.strategy()) {
                case LESS -> c < 0;
                case LESS_EQUAL -> c <= 0;
                case EQUAL -> c == 0;
                case GREATER_EQUAL -> c >= 0;
                case GREATER -> c > 0;
            };
            if (!ok) return false;
        }
        return true;
    }

    /** The root's level, read from the metapage. */
    static int rootLevel(BTreeCluster.Backend b, Relation index) {
        int buf = b.buffers.readBuffer(BTPages.tag(index.locator(), 0), null);
        b.buffers.lockBuffer(buf, LockMode.SHARE);
        try {
            return BTMetaPage.level(b.buffers.page(buf));
        } finally {
            b.buffers.unlockBuffer(buf);
            b.buffers.releaseBuffer(buf);
        }
    }

    static List<Entry> filter(List<Entry> entries, Predicate<Entry> p) {
        return entries.stream().filter(p).toList();
    }

    /** What the startup process does with the records a B-tree writes: Btree redo, or restoring XLOG_FPI images. */
    static void redo(org.tusk.access.transam.DecodedXLogRecord rec, org.tusk.access.transam.RedoContext ctx) {
        if (rec.rmgr() == org.tusk.access.transam.RmgrId.XLOG) org.tusk.access.transam.FullPageImages.redo(rec, ctx);
        else BTreeRedo.redo(rec, ctx);
    }
}
