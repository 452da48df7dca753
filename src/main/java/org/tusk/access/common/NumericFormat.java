package org.tusk.access.common;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * numeric's stored form (numeric.c, NumericData): the payload of a varlena holding base-10000
 * digits (NBASE, DEC_DIGITS = 4), as make_result() builds it. Leading and trailing zero digits
 * are stripped; a zero has no digits and weight 0.
 *
 * <pre>
 * short (NUMERIC_SHORT, when 0 &lt;= dscale &lt;= 63 and -64 &lt;= weight &lt;= 63):
 *   uint16 n_header = 0x8000 | (negative ? 0x2000 : 0) | dscale &lt;&lt; 7 | (weight &amp; 0x7F)
 *   int16  digits[]
 * long:
 *   uint16 n_sign_dscale = (negative ? 0x4000 : 0) | dscale
 *   int16  n_weight
 *   int16  digits[]
 * </pre>
 * weight is the power of NBASE of the first digit. The Java value is a BigDecimal whose scale is
 * the display scale (a negative scale is stored as 0); NaN and infinities have no BigDecimal form
 * and are refused when read.
 */
final class NumericFormat {
    static final int NBASE = 10000;
    static final int DEC_DIGITS = 4;
    static final int NUMERIC_SIGN_MASK = 0xC000;
    static final int NUMERIC_POS = 0x0000;
    static final int NUMERIC_NEG = 0x4000;
    static final int NUMERIC_SHORT = 0x8000;
    static final int NUMERIC_SPECIAL = 0xC000;
    static final int NUMERIC_DSCALE_MASK = 0x3FFF;
    static final int NUMERIC_SHORT_SIGN_MASK = 0x2000;
    static final int NUMERIC_SHORT_DSCALE_MASK = 0x1F80;
    static final int NUMERIC_SHORT_DSCALE_SHIFT = 7;
    static final int NUMERIC_SHORT_DSCALE_MAX = NUMERIC_SHORT_DSCALE_MASK >> NUMERIC_SHORT_DSCALE_SHIFT;
    static final int NUMERIC_SHORT_WEIGHT_SIGN_MASK = 0x0040;
    static final int NUMERIC_SHORT_WEIGHT_MASK = 0x003F;
    static final int NUMERIC_SHORT_WEIGHT_MAX = NUMERIC_SHORT_WEIGHT_MASK;
    static final int NUMERIC_SHORT_WEIGHT_MIN = -(NUMERIC_SHORT_WEIGHT_MASK + 1);

    private static final BigInteger BNBASE = BigInteger.valueOf(NBASE);

    private NumericFormat() {}

    /** make_result: the payload (no varlena header) for {@code value}. */
    static byte[] encode(BigDecimal value) {
        if (value instanceof org.tusk.utils.adt.NumericSpecial sp) {
            // NUMERIC_NAN, NUMERIC_PINF, NUMERIC_NINF: the header alone
            int header = switch (sp.kind()) {
                case NAN -> 0xC000;
                case PINF -> 0xD000;
                case NINF -> 0xF000;
            };
            return new byte[] {(byte) header, (byte) (header >>> 8)};
        }
        BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        int dscale = v.scale();
        if (dscale > NUMERIC_DSCALE_MASK) throw new IllegalArgumentException("numeric display scale " + dscale + " is too large");
        boolean negative = v.signum() < 0;
        // Pad the fraction to whole base-10000 digits, then split the integer into digits.
        int pad = (DEC_DIGITS - dscale % DEC_DIGITS) % DEC_DIGITS;
        BigInteger n = v.unscaledValue().abs().multiply(BigInteger.TEN.pow(pad));
        int fracDigits = (dscale + pad) / DEC_DIGITS;
        java.util.ArrayDeque<Short> digits = new java.util.ArrayDeque<>();
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BNBASE);
            digits.addFirst(qr[1].shortValue());
            n = qr[0];
        }
        int weight = digits.size() - fracDigits - 1;
        while (!digits.isEmpty() && digits.peekLast() == 0) digits.removeLast();
        while (!digits.isEmpty() && digits.peekFirst() == 0) {   // only below the decimal point
            digits.removeFirst();
            weight--;
        }
        if (digits.isEmpty()) {
            weight = 0;
            negative = false;
        }
        boolean shortForm = dscale <= NUMERIC_SHORT_DSCALE_MAX && weight <= NUMERIC_SHORT_WEIGHT_MAX
                && weight >= NUMERIC_SHORT_WEIGHT_MIN;
        ByteBuffer b = ByteBuffer.allocate((shortForm ? 2 : 4) + 2 * digits.size()).order(ByteOrder.LITTLE_ENDIAN);
        if (shortForm) {
            b.putShort((short) (NUMERIC_SHORT | (negative ? NUMERIC_SHORT_SIGN_MASK : 0)
                    | (dscale << NUMERIC_SHORT_DSCALE_SHIFT) | (weight & (NUMERIC_SHORT_WEIGHT_SIGN_MASK | NUMERIC_SHORT_WEIGHT_MASK))));
        } else {
            b.putShort((short) ((negative ? NUMERIC_NEG : NUMERIC_POS) | dscale));
            b.putShort((short) weight);
        }
        for (short d : digits) b.putShort(d);
        return b.array();
    }

    /** The value of a stored numeric payload. */
    static BigDecimal decode(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        int header = Short.toUnsignedInt(b.getShort());
        boolean negative;
        int dscale;
        int weight;
        if ((header & NUMERIC_SIGN_MASK) == NUMERIC_SPECIAL) {
            return switch (header & 0xF000) {
                case 0xC000 -> org.tusk.utils.adt.NumericSpecial.NAN;
                case 0xD000 -> org.tusk.utils.adt.NumericSpecial.PINF;
                case 0xF000 -> org.tusk.utils.adt.NumericSpecial.NINF;
                default -> throw new IllegalArgumentException("unknown numeric special header " + Integer.toHexString(header));
            };
        } else if ((header & NUMERIC_SIGN_MASK) == NUMERIC_SHORT) {
            negative = (header & NUMERIC_SHORT_SIGN_MASK) != 0;
            dscale = (header & NUMERIC_SHORT_DSCALE_MASK) >> NUMERIC_SHORT_DSCALE_SHIFT;
            weight = (header & NUMERIC_SHORT_WEIGHT_SIGN_MASK) != 0
                    ? ~NUMERIC_SHORT_WEIGHT_MASK | (header & NUMERIC_SHORT_WEIGHT_MASK)
                    : header & NUMERIC_SHORT_WEIGHT_MASK;
        } else {
            negative = (header & NUMERIC_SIGN_MASK) == NUMERIC_NEG;
            dscale = header & NUMERIC_DSCALE_MASK;
            weight = b.getShort();
        }
        int ndigits = b.remaining() / 2;
        BigInteger n = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) n = n.multiply(BNBASE).add(BigInteger.valueOf(b.getShort()));
        // n holds digits[0..ndigits) whose last one has power weight - ndigits + 1 of NBASE.
        BigDecimal v = new BigDecimal(n, -DEC_DIGITS * (weight - ndigits + 1));
        v = v.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
        return negative ? v.negate() : v;
    }
}
