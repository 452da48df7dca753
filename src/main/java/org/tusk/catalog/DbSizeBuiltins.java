package org.tusk.catalog;

import org.tusk.access.common.DatumType;
import org.tusk.access.heap.DetoastedOrigins;
import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.DbSize;
import org.tusk.utils.adt.RegTypes;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.util.List;

import static org.tusk.catalog.TypeOids.*;

/**
 * dbsize.c's relation sizes and pg_column_size, which need the session's catalog or the heap's
 * TOAST knowledge: pg_relation_size(regclass[, fork]), pg_table_size (every fork of the table and
 * of its TOAST relation and TOAST index), pg_indexes_size, pg_total_relation_size (the two
 * together), pg_size_pretty(bigint) and pg_column_size("any") (toast_datum_size for a value read
 * toasted, else the size the value takes stored). A relation that does not exist (any more) gives
 * NULL, as try_relation_open makes PostgreSQL's do.
 */
final class DbSizeBuiltins {
    /** MAX_FORKNUM + 1. */
    private static final int FORKS = 4;

    private DbSizeBuiltins() {}

    static void register(BuiltinRegistry r) {
        Volatility V = Volatility.VOLATILE;
        r.fn("pg_size_pretty", List.of(INT8), TEXT, Volatility.IMMUTABLE, true, (c, a) -> DbSize.sizePretty((Long) a[0]));
        r.fn("pg_relation_size", List.of(RegTypes.REGCLASS), INT8, V, true,
                (c, a) -> size(c, a[0], (cat, rel) -> cat.relationForkSize(rel, 0)));
        r.fn("pg_relation_size", List.of(RegTypes.REGCLASS, TEXT), INT8, V, true, (c, a) -> {
            int fork = DbSize.forkNumber((String) a[1]);
            return size(c, a[0], (cat, rel) -> cat.relationForkSize(rel, fork));
        });
        r.fn("pg_table_size", List.of(RegTypes.REGCLASS), INT8, V, true, (c, a) -> size(c, a[0], DbSizeBuiltins::tableSize));
        r.fn("pg_indexes_size", List.of(RegTypes.REGCLASS), INT8, V, true, (c, a) -> size(c, a[0], DbSizeBuiltins::indexesSize));
        r.fn("pg_total_relation_size", List.of(RegTypes.REGCLASS), INT8, V, true,
                (c, a) -> size(c, a[0], (cat, rel) -> tableSize(cat, rel) + indexesSize(cat, rel)));
        r.fn("pg_relation_filenode", List.of(RegTypes.REGCLASS), OID, Volatility.STABLE, true,
                (c, a) -> relationFilenode(c, ((Number) a[0]).intValue()));
        r.fn("pg_relation_filepath", List.of(RegTypes.REGCLASS), TEXT, Volatility.STABLE, true,
                (c, a) -> relationFilepath(c, ((Number) a[0]).intValue()));
        r.fn("pg_filenode_relation", List.of(OID, OID), RegTypes.REGCLASS, Volatility.STABLE, true,
                (c, a) -> filenodeRelation(((Number) a[0]).intValue(), ((Number) a[1]).intValue()));
        PolymorphicFunction columnSize = (argTypes, result) -> (c, a) -> a[0] == null ? null : columnSize(argTypes.get(0), a[0]);
        r.fn("pg_column_size", List.of(ANY), INT4, Volatility.STABLE, true, columnSize);
    }

    private interface Sizer {
        long size(Catalog catalog, Relation rel);
    }

    private static Object size(FunctionCallContext c, Object regclass, Sizer sizer) {
        Catalog cat = c.catalog();
        if (cat == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "relation sizes cannot be read here");
        Relation rel = cat.openRelation(((Number) regclass).intValue());
        return rel == null ? null : sizer.size(cat, rel);
    }

    /** calculate_relation_size over every fork. */
    private static long allForks(Catalog cat, Relation rel) {
        long size = 0;
        for (int fork = 0; fork < FORKS; fork++) size += cat.relationForkSize(rel, fork);
        return size;
    }

    /** calculate_table_size: the relation's forks, then its TOAST relation's and that one's indexes' (calculate_toast_table_size). */
    private static long tableSize(Catalog cat, Relation rel) {
        long size = allForks(cat, rel);
        if (rel.toastRelid() != 0) {
            Relation toast = cat.openRelation(rel.toastRelid());
            if (toast != null) {
                size += allForks(cat, toast);
                for (Relation ix : cat.indexesOf(toast)) size += allForks(cat, ix);
            }
        }
        return size;
    }

    /** calculate_indexes_size. */
    private static long indexesSize(Catalog cat, Relation rel) {
        long size = 0;
        for (Relation ix : cat.indexesOf(rel)) size += allForks(cat, ix);
        return size;
    }

    /**
     * pg_column_size: typlen for a fixed-length type; for a varlena read toasted from a table,
     * toast_datum_size (the external size of an out-of-line value, VARSIZE of a compressed one);
     * otherwise the size of the value as a Datum (datumGetSize: a 4-byte varlena header). A short
     * value read plain from a table has a 1-byte header on disk, which Tusk's values do not
     * remember: for those the answer is 3 bytes more than PostgreSQL's.
     */
    private static Integer columnSize(int typeOid, Object value) {
        int stored = DetoastedOrigins.storedSize(value);
        if (stored >= 0) return stored;
        int base = TypeCache.baseType(typeOid);
        DatumType t = storedType(base);
        if (t == null) {
            PgType pt = BuiltinCatalog.type(base);
            if (pt != null && pt.typlen() > 0) return pt.typlen();
        }
        if (t == null || !t.accepts(value)) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "pg_column_size of type "
                    + BuiltinCatalog.formatType(typeOid) + " is not supported yet");
        }
        return t.datumSize(value);
    }

    /** How a value of {@code base} is stored: a built-in's own kind, or a user composite, composite array or enum by its kind. */
    private static DatumType storedType(int base) {
        DatumType d = DatumType.forOid(base);
        if (d != null) return d;
        if (TypeCache.lookupComposite(base) != null) return DatumType.COMPOSITE;
        TypeCache tc = TypeCache.current();
        if (tc != null && tc.isCompositeArray(base)) return DatumType.COMPOSITE_ARRAY;
        if (tc != null && tc.domainArrayStorage(base) != null) return tc.domainArrayStorage(base);
        if (tc != null && tc.isEnum(base)) return DatumType.ENUM;
        if (tc != null && tc.baseTypeStorage(base) != null) return tc.baseTypeStorage(base);
        return null;
    }
    /**
     * pg_relation_filenode: the relation's file number, NULL for a relation without storage
     * (a view, a partitioned table or index, a foreign table, a composite type) or one that does
     * not exist.
     */
    private static Object relationFilenode(FunctionCallContext c, int relid) {
        Catalog cat = c.catalog();
        if (cat == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "relation file nodes cannot be read here");
        Relation rel = cat.openRelation(relid);
        if (rel == null || rel.locator() == null) return null;
        return switch (rel.relkind()) {
            case 'v', 'p', 'I', 'f', 'c' -> null;
            default -> rel.locator().relNumber();
        };
    }

    /**
     * pg_relation_filepath: the path of the relation's main fork relative to the data directory
     * (relpathbackend), NULL where {@link #relationFilenode} is NULL.
     */
    private static Object relationFilepath(FunctionCallContext c, int relid) {
        if (relationFilenode(c, relid) == null) return null;
        Relation rel = c.catalog().openRelation(relid);
        return org.tusk.storage.smgr.RelPath.of(rel.locator(), org.tusk.storage.smgr.ForkNumber.MAIN);
    }

    /**
     * pg_filenode_relation (RelidByRelfilenode): the relation stored in file {@code filenode} of
     * tablespace {@code tablespace} (0 or the database's default tablespace meaning the default);
     * NULL for file number 0 and for temporary relations, whose files are the session's own.
     */
    private static Object filenodeRelation(int tablespace, int filenode) {
        if (filenode == 0) return null;
        int spc = tablespace == org.tusk.storage.smgr.RelFileLocator.DEFAULTTABLESPACE_OID ? 0 : tablespace;
        List<Object[]> rows = ObjectNames.current().rows(SystemCatalogs.PG_CLASS,
                v -> CatalogScan.oid(SystemCatalogs.PG_CLASS.get(v, "relfilenode")) == filenode
                        && CatalogScan.oid(SystemCatalogs.PG_CLASS.get(v, "reltablespace")) == spc
                        && !"t".equals(SystemCatalogs.PG_CLASS.get(v, "relpersistence")));
        return rows.isEmpty() ? null : CatalogScan.oid(SystemCatalogs.PG_CLASS.get(rows.get(0), "oid"));
    }
}
