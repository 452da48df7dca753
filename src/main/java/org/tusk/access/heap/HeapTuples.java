package org.tusk.access.heap;

import org.tusk.access.common.HeapTupleHeader;
import org.tusk.access.transam.TransactionId;

import java.lang.foreign.MemorySegment;

import static org.tusk.access.common.HeapTupleHeader.*;

/**
 * The htup_details.h macros the heap needs on top of {@link HeapTupleHeader}'s accessors: what
 * the infomask bits say about xmin and xmax, and the HOT flags.
 */
final class HeapTuples {
    private HeapTuples() {}

    /** HEAP_XMAX_BITS: everything about xmax, cleared before a new xmax is stored. */
    static final int HEAP_XMAX_BITS = HEAP_XMAX_COMMITTED | HEAP_XMAX_INVALID | HEAP_XMAX_IS_MULTI | HEAP_LOCK_MASK
            | HEAP_XMAX_LOCK_ONLY;

    static boolean xminCommitted(MemorySegment t) { return (infomask(t) & HEAP_XMIN_COMMITTED) != 0; }

    /** HeapTupleHeaderXminInvalid: XMIN_INVALID set without XMIN_COMMITTED (both means frozen). */
    static boolean xminInvalid(MemorySegment t) {
        return (infomask(t) & (HEAP_XMIN_COMMITTED | HEAP_XMIN_INVALID)) == HEAP_XMIN_INVALID;
    }

    static boolean xminFrozen(MemorySegment t) { return (infomask(t) & HEAP_XMIN_FROZEN) == HEAP_XMIN_FROZEN; }

    /** HeapTupleHeaderGetXmin: FrozenTransactionId for a frozen tuple, else the raw xmin. */
    static int xmin(MemorySegment t) {
        return xminFrozen(t) ? TransactionId.FROZEN : HeapTupleHeader.xmin(t);
    }

    /** HEAP_XMAX_IS_LOCKED_ONLY: xmax only locked the row (never produced by this heap yet, see package-info). */
    static boolean xmaxIsLockedOnly(int infomask) {
        return (infomask & HEAP_XMAX_LOCK_ONLY) != 0
                || (infomask & (HEAP_XMAX_IS_MULTI | HEAP_LOCK_MASK)) == HEAP_XMAX_EXCL_LOCK;
    }

    /** HeapTupleHeaderGetUpdateXid: the raw xmax (multixacts are never created, see package-info). */
    static int updateXid(MemorySegment t) {
        checkNotMulti(t);
        return HeapTupleHeader.xmax(t);
    }

    static void checkNotMulti(MemorySegment t) {
        if ((infomask(t) & HEAP_XMAX_IS_MULTI) != 0) {
            throw new IllegalStateException("tuple has a MultiXactId as xmax; multixacts are not supported");
        }
    }

    static boolean isHotUpdated(MemorySegment t) {
        // HeapTupleHeaderIsHotUpdated: a HOT update that did not abort.
        return (infomask2(t) & HEAP_HOT_UPDATED) != 0 && (infomask(t) & HEAP_XMAX_INVALID) == 0 && !xminInvalid(t);
    }

    static boolean isHeapOnly(MemorySegment t) { return (infomask2(t) & HEAP_ONLY_TUPLE) != 0; }

    static void setFlag2(MemorySegment t, int flag, boolean on) {
        setInfomask2(t, on ? infomask2(t) | flag : infomask2(t) & ~flag);
    }

    /** HeapTupleHeaderSetCmax: the deleting command, or a combo command id. */
    static void setCmax(MemorySegment t, int cid, boolean isCombo) {
        setCminRaw(t, cid);
        setInfomask(t, isCombo ? infomask(t) | HEAP_COMBOCID : infomask(t) & ~HEAP_COMBOCID);
    }

    private static void setCminRaw(MemorySegment t, int cid) {
        int mask = infomask(t);
        HeapTupleHeader.setCmin(t, cid);  // also clears HEAP_COMBOCID; restore what was there
        setInfomask(t, mask);
    }

    /** compute_infobits: the xmax flags an xl_heap_delete or xl_heap_update carries. */
    static int computeInfobits(int infomask, int infomask2) {
        return ((infomask & HEAP_XMAX_IS_MULTI) != 0 ? HeapXLog.XLHL_XMAX_IS_MULTI : 0)
                | ((infomask & HEAP_XMAX_LOCK_ONLY) != 0 ? HeapXLog.XLHL_XMAX_LOCK_ONLY : 0)
                | ((infomask & HEAP_XMAX_EXCL_LOCK) != 0 ? HeapXLog.XLHL_XMAX_EXCL_LOCK : 0)
                // note we ignore HEAP_XMAX_SHR_LOCK here: it is EXCL_LOCK | KEYSHR_LOCK
                | ((infomask & HEAP_XMAX_KEYSHR_LOCK) != 0 ? HeapXLog.XLHL_XMAX_KEYSHR_LOCK : 0)
                | ((infomask2 & HEAP_KEYS_UPDATED) != 0 ? HeapXLog.XLHL_KEYS_UPDATED : 0);
    }

    /** fix_infomask_from_infobits: the reverse, in redo. */
    static void fixInfomaskFromInfobits(MemorySegment t, int infobits) {
        int mask = infomask(t) & ~(HEAP_XMAX_IS_MULTI | HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_KEYSHR_LOCK | HEAP_XMAX_EXCL_LOCK);
        int mask2 = infomask2(t) & ~HEAP_KEYS_UPDATED;
        if ((infobits & HeapXLog.XLHL_XMAX_IS_MULTI) != 0) mask |= HEAP_XMAX_IS_MULTI;
        if ((infobits & HeapXLog.XLHL_XMAX_LOCK_ONLY) != 0) mask |= HEAP_XMAX_LOCK_ONLY;
        if ((infobits & HeapXLog.XLHL_XMAX_EXCL_LOCK) != 0) mask |= HEAP_XMAX_EXCL_LOCK;
        // note HEAP_XMAX_SHR_LOCK isn't considered here
        if ((infobits & HeapXLog.XLHL_XMAX_KEYSHR_LOCK) != 0) mask |= HEAP_XMAX_KEYSHR_LOCK;
        if ((infobits & HeapXLog.XLHL_KEYS_UPDATED) != 0) mask2 |= HEAP_KEYS_UPDATED;
        setInfomask(t, mask);
        setInfomask2(t, mask2);
    }

    /** xmax_infomask_changed: whether xmax's meaning changed while the buffer was unlocked. */
    static boolean xmaxInfomaskChanged(int newInfomask, int oldInfomask) {
        final int interesting = HEAP_XMAX_IS_MULTI | HEAP_XMAX_LOCK_ONLY | HEAP_LOCK_MASK;
        return (newInfomask & interesting) != (oldInfomask & interesting);
    }
}
