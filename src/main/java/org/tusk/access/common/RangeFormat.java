package org.tusk.access.common;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.tusk.utils.adt.RangeTypes;
import org.tusk.utils.adt.RangeValue;

/**
 * The stored form of a range value, rangetypes.c's range_serialize/range_deserialize: after the
 * 4-byte varlena header the range type's OID (rangetypid), then the lower bound's value (if
 * finite and not empty) and the upper bound's, each aligned as its subtype's typalign requires
 * counting from the start of the varlena (a varlena subtype value that fits gets a 1-byte header
 * and no alignment, as datum_compute_size packs it), and last the flags byte. The payload handled
 * here is everything after the 4-byte header; as a column a range is an ordinary varlena
 * aligned 'd' when its subtype is, else 'i' ({@link DatumType#forRange}).
 */
final class RangeFormat {
    private RangeFormat() {}

    private static DatumType subtype(int rangeOid) {
        int sub = RangeTypes.info(rangeOid).subtype();
        DatumType d = DatumType.forOid(sub);
        if (d == null) throw new IllegalStateException("range subtype " + sub + " cannot be stored");
        return d;
    }

    private static long align(long off, char a) {
        int n = switch (a) { case 'd' -> 8; case 'i' -> 4; case 's' -> 2; default -> 1; };
        return (off + n - 1) & -n;
    }

    /** range_serialize without the varlena header. */
    static byte[] encode(RangeValue r) {
        DatumType sub = subtype(r.typeOid());
        try (Arena arena = Arena.ofConfined()) {
            Object[] bounds = r.isEmpty() ? new Object[0]
                    : java.util.stream.Stream.of(r.lower(), r.upper()).filter(java.util.Objects::nonNull).toArray();
            int cap = 16;
            for (Object b : bounds) cap += sub.isVarlena() ? sub.varlenaPayload(b).length + 12 : sub.typlen() + 8;
            MemorySegment seg = arena.allocate(cap, 8);
            seg.set(JAVA_INT, 4, r.typeOid());
            long off = 8;
            for (Object b : bounds) {
                if (sub.isVarlena()) {
                    byte[] p = sub.varlenaPayload(b);
                    if (Varlena.canMakeShort(p.length)) off += Varlena.writeShort(seg, off, p);
                    else {
                        off = align(off, sub.typalign());
                        off += Varlena.writeLong(seg, off, p);
                    }
                } else {
                    off = align(off, sub.typalign());
                    sub.storeFixed(seg, off, b);
                    off += sub.typlen();
                }
            }
            seg.set(JAVA_BYTE, off, (byte) r.flags());
            return seg.asSlice(4, off + 1 - 4).toArray(JAVA_BYTE);
        }
    }

    /** range_deserialize of a payload (everything after the 4-byte header). */
    static RangeValue decode(byte[] payload) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(payload.length + 4, 8);
            MemorySegment.copy(payload, 0, seg, JAVA_BYTE, 4, payload.length);
            int typeOid = seg.get(JAVA_INT, 4);
            int flags = payload[payload.length - 1] & 0xFF;
            DatumType sub = subtype(typeOid);
            Object lower = null, upper = null;
            long off = 8;
            for (int i = 0; i < 2; i++) {
                boolean present = (flags & RangeValue.EMPTY) == 0
                        && (flags & (i == 0 ? RangeValue.LB_INF : RangeValue.UB_INF)) == 0;
                if (!present) continue;
                Object v;
                if (sub.isVarlena()) {
                    byte h = seg.get(JAVA_BYTE, off);
                    if ((h & 0x01) != 0) {
                        int len = (h & 0xFF) >>> 1;
                        v = sub.fromVarlenaPayload(seg.asSlice(off + 1, len - 1).toArray(JAVA_BYTE));
                        off += len;
                    } else {
                        off = align(off, sub.typalign());
                        int len = seg.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, off) >>> 2;
                        v = sub.fromVarlenaPayload(seg.asSlice(off + 4, len - 4).toArray(JAVA_BYTE));
                        off += len;
                    }
                } else {
                    off = align(off, sub.typalign());
                    v = sub.fetchFixed(seg, off);
                    off += sub.typlen();
                }
                if (i == 0) lower = v; else upper = v;
            }
            return new RangeValue(typeOid, flags, lower, upper);
        }
    }
}
