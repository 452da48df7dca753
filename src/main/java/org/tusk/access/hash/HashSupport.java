package org.tusk.access.hash;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;

import org.tusk.catalog.HashOpclassCatalog;
import org.tusk.utils.adt.DateTimes;
import org.tusk.utils.adt.HashFuncs;
import org.tusk.utils.adt.Interval;

/**
 * The hash support function (HASHSTANDARD_PROC, pg_amproc procnum 1) of each hash operator
 * family Tusk has, as _hash_datum2hashkey calls it: hashint2/hashint4/hashint8 for integer_ops,
 * hashtext/hashname for text_ops, hashfloat4/hashfloat8 for float_ops, and so on, bit for bit
 * as PostgreSQL computes them ({@link HashFuncs}). A family's functions hash equal values of its
 * different types alike (an int2 and an int8 of the same value, a float4 and a float8), which is
 * what lets a cross-type {@code =} use the index: the value is hashed whichever member type it
 * has. One instance per index key column; immutable.
 */
final class HashSupport {
    private final int family;

    private HashSupport(int family) {
        this.family = family;
    }

    /** The support function of operator class {@code opclass}; an error for a class Tusk has none for. */
    static HashSupport of(int opclass) {
        int family = HashOpclassCatalog.familyOf(opclass);
        if (family == 0) throw new IllegalStateException("no hash support function for operator class " + opclass);
        return new HashSupport(family);
    }

    /** _hash_datum2hashkey: the uint32 hash code of non-null {@code v} (as Java's int holding its bits). */
    int hash(Object v) {
        return switch (family) {
            case 1977 -> HashFuncs.hashInt8(((Number) v).longValue());                      // integer_ops
            case 1990 -> HashFuncs.hashUint32(((Number) v).intValue());                     // oid_ops: hashoid
            case 1995, 2229 -> HashFuncs.hashText((String) v);                              // hashtext, hashname
            case 427, 2231 -> HashFuncs.hashBpchar((String) v);                             // hashbpchar
            case 431 -> HashFuncs.hashChar(charByte((String) v));                           // hashchar
            case 1971 -> HashFuncs.hashFloat8(((Number) v).doubleValue());                  // hashfloat4/8
            case 435 -> HashFuncs.hashUint32(DateTimes.dateToDatum((LocalDate) v));          // date: hashint4
            case 2040 -> HashFuncs.hashInt8(DateTimes.timestampToDatum((LocalDateTime) v)); // timestamp_hash
            case 1999 -> HashFuncs.hashInt8(DateTimes.timestamptzToDatum((Instant) v));     // timestamp_hash
            case 1997 -> HashFuncs.hashInt8(((LocalTime) v).toNanoOfDay() / 1000);          // time_hash
            case 1983 -> HashFuncs.intervalHash((Interval) v);                              // interval_hash
            case 2222 -> HashFuncs.hashChar((byte) ((Boolean) v ? 1 : 0));                  // bool: hashchar
            case 2223 -> HashFuncs.hashBytes((byte[]) v);                                   // hashvarlena
            case 2969 -> HashFuncs.uuidHash((UUID) v);                                      // uuid_hash
            case 3523 -> HashFuncs.hashUint32(((org.tusk.utils.adt.EnumValue) v).oid());   // hashenum: the label's OID
            default -> throw new IllegalStateException("no hash support function for operator family " + family);
        };
    }

    /** A "char" value's byte (the empty string is the zero byte). */
    private static byte charByte(String s) {
        return s.isEmpty() ? 0 : (byte) s.charAt(0);
    }
}
