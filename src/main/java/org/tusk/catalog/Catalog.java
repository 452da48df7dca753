package org.tusk.catalog;

import org.tusk.utils.cache.Relation;

import java.util.List;

/**
 * The system catalogs as the rest of a backend sees them: relations by name or OID (through the
 * relcache, which shared invalidation keeps coherent across processes) and the DDL that changes
 * them (PostgreSQL's heap.c heap_create_with_catalog, index.c index_create, dependency.c
 * performDeletion). All of it runs in the backend's current transaction: a created relation is
 * seen by other sessions once that commits, and its files are removed if it aborts.
 */
public interface Catalog {
    /** RangeVarGetRelid + relation_open: a table, index or view by name, through search_path when no schema is given; null if none. */
    Relation openRelation(String schemaOrNull, String name);

    /** relation_open by OID; null if there is no such relation (any more). */
    Relation openRelation(int oid);

    /** RelationGetIndexList: the indexes of {@code heap}, opened. */
    List<Relation> indexesOf(Relation heap);

    /** The column defaults of {@code heap}: element i is the SQL text of attribute i+1's default, or null. */
    List<String> columnDefaults(Relation heap);

    /**
     * DefineRelation / heap_create_with_catalog: creates a table. Errors as PostgreSQL's: 42P07
     * if the name is taken (unless {@code ifNotExists}, which returns the existing OID with a
     * NOTICE), 42701 for a duplicate column, 42704 for an unknown type, 3F000 for an unknown schema.
     *
     * @param persistence 'p' or 't' (temporary)
     * @return the new table's OID
     */
    int createTable(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence, boolean ifNotExists);

    /**
     * index_create: creates and builds a B-tree index on {@code heap}'s 1-based columns
     * {@code attnums}. A null name is chosen as PostgreSQL's ChooseRelationName would
     * ({@code <table>_pkey}, {@code <table>_<col>_key}, {@code <table>_<col>_idx}).
     * @return the new index's OID
     */
    int createIndex(String nameOrNull, Relation heap, int[] attnums, boolean unique, boolean primary,
                    boolean ifNotExists);

    /** RemoveRelations: drops a table (with its indexes) or an index; the files go at commit. */
    void dropRelation(Relation rel);

    /**
     * ExecGrant_Relation's catalog update: sets pg_class.relacl of {@code rel} to {@code acl}
     * ((grantee, grantor, privs) triples, see {@link Acl}) and invalidates its relcache entry.
     */
    void setRelationAcl(Relation rel, int[] acl);

    /**
     * checkSharedDependencies for this database: the objects here that role {@code roleOid} owns
     * or holds privileges on, described as PostgreSQL does ("owner of table t", "privileges for
     * table t", "owner of schema s"), in pg_class/pg_namespace order.
     */
    List<String> roleDependencies(int roleOid);

    /**
     * One column of a CREATE TABLE.
     *
     * @param typmod     -1, or the type modifier (varchar(n) is n+4, as PostgreSQL stores it)
     * @param defaultSql the DEFAULT expression's SQL text, or null
     */
    record ColumnSpec(String name, int typeOid, int typmod, boolean notNull, String defaultSql) {}
}
