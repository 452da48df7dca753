package org.tusk.utils.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PgRusageTest {
    @Test
    void secondsHaveTwoTruncatedDecimals() {
        assertEquals("0.00", PgRusage.seconds(0));
        assertEquals("0.00", PgRusage.seconds(9_999));
        assertEquals("0.05", PgRusage.seconds(50_000));
        assertEquals("1.23", PgRusage.seconds(1_239_999));
        assertEquals("12.40", PgRusage.seconds(12_400_000));
    }

    @Test
    void showHasPostgresqlFormatAndCountsThisProcessCpu() {
        PgRusage ru = PgRusage.start();
        long x = 0;
        for (long i = 0; i < 300_000_000L; i++) x += i ^ (x >>> 3);
        String s = ru.show();
        assertTrue(s.matches("CPU: user: \\d+\\.\\d\\d s, system: \\d+\\.\\d\\d s, elapsed: \\d+\\.\\d\\d s"), s + x);
        assertTrue(!s.startsWith("CPU: user: 0.00 s"), s);
    }
}
