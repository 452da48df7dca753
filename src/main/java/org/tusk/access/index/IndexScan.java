package org.tusk.access.index;

import org.tusk.storage.page.ItemPointer;

/** An index scan (IndexScanDesc + amgettuple): the next matching heap TID, or null at the end. */
public interface IndexScan extends AutoCloseable {
    ItemPointer next();

    /**
     * xs_itup deformed: the values of every column of the index entry {@link #next} last
     * returned, in index column order. Only for a scan begun with {@code wantIndexTuple}, of an
     * access method whose {@link IndexAm#canReturn} says yes (index-only scans).
     */
    default Object[] indexValues() {
        throw new UnsupportedOperationException("this index scan does not return index tuples");
    }

    /**
     * xs_orderbyvals of an ordered scan ({@link IndexAm#beginOrderedScan}): the distances of the
     * entry {@link #next} last returned, a null element for a null distance.
     */
    default Double[] orderByValues() {
        return null;
    }

    /** xs_recheckorderby: whether those distances are only lower bounds, to be computed again on the row. */
    default boolean orderByRecheck() {
        return false;
    }

    @Override
    void close();
}
