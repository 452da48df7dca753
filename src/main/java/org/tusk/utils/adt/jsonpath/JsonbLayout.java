package org.tusk.utils.adt.jsonpath;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.tusk.utils.adt.Jsonb;
import org.tusk.utils.adt.NumericSpecial;

/**
 * Byte offsets of containers inside a jsonb value's on-disk form (jsonb.h: a container is a
 * uint32 header, one JEntry per element or two per pair, then the data, with containers and
 * numerics aligned to 4 bytes and numerics stored as 4-byte-header varlenas). The executor
 * needs them only for the "id" that .keyvalue() reports, which PostgreSQL computes from the
 * container's address inside its base jsonb; the layout is the one jsonb_send would give.
 */
final class JsonbLayout {
    private JsonbLayout() {}

    /** The offset of {@code target} (found by identity) inside {@code base}; 0 if it is not there. */
    static long offsetOf(Object base, Object target) {
        if (base == null || base == target) return 0;
        long[] result = {-1};
        place(base, 0, target, result);
        return Math.max(result[0], 0);
    }

    private static int align(int pos) { return (pos + 3) & ~3; }

    /** Places {@code v} at {@code pos}; returns the end offset, recording where {@code target} lands. */
    private static int place(Object v, int pos, Object target, long[] result) {
        switch (v) {
            case List<?> l -> {
                pos = align(pos);
                if (v == target && result[0] < 0) result[0] = pos;
                int p = pos + 4 + 4 * l.size();
                for (Object e : l) p = place(e, p, target, result);
                return p;
            }
            case Map<?, ?> m -> {
                pos = align(pos);
                if (v == target && result[0] < 0) result[0] = pos;
                int p = pos + 4 + 8 * m.size();
                for (Object k : m.keySet()) p += ((String) k).getBytes(StandardCharsets.UTF_8).length;
                for (Object e : m.values()) p = place(e, p, target, result);
                return p;
            }
            case String s -> { return pos + s.getBytes(StandardCharsets.UTF_8).length; }
            case BigDecimal d -> { return align(pos) + 4 + numericSize(d); }
            default -> { return pos; } // null and booleans live in the JEntry alone
        }
    }

    /** The size of a numeric without its varlena header (numeric.c's short or long format). */
    static int numericSize(BigDecimal d) {
        if (d instanceof NumericSpecial) return 2;
        int dscale = Math.max(d.scale(), 0);
        BigDecimal a = d.abs().stripTrailingZeros();
        if (a.signum() == 0) return 2;
        String u = a.unscaledValue().toString();
        int hi = u.length() - 1 - a.scale(), lo = -a.scale();
        int weight = Math.floorDiv(hi, 4);
        int ndigits = weight - Math.floorDiv(lo, 4) + 1;
        boolean isShort = dscale <= 0x3F && weight >= -64 && weight <= 63;
        return (isShort ? 2 : 4) + 2 * ndigits;
    }

}
