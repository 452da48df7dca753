package org.tusk.access.common;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

import org.tusk.storage.page.Alignment;
import org.tusk.utils.adt.RecordValue;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The stored form of a composite value (a HeapTupleHeader Datum, htup_details.h): a heap tuple
 * built by heap_form_tuple from the type's attributes, whose first word, datum_len_, is the
 * varlena header, followed by datum_typmod (-1) and datum_typeid (the composite type's OID) in
 * the place of t_xmax and t_field3, an invalid t_ctid, t_infomask2 with the attribute count,
 * t_infomask (HASNULL/HASVARWIDTH), t_hoff, the null bitmap and the data. As a column of a
 * table it is an ordinary varlena (typalign 'd', typstorage 'x'), so a short one gets a 1-byte
 * header like any other; the payload here is everything after the 4-byte header.
 *
 * <p>The attributes of a composite type are catalog data: the backend's type cache installs a
 * {@link Resolver} that gives them by type OID ({@code lookup_rowtype_tupdesc}); without one,
 * composite values can neither be stored nor read.
 */
public final class CompositeFormat {
    private CompositeFormat() {}

    /** The shape of a composite type: its attributes' type OIDs and the descriptor to store them with. */
    public record Shape(List<Integer> typeOids, TupleDesc desc) {}

    /** lookup_rowtype_tupdesc: the shape of composite type {@code typeOid}, or null if it is not one. */
    @FunctionalInterface
    public interface Resolver { Shape shape(int typeOid); }

    private static volatile Resolver resolver;

    /** Installs the process's resolver (the session's type cache). */
    public static void install(Resolver r) {
        resolver = r;
    }

    private static Shape shape(int typeOid) {
        Resolver r = resolver;
        Shape s = r == null ? null : r.shape(typeOid);
        if (s == null) throw new IllegalStateException("composite type " + Integer.toUnsignedString(typeOid) + " is unknown");
        return s;
    }

    /** The payload (without the varlena header) of composite value {@code v}. */
    static byte[] encode(RecordValue v) {
        Shape s = v.typeOid() == RecordValue.RECORD ? anonymous(v) : shape(v.typeOid());
        TupleDesc desc = new TupleDesc(s.desc().attributes(), v.typeOid(), -1);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = HeapTupleForm.formDatum(desc, v.values().toArray(), arena);
            byte[] all = t.toArray(JAVA_BYTE);
            return Arrays.copyOfRange(all, Varlena.VARHDRSZ, all.length);
        }
    }

    /**
     * The shape of an anonymous record (a blessed RECORD type in PostgreSQL, known only to the
     * session): its own column types, which must each be storable. Its stored form says
     * datum_typeid RECORD, so it can be measured and compared but not read back from disk.
     */
    private static Shape anonymous(RecordValue v) {
        List<Attribute> atts = new java.util.ArrayList<>();
        for (int i = 0; i < v.types().size(); i++) {
            int t = v.types().get(i);
            // an unknown literal in a row constructor is text by then in PostgreSQL (resolved at analysis)
            DatumType d = t == 705 ? DatumType.TEXT : DatumType.forOid(t);
            Resolver r = resolver;
            if (d == null && r != null && r.shape(t) != null) d = DatumType.COMPOSITE;
            if (d == null) throw new IllegalStateException("record column of type " + Integer.toUnsignedString(t) + " cannot be stored");
            atts.add(Attribute.of("f" + (i + 1), d));
        }
        return new Shape(v.types(), new TupleDesc(atts, RecordValue.RECORD, -1));
    }

    /** The composite value stored as {@code payload}: its type from datum_typeid, its columns by that type's shape. */
    static RecordValue decode(byte[] payload) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocate(payload.length + Varlena.VARHDRSZ, Alignment.MAXIMUM_ALIGNOF);
            t.set(JAVA_INT, 0, (payload.length + Varlena.VARHDRSZ) << 2);   // SET_VARSIZE, little-endian 4-byte header
            MemorySegment.copy(payload, 0, t, JAVA_BYTE, Varlena.VARHDRSZ, payload.length);
            int typeOid = t.get(JAVA_INT, 8);
            Shape s = shape(typeOid);
            Object[] values = HeapTupleDeform.deform(new TupleDesc(s.desc().attributes(), typeOid, -1), t);
            return new RecordValue(typeOid, s.typeOids(), Arrays.asList(values));
        }
    }
}
