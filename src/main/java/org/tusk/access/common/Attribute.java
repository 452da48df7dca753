package org.tusk.access.common;

/**
 * One attribute of a {@link TupleDesc}: the part of pg_attribute that decides how a value is laid
 * out in a tuple. attlen, attbyval, attalign and attstorage are copied from the type, as
 * pg_attribute does; attstorage may differ from the type's (ALTER TABLE ... SET STORAGE), and
 * attalign from the {@link DatumType}'s when the column's type is a user base type that stores
 * a built-in's Datum with an ALIGNMENT of its own.
 *
 * @param attlen     bytes of a fixed-length value, or -1 for varlena
 * @param attalign   'c' (1), 's' (2), 'i' (4) or 'd' (8): alignment of the value's start
 * @param attstorage 'p' (plain: always a 4-byte varlena header), 'e', 'm' or 'x' (may be packed
 *                   into a 1-byte header)
 * @param attnotnull the column has a NOT NULL constraint; checked by the executor, not here
 * @param attisdropped the column was dropped (ALTER TABLE DROP COLUMN): its place in stored tuples
 *                   stays, laid out by attlen/attalign as before, but its values are never read
 *                   (they deform as NULL) and new tuples store NULL there. {@code type} is then
 *                   only a type with that layout, since pg_attribute.atttypid is 0.
 */
public record Attribute(String name, DatumType type, int attlen, boolean attbyval, char attalign, char attstorage,
                        boolean attnotnull, boolean attisdropped) {
    public Attribute(String name, DatumType type, int attlen, boolean attbyval, char attalign, char attstorage,
                     boolean attnotnull) {
        this(name, type, attlen, attbyval, attalign, attstorage, attnotnull, false);
    }

    public Attribute {
        // attalign may be stronger or weaker than the Java kind's: a user base type stores its
        // representation's Datum with its own ALIGNMENT, and the tuple code aligns by attalign
        if (attlen != type.typlen() || attbyval != type.typbyval()) {
            throw new IllegalArgumentException("attribute " + name + " does not match its type " + type);
        }
        if ("csid".indexOf(attalign) < 0) throw new IllegalArgumentException("invalid attalign '" + attalign + "'");
        if ("pemx".indexOf(attstorage) < 0) throw new IllegalArgumentException("invalid attstorage '" + attstorage + "'");
    }

    /** A nullable attribute with its type's layout. */
    public static Attribute of(String name, DatumType type) {
        return new Attribute(name, type, type.typlen(), type.typbyval(), type.typalign(), type.typstorage(), false);
    }

    public Attribute notNull() {
        return new Attribute(name, type, attlen, attbyval, attalign, attstorage, true, attisdropped);
    }

    public Attribute withStorage(char storage) {
        return new Attribute(name, type, attlen, attbyval, attalign, storage, attnotnull, attisdropped);
    }

    /** The alignment in bytes that attalign stands for. */
    public int alignment() {
        return switch (attalign) {
            case 'c' -> 1;
            case 's' -> 2;
            case 'i' -> 4;
            default -> 8;
        };
    }

    /** ATT_IS_PACKABLE: a varlena that may be stored with a 1-byte header. */
    public boolean isPackable() {
        return attlen == -1 && attstorage != 'p';
    }
}
