package org.tusk.access.gin;

import org.junit.jupiter.api.Test;
import org.tusk.access.common.Attribute;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Entry tuples and entry pages: what is written reads back, in key order, on a GIN page layout. */
class GinEntryTest {
    private static Relation index(int... columnsKeyTypes) {
        List<Attribute> attrs = new ArrayList<>();
        int[] attnums = new int[columnsKeyTypes.length];
        int[] indclass = new int[columnsKeyTypes.length];
        for (int i = 0; i < attnums.length; i++) {
            attrs.add(Attribute.of("c" + i, DatumType.forOid(columnsKeyTypes[i])));
            attnums[i] = i + 1;
            indclass[i] = GinOpclasses.ARRAY_OPS;
        }
        Relation.IndexInfo info = new Relation.IndexInfo(1, attnums, false, false, null, null, null, false, true, false,
                null, indclass);
        Relation r = new Relation(2, "gi", 2200, 'i', 'p', new RelFileLocator(1663, 5, 2), new TupleDesc(attrs, 0, -1), info);
        r.setRelam(Relation.GIN_AM_OID);
        return r;
    }

    @Test
    void leafTuplesReadBackWithTheirKeyOrderTidAndPostings() {
        GinState st = GinState.of(index(23, 25));
        List<ItemPointer> tids = List.of(new ItemPointer(1, 2), new ItemPointer(5, 7));
        byte[] seg = GinPostingList.compress(tids, 1000, null);
        for (GinEntry.Key key : List.of(GinEntry.Key.normal(1, 42), GinEntry.Key.normal(2, "abc"),
                new GinEntry.Key(2, GinEntry.NULL_KEY, null), new GinEntry.Key(1, GinEntry.EMPTY_ITEM, null),
                new GinEntry.Key(2, GinEntry.NULL_ITEM, null))) {
            byte[] t = GinEntry.formLeaf(st, key, new ItemPointer(1, 1), seg, 2, "gi");
            assertEquals(0, t.length % 8, "MAXALIGNed");
            GinEntry.Read r = GinEntry.read(st, t, true);
            assertEquals(key, r.key());
            assertEquals(new ItemPointer(1, 1), r.tid());
            assertEquals(2, r.nposting());
            assertEquals(tids, GinEntry.postings(t, r));
            byte[] internal = GinEntry.formInternal(st, key, new ItemPointer(3, 4), 17);
            GinEntry.Read ri = GinEntry.read(st, internal, false);
            assertEquals(key, ri.key());
            assertEquals(new ItemPointer(3, 4), ri.tid());
            assertEquals(17, ri.downlink());
            assertEquals(99, GinEntry.read(st, GinEntry.withDownlink(internal, 99), false).downlink());
        }
    }

    @Test
    void keysOrderByColumnThenCategoryThenValue() {
        GinState st = GinState.of(index(23, 25));
        List<GinEntry.Key> sorted = List.of(GinEntry.Key.normal(1, -5), GinEntry.Key.normal(1, 3),
                new GinEntry.Key(1, GinEntry.NULL_KEY, null), new GinEntry.Key(1, GinEntry.EMPTY_ITEM, null),
                new GinEntry.Key(1, GinEntry.NULL_ITEM, null), new GinEntry.Key(2, GinEntry.EMPTY_QUERY, null),
                GinEntry.Key.normal(2, "a"), GinEntry.Key.normal(2, "b"));
        for (int i = 0; i + 1 < sorted.size(); i++) assertTrue(st.compare(sorted.get(i), sorted.get(i + 1)) < 0, sorted.get(i) + " < " + sorted.get(i + 1));
    }

    @Test
    void pagesKeepItemsInOrderWithOpaqueAndMeta() {
        GinState st = GinState.of(index(23));
        MemorySegment page = MemorySegment.ofArray(new long[Page.BLCKSZ / 8]);
        GinPage.init(page, GinPage.GIN_LEAF);
        assertTrue(GinPage.isLeaf(page));
        assertTrue(GinPage.isRightmost(page));
        assertEquals(GinPage.OPAQUE_SIZE, Page.specialSize(page));
        List<byte[]> items = new ArrayList<>();
        for (int k = 0; k < 50; k++)
            items.add(GinEntry.formLeaf(st, GinEntry.Key.normal(1, k), new ItemPointer(k, 1),
                    GinPostingList.compress(List.of(new ItemPointer(k, 1)), 100, null), 1, "gi"));
        assertTrue(GinPage.fits(items));
        GinPage.rewrite(page, items, GinPage.GIN_LEAF, 12);
        assertEquals(12, GinPage.rightlink(page));
        assertFalse(GinPage.isRightmost(page));
        List<byte[]> back = GinPage.items(page);
        assertEquals(50, back.size());
        for (int k = 0; k < 50; k++) assertEquals(k, GinEntry.read(st, back.get(k), true).key().value());
        // GinMaxItemSize: three maximal tuples fit one page
        assertEquals(2712, GinPage.MAX_ITEM_SIZE);
        MemorySegment meta = MemorySegment.ofArray(new long[Page.BLCKSZ / 8]);
        GinPage.initMeta(meta);
        assertTrue(GinPage.isMeta(meta));
        GinPage.setStats(meta, new GinPage.Stats(10, 9, 0, 1234));
        assertEquals(new GinPage.Stats(10, 9, 0, 1234), GinPage.stats(meta));
    }
}
