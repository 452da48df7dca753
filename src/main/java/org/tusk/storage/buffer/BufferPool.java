package org.tusk.storage.buffer;

import org.tusk.storage.shmem.ShmemRegion;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The shared buffer pool's place in shared memory (PostgreSQL's buf_init.c and the strategy
 * control of freelist.c): the clock hand, the descriptors, the mapping table and the pages.
 *
 * <pre>
 *   strategy      nextVictimBuffer (atomic), completePasses, numBufferAllocs     64 B
 *   descriptors   BufferDesc[shared_buffers]                                      64 B each
 *   mapping       BufTable: 128 partitions, each an LWLock and its entries
 *   pages         shared_buffers × 8192 B, 4096-aligned
 * </pre>
 */
public final class BufferPool {
    public static final int BLCKSZ = 8192;
    static final StructLayout STRATEGY = MemoryLayout.structLayout(
            JAVA_INT.withName("nextVictimBuffer"), JAVA_INT.withName("completePasses"),
            JAVA_INT.withName("numBufferAllocs"), MemoryLayout.paddingLayout(52));
    private static final VarHandle NEXT_VICTIM = STRATEGY.varHandle(groupElement("nextVictimBuffer"));
    private static final VarHandle PASSES = STRATEGY.varHandle(groupElement("completePasses"));
    private static final VarHandle ALLOCS = STRATEGY.varHandle(groupElement("numBufferAllocs"));

    /** The pool's layout for {@code nbuffers} buffers, as one struct of the shared-memory map. */
    public static StructLayout layout(int nbuffers) {
        long beforePages = STRATEGY.byteSize() + BufferDescriptors.size(nbuffers) + BufTable.size(nbuffers);
        long pad = (4096 - beforePages % 4096) % 4096;
        return MemoryLayout.structLayout(
                STRATEGY.withName("strategy"),
                MemoryLayout.sequenceLayout(BufferDescriptors.size(nbuffers), JAVA_BYTE).withName("descriptors"),
                MemoryLayout.sequenceLayout(BufTable.size(nbuffers), JAVA_BYTE).withName("mapping"),
                MemoryLayout.sequenceLayout(pad + (long) nbuffers * BLCKSZ, JAVA_BYTE).withName("pages"));
    }

    private final MemorySegment strategy;
    private final BufferDescriptors descriptors;
    private final BufTable table;
    private final MemorySegment pages;
    private final int nbuffers;

    public BufferPool(MemorySegment seg, int nbuffers) {
        StructLayout l = layout(nbuffers);
        this.nbuffers = nbuffers;
        this.strategy = seg.asSlice(l.byteOffset(groupElement("strategy")), STRATEGY.byteSize());
        this.descriptors = new BufferDescriptors(ShmemRegion.member(seg, l, "descriptors"), nbuffers);
        this.table = new BufTable(ShmemRegion.member(seg, l, "mapping"), nbuffers);
        MemorySegment pageArea = ShmemRegion.member(seg, l, "pages");
        long misalign = pageArea.address() % 4096;
        this.pages = pageArea.asSlice(misalign == 0 ? 0 : 4096 - misalign, (long) nbuffers * BLCKSZ);
    }


    public int nbuffers() {
        return nbuffers;
    }

    BufferDescriptors descriptors() {
        return descriptors;
    }

    BufTable table() {
        return table;
    }

    /** The page of buffer {@code id} (0-based). */
    MemorySegment page(int id) {
        return pages.asSlice((long) id * BLCKSZ, BLCKSZ);
    }

    /** ClockSweepTick: advances the clock hand, counting complete passes. */
    int clockSweepTick() {
        int victim = (int) NEXT_VICTIM.getAndAdd(strategy, 0L, 1);
        if (victim >= nbuffers) {
            int wrapped = victim % nbuffers;
            if (wrapped == 0) {
                // The process that wraps the counter bumps the pass count and folds the counter
                // back, so it never overflows (PostgreSQL does this under its spinlock).
                PASSES.getAndAdd(strategy, 0L, 1);
                int expected = victim + 1;
                while (!NEXT_VICTIM.compareAndSet(strategy, 0L, expected, expected % nbuffers)) {
                    expected = (int) NEXT_VICTIM.getVolatile(strategy, 0L);
                    if (expected < nbuffers) break;
                }
            }
            victim = wrapped;
        }
        ALLOCS.getAndAdd(strategy, 0L, 1);
        return victim;
    }

    /** For the background writer: the clock position and completed passes. */
    public int[] strategySyncStart() {
        return new int[] {((int) NEXT_VICTIM.getVolatile(strategy, 0L)) % nbuffers, (int) PASSES.getVolatile(strategy, 0L)};
    }
}
