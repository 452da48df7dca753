package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * oid values at and above 2^31, read back from a table (where a tuple holds the uint32's bits),
 * print, compare, sort, group and aggregate as the unsigned numbers they are (oidout, btoidcmp,
 * array_cmp over oid elements); and tid has its array type, so array_agg(ctid) works.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UnsignedOidAndTidArrayIT extends OneServerPerClass {

    @Test
    void storedOidsAboveTwoToThe31AreUnsigned() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create temp table big_oids (a oid[], o oid)");
            s.execute("insert into big_oids values (array[3000000000::oid], 3000000000), (array[7::oid], 7),"
                    + " (array[2147483648::oid], 2147483648)");
            assertEquals(List.of("7", "2147483648", "3000000000"), Jdbc.rowsShowingNull(c, "select o from big_oids order by o"));
            assertEquals(List.of("3000000000|3000000000"), Jdbc.rowsShowingNull(c,
                    "select o::text, o::int8 from big_oids where o > 2147483648"));
            assertEquals(List.of("3000000000|7"), Jdbc.rowsShowingNull(c, "select max(o), min(o) from big_oids"));
            assertEquals(List.of("{7}", "{2147483648}", "{3000000000}"),
                    Jdbc.rowsShowingNull(c, "select a from big_oids order by a"));
            assertEquals(List.of("{3000000000}|{7}"), Jdbc.rowsShowingNull(c, "select max(a), min(a) from big_oids"));
            assertEquals(List.of("{2147483648}", "{3000000000}"),
                    Jdbc.rowsShowingNull(c, "select a from big_oids where a > array[8::oid] order by o"));
            assertEquals(List.of("1"), Jdbc.rowsShowingNull(c,
                    "select count(*) from big_oids where o = 3000000000::oid and a = array[3000000000::oid]"));
        }
    }

    @Test
    void tidArrays() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create temp table tids (a int)");
            s.execute("insert into tids values (1), (2)");
            assertEquals(List.of("{\"(0,1)\",\"(0,2)\"}"), Jdbc.rowsShowingNull(c, "select array_agg(ctid order by ctid) from tids"));
            assertEquals(List.of("{\"(0,2)\",\"(0,1)\"}"),
                    Jdbc.rowsShowingNull(c, "select array_agg(ctid order by ctid desc) from tids"));
            assertEquals(List.of("{\"(1,2)\"}|tid[]"), Jdbc.rowsShowingNull(c,
                    "select x, pg_typeof(x) from (select '{\"(1,2)\"}'::tid[] x) s"));
        }
    }
}
