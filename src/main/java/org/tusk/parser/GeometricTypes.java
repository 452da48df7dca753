package org.tusk.parser;

import static org.tusk.catalog.TypeOids.*;

/**
 * Whether a type is one of the geometric types (typcategory 'G'): they have operators named
 * &lt; and = (comparing areas or lengths) but no btree or hash operator class, so parse analysis
 * must not take those operators for sorting or grouping (PostgreSQL looks the ordering and
 * equality operators up through the default btree/hash opclass, which these types lack).
 */
final class GeometricTypes {
    private GeometricTypes() {}

    static boolean is(int type) {
        return type == POINT || type == LSEG || type == PATH || type == BOX || type == POLYGON || type == LINE
                || type == CIRCLE;
    }
}
