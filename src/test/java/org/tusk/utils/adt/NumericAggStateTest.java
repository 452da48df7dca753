package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class NumericAggStateTest {
    private static NumericAggState of(String... values) {
        NumericAggState s = new NumericAggState();
        for (String v : values) s.accum(new BigDecimal(v));
        return s;
    }

    @Test
    void avgAndSumAsNumericAvgAndNumericSum() {
        NumericAggState s = of("1", "2.5", "4");
        assertEquals(new BigDecimal("7.5"), s.sum());
        assertEquals("2.5000000000000000", s.avg().toPlainString());
        assertNull(new NumericAggState().avg());
        assertNull(new NumericAggState().sum());
    }

    @Test
    void specialValuesAreCountedApart() {
        NumericAggState s = of("1");
        s.accum(NumericSpecial.inf(1));
        assertSame(NumericSpecial.inf(1), s.sum());
        s.accum(NumericSpecial.inf(-1));
        assertTrue(NumericSpecial.isNaN(s.avg()));
        NumericAggState n = of("3");
        n.accum(NumericSpecial.NAN);
        assertTrue(NumericSpecial.isNaN(n.sum()));
    }

    @Test
    void combineAddsBothStates() {
        NumericAggState a = of("1", "2"), b = of("3.25");
        a.combine(b);
        assertEquals(new BigDecimal("6.25"), a.sum());
        assertEquals("2.0833333333333333", a.avg().toPlainString());
    }

    @Test
    void serializationRoundTripsInNumericSendFormat() {
        NumericAggState s = of("-12345.678", "0.002");
        byte[] bytes = s.serialize();
        NumericAggState back = NumericAggState.deserialize(bytes);
        assertEquals(s.sum(), back.sum());
        assertEquals(s.avg(), back.avg());
        // numeric_send of 12345.678: ndigits 3, weight 1, sign 0, dscale 3, digits 1 2345 6780
        assertEquals("0003000100000003000109291a7c", HexFormat.of().formatHex(NumericAggState.numericSend(new BigDecimal("12345.678"))));
        assertEquals("0000000000000000", HexFormat.of().formatHex(NumericAggState.numericSend(BigDecimal.ZERO)));
        assertThrows(org.tusk.utils.error.PgException.class, () -> NumericAggState.deserialize(new byte[] {1, 2}));
    }
}
