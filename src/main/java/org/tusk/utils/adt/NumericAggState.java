package org.tusk.utils.adt;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;

import org.tusk.utils.error.PgException;

/**
 * numeric.c's NumericAggState: the internal transition state of avg(numeric) and sum(numeric)
 * (numeric_avg_accum, numeric_avg_combine, numeric_avg, numeric_sum), with the count of inputs,
 * the sum of the finite ones, and NaN and infinity counts kept apart so that the sum stays finite
 * (and the state could lose a NaN again, as the inverse transition does in PostgreSQL).
 *
 * <p>A state belongs to one aggregate evaluation and is changed in place by the transition
 * function, as PostgreSQL's is in the aggregate's memory context; it is never shared.
 */
public final class NumericAggState {
    long n;
    BigDecimal sumX = BigDecimal.ZERO;
    int maxScale;
    long maxScaleCount;
    long nanCount;
    long pInfCount;
    long nInfCount;

    /** do_numeric_accum: counts {@code x} into the state. */
    public void accum(BigDecimal x) {
        n++;
        if (NumericSpecial.isNaN(x)) {
            nanCount++;
            return;
        }
        if (x instanceof NumericSpecial) {
            if (x.signum() > 0) pInfCount++;
            else nInfCount++;
            return;
        }
        int scale = Math.max(x.scale(), 0);
        if (scale > maxScale) {
            maxScale = scale;
            maxScaleCount = 1;
        } else if (scale == maxScale) {
            maxScaleCount++;
        }
        sumX = sumX.add(x);
    }

    /** numeric_avg_combine: adds {@code other}'s inputs to this state. */
    public void combine(NumericAggState other) {
        n += other.n;
        nanCount += other.nanCount;
        pInfCount += other.pInfCount;
        nInfCount += other.nInfCount;
        if (other.maxScale > maxScale) {
            maxScale = other.maxScale;
            maxScaleCount = other.maxScaleCount;
        } else if (other.maxScale == maxScale) {
            maxScaleCount += other.maxScaleCount;
        }
        sumX = sumX.add(other.sumX);
    }

    /** numeric_sum's result: NULL without input, NaN if any was NaN or both infinities met. */
    public BigDecimal sum() {
        if (n == 0) return null;
        BigDecimal special = special();
        if (special != null) return special;
        return sumX.setScale(Math.max(sumX.scale(), 0));
    }

    /** numeric_avg's result: sum / count with numeric division's scale. */
    public BigDecimal avg() {
        if (n == 0) return null;
        BigDecimal special = special();
        if (special != null) return special;
        return Numerics.div(sumX, BigDecimal.valueOf(n));
    }

    private BigDecimal special() {
        if (nanCount > 0) return NumericSpecial.NAN;
        if (pInfCount > 0 && nInfCount > 0) return NumericSpecial.NAN;
        if (pInfCount > 0) return NumericSpecial.inf(1);
        if (nInfCount > 0) return NumericSpecial.inf(-1);
        return null;
    }

    /**
     * numeric_avg_serialize: N (int8), sumX (numeric_send's format), maxScale (int4),
     * maxScaleCount (int8), NaNcount, pInfcount, nInfcount (int8), in network byte order.
     */
    public byte[] serialize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(8);
        out.writeBytes(b.putLong(0, n).array());
        out.writeBytes(numericSend(sumX));
        out.writeBytes(ByteBuffer.allocate(4).putInt(maxScale).array());
        for (long v : new long[] {maxScaleCount, nanCount, pInfCount, nInfCount}) {
            out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
        }
        return out.toByteArray();
    }

    /** numeric_avg_deserialize: the state {@link #serialize} wrote. */
    public static NumericAggState deserialize(byte[] data) {
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            NumericAggState s = new NumericAggState();
            s.n = b.getLong();
            s.sumX = numericRecv(b);
            s.maxScale = b.getInt();
            s.maxScaleCount = b.getLong();
            s.nanCount = b.getLong();
            s.pInfCount = b.getLong();
            s.nInfCount = b.getLong();
            if (b.hasRemaining()) throw PgException.error("22P03", "incorrect binary data format in function argument");
            return s;
        } catch (java.nio.BufferUnderflowException e) {
            throw PgException.error("08P01", "insufficient data left in message");
        }
    }

    /** numeric_send for a finite value: ndigits, weight, sign, dscale, then base-10000 digits. */
    static byte[] numericSend(BigDecimal v) {
        int dscale = Math.max(v.scale(), 0);
        BigInteger unscaled = v.setScale(dscale).unscaledValue().abs();
        // align the digits on a base-10000 boundary: pad the fraction to a multiple of 4 digits
        int fracGroups = (dscale + 3) / 4;
        BigInteger scaled = unscaled.multiply(BigInteger.TEN.pow(fracGroups * 4 - dscale));
        java.util.ArrayDeque<Short> digits = new java.util.ArrayDeque<>();
        BigInteger tenK = BigInteger.valueOf(10000);
        while (scaled.signum() > 0) {
            BigInteger[] qr = scaled.divideAndRemainder(tenK);
            digits.addFirst(qr[1].shortValue());
            scaled = qr[0];
        }
        int weight = digits.size() - fracGroups - 1;
        // strip leading and trailing zero digits, as make_result does
        while (!digits.isEmpty() && digits.peekFirst() == 0) {
            digits.removeFirst();
            weight--;
        }
        while (!digits.isEmpty() && digits.peekLast() == 0) digits.removeLast();
        if (digits.isEmpty()) weight = 0;
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * digits.size());
        b.putShort((short) digits.size()).putShort((short) weight)
                .putShort((short) (v.signum() < 0 ? 0x4000 : 0)).putShort((short) dscale);
        for (short d : digits) b.putShort(d);
        return b.array();
    }

    /** numeric_recv for the finite values {@link #numericSend} writes. */
    static BigDecimal numericRecv(ByteBuffer b) {
        int ndigits = b.getShort(), weight = b.getShort(), sign = b.getShort() & 0xFFFF, dscale = b.getShort();
        if (sign != 0 && sign != 0x4000) throw PgException.error("22P03", "invalid sign in external \"numeric\" value");
        BigDecimal v = BigDecimal.ZERO;
        for (int i = 0; i < ndigits; i++) {
            int d = b.getShort();
            if (d < 0 || d >= 10000) throw PgException.error("22P03", "invalid digit in external \"numeric\" value");
            v = v.add(BigDecimal.valueOf(d).scaleByPowerOfTen(4 * (weight - i)));
        }
        v = v.setScale(dscale, java.math.RoundingMode.HALF_UP);
        return sign == 0x4000 ? v.negate() : v;
    }
}
