package org.tusk.access.gin;

import org.tusk.access.common.Attribute;
import org.tusk.access.common.DatumType;
import org.tusk.access.common.TupleDesc;
import org.tusk.utils.cache.Relation;

/**
 * GinState (initGinState): what entry tuples of one index look like and how its keys order.
 * Each key column has its operator class ({@link GinOpclasses}) and key type (the index
 * attribute's type, which index_create set to the class's opckeytype); an entry tuple of a
 * one-column index holds just the key, of a multi-column index the column number (int2) and the
 * key, as ginstate->tupdesc[attnum - 1] describes. Immutable; kept in the relcache entry's
 * rd_amcache, so it is made once per relcache entry rather than per statement.
 */
final class GinState {
    final int ncols;
    final boolean oneCol;
    final GinOpclass[] opclass;
    final int[] keyType;
    final TupleDesc[] tupdesc;

    private GinState(Relation index) {
        Relation.IndexInfo info = index.index();
        ncols = info.keyCount();
        oneCol = ncols == 1;
        opclass = new GinOpclass[ncols];
        keyType = new int[ncols];
        tupdesc = new TupleDesc[ncols];
        for (int i = 0; i < ncols; i++) {
            opclass[i] = GinOpclasses.forOid(info.indclass()[i]);
            DatumType t = index.desc().attr(i).type();
            keyType[i] = t.oid();
            Attribute key = Attribute.of("key", t);
            tupdesc[i] = oneCol ? TupleDesc.of(key) : TupleDesc.of(Attribute.of("attnum", DatumType.forOid(21)), key);
        }
    }

    static GinState of(Relation index) {
        if (index.amCache() instanceof GinState s) return s;
        GinState s = new GinState(index);
        index.setAmCache(s);
        return s;
    }

    /** ginCompareAttEntries: by column, then category (normal keys first), then the class's comparison. */
    int compare(GinEntry.Key a, GinEntry.Key b) {
        if (a.attnum() != b.attnum()) return Integer.compare(a.attnum(), b.attnum());
        if (a.category() != b.category()) return Integer.compare(a.category(), b.category());
        if (a.category() != GinEntry.NORM_KEY) return 0;
        return opclass[a.attnum() - 1].compare(a.value(), b.value(), keyType[a.attnum() - 1]);
    }
}
