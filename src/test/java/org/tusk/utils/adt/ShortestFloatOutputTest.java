package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * float8out and float4out print what PostgreSQL 15's Ryu code prints. The resource files hold
 * IEEE bit patterns (every binary exponent, subnormals, integers around 2^53, random values)
 * with the text the reference server printed for each at extra_float_digits = 1.
 */
class ShortestFloatOutputTest {

    @Test
    void float8MatchesPostgresOnSampledBitPatterns() throws IOException {
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (String[] row : rows("/ryu-float8-pg15.txt")) {
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(row[0], 16));
            String got = Floats.float8out(d, 1);
            if (!got.equals(row[1])) wrong.add(row[0] + ": expected " + row[1] + " got " + got);
            n++;
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " of " + n + " differ");
    }

    @Test
    void float4MatchesPostgresOnSampledBitPatterns() throws IOException {
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (String[] row : rows("/ryu-float4-pg15.txt")) {
            float f = Float.intBitsToFloat(Integer.parseUnsignedInt(row[0], 16));
            String got = Floats.float4out(f, 1);
            if (!got.equals(row[1])) wrong.add(row[0] + ": expected " + row[1] + " got " + got);
            n++;
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " of " + n + " differ");
    }

    /** The cases where Java's Double.toString differs from Ryu as PostgreSQL builds it. */
    @Test
    void float8CasesWhereJavaDiffers() {
        assertEquals("5e-324", Floats.float8out(Double.MIN_VALUE, 1));
        assertEquals("1e-323", Floats.float8out(Double.longBitsToDouble(2), 1));
        assertEquals("9.999999999999999e+22", Floats.float8out(1e23, 1));
        assertEquals("1.8014398509481992e+16", Floats.float8out(Double.longBitsToDouble(0x4350000000000002L), 1));
        assertEquals("-3.4902897112121472e+16", Floats.float8out(Double.longBitsToDouble(0xc35f000000000020L), 1));
    }

    @Test
    void layoutAndSpecialValues() {
        assertEquals("0", Floats.float8out(0.0, 1));
        assertEquals("-0", Floats.float8out(-0.0, 1));
        assertEquals("NaN", Floats.float8out(Double.NaN, 1));
        assertEquals("-Infinity", Floats.float8out(Double.NEGATIVE_INFINITY, 1));
        assertEquals("123456789012345.6", Floats.float8out(123456789012345.6, 1));
        assertEquals("1e+15", Floats.float8out(1e15, 1));
        assertEquals("100000000000000", Floats.float8out(1e14, 1));
        assertEquals("0.0001", Floats.float8out(1e-4, 1));
        assertEquals("1e-05", Floats.float8out(1e-5, 1));
        assertEquals("1.7976931348623157e+308", Floats.float8out(Double.MAX_VALUE, 1));
        assertEquals("100000", Floats.float4out(1e5f, 1));
        assertEquals("1e+06", Floats.float4out(1e6f, 1));
        assertEquals("1e-45", Floats.float4out(Float.MIN_VALUE, 1));
        assertEquals("3.4028235e+38", Floats.float4out(Float.MAX_VALUE, 1));
        // extra_float_digits <= 0 still uses %g
        assertEquals("0.1", Floats.float8out(0.1, 0));
        assertEquals("0.333333", Floats.float4out(1f / 3, 0));
    }

    private static List<String[]> rows(String resource) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ShortestFloatOutputTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                rows.add(line.split(" ", 2));
            }
        }
        return rows;
    }
}
