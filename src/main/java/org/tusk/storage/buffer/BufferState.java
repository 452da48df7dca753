package org.tusk.storage.buffer;

/**
 * The bits of a buffer descriptor's 32-bit state word (PostgreSQL's buf_internals.h): reference
 * count in the low 18 bits, usage count in the next 4, flags above. The whole word is changed
 * only by compare-and-set, so pinning a buffer never takes a lock.
 */
final class BufferState {
    private BufferState() {}

    static final int REFCOUNT_ONE = 1;
    static final int REFCOUNT_MASK = (1 << 18) - 1;
    static final int USAGECOUNT_SHIFT = 18;
    static final int USAGECOUNT_ONE = 1 << USAGECOUNT_SHIFT;
    static final int USAGECOUNT_MASK = 0xF << USAGECOUNT_SHIFT;
    /** PostgreSQL's BM_MAX_USAGE_COUNT: a buffer survives this many clock-sweep passes unused. */
    static final int MAX_USAGE_COUNT = 5;

    /** The header lock: held for a few instructions while several fields change together. */
    static final int BM_LOCKED = 1 << 22;
    static final int BM_DIRTY = 1 << 23;
    static final int BM_VALID = 1 << 24;
    static final int BM_TAG_VALID = 1 << 25;
    static final int BM_IO_IN_PROGRESS = 1 << 26;
    static final int BM_IO_ERROR = 1 << 27;
    static final int BM_JUST_DIRTIED = 1 << 28;
    static final int BM_PIN_COUNT_WAITER = 1 << 29;
    static final int BM_CHECKPOINT_NEEDED = 1 << 30;
    static final int BM_PERMANENT = 1 << 31;

    static int refcount(int state) {
        return state & REFCOUNT_MASK;
    }

    static int usageCount(int state) {
        return (state & USAGECOUNT_MASK) >>> USAGECOUNT_SHIFT;
    }
}
