package org.tusk.access.common;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tusk.utils.adt.Cash;
import org.tusk.utils.adt.TimeTz;
import org.tusk.utils.adt.VarBits;

/**
 * The stored bytes of timetz (TimeTzADT: int64 time, int32 zone west of Greenwich, 12 bytes at
 * 'd' alignment), money (int64 cents) and bit/varbit (varlena, int32 bit_len, the bits MSB first,
 * pad bits zero), as PostgreSQL 15 lays them out on little-endian hardware, and their round trips.
 */
class TimeTzBitMoneyFormatTest {
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() { arena.close(); }

    private String stored(DatumType type, Object value) {
        TupleDesc desc = TupleDesc.of(Attribute.of("v", type));
        MemorySegment t = HeapTupleForm.form(desc, new Object[] {value}, arena);
        assertEquals(value, HeapTupleDeform.deform(desc, t)[0]);
        return HexFormat.of().formatHex(t.asSlice(24).toArray(JAVA_BYTE));
    }

    @Test
    void timetzIsTimeThenZoneWest() {
        // '12:00:00-05': 43200000000 us, zone +18000 (seconds west)
        assertEquals("00b0eb0e0a000000" + "50460000", stored(DatumType.TIMETZ, new TimeTz(43_200_000_000L, 18000)).substring(0, 24));
        assertEquals(12, DatumType.TIMETZ.typlen());
        assertEquals('d', DatumType.TIMETZ.typalign());
    }

    @Test
    void moneyIsInt64Cents() {
        assertEquals("3930000000000000", stored(DatumType.MONEY, new Cash(12345)));
        assertEquals("c7cfffffffffffff", stored(DatumType.MONEY, new Cash(-12345)));
    }

    @Test
    void bitStringIsBitLengthThenBits() {
        // B'1010': 1-byte header (6 bytes total), bit_len 4, then 0xa0
        assertEquals("0d04000000a0", stored(DatumType.BIT, VarBits.in("1010")));
        // X'1F2' as varbit: 12 bits, 0x1f 0x20
        assertEquals("0f0c0000001f20", stored(DatumType.VARBIT, VarBits.in("x1f2")));
        assertEquals("0b00000000", stored(DatumType.VARBIT, VarBits.in("")));
    }
}
