package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** bit_in/bit_out, the length coercions' errors, the operators and integer casts of varbit.c. */
class VarBitsTest {
    private static String out(VarBit v) { return VarBits.out(v); }

    private static void fails(String sqlState, String message, Runnable r) {
        PgException e = assertThrows(PgException.class, r::run);
        assertEquals(message, e.getMessage());
        assertEquals(sqlState, e.sqlState());
    }

    @Test
    void inputForms() {
        assertEquals("1010", out(VarBits.in("1010")));
        assertEquals("1010", out(VarBits.in("b1010")));
        assertEquals("00011111", out(VarBits.in("X1F")));
        assertEquals("", out(VarBits.in("")));
        fails("22P02", "\"2\" is not a valid binary digit", () -> VarBits.in("102"));
        fails("22P02", "\" \" is not a valid binary digit", () -> VarBits.in("b 0"));
        fails("22P02", "\"g\" is not a valid hexadecimal digit", () -> VarBits.in("x1g"));
    }

    @Test
    void lengthCoercions() {
        VarBit v = VarBits.in("1010");
        fails("22026", "bit string length 4 does not match type bit(3)", () -> VarBits.toBit(v, 3, false));
        assertEquals("101", out(VarBits.toBit(v, 3, true)));
        assertEquals("101000", out(VarBits.toBit(v, 6, true)));
        fails("22001", "bit string too long for type bit varying(2)", () -> VarBits.toVarbit(v, 2, false));
        assertEquals("10", out(VarBits.toVarbit(v, 2, true)));
        assertEquals("1010", out(VarBits.toVarbit(v, 9, false)));
        fails("22026", "bit string length 3 does not match type bit(4)", () -> VarBits.bitIn("101", 4));
    }

    @Test
    void operators() {
        VarBit a = VarBits.in("1100"), b = VarBits.in("1010");
        assertEquals("1000", out(VarBits.and(a, b)));
        assertEquals("1110", out(VarBits.or(a, b)));
        assertEquals("0110", out(VarBits.xor(a, b)));
        assertEquals("0011", out(VarBits.not(a)));
        assertEquals("0100", out(VarBits.shiftLeft(b, 1)));
        assertEquals("0101", out(VarBits.shiftRight(b, 1)));
        assertEquals("0000", out(VarBits.shiftLeft(b, 9)));
        assertEquals("11001010", out(VarBits.concat(a, b)));
        fails("22026", "cannot AND bit strings of different sizes", () -> VarBits.and(a, VarBits.in("1")));
        // the bits past the length stay zero after ~, so equal strings compare equal
        assertEquals(VarBits.in("0011"), VarBits.not(a));
    }

    @Test
    void ordering() {
        assertTrue(VarBits.in("10").compareTo(VarBits.in("1")) > 0);
        assertTrue(VarBits.in("0").compareTo(VarBits.in("00")) < 0);
        assertTrue(VarBits.in("01").compareTo(VarBits.in("1")) < 0);
    }

    @Test
    void substringsAndBits() {
        VarBit v = VarBits.in("110101");
        assertEquals("101", out(VarBits.substring(v, 2, 3, false)));
        assertEquals("0101", out(VarBits.substring(v, 3, -1, true)));
        assertEquals("110101", out(VarBits.substring(v, -10, 2147483646, false)));
        fails("22011", "negative substring length not allowed", () -> VarBits.substring(v, 1, -1, false));
        assertEquals(3, VarBits.position(v, VarBits.in("01")));
        assertEquals(1, VarBits.position(v, VarBits.in("")));
        assertEquals(0, VarBits.position(VarBits.in(""), VarBits.in("")));
        assertEquals(1, VarBits.getBit(v, 0));
        assertEquals("111101", out(VarBits.setBit(v, 2, 1)));
        fails("2202E", "bit index 6 out of valid range (0..5)", () -> VarBits.getBit(v, 6));
        fails("22023", "new bit must be 0 or 1", () -> VarBits.setBit(v, 0, 2));
        assertEquals("0001011100", out(VarBits.overlay(VarBits.in("0101011100"), VarBits.in("001"), 2, 3)));
        assertEquals(4, VarBits.bitCount(v));
    }

    @Test
    void integerConversions() {
        assertEquals("00000101", out(VarBits.fromLong(5, 32, 8)));
        assertEquals("11111011", out(VarBits.fromLong(-5, 32, 8)));
        assertEquals("1", out(VarBits.fromLong(5, 32, -1)));
        assertEquals("1111" + "0".repeat(28), out(VarBits.fromLong(-268435456, 32, 32)));
        assertEquals("1".repeat(40), out(VarBits.fromLong(-1, 32, 40)));
        assertEquals(11, VarBits.toLong(VarBits.in("1011"), 32));
        fails("22003", "integer out of range", () -> VarBits.toLong(VarBits.in("1".repeat(33)), 32));
    }

    @Test
    void binaryForm() {
        VarBit v = VarBits.in("x1f2");
        byte[] b = VarBits.send(v);
        assertArrayEquals(new byte[] {0, 0, 0, 12, 0x1f, 0x20}, b);
        assertEquals(v, VarBits.recv(b));
        fails("22P03", "invalid length in external bit string", () -> VarBits.recv(new byte[] {0, 0, 0, 17, 1}));
    }
}
