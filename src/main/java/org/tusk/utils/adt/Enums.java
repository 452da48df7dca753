package org.tusk.utils.adt;

import java.util.List;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The enum support functions of PostgreSQL's utils/adt/enum.c: enum_in, enum_out, enum_first,
 * enum_last, enum_range and enum_cmp's lookups. The pg_enum rows come from the backend's enum
 * cache, a {@link Lookup} the session installs once ({@link #install}); a backend runs one
 * session at a time, so the cache is per process, as PostgreSQL's syscache is.
 */
public final class Enums {
    private Enums() {}

    /** One pg_enum row. */
    public record Member(int oid, int typeOid, float sortOrder, String label) {}

    /** What the catalog side provides: pg_enum rows by OID and by type. */
    public interface Lookup {
        /** The pg_enum row with this OID, or null. */
        Member member(int oid);

        /** The rows of enum type {@code typeOid}, in sort order (empty if it has none). */
        List<Member> members(int typeOid);

        /** format_type_be of the enum type, for messages. */
        String typeName(int typeOid);

        /**
         * pg_enum.c's uncommitted_enum_values: whether label {@code oid} was made by ALTER TYPE ...
         * ADD VALUE in the session's still-open transaction (only that transaction can see it).
         * Labels made by CREATE TYPE are never among them: they cannot outlive their type.
         */
        default boolean uncommitted(int oid) { return false; }
    }

    private static volatile Lookup lookup;

    /** Installs the backend's enum cache (at session start). */
    public static void install(Lookup l) {
        lookup = l;
    }

    private static Lookup lookup() {
        Lookup l = lookup;
        if (l == null) throw PgException.error(SqlState.INTERNAL_ERROR, "enum cache is not available in this process");
        return l;
    }

    /** The pg_enum row of an enum value; "invalid internal value for enum" as enum_out for a missing one. */
    public static Member member(int oid) {
        Member m = lookup().member(oid);
        if (m == null) {
            throw PgException.error("22P03" /* invalid_binary_representation */,
                    "invalid internal value for enum: " + Integer.toUnsignedString(oid));
        }
        return m;
    }

    /**
     * check_safe_enum_use: a label added in the still-open transaction ({@link Lookup#uncommitted})
     * may not be used, since an index could then hold a value whose pg_enum row a rollback removes (55P04).
     */
    private static void checkSafe(Member m) {
        if (!lookup().uncommitted(m.oid())) return;
        throw PgException.error("55P04" /* unsafe_new_enum_value_usage */,
                "unsafe use of new value \"" + m.label() + "\" of enum type " + lookup().typeName(m.typeOid()))
                .withHint("New enum values must be committed before they can be used.");
    }

    /** enum_in: 22P02 for a label the type does not have. */
    public static EnumValue in(int typeOid, String label) {
        for (Member m : lookup().members(typeOid)) {
            if (!m.label().equals(label)) continue;
            checkSafe(m);
            return new EnumValue(m.oid());
        }
        throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input value for enum " + lookup().typeName(typeOid) + ": \"" + label + "\"");
    }

    /** enum_out. */
    public static String out(EnumValue v) {
        return member(v.oid()).label();
    }

    /** enum_first: the first value of the type, or 55000 if the type has none. */
    public static EnumValue first(int typeOid) {
        List<Member> ms = lookup().members(typeOid);
        if (ms.isEmpty()) throw noValues(typeOid);
        checkSafe(ms.get(0));
        return new EnumValue(ms.get(0).oid());
    }

    /** enum_last. */
    public static EnumValue last(int typeOid) {
        List<Member> ms = lookup().members(typeOid);
        if (ms.isEmpty()) throw noValues(typeOid);
        checkSafe(ms.get(ms.size() - 1));
        return new EnumValue(ms.get(ms.size() - 1).oid());
    }

    /**
     * enum_range_internal: the values from {@code lower} to {@code upper} inclusive in sort order
     * (a null bound is open), as the elements of an array of the enum type.
     */
    public static EnumValue[] range(int typeOid, EnumValue lower, EnumValue upper) {
        List<Member> ms = lookup().members(typeOid);
        java.util.ArrayList<EnumValue> out = new java.util.ArrayList<>();
        boolean on = lower == null;
        for (Member m : ms) {
            if (!on && m.oid() == lower.oid()) on = true;
            if (on) {
                checkSafe(m);
                out.add(new EnumValue(m.oid()));
            }
            if (upper != null && m.oid() == upper.oid()) break;
        }
        return out.toArray(EnumValue[]::new);
    }

    private static PgException noValues(int typeOid) {
        return PgException.error("55000" /* object_not_in_prerequisite_state */,
                "enum " + lookup().typeName(typeOid) + " contains no values");
    }
}
