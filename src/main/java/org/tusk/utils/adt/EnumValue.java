package org.tusk.utils.adt;

/**
 * A value of an enum type: the OID of its pg_enum row, exactly what PostgreSQL stores (4 bytes,
 * by value). The label and the sort position are not part of the value; they are looked up in
 * the backend's enum cache ({@link Enums}) when the value is printed or compared, as enum_out and
 * enum_cmp do through the syscache and typcache.
 *
 * <p>Ordering is enum_cmp_internal's: two even OIDs compare as OIDs (CREATE TYPE and ADD VALUE
 * give even OIDs only in sort order), otherwise by pg_enum.enumsortorder. Equality is OID
 * equality, so hashing and grouping need no lookup.
 */
public record EnumValue(int oid) implements Comparable<EnumValue> {
    @Override
    public int compareTo(EnumValue o) {
        if (oid == o.oid) return 0;
        if ((oid & 1) == 0 && (o.oid & 1) == 0) return Integer.compareUnsigned(oid, o.oid);
        return Float.compare(Enums.member(oid).sortOrder(), Enums.member(o.oid).sortOrder());
    }

    /** enum_out without settings: the label (needs the enum cache). */
    @Override
    public String toString() {
        return Enums.member(oid).label();
    }
}
