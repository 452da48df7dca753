package org.tusk.access.gist;

/**
 * The built-in GiST operator classes by pg_opclass OID (PostgreSQL 15's, as initdb assigns
 * them): box_ops 10060, point_ops 10061, poly_ops 10062, circle_ops 10063, range_ops 10078.
 */
public final class GistOpclasses {
    private GistOpclasses() {}

    public static final int BOX_OPS = 10060, POINT_OPS = 10061, POLY_OPS = 10062, CIRCLE_OPS = 10063, RANGE_OPS = 10078;

    /** The implementation of operator class {@code opclass}, or null if Tusk has none. */
    static GistOpclass of(int opclass) {
        return switch (opclass) {
            case BOX_OPS -> GistBoxOps.BOX;
            case POINT_OPS -> GistPointOps.INSTANCE;
            case POLY_OPS -> GistBoxOps.POLY;
            case CIRCLE_OPS -> GistBoxOps.CIRCLE;
            case RANGE_OPS -> GistRangeOps.INSTANCE;
            default -> null;
        };
    }

    /** Whether Tusk's GiST implements operator class {@code opclass}. */
    public static boolean known(int opclass) {
        return of(opclass) != null;
    }

    /** amcanreturn for one column: whether its class has a fetch function. */
    public static boolean canFetch(int opclass) {
        GistOpclass c = of(opclass);
        return c != null && c.canFetch();
    }
}
