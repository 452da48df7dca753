package org.tusk.utils.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

class GucValueParsingTest {
    private final GucSettings settings = GucSettings.forPostmaster();

    private Object parse(String name, String value) {
        return GucValueParser.parse(GucTables.find(name), name, value);
    }

    private PgException parseError(String name, String value) {
        return assertThrows(PgException.class, () -> parse(name, value));
    }

    @Test
    void booleansAcceptPostgresSpellingsAndUniquePrefixes() {
        assertEquals(Boolean.TRUE, GucValueParser.parseBool("on"));
        assertEquals(Boolean.FALSE, GucValueParser.parseBool("OFF"));
        assertEquals(Boolean.FALSE, GucValueParser.parseBool("of"));
        assertEquals(Boolean.TRUE, GucValueParser.parseBool("TRU"));
        assertEquals(Boolean.TRUE, GucValueParser.parseBool("y"));
        assertEquals(Boolean.FALSE, GucValueParser.parseBool("n"));
        assertEquals(Boolean.TRUE, GucValueParser.parseBool("1"));
        assertEquals(Boolean.FALSE, GucValueParser.parseBool("0"));
        assertNull(GucValueParser.parseBool("o"));
        assertNull(GucValueParser.parseBool("10"));
        assertNull(GucValueParser.parseBool("truex"));
        assertNull(GucValueParser.parseBool(""));
    }

    @Test
    void booleanErrorMessage() {
        PgException e = parseError("fsync", "maybe");
        assertEquals("parameter \"fsync\" requires a Boolean value", e.getMessage());
        assertEquals("22023", e.sqlState());
    }

    @Test
    void integersWithMemoryUnitsUseTheBaseUnit() {
        assertEquals(16384, parse("shared_buffers", "128MB"));
        assertEquals(16, parse("shared_buffers", "128kB"));
        assertEquals(131072, parse("shared_buffers", "1GB"));
        assertEquals(1048576, parse("work_mem", "1GB"));
        assertEquals(65536, parse("work_mem", "64 MB"));
        assertEquals(1024, parse("work_mem", "1048576B"));
        assertEquals(1536, parse("work_mem", "1.5MB"));
        assertEquals(1024, parse("max_wal_size", "1GB"));
        assertEquals(1024, parse("track_activity_query_size", "1kB"));
    }

    @Test
    void integersWithTimeUnits() {
        assertEquals(60000, parse("statement_timeout", "1min"));
        assertEquals(1500, parse("statement_timeout", "1.5s"));
        assertEquals(0, parse("statement_timeout", "100us"));
        assertEquals(86400000, parse("statement_timeout", "1d"));
        assertEquals(3600, parse("checkpoint_timeout", "1h"));
        assertEquals(90, parse("checkpoint_timeout", "90"));
        assertEquals(60, parse("authentication_timeout", "60000ms"));
    }

    @Test
    void integersInHexOctalAndRealNotation() {
        assertEquals(8080, parse("port", "0x1F90"));
        assertEquals(15, parse("port", "017"));
        assertEquals(5432, parse("port", "5432.4"));
        assertEquals(1000, parse("port", "1e3"));
        assertEquals(5433, parse("port", " 5433 "));
    }

    @Test
    void invalidIntegers() {
        PgException e = parseError("port", "abc");
        assertEquals("invalid value for parameter \"port\": \"abc\"", e.getMessage());
        assertEquals("22023", e.sqlState());
        assertNull(e.hint());

        // A unit on a unitless parameter is plain garbage: no hint.
        assertNull(parseError("port", "5432kB").hint());

        e = parseError("work_mem", "10 XB");
        assertEquals("invalid value for parameter \"work_mem\": \"10 XB\"", e.getMessage());
        assertEquals("Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".", e.hint());

        // Units are case-sensitive, and at most three characters long.
        assertEquals(GucUnit.MEMORY_UNITS_HINT, parseError("work_mem", "10mb").hint());
        e = parseError("statement_timeout", "5 seconds");
        assertEquals("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".", e.hint());

        e = parseError("max_connections", "3000000000");
        assertEquals("invalid value for parameter \"max_connections\": \"3000000000\"", e.getMessage());
        assertEquals("Value exceeds integer range.", e.hint());
    }

    @Test
    void rangeErrorsShowTheUnit() {
        PgException e = parseError("port", "70000");
        assertEquals("70000 is outside the valid range for parameter \"port\" (1 .. 65535)", e.getMessage());
        assertEquals("22023", e.sqlState());

        e = parseError("shared_buffers", "64kB");
        assertEquals("8 8kB is outside the valid range for parameter \"shared_buffers\" (16 .. 1073741823)",
                e.getMessage());

        e = parseError("checkpoint_timeout", "10s");
        assertEquals("10 s is outside the valid range for parameter \"checkpoint_timeout\" (30 .. 86400)",
                e.getMessage());
    }

    @Test
    void reals() {
        assertEquals(1.5, parse("random_page_cost", "1.5"));
        assertEquals(0.005, parse("cpu_tuple_cost", "5e-3"));
        PgException e = parseError("random_page_cost", "-1");
        assertEquals("-1 is outside the valid range for parameter \"random_page_cost\" (0 .. 1.79769e+308)",
                e.getMessage());
        e = parseError("bgwriter_lru_multiplier", "10.5");
        assertEquals("10.5 is outside the valid range for parameter \"bgwriter_lru_multiplier\" (0 .. 10)",
                e.getMessage());
        assertEquals("invalid value for parameter \"random_page_cost\": \"nan\"",
                parseError("random_page_cost", "nan").getMessage());
    }

    @Test
    void enumsAreCaseInsensitiveAndListVisibleValuesInTheHint() {
        GucDefinition def = GucTables.find("synchronous_commit");
        assertEquals("remote_write", def.enumName((Integer) parse("synchronous_commit", "REMOTE_WRITE")));
        assertEquals("on", def.enumName((Integer) parse("synchronous_commit", "true")));
        PgException e = parseError("synchronous_commit", "bogus");
        assertEquals("invalid value for parameter \"synchronous_commit\": \"bogus\"", e.getMessage());
        assertEquals("Available values: local, remote_write, remote_apply, on, off.", e.hint());
        assertEquals("Available values: debug5, debug4, debug3, debug2, debug1, log, notice, warning, error.",
                parseError("client_min_messages", "loud").hint());
    }

    @Test
    void enumSynonymsDisplayTheirFirstSpelling() {
        settings.setFromSql("client_min_messages", "debug", false, false);
        assertEquals("debug2", settings.show("client_min_messages"));
    }
}
