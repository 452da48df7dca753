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

    /**
     * The relation as the catalog describes it now, without taking a lock (a syscache lookup):
     * for checks made before locking, as RangeVarGetRelidExtended's callbacks make them. The
     * caller locks the relation before relying on it. Null if there is no such relation.
     */
    Relation relationNoLock(int oid);

    /** RelationGetIndexList: the indexes of {@code heap}, opened. */
    List<Relation> indexesOf(Relation heap);

    /**
     * The column defaults of {@code heap}: element i is the SQL text of attribute i+1's default, or
     * null (also for a generated column, whose pg_attrdef row is its generation expression).
     */
    List<String> columnDefaults(Relation heap);

    /**
     * The generation expressions of {@code heap}'s stored generated columns: element i is the SQL
     * text of attribute i+1's (pg_attrdef.adbin of a column with attgenerated 's'), or null.
     */
    default List<String> generationExpressions(Relation heap) {
        return java.util.Collections.nCopies(heap.desc().natts(), null);
    }

    /**
     * DefineRelation / heap_create_with_catalog: creates a table. Errors as PostgreSQL's: 42P07
     * if the name is taken (unless {@code ifNotExists}, which returns the existing OID with a
     * NOTICE), 42701 for a duplicate column, 42704 for an unknown type, 3F000 for an unknown schema.
     *
     * @param persistence 'p' or 't' (temporary)
     * @return the new table's OID
     */
    int createTable(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence, boolean ifNotExists);

    /** The same with storage parameters, stored in pg_class.reloptions as "name=value" (already validated). */
    int createTable(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence, boolean ifNotExists,
                    List<String> reloptions);

    /**
     * RangeVarGetRelidExtended + relation_open with {@code lockMode} (RelationLocks' numbers):
     * the relation, locked, or null if there is none by that name.
     */
    Relation openRelation(String schemaOrNull, String name, int lockMode);

    /**
     * TRUNCATE's storage swap (RelationSetNewRelfilenumber): {@code heap} and its indexes get new
     * empty files, the old ones are removed at commit, the indexes are rebuilt empty. The caller
     * holds AccessExclusiveLock.
     */
    void truncateRelation(Relation heap);

    /**
     * VACUUM FULL's storage swap (make_new_heap and swap_relation_files, for the heap alone):
     * {@code heap} gets a new, empty file, the old one is removed at commit (the new one if the
     * transaction aborts); its indexes and TOAST relation keep theirs. The caller holds
     * AccessExclusiveLock, fills the new file from the old (reading the old through the
     * {@code heap} it holds) and rebuilds the indexes.
     */
    default void setNewHeapRelfilenode(Relation heap) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "VACUUM FULL needs the heap catalogs");
    }

    /**
     * reindex_index with skip_constraint_checks (reindex_relation without
     * REINDEX_REL_CHECK_CONSTRAINTS, as VACUUM FULL's finish_heap_swap calls it): as
     * {@link #reindexIndex}, but every row version of the just rewritten heap that some
     * transaction may still see gets an entry (recently dead ones too), a unique or exclusion index
     * is filled without checking its keys and, having skipped the check, keeps its validity; any
     * other index left invalid or not ready becomes valid and ready.
     */
    default void reindexIndexAfterRewrite(Relation heap, Relation index, org.tusk.access.index.IndexKeyFormer keys) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "REINDEX needs the heap catalogs");
    }

    /**
     * reindex_index: rebuilds {@code index} of {@code heap} into a new relfilenode (the old file
     * goes at commit), its entries formed by {@code keys}. The caller holds ShareLock on the heap
     * and AccessExclusiveLock on the index.
     */
    default void reindexIndex(Relation heap, Relation index, org.tusk.access.index.IndexKeyFormer keys) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "REINDEX needs the heap catalogs");
    }

    /**
     * CreateComments: the comment of object ({@code classoid}, {@code objoid}, {@code objsubid})
     * in pg_description; null or "" removes it. The caller has looked the object up and locked it.
     */
    default void setComment(int classoid, int objoid, int objsubid, String comment) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "COMMENT needs the heap catalogs");
    }

    /** ATExecSetRelOptions' catalog update: pg_class.reloptions of {@code rel} ("name=value", already validated; empty: null). */
    default void setRelOptions(Relation rel, List<String> reloptions) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "storage parameters need the heap catalogs");
    }

    /**
     * index_constraint_create for ALTER TABLE ADD ... USING INDEX: a PRIMARY KEY or UNIQUE
     * constraint named as {@code index} (already renamed by the caller) that uses it; a primary
     * key marks the index indisprimary and its columns NOT NULL (the caller has checked rows).
     */
    default void attachIndexConstraint(Relation heap, Relation index, boolean primary, boolean deferrable,
                                       boolean initdeferred) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "constraints need the heap catalogs");
    }

    /** ATExecSetStatistics' update: pg_attribute.attstattarget of column {@code attnum} (1-based). */
    default void setStatTarget(Relation rel, int attnum, int target) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "statistics targets need the heap catalogs");
    }

    /** pg_attribute.attstattarget of column {@code attnum} (1-based); -1 (the default) without heap catalogs. */
    default int statTarget(Relation rel, int attnum) { return -1; }

    /** pg_class.reloptions of {@code rel} as stored ("name=value"); empty if none. */
    default List<String> relOptions(Relation rel) { return List.of(); }

    /** GetComment: the comment of object ({@code classoid}, {@code objoid}, {@code objsubid}), or null. */
    default String comment(int classoid, int objoid, int objsubid) { return null; }

    /** pg_attribute.attcompression of column {@code attnum}: 'p', 'l', or '\0' for the default. */
    default char columnCompression(Relation heap, int attnum) { return '\0'; }

    /**
     * Whether {@code rel}'s current file was created by the current subtransaction (COPY FREEZE's
     * condition: rd_createSubid or rd_newRelfilenodeSubid is the current subtransaction).
     */
    boolean createdInCurrentSubTransaction(Relation rel);

    /** ALTER COLUMN SET / DROP NOT NULL (attnum 1-based; the caller has checked existing rows). */
    void setColumnNotNull(Relation heap, int attnum, boolean notNull);

    /**
     * ATExecDropExpression's catalog part: column {@code attnum} is no longer generated
     * (attgenerated ''), its pg_attrdef row goes, and so do its dependencies on the other
     * columns of its table.
     */
    default void dropColumnGeneration(Relation heap, int attnum) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "generated columns need the heap catalogs");
    }

    /** pg_attribute.attidentity of a column ('a' ALWAYS, 'd' BY DEFAULT, 0 none). */
    default void setColumnIdentity(Relation heap, int attnum, char identity) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "identity columns need the heap catalogs");
    }

    /**
     * ALTER COLUMN SET STORAGE / SET COMPRESSION: pg_attribute.attstorage and attcompression
     * (either may be null: unchanged; the caller has checked the values).
     */
    void setColumnStorage(Relation heap, int attnum, Character storage, Character compression);

    /** ALTER COLUMN SET DEFAULT ({@code defaultSql}) / DROP DEFAULT (null). */
    void setColumnDefault(Relation heap, int attnum, String defaultSql);

    /** ALTER TABLE ADD COLUMN's catalog rows; returns the new attribute number. */
    int addColumn(Relation heap, ColumnSpec column);

    /**
     * ATExecDropColumn's performDeletion: drops column {@code attnum} of {@code heap} (it stays
     * in pg_attribute as a dropped column) and, with {@code cascade}, the views that use it
     * (NOTICE "drop cascades to ..."); without, 2BP01 "cannot drop column c of table t because
     * other objects depend on it". Indexes and constraints on the column are the caller's.
     */
    default void dropColumn(Relation heap, int attnum, boolean cascade) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "DROP COLUMN needs the heap catalogs");
    }

    /**
     * find_expr_references_walker's column part for a view: its rule depends (NORMAL) on every
     * column it reads ({@code columns}: table OID to the attnums used), so that DROP COLUMN and
     * ALTER COLUMN TYPE find the view.
     */
    default void recordViewColumnDependencies(Relation view, java.util.Map<Integer, java.util.BitSet> columns) {}

    /** The view's rule depends (NORMAL) on each of {@code objects}: the functions, operators' functions and types its query uses. */
    default void recordViewObjectDependencies(Relation view, List<ObjectAddress> objects) {}

    /**
     * ALTER COLUMN TYPE's catalog change of one attribute of a table or index (see
     * RelationDdl.setColumnType); {@code opclass} is an index column's new operator class, or 0;
     * {@code collation} the attribute's new attcollation, 0 for the new type's.
     * The caller rewrites the data, if the new type needs it, and rebuilds the indexes.
     */
    default void setColumnType(Relation rel, int attnum, int typeOid, int typmod, int opclass, int collation) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "ALTER COLUMN TYPE needs the heap catalogs");
    }

    /**
     * index_create with INDEX_CREATE_CONCURRENT | INDEX_CREATE_SKIP_BUILD (DefineIndex's first
     * transaction): the catalog entry of an empty index that is neither ready nor valid. The
     * caller holds ShareUpdateExclusiveLock on {@code heap}. Returns the index's OID (or the
     * existing relation's with IF NOT EXISTS, after a NOTICE).
     */
    default int createIndexConcurrently(Relation heap, IndexSpec spec) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "CREATE INDEX CONCURRENTLY needs the heap catalogs");
    }

    /** index_concurrently_create_copy: an empty, not ready, not valid index defined as {@code oldIndex}. */
    default int createIndexConcurrentCopy(Relation heap, Relation oldIndex, String newName) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "REINDEX CONCURRENTLY needs the heap catalogs");
    }

    /** index_concurrently_build's index_build: fills the (empty, not yet ready) index from the table. */
    default void buildIndex(Relation heap, Relation index, org.tusk.access.index.IndexKeyFormer keys) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "building an index needs the heap catalogs");
    }

    /**
     * index_create's recordDependencyOnSingleRelExpr for one of index {@code indexOid}'s
     * expression lists (its key expressions, or its predicate): it depends AUTOmatically on each
     * column of table {@code heapOid} in {@code attnums} (0: a whole-row reference, the table).
     */
    default void recordIndexExpressionDependencies(int indexOid, int heapOid, java.util.Collection<Integer> attnums) {}

    /**
     * mark_index_clustered: pg_index.indisclustered true for {@code indexOid} and false for the
     * table's other indexes (all of them when {@code indexOid} is 0, SET WITHOUT CLUSTER).
     */
    default void markIndexClustered(Relation heap, int indexOid) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "marking an index clustered needs the heap catalogs");
    }

    /**
     * relation_mark_replica_identity: pg_class.relreplident becomes {@code identity}, and
     * pg_index.indisreplident is true for {@code indexOid} only (for none when it is 0).
     */
    default void markReplicaIdentity(Relation heap, char identity, int indexOid) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "setting a replica identity needs the heap catalogs");
    }

    /** index_set_state_flags: one step of an index's concurrent creation or removal, as a pg_index update. */
    default void setIndexStateFlags(int indexOid, IndexStateFlags action) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "index state changes need the heap catalogs");
    }

    /** validate_index: inserts what the concurrent build missed (see {@link ValidateIndex}). */
    default long validateIndex(Relation heap, Relation index, org.tusk.access.index.IndexKeyFormer keys,
                               org.tusk.utils.time.Snapshot snapshot) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "index validation needs the heap catalogs");
    }

    /**
     * index_concurrently_swap: {@code newIndex} takes {@code oldIndex}'s name, constraint,
     * primary-key and comment; the old index is renamed {@code oldNewName}.
     */
    default void swapIndexes(Relation oldIndex, Relation newIndex, String oldNewName) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "REINDEX CONCURRENTLY needs the heap catalogs");
    }

    /** ChooseRelationName(name1, name2, label, namespace): a relation name not yet taken in the namespace. */
    default String chooseRelationName(String name1, String name2, String label, int namespace) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "choosing names needs the heap catalogs");
    }

    /** ALTER TABLE RENAME TO (also an index's name). */
    void renameRelation(Relation rel, String newName);

    /** ALTER TABLE RENAME COLUMN. */
    void renameColumn(Relation heap, int attnum, String newName);

    /**
     * DefineSequence's catalog part: the sequence relation (relkind 'S', columns last_value,
     * log_cnt, is_called), its pg_sequence row and its first page holding the start value.
     */
    int createSequence(String schemaOrNull, String name, org.tusk.access.sequence.SeqParams params, char persistence,
                       boolean ifNotExists);

    /** The pg_sequence row of a sequence relation. */
    org.tusk.access.sequence.SeqParams sequenceParams(Relation seq);

    /** The sequence's stored last_value (what SELECT last_value FROM seq shows). */
    default long sequenceLastValue(Relation seq) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "sequences need the heap catalogs");
    }

    /**
     * AlterSequence's storage part: the new pg_sequence row, and with {@code restart} non-null the
     * sequence's next value (last_value = restart, is_called false, WAL-logged); this session's
     * cached values are dropped either way.
     */
    default void alterSequence(Relation seq, org.tusk.access.sequence.SeqParams params, Long restart) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "sequences need the heap catalogs");
    }

    /** The ordinary permanent tables of the database outside pg_catalog, opened (what a VACUUM without names processes). */
    List<Relation> userTables();

    /** The permanent partitioned tables of the database outside pg_catalog, opened (what an ANALYZE without names adds). */
    default List<Relation> userPartitionedTables() { return List.of(); }

    /** get_namespace_name: the schema's name. */
    String namespaceName(int namespaceOid);

    /** get_namespace_oid: the schema's OID, 0 if there is none. */
    int namespaceOid(String name);

    /** pg_namespace.nspowner of a schema. */
    int namespaceOwner(int namespaceOid);

    /** NamespaceCreate: a new schema owned by {@code ownerOid}; the caller made sure the name is free. */
    int createNamespace(String name, int ownerOid);

    /**
     * The relations that depend on a schema by living in it (tables, sequences, views; an index
     * goes with its table), in OID order: what DROP SCHEMA must refuse or cascade to.
     */
    List<Relation> relationsInNamespace(int namespaceOid);

    /** RemoveSchemaById: deletes the pg_namespace row; the schema must be empty by now. */
    void dropNamespace(int namespaceOid);

    /** RenameSchema: the caller made sure the new name is free. */
    void renameNamespace(int namespaceOid, String newName);

    /** AlterSchemaOwner_internal. */
    void setNamespaceOwner(int namespaceOid, int ownerOid);

    /** pg_namespace.nspacl of a schema, and its owner; null ACL for acldefault. */
    default int[] namespaceAcl(int namespaceOid) { return null; }

    /** Writes pg_namespace.nspacl (GRANT/REVOKE ON SCHEMA). */
    default void setNamespaceAcl(int namespaceOid, int[] acl) {
        throw new UnsupportedOperationException("setNamespaceAcl");
    }

    /** RangeVarGetRelid without a lock: the OID of a relation by (optional schema and) name, 0 if none. */
    int relnameGetRelid(String schemaOrNull, String name);

    /**
     * update_attstats: replaces {@code rel}'s pg_statistic rows (stainherit false) by one per
     * element of {@code stats}.
     */
    void replaceStatistics(Relation rel, List<ColumnStatistics> stats);

    /**
     * The same for the statistics of {@code rel}'s whole inheritance tree (stainherit true), which
     * ANALYZE of a partitioned table stores; the planner reads only the other kind.
     */
    default void replaceInheritedStatistics(Relation rel, List<ColumnStatistics> stats) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "statistics need the heap catalogs");
    }

    /**
     * What ANALYZE found for one column: stanullfrac, stawidth and stadistinct (positive: a
     * number of distinct values; negative: minus a fraction of the rows), and up to five slots
     * (most common values, histogram, correlation ...), in pg_statistic's slot order.
     */
    record ColumnStatistics(int attnum, float nullFrac, int width, float distinct, List<StatisticsSlot> slots) {
        public ColumnStatistics(int attnum, float nullFrac, int width, float distinct) {
            this(attnum, nullFrac, width, distinct, List.of());
        }

        /** The slot of kind {@code kind} (STATISTIC_KIND_MCV ...), or null (get_attstatsslot). */
        public StatisticsSlot slot(int kind) {
            for (StatisticsSlot s : slots) if (s.kind() == kind) return s;
            return null;
        }
    }

    /**
     * One pg_statistic slot: stakindN, staopN, stacollN, stanumbersN (null when the kind has
     * none) and stavaluesN (null when the kind has none).
     */
    record StatisticsSlot(int kind, int op, int coll, float[] numbers, org.tusk.utils.adt.ArrayValue values) {
        /** pg_statistic.h's STATISTIC_KIND_MCV, _HISTOGRAM and _CORRELATION. */
        public static final int MCV = 1, HISTOGRAM = 2, CORRELATION = 3;
    }

    /** The column's pg_statistic row (stainherit false), or null if it has none (SearchSysCache STATRELATTINH). */
    ColumnStatistics statistics(int relOid, int attnum);

    /** vac_update_relstats: pg_class.relpages, reltuples and relallvisible. */
    void updateRelationStats(Relation rel, int relpages, double reltuples, int relallvisible);

    /**
     * index_create: creates and builds a B-tree index on {@code heap}'s 1-based columns
     * {@code attnums}. A null name is chosen as PostgreSQL's ChooseRelationName would
     * ({@code <table>_pkey}, {@code <table>_<col>_key}, {@code <table>_<col>_idx}).
     * @return the new index's OID
     */
    int createIndex(String nameOrNull, Relation heap, int[] attnums, boolean unique, boolean primary,
                    boolean ifNotExists);

    /**
     * index_create for DefineIndex: an index described by {@code spec}, whose key columns may be
     * expressions and which may be partial. {@code formers} gives, for the new index relation,
     * the FormIndexDatum (and predicate test) its build uses; it may be null only for an index
     * on plain columns without a predicate.
     */
    default int createIndex(Relation heap, IndexSpec spec,
                            java.util.function.Function<Relation, org.tusk.access.index.IndexKeyFormer> formers) {
        if (spec.hasExpressions() || spec.predicateSql() != null || spec.opclasses() != null || spec.collations() != null) {
            throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "index expressions need the heap catalogs");
        }
        return createIndex(spec.name(), heap, spec.attnums(), spec.unique(), spec.primary(), spec.ifNotExists());
    }

    /**
     * The pg_constraint rows of {@code rel} (conrelid), in creation order; kept with the relcache
     * entry (rd_att->constr), so reading them is cheap after the first time.
     */
    default List<ConstraintInfo> constraintsOf(Relation rel) { return List.of(); }

    /**
     * RelationGetExclusionInfo's operators: pg_constraint.conexclop of the EXCLUDE constraint whose
     * index is {@code index}, kept in the index's relcache entry once read; null if it has none.
     */
    default int[] exclusionOperators(Relation index) { return null; }

    /** The foreign keys that reference {@code rel} (confrelid), in creation order. */
    default List<ConstraintInfo> foreignKeysReferencing(Relation rel) { return List.of(); }

    /**
     * AfterTriggerSetState's lookup of a constraint name: those named {@code name} in schema
     * {@code schemaOrNull}, or else in the first schema of the search path that has any; empty if none.
     */
    default List<ConstraintInfo> constraintsNamed(String schemaOrNull, String name) { return List.of(); }

    /**
     * The pg_trigger rows of {@code rel} in name order (the relcache's rd_trigdesc), kept with the
     * relcache entry and read again after an invalidation of the table.
     */
    default List<TriggerInfo> triggersOf(Relation rel) { return List.of(); }

    /**
     * The rules of {@code rel} but a view's "_RETURN" rule, in name order (the relcache's
     * rd_rules), kept with the relcache entry and read again after an invalidation of it.
     */
    default List<RuleInfo> rulesOf(Relation rel) { return List.of(); }

    /**
     * CREATE [OR REPLACE] RULE's catalog part (InsertRule): returns the rule's OID. The caller
     * holds AccessExclusiveLock on {@code rel}; {@code referenced} are the relations the rule's
     * condition and actions name.
     */
    default int createRule(Relation rel, String name, char evType, boolean instead, String qual, List<String> actions,
                           boolean replace, List<Integer> referenced) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "rules need the heap catalogs");
    }

    /** ALTER RULE ... RENAME TO (RenameRewriteRule). */
    default void renameRule(Relation rel, RuleInfo rule, String newName) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "rules need the heap catalogs");
    }

    /** DROP RULE (RemoveRewriteRuleById through performDeletion, so dependents need CASCADE). */
    default void dropRule(RuleInfo rule, boolean cascade) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "rules need the heap catalogs");
    }

    /**
     * The pg_policy rows of {@code rel} in name order (the relcache's rd_rsdesc), kept with the
     * relcache entry and read again after an invalidation of the table.
     */
    default List<PolicyInfo> policiesOf(Relation rel) { return List.of(); }

    /** CREATE/ALTER/DROP POLICY's and ALTER TABLE ... ROW LEVEL SECURITY's catalog changes. */
    default PolicyCatalog policies() {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "row-level security needs the heap catalogs");
    }

    /** CREATE/DROP/ALTER TRIGGER's catalog changes. */
    default TriggerDdl triggers() {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "triggers need the heap catalogs");
    }

    /** ChooseConstraintName: {@code rel_colname_label} not yet used by a constraint of its schema. */
    default String chooseConstraintName(Relation rel, String colnameOrNull, String label) {
        throw org.tusk.utils.error.PgException.error("0A000", "constraints are not supported by this catalog");
    }

    /**
     * Stores a CHECK or FOREIGN KEY constraint of {@code rel} (the caller has validated existing
     * rows, or {@code c} is not validated); 42710 if the table has a constraint of that name.
     */
    default int addConstraint(Relation rel, ConstraintInfo c) {
        throw org.tusk.utils.error.PgException.error("0A000", "constraints are not supported by this catalog");
    }

    /** Removes a constraint; a PRIMARY KEY or UNIQUE constraint goes with its index. */
    default void dropConstraint(Relation rel, ConstraintInfo c) {
        throw org.tusk.utils.error.PgException.error("0A000", "constraints are not supported by this catalog");
    }

    /** ALTER TABLE RENAME CONSTRAINT (an index constraint's index is renamed with it). */
    default void renameConstraint(Relation rel, ConstraintInfo c, String newName) {
        throw org.tusk.utils.error.PgException.error("0A000", "constraints are not supported by this catalog");
    }

    /**
     * The inheritance facts of constraint {@code c}: conislocal and coninhcount (as
     * MergeWithExistingConstraint, ATExecDropConstraint's recursion and
     * MergeConstraintsIntoExisting change them).
     */
    default void setConstraintInheritance(ConstraintInfo c, boolean local, int inhcount) {
        throw org.tusk.utils.error.PgException.error("0A000", "constraints are not supported by this catalog");
    }

    /** VALIDATE CONSTRAINT's catalog part: convalidated becomes true. */
    default void markConstraintValidated(ConstraintInfo c) {
        throw org.tusk.utils.error.PgException.error("0A000", "constraints are not supported by this catalog");
    }


    /**
     * RemoveRelations for one relation: drops a table (with its indexes), view, sequence or index;
     * the files go at commit. Refuses (2BP01) when other objects depend on it.
     */
    void dropRelation(Relation rel);

    /**
     * RemoveRelations + performMultipleDeletions: drops {@code rels} and, with {@code cascade},
     * every object that depends on them (NOTICE "drop cascades to ..."); without it, 2BP01 if any
     * object outside {@code rels} depends on them.
     */
    void dropRelations(List<Relation> rels, boolean cascade);

    /** The dependency machinery (pg_depend: recordDependencyOn, performDeletion) of this catalog. */
    Dependencies dependencies();

    /**
     * DefineView's catalog part: a relation of relkind 'v' without storage, with {@code columns},
     * and its "_RETURN" rule in pg_rewrite whose action is {@code definition} (the SELECT's SQL
     * text), depending on {@code referencedRelations}. With {@code replace} an existing view of
     * that name gets the new definition (columns may only be added at the end: 42P16 otherwise).
     *
     * @return the view's OID
     */
    int createView(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence, boolean replace,
                   String definition, List<Integer> referencedRelations);

    /** The defining SELECT's text of a view (its _RETURN rule's ev_action), or null if {@code view} has none. */
    String viewDefinition(Relation view);

    /**
     * create_ctas_internal for CREATE MATERIALIZED VIEW: a heap of relkind 'm' with storage and
     * {@code columns}, its query kept as the "_RETURN" rule (as StoreViewQuery does for it),
     * depending on {@code referencedRelations}; relispopulated is {@code populated} (false for
     * WITH NO DATA, as SetMatViewPopulatedState leaves it).
     *
     * @return the materialized view's OID
     */
    default int createMaterializedView(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence,
                                       List<String> reloptions, String definition, List<Integer> referencedRelations,
                                       boolean populated) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "materialized views need the heap catalogs");
    }

    /** SetMatViewPopulatedState: pg_class.relispopulated of materialized view {@code rel}. */
    default void setRelationPopulated(Relation rel, boolean populated) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "materialized views need the heap catalogs");
    }

    /**
     * StoreCatalogInheritance: makes table {@code childOid} a child of {@code parentOids} (in
     * INHERITS order) and records its columns' attinhcount and attislocal (indexed by attnum - 1).
     */
    void storeInheritance(int childOid, List<Integer> parentOids, int[] attinhcount, boolean[] attislocal);

    /** find_inheritance_children: the OIDs of the tables that inherit directly from {@code parentOid}. */
    List<Integer> inheritanceChildren(int parentOid);

    /** The OIDs of the direct parents of {@code childOid}, in INHERITS order. */
    List<Integer> inheritanceParents(int childOid);

    /**
     * Adds {@code inhcountDelta} to pg_attribute.attinhcount of {@code rel}'s column {@code attnum}
     * and, unless {@code islocal} is null, sets attislocal (ALTER TABLE ADD COLUMN on a parent).
     */
    void adjustColumnInheritance(Relation rel, int attnum, int inhcountDelta, Boolean islocal);

    /** pg_attribute.attinhcount and attislocal of a column. */
    record ColumnInheritance(int inhcount, boolean islocal) {}

    /** The inheritance counts of {@code rel}'s column {@code attnum}; (0, true) where there are no heap catalogs. */
    default ColumnInheritance columnInheritance(Relation rel, int attnum) {
        return new ColumnInheritance(0, true);
    }

    /** LockRelationOid: takes {@code lockMode} on relation {@code relOid} and accepts invalidation messages. */
    void lockRelation(int relOid, int lockMode);

    /** ConditionalLockRelationOid: {@link #lockRelation} if the lock is free now, else false without waiting. */
    boolean conditionalLockRelation(int relOid, int lockMode);

    /**
     * ExecGrant_Relation's catalog update: sets pg_class.relacl of {@code rel} to {@code acl}
     * ((grantee, grantor, privs) triples, see {@link Acl}) and invalidates its relcache entry.
     */
    void setRelationAcl(Relation rel, int[] acl);

    /** ExecGrant_Attribute's catalog part: pg_attribute.attacl of column {@code attnum} (null for no entries). */
    default void setAttributeAcl(Relation rel, int attnum, int[] acl) {
        throw org.tusk.utils.error.PgException.error("0A000", "column privileges are not supported by this catalog");
    }

    /** pg_attribute.attacl of column {@code attnum} of {@code rel}, or null. */
    default int[] attributeAcl(Relation rel, int attnum) {
        return null;
    }

    /**
     * checkSharedDependencies for this database: the objects here that role {@code roleOid} owns
     * or holds privileges on, described as PostgreSQL does ("owner of table t", "privileges for
     * table t", "owner of schema s"), in pg_class/pg_namespace order.
     */
    List<String> roleDependencies(int roleOid);

    /**
     * tablecmds.c's on_commits: the session's temporary tables that have an ON COMMIT DELETE ROWS
     * or DROP action, relation OID to the action, in registration order. The session's own, as
     * this catalog is (commands' OnCommitActions registers and runs them).
     */
    java.util.Map<Integer, Character> onCommitActions();

    /**
     * DROP OWNED's shdepDropOwned for the privileges and default privileges of {@code roleOid} in
     * this database: it is revoked everything it was granted on relations, columns, schemas and
     * routines (RemoveRoleFromObjectACL), and its pg_default_acl entries go.
     */
    default void removeRoleFromAcls(int roleOid) {
        throw new UnsupportedOperationException("removeRoleFromAcls");
    }

    /** The objects of this database {@code roleOid} owns (REASSIGN OWNED, DROP OWNED). */
    default OwnedObjects ownedObjects(int roleOid) {
        throw new UnsupportedOperationException("ownedObjects");
    }

    /**
     * calculate_relation_size: the bytes in the files of fork {@code forkNumber} (0 main, 1 fsm,
     * 2 vm, 3 init) of {@code rel}, 0 when the relation has no storage or the fork no file.
     */
    default long relationForkSize(Relation rel, int forkNumber) {
        return 0;
    }

    /** Declarative partitioning's catalog rows (pg_partitioned_table, relpartbound); null where there are no heap catalogs. */
    default PartitionCatalog partitions() {
        return null;
    }

    /**
     * DefineRelation for PARTITION BY: a partitioned table (relkind 'p', no storage); the caller
     * stores its key with {@link PartitionCatalog#storeKey}.
     */
    default int createPartitionedTable(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence,
                                       List<String> reloptions) {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "partitioned tables need the heap catalogs");
    }

        /** The backend's cache of user-defined types (enum types); null where there are no heap catalogs. */
    default TypeCache types() {
        return null;
    }

    /** User-defined functions in pg_proc; null where there are no heap catalogs. */
    default FunctionDdl functions() {
        return null;
    }

    /** Relation owners and the columns owning sequences (ALTER ... OWNER TO, OWNED BY). */
    default RelationOwnership relationOwnership() {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "changing owners needs the heap catalogs");
    }

    /** Shell and base types' catalog changes (TypeShellMake, TypeCreate). */
    default BaseTypeDdl baseTypeDdl() {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "user-defined types need the heap catalogs");
    }

    /** CREATE CAST / DROP CAST's catalog changes (pg_cast.c). */
    default CastDdl castDdl() {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "user-defined casts need the heap catalogs");
    }

    /** CREATE / ALTER / DROP OPERATOR's catalog changes (pg_operator.c). */
    default OperatorDdl operatorDdl() {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "user-defined operators need the heap catalogs");
    }

    /**
     * The lookups of user-defined operator classes (CREATE OPERATOR CLASS), or null where this
     * catalog keeps none (only the heap catalogs do).
     */
    default OpclassDdl userOpclasses() {
        return null;
    }

    /** CREATE / ALTER / DROP OPERATOR CLASS and FAMILY's catalog changes and lookups (opclasscmds.c). */
    default OpclassDdl opclassDdl() {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "operator classes need the heap catalogs");
    }

    /** CREATE/ALTER/DROP TYPE's catalog changes (typecmds.c, pg_enum.c). */
    /** pg_default_acl (ALTER DEFAULT PRIVILEGES). */
    default DefaultAcls defaultAcls() {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "default privileges need the heap catalogs");
    }

    default TypeDdl typeDdl() {
        throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "user-defined types need the heap catalogs");
    }

    /**
     * One column of a CREATE TABLE.
     *
     * @param typmod     -1, or the type modifier (varchar(n) is n+4, as PostgreSQL stores it)
     * @param defaultSql the DEFAULT expression's SQL text, or null
     * @param identity   pg_attribute.attidentity: 'a' (GENERATED ALWAYS AS IDENTITY), 'd' (BY DEFAULT) or 0
     * @param generated  pg_attribute.attgenerated: 's' (GENERATED ALWAYS AS (expr) STORED, the expression
     *                   being {@code defaultSql}) or 0
     */
    record ColumnSpec(String name, int typeOid, int typmod, boolean notNull, String defaultSql, char identity,
                      int collation, char generated) {
        public ColumnSpec(String name, int typeOid, int typmod, boolean notNull, String defaultSql, char identity,
                          int collation) {
            this(name, typeOid, typmod, notNull, defaultSql, identity, collation, (char) 0);
        }

        public ColumnSpec(String name, int typeOid, int typmod, boolean notNull, String defaultSql, char identity) {
            this(name, typeOid, typmod, notNull, defaultSql, identity, 0);
        }

        /**
         * The same column as a stored generated column (pg_attribute.attgenerated 's') whose
         * generation expression is {@code defaultSql}, kept in pg_attrdef as a default is.
         */
        public ColumnSpec asGenerated(char kind) {
            return new ColumnSpec(name, typeOid, typmod, notNull, defaultSql, identity, collation, kind);
        }

        public ColumnSpec(String name, int typeOid, int typmod, boolean notNull, String defaultSql) {
            this(name, typeOid, typmod, notNull, defaultSql, (char) 0);
        }

        /** The same column with attcollation {@code coll} (0: its type's). */
        public ColumnSpec withCollation(int coll) {
            return new ColumnSpec(name, typeOid, typmod, notNull, defaultSql, identity, coll, generated);
        }

        /** pg_attribute.attcollation this column gets: the one given, else its type's. */
        public int effectiveCollation() {
            return collation != 0 ? collation : Collations.typeCollation(typeOid);
        }
    }
}
