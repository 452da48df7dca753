/**
 * The system catalogs (PostgreSQL's {@code catalog/}): the built-in type/function tables, and
 * the catalogs stored as heap tables with the DDL that changes them.
 *
 * <h2>Built-in tables (static)</h2>
 * {@link org.tusk.catalog.TypeOids} has PostgreSQL's real type OIDs;
 * {@link org.tusk.catalog.BuiltinCatalog} maps them to {@link org.tusk.catalog.PgType}
 * (typlen, category, preferred flag, text I/O functions from {@code utils/adt}) and lists the
 * built-in functions, operators, casts and aggregates used by parse analysis. It is initialised
 * once and never mutated. Each built-in function, aggregate and window function carries
 * PostgreSQL 15's pg_proc OID where PostgreSQL has it (pg_proc.dat, resource pg_proc_oids.tsv,
 * given at registration by {@code BuiltinRegistry.oidFor}; Tusk-only ones from 100000 up), and
 * bootstrap writes their pg_proc, pg_aggregate and pg_description rows
 * ({@link org.tusk.catalog.BuiltinProcRows}: the definition's own columns, pg_proc.dat's for what
 * the tables do not model), so psql's \df/\da/\sf, pgjdbc's getFunctions and regproc see them.
 * The rows are a mirror: calls still resolve through these tables (one source), and the lookups
 * of user routines in pg_proc pass over the built-ins' rows ({@link org.tusk.catalog.BuiltinCatalog#isBuiltinRoutine},
 * an in-memory set, so no heap row is read per call). BuiltinProcRowsTest compares the definitions
 * with pg_proc.dat's and lists the differences still to fix. pg_cast (2605) and pg_operator
 * (2617) are heap catalogs whose built-in rows bootstrap writes from
 * {@link org.tusk.catalog.BuiltinObjectCatalogs} (below FirstNormalObjectId) and whose user rows
 * come from CREATE CAST / CREATE OPERATOR; lookups serve the built-in ones from the static tables
 * and the user ones ({@link org.tusk.catalog.CastDdl}, {@link org.tusk.catalog.OperatorDdl}) from
 * the heap: {@link org.tusk.catalog.BuiltinCatalog#cast} and {@link org.tusk.catalog.BuiltinCatalog#operators}
 * consult both.
 * Areas register their built-ins from their own classes ({@link org.tusk.catalog.ArrayBuiltins}:
 * every base type's array type and the anyarray/anycompatible functions, operators and array_agg;
 * {@link org.tusk.catalog.UuidBuiltins}; {@link org.tusk.catalog.JsonBuiltins}, {@link org.tusk.catalog.JsonProcessingBuiltins},
 * {@link org.tusk.catalog.JsonPopulateBuiltins} (json[b]_populate_record(set));
 * {@link org.tusk.catalog.TimeTzBitMoneyBuiltins}: time with time zone, bit/varbit and money with
 * their array types, operators, casts, aggregates and btree opclass rows (timetz_ops, bit_ops,
 * varbit_ops, money_ops); the length coercions of those types are {@link org.tusk.catalog.TypmodCoercions},
 * and a cast from int4/int8 to bit(n) is bound to its length ({@code BitBuiltins.withLength}) because
 * bitfromint4 takes the typmod as an argument;
 * {@link org.tusk.catalog.GeometricBuiltins}: the seven geometric types, every operator also
 * under its implementing function's name, and their casts; {@link org.tusk.catalog.JsonPathBuiltins}:
 * the jsonpath type, @? and @@, and the jsonb_path_* functions;
 * {@link org.tusk.catalog.IntegerCrossTypeOperators}: the comparisons between int2, int4 and int8
 * of different widths (int48eq ... int82ge, each also callable by its function name, and the
 * btint48cmp ... btint82cmp support functions), members of btree integer_ops, and the
 * arithmetic between them (int48pl ... int82div, the wider type's result); which operators
 * the planner may treat as one btree family across types is {@link org.tusk.catalog.IntegerOpFamily}).
 * A built-in may declare parameter names and defaults ({@code BuiltinRegistry.parameters},
 * read back through {@link org.tusk.catalog.BuiltinCatalog#parameterInfo}) so that calls in named
 * notation resolve; the overloads of each arity are then separate entries, and the defaults are
 * constants the parser casts to the declared type.
 * {@link org.tusk.catalog.ArrayTypes} answers get_array_type / get_element_type from the pg_type
 * rows, and rawElementOf for the fixed-length geometric types that subscript like 0-based arrays
 * (typsubscript raw_array_subscript_handler). Box and box[] have typdelim ';' (PgTypeRows.typdelim). Entries declared with polymorphic types implement {@link org.tusk.catalog.PolymorphicFunction}
 * or {@link org.tusk.catalog.PolymorphicAggregate}: parse analysis binds them to the resolved
 * types of each call, so the executor only ever sees concrete signatures. Ordered-set and
 * hypothetical-set aggregates (aggkind 'o'/'h': percentile_disc, percentile_cont, mode, and the
 * hypothetical rank, dense_rank, percent_rank, cume_dist, {@link org.tusk.catalog.OrderedSetAggregates})
 * implement {@link org.tusk.catalog.OrderedSetAggregate}: their signature lists the direct
 * arguments, then the aggregated ones; they have no transition of their own, only a final function
 * over the sorted input. Their support functions have pg_proc rows as in pg_proc.dat (type
 * internal, ordered_set_transition[_multi], percentile_disc_final, rank_final, ...), which refuse
 * to run outside an aggregate; a user aggregate made with CREATE AGGREGATE ... ORDER BY over
 * them runs as the built-in whose final function it names ({@code BuiltinCatalog.orderedSetFinal}).
 * {@link org.tusk.catalog.PatternOperators} adds text_pattern_ops' ~&lt;~ and kin.
 * {@link org.tusk.catalog.RelationProvider} / {@link org.tusk.catalog.ScannableRelation} are how
 * parse analysis reaches system views. Roles and databases stay in the flat files of
 * {@link org.tusk.catalog.BootstrapCatalog} (global/pg_authid, global/pg_database).
 *
 * <h2>Shared catalogs: pg_authid, pg_database, pg_db_role_setting</h2>
 * The flat files under {@code global/} are the cluster's roles, databases and their connection-time
 * settings (PostgreSQL
 * kept such files until 9.0). {@link org.tusk.catalog.SharedCatalog} changes them transactionally
 * and crash-safely, without a heap:
 * <ul>
 * <li><b>Writers</b> take ExclusiveLock on the catalog's relation OID (1260, 1262 or 2964, database 0)
 * before reading the file they will change, and hold it to the end of the transaction. Changes
 * are kept in the session, tagged with the (sub)transaction's xid; the transaction sees the file
 * plus its changes whose xid is still current, so ROLLBACK TO undoes them.</li>
 * <li><b>Commit</b>: before the commit record the new file is written and fsynced as
 * {@code global/<name>.pending.<xid>}; after the commit record (still under the lock) it is
 * renamed over the file and the directory fsynced; at abort it is removed. The file is written
 * before the commit record so that the commit record alone decides: if the server crashes
 * between the two, the startup process, once WAL replay has brought the CLOG up to date,
 * installs the pending file of a committed transaction and removes any other
 * ({@link org.tusk.catalog.SharedCatalog#resolvePending}). A crash before the commit record
 * leaves an uncommitted pending file, which is removed; nothing else was changed.</li>
 * <li><b>Readers</b> (authentication, the views, privilege tests) read the committed file;
 * files are replaced by rename, so a reader sees a whole old or a whole new file.</li>
 * <li>{@link org.tusk.catalog.SharedCatalogViews} shows them as pg_database, pg_authid,
 * pg_roles, pg_user, pg_shadow, pg_db_role_setting and pg_auth_members (global/pg_auth_members,
 * one row per (roleid, member), written under ExclusiveLock on relation 1261 like the others).</li>
 * </ul>
 * {@link org.tusk.catalog.DatabaseFiles} copies and removes database directories and WAL-logs it
 * (rmgr DBASE: XLOG_DBASE_CREATE_FILE_COPY, XLOG_DBASE_DROP, with dbase_redo).
 *
 * <h2>Privileges</h2>
 * {@link org.tusk.catalog.Acl} is acl.c for tables: pg_class.relacl is stored as PostgreSQL's
 * aclitem[] (12-byte AclItems: grantee, grantor, privileges with grant options in the high 16
 * bits); NULL is the owner's default. The relcache keeps relowner and relacl;
 * {@link org.tusk.catalog.Catalog#setRelationAcl} writes relacl and sends a relcache
 * invalidation, so other sessions check against a committed GRANT from their next statement.
 * relacl is printed as aclitemout prints it, with role names (putid quoting) found through the
 * session's {@link org.tusk.catalog.ObjectNames}, or the OID of a role that no longer exists.
 *
 * <p>{@link org.tusk.catalog.PrivilegeInquiry} is acl.c's inquiry side (has_table_privilege,
 * has_column_privilege, has_any_column_privilege, has_database_privilege,
 * has_function_privilege, has_schema_privilege, has_sequence_privilege, pg_has_role), registered
 * in every name/OID/implicit-user form by {@link org.tusk.catalog.PrivilegeBuiltins}. Invariants:
 * the answer is aclmask with ACLMASK_ANY over the object's effective ACL (the stored one, or
 * acldefault for its kind: the owner holds everything); a superuser holds every privilege and an
 * owner every grant option; a name that names nothing is an error with PostgreSQL's SQLSTATE
 * (42704, 42P01, 3F000, 3D000, 42883, 42703) while an OID that names nothing gives NULL; an
 * unknown privilege word is 22023. It reads rows through ObjectNames with the session's catalog
 * snapshot and takes no locks (as PostgreSQL's, it may see a row a concurrent DDL is about to
 * change); nothing is cached.
 *
 * <p>{@link org.tusk.catalog.RoleMembership} answers acl.c's membership questions from the
 * transaction's view of pg_auth_members (roles_is_member_of, has_privs_of_role,
 * is_member_of_role, is_admin_of_role). Every ACL test takes grants to PUBLIC, to the role, and
 * to every role it inherits from (NOINHERIT roles' own memberships are not followed); the
 * membership closure is computed only when the direct grants do not suffice, since it reads the
 * flat file. pg_auth_members changes send no invalidation, so nothing derived from membership is
 * cached anywhere.
 *
 * <p>Schema privileges (Namespaces): nspacl, NULL meaning the owner's USAGE and CREATE; bootstrap
 * gives pg_catalog and public {owner=UC/owner,=U/owner} as initdb's setup_privileges does (the
 * owner is the bootstrap superuser: there is no pg_database_owner role). A qualified name in a
 * schema without USAGE is 42501 "permission denied for schema s"; such a schema is left out of the
 * search path silently; creating a relation (not an index or TOAST table), type, domain or
 * routine needs CREATE on its schema. A positive USAGE/CREATE answer from direct or PUBLIC grants
 * is remembered in the relcache's name cache, which every pg_namespace change empties.
 * datacl, proacl and nspacl are written by GrantCommands; proacl is checked when a SQL function
 * runs (executor.ExecPermissions.checkFunction), sequence privileges by nextval/currval/setval. {@link org.tusk.catalog.InformationSchemaBuiltins} adds what the
 * information_schema views call (aclexplode, acldefault, pg_relation_is_updatable, ...).
 *
 * <h2>Computed catalogs (what pg_dump reads)</h2>
 * {@link org.tusk.catalog.ComputedCatalog}s are catalogs whose rows are computed at each scan, with
 * PostgreSQL 15's columns and pg_class OIDs ({@code tableoid} yields that OID as a constant,
 * {@code 'pg_cast'::regclass} resolves to it; they have no pg_class rows and no other system
 * columns). {@link org.tusk.catalog.ComputedCatalogs} is their immutable registry; a stored heap
 * catalog of the same name takes precedence, so a feature that arrives with a stored catalog
 * replaces the computed one without further change. Built-in objects:
 * {@link org.tusk.catalog.BuiltinObjectCatalogs} (the rows of pg_cast and pg_operator, which
 * bootstrap writes into those stored catalogs, so the computed ones are no longer found: from the built-in tables, with
 * PostgreSQL 15's OIDs read from resources, Tusk-only rows in 11000..11999),
 * {@link org.tusk.catalog.OperatorClassCatalogs} (the rows of pg_opfamily, pg_opclass, pg_amop of
 * the B-tree classes Tusk has, which bootstrap writes into those stored catalogs (2753, 2616, 2602,
 * 2603, FirstBootstrapObjectId + 160..167 for their row types); no built-in pg_amproc rows: Tusk's
 * B-tree compares through its type comparators, not support functions callable by name),
 * {@link org.tusk.catalog.InstallationCatalogs} (pg_tablespace pg_default/pg_global, pg_extension
 * plpgsql).
 * {@link org.tusk.catalog.PrivilegeCatalogs} (pg_init_privs,
 * pg_parameter_acl; pg_default_acl is stored, {@link org.tusk.catalog.DefaultAcls}) and {@link org.tusk.catalog.AbsentFeatureCatalogs} (FDW, subscriptions, event
 * triggers, transforms, large objects, security labels, conversions) are
 * real, empty relations, as on a PostgreSQL cluster where no such object was ever created;
 * {@link org.tusk.catalog.TextSearchCatalogs} (pg_ts_parser, pg_ts_template, pg_ts_dict,
 * pg_ts_config, pg_ts_config_map) hold the rows of the built-in text search objects Tusk has. All are
 * read-only and immutable, so no lock protects them. SQL text Tusk stores with an object (view
 * queries, defaults, constraint and index expressions, function argument defaults) is written
 * with the names it resolved at creation bound to their schemas ({@link org.tusk.catalog.StoredNamePins}:
 * where PostgreSQL stores OIDs, every name found through the search path outside pg_catalog is
 * stored schema-qualified), so a later search_path cannot change what it means; it is analysed by
 * the ruleutils functions under an override search path (pg_catalog, the object's namespace,
 * public: {@link org.tusk.catalog.ObjectNames#analyzeStored}) and deparsed under the caller's,
 * so pg_dump's empty search_path yields qualified names as PostgreSQL prints them.
 *
 * <h2>information_schema</h2>
 * Not built in Java: initdb runs PostgreSQL's {@code information_schema.sql} (resource of
 * {@code bin.initdb}) in template1, so its views, domains and functions are ordinary catalog
 * rows in every database copied from it. A view of it that calls a function Tusk lacks fails
 * when queried, not at initdb, only if the script itself does not call it.
 *
 * <h2>Heap catalogs</h2>
 * pg_namespace (2615), pg_class (1259), pg_attribute (1249), pg_type (1247), pg_index (2610),
 * pg_attrdef (2604), pg_constraint (2606), pg_am (2601), pg_sequence (2224), pg_statistic (2619),
 * pg_inherits (2611),
 * pg_partitioned_table (3350), pg_enum (3501), pg_proc (1255), pg_rewrite (2618), pg_depend (2608),
 * pg_policy (3256), pg_statistic_ext (3381), pg_publication (6104), pg_publication_namespace
 * (6237), pg_publication_rel (6106), pg_trigger (2620), pg_aggregate (2600, user aggregates) and
 * pg_description (2609, COMMENT ON's rows, {@link org.tusk.catalog.Comments}; an object's comments are
 * deleted with it) are heap tables of every database, with
 * PostgreSQL 15's columns, types and order ({@link org.tusk.catalog.SystemCatalogs}), so psql,
 * JDBC drivers and pgbench can query them (pg_statistic_ext and the publication catalogs stay
 * empty: there is no CREATE STATISTICS or publication DDL). pg_policy holds the row-level
 * security policies of CREATE POLICY ({@link org.tusk.catalog.PolicyCatalog}), their USING and
 * WITH CHECK expressions as SQL text (polroles {0} for PUBLIC); each policy depends AUTOmatically
 * on its table and NORMALly on the relations its expressions read, and DROP ROLE finds the
 * policies naming a role by scanning pg_policy of the current database (there is no
 * pg_shdepend). Policy changes and ALTER TABLE ... ROW LEVEL SECURITY (pg_class.relrowsecurity,
 * relforcerowsecurity) send a relcache invalidation for the table; its relcache entry keeps the
 * flags and the policy list (rd_rsdesc), read again after an invalidation. Changes happen under
 * AccessExclusiveLock on the table. {@link org.tusk.catalog.PolicyViews} computes pg_policies. pg_trigger holds the triggers of CREATE TRIGGER ({@link org.tusk.catalog.TriggerDdl}):
 * each change sends a relcache invalidation for the trigger's table, whose relcache entry keeps
 * the trigger list ({@link org.tusk.catalog.Catalog#triggersOf}); the table's
 * ShareRowExclusiveLock (AccessExclusiveLock to drop) keeps its trigger set still while DDL
 * runs. A foreign key sets relhastriggers on both of its
 * tables, where PostgreSQL's internal RI triggers would ({@link org.tusk.catalog.ConstraintDdl});
 * Tusk checks foreign keys in the executor and writes no pg_trigger rows for them.
 * {@link org.tusk.catalog.DescribeBuiltins} has the functions psql's \d footers call
 * (pg_get_statisticsobjdef_columns, pg_get_triggerdef, pg_relation_is_publishable). Of the catalogs' column types, "char" (18) and name[] (1003) have input and
 * output functions; int2vector, oidvector and pg_node_tree (text) can be selected, regclass,
 * regtype, regnamespace and regrole are known types ({@link org.tusk.catalog.IntrospectionBuiltins}),
 * as are regproc and regprocedure ({@link org.tusk.catalog.RegProcBuiltins}: a pg_proc OID printed
 * as the function's name; built-in functions have pg_proc.dat's OIDs where PostgreSQL has
 * them); oid[], int2[] and "char"[] columns have no
 * type Tusk knows by OID yet.
 *
 * <h2>Rules</h2>
 * {@link org.tusk.catalog.RuleCatalog} keeps the rules of CREATE RULE in pg_rewrite beside
 * views' "_RETURN" rules: ev_qual and ev_action hold SQL text (the condition, "&lt;&gt;" for none; the
 * actions separated by ";\n", empty for NOTHING) where PostgreSQL keeps node trees. A rule
 * depends AUTO on its relation and NORMAL on the relations it names; creating one sets
 * relhasrules (never cleared, as PostgreSQL's), and every change sends a relcache invalidation for
 * the relation, whose relcache entry keeps its rule list ({@link org.tusk.catalog.Catalog#rulesOf},
 * {@link org.tusk.catalog.RuleInfo}). The caller holds AccessExclusiveLock on the relation.
 *
 * <h2>Introspection</h2>
 * {@link org.tusk.catalog.ObjectNames} is how the reg* types' I/O functions and the catalog
 * functions (format_type, pg_table_is_visible, pg_get_expr/indexdef/constraintdef in
 * {@code utils.ruleutils}) find names: the backend's session installs one over its HeapCatalog
 * when it gets storage (one session per process, so this stands in for PostgreSQL's
 * process-global syscache); it reads catalog rows with the catalog snapshot and is used only on
 * the session's thread. ({@link org.tusk.catalog.Collations} is the one lookup of the three
 * collations of a C-locale database, default 100, C 950 and POSIX 951, by name and type;
 * Catalog.ColumnSpec carries a column's COLLATE into pg_attribute.attcollation, 0 meaning the
 * type's.) {@link org.tusk.catalog.IntrospectionViews} computes pg_collation,
 * pg_tables and pg_indexes at each scan; pg_views, pg_matviews, pg_sequences and pg_group are
 * ordinary SQL views in pg_catalog that initdb creates ({@code bin/initdb/system_views.sql}, as
 * PostgreSQL's system_views.sql). {@link org.tusk.catalog.PgSettingsView} is pg_settings,
 * computed at each scan from the session's own run-time parameters (they are per process, so no
 * lock is involved); the set-returning pg_show_all_settings() of
 * {@link org.tusk.catalog.SettingsBuiltins} returns the same rows with the same columns. The
 * view is read-only: PostgreSQL's rule turning UPDATE pg_settings into set_config() is not there. Each catalog's file is {@code base/<db>/<catalog OID>}:
 * there is no relation mapper (pg_filenode.map), so a catalog's relfilenode never changes and
 * nothing may rewrite a catalog (VACUUM FULL / CLUSTER of catalogs are out of scope).
 *
 * <ul>
 * <li><b>Bootstrap.</b> initdb writes the initial rows directly as heap pages
 * ({@link org.tusk.catalog.CatalogBootstrap}), frozen, without WAL, like bootstrap mode.</li>
 * <li><b>Reads.</b> Every lookup is a sequential scan through {@code access.table.TableAm} with
 * the catalog snapshot the caller supplies ({@link org.tusk.catalog.CatalogScan}); the catalogs'
 * indexes are not used for lookups yet. A lookup by an OID or name column passes it as a scan key
 * ({@code access.common.ScanKey}, {@link org.tusk.catalog.CatalogScan#key},
 * {@link org.tusk.catalog.CatalogScan#nameKey}), which the heap scan tests on the tuple in the page
 * before decoding it (HeapKeyTest), so that a rejected row costs a few byte reads rather than a
 * full deform. Relations are opened through the relcache ({@code utils.cache}).</li>
 * <li><b>Catalog indexes.</b> initdb creates PostgreSQL 15's indexes of the heap catalogs
 * ({@code bin/initdb/catalog_indexes.sql}: pg_class_oid_index, pg_proc_proname_args_nsp_index, ...,
 * same names, columns and uniqueness; OIDs from the counter, not PostgreSQL's fixed ones) in
 * template1 before any other object, with allow_system_table_mods on. Invariant: every catalog row
 * version that is not heap-only has an entry in each ready index of its catalog
 * (CatalogWriter: CatalogIndexInsert, unique ones checked; an update is HOT only if no indexed
 * column changed), so plans over the catalogs may use them like any index. Without
 * allow_system_table_mods, CREATE INDEX on a system relation and DROP of one or of its indexes
 * are refused (42501, "permission denied: ... is a system catalog"). Missing: pg_aggregate_fnoid_index
 * (aggfnoid is regproc, which the B-tree classes do not take as oid_ops) and
 * pg_range_rngmultitypid_index (no multirange types: rngmultitypid is 0), and the PRIMARY KEY
 * constraints PostgreSQL 14+ declares on catalogs.</li>
 * <li><b>Writes.</b> {@link org.tusk.catalog.HeapCatalog} implements {@link org.tusk.catalog.Catalog}:
 * CREATE TABLE (pg_class, pg_attribute with the system columns ctid/xmin/cmin/xmax/cmax/tableoid
 * at attnums -1..-6, pg_type row type and its array type, pg_attrdef), CREATE INDEX (pg_class
 * relkind 'i', pg_attribute per key column, pg_index, pg_constraint for PRIMARY KEY/UNIQUE, key
 * columns of a primary key set NOT NULL, built through {@code IndexAm.build}), and DROP of tables
 * (with their indexes) and indexes. Rows are built by {@link org.tusk.catalog.CatalogRows}, the
 * same code bootstrap uses. adbin holds the default's SQL text, not a serialized node tree.
 * CREATE TABLE stores reloptions ("fillfactor=N") in pg_class; CREATE SEQUENCE makes a relation
 * of relkind 'S' (last_value, log_cnt, is_called), its pg_sequence row and its first page
 * ({@code access.sequence}).</li>
 * <li><b>Indexes</b> ({@link org.tusk.catalog.IndexSpec}): a key column is a table column or an
 * expression (indkey 0); pg_index.indexprs holds the expressions' SQL text as one select list
 * and indpred a partial index's condition, both analysed again by the layers that evaluate them
 * (the catalog never evaluates them: index_create and REINDEX build through the
 * {@code access.index.IndexKeyFormer} their caller passes). REINDEX gives an index a new
 * relfilenode under AccessExclusiveLock on it and ShareLock on its table, and builds it again
 * (and makes an index left invalid by a failed concurrent build valid). pg_index.indisready and
 * indisvalid follow index.c: CREATE INDEX CONCURRENTLY enters the index with both false
 * ({@code createIndexConcurrently}, index_create's INDEX_CREATE_CONCURRENT), and
 * {@link org.tusk.catalog.IndexStateFlags} steps (index_set_state_flags, a transactional pg_index
 * update with relcache invalidation of the index and its table) make it ready and valid, or, for
 * DROP INDEX CONCURRENTLY, invalid and dead. Readers of the flags: the planner uses valid
 * indexes only, inserts maintain ready ones only, HOT respects all. {@link
 * org.tusk.catalog.ValidateIndex} is validate_index; {@code swapIndexes} is
 * index_concurrently_swap (names, constraint, flags, comment). The multi-transaction sequencing
 * and its locks are the commands' (commands.ConcurrentIndexBuild, DropIndexConcurrently,
 * ReindexConcurrently); each catalog step assumes its caller holds ShareUpdateExclusiveLock on
 * the table.</li>
 * <li><b>Changes to existing relations</b> ({@link org.tusk.catalog.RelationDdl}): TRUNCATE gives a
 * table and its indexes new relfilenodes (new files created now and removed at abort, the old
 * ones removed at commit; the indexes built empty), ALTER TABLE's ADD COLUMN / SET and DROP NOT
 * NULL / SET and DROP DEFAULT / RENAME change pg_attribute, pg_attrdef, pg_class and the row
 * type's pg_type name, ALTER COLUMN TYPE rewrites a column's (and an index column's) type and
 * layout fields, DROP COLUMN (RemoveAttributeById) turns the attribute into a dropped one:
 * attisdropped, atttypid 0, attname "........pg.dropped.N........", not null and default
 * cleared, attlen/attbyval/attalign kept. Invariant: a dropped attribute is never removed, so
 * attnum keeps addressing the same place of every stored tuple; the relcache gives it a type of
 * the same layout and marks it (Attribute.attisdropped), deforming steps over its bytes and
 * reads NULL, and everything that maps attribute numbers to visible columns (name lookup,
 * {@code *}, INSERT's default column list, COPY, aliases, inheritance) skips it. VACUUM/ANALYZE update relpages/reltuples. Each is an ordinary
 * transactional update followed by a relcache invalidation and CommandCounterIncrement
 * (PostgreSQL updates relpages/reltuples in place, without MVCC; Tusk's VACUUM commits at once
 * instead). DROP TABLE increments the command counter after removing its indexes' constraint
 * rows, so the table's own pass over pg_constraint does not meet them again.</li>
 * <li><b>Constraints</b> ({@link org.tusk.catalog.ConstraintDdl}): CHECK rows (contype 'c') keep the
 * expression's SQL text in conbin (as adbin does) and the columns it uses in conkey, and
 * pg_class.relchecks counts them; FOREIGN KEY rows (contype 'f') name the referencing columns
 * (conkey), the referenced table and columns (confrelid, confkey), the referenced unique index
 * (conindid), the actions and match type (confupdtype, confdeltype, confmatchtype); conpfeqop,
 * conppeqop and conffeqop stay NULL (Tusk has no pg_operator OIDs). convalidated is false for
 * NOT VALID until VALIDATE CONSTRAINT. Invariant: a relcache entry's constraint lists (those of
 * the table, and the foreign keys that reference it; {@link org.tusk.catalog.ConstraintInfo})
 * are dropped whenever a constraint on either side changes, since every change registers
 * invalidations for both tables. Removing an index removes only its own PRIMARY KEY/UNIQUE row;
 * foreign keys that use it are the caller's to drop first (CASCADE) or refuse (2BP01).</li>
 * <li><b>OIDs.</b> New OIDs come from the shared counter (VarSup.getNewObjectId under
 * OidGenLock) and are skipped while a row of the target catalog has them (GetNewOidWithIndex);
 * a relation's OID is its relfilenode and is also skipped if a file by that number exists.</li>
 * <li><b>Files.</b> {@link org.tusk.catalog.RelationStorage} (storage.c) creates a new
 * relation's file and WAL-logs XLOG_SMGR_CREATE (redo: {@code RelationStorage.redo}, registered
 * in RmgrTable), and keeps the transaction's pending deletes: created files go at abort, dropped
 * relations' files at commit, after the transaction code has written their list into its
 * commit/abort record.</li>
 * </ul>
 *
 * <h2>User-defined types and functions</h2>
 * <ul>
 * <li><b>Enum types</b> ({@link org.tusk.catalog.TypeDdl}: typecmds.c DefineEnum/AlterEnum,
 * pg_enum.c): a pg_type row with typtype 'e', category 'E', typlen 4 by value, enum_in/enum_out
 * as typinput/typoutput, its array type "_name", and one pg_enum (3501) row per label. A stored
 * enum value is the label's pg_enum OID, as in PostgreSQL; the tuple code stores every enum
 * column as {@code DatumType.ENUM} while pg_attribute.atttypid (kept by the relcache,
 * {@code Relation.atttypid}) says which enum. Label OIDs from CREATE TYPE are even and ascend in
 * sort order; ADD VALUE takes an even OID only if that still holds, else an odd one, and places
 * the label at the midpoint of its neighbours' enumsortorder (renumbering 1..n when float4 has
 * no room). Built-in operators, functions and min/max on the pseudo-type anyenum
 * ({@link org.tusk.catalog.EnumBuiltins}) serve every enum type; parse analysis binds anyenum
 * to the actual type.</li>
 * <li><b>Composite types</b> (typecmds.c DefineCompositeType, heap.c AddNewRelationType): every
 * table, view and stand-alone composite type has a pg_type row with typtype 'c', category 'C',
 * typrelid its pg_class row, record_in/record_out and an array type. CREATE TYPE ... AS (...)
 * makes a pg_class row of relkind 'c' without storage ({@code HeapCatalog.createCompositeType});
 * its attributes may have any non-pseudo type. A composite column's pg_attribute row has
 * attlen -1, attalign 'd', attstorage 'x'; the tuple code stores every composite as
 * {@code DatumType.COMPOSITE} (a HeapTupleHeader Datum, byte-compatible), and a column of the
 * row type's array type as {@code DatumType.COMPOSITE_ARRAY} (TypeCache.isCompositeArray). A
 * column of a domain's array type is stored as an array of the domain's base type (the array
 * header keeps the domain's OID; TypeCache.domainArrayStorage), and a literal read as one checks
 * each element as the domain (ParseCoerce: an ArrayCoerceExpr over CoerceToDomain). A
 * built-in returning record whose row type is the caller's column definition list implements
 * {@link org.tusk.catalog.ColumnListFunction} (json[b]_to_record[set], json[b]_populate_record[set]
 * with NULL::record); {@link org.tusk.catalog.ProcSignatures} records provariadic, proargnames and
 * proargdefaults of built-ins registered elsewhere. The composite
 * operators and btrecordcmp on record ({@link org.tusk.catalog.RowTypeBuiltins}) serve every
 * composite type through its implicit binary coercion to record.</li>
 * <li><b>The type cache</b> ({@link org.tusk.catalog.TypeCache}) turns pg_type/pg_enum rows of
 * user types into {@link org.tusk.catalog.PgType}s, and gives a composite type's columns
 * ({@code composite}, lookup_rowtype_tupdesc, read through the relcache entry of its typrelid)
 * and a relation's row type ({@code rowTypeOf}); it installs the resolver
 * {@code access.common.CompositeFormat} reads stored composites with; {@link org.tusk.catalog.BuiltinCatalog#type}
 * asks it for OIDs it does not know. It is per process (a backend runs one session), installed by
 * the session's HeapCatalog, and emptied whenever the relcache's name cache is (any catalog
 * invalidation); type DDL sends a relcache invalidation for pg_type and pg_enum.</li>
 * <li><b>Functions</b> ({@link org.tusk.catalog.FunctionDdl}: pg_proc.c ProcedureCreate): pg_proc
 * (1255) rows for LANGUAGE sql (prolang 14) and plpgsql (prolang 13563) functions with PostgreSQL 15's columns; prosrc is the
 * body of AS '...', prosqlbody the SQL text of a RETURN/BEGIN ATOMIC body (Tusk keeps SQL where
 * PostgreSQL keeps node trees, as for column defaults: "SELECT expr" for RETURN expr, each BEGIN
 * ATOMIC statement ended by ";\n", a RETURN among them kept as RETURN and read back by the parser's
 * routine-body mode; pg_get_functiondef deparses the statements analysed again), proargdefaults the default expressions as
 * a SELECT target list. {@link org.tusk.catalog.SqlFunction#asProc} is the pg_proc entry parse
 * analysis resolves alongside the built-ins; calling it goes through
 * {@link org.tusk.catalog.FunctionCallContext#callSqlFunction} to the language handler the
 * backend installed. Lookups by name are cached until any catalog invalidation. provariadic holds
 * the element type of a VARIADIC last parameter. OUT, INOUT and TABLE parameters (RETURNS TABLE)
 * are stored as PostgreSQL stores them: proallargtypes, proargmodes and proargnames list every
 * parameter in declared order, proargtypes only the input ones, and prorettype is the single OUT
 * parameter's type or record; proargmodes is NULL when every parameter is IN. A SETOF function's
 * pg_proc entry is a {@link org.tusk.catalog.SetReturningFunction} (its rows come from
 * {@link org.tusk.catalog.FunctionCallContext#callSqlFunctionSet}, all rows of the last statement);
 * a non-SETOF function with OUT parameters is a {@link org.tusk.catalog.RecordFunction}, one row
 * whose columns a FROM item takes from the OUT parameters. Procedures are pg_proc rows of prokind
 * 'p' whose OUT parameters are in proargtypes too (PostgreSQL 14 and later);
 * {@link org.tusk.catalog.FunctionDdl#candidates} returns only functions, and
 * {@link org.tusk.catalog.FunctionDdl#procedureCandidates} only procedures (what CALL resolves);
 * CREATE OR REPLACE across kinds is "cannot change routine kind".</li>
 * <li><b>Aggregates</b> ({@link org.tusk.catalog.AggregateDdl}: pg_aggregate.c AggregateCreate):
 * a user aggregate is a pg_proc row of prokind 'a' (prolang internal, prosrc "aggregate_dummy")
 * plus its pg_aggregate (2600) row, both written and removed together under the same rules as
 * functions; {@link org.tusk.catalog.FunctionDdl} leaves prokind 'a' rows out of function lookups
 * and owns the AggregateDdl. Support functions are pg_proc OIDs: a user function's, or a built-in's
 * Tusk OID ({@link org.tusk.catalog.BuiltinCatalog#functionByOid}); the built-ins that PostgreSQL
 * names as aggregate support functions (int4pl, int8inc, int4_avg_accum, int8_avg, ...) are
 * registered by {@link org.tusk.catalog.AggregateSupportBuiltins}. At run time
 * {@link org.tusk.catalog.UserAggregateImpl} applies nodeAgg.c's strictness rules; it needs the
 * executor's context (to run SQL support functions), so the executor calls aggregates through
 * {@code PgAggregate.Impl.transition(ctx, ...)}/{@code finish(ctx, ...)}.
 * An aggregate whose arguments or state type are polymorphic is bound per call
 * ({@link org.tusk.catalog.PolymorphicAggregate}): the state type resolved from the actual
 * arguments (resolve_aggregate_transtype), the initial value read with it, polymorphic support
 * functions bound to the concrete types. A polymorphic state type needs an input of its family
 * ("cannot determine transition data type"); the internal state type is for superusers only. The
 * internal-state support functions of avg/sum(numeric) (numeric_avg_accum, numeric_avg_combine,
 * numeric_avg_serialize, ...) work on {@link org.tusk.utils.adt.NumericAggState}, registered by
 * {@link org.tusk.catalog.InternalStateAggregateSupport}; such a state is changed in place and
 * belongs to one aggregate evaluation. An aggregate with MSFUNC/MINVFUNC runs as a
 * {@link org.tusk.catalog.MovingUserAggregate}: its plain implementation everywhere, and its
 * {@link org.tusk.catalog.MovingAggregateImpl} in window frames whose head moves. CREATE AGGREGATE
 * records a NORMAL pg_depend row from the aggregate to each user support function (CREATE OR
 * REPLACE records them anew), so DROP FUNCTION refuses or cascades to it ("drop cascades to
 * function least_agg(bigint)"); DROP AGGREGATE goes through performDeletion too.</li>
 * <li>DROP TYPE of an enum finds dependent columns through pg_attribute. A column of a user base
 * type records a NORMAL pg_depend row on its type ({@link org.tusk.catalog.ColumnTypeDependency},
 * AddNewAttributeTuples; changed by ALTER COLUMN TYPE), so DROP TYPE ... CASCADE drops the column
 * (and what depends on the column, such as a view reading it); the dependency walk keeps a column
 * depender as a column, and leaves out a column whose whole relation goes in the same deletion.
 * A function records a NORMAL dependency on the shell and base types among its argument and
 * result types (ProcedureCreate); nothing records one on other types.</li>
 * <li><b>LANGUAGE internal functions</b> ({@link org.tusk.catalog.InternalFunctions}): pg_proc rows
 * of prolang 12 whose prosrc names a built-in function (fmgr_internal_validator); a call runs that
 * built-in with the declared signature. The type I/O functions ({@code int8in}, {@code int4out},
 * ...) and the cstring pseudo-type are built-ins for this purpose, each I/O function knowing the
 * built-in type whose representation it reads or writes.</li>
 * <li><b>Shell and base types</b> ({@link org.tusk.catalog.BaseTypeDdl}: TypeShellMake,
 * TypeCreate): a shell is a pg_type row of typtype 'p' with typisdefined false and shell_in /
 * shell_out; completing it updates the same row (same OID) to typtype 'b' with the given layout,
 * category, delimiter and default, makes the array type "_name" (INTERNAL dependency on the type)
 * and records the type's NORMAL dependencies on its I/O functions. {@link org.tusk.catalog.BaseTypes}
 * reads such a type for the {@link org.tusk.catalog.TypeCache}: its values are held as the built-in
 * type its internal input function belongs to ({@code TypeCache.representation}). A table column
 * of such a type ({@link org.tusk.catalog.BaseTypeStorage}) copies the type's typlen, typbyval,
 * typalign, typstorage and typcollation into pg_attribute, and the tuple code stores the
 * representation's {@code DatumType} laid out by those attributes (attalign may be the type's own
 * ALIGNMENT); a type whose typlen/typbyval are not its representation's is refused (0A000) where
 * PostgreSQL would copy the Datum blindly. A B-tree index on such a column reports PostgreSQL's
 * 42704 without a default operator class and is refused (0A000) with one, because the access
 * method compares by the representation and cannot call the class's support function
 * ({@link org.tusk.catalog.BaseTypeIndexing}). Binary I/O (typreceive/typsend) of such types is
 * not done. A type whose I/O functions are not internal type I/O functions is not usable. DROP TYPE of a shell or base type goes through pg_depend (object class
 * pg_type), so CASCADE takes its functions, casts and operators along.</li>
 * <li><b>Casts</b> ({@link org.tusk.catalog.CastDdl}: CastCreate, DropCastById): user pg_cast rows
 * depend NORMAL on both types and the function. A binary-coercible cast between types held in
 * different Java classes (int8-represented xfloat8 to float8) reinterprets the Datum's bits
 * ({@code utils.adt.BinaryRelabel}), as RelabelType does on PostgreSQL's Datums.</li>
 * <li><b>Operators</b> ({@link org.tusk.catalog.OperatorDdl}: OperatorCreate, OperatorShellMake,
 * OperatorUpd, RemoveOperatorById): a COMMUTATOR or NEGATOR that does not exist yet becomes a shell
 * operator (oprcode 0), filled in by a later CREATE OPERATOR of that name and types; the links
 * are set on both sides; a shell is never offered to operator resolution. Operators are found by
 * name in every schema (the search path does not restrict them yet); a user operator is as strict
 * as its function ({@code PgOperator.strict}), and a non-strict one is called with NULLs (also
 * per element by = ANY).</li>
 * <li><b>Operator classes and families</b> ({@link org.tusk.catalog.OpclassDdl}, opclasscmds.c):
 * CREATE OPERATOR CLASS / FAMILY and ALTER OPERATOR FAMILY ADD/DROP write pg_opclass, pg_opfamily,
 * pg_amop and pg_amproc rows for btree (403) and hash (405; hash indexes use only the built-in
 * classes of {@link org.tusk.catalog.HashOpclassCatalog} so far). A class made without FAMILY gets (or reuses) a family of its own name, which
 * outlives it. Class members depend INTERNAL on the class, ALTER FAMILY members AUTO on the family,
 * every member NORMAL on its user operator or function, the class AUTO on its family. Lookups read
 * the rows through the catalog snapshot each time (no cache, session thread only). Indexes and
 * partition keys do not use user classes yet: B-tree keys, bounds and partition hashes are compared
 * and hashed with the built-in functions of the key's type, so naming a user class there (or a
 * type whose only default B-tree class is a user one) is refused with 0A000 rather than misordered. The CastDdl and OperatorDdl caches are per process (installed by the
 * session's HeapCatalog, like the TypeCache), dropped at every catalog invalidation, which every
 * change of theirs sends; only the session's thread uses them.</li>
 * </ul>
 *
 * <h2>Views, dependencies, inheritance</h2>
 * <ul>
 * <li><b>Views</b> ({@link org.tusk.catalog.ViewCatalog}, view.c): a pg_class row of relkind 'v'
 * with relfilenode 0 and no file (its relcache entry has no locator), its columns in pg_attribute
 * (no system columns), a row type, relhasrules, and one pg_rewrite row "_RETURN" (ev_type '1',
 * ev_enabled 'O', is_instead, ev_qual "&lt;&gt;") whose ev_action is the defining SELECT's SQL text
 * as written, following the adbin convention: the rewriter ({@code rewrite}) parses and analyses it
 * again at every use. CREATE OR REPLACE keeps the columns (names and types) and may add some at
 * the end (checkViewTupleDesc).</li>
 * <li><b>Dependencies</b> ({@link org.tusk.catalog.Dependencies}, pg_depend.c/dependency.c):
 * recordDependencyOn(depender, referenced, NORMAL | AUTO | INTERNAL) writes a pg_depend row;
 * performDeletion walks pg_depend from the targets (findDependentObjects: an object that depends
 * INTERNALly on another stands for its owner), refuses with 2BP01 listing "x depends on y" lines
 * when a NORMAL dependent is not itself a target and CASCADE was not given, else NOTICEs "drop
 * cascades to ..." and deletes everything dependents first, each through the handler registered
 * for its catalog ({@code registerObjectClass}: pg_class and pg_rewrite here), removing the
 * object's pg_depend rows and incrementing the command counter after each. A view's rule depends
 * INTERNALly on the view and NORMALly on every relation its query reads, and on every column it
 * reads (find_expr_references_walker's column rows, from {@code rewrite.ColumnReferences}). A
 * routine depends NORMALly on what its argument defaults and SQL-standard body use (relations,
 * columns, user functions, sequences named by regclass constants; recorded by
 * {@code commands.RoutineDependencies}); a routine is described as "function name(args)", the
 * name schema-qualified when the search path does not find it (format_procedure). A
 * column (a pg_class sub-object) can itself be a deletion target (DROP COLUMN): only what
 * depends on that column is found, and only pg_depend rows naming exactly it are removed. Objects created by bootstrap have no rows (PostgreSQL pins them).
 * Indexes are still dropped with their table directly, not through pg_depend. An object reached
 * through an AUTO or INTERNAL dependency on any path needs no CASCADE, even if another path
 * reaches it through a NORMAL one (reportDependentObjects' flags).</li>
 * <li><b>Owned sequences and column defaults</b> ({@link org.tusk.catalog.RelationOwnership},
 * {@link org.tusk.catalog.AttrDefaults}): a serial column's sequence depends AUTO, an identity
 * column's INTERNAL, on the column (pg_class, table, attnum), so DROP TABLE / DROP COLUMN take it
 * along and pg_get_serial_sequence finds it; a default (pg_attrdef, class 2604) depends AUTO on its
 * column and NORMAL on the relations its expression names (nextval's sequence), so DROP SEQUENCE
 * refuses or cascades to it. An identity column has no pg_attrdef row, as in PostgreSQL:
 * {@code columnDefaults} gives it nextval of its owned sequence. Removing a default removes its
 * pg_depend rows. RelationOwnership also carries ALTER ... OWNER TO: relowner, relacl through
 * aclnewowner, the row type, indexes, TOAST table and owned sequences. The caller holds
 * AccessExclusiveLock on the relation.</li>
 * <li><b>Inheritance</b> ({@link org.tusk.catalog.InheritanceCatalog}, pg_inherits.c): a child's
 * pg_inherits rows (inhseqno in INHERITS order), its parents' relhassubclass, its columns'
 * attinhcount/attislocal and a NORMAL dependency of the child on each parent, so DROP of a
 * parent needs CASCADE and takes the children. Dropping a table removes its pg_inherits rows.</li>
 * </ul>
 * Locking: all of these change catalog rows under the locks the DDL holds on the relations
 * involved (AccessExclusiveLock on a view or table being created, replaced or dropped, and on
 * every relation the deletion walk reaches; ShareUpdateExclusiveLock on a parent while a child is
 * created, as MergeAttributes takes it).
 *
 * <h2>Concurrency and locking</h2>
 * A HeapCatalog belongs to one backend and one thread. Catalog rows are shared through the
 * heap, whose MVCC rules make a DDL change visible to others at commit. Heavyweight relation
 * locks are taken through {@link org.tusk.catalog.RelationLocks} with PostgreSQL's modes:
 * AccessShareLock to open a relation, ShareLock on a table to index it, AccessExclusiveLock on a
 * new relation, on a relation being dropped (and its indexes), truncated, altered or renamed,
 * ShareUpdateExclusiveLock for VACUUM and ANALYZE, RowExclusiveLock on a sequence for nextval. After every lock acquisition
 * the backend accepts shared invalidation messages, so a relcache entry used under a lock
 * reflects every catalog change committed before the lock was granted. Each DDL registers
 * relcache invalidations for what it changed (the relation; for an index also its table) and
 * ends with CommandCounterIncrement, which applies them to the backend's own cache. Name lookup
 * and the duplicate-name check are not protected by a lock (PostgreSQL relies on the unique
 * index on pg_class (relname, relnamespace) for that; Tusk has no catalog indexes yet), so two
 * sessions creating the same name at the same moment can both succeed.
 *
 * <p>Built-in window functions (prokind 'w') are {@link org.tusk.catalog.PgWindowFunc}s,
 * registered by {@link org.tusk.catalog.WindowBuiltins} and looked up with
 * {@code BuiltinCatalog.windowFunctions(name)}; like the rest of the built-in tables they are
 * frozen at class initialisation and need no lock.
 *
 * <p>Set-returning built-ins (proretset) have a {@link org.tusk.catalog.SetReturningFunction}
 * as their implementation ({@code PgProc.retset()} says so); registered by
 * {@link org.tusk.catalog.SrfBuiltins}. One call returns an iterator that produces rows on
 * demand, so a consumer that stops early never pays for the rest. A function with several OUT
 * parameters returns record and yields Object[] rows of its {@code outColumns()}; a single OUT
 * parameter only names its column in FROM. Polymorphic ones (unnest(anyarray)) implement
 * {@code SetReturningFunction.Polymorphic} and are bound at parse analysis like other
 * polymorphic functions. Only a FunctionScan or ProjectSet may call them; the scalar
 * {@code invoke} raises 0A000 "set-valued function called in context that cannot accept a set".
 *
 * <p>Aggregates whose state is never null ({@code StatisticalAggregates}: var_*, stddev_*,
 * regr_*, covar_*, corr) reach their final function for an empty group, which returns NULL
 * (or 0 for regr_count) as PostgreSQL's do; the two-argument ones receive their arguments as an
 * Object[] and skip a row themselves when either is NULL (the transition functions are strict).
 *
 * <h2>Declarative partitioning</h2>
 * A partitioned table is relkind 'p' with no storage (relfilenode 0, relam 0) and one
 * pg_partitioned_table row ({@link org.tusk.catalog.PartitionCatalog#storeKey}): strategy, key
 * columns (partattrs, 0 for an expression element), their btree opclasses (partclass; 0 for a
 * hash key, whose hashing is built in) and collations, partexprs (the expression elements'
 * deparsed SQL text, comma-separated in key order, as pg_index.indexprs), and partdefid, the
 * default partition. The types of key expressions come from analysing partexprs over the table's
 * row, which lives above the catalog: the backend sets it on its session's catalog at session start
 * ({@link org.tusk.catalog.PartitionCatalog#setKeyExpressionTyper}). A partition is a pg_inherits child of it
 * with relispartition true and relpartbound holding the bound in the text pg_get_expr prints
 * ({@link org.tusk.catalog.PartitionBound}: "FOR VALUES IN (1, 2)", "DEFAULT", ...), as other
 * pg_node_tree columns hold SQL text; its pg_depend row on the parent is AUTO, so DROP of the
 * parent drops its partitions without CASCADE and a partition may be dropped alone. Key and
 * bounds are read from the catalogs on each use (no partcache); DDL that changes the set of
 * partitions holds AccessExclusiveLock on the parent, readers at least AccessShareLock, so a
 * statement sees one set of partitions throughout.
 *
 * <p>Domains (typtype 'd'): {@link org.tusk.catalog.DomainDdl} writes the domain's pg_type row
 * (typbasetype, typtypmod, typnotnull, typdefault as SQL text, the base type's storage), its
 * array type and its CHECK rows in pg_constraint (contypid set, conrelid 0, conbin SQL text
 * using VALUE). {@link org.tusk.catalog.TypeCache#domain} reads them back into a
 * {@link org.tusk.catalog.DomainInfo} (typcache.c's domain constraint list), dropped at every
 * catalog invalidation, which every domain DDL sends for pg_type and pg_constraint; the cached
 * analysed CHECK expressions go with the entry. A domain's {@link org.tusk.catalog.PgType}
 * reads and prints as its base type; a domain column is stored as its base type (attlen,
 * attalign, attstorage of the base, atttypid the domain). {@code TypeCache.baseType} is
 * getBaseType. Only the backend's own thread uses these caches: no locks.
 *
 * <p>Range types ({@link org.tusk.catalog.RangeBuiltins}): the six built-in range types have
 * pg_type rows (typtype 'r', category 'R', array types _int4range ...) and range_in/range_out through
 * their subtype's I/O; operators and functions are declared on anyrange and serve every range
 * type because a value carries its type. range_ops is their default btree opclass (no fixed
 * OID). pg_range is a stored catalog (3541) whose built-in rows bootstrap writes
 * ({@link org.tusk.catalog.RangeCatalog}). CREATE TYPE AS RANGE ({@link org.tusk.catalog.TypeDdl#createRange},
 * DefineRange) adds the range type, its array type (usable in memory, not as a column), its
 * pg_range row and the constructors name(sub, sub[, text]) as LANGUAGE internal pg_proc rows
 * naming range_constructor2/3, which are bound to their result type ({@code SqlFunction.asProc});
 * {@link org.tusk.catalog.TypeCache#range} reads pg_range and installs itself as
 * {@code RangeTypes}' lookup, so the range code, the tuple code ({@code DatumType.forOid}) and the
 * relcache see user range types. No CANONICAL functions and no multirange types.
 * <p>TOAST relations ({@link org.tusk.catalog.Toasting}, toasting.c): CREATE TABLE and ALTER TABLE
 * ADD COLUMN give a table whose widest possible row exceeds TOAST_TUPLE_THRESHOLD and that has a
 * varlena column with storage other than 'p' (needs_toast_table, with type_maximum_size for
 * varchar/bpchar/bit/numeric typmods) its {@code pg_toast.pg_toast_<oid>} (relkind 't', in the
 * pg_toast namespace 99 that bootstrap creates, no row type) with the unique index
 * {@code pg_toast_<oid>_index} (oid_ops, int4_ops), and sets pg_class.reltoastrelid, all under the
 * table's AccessExclusiveLock. The TOAST relation depends INTERNALly on its table, so DROP TABLE
 * removes it and its index; TRUNCATE gives both new files as it does the table
 * ({@code RelationDdl.setNewRelfilenodes}). Relation sizes ({@link org.tusk.catalog.DbSizeBuiltins}:
 * pg_relation_size, pg_table_size, pg_indexes_size, pg_total_relation_size, pg_column_size)
 * read file lengths through {@code RelationStorage.forkSize}.
 */
package org.tusk.catalog;
