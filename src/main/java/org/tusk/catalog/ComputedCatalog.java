package org.tusk.catalog;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A system catalog whose rows Tusk computes at each scan instead of storing them in a heap:
 * the catalogs of built-in objects that live in code (pg_cast, pg_operator, pg_opclass, ...), and
 * the catalogs of features Tusk does not have, which are always empty. It has PostgreSQL 15's
 * columns in PostgreSQL's order and PostgreSQL's pg_class OID ({@code relationOid}), which its
 * {@code tableoid} system column yields and which {@code 'name'::regclass} resolves to, so clients
 * such as pg_dump that identify catalog rows by (tableoid, oid) see what PostgreSQL shows.
 *
 * @param name        the catalog's name in pg_catalog
 * @param relationOid its pg_class OID in PostgreSQL (e.g. pg_cast 2605)
 * @param columns     its columns
 * @param rows        computes the rows of one scan (values in the form {@link ScannableRelation} describes)
 */
public record ComputedCatalog(String name, int relationOid, List<ColumnDef> columns, Supplier<List<Object[]>> rows)
        implements ScannableRelation {

    /** A catalog of a feature Tusk lacks: no rows, ever. */
    static ComputedCatalog empty(String name, int relationOid, List<ColumnDef> columns) {
        return new ComputedCatalog(name, relationOid, columns, List::of);
    }

    @Override
    public Iterator<Object[]> scan() {
        return rows.get().iterator();
    }
}
