package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;

import java.util.Map;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.tusk.access.common.DatumType;

/** How a user base type's columns are stored, decided from its pg_type row and its input function's pg_proc row. */
class BaseTypeStorageTest {
    private static final int IN = 20001, OUT = 20002, SQL_IN = 20003;

    private static Object[] proc(int lang, String prosrc) {
        Object[] r = PG_PROC.newRow();
        PG_PROC.set(r, "prolang", lang);
        PG_PROC.set(r, "prosrc", prosrc);
        return r;
    }

    private static IntFunction<Object[]> procs(String in, String out) {
        Map<Integer, Object[]> m = Map.of(IN, proc(InternalFunctions.INTERNAL_LANGUAGE_ID, in),
                OUT, proc(InternalFunctions.INTERNAL_LANGUAGE_ID, out), SQL_IN, proc(14, "select 1"));
        return m::get;
    }

    private static Object[] type(int len, boolean byval, char align, char storage, int input) {
        PgTypeRows.TypeRow t = new PgTypeRows.TypeRow(30000, "myint", len, byval, 'b', 'U', false, 0, 0, 0, 30001,
                input, OUT, 0, 0, 0, 0, 0, align, storage, 0);
        return PgTypeRows.toRow(t, 2200, 10);
    }

    @Test
    void likeInt4OverInt4inIsStoredAsInt4() {
        assertEquals(DatumType.INT4, BaseTypeStorage.storedAs(type(4, true, 'i', 'p', IN), procs("int4in", "int4out")));
    }

    @Test
    void ownAlignmentDoesNotChangeTheKind() {
        // LIKE = float8 over int8in (float8.sql's xfloat8): 8 bytes by value, double-aligned
        assertEquals(DatumType.INT8, BaseTypeStorage.storedAs(type(8, true, 'd', 'p', IN), procs("int8in", "int8out")));
        // a varlena over textin with ALIGNMENT = double and STORAGE = extended
        assertEquals(DatumType.TEXT, BaseTypeStorage.storedAs(type(-1, false, 'd', 'x', IN), procs("textin", "textout")));
    }

    @Test
    void aLayoutThatIsNotTheRepresentationsIsRefused() {
        // int4in's Datum under INTERNALLENGTH = 8: PostgreSQL would widen it; Tusk does not store it
        assertNull(BaseTypeStorage.storedAs(type(8, true, 'd', 'p', IN), procs("int4in", "int4out")));
        // by reference with a fixed length over a by-value representation
        assertNull(BaseTypeStorage.storedAs(type(4, false, 'i', 'p', IN), procs("int4in", "int4out")));
    }

    @Test
    void anInputFunctionThatIsNotInternalTypeIoHasNoStorage() {
        assertNull(BaseTypeStorage.storedAs(type(4, true, 'i', 'p', SQL_IN), procs("int4in", "int4out")));
        assertNull(BaseTypeStorage.storedAs(type(4, true, 'i', 'p', IN), procs("int4out", "int4in")));
    }

    @Test
    void onlyBaseTypesAreAnswered() {
        Object[] shell = type(4, true, 'i', 'p', IN);
        SystemCatalogs.PG_TYPE.set(shell, "typtype", "p");
        assertNull(BaseTypeStorage.storedAs(shell, procs("int4in", "int4out")));
        Object[] array = type(-1, false, 'i', 'x', IN);
        SystemCatalogs.PG_TYPE.set(array, "typcategory", "A");
        assertNull(BaseTypeStorage.storedAs(array, procs("textin", "textout")));
        assertNull(BaseTypeStorage.storedAs(null, procs("int4in", "int4out")));
    }
}
