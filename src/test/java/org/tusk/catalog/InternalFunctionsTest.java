package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.*;

import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The built-ins a LANGUAGE internal function can name, and the type I/O functions among them. */
class InternalFunctionsTest {
    @Test
    void typeIoFunctionsAreBuiltins() {
        PgProc in = InternalFunctions.lookup("int8in");
        assertNotNull(in);
        assertEquals(List.of(InternalFunctions.CSTRING), in.argTypes());
        assertEquals(TypeOids.INT8, in.resultType());
        assertEquals(TypeOids.INT8, InternalFunctions.io("int8in").representation());
        assertTrue(InternalFunctions.io("int8in").input());
        assertFalse(InternalFunctions.io("float8out").input());
        assertNull(InternalFunctions.io("upper"));
        assertNull(InternalFunctions.lookup("no_such_function"));
        assertEquals("cstring", BuiltinCatalog.type(InternalFunctions.CSTRING).typname());
    }

    @Test
    void ioFunctionsConvertThroughTheType() {
        FunctionCallContext ctx = new FunctionCallContext() {
            @Override public org.tusk.utils.misc.SessionServices session() { return null; }
            @Override public java.time.ZoneId timeZone() { return ZoneOffset.UTC; }
        };
        assertEquals(42L, InternalFunctions.lookup("int8in").impl().invoke(ctx, new Object[] {"42"}));
        assertEquals("-7", InternalFunctions.lookup("int4out").impl().invoke(ctx, new Object[] {-7}));
        // hashint4 is the low half of hashint4extended with seed 0
        assertEquals((int) org.tusk.utils.adt.HashFuncs.hashInt4Extended(5, 0),
                InternalFunctions.lookup("hashint4").impl().invoke(ctx, new Object[] {5}));
    }
}
