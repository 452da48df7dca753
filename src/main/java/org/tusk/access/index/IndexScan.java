package org.tusk.access.index;

import org.tusk.storage.page.ItemPointer;

/** An index scan (IndexScanDesc + amgettuple): the next matching heap TID, or null at the end. */
public interface IndexScan extends AutoCloseable {
    ItemPointer next();

    @Override
    void close();
}
