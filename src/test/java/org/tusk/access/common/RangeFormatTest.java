package org.tusk.access.common;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.tusk.utils.adt.RangeTypes;
import org.tusk.utils.adt.RangeValue;
import org.tusk.utils.adt.Ranges;

/** range_serialize's layout: rangetypid, aligned bound values, flags byte last. */
class RangeFormatTest {
    @Test
    void int4rangeHasPostgresBytes() {
        RangeValue r = Ranges.construct(RangeTypes.INT4RANGE, 1, 5, "[)");
        byte[] p = RangeFormat.encode(r);
        assertArrayEquals(new byte[] {0x40, 0x0f, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0, 0x02}, p);
        assertEquals(r, RangeFormat.decode(p));
    }

    @Test
    void emptyAndInfiniteBoundsStoreNoValue() {
        assertArrayEquals(new byte[] {0x40, 0x0f, 0, 0, 0x01}, RangeFormat.encode(Ranges.empty(RangeTypes.INT4RANGE)));
        RangeValue r = Ranges.construct(RangeTypes.INT8RANGE, null, 7L, "[)");
        byte[] p = RangeFormat.encode(r);
        assertEquals(4 + 8 + 1, p.length);   // rangetypid at 4, the int8 at 8 (aligned from the varlena's start), flags at 16
        assertEquals(r, RangeFormat.decode(p));
    }

    @Test
    void varlenaAndTimestampSubtypesRoundTrip() {
        RangeValue m = Ranges.construct(RangeTypes.NUMRANGE, new BigDecimal("-12345.678"), new BigDecimal("1.5"), "(]");
        assertEquals(m, RangeFormat.decode(RangeFormat.encode(m)));
        RangeValue t = Ranges.construct(RangeTypes.TSRANGE, LocalDateTime.of(2020, 1, 1, 10, 0), null, "[)");
        assertEquals(t, RangeFormat.decode(RangeFormat.encode(t)));
        assertSame(DatumType.RANGE_INT_ALIGNED, DatumType.forOid(RangeTypes.INT4RANGE));
        assertSame(DatumType.RANGE, DatumType.forOid(RangeTypes.TSTZRANGE));
    }
}
