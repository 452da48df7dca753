package org.tusk.catalog;

import org.tusk.access.common.DatumType;

/**
 * One column of a system catalog as its catalog/pg_*.h header declares it: name, stored type
 * and whether it is NOT NULL (genbki marks the fixed-width leading columns and those declared
 * BKI_FORCE_NOT_NULL so).
 */
public record CatalogColumn(String name, DatumType type, boolean notNull) {
    static CatalogColumn nn(String name, DatumType type) {
        return new CatalogColumn(name, type, true);
    }

    static CatalogColumn nullable(String name, DatumType type) {
        return new CatalogColumn(name, type, false);
    }
}
