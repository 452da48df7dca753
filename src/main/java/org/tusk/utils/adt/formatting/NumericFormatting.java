package org.tusk.utils.adt.formatting;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

import org.tusk.utils.adt.NumericSpecial;
import org.tusk.utils.adt.Numerics;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * to_char for numbers and to_number (formatting.c's numeric_to_char, int4_to_char,
 * int8_to_char, float4_to_char, float8_to_char, numeric_to_number). Each turns the value into
 * a digit string the way the C code does (numeric_out after rounding to the picture's decimals;
 * printf "%.*f" / "%+.*e" for floats, reproduced exactly from the binary value with
 * round-half-even as glibc does), pads or overflows it to '#', and hands it to
 * {@link NumProcessor}.
 */
public final class NumericFormatting {
    private NumericFormatting() {}

    private record Parsed(List<FormatNode> nodes, NumDesc num) {}

    private static Parsed parse(String fmt) {
        NumDesc num = new NumDesc();
        List<FormatNode> nodes = FormatParser.parse(fmt, NumKeywords.TABLE, false, false, num::prepare);
        return new Parsed(nodes, num);
    }

    /** fill_str: pre '#'s, '.', post '#'s, for a value with more integer digits than the picture. */
    private static String overflow(NumDesc num) {
        return "#".repeat(num.pre) + "." + "#".repeat(num.post);
    }

    /** The common tail of the to_char variants for a plain digit string {@code numstr} (no sign). */
    private static String finish(Parsed p, String numstr, char sign) {
        NumDesc num = p.num;
        int dot = numstr.indexOf('.');
        int preLen = dot >= 0 ? dot : numstr.length();
        int outPreSpaces = 0;
        if (preLen < num.pre) outPreSpaces = num.pre - preLen;
        else if (preLen > num.pre) numstr = overflow(num);
        return NumProcessor.toChar(p.nodes, num, numstr, outPreSpaces, sign);
    }

    /** numeric_to_char. */
    public static String toChar(BigDecimal value, String fmt) {
        if (fmt.isEmpty()) return "";
        Parsed p = parse(fmt);
        NumDesc num = p.num;
        if (num.is(NumDesc.F_ROMAN)) {
            BigDecimal r = Numerics.round(value, 0);
            if (r instanceof NumericSpecial sp) {
                String what = sp == NumericSpecial.NAN ? "NaN" : "infinity";
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert " + what + " to integer");
            }
            if (r.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || r.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0)
                throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
            return NumProcessor.toChar(p.nodes, num, intToRoman(r.intValue()), 0, '\0');
        }
        if (num.is(NumDesc.F_EEEE)) {
            String numstr;
            if (value instanceof NumericSpecial) {
                numstr = specialSci(num);
            } else {
                String s = numericOutSci(value, num.post);
                numstr = s.startsWith("-") ? s : " " + s;
            }
            return NumProcessor.toChar(p.nodes, num, numstr, 0, '\0');
        }
        BigDecimal val = value;
        if (num.is(NumDesc.F_MULTI)) {
            if (!(val instanceof NumericSpecial)) val = val.movePointRight(num.multi);
            num.pre += num.multi;
        }
        String orgnum = Numerics.numericOut(Numerics.round(val, num.post));
        char sign = orgnum.startsWith("-") ? '-' : '+';
        return finish(p, sign == '-' ? orgnum.substring(1) : orgnum, sign);
    }

    /** int4_to_char and int8_to_char ({@code int4} picks int4's V and RN overflow behaviour). */
    public static String toChar(long value, boolean int4, String fmt) {
        if (fmt.isEmpty()) return "";
        Parsed p = parse(fmt);
        NumDesc num = p.num;
        if (num.is(NumDesc.F_ROMAN)) {
            if (!int4 && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE))
                throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
            return NumProcessor.toChar(p.nodes, num, intToRoman((int) value), 0, '\0');
        }
        if (num.is(NumDesc.F_EEEE)) {
            String s = int4 ? cExp(value, num.post) : numericOutSci(BigDecimal.valueOf(value), num.post);
            if (int4) s = s.startsWith("+") ? " " + s.substring(1) : s;
            else s = s.startsWith("-") ? s : " " + s;
            return NumProcessor.toChar(p.nodes, num, s, 0, '\0');
        }
        if (num.is(NumDesc.F_MULTI)) {
            long multi = (long) Math.pow(10, num.multi);
            if (int4) value = (int) value * (int) multi;   // int4_to_char multiplies in int32, as C does
            else {
                try {
                    value = Math.multiplyExact(value, multi);
                } catch (ArithmeticException e) {
                    throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
                }
            }
            num.pre += num.multi;
        }
        String orgnum = Long.toString(value);
        char sign = '+';
        if (orgnum.startsWith("-")) {
            sign = '-';
            orgnum = orgnum.substring(1);
        }
        String numstr = num.post > 0 ? orgnum + "." + "0".repeat(num.post) : orgnum;
        // the pre-decimal length is the integer's, even with zeros appended
        int outPreSpaces = 0;
        if (orgnum.length() < num.pre) outPreSpaces = num.pre - orgnum.length();
        else if (orgnum.length() > num.pre) numstr = overflow(num);
        return NumProcessor.toChar(p.nodes, num, numstr, outPreSpaces, sign);
    }

    /** float4_to_char ({@code digits} = FLT_DIG 6) and float8_to_char (DBL_DIG 15). */
    public static String toChar(double value, int digits, String fmt) {
        if (fmt.isEmpty()) return "";
        Parsed p = parse(fmt);
        NumDesc num = p.num;
        if (num.is(NumDesc.F_ROMAN))
            return NumProcessor.toChar(p.nodes, num, intToRoman((int) Math.rint(value)), 0, '\0');
        if (num.is(NumDesc.F_EEEE)) {
            String numstr;
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                numstr = specialSci(num);
            } else {
                numstr = cExp(value, num.post);
                if (numstr.startsWith("+")) numstr = " " + numstr.substring(1);
            }
            return NumProcessor.toChar(p.nodes, num, numstr, 0, '\0');
        }
        double val = value;
        if (num.is(NumDesc.F_MULTI)) {
            double multi = Math.pow(10, num.multi);
            val = digits == 6 ? (double) ((float) value * (float) multi) : value * multi;
            num.pre += num.multi;
        }
        int preLen = cFixed(Math.abs(val), 0).length();
        if (preLen >= digits) num.post = 0;
        else if (preLen + num.post > digits) num.post = digits - preLen;
        String orgnum = cFixed(val, num.post);
        char sign = '+';
        if (orgnum.startsWith("-")) {
            sign = '-';
            orgnum = orgnum.substring(1);
        }
        return finish(p, orgnum, sign);
    }

    /** numeric_to_number: reads {@code input} through the picture; null for an empty picture. */
    public static BigDecimal toNumber(String input, String fmt) {
        if (fmt.isEmpty()) return null;
        Parsed p = parse(fmt);
        NumDesc num = p.num;
        String numstr = NumProcessor.fromChar(p.nodes, num, input);
        int scale = num.post;
        int precision = num.pre + num.multi + scale;
        BigDecimal result = Numerics.applyTypmod(Numerics.numericIn(numstr), ((precision << 16) | scale) + 4);
        if (num.is(NumDesc.F_MULTI))
            result = Numerics.mul(result, Numerics.power(BigDecimal.TEN, BigDecimal.valueOf(-num.multi)));
        return result;
    }

    /** NaN and the infinities under EEEE: a blank, then '#'s with the point after pre of them. */
    private static String specialSci(NumDesc num) {
        char[] s = "#".repeat(num.pre + num.post + 6).toCharArray();
        s[0] = ' ';
        s[num.pre + 1] = '.';
        return new String(s);
    }

    /** int_to_roman: upper-case Roman numeral, or 15 '#' outside 1..3999. */
    static String intToRoman(int number) {
        if (number > 3999 || number < 1) return "#".repeat(15);
        String[] rm1 = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
        String[] rm10 = {"X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
        String[] rm100 = {"C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"};
        String s = Integer.toString(number);
        StringBuilder r = new StringBuilder();
        for (int i = 0, len = s.length(); i < s.length(); i++, len--) {
            int d = s.charAt(i) - '1';
            if (d < 0) continue;
            switch (len) {
                case 4 -> r.append("M".repeat(d + 1));
                case 3 -> r.append(rm100[d]);
                case 2 -> r.append(rm10[d]);
                default -> r.append(rm1[d]);
            }
        }
        return r.toString();
    }

    /** numeric_out_sci: d.ddd...e+NN with {@code scale} decimals, no sign for positive values. */
    static String numericOutSci(BigDecimal v, int scale) {
        int exponent = v.signum() == 0 ? 0 : v.precision() - v.scale() - 1;
        BigDecimal sig = v.movePointLeft(exponent).setScale(scale, RoundingMode.HALF_UP);
        return sig.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + pad2(Math.abs(exponent));
    }

    private static String pad2(int e) { return e < 10 ? "0" + e : Integer.toString(e); }

    /**
     * psprintf("%.*f", prec, v): PostgreSQL's snprintf prints NaN and the infinities as "NaN",
     * "Infinity" and "-Infinity", and finite values as glibc does (the exact binary value,
     * rounded half-even).
     */
    static String cFixed(double v, int prec) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        String s = new BigDecimal(v).setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        return negative && !s.startsWith("-") ? "-" + s : s;
    }

    /** printf("%+.*e", prec, v) as glibc prints it. */
    static String cExp(double v, int prec) {
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        String digits;
        int exponent;
        if (v == 0) {
            digits = "0".repeat(prec + 1);
            exponent = 0;
        } else {
            BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
            BigInteger u = r.unscaledValue();
            String us = u.toString();
            exponent = us.length() - 1 - r.scale();
            // strip or pad to exactly prec+1 significant digits
            digits = us.length() > prec + 1 ? us.substring(0, prec + 1) : us + "0".repeat(prec + 1 - us.length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(negative ? '-' : '+').append(digits.charAt(0));
        if (prec > 0) sb.append('.').append(digits, 1, digits.length());
        sb.append('e').append(exponent < 0 ? '-' : '+').append(pad2(Math.abs(exponent)));
        return sb.toString();
    }
}
