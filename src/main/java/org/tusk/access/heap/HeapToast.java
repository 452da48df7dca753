package org.tusk.access.heap;

import org.tusk.access.common.Attribute;
import org.tusk.access.common.HeapTupleForm;
import org.tusk.access.common.ToastCompression;
import org.tusk.access.common.ToastPointer;
import org.tusk.access.common.Varlena;
import org.tusk.access.common.ToastedDatum;
import org.tusk.access.common.TupleDesc;
import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * heap_toast_insert_or_update (heaptoast.c with toast_helper.c): makes a row that would be longer
 * than {@link #TOAST_TUPLE_THRESHOLD} fit by compressing its widest varlenas and moving values out
 * of line into the table's TOAST relation, then forms the tuple. The passes are PostgreSQL's,
 * each repeated while the data is longer than its target (TOAST_TUPLE_TARGET, then for pass 4
 * TOAST_TUPLE_TARGET_MAIN):
 * <ol>
 * <li>compress the biggest not yet compressed attribute of storage 'x' (extended); an attribute
 *     of storage 'e' (external) is only marked incompressible; either is moved out of line at
 *     once if it alone is still longer than the target;</li>
 * <li>move the biggest 'x' or 'e' attribute out of line;</li>
 * <li>compress the biggest attribute of storage 'm' (main), moving it out at once if it alone is
 *     still too long;</li>
 * <li>move the biggest 'm' attribute out of line.</li>
 * </ol>
 * An attribute is a candidate only while it is longer than MAXALIGN(TOAST_POINTER_SIZE) (24
 * bytes); a compressed value counts with its compressed size. The out-of-line steps need a TOAST
 * relation (reltoastrelid not 0) and are skipped without one, so a row still too long is refused
 * by heap_form_tuple's "row is too big". Only tables (relkind 'r', 'm') are toasted.
 *
 * <p>On UPDATE (toast_tuple_init with old values) an old value stored out of line is kept in the
 * new tuple as the same pointer when the new value is that very value unchanged (see
 * {@link DetoastedOrigins}); otherwise it is to be deleted once the update is done
 * ({@link Toasted#deleteOld}). Like PostgreSQL, the toaster then runs whenever the old tuple has
 * external values, even if the new one is small.
 */
final class HeapToast {
    /** TOAST_TUPLE_THRESHOLD = MaximumBytesPerTuple(TOAST_TUPLES_PER_PAGE = 4) = 2032. */
    static final int TOAST_TUPLE_THRESHOLD = maximumBytesPerTuple(4);
    /** TOAST_TUPLE_TARGET: the default of the toast_tuple_target storage parameter. */
    static final int TOAST_TUPLE_TARGET = TOAST_TUPLE_THRESHOLD;
    /** TOAST_TUPLE_TARGET_MAIN = MaximumBytesPerTuple(1) = MaxHeapTupleSize. */
    static final int TOAST_TUPLE_TARGET_MAIN = maximumBytesPerTuple(1);
    /** MAXALIGN(TOAST_POINTER_SIZE): nothing this small is worth toasting. */
    private static final int MIN_CANDIDATE_SIZE = Alignment.maxAlign(ToastPointer.SIZE);

    private HeapToast() {}

    /**
     * The formed tuple, the values this call saved out of line (to be deleted again if the tuple
     * is not stored after all), and the old tuple's external values the new one no longer uses
     * (TOASTCOL_NEEDS_DELETE_OLD; deleted once the update is done).
     */
    record Toasted(MemorySegment tuple, List<ToastPointer> saved, List<ToastPointer> deleteOld) {}

    /** MaximumBytesPerTuple (heaptoast.h). */
    private static int maximumBytesPerTuple(int tuplesPerPage) {
        int room = Page.BLCKSZ - Alignment.maxAlign(PageHeader.SIZE + tuplesPerPage * ItemId.SIZE);
        return room / tuplesPerPage / Alignment.MAXIMUM_ALIGNOF * Alignment.MAXIMUM_ALIGNOF;
    }

    /** heap_form_tuple with heap_insert's TOAST step (no old tuple). */
    static MemorySegment formToasted(Relation rel, Object[] values, SegmentAllocator allocator) {
        return formToasted(null, rel, values, null, 0, allocator).tuple();
    }

    /**
     * heap_form_tuple, preceded by heap_toast_insert_or_update when the relation is a table and
     * the plain tuple would exceed {@link #TOAST_TUPLE_THRESHOLD} or either tuple has external
     * values (heap_prepare_insert's and heap_update's test). {@code oldExternal} holds the old
     * tuple's TOAST pointers on UPDATE (null on INSERT); {@code cid} is the command the chunks are
     * inserted by. With a null {@code toast} nothing is moved out of line.
     */
    static Toasted formToasted(HeapToastContext toast, Relation rel, Object[] values, ToastPointer[] oldExternal, int cid,
                               SegmentAllocator allocator) {
        TupleDesc desc = rel.desc();
        List<ToastPointer> none = List.of();
        if (rel.relkind() != 'r' && rel.relkind() != 'm' || values.length != desc.natts()) {
            return new Toasted(HeapTupleForm.form(desc, values, allocator), none, none);   // refused there if it does not fit
        }
        int natts = desc.natts();
        Object[] toasted = values.clone();
        boolean[] ignore = new boolean[natts];
        List<ToastPointer> deleteOld = new ArrayList<>();
        boolean oldHasExternal = false;
        if (oldExternal != null) {
            // toast_tuple_init: an unchanged external value keeps its pointer; a changed one goes.
            for (int i = 0; i < natts && i < oldExternal.length; i++) {
                ToastPointer old = oldExternal[i];
                if (old == null) continue;
                oldHasExternal = true;
                if (toast != null && values[i] != null && old.equals(toast.origins().pointerOf(values[i]))) {
                    toasted[i] = new ToastedDatum(old.image());
                    ignore[i] = true;
                } else {
                    deleteOld.add(old);
                }
            }
        }
        byte[][] payloads = HeapTupleForm.encodePayloads(desc, toasted);
        boolean hasNull = false;
        for (Object v : toasted) hasNull |= v == null;
        int hoff = HeapTupleForm.hoff(desc, hasNull);
        if (!oldHasExternal && hoff + HeapTupleForm.dataSize(desc, toasted, payloads) <= TOAST_TUPLE_THRESHOLD) {
            return new Toasted(HeapTupleForm.form(desc, toasted, payloads, allocator), none, none);
        }
        ToastInternals internals = toast == null || rel.toastRelid() == 0 ? null : toast.internals();
        List<ToastPointer> saved = new ArrayList<>();
        Passes passes = new Passes(desc, toasted, payloads, ignore, internals, rel, cid, saved);
        // An error from here on aborts the transaction, and the chunks saved so far die with it.
        passes.run(hoff, rel.toastTupleTarget());
        return new Toasted(HeapTupleForm.form(desc, toasted, payloads, allocator), saved, deleteOld);
    }

    /**
     * The four passes over one row's values (changed in place: compressed values become
     * compressed {@link ToastedDatum}s, moved ones TOAST pointers).
     */
    private static final class Passes {
        private final TupleDesc desc;
        private final Object[] values;
        private final byte[][] payloads;
        private final boolean[] ignore;
        private final boolean[] incompressible;
        private final ToastInternals internals;
        private final Relation rel;
        private final int cid;
        private final List<ToastPointer> saved;

        Passes(TupleDesc desc, Object[] values, byte[][] payloads, boolean[] ignore, ToastInternals internals, Relation rel,
               int cid, List<ToastPointer> saved) {
            this.desc = desc;
            this.values = values;
            this.payloads = payloads;
            this.ignore = ignore;
            this.incompressible = new boolean[desc.natts()];
            this.internals = internals;
            this.rel = rel;
            this.cid = cid;
            this.saved = saved;
            for (int i = 0; i < desc.natts(); i++) {
                Attribute att = desc.attr(i);
                // toast_tuple_init: nulls, fixed-length and plain-storage attributes are never touched
                if (att.attlen() != -1 || values[i] == null || att.attisdropped() || att.attstorage() == 'p') ignore[i] = true;
            }
        }

        private long dataSize() {
            return HeapTupleForm.dataSize(desc, values, payloads);
        }

        void run(int hoff, int target) {
            long maxDataLen = target - hoff;
            // 1: compress 'x' attributes, biggest first; 'e' ones are only marked
            while (dataSize() > maxDataLen) {
                int biggest = findBiggest(true, false);
                if (biggest < 0) break;
                if (desc.attr(biggest).attstorage() == 'x') tryCompression(biggest);
                else incompressible[biggest] = true;
                if (size(biggest) > maxDataLen && internals != null) externalize(biggest);
            }
            // 2: out of line, 'x' and 'e'
            while (dataSize() > maxDataLen && internals != null) {
                int biggest = findBiggest(false, false);
                if (biggest < 0) break;
                externalize(biggest);
            }
            // 3: compress 'm' attributes
            while (dataSize() > maxDataLen) {
                int biggest = findBiggest(true, true);
                if (biggest < 0) break;
                tryCompression(biggest);
                if (size(biggest) > maxDataLen && internals != null) externalize(biggest);
            }
            // 4: out of line, 'm', against the bigger target
            maxDataLen = TOAST_TUPLE_TARGET_MAIN - hoff;
            while (dataSize() > maxDataLen && internals != null) {
                int biggest = findBiggest(false, true);
                if (biggest < 0) break;
                externalize(biggest);
            }
        }

        /** tai_size: VARSIZE_ANY of the value as it stands (a 4-byte header for a plain one). */
        private long size(int i) {
            return values[i] instanceof ToastedDatum td ? td.size() : payloads[i].length + (long) Varlena.VARHDRSZ;
        }

        /**
         * toast_tuple_find_biggest_attribute: among the attributes of the storage class asked for
         * ('m' with {@code main}, else 'x' and 'e') not yet moved out (nor kept from the old
         * tuple), and for compression also not compressed nor found incompressible, the first of
         * the biggest size over MAXALIGN(TOAST_POINTER_SIZE).
         */
        private int findBiggest(boolean forCompression, boolean main) {
            int biggest = -1;
            long biggestSize = MIN_CANDIDATE_SIZE;
            for (int i = 0; i < desc.natts(); i++) {
                if (ignore[i]) continue;
                if (forCompression && (incompressible[i] || values[i] instanceof ToastedDatum)) continue;
                char storage = desc.attr(i).attstorage();
                if (main ? storage != 'm' : storage != 'x' && storage != 'e') continue;
                long size = size(i);
                if (size > biggestSize) {
                    biggest = i;
                    biggestSize = size;
                }
            }
            return biggest;
        }

        /** toast_tuple_try_compression: the compressed datum replaces the value, or it is marked incompressible. */
        private void tryCompression(int i) {
            ToastedDatum c = ToastCompression.compress(payloads[i]);
            if (c == null) {
                incompressible[i] = true;
            } else {
                values[i] = c;
                payloads[i] = null;
            }
        }

        /** toast_tuple_externalize: toast_save_datum, the pointer replaces the value. */
        private void externalize(int i) {
            ToastedDatum pointer = internals.save(rel, values[i] instanceof ToastedDatum td ? td : payloads[i], cid);
            saved.add(pointer.pointer());
            values[i] = pointer;
            payloads[i] = null;
            ignore[i] = true;
        }
    }
}
