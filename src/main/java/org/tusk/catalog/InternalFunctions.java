package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.utils.adt.HashFuncs;

/**
 * The functions a {@code LANGUAGE internal} routine may name in its AS clause: PostgreSQL's
 * fmgr_builtins table, looked up by prosrc (fmgr_internal_validator, fmgr_isbuiltin). Every
 * built-in function callable by name is one (its name is its prosrc, as for most of pg_proc.dat);
 * in addition this class registers the type I/O functions {@code <type>in} / {@code <type>out}
 * of the types whose representation a user-defined base type can borrow, and the cstring
 * pseudo-type they take and return, so that {@code CREATE FUNCTION f(cstring) RETURNS t LANGUAGE
 * internal AS 'int8in'} binds to int8's input function.
 *
 * <p>An I/O function records which built-in type's representation it reads or writes
 * ({@link IoFunction#representation}): a base type made with it stores and passes its values in
 * that representation (a base type is its I/O functions plus length, byval and alignment, and
 * the I/O functions decide what the bits mean). Registered once at class initialisation and never
 * changed, so no lock.
 */
public final class InternalFunctions {
    private InternalFunctions() {}

    /** CSTRINGOID. */
    public static final int CSTRING = 2275;
    /** INTERNALlanguageId: pg_language's row for built-in functions. */
    public static final int INTERNAL_LANGUAGE_ID = 12;

    /** A type input ({@code input} true, cstring to the type) or output function of built-in type {@code representation}. */
    public record IoFunction(String name, boolean input, int representation) {}

    private static final Map<String, IoFunction> IO = new HashMap<>();

    /** pg_proc.dat's names of the I/O functions of the types registered here (typinput, typoutput). */
    private static final Object[][] IO_NAMES = {
            {INT2, "int2in", "int2out"}, {INT4, "int4in", "int4out"}, {INT8, "int8in", "int8out"},
            {FLOAT4, "float4in", "float4out"}, {FLOAT8, "float8in", "float8out"}, {BOOL, "boolin", "boolout"},
            {TEXT, "textin", "textout"}, {OID, "oidin", "oidout"}, {CHAR, "charin", "charout"},
            {NAME, "namein", "nameout"}, {BYTEA, "byteain", "byteaout"}, {NUMERIC, "numeric_in", "numeric_out"},
    };

    static {
        for (Object[] e : IO_NAMES) {
            int t = (Integer) e[0];
            IO.put((String) e[1], new IoFunction((String) e[1], true, t));
            IO.put((String) e[2], new IoFunction((String) e[2], false, t));
        }
    }

    static void register(BuiltinRegistry r) {
        // cstring (pg_type.dat: pseudo-type, typlen -2): a C string, here a Java String
        r.type(new PgType(CSTRING, "cstring", "cstring", -2, false, PgType.CAT_PSEUDO, false, (s, z) -> s,
                (v, z) -> (String) v));
        for (IoFunction f : IO.values()) {
            int t = f.representation();
            if (f.input()) {
                r.fn(f.name(), List.of(CSTRING), t, (c, a) -> BuiltinCatalog.type(t).input().in((String) a[0], c.inputSettings()));
            } else {
                r.fn(f.name(), List.of(t), CSTRING, (c, a) -> BuiltinCatalog.type(t).output().out(a[0], c.outputSettings()));
            }
        }
        // hashint4, hashint8, hashtext (hashfunc.c): the low 32 bits of the extended hash with seed 0
        r.fn("hashint4", List.of(INT4), INT4, (c, a) -> (int) HashFuncs.hashInt4Extended((Integer) a[0], 0));
        r.fn("hashint8", List.of(INT8), INT4, (c, a) -> (int) HashFuncs.hashInt8Extended((Long) a[0], 0));
        r.fn("hashtext", List.of(TEXT), INT4, (c, a) -> (int) HashFuncs.hashTextExtended((String) a[0], 0));
        // hashbpchar (bpchar_ops' hash support): trailing blanks do not count
        r.fn("hashbpchar", List.of(BPCHAR), INT4, (c, a) -> (int) HashFuncs.hashBpcharExtended((String) a[0], 0));
        // the other hash support functions of the built-in hash operator classes (hashfunc.c,
        // float.c, uuid.c, timestamp.c, date.c), bit for bit as PostgreSQL computes them
        r.fn("hashint2", List.of(INT2), INT4, (c, a) -> HashFuncs.hashUint32(((Number) a[0]).intValue()));
        r.fn("hashoid", List.of(OID), INT4, (c, a) -> HashFuncs.hashUint32(((Number) a[0]).intValue()));
        r.fn("hashfloat4", List.of(FLOAT4), INT4, (c, a) -> HashFuncs.hashFloat4((Float) a[0]));
        r.fn("hashfloat8", List.of(FLOAT8), INT4, (c, a) -> HashFuncs.hashFloat8((Double) a[0]));
        r.fn("hashname", List.of(NAME), INT4, (c, a) -> HashFuncs.hashText((String) a[0]));
        r.fn("hashchar", List.of(CHAR), INT4, (c, a) -> HashFuncs.hashChar(((String) a[0]).isEmpty() ? 0 : (byte) ((String) a[0]).charAt(0)));
        r.fn("uuid_hash", List.of(UUID), INT4, (c, a) -> HashFuncs.uuidHash((java.util.UUID) a[0]));
        r.fn("timestamp_hash", List.of(TIMESTAMP), INT4,
                (c, a) -> HashFuncs.hashInt8(org.tusk.utils.adt.DateTimes.timestampToDatum((java.time.LocalDateTime) a[0])));
        r.fn("time_hash", List.of(TIME), INT4, (c, a) -> HashFuncs.hashInt8(((java.time.LocalTime) a[0]).toNanoOfDay() / 1000));
    }

    /** The I/O function named {@code prosrc}, or null if {@code prosrc} is not a type input/output function. */
    public static IoFunction io(String prosrc) {
        return IO.get(prosrc);
    }

    /**
     * fmgr_isbuiltin by name: the built-in function {@code prosrc} names, or null (the caller
     * reports "there is no built-in function named ..."). Of several overloads of one name the first
     * registered stands for it, as one C function serves them in PostgreSQL.
     */
    public static PgProc lookup(String prosrc) {
        List<PgProc> l = BuiltinCatalog.functions(prosrc);
        return l.isEmpty() ? null : l.get(0);
    }
}
