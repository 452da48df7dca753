package org.tusk.access.heap;

import org.tusk.access.common.Attribute;
import org.tusk.access.common.HeapTupleForm;
import org.tusk.access.common.ToastCompression;
import org.tusk.access.common.ToastedDatum;
import org.tusk.access.common.TupleDesc;
import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * heap_toast_insert_or_update (heaptoast.c with toast_helper.c): makes a row that would be longer
 * than {@link #TOAST_TUPLE_THRESHOLD} fit by compressing its widest varlenas, then forms the
 * tuple. The passes are PostgreSQL's, each repeated while the data is longer than its target:
 * <ol>
 * <li>compress the biggest not yet compressed attribute of storage 'x' (extended); an attribute
 *     of storage 'e' (external) is only marked incompressible;</li>
 * <li>(move the biggest 'x' or 'e' attribute out of line);</li>
 * <li>compress the biggest attribute of storage 'm' (main);</li>
 * <li>(move the biggest 'm' attribute out of line, against the bigger target MaxHeapTupleSize).</li>
 * </ol>
 * An attribute is a candidate only while it is longer than MAXALIGN(TOAST_POINTER_SIZE) (24
 * bytes), and a compressed value counts with its compressed size. Passes 2 and 4 need the
 * relation's TOAST table; Tusk creates none yet, so they are skipped exactly as PostgreSQL skips
 * them for a relation whose reltoastrelid is 0, and a row still too long is refused by
 * heap_form_tuple's "row is too big". Only tables (relkind 'r', 'm') are toasted.
 */
final class HeapToast {
    /** TOAST_TUPLE_THRESHOLD = MaximumBytesPerTuple(TOAST_TUPLES_PER_PAGE = 4) = 2032. */
    static final int TOAST_TUPLE_THRESHOLD = maximumBytesPerTuple(4);
    /** TOAST_TUPLE_TARGET: the default of the toast_tuple_target storage parameter. */
    static final int TOAST_TUPLE_TARGET = TOAST_TUPLE_THRESHOLD;
    /** TOAST_TUPLE_TARGET_MAIN = MaximumBytesPerTuple(1) = MaxHeapTupleSize. */
    static final int TOAST_TUPLE_TARGET_MAIN = maximumBytesPerTuple(1);
    /** MAXALIGN(TOAST_POINTER_SIZE): nothing this small is worth toasting. */
    private static final int MIN_CANDIDATE_SIZE = Alignment.maxAlign(org.tusk.access.common.ToastPointer.SIZE);

    private HeapToast() {}

    /** MaximumBytesPerTuple (heaptoast.h). */
    private static int maximumBytesPerTuple(int tuplesPerPage) {
        int room = Page.BLCKSZ - Alignment.maxAlign(PageHeader.SIZE + tuplesPerPage * ItemId.SIZE);
        return room / tuplesPerPage / Alignment.MAXIMUM_ALIGNOF * Alignment.MAXIMUM_ALIGNOF;
    }

    /**
     * heap_form_tuple, preceded by heap_toast_insert_or_update when the relation is a table and
     * the plain tuple would exceed {@link #TOAST_TUPLE_THRESHOLD} (heap_prepare_insert's and
     * heap_update's test).
     */
    static MemorySegment formToasted(Relation rel, Object[] values, SegmentAllocator allocator) {
        TupleDesc desc = rel.desc();
        if (rel.relkind() != 'r' && rel.relkind() != 'm') return HeapTupleForm.form(desc, values, allocator);
        int natts = desc.natts();
        if (values.length != natts) return HeapTupleForm.form(desc, values, allocator);   // refused there
        byte[][] payloads = HeapTupleForm.encodePayloads(desc, values);
        boolean hasNull = false;
        for (Object v : values) hasNull |= v == null;
        int hoff = HeapTupleForm.hoff(desc, hasNull);
        if (hoff + HeapTupleForm.dataSize(desc, values, payloads) <= TOAST_TUPLE_THRESHOLD) {
            return HeapTupleForm.form(desc, values, payloads, allocator);
        }
        Object[] toasted = values.clone();
        toastValues(desc, toasted, payloads, hoff, TOAST_TUPLE_TARGET);
        return HeapTupleForm.form(desc, toasted, payloads, allocator);
    }

    /**
     * The passes of heap_toast_insert_or_update on {@code values} (changed in place: compressed
     * values become {@link ToastedDatum}s). {@code payloads[i]} is the encoded payload of each
     * plain varlena; {@code target} is RelationGetToastTupleTarget.
     */
    static void toastValues(TupleDesc desc, Object[] values, byte[][] payloads, int hoff, int target) {
        int natts = desc.natts();
        boolean[] incompressible = new boolean[natts];
        long maxDataLen = target - hoff;
        // 1: compress 'x' attributes, biggest first; 'e' ones are only marked
        while (HeapTupleForm.dataSize(desc, values, payloads) > maxDataLen) {
            int biggest = findBiggest(desc, values, payloads, incompressible, false);
            if (biggest < 0) break;
            if (desc.attr(biggest).attstorage() == 'x') tryCompression(values, payloads, incompressible, biggest);
            else incompressible[biggest] = true;
        }
        // 2: out of line, 'x' and 'e' -- needs a TOAST table (not created yet)
        // 3: compress 'm' attributes
        while (HeapTupleForm.dataSize(desc, values, payloads) > maxDataLen) {
            int biggest = findBiggest(desc, values, payloads, incompressible, true);
            if (biggest < 0) break;
            tryCompression(values, payloads, incompressible, biggest);
        }
        // 4: out of line, 'm', against TOAST_TUPLE_TARGET_MAIN -- needs a TOAST table (not created yet)
    }

    /**
     * toast_tuple_find_biggest_attribute(for_compression = true): among the attributes of the
     * storage class asked for ('m' with {@code main}, else 'x' and 'e'), not yet compressed and
     * not found incompressible, the first of the biggest size over MAXALIGN(TOAST_POINTER_SIZE).
     */
    private static int findBiggest(TupleDesc desc, Object[] values, byte[][] payloads, boolean[] incompressible, boolean main) {
        int biggest = -1;
        long biggestSize = MIN_CANDIDATE_SIZE;
        for (int i = 0; i < desc.natts(); i++) {
            Attribute att = desc.attr(i);
            if (att.attlen() != -1 || values[i] == null || att.attisdropped()) continue;
            if (values[i] instanceof ToastedDatum || incompressible[i]) continue;
            char storage = att.attstorage();
            if (main ? storage != 'm' : storage != 'x' && storage != 'e') continue;
            long size = payloads[i].length + (long) org.tusk.access.common.Varlena.VARHDRSZ;   // tai_size: VARSIZE_ANY
            if (size > biggestSize) {
                biggest = i;
                biggestSize = size;
            }
        }
        return biggest;
    }

    /** toast_tuple_try_compression: the compressed datum replaces the value, or it is marked incompressible. */
    private static void tryCompression(Object[] values, byte[][] payloads, boolean[] incompressible, int i) {
        ToastedDatum c = ToastCompression.compress(payloads[i]);
        if (c == null) {
            incompressible[i] = true;
        } else {
            values[i] = c;
            payloads[i] = null;
        }
    }
}
