package org.tusk.testsupport;

import org.tusk.access.common.HeapTupleDeform;
import org.tusk.access.common.TupleDesc;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.Page;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/** Reads every normal tuple of a heap file page by page, with its raw header, for tests of on-disk contents. */
public final class HeapPageReader {
    private HeapPageReader() {}

    /** One stored tuple: where it is, its bytes (header included) and its deformed values. */
    public record StoredTuple(int block, int offset, MemorySegment tuple, Object[] values) {}

    public static List<StoredTuple> read(Path file, TupleDesc desc, Arena arena) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length % Page.BLCKSZ != 0) throw new IOException(file + " is not a whole number of pages");
        List<StoredTuple> out = new ArrayList<>();
        for (int b = 0; b < all.length / Page.BLCKSZ; b++) {
            MemorySegment page = arena.allocate(Page.BLCKSZ, 8);
            MemorySegment.copy(all, b * Page.BLCKSZ, page, JAVA_BYTE, 0, Page.BLCKSZ);
            for (int off = 1; off <= Page.maxOffsetNumber(page); off++) {
                if (!ItemId.isNormal(Page.itemId(page, off))) continue;
                MemorySegment t = Page.item(page, off);
                out.add(new StoredTuple(b, off, t, HeapTupleDeform.deform(desc, t)));
            }
        }
        return out;
    }
}
