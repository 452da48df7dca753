package org.tusk.access.gin;

/**
 * The built-in GIN operator classes by pg_opclass OID (PostgreSQL 15 initdb's assignments):
 * array_ops (10064, family 2745), jsonb_ops (10090, family 4036) and jsonb_path_ops (10091,
 * family 4037). The support functions are stateless, so one instance of each serves everyone.
 */
public final class GinOpclasses {
    private GinOpclasses() {}

    public static final int ARRAY_OPS = 10064, JSONB_OPS = 10090, JSONB_PATH_OPS = 10091;
    public static final int ARRAY_OPS_FAMILY = 2745, JSONB_OPS_FAMILY = 4036, JSONB_PATH_OPS_FAMILY = 4037;

    private static final GinOpclass ARRAY = new GinArrayProc(), JSONB = new GinJsonbOps(), JSONB_PATH = new JsonbPathHash();

    /** The class of a pg_opclass OID; throws for one that is not a GIN class Tusk has. */
    static GinOpclass forOid(int oid) {
        return switch (oid) {
            case ARRAY_OPS -> ARRAY;
            case JSONB_OPS -> JSONB;
            case JSONB_PATH_OPS -> JSONB_PATH;
            default -> throw new IllegalArgumentException("not a GIN operator class: " + Integer.toUnsignedString(oid));
        };
    }
}
