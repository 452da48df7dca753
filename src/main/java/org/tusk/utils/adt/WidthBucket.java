package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * width_bucket for float8 (width_bucket_float8 of float.c) and numeric (width_bucket_numeric of
 * numeric.c): the bucket, 1..count, of an equi-width histogram over [bound1, bound2) (or the
 * reversed range), 0 below it and count+1 above it; and width_bucket over an array of
 * thresholds (width_bucket_array of arrayfuncs.c).
 */
public final class WidthBucket {
    private WidthBucket() {}

    private static final String BAD = "2201G";   // ERRCODE_INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION

    public static int of(double operand, double bound1, double bound2, int count) {
        if (count <= 0) throw PgException.error(BAD, "count must be greater than zero");
        if (Double.isNaN(operand) || Double.isNaN(bound1) || Double.isNaN(bound2))
            throw PgException.error(BAD, "operand, lower bound, and upper bound cannot be NaN");
        if (Double.isInfinite(bound1) || Double.isInfinite(bound2))
            throw PgException.error(BAD, "lower and upper bounds must be finite");
        int result;
        if (bound1 < bound2) {
            if (operand < bound1) result = 0;
            else if (operand >= bound2) result = countPlusOne(count);
            else {
                double q = !Double.isInfinite(bound2 - bound1) ? (operand - bound1) / (bound2 - bound1)
                        : (operand / 2 - bound1 / 2) / (bound2 / 2 - bound1 / 2);
                result = (int) (count * q);
                if (result >= count) result = count - 1;   // the quotient may round up to 1.0
                result++;
            }
        } else if (bound1 > bound2) {
            if (operand > bound1) result = 0;
            else if (operand <= bound2) result = countPlusOne(count);
            else {
                double q = !Double.isInfinite(bound1 - bound2) ? (bound1 - operand) / (bound1 - bound2)
                        : (bound1 / 2 - operand / 2) / (bound1 / 2 - bound2 / 2);
                result = (int) (count * q);
                if (result >= count) result = count - 1;
                result++;
            }
        } else {
            throw PgException.error(BAD, "lower bound cannot equal upper bound");
        }
        return result;
    }

    private static int countPlusOne(long count) {
        if (count + 1 > Integer.MAX_VALUE) throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        return (int) count + 1;
    }

    public static int of(BigDecimal operand, BigDecimal bound1, BigDecimal bound2, int count) {
        if (count <= 0) throw PgException.error(BAD, "count must be greater than zero");
        if (operand == NumericSpecial.NAN || bound1 == NumericSpecial.NAN || bound2 == NumericSpecial.NAN)
            throw PgException.error(BAD, "operand, lower bound, and upper bound cannot be NaN");
        if (bound1 instanceof NumericSpecial || bound2 instanceof NumericSpecial)
            throw PgException.error(BAD, "lower and upper bounds must be finite");
        int c = Numerics.cmp(bound1, bound2);
        if (c == 0) throw PgException.error(BAD, "lower bound cannot equal upper bound");
        if (c < 0) {
            if (Numerics.cmp(operand, bound1) < 0) return 0;
            if (Numerics.cmp(operand, bound2) >= 0) return countPlusOne(count);
            return bucket(operand.subtract(bound1), bound2.subtract(bound1), count);
        }
        if (Numerics.cmp(operand, bound1) > 0) return 0;
        if (Numerics.cmp(operand, bound2) <= 0) return countPlusOne(count);
        return bucket(bound1.subtract(operand), bound1.subtract(bound2), count);
    }

    /** compute_bucket: trunc(offset * count / range) + 1, exactly. */
    private static int bucket(BigDecimal offset, BigDecimal range, int count) {
        BigDecimal q = offset.multiply(BigDecimal.valueOf(count)).divide(range, 0, RoundingMode.DOWN).add(BigDecimal.ONE);
        return q.intValueExact();
    }

    /**
     * width_bucket_array (arrayfuncs.c): the number of thresholds less than or equal to the
     * operand, found by binary search over the sorted one-dimensional {@code thresholds}, with
     * the element type's btree ordering (so a float8 NaN sorts above every number).
     */
    public static int ofArray(Object operand, ArrayValue thresholds) {
        if (thresholds.ndim() > 1)
            throw PgException.error(ArrayFuncs.ARRAY_SUBSCRIPT_ERROR, "thresholds must be one-dimensional array");
        if (thresholds.hasNulls())
            throw PgException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "thresholds array must not contain NULLs");
        int left = 0, right = thresholds.size();
        while (left < right) {
            int mid = (left + right) >>> 1;
            if (Comparisons.compare(operand, thresholds.get(mid)) < 0) right = mid;
            else left = mid + 1;
        }
        return left;
    }
}
