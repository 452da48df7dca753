package org.tusk.access.nbtree;

import org.tusk.access.index.IndexScan;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * A scan with array keys (nbtree.c btgettuple's loop over {@code _bt_advance_array_keys}, as in
 * PostgreSQL 15): one descent and leaf scan ({@link BTScan}) per combination of array elements,
 * in the scan's direction, so the entries come out in index order. Because the elements of each
 * array are distinct, no two combinations match the same entry and no TID is returned twice.
 */
final class BTArrayScan implements IndexScan {
    private final BTPages pages;
    private final BTSearch search;
    private final Relation rel;
    private final BTArrayKeys arrayKeys;
    private final boolean backward;
    private final boolean wantItup;
    private BTScan current;
    private boolean done;

    BTArrayScan(BTPages pages, BTSearch search, Relation rel, BTArrayKeys arrayKeys, boolean backward, boolean wantItup) {
        this.pages = pages;
        this.search = search;
        this.rel = rel;
        this.arrayKeys = arrayKeys;
        this.backward = backward;
        this.wantItup = wantItup;
        if (!arrayKeys.satisfiable()) done = true;
        else arrayKeys.start(backward);
    }

    @Override
    public ItemPointer next() {
        while (!done) {
            if (current == null) current = new BTScan(pages, search, rel,
                    new BTScanKeys(rel.desc(), BTScanInsert.options(rel), arrayKeys.currentKeys()), backward, wantItup);
            ItemPointer tid = current.next();
            if (tid != null) return tid;
            current.close();
            current = null;
            if (!arrayKeys.advance(backward)) done = true;
        }
        return null;
    }

    @Override
    public Object[] indexValues() {
        if (current == null) throw new UnsupportedOperationException("the scan is not on an entry");
        return current.indexValues();
    }

    @Override
    public void close() {
        done = true;
        if (current != null) current.close();
        current = null;
    }
}
