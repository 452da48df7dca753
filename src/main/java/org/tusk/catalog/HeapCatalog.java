package org.tusk.catalog;

import org.tusk.access.common.DatumType;
import org.tusk.access.index.IndexBuildResult;
import org.tusk.access.index.IndexKeyFormer;
import org.tusk.access.common.HeapTupleHeader;
import org.tusk.access.table.TupleSlot;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.*;

/**
 * The system catalogs as heap tables: {@link Catalog} implemented over the table AM, the
 * relcache and shared invalidation (PostgreSQL's heap.c heap_create_with_catalog, index.c
 * index_create, dependency.c/heap.c/index.c for DROP, namespace.c RangeVarGetRelid).
 *
 * <p>Every catalog read is a scan with the catalog snapshot of {@link CatalogEnv}; every change
 * goes through the table AM in the current transaction and command, is followed by a
 * CommandCounterIncrement where later steps must see it, and registers relcache invalidations
 * that the transaction sends at commit. Relation locks are taken through {@link RelationLocks},
 * each followed by AcceptInvalidationMessages. Relation files are created with
 * {@link RelationStorage} (WAL-logged, removed at abort) and removed at commit after DROP.
 *
 * <p>Relation OIDs double as relfilenodes (GetNewRelFileNumber: unused in pg_class and without a
 * file). A table gets pg_class, pg_attribute (its columns and the six system columns), pg_type
 * (its row type and that type's array type) and pg_attrdef rows; adbin holds the DEFAULT
 * expression's SQL text, not PostgreSQL's nodeToString form, since Tusk has no node serializer.
 */
public final class HeapCatalog implements Catalog {
    private final CatalogEnv env;
    /** The session's ON COMMIT actions of temporary tables ({@link #onCommitActions}). */
    private final java.util.Map<Integer, Character> onCommitActions = new java.util.LinkedHashMap<>();
    private final CatalogWriter writer;
    private final Namespaces namespaces;
    private final RelationDdl ddl;
    private final IndexConstraintDdl indexConstraints;
    private final IndexDependencies indexDependencies;
    /** FirstUnpinnedObjectId (transam.h): objects initdb makes lie below it and are pinned. */
    private static final int FIRST_UNPINNED_OBJECT_ID = 12000;
    private final ConstraintDdl constraints;
    private final TypeCache types;
    private final TypeDdl typeDdl;
    private final RelationOwnership relationOwnership;
    private final FunctionDdl functions;
    private final org.tusk.access.sequence.Sequences sequences;
    private final Dependencies dependencies;
    private final Comments comments;

    public HeapCatalog(CatalogEnv env) {
        this(env, null);
    }

    /** @param sequences the backend's sequence generators (fill_seq_with_data for CREATE SEQUENCE); null without storage for them */
    public HeapCatalog(CatalogEnv env, org.tusk.access.sequence.Sequences sequences) {
        this.sequences = sequences;
        this.env = env;
        this.writer = new CatalogWriter(env);
        this.namespaces = new Namespaces(env, writer);
        this.ddl = new RelationDdl(env, writer, this::newRelFileNumber);
        this.indexConstraints = new IndexConstraintDdl(env, writer);
        this.constraints = new ConstraintDdl(env, writer);
        this.types = new TypeCache(env, namespaces);
        types.install();
        this.typeDdl = new TypeDdl(env, writer, namespaces, types);
        this.functions = new FunctionDdl(env, writer, namespaces);
        this.dependencies = new Dependencies(env, writer);
        this.indexDependencies = new IndexDependencies(writer, dependencies);
        namespaces.onLeftoverTempNamespace(this::removeTempRelations);
        this.relationOwnership = new RelationOwnership(env, writer, dependencies);
        this.comments = new Comments(env, writer);
        functions.registerWith(dependencies);
        this.baseTypes = new BaseTypeDdl(env, writer, namespaces, types, dependencies);
        this.casts = new CastDdl(env, writer, dependencies, functions);
        casts.install();
        this.operators = new OperatorDdl(env, writer, dependencies, functions);
        operators.install();
        this.opclasses = new OpclassDdl(env, writer, dependencies, functions);
        this.toasting = new Toasting(env, writer, dependencies, this::newRelFileNumber, this);
        dependencies.registerObjectClass(ObjectAddress.RELATION_RELATION_ID, new Dependencies.ObjectClass() {
            @Override public String describe(ObjectAddress o) { return describeRelation(o); }
            @Override public void drop(ObjectAddress o) {
                Relation rel = env.relcache().byOid(o.objectId());
                if (rel == null) return;
                if (o.objectSubId() > 0) ddl.dropColumn(rel, o.objectSubId());
                else if ((rel.relkind() == 'i' || rel.relkind() == 'I') && classRow(rel.oid()) != null) {
                    // doDeletion's index_drop: the walk found the index through what it depends on
                    // (its table, a column, the constraint it backs); only DROP INDEX refuses a
                    // constraint's or an attached index
                    HeapCatalog.this.lock(rel.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
                    removeIndexTree(rel.oid());
                    env.commandCounterIncrement().run();
                }
                else removeRelation(rel);
            }
            @Override public void lock(ObjectAddress o) { HeapCatalog.this.lock(o.objectId(), RelationLocks.ACCESS_EXCLUSIVE_LOCK); }
        });
        dependencies.registerObjectClass(IndexDependencies.CONSTRAINT_RELATION_ID, new Dependencies.ObjectClass() {
            @Override public String describe(ObjectAddress o) { return describeConstraint(o.objectId()); }
            @Override public void drop(ObjectAddress o) {
                ConstraintInfo c = constraintByOid(o.objectId());
                Relation rel = c == null ? null : env.relcache().byOid(c.relid());
                if (rel != null) dropConstraint(rel, c);
            }
        });
        dependencies.registerObjectClass(IndexDependencies.NAMESPACE_RELATION_ID, new Dependencies.ObjectClass() {
            @Override public String describe(ObjectAddress o) {
                String name = namespaceName(o.objectId());
                return name == null ? null : "schema " + name;
            }
            @Override public void drop(ObjectAddress o) {
                // DROP SCHEMA removes its members itself (SchemaCommands); no walk reaches a schema
                throw PgException.error(SqlState.INTERNAL_ERROR, "unsupported object class: schema");
            }
        });
        dependencies.registerObjectClass(AttrDefaults.ATTRDEF_RELATION_ID, new Dependencies.ObjectClass() {
            @Override public String describe(ObjectAddress o) {
                int[] column = AttrDefaults.columnOf(writer, o.objectId());
                if (column == null) return null;
                String col = describeRelation(new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, column[0], column[1]));
                return col == null ? null : "default value for " + col;
            }
            @Override public void drop(ObjectAddress o) {
                int[] column = AttrDefaults.columnOf(writer, o.objectId());
                Relation rel = column == null ? null : env.relcache().byOid(column[0]);
                if (rel != null) ddl.setDefault(rel, column[1], null);
            }
        });
        dependencies.registerObjectClass(ObjectAddress.REWRITE_RELATION_ID, new Dependencies.ObjectClass() {
            @Override public String describe(ObjectAddress o) { return views.describeRule(o.objectId()); }
            @Override public void drop(ObjectAddress o) { rules.remove(o.objectId()); }
        });
        this.views = new ViewCatalog(env, writer, dependencies);
        this.rules = new RuleCatalog(env, writer, dependencies);
        this.triggers = new TriggerDdl(env, writer, dependencies);
        this.policies = new PolicyCatalog(env, writer, dependencies);
        this.inheritance = new InheritanceCatalog(env, writer, dependencies);
        this.partitions = new PartitionCatalog(env, writer, dependencies, opclasses);
    }

    @Override
    public FunctionDdl functions() {
        return functions;
    }

    private final BaseTypeDdl baseTypes;
    private final CastDdl casts;
    private final OperatorDdl operators;
    private final OpclassDdl opclasses;

    @Override
    public OpclassDdl opclassDdl() {
        return opclasses;
    }

    @Override
    public OpclassDdl userOpclasses() {
        return opclasses;
    }

    @Override
    public BaseTypeDdl baseTypeDdl() {
        return baseTypes;
    }

    @Override
    public CastDdl castDdl() {
        return casts;
    }

    @Override
    public OperatorDdl operatorDdl() {
        return operators;
    }

    @Override
    public TypeCache types() {
        return types;
    }

    @Override
    public TypeDdl typeDdl() {
        return typeDdl;
    }

    @Override
    public DefaultAcls defaultAcls() {
        return new DefaultAcls(env, writer);
    }

    @Override
    public RelationOwnership relationOwnership() {
        return relationOwnership;
    }

    private final InheritanceCatalog inheritance;
    private final Toasting toasting;
    private final PartitionCatalog partitions;

    @Override
    public PartitionCatalog partitions() {
        return partitions;
    }

    @Override
    public int createPartitionedTable(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence,
                                      List<String> reloptions) {
        return createRelation(schemaOrNull, name, columns, persistence, false, reloptions, 'p');
    }

    @Override
    public void storeInheritance(int childOid, List<Integer> parentOids, int[] attinhcount, boolean[] attislocal) {
        inheritance.store(childOid, parentOids, attinhcount, attislocal);
    }

    @Override
    public List<Integer> inheritanceChildren(int parentOid) {
        // every query asks this of every table it reads: answer from the relcache when it can
        List<Integer> cached = env.relcache().cachedChildren(parentOid);
        if (cached != null) return cached;
        List<Integer> found = inheritance.children(parentOid);
        env.relcache().rememberChildren(parentOid, found);
        return found;
    }

    @Override
    public List<Integer> inheritanceParents(int childOid) {
        return inheritance.parents(childOid);
    }

    @Override
    public void adjustColumnInheritance(Relation rel, int attnum, int inhcountDelta, Boolean islocal) {
        inheritance.adjustColumn(rel.oid(), attnum, inhcountDelta, islocal);
    }

    @Override
    public ColumnInheritance columnInheritance(Relation rel, int attnum) {
        return inheritance.column(rel.oid(), attnum);
    }

    @Override
    public void lockRelation(int relOid, int lockMode) {
        lock(relOid, lockMode);
    }

    @Override
    public boolean conditionalLockRelation(int relOid, int lockMode) {
        if (!env.locks().conditionalLockRelation(relOid, lockMode)) return false;
        env.inval().accept();
        return true;
    }

    private final ViewCatalog views;
    private final RuleCatalog rules;

    @Override
    public Dependencies dependencies() {
        return dependencies;
    }

    /** getRelationDescription: "table t", "view v", ...; qualified by schema when not visible through search_path. */
    private String describeRelation(ObjectAddress o) {
        Relation rel = env.relcache().byOid(o.objectId());
        if (rel == null) return null;
        String kind = switch (rel.relkind()) {
            case 'v' -> "view";
            case 'i', 'I' -> "index";
            case 'f' -> "foreign table";
            case 'c' -> "composite type";
            case 'S' -> "sequence";
            case 'm' -> "materialized view";
            case 't' -> "toast table";
            default -> "table";
        };
        String name = rel.name();
        if (relnameGetRelid(null, rel.name()) != rel.oid()) name = namespaceName(rel.namespace()) + "." + name;
        if (o.objectSubId() > 0 && o.objectSubId() <= rel.desc().natts()) {
            return "column " + rel.desc().attr(o.objectSubId() - 1).name() + " of " + kind + " " + name;
        }
        return kind + " " + name;
    }

    /** getObjectDescription of a pg_constraint row: "constraint c on table t", or null when it is gone. */
    private String describeConstraint(int conOid) {
        ConstraintInfo c = constraintByOid(conOid);
        if (c == null) return null;
        if (c.relid() == 0) return "constraint " + c.name();
        String rel = describeRelation(ObjectAddress.relation(c.relid()));
        return "constraint " + c.name() + (rel == null ? "" : " on " + rel);
    }

    private ConstraintInfo constraintByOid(int conOid) {
        for (TupleSlot s : writer.find(PG_CONSTRAINT, CatalogScan.key(PG_CONSTRAINT, "oid", conOid))) {
            return ConstraintInfo.fromRow(s.values());
        }
        return null;
    }

    @Override
    public int createView(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence, boolean replace,
                          String definition, List<Integer> referencedRelations) {
        int existing = replace ? relnameGetRelid(persistence == 't' ? "pg_temp" : schemaOrNull, name) : 0;
        if (existing != 0) {
            lock(existing, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            Relation old = env.relcache().byOid(existing);
            if (old != null && old.relkind() == 'v') {
                List<ColumnSpec> added = views.checkReplacement(old, columns);
                for (ColumnSpec c : added) {
                    int attnum = ddl.addColumn(env.relcache().byOid(existing), c);
                    ColumnTypeDependency.record(dependencies, existing, attnum, c.typeOid());
                    env.commandCounterIncrement().run();
                }
                views.replaceRule(existing, definition, referencedRelations);
                env.inval().registerRelcacheInval(existing);
                env.commandCounterIncrement().run();
                return existing;
            }
            if (old != null) {
                throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a view");
            }
        }
        int oid = createRelation(schemaOrNull, name, columns, persistence, false, List.of(), 'v');
        views.storeRule(oid, definition, referencedRelations);
        env.commandCounterIncrement().run();
        return oid;
    }

    @Override
    public int createMaterializedView(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence,
                                      List<String> reloptions, String definition, List<Integer> referencedRelations,
                                      boolean populated) {
        int oid = createRelation(schemaOrNull, name, columns, persistence, false, reloptions, 'm');
        views.storeRule(oid, definition, referencedRelations);
        env.commandCounterIncrement().run();
        if (!populated) setRelationPopulated(env.relcache().byOid(oid), false);
        return oid;
    }

    @Override
    public void setRelationPopulated(Relation rel, boolean populated) {
        TupleSlot cls = classRow(rel.oid());
        Object[] v = cls.values().clone();
        PG_CLASS.set(v, "relispopulated", populated);
        writer.update(PG_CLASS, cls, v);
        env.inval().registerRelcacheInval(rel.oid());
        env.commandCounterIncrement().run();
    }

    @Override
    public void setColumnType(Relation rel, int attnum, int typeOid, int typmod, int opclass, int collation) {
        ddl.setColumnType(rel, attnum, typeOid, typmod, opclass, collation);
        ColumnTypeDependency.change(writer, dependencies, rel.oid(), attnum, typeOid);
    }

    @Override
    public void dropColumn(Relation heap, int attnum, boolean cascade) {
        dependencies.performDeletion(List.of(new ObjectAddress(ObjectAddress.RELATION_RELATION_ID, heap.oid(), attnum)),
                cascade);
    }

    @Override
    public void recordViewColumnDependencies(Relation view, java.util.Map<Integer, java.util.BitSet> columns) {
        views.recordColumnDependencies(view.oid(), columns);
        env.commandCounterIncrement().run();
    }

    @Override
    public void recordViewObjectDependencies(Relation view, List<ObjectAddress> objects) {
        views.recordObjectDependencies(view.oid(), objects);
        env.commandCounterIncrement().run();
    }

    @Override
    public String viewDefinition(Relation view) {
        return views.definition(view.oid());
    }

    /**
     * RemoveTempRelations (namespace.c): drops, quietly and with CASCADE, every table, view,
     * sequence and foreign table a dead session left in temporary schema {@code nsp} (indexes and
     * TOAST tables go with their tables).
     */
    private void removeTempRelations(int nsp) {
        List<ObjectAddress> targets = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "relnamespace", nsp),
                v -> List.of("r", "p", "v", "m", "S", "f").contains((String) PG_CLASS.get(v, "relkind")))) {
            int relOid = oid(PG_CLASS.get(s.values(), "oid"));
            lock(relOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            targets.add(ObjectAddress.relation(relOid));
        }
        if (!targets.isEmpty()) dependencies.performDeletion(targets, true, true);
    }

    /**
     * Whether this session used its temporary schema: RemoveTempRelationsCallback's work at the
     * end of the session ({@link #removeOwnTempRelations}) is needed only then.
     */
    public boolean usedTempNamespace() {
        return namespaces.tempNamespaceIfUsed() != 0;
    }

    /** See {@link #usedTempNamespace}: RemoveTempRelations on this session's own temporary schema. */
    public boolean removeOwnTempRelations() {
        int nsp = namespaces.tempNamespaceIfUsed();
        if (nsp == 0) return false;
        removeTempRelations(nsp);
        return true;
    }

    @Override
    public void dropRelations(List<Relation> rels, boolean cascade) {
        List<ObjectAddress> targets = new ArrayList<>();
        for (Relation r : rels) {
            lock(r.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            targets.add(ObjectAddress.relation(r.oid()));
        }
        dependencies.performDeletion(targets, cascade);
    }

    @Override
    public Relation openRelation(String schemaOrNull, String name, int lockMode) {
        int relOid = relnameGetRelid(schemaOrNull, name);
        if (relOid == 0) return null;
        lock(relOid, lockMode);
        // Dropped or renamed while we waited for the lock: look again (RangeVarGetRelidExtended's retry).
        if (relnameGetRelid(schemaOrNull, name) != relOid) return openRelation(schemaOrNull, name, lockMode);
        return env.relcache().byOid(relOid);
    }

    @Override
    public void truncateRelation(Relation heap) {
        lock(heap.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        ddl.setNewRelfilenodes(heap);
    }

    @Override
    public void setNewHeapRelfilenode(Relation heap) {
        lock(heap.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        ddl.setNewHeapRelfilenode(heap);
    }

    @Override
    public void reindexIndex(Relation heap, Relation index, IndexKeyFormer keys) {
        ddl.reindexIndex(heap, index, keys, false);
        markRebuilt(heap, index);
    }

    @Override
    public void reindexIndexAfterRewrite(Relation heap, Relation index, IndexKeyFormer keys) {
        ddl.reindexIndex(heap, index, keys, true);
        // reindex_index's skipped_constraint: an unchecked unique or exclusion index stays as it was
        if (!index.index().unique() && !index.index().exclusion()) markRebuilt(heap, index);
    }

    /**
     * reindex_index: a rebuilt index is complete, so one left invalid or not ready by a failed
     * CREATE INDEX CONCURRENTLY is usable again (index_bad: indisvalid, indisready).
     */
    private void markRebuilt(Relation heap, Relation index) {
        if (!index.indexIsValid() || !index.indexIsReady()) {
            List<TupleSlot> rows = writer.find(PG_INDEX, v -> oid(PG_INDEX.get(v, "indexrelid")) == index.oid());
            Object[] v = rows.get(0).values().clone();
            PG_INDEX.set(v, "indisvalid", true);
            PG_INDEX.set(v, "indisready", true);
            PG_INDEX.set(v, "indislive", true);
            writer.update(PG_INDEX, rows.get(0), v);
            env.inval().registerRelcacheInval(index.oid());
            env.inval().registerRelcacheInval(heap.oid());
            env.commandCounterIncrement().run();
        }
    }

    @Override
    public long relationForkSize(Relation rel, int forkNumber) {
        if (rel.locator() == null) return 0;
        return env.storage().forkSize(rel.locator(), org.tusk.storage.smgr.ForkNumber.values()[forkNumber]);
    }

    @Override
    public void setComment(int classoid, int objoid, int objsubid, String comment) {
        comments.set(objoid, classoid, objsubid, comment);
    }

    @Override
    public boolean createdInCurrentSubTransaction(Relation rel) {
        return env.storage().createdInCurrentSubTransaction(rel.locator());
    }

    @Override
    public void setColumnStorage(Relation heap, int attnum, Character storage, Character compression) {
        ddl.setStorage(heap, attnum, storage, compression);
    }

    @Override
    public void setColumnIdentity(Relation heap, int attnum, char identity) {
        ddl.setIdentity(heap, attnum, identity);
    }

    @Override
    public void setColumnNotNull(Relation heap, int attnum, boolean notNull) {
        ddl.setNotNull(heap, attnum, notNull);
    }

    @Override
    public void setColumnDefault(Relation heap, int attnum, String defaultSql) {
        ddl.setDefault(heap, attnum, defaultSql);
    }

    @Override
    public void dropColumnGeneration(Relation heap, int attnum) {
        ddl.setDefault(heap, attnum, null);
        ddl.setGenerated(heap, attnum, (char) 0);
        int rel = heap.oid();
        writer.delete(SystemCatalogs.PG_DEPEND, v -> oid(SystemCatalogs.PG_DEPEND.get(v, "classid")) == ObjectAddress.RELATION_RELATION_ID
                && oid(SystemCatalogs.PG_DEPEND.get(v, "objid")) == rel
                && (Integer) SystemCatalogs.PG_DEPEND.get(v, "objsubid") == attnum
                && oid(SystemCatalogs.PG_DEPEND.get(v, "refclassid")) == ObjectAddress.RELATION_RELATION_ID
                && oid(SystemCatalogs.PG_DEPEND.get(v, "refobjid")) == rel);
        env.commandCounterIncrement().run();
    }

    @Override
    public int addColumn(Relation heap, ColumnSpec column) {
        checkColumns(List.of(column));
        int attnum = ddl.addColumn(heap, column);
        if (heap.relkind() != 'c') ColumnTypeDependency.record(dependencies, heap.oid(), attnum, column.typeOid());
        // AlterTableCreateToastTable: the new column may be the first that needs one
        env.commandCounterIncrement().run();
        toasting.createToastTableIfNeeded(heap.oid());
        return attnum;
    }

    @Override
    public int[] exclusionOperators(Relation index) {
        if (index.exclusionOperators() != null) return index.exclusionOperators();
        for (TupleSlot c : writer.find(PG_CONSTRAINT, CatalogScan.key(PG_CONSTRAINT, "conindid", index.oid()),
                v -> "x".equals(PG_CONSTRAINT.get(v, "contype")))) {
            int[] ops = (int[]) PG_CONSTRAINT.get(c.values(), "conexclop");
            if (ops != null) index.setExclusionOperators(ops);
            return ops;
        }
        return null;
    }

    @Override
    public List<ConstraintInfo> constraintsOf(Relation rel) {
        List<ConstraintInfo> cached = env.relcache().cachedConstraints(rel.oid(), false);
        if (cached != null) return cached;
        List<ConstraintInfo> found = constraints.ofRelation(rel.oid());
        env.relcache().rememberConstraints(rel.oid(), false, found);
        return found;
    }

    @Override
    public List<ConstraintInfo> constraintsNamed(String schemaOrNull, String name) {
        if (schemaOrNull != null) {
            int ns = namespaces.oidOf(schemaOrNull);
            if (ns == 0) throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schemaOrNull + "\" does not exist");
            return constraints.named(ns, name);
        }
        for (int ns : namespaces.activePath()) {
            List<ConstraintInfo> found = constraints.named(ns, name);
            if (!found.isEmpty()) return found;
        }
        return List.of();
    }

    private final TriggerDdl triggers;
    private final PolicyCatalog policies;

    @Override
    public PolicyCatalog policies() {
        return policies;
    }

    @Override
    public List<PolicyInfo> policiesOf(Relation rel) {
        List<PolicyInfo> cached = env.relcache().cachedPolicies(rel.oid());
        if (cached != null) return cached;
        List<PolicyInfo> found = policies.ofRelation(rel.oid());
        env.relcache().rememberPolicies(rel.oid(), found);
        return found;
    }

    @Override
    public TriggerDdl triggers() {
        return triggers;
    }

    @Override
    public List<RuleInfo> rulesOf(Relation rel) {
        List<RuleInfo> cached = env.relcache().cachedRules(rel.oid());
        if (cached != null) return cached;
        List<RuleInfo> found = rules.rulesOf(rel.oid());
        env.relcache().rememberRules(rel.oid(), found);
        return found;
    }

    @Override
    public int createRule(Relation rel, String name, char evType, boolean instead, String qual, List<String> actions,
                          boolean replace, List<Integer> referenced) {
        return rules.create(rel, name, evType, instead, qual, actions, replace, referenced);
    }

    @Override
    public void renameRule(Relation rel, RuleInfo rule, String newName) {
        rules.rename(rel, rule, newName);
    }

    @Override
    public void dropRule(RuleInfo rule, boolean cascade) {
        dependencies.performDeletion(List.of(RuleCatalog.address(rule.oid())), cascade);
    }

    @Override
    public List<TriggerInfo> triggersOf(Relation rel) {
        List<TriggerInfo> cached = env.relcache().cachedTriggers(rel.oid());
        if (cached != null) return cached;
        List<TriggerInfo> found = triggers.ofRelation(rel.oid());
        env.relcache().rememberTriggers(rel.oid(), found);
        return found;
    }

    @Override
    public List<ConstraintInfo> foreignKeysReferencing(Relation rel) {
        List<ConstraintInfo> cached = env.relcache().cachedConstraints(rel.oid(), true);
        if (cached != null) return cached;
        List<ConstraintInfo> found = constraints.referencing(rel.oid());
        env.relcache().rememberConstraints(rel.oid(), true, found);
        return found;
    }

    @Override
    public String chooseConstraintName(Relation rel, String colnameOrNull, String label) {
        return constraints.chooseName(rel, colnameOrNull, label);
    }

    @Override
    public int addConstraint(Relation rel, ConstraintInfo c) {
        checkName(c.name());
        return constraints.add(rel, c);
    }

    @Override
    public void dropConstraint(Relation rel, ConstraintInfo c) {
        if (c.contype() == 'p' || c.contype() == 'u' || c.contype() == 'x') {
            lock(c.indid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            // performDeletion of the constraint: its index, and the partitions' indexes and
            // constraints attached to it (DEPENDENCY_PARTITION_PRI) with it
            removeIndexTree(c.indid());
            env.commandCounterIncrement().run();
        } else {
            constraints.drop(c);
        }
    }

    @Override
    public void renameConstraint(Relation rel, ConstraintInfo c, String newName) {
        checkName(newName);
        constraints.rename(rel, c, newName);
        if (c.contype() == 'p' || c.contype() == 'u' || c.contype() == 'x') {
            Relation index = env.relcache().byOid(c.indid());
            if (index != null) ddl.renameRelation(index, newName);
        }
    }

    @Override
    public void setConstraintInheritance(ConstraintInfo c, boolean local, int inhcount) {
        constraints.setInheritance(c, local, inhcount);
    }

    @Override
    public void markConstraintValidated(ConstraintInfo c) {
        constraints.markValidated(c);
    }

    @Override
    public void renameRelation(Relation rel, String newName) {
        checkName(newName);
        ddl.renameRelation(rel, newName);
        if (rel.relkind() == 'i' && rel.index() != null) {
            // RenameRelationInternal: the index's PRIMARY KEY / UNIQUE constraint takes its new name
            Relation heap = env.relcache().byOid(rel.index().heapOid());
            if (heap != null) {
                for (ConstraintInfo c : constraints.ofRelation(heap.oid())) {
                    if (c.indid() == rel.oid() && (c.contype() == 'p' || c.contype() == 'u' || c.contype() == 'x')) {
                        constraints.rename(heap, c, newName);
                        env.inval().registerRelcacheInval(heap.oid());
                        env.commandCounterIncrement().run();
                    }
                }
            }
        }
    }

    @Override
    public void renameColumn(Relation heap, int attnum, String newName) {
        checkName(newName);
        if (CatalogRows.isSystemColumnName(newName)) {
            throw PgException.error(SqlState.DUPLICATE_COLUMN, "column name \"" + newName + "\" conflicts with a system column name");
        }
        ddl.renameColumn(heap, attnum, newName);
    }

    /** The columns of every sequence relation (FormData_pg_sequence_data). */
    private static final List<ColumnSpec> SEQUENCE_COLUMNS = List.of(new ColumnSpec("last_value", TypeOids.INT8, -1, true, null),
            new ColumnSpec("log_cnt", TypeOids.INT8, -1, true, null), new ColumnSpec("is_called", TypeOids.BOOL, -1, true, null));

    @Override
    public int createSequence(String schemaOrNull, String name, org.tusk.access.sequence.SeqParams p, char persistence,
                              boolean ifNotExists) {
        if (sequences == null) throw new IllegalStateException("this catalog was made without sequence storage");
        if (ifNotExists && relnameGetRelid(schemaOrNull, name) != 0) {
            env.notices().accept(new PgException(Severity.NOTICE, SqlState.DUPLICATE_TABLE,
                    "relation \"" + name + "\" already exists, skipping", null, null, 0));
            return relnameGetRelid(schemaOrNull, name);
        }
        int oid = createRelation(schemaOrNull, name, SEQUENCE_COLUMNS, persistence, false, List.of(), 'S');
        Object[] row = PG_SEQUENCE.newRow();
        PG_SEQUENCE.set(row, "seqrelid", oid);
        PG_SEQUENCE.set(row, "seqtypid", p.typeOid());
        PG_SEQUENCE.set(row, "seqstart", p.start());
        PG_SEQUENCE.set(row, "seqincrement", p.increment());
        PG_SEQUENCE.set(row, "seqmax", p.max());
        PG_SEQUENCE.set(row, "seqmin", p.min());
        PG_SEQUENCE.set(row, "seqcache", p.cache());
        PG_SEQUENCE.set(row, "seqcycle", p.cycle());
        writer.insert(PG_SEQUENCE, row);
        env.commandCounterIncrement().run();
        Relation seqRel = env.relcache().byOid(oid);
        sequences.initialize(seqRel, p.start());
        // fill_seq_with_data: an unlogged sequence's init fork holds its first state
        if (seqRel.persistence() == 'u') {
            env.storage().createInitFork(seqRel.locator(),
                    List.of(org.tusk.access.sequence.Sequences.initialPage(seqRel, p.start())));
        }
        return oid;
    }

    @Override
    public org.tusk.access.sequence.SeqParams sequenceParams(Relation seq) {
        List<TupleSlot> rows = writer.find(PG_SEQUENCE, CatalogScan.key(PG_SEQUENCE, "seqrelid", seq.oid()));
        if (rows.isEmpty()) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for sequence " + Integer.toUnsignedString(seq.oid()));
        }
        Object[] v = rows.get(0).values();
        return new org.tusk.access.sequence.SeqParams(oid(PG_SEQUENCE.get(v, "seqtypid")), (Long) PG_SEQUENCE.get(v, "seqstart"),
                (Long) PG_SEQUENCE.get(v, "seqincrement"), (Long) PG_SEQUENCE.get(v, "seqmax"), (Long) PG_SEQUENCE.get(v, "seqmin"),
                (Long) PG_SEQUENCE.get(v, "seqcache"), (Boolean) PG_SEQUENCE.get(v, "seqcycle"));
    }

    @Override
    public long sequenceLastValue(Relation seq) {
        return sequences.read(seq).lastValue();
    }

    @Override
    public void alterSequence(Relation seq, org.tusk.access.sequence.SeqParams p, Long restart) {
        List<TupleSlot> rows = writer.find(PG_SEQUENCE, CatalogScan.key(PG_SEQUENCE, "seqrelid", seq.oid()));
        if (rows.isEmpty()) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for sequence " + Integer.toUnsignedString(seq.oid()));
        }
        Object[] row = rows.get(0).values().clone();
        PG_SEQUENCE.set(row, "seqtypid", p.typeOid());
        PG_SEQUENCE.set(row, "seqstart", p.start());
        PG_SEQUENCE.set(row, "seqincrement", p.increment());
        PG_SEQUENCE.set(row, "seqmax", p.max());
        PG_SEQUENCE.set(row, "seqmin", p.min());
        PG_SEQUENCE.set(row, "seqcache", p.cache());
        PG_SEQUENCE.set(row, "seqcycle", p.cycle());
        writer.update(PG_SEQUENCE, rows.get(0), row);
        env.inval().registerRelcacheInval(seq.oid());
        env.commandCounterIncrement().run();
        if (restart != null) sequences.setval(seq, p, restart, false);
        else sequences.discardCached(seq.oid());
    }

    @Override
    public List<Relation> userTables() {
        return userRelations("r");
    }

    @Override
    public List<Relation> userPartitionedTables() {
        return userRelations("p");
    }

    private List<Relation> userRelations(String relkind) {
        List<Relation> out = new ArrayList<>();
        // Temporary tables are left out: another session's are not ours to touch.
        for (TupleSlot s : writer.find(PG_CLASS, v -> relkind.equals(PG_CLASS.get(v, "relkind"))
                && !"t".equals(PG_CLASS.get(v, "relpersistence"))
                && oid(PG_CLASS.get(v, "relnamespace")) != PG_CATALOG_NAMESPACE)) {
            Relation r = openRelation(oid(PG_CLASS.get(s.values(), "oid")));
            if (r != null) out.add(r);
        }
        return out;
    }

    @Override
    public int namespaceOid(String name) {
        return namespaces.oidOf(name);
    }

    @Override
    public int namespaceOwner(int namespaceOid) {
        return namespaces.owner(namespaceOid);
    }

    @Override
    public int createNamespace(String name, int ownerOid) {
        return namespaces.create(name, ownerOid);
    }

    @Override
    public List<Relation> relationsInNamespace(int namespaceOid) {
        List<Relation> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "relnamespace", namespaceOid), v -> !"i".equals(PG_CLASS.get(v, "relkind")))) {
            Relation r = openRelation(oid(PG_CLASS.get(s.values(), "oid")));
            if (r != null) out.add(r);
        }
        out.sort((a, b) -> Integer.compareUnsigned(a.oid(), b.oid()));
        return out;
    }

    @Override
    public void dropNamespace(int namespaceOid) {
        namespaces.drop(namespaceOid);
    }

    @Override
    public void renameNamespace(int namespaceOid, String newName) {
        namespaces.rename(namespaceOid, newName);
    }

    @Override
    public void setNamespaceOwner(int namespaceOid, int ownerOid) {
        namespaces.setOwner(namespaceOid, ownerOid);
    }

    @Override
    public int[] namespaceAcl(int namespaceOid) {
        List<TupleSlot> rows = writer.find(PG_NAMESPACE, CatalogScan.key(PG_NAMESPACE, "oid", namespaceOid));
        return rows.isEmpty() ? null : (int[]) PG_NAMESPACE.get(rows.get(0).values(), "nspacl");
    }

    @Override
    public void setNamespaceAcl(int namespaceOid, int[] acl) {
        namespaces.setAcl(namespaceOid, acl);
    }

    @Override
    public String namespaceName(int namespaceOid) {
        List<TupleSlot> rows = writer.find(PG_NAMESPACE, CatalogScan.key(PG_NAMESPACE, "oid", namespaceOid));
        return rows.isEmpty() ? null : (String) PG_NAMESPACE.get(rows.get(0).values(), "nspname");
    }

    @Override
    public void replaceStatistics(Relation rel, List<ColumnStatistics> stats) {
        replaceStatistics(rel, stats, false);
    }

    @Override
    public void replaceInheritedStatistics(Relation rel, List<ColumnStatistics> stats) {
        replaceStatistics(rel, stats, true);
    }

    /** update_attstats: {@code rel}'s rows of this stainherit replaced by one per column. */
    private void replaceStatistics(Relation rel, List<ColumnStatistics> stats, boolean inherited) {
        int relOid = rel.oid();
        writer.delete(PG_STATISTIC, v -> oid(PG_STATISTIC.get(v, "starelid")) == relOid
                && (Boolean) PG_STATISTIC.get(v, "stainherit") == inherited);
        env.commandCounterIncrement().run();
        for (ColumnStatistics c : stats) {
            Object[] row = PG_STATISTIC.newRow();
            PG_STATISTIC.set(row, "starelid", relOid);
            PG_STATISTIC.set(row, "staattnum", (short) c.attnum());
            PG_STATISTIC.set(row, "stainherit", inherited);
            PG_STATISTIC.set(row, "stanullfrac", c.nullFrac());
            PG_STATISTIC.set(row, "stawidth", c.width());
            PG_STATISTIC.set(row, "stadistinct", c.distinct());
            for (int i = 1; i <= 5; i++) {
                StatisticsSlot slot = i <= c.slots().size() ? c.slots().get(i - 1) : null;
                PG_STATISTIC.set(row, "stakind" + i, (short) (slot == null ? 0 : slot.kind()));
                PG_STATISTIC.set(row, "staop" + i, slot == null ? 0 : slot.op());
                PG_STATISTIC.set(row, "stacoll" + i, slot == null ? 0 : slot.coll());
                if (slot != null && slot.numbers() != null) {
                    Object[] nums = new Object[slot.numbers().length];
                    for (int k = 0; k < nums.length; k++) nums[k] = slot.numbers()[k];
                    PG_STATISTIC.set(row, "stanumbers" + i, org.tusk.utils.adt.ArrayValue.of1d(TypeOids.FLOAT4, java.util.Arrays.asList(nums)));
                }
                if (slot != null && slot.values() != null) PG_STATISTIC.set(row, "stavalues" + i, slot.values());
            }
            writer.insert(PG_STATISTIC, row);
        }
        // the planner keeps a relation's statistics rows on its relcache entry (Relation.statisticsCache)
        env.inval().registerRelcacheInval(relOid);
        env.commandCounterIncrement().run();
    }

    @Override
    public ColumnStatistics statistics(int relOid, int attnum) {
        for (TupleSlot t : writer.find(PG_STATISTIC, CatalogScan.key(PG_STATISTIC, "starelid", relOid))) {
            Object[] v = t.values();
            if ((Short) PG_STATISTIC.get(v, "staattnum") != attnum || (Boolean) PG_STATISTIC.get(v, "stainherit")) continue;
            List<StatisticsSlot> slots = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int kind = (Short) PG_STATISTIC.get(v, "stakind" + i);
                if (kind == 0) continue;
                float[] numbers = null;
                if (PG_STATISTIC.get(v, "stanumbers" + i) instanceof org.tusk.utils.adt.ArrayValue a) {
                    numbers = new float[a.size()];
                    for (int k = 0; k < numbers.length; k++) numbers[k] = ((Number) a.get(k)).floatValue();
                }
                slots.add(new StatisticsSlot(kind, oid(PG_STATISTIC.get(v, "staop" + i)), oid(PG_STATISTIC.get(v, "stacoll" + i)),
                        numbers, (org.tusk.utils.adt.ArrayValue) PG_STATISTIC.get(v, "stavalues" + i)));
            }
            return new ColumnStatistics(attnum, (Float) PG_STATISTIC.get(v, "stanullfrac"), (Integer) PG_STATISTIC.get(v, "stawidth"),
                    (Float) PG_STATISTIC.get(v, "stadistinct"), List.copyOf(slots));
        }
        return null;
    }

    @Override
    public void updateRelationStats(Relation rel, int relpages, double reltuples, int relallvisible) {
        ddl.updateStats(rel, relpages, reltuples, relallvisible);
    }

    @Override
    public java.util.Map<Integer, Character> onCommitActions() {
        return onCommitActions;
    }

    // ------------------------------------------------------------------ lookup

    /**
     * The lookups of the reg* types and catalog functions over this catalog ({@link ObjectNames}),
     * with roles and databases from {@code shared}, the session's view of the shared catalogs, and
     * stored text scanned with the session's {@code scanSettings}.
     */
    public ObjectNames objectNames(java.util.function.Supplier<BootstrapCatalog> shared, org.tusk.utils.misc.ScanSettings scanSettings) {
        return new HeapObjectNames(this, writer, namespaces, oid -> shared.get().role(oid).map(BootstrapCatalog.Role::name),
                name -> shared.get().role(name).map(BootstrapCatalog.Role::oid).orElse(0), shared, scanSettings);
    }

    @Override
    public Relation openRelation(String schemaOrNull, String name) {
        int relOid = relnameGetRelid(schemaOrNull, name);
        if (relOid == 0) return null;
        lock(relOid, RelationLocks.ACCESS_SHARE_LOCK);
        return env.relcache().byOid(relOid);
    }

    @Override
    public Relation openRelation(int oid) {
        lock(oid, RelationLocks.ACCESS_SHARE_LOCK);
        return env.relcache().byOid(oid);
    }

    @Override
    public Relation relationNoLock(int oid) {
        return env.relcache().byOid(oid);
    }

    @Override
    public List<Relation> indexesOf(Relation heap) {
        List<Relation> out = new ArrayList<>();
        for (int ix : env.relcache().indexOids(heap.oid())) {
            Relation r = env.relcache().byOid(ix);
            if (r != null) out.add(r);
        }
        return out;
    }

    @Override
    public List<String> columnDefaults(Relation heap) {
        List<String> all = attrDefaults(heap);
        if (!heap.hasGeneratedStored()) return all;
        String[] out = all.toArray(new String[0]);
        for (int attnum = 1; attnum <= out.length; attnum++) if (heap.attgenerated(attnum) != 0) out[attnum - 1] = null;
        return java.util.Arrays.asList(out);
    }

    @Override
    public List<String> generationExpressions(Relation heap) {
        List<String> all = attrDefaults(heap);
        String[] out = new String[all.size()];
        for (int attnum = 1; attnum <= out.length; attnum++) if (heap.attgenerated(attnum) != 0) out[attnum - 1] = all.get(attnum - 1);
        return java.util.Arrays.asList(out);
    }

    /** pg_attrdef's expressions of {@code heap}, defaults and generation expressions alike, by attribute. */
    private List<String> attrDefaults(Relation heap) {
        // Kept with the relcache entry (rd_att->constr->defval): a change of a default sends an
        // invalidation for the relation, which drops this too.
        List<String> cached = env.relcache().cachedDefaults(heap.oid());
        if (cached != null && cached.size() == heap.desc().natts()) return cached;
        List<String> defaults = readColumnDefaults(heap);
        env.relcache().rememberDefaults(heap.oid(), defaults);
        return defaults;
    }

    /**
     * The defaults as the executor applies them: pg_attrdef's, and for an identity column, which
     * has none there (as in PostgreSQL), nextval of the sequence it owns (build_column_default's
     * NextValueExpr).
     */
    private List<String> readColumnDefaults(Relation heap) {
        String[] defs = new String[heap.desc().natts()];
        for (TupleSlot s : writer.find(PG_ATTRDEF, CatalogScan.key(PG_ATTRDEF, "adrelid", heap.oid()))) {
            int adnum = (Short) PG_ATTRDEF.get(s.values(), "adnum");
            if (adnum >= 1 && adnum <= defs.length) defs[adnum - 1] = (String) PG_ATTRDEF.get(s.values(), "adbin");
        }
        for (int attnum = 1; attnum <= defs.length; attnum++) {
            if (defs[attnum - 1] != null || heap.attidentity(attnum) == 0) continue;
            List<Integer> owned = relationOwnership.ownedSequences(heap.oid(), attnum);
            if (owned.isEmpty()) continue;
            Relation seq = env.relcache().byOid(owned.get(0));
            if (seq == null) continue;
            defs[attnum - 1] = "nextval('" + org.tusk.utils.adt.RegTypes.quote(namespaceName(seq.namespace())).replace("'", "''")
                    + "." + org.tusk.utils.adt.RegTypes.quote(seq.name()).replace("'", "''") + "'::regclass)";
        }
        return java.util.Arrays.asList(defs);
    }

    /** RangeVarGetRelid without locking: the relation's OID, or 0 (also when the schema does not exist). */
    @Override
    public int relnameGetRelid(String schemaOrNull, String name) {
        if (schemaOrNull != null) {
            int nsp = namespaces.lookupExplicit(schemaOrNull);
            return nsp == 0 ? 0 : relidInNamespace(name, nsp);
        }
        for (int nsp : namespaces.activePath()) {
            int oid = relidInNamespace(name, nsp);
            if (oid != 0) return oid;
        }
        return 0;
    }

    /** The relcache's key of a relation name lookup in one namespace. */
    private record RelnameKey(int namespace, String name) {}

    private int relidInNamespace(String name, int nsp) {
        RelnameKey key = new RelnameKey(nsp, name);
        Integer cached = env.relcache().cachedOid(key);
        if (cached != null) return cached;
        List<TupleSlot> rows = writer.find(PG_CLASS, CatalogScan.nameKey(PG_CLASS, "relname", name),
                v -> oid(PG_CLASS.get(v, "relnamespace")) == nsp);
        int oid = rows.isEmpty() ? 0 : oid(PG_CLASS.get(rows.get(0).values(), "oid"));
        env.relcache().rememberOid(key, oid);
        return oid;
    }

    /** LockRelationOid: the lock, then AcceptInvalidationMessages. */
    private void lock(int relOid, int mode) {
        env.locks().lockRelation(relOid, mode);
        env.inval().accept();
    }

    // ------------------------------------------------------------------ CREATE TABLE

    @Override
    public int createTable(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence, boolean ifNotExists) {
        return createTable(schemaOrNull, name, columns, persistence, ifNotExists, List.of());
    }

    @Override
    public int createTable(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence, boolean ifNotExists,
                           List<String> reloptions) {
        return createRelation(schemaOrNull, name, columns, persistence, ifNotExists, reloptions, 'r');
    }

    /** heap_create_with_catalog for a table ('r') or a sequence ('S'). */
    private int createRelation(String schemaOrNull, String name, List<ColumnSpec> columns, char persistence,
                               boolean ifNotExists, List<String> reloptions, char relkind) {
        int nsp;
        if (persistence == 't') {
            if (schemaOrNull != null && !schemaOrNull.equals("pg_temp") && !schemaOrNull.startsWith("pg_temp_")) {
                throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "cannot create temporary relation in non-temporary schema");
            }
            nsp = namespaces.tempNamespace();
        } else if (schemaOrNull != null) {
            if (schemaOrNull.equals("pg_temp")) {
                persistence = 't';
                nsp = namespaces.tempNamespace();
            } else {
                nsp = namespaces.require(schemaOrNull);
            }
        } else {
            nsp = namespaces.creationNamespace();
        }
        // an index or TOAST table goes where its table is; it is the table that needed CREATE
        if (relkind != 'i' && relkind != 'I' && relkind != 't') namespaces.checkCreate(nsp);
        checkName(name);
        if (relkind == 'c') checkCompositeColumns(columns); else checkColumns(columns);

        int existing = relidInNamespace(name, nsp);
        if (existing != 0) {
            if (ifNotExists) {
                env.notices().accept(new PgException(Severity.NOTICE, SqlState.DUPLICATE_TABLE,
                        "relation \"" + name + "\" already exists, skipping", null, null, 0));
                return existing;
            }
            throw PgException.error(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        ArrayTypeNames arrayNames = new ArrayTypeNames(env, writer);
        if (!writer.find(PG_TYPE, CatalogScan.nameKey(PG_TYPE, "typname", name), v -> oid(PG_TYPE.get(v, "typnamespace")) == nsp).isEmpty()
                && !arrayNames.moveArrayTypeName(name, nsp)) {
            throw new PgException(Severity.ERROR, SqlState.DUPLICATE_OBJECT, "type \"" + name + "\" already exists", null,
                    "A relation has an associated type of the same name, so you must use a name that doesn't conflict with any existing type.", 0);
        }

        int owner = env.userOid().getAsInt();
        int relOid = newRelFileNumber();
        boolean hasStorage = relkind != 'v' && relkind != 'p' && relkind != 'c';   // RELKIND_HAS_STORAGE
        env.locks().lockRelation(relOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (hasStorage) env.storage().create(locator(relOid), persistence);
        // heap_create: an unlogged table (not a sequence, whose init fork holds its first tuple) gets an empty init fork
        if (hasStorage && persistence == 'u' && relkind != 'S') env.storage().createHeapInitFork(locator(relOid));

        // AddNewRelationType: the row type and its array type.
        int typeOid = writer.newOid(PG_TYPE, "oid");
        int arrayOid = writer.newOid(PG_TYPE, "oid");
        PgTypeRows.TypeRow rowType = PgTypeRows.rowType(typeOid, name, relOid, arrayOid);
        writer.insert(PG_TYPE, PgTypeRows.toRow(rowType, nsp, owner));
        writer.insert(PG_TYPE, PgTypeRows.toRow(PgTypeRows.arrayOf(rowType, arrayNames.makeArrayTypeName(name, nsp)), nsp, owner));

        Object[] classRow = CatalogRows.classRow(relOid, name, nsp, typeOid, owner, hasStorage ? HEAP_TABLE_AM_OID : 0,
                hasStorage ? relOid : 0, persistence, relkind, columns.size(), relkind == 'r' || relkind == 'm' ? frozenXidForNewTable() : 0);
        if (relkind == 'v' || relkind == 'm') PG_CLASS.set(classRow, "relhasrules", true);
        // heap_create_with_catalog: the owner's default privileges (get_user_default_acl) for tables and sequences
        if ("rvmfpS".indexOf(relkind) >= 0) {
            PG_CLASS.set(classRow, "relacl", new DefaultAcls(env, writer).forNewObject(
                    relkind == 'S' ? DefaultAcls.SEQUENCE : DefaultAcls.RELATION, owner, nsp));
        }
        if (!reloptions.isEmpty()) PG_CLASS.set(classRow, "reloptions", reloptions.toArray(new String[0]));
        writer.insert(PG_CLASS, classRow);
        // heap_create_with_catalog: the relation depends on its schema, unless that is pinned
        // (IsPinnedObject: made by initdb, below FirstUnpinnedObjectId, public excepted)
        if (nsp == SystemCatalogs.PG_PUBLIC_NAMESPACE || Integer.compareUnsigned(nsp, FIRST_UNPINNED_OBJECT_ID) >= 0) {
            dependencies.recordDependencyOn(ObjectAddress.relation(relOid),
                    new ObjectAddress(IndexDependencies.NAMESPACE_RELATION_ID, nsp, 0), DependencyType.NORMAL);
        }
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            Object[] att = CatalogRows.attributeRow(relOid, c.name(), c.typeOid(), i + 1, c.typmod(),
                    c.notNull(), c.defaultSql() != null);
            if (c.identity() != 0) PG_ATTRIBUTE.set(att, "attidentity", String.valueOf(c.identity()));
            if (c.generated() != 0) PG_ATTRIBUTE.set(att, "attgenerated", String.valueOf(c.generated()));
            if (c.collation() != 0) PG_ATTRIBUTE.set(att, "attcollation", c.collation());
            writer.insert(PG_ATTRIBUTE, att);
            if (relkind != 'c') ColumnTypeDependency.record(dependencies, relOid, i + 1, c.typeOid());
        }
        // Views have no system columns (heap_create_with_catalog adds them for relkinds other than views).
        // heap_create_with_catalog: views and composite types have no system attributes
        if (relkind != 'v' && relkind != 'c') for (Object[] sys : CatalogRows.systemAttributeRows(relOid)) writer.insert(PG_ATTRIBUTE, sys);
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            if (c.defaultSql() != null) {
                writer.insert(PG_ATTRDEF, CatalogRows.attrdefRow(writer.newOid(PG_ATTRDEF, "oid"), relOid, i + 1, c.defaultSql()));
            }
        }
        env.inval().registerRelcacheInval(relOid);
        env.commandCounterIncrement().run();
        if (relkind == 'r' || relkind == 'm') toasting.createToastTableIfNeeded(relOid);   // NewRelationCreateToastTable
        return relOid;
    }

    /**
     * relfrozenxid of a new table: PostgreSQL uses RecentXmin; any xid at or before the creating
     * transaction's is correct for an empty table. The table AM freezes nothing yet, so Tusk
     * records FirstNormalTransactionId, which vacuum would advance.
     */
    private static int frozenXidForNewTable() {
        return CatalogRows.FIRST_NORMAL_TRANSACTION_ID;
    }

    private static void checkName(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length >= DatumType.NAMEDATALEN) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "name \"" + name + "\" is longer than 63 bytes");
        }
    }

    /** CheckAttributeNamesTypes. */
    private void checkColumns(List<ColumnSpec> columns) {
        if (columns.size() > HeapTupleHeader.MAX_HEAP_ATTRIBUTE_NUMBER) {
            throw PgException.error(SqlState.TOO_MANY_COLUMNS,
                    "tables can have at most " + HeapTupleHeader.MAX_HEAP_ATTRIBUTE_NUMBER + " columns");
        }
        Set<String> seen = new HashSet<>();
        for (ColumnSpec c : columns) {
            checkName(c.name());
            if (CatalogRows.isSystemColumnName(c.name())) {
                throw PgException.error(SqlState.DUPLICATE_COLUMN, "column name \"" + c.name() + "\" conflicts with a system column name");
            }
            if (!seen.add(c.name())) {
                throw PgException.error(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than once");
            }
            checkNotPseudoType(c);
            if (types.isEnum(c.typeOid())) continue;   // stored as its pg_enum OID
            if (types.composite(c.typeOid()) != null) continue;   // stored as a HeapTupleHeader Datum
            if (types.isCompositeArray(c.typeOid())) continue;   // an array of HeapTupleHeader Datums
            if (types.domainArrayStorage(c.typeOid()) != null) continue;   // an array of the domain's base type's values
            if (types.baseTypeStorage(c.typeOid()) != null) continue;   // a user base type: its representation's Datum
            if (types.range(c.typeOid()) != null && DatumType.forOid(c.typeOid()) != null) continue;   // a user range type
            int base = TypeCache.baseType(c.typeOid());
            if (base != c.typeOid() && (types.isEnum(base) || types.composite(base) != null
                    || types.baseTypeStorage(base) != null
                    || DatumType.forOid(base) != null && DatumType.forOid(base).javaClass() != Void.class)) {
                continue;   // a domain: stored as its base type
            }
            TypeCache.UserType user = types.type(c.typeOid());
            if (user != null && user.typtype() == 'b') {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "column \"" + c.name() + "\" has type "
                        + user.name() + ", which cannot be stored in a table yet");
            }
            if (CatalogRows.builtinType(c.typeOid()) == null) {
                throw PgException.error(SqlState.UNDEFINED_OBJECT, "type with OID " + Integer.toUnsignedString(c.typeOid()) + " does not exist");
            }
            if (DatumType.forOid(c.typeOid()) == null || DatumType.forOid(c.typeOid()).javaClass() == Void.class) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "column \"" + c.name() + "\" has type "
                        + CatalogRows.builtinType(c.typeOid()).typname() + ", which cannot be stored in a table yet");
            }
        }
    }

    /**
     * DefineCompositeType's relation: a pg_class row of relkind 'c' without storage, its
     * attributes, and its row type (typtype 'c') with the array type; returns the relation's OID.
     */
    public int createCompositeType(String schemaOrNull, String name, List<ColumnSpec> columns) {
        int nsp = namespaces.creationTarget(schemaOrNull);
        if (types.typeOidIn(name, nsp) != 0 && !new ArrayTypeNames(env, writer).moveArrayTypeName(name, nsp)
                || nsp == SystemCatalogs.PG_CATALOG_NAMESPACE && BuiltinCatalog.typeByName(name) != null)
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "type \"" + name + "\" already exists");
        return createRelation(schemaOrNull, name, columns, 'p', false, List.of(), 'c');
    }

    /** A composite type's columns may have any existing type that is not a pseudo-type (CheckAttributeType). */
    private void checkCompositeColumns(List<ColumnSpec> columns) {
        Set<String> seen = new HashSet<>();
        for (ColumnSpec c : columns) {
            checkName(c.name());
            if (!seen.add(c.name()))
                throw PgException.error(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than once");
            PgType t = BuiltinCatalog.type(c.typeOid());
            if (t == null)
                throw PgException.error(SqlState.UNDEFINED_OBJECT, "type with OID " + Integer.toUnsignedString(c.typeOid()) + " does not exist");
            checkNotPseudoType(c);
        }
    }

    /**
     * CheckAttributeType's first test: no column may have a pseudo-type (typtype 'p'), which
     * includes unknown (category 'X') as well as the polymorphic and record pseudo-types.
     */
    private static void checkNotPseudoType(ColumnSpec c) {
        PgTypeRows.TypeRow row = CatalogRows.builtinType(c.typeOid());
        if (row != null && row.typtype() == 'p') {
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "column \"" + c.name() + "\" has pseudo-type "
                    + BuiltinCatalog.type(c.typeOid()).sqlName());
        }
    }

    /** GetNewRelFileNumber: an OID unused in pg_class whose file does not exist either. */
    private int newRelFileNumber() {
        while (true) {
            int candidate = writer.newOid(PG_CLASS, "oid");
            if (!env.storage().exists(locator(candidate))) return candidate;
        }
    }

    private RelFileLocator locator(int relfilenode) {
        return RelFileLocator.inDefaultTablespace(env.databaseOid(), relfilenode);
    }

    // ------------------------------------------------------------------ CREATE INDEX

    @Override
    public int createIndex(String nameOrNull, Relation heap, int[] attnums, boolean unique, boolean primary, boolean ifNotExists) {
        return createIndex(nameOrNull, heap, attnums, unique, primary, unique || primary, ifNotExists);
    }

    /**
     * index_create. With {@code isConstraint} the index backs a PRIMARY KEY or UNIQUE constraint
     * and gets a pg_constraint row named like it (CREATE UNIQUE INDEX passes false).
     */
    public int createIndex(String nameOrNull, Relation heap, int[] attnums, boolean unique, boolean primary,
                           boolean isConstraint, boolean ifNotExists) {
        return createIndex(heap, IndexSpec.ofColumns(nameOrNull, attnums, unique, primary, isConstraint, ifNotExists), null);
    }

    @Override
    public int createIndex(Relation heap, IndexSpec spec, java.util.function.Function<Relation, IndexKeyFormer> formers) {
        return createIndex(heap, spec, formers, false);
    }

    @Override
    public int createIndexConcurrently(Relation heap, IndexSpec spec) {
        return createIndex(heap, spec, null, true);
    }

    /**
     * index_create; {@code concurrent} (INDEX_CREATE_CONCURRENT | INDEX_CREATE_SKIP_BUILD): the
     * table is held ShareUpdateExclusiveLock rather than ShareLock, the pg_index row says neither
     * ready nor valid, and the index is left empty for DefineIndex's later transactions.
     */
    private int createIndex(Relation heap, IndexSpec spec, java.util.function.Function<Relation, IndexKeyFormer> formers,
                            boolean concurrent) {
        // the key columns, then the INCLUDE columns (indkey; indnkeyatts counts the keys)
        int nkey = spec.attnums().length;
        int[] includes = spec.includeAttnums();
        int[] attnums = java.util.Arrays.copyOf(spec.attnums(), nkey + includes.length);
        System.arraycopy(includes, 0, attnums, nkey, includes.length);
        boolean unique = spec.unique(), primary = spec.primary(), isConstraint = spec.isConstraint();
        lock(heap.oid(), concurrent ? RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK : RelationLocks.SHARE_LOCK);
        // 't': a TOAST relation's own index, made by create_toast_table
        if (heap.relkind() != 'r' && heap.relkind() != 'p' && heap.relkind() != 't' && heap.relkind() != 'm') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + heap.name() + "\" is not a table");
        }
        // An index on a partitioned table is a partitioned index (relkind 'I'): catalog rows
        // only, no storage and no build; its partitions' indexes hold the entries.
        boolean partitioned = heap.relkind() == 'p';
        if (attnums.length == 0) throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "must specify at least one column");
        if (attnums.length > 32) throw PgException.error(SqlState.TOO_MANY_COLUMNS, "cannot use more than 32 columns in an index");
        if ((spec.hasExpressions() || spec.predicateSql() != null) && formers == null && !partitioned && !concurrent) {
            throw new IllegalArgumentException("an index with expressions or a predicate needs a key former");
        }
        // The index's own columns (ConstructTupleDescriptor): a table column's name, type and
        // typmod, or an expression's column name and result type.
        List<String> colnames = new ArrayList<>();
        int[] colTypes = new int[attnums.length];
        int[] colTypmods = new int[attnums.length];
        short[] keys = new short[attnums.length];
        int[] collations = new int[nkey];
        int[] opclasses = new int[nkey];
        int expr = 0;
        for (int i = 0; i < attnums.length; i++) {
            int attnum = attnums[i];
            int typeOid;
            if (attnum == 0) {
                IndexSpec.ExprColumn e = spec.expressions().get(expr++);
                colnames.add(e.name());
                typeOid = e.typeOid();
                colTypmods[i] = e.typmod();
                if (i < nkey) collations[i] = CatalogRows.builtinCollation(typeOid);
            } else {
                if (attnum < 1 || attnum > heap.desc().natts()) throw new IllegalArgumentException("no attribute " + attnum + " in " + heap);
                Object[] att = attributeRow(heap.oid(), attnum).values();
                colnames.add((String) PG_ATTRIBUTE.get(att, "attname"));
                typeOid = oid(PG_ATTRIBUTE.get(att, "atttypid"));
                colTypmods[i] = (Integer) PG_ATTRIBUTE.get(att, "atttypmod");
                if (i < nkey) collations[i] = oid(PG_ATTRIBUTE.get(att, "attcollation"));
            }
            colTypes[i] = typeOid;
            keys[i] = (short) attnum;
            // an INCLUDE column is neither ordered nor compared: no operator class, no collation in pg_index
            if (i >= nkey) continue;
            if (spec.collations() != null && spec.collations()[i] != 0) collations[i] = spec.collations()[i];
            int given = spec.opclasses() == null ? 0 : spec.opclasses()[i];
            if (spec.relam() == GinOpclassCatalog.GIN_AM_OID) {
                // index_create's ConstructTupleDescriptor: the index column stores the class's key type
                opclasses[i] = given;
                colTypes[i] = GinOpclassCatalog.keyType(GinOpclassCatalog.byOid(given), typeOid);
                colTypmods[i] = -1;
                continue;
            }
            if (spec.relam() == SystemCatalogs.GIST_AM_OID) {
                // ResolveOpClass for gist; ConstructTupleDescriptor stores the class's key type (opckeytype)
                opclasses[i] = given != 0 ? given : GistOpclassCatalog.defaultFor(typeOid);
                if (opclasses[i] == 0) {
                    throw new PgException(Severity.ERROR, SqlState.UNDEFINED_OBJECT, "data type "
                            + BuiltinCatalog.formatType(typeOid) + " has no default operator class for access method \"gist\"",
                            null, "You must specify an operator class for the index or define a default operator class for the data type.", 0);
                }
                colTypes[i] = GistOpclassCatalog.keyType(opclasses[i], typeOid);
                continue;
            }
            if (spec.relam() == SystemCatalogs.HASH_AM_OID) {
                // ResolveOpClass for hash (the commands layer resolved a written or default class)
                opclasses[i] = given != 0 ? given : HashOpclassCatalog.defaultFor(typeOid);
                if (opclasses[i] == 0) {
                    throw new PgException(Severity.ERROR, SqlState.UNDEFINED_OBJECT, "data type "
                            + BuiltinCatalog.formatType(typeOid) + " has no default operator class for access method \"hash\"",
                            null, "You must specify an operator class for the index or define a default operator class for the data type.", 0);
                }
                continue;
            }
            if (types.baseTypeStorage(typeOid) != null) {
                opclasses[i] = BaseTypeIndexing.btreeOpclass(this.opclasses, typeOid, given);
                continue;
            }
            opclasses[i] = given != 0 ? given : BtreeOpclasses.defaultFor(typeOid);
            if (given == 0 && !BtreeOpclasses.hasDefault(typeOid) && !types.isEnum(typeOid)) {   // enum_ops covers every enum type
                throw new PgException(Severity.ERROR, SqlState.UNDEFINED_OBJECT, "data type "
                        // format_type_be: a user-defined (e.g. composite) type has no built-in pg_type row
                        + BuiltinCatalog.formatType(typeOid) + " has no default operator class for access method \"btree\"",
                        null, "You must specify an operator class for the index or define a default operator class for the data type.", 0);
            }
        }
        colnames = chooseIndexColumnNames(colnames);
        boolean exclusion = spec.exclusionOps() != null;
        String name = spec.name() != null ? spec.name()
                : exclusion ? chooseIndexName(heap, colnames, "excl") : chooseIndexName(heap, colnames, primary, isConstraint);
        checkName(name);
        int existing = relidInNamespace(name, heap.namespace());
        if (existing != 0) {
            if (spec.ifNotExists()) {
                env.notices().accept(new PgException(Severity.NOTICE, SqlState.DUPLICATE_TABLE,
                        "relation \"" + name + "\" already exists, skipping", null, null, 0));
                return existing;
            }
            throw PgException.error(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        if (primary && !writer.find(PG_INDEX, CatalogScan.key(PG_INDEX, "indrelid", heap.oid()), v -> (Boolean) PG_INDEX.get(v, "indisprimary")).isEmpty()) {
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION,
                    "multiple primary keys for table \"" + heap.name() + "\" are not allowed");
        }

        int owner = env.userOid().getAsInt();
        int indexOid = newRelFileNumber();
        env.locks().lockRelation(indexOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (!partitioned) env.storage().create(locator(indexOid), heap.persistence());
        Object[] indexClassRow = CatalogRows.classRow(indexOid, name, heap.namespace(), 0, owner, spec.relam(),
                partitioned ? 0 : indexOid, heap.persistence(), partitioned ? 'I' : 'i', attnums.length, 0);
        // index_create: the storage parameters are in the row the build's relcache entry reads
        if (!spec.reloptions().isEmpty()) PG_CLASS.set(indexClassRow, "reloptions", spec.reloptions().toArray(new String[0]));
        writer.insert(PG_CLASS, indexClassRow);
        for (int i = 0; i < attnums.length; i++) {
            writer.insert(PG_ATTRIBUTE, CatalogRows.attributeRow(indexOid, colnames.get(i), colTypes[i], i + 1, colTypmods[i],
                    false, false));
        }
        Object[] indexRow = CatalogRows.indexRow(indexOid, heap.oid(), keys, collations, opclasses, unique, primary);
        PG_INDEX.set(indexRow, "indnkeyatts", (short) nkey);
        PG_INDEX.set(indexRow, "indoption", new short[nkey]);
        PG_INDEX.set(indexRow, "indexprs", spec.expressionsSql());
        PG_INDEX.set(indexRow, "indpred", spec.predicateSql());
        if (spec.indoption() != null) PG_INDEX.set(indexRow, "indoption", spec.indoption());
        PG_INDEX.set(indexRow, "indnullsnotdistinct", spec.nullsNotDistinct());
        // index_create: a deferrable constraint's index is not checked at insertion (indimmediate)
        PG_INDEX.set(indexRow, "indimmediate", !spec.deferrable());
        if (concurrent) {
            PG_INDEX.set(indexRow, "indisready", false);
            PG_INDEX.set(indexRow, "indisvalid", false);
        }
        PG_INDEX.set(indexRow, "indisexclusion", exclusion);
        writer.insert(PG_INDEX, indexRow);
        int constraintOid = 0;
        if (isConstraint) {
            constraintOid = writer.newOid(PG_CONSTRAINT, "oid");
            Object[] conRow = CatalogRows.constraintRow(constraintOid, name,
                    heap.namespace(), primary ? 'p' : exclusion ? 'x' : 'u', heap.oid(), indexOid,
                    java.util.Arrays.copyOf(keys, nkey));
            PG_CONSTRAINT.set(conRow, "condeferrable", spec.deferrable());
            PG_CONSTRAINT.set(conRow, "condeferred", spec.initdeferred());
            if (exclusion) PG_CONSTRAINT.set(conRow, "conexclop", spec.exclusionOps());
            writer.insert(PG_CONSTRAINT, conRow);
        }
        indexDependencies.recordCreated(indexOid, heap.oid(), attnums, constraintOid);
        if (primary) {
            // index_check_primary_key: the key columns become NOT NULL.
            for (int attnum : spec.attnums()) {
                TupleSlot s = attributeRow(heap.oid(), attnum);
                if (!(Boolean) PG_ATTRIBUTE.get(s.values(), "attnotnull")) {
                    Object[] v = s.values().clone();
                    PG_ATTRIBUTE.set(v, "attnotnull", true);
                    writer.update(PG_ATTRIBUTE, s, v);
                }
            }
        }
        // index_update_stats: the heap now has an index.
        TupleSlot cls = classRow(heap.oid());
        if (!(Boolean) PG_CLASS.get(cls.values(), "relhasindex")) {
            Object[] v = cls.values().clone();
            PG_CLASS.set(v, "relhasindex", true);
            writer.update(PG_CLASS, cls, v);
        }
        env.inval().registerRelcacheInval(heap.oid());
        env.inval().registerRelcacheInval(indexOid);
        env.commandCounterIncrement().run();

        if (partitioned || concurrent) return indexOid;
        Relation heapRel = env.relcache().byOid(heap.oid());
        Relation indexRel = env.relcache().byOid(indexOid);
        ddl.indexInitFork(indexRel);
        IndexBuildResult stats = env.indexAm().build(heapRel, indexRel, env.table(),
                formers == null ? IndexKeyFormer.ofColumns(indexRel) : formers.apply(indexRel));
        ddl.indexUpdateStats(heapRel, indexRel, stats, env.table());
        return indexOid;
    }

    /**
     * index_concurrently_create_copy: a new index entry, neither ready nor valid, with the
     * definition of {@code oldIndex} (columns, expressions, predicate, operator classes,
     * collations, options, uniqueness) but no constraint, named {@code newName}.
     */
    @Override
    public void recordIndexExpressionDependencies(int indexOid, int heapOid, java.util.Collection<Integer> attnums) {
        indexDependencies.recordExpressionColumns(indexOid, heapOid, attnums);
        env.commandCounterIncrement().run();
    }

    @Override
    public int createIndexConcurrentCopy(Relation heap, Relation oldIndex, String newName) {
        Object[] row = writer.find(PG_INDEX, v -> oid(PG_INDEX.get(v, "indexrelid")) == oldIndex.oid()).get(0).values();
        Relation.IndexInfo info = oldIndex.index();
        short[] keys = (short[]) PG_INDEX.get(row, "indkey");
        int[] attnums = info.keyAttnums();
        List<IndexSpec.ExprColumn> exprs = new ArrayList<>();
        List<String> texts = info.expressionTexts();
        for (int i = 0, e = 0; i < keys.length; i++) {
            if (keys[i] != 0) continue;
            var att = oldIndex.desc().attr(i);
            exprs.add(new IndexSpec.ExprColumn(texts.get(e++), att.name(), oldIndex.atttypid(i + 1), oldIndex.atttypmod(i + 1)));
        }
        IndexSpec spec = new IndexSpec(newName, attnums, exprs, info.predicate(), (int[]) PG_INDEX.get(row, "indclass"),
                (int[]) PG_INDEX.get(row, "indcollation"), info.unique(), false, false, false, info.indoption(),
                info.nullsNotDistinct()).withRelOptions(relOptions(oldIndex)).withIncludes(info.includeAttnums())
                .withAccessMethod(oldIndex.relam());
        int newOid = createIndex(heap, spec, null, true);
        // index_concurrently_create_copy keeps each column's attstattarget (ALTER INDEX ... SET STATISTICS)
        Relation copy = env.relcache().byOid(newOid);
        for (int i = 1; i <= keys.length; i++) {
            int target = indexConstraints.statTarget(oldIndex, i);
            if (target != indexConstraints.statTarget(copy, i)) indexConstraints.setStatTarget(copy, i, target);
        }
        return newOid;
    }

    @Override
    public void buildIndex(Relation heap, Relation index, IndexKeyFormer keys) {
        ddl.indexInitFork(index);
        env.indexAm().buildConcurrently(heap, index, env.table(), keys);
    }

    @Override
    public long validateIndex(Relation heap, Relation index, IndexKeyFormer keys, org.tusk.utils.time.Snapshot snapshot) {
        return ValidateIndex.validate(heap, index, keys, snapshot, env.table(), env.indexAm());
    }

    /**
     * index_set_state_flags: a transactional update of the pg_index row (PostgreSQL 15 no longer
     * updates it in place), with relcache invalidation of the index and its table so that every
     * backend re-reads the flags at its next lock of the table.
     */
    @Override
    public void setIndexStateFlags(int indexOid, IndexStateFlags action) {
        List<TupleSlot> rows = writer.find(PG_INDEX, v -> oid(PG_INDEX.get(v, "indexrelid")) == indexOid);
        if (rows.isEmpty()) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for index " + Integer.toUnsignedString(indexOid));
        }
        TupleSlot row = rows.get(0);
        Object[] v = row.values().clone();
        switch (action) {
            case CREATE_SET_READY -> PG_INDEX.set(v, "indisready", true);
            case CREATE_SET_VALID -> PG_INDEX.set(v, "indisvalid", true);
            case DROP_CLEAR_VALID -> {
                PG_INDEX.set(v, "indisvalid", false);
                PG_INDEX.set(v, "indisclustered", false);
                PG_INDEX.set(v, "indisreplident", false);
            }
            case DROP_SET_DEAD -> {
                PG_INDEX.set(v, "indisready", false);
                PG_INDEX.set(v, "indislive", false);
            }
        }
        writer.update(PG_INDEX, row, v);
        env.inval().registerRelcacheInval(indexOid);
        env.inval().registerRelcacheInval(oid(PG_INDEX.get(v, "indrelid")));
        env.commandCounterIncrement().run();
    }

    @Override
    public void markIndexClustered(Relation heap, int indexOid) {
        boolean changed = false;
        for (TupleSlot row : writer.find(PG_INDEX, v -> oid(PG_INDEX.get(v, "indrelid")) == heap.oid())) {
            int index = oid(PG_INDEX.get(row.values(), "indexrelid"));
            boolean clustered = index == indexOid;
            // an index whose flag is already right is left alone (no new row version)
            if ((Boolean) PG_INDEX.get(row.values(), "indisclustered") == clustered) continue;
            Object[] v = row.values().clone();
            PG_INDEX.set(v, "indisclustered", clustered);
            writer.update(PG_INDEX, row, v);
            env.inval().registerRelcacheInval(index);
            changed = true;
        }
        if (!changed) return;
        env.inval().registerRelcacheInval(heap.oid());
        env.commandCounterIncrement().run();
    }

    @Override
    public void markReplicaIdentity(Relation heap, char identity, int indexOid) {
        TupleSlot cls = classRow(heap.oid());
        if (!String.valueOf(identity).equals(PG_CLASS.get(cls.values(), "relreplident"))) {
            Object[] v = cls.values().clone();
            PG_CLASS.set(v, "relreplident", String.valueOf(identity));
            writer.update(PG_CLASS, cls, v);
        }
        for (TupleSlot row : writer.find(PG_INDEX, v -> oid(PG_INDEX.get(v, "indrelid")) == heap.oid())) {
            int index = oid(PG_INDEX.get(row.values(), "indexrelid"));
            boolean replident = index == indexOid;
            // an index whose flag is already right is left alone (no new row version)
            if ((Boolean) PG_INDEX.get(row.values(), "indisreplident") == replident) continue;
            Object[] v = row.values().clone();
            PG_INDEX.set(v, "indisreplident", replident);
            writer.update(PG_INDEX, row, v);
            env.inval().registerRelcacheInval(index);
        }
        env.inval().registerRelcacheInval(heap.oid());
        env.commandCounterIncrement().run();
    }

    /**
     * index_concurrently_swap: the new index takes the old one's name, its PRIMARY KEY/UNIQUE
     * constraint (conindid and, through the name, the constraint's name stays), indisprimary,
     * indimmediate, indisclustered, indisreplident and its comment, and becomes valid; the old
     * one becomes invalid and is renamed {@code oldNewName}. Both are locked
     * AccessExclusiveLock by the caller.
     */
    @Override
    public void swapIndexes(Relation oldIndex, Relation newIndex, String oldNewName) {
        String name = oldIndex.name();
        ddl.renameRelation(oldIndex, oldNewName);
        env.commandCounterIncrement().run();
        ddl.renameRelation(env.relcache().byOid(newIndex.oid()), name);
        TupleSlot oldRow = writer.find(PG_INDEX, v -> oid(PG_INDEX.get(v, "indexrelid")) == oldIndex.oid()).get(0);
        TupleSlot newRow = writer.find(PG_INDEX, v -> oid(PG_INDEX.get(v, "indexrelid")) == newIndex.oid()).get(0);
        Object[] ov = oldRow.values().clone(), nv = newRow.values().clone();
        for (String flag : List.of("indisprimary", "indisexclusion", "indimmediate", "indisclustered", "indisreplident")) {
            PG_INDEX.set(nv, flag, PG_INDEX.get(ov, flag));
        }
        // the new one becomes valid and the old one not, at the same instant, so constraint
        // violations are reported under the right name (index_concurrently_swap)
        PG_INDEX.set(nv, "indisvalid", true);
        PG_INDEX.set(ov, "indisvalid", false);
        PG_INDEX.set(ov, "indimmediate", true);
        PG_INDEX.set(ov, "indisprimary", false);
        PG_INDEX.set(ov, "indisexclusion", false);
        PG_INDEX.set(ov, "indisclustered", false);
        PG_INDEX.set(ov, "indisreplident", false);
        writer.update(PG_INDEX, oldRow, ov);
        writer.update(PG_INDEX, newRow, nv);
        for (TupleSlot c : writer.find(PG_CONSTRAINT, v -> oid(PG_CONSTRAINT.get(v, "conindid")) == oldIndex.oid())) {
            Object[] cv = c.values().clone();
            PG_CONSTRAINT.set(cv, "conindid", newIndex.oid());
            writer.update(PG_CONSTRAINT, c, cv);
        }
        // the partition links: the new index is attached where the old one was, and the
        // indexes attached to the old one (if it is partitioned) move to the new one
        for (TupleSlot t : writer.find(PG_INHERITS, v -> oid(PG_INHERITS.get(v, "inhrelid")) == oldIndex.oid()
                || oid(PG_INHERITS.get(v, "inhparent")) == oldIndex.oid())) {
            Object[] iv = t.values().clone();
            if (oid(PG_INHERITS.get(iv, "inhrelid")) == oldIndex.oid()) PG_INHERITS.set(iv, "inhrelid", newIndex.oid());
            else PG_INHERITS.set(iv, "inhparent", newIndex.oid());
            writer.update(PG_INHERITS, t, iv);
        }
        indexDependencies.swap(oldIndex.oid(), newIndex.oid());
        // CopyStatistics: the statistics of the old index's expression columns describe the new one's
        for (TupleSlot st : writer.find(PG_STATISTIC, v -> oid(PG_STATISTIC.get(v, "starelid")) == oldIndex.oid())) {
            Object[] sv = st.values().clone();
            PG_STATISTIC.set(sv, "starelid", newIndex.oid());
            writer.insert(PG_STATISTIC, sv);
        }
        String comment = comments.get(oldIndex.oid(), PG_CLASS.oid(), 0);
        if (comment != null) {
            comments.delete(oldIndex.oid(), PG_CLASS.oid(), 0);
            comments.set(newIndex.oid(), PG_CLASS.oid(), 0, comment);
        }
        env.inval().registerRelcacheInval(oldIndex.oid());
        env.inval().registerRelcacheInval(newIndex.oid());
        env.inval().registerRelcacheInval(oldIndex.index().heapOid());
        env.commandCounterIncrement().run();
    }

    @Override
    public String chooseRelationName(String name1, String name2, String label, int namespace) {
        for (int pass = 0; ; pass++) {
            String candidate = makeObjectName(name1, name2, pass == 0 ? label : label + pass);
            if (relidInNamespace(candidate, namespace) == 0) return candidate;
        }
    }

    /** ChooseIndexName / ChooseRelationName: table_pkey, table_col_key, table_col_idx, with a number appended while taken. */
    /**
     * ChooseIndexColumnNames: each index column keeps its preliminary name (the table column's, or
     * the expression's) unless an earlier column has it, in which case the first free of name1,
     * name2, ... is taken, clipped so that it fits in NAMEDATALEN - 1 bytes.
     */
    static List<String> chooseIndexColumnNames(List<String> preliminary) {
        List<String> result = new ArrayList<>(preliminary.size());
        for (String orig : preliminary) {
            String cur = orig;
            for (int i = 1; result.contains(cur); i++) {
                String suffix = Integer.toString(i);
                cur = Identifiers.clipToBytes(orig, DatumType.NAMEDATALEN - 1 - suffix.length()) + suffix;
            }
            result.add(cur);
        }
        return result;
    }

    private String chooseIndexName(Relation heap, List<String> colnames, boolean primary, boolean isConstraint) {
        return chooseIndexName(heap, colnames, primary ? "pkey" : isConstraint ? "key" : "idx");
    }

    /** ChooseIndexName with the label ("excl" for an exclusion constraint): a primary key's name has no columns. */
    private String chooseIndexName(Relation heap, List<String> colnames, String label) {
        boolean primary = label.equals("pkey");
        String name2 = null;
        if (!primary) {
            // ChooseIndexNameAddition: the column names joined by "_", cut off near NAMEDATALEN
            StringBuilder sb = new StringBuilder();
            for (String c : colnames) {
                if (!sb.isEmpty()) sb.append('_');
                sb.append(c);
                if (sb.length() >= DatumType.NAMEDATALEN) break;
            }
            name2 = sb.toString();
        }
        for (int pass = 0; ; pass++) {
            String candidate = makeObjectName(heap.name(), name2, pass == 0 ? label : label + pass);
            if (relidInNamespace(candidate, heap.namespace()) == 0) return candidate;
        }
    }

    /** makeObjectName: name1_name2_label, shortening the longer of name1/name2 until it fits NAMEDATALEN - 1 bytes. */
    static String makeObjectName(String name1, String name2, String label) {
        int overhead = label.length() + 1 + (name2 != null ? 1 : 0);
        int avail = DatumType.NAMEDATALEN - 1 - overhead;
        int n1 = name1.length(), n2 = name2 == null ? 0 : name2.length();
        while (n1 + n2 > avail) {
            if (n1 > n2) n1--;
            else n2--;
        }
        return name1.substring(0, n1) + (name2 != null ? "_" + name2.substring(0, n2) : "") + "_" + label;
    }

    @Override
    public void setRelOptions(Relation rel, List<String> reloptions) {
        TupleSlot cls = classRow(rel.oid());
        Object[] v = cls.values().clone();
        PG_CLASS.set(v, "reloptions", reloptions.isEmpty() ? null : reloptions.toArray(new String[0]));
        writer.update(PG_CLASS, cls, v);
        env.inval().registerRelcacheInval(rel.oid());
        env.commandCounterIncrement().run();
    }

    @Override
    public void attachIndexConstraint(Relation heap, Relation index, boolean primary, boolean deferrable,
                                      boolean initdeferred) {
        int constraintOid = indexConstraints.attachConstraint(heap, index, primary, deferrable, initdeferred);
        indexDependencies.becomeConstraintIndex(index.oid(), constraintOid);
        env.commandCounterIncrement().run();
    }

    @Override
    public void setStatTarget(Relation rel, int attnum, int target) {
        indexConstraints.setStatTarget(rel, attnum, target);
    }

    @Override
    public int statTarget(Relation rel, int attnum) {
        return indexConstraints.statTarget(rel, attnum);
    }

    @Override
    public List<String> relOptions(Relation rel) {
        String[] o = (String[]) PG_CLASS.get(classRow(rel.oid()).values(), "reloptions");
        return o == null ? List.of() : List.of(o);
    }

    @Override
    public String comment(int classoid, int objoid, int objsubid) {
        return comments.get(objoid, classoid, objsubid);
    }

    @Override
    public char columnCompression(Relation heap, int attnum) {
        TupleSlot s = attributeRow(heap.oid(), attnum);
        String c = s == null ? null : (String) PG_ATTRIBUTE.get(s.values(), "attcompression");
        return c == null || c.isEmpty() ? '\0' : c.charAt(0);
    }

    private TupleSlot attributeRow(int relOid, int attnum) {
        List<TupleSlot> rows = writer.find(PG_ATTRIBUTE, CatalogScan.key(PG_ATTRIBUTE, "attrelid", relOid), v -> (Short) PG_ATTRIBUTE.get(v, "attnum") == attnum);
        if (rows.isEmpty()) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for attribute " + attnum + " of relation " + relOid);
        }
        return rows.get(0);
    }

    @Override
    public void setAttributeAcl(Relation rel, int attnum, int[] acl) {
        TupleSlot s = attributeRow(rel.oid(), attnum);
        Object[] v = s.values().clone();
        PG_ATTRIBUTE.set(v, "attacl", acl == null || acl.length == 0 ? null : acl);
        writer.update(PG_ATTRIBUTE, s, v);
        env.inval().registerRelcacheInval(rel.oid());
    }

    @Override
    public int[] attributeAcl(Relation rel, int attnum) {
        List<TupleSlot> rows = writer.find(PG_ATTRIBUTE, CatalogScan.key(PG_ATTRIBUTE, "attrelid", rel.oid()),
                v -> (Short) PG_ATTRIBUTE.get(v, "attnum") == attnum);
        return rows.isEmpty() ? null : (int[]) PG_ATTRIBUTE.get(rows.get(0).values(), "attacl");
    }

    @Override
    public void setRelationAcl(Relation rel, int[] acl) {
        TupleSlot cls = classRow(rel.oid());
        if (cls == null) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for relation " + Integer.toUnsignedString(rel.oid()));
        }
        Object[] v = cls.values().clone();
        PG_CLASS.set(v, "relacl", acl);
        writer.update(PG_CLASS, cls, v);
        env.inval().registerRelcacheInval(rel.oid());
    }

    @Override
    public List<String> roleDependencies(int roleOid) {
        List<String> out = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_NAMESPACE, CatalogScan.key(PG_NAMESPACE, "nspowner", roleOid))) {
            out.add("owner of schema " + PG_NAMESPACE.get(s.values(), "nspname"));
        }
        for (TupleSlot s : writer.find(PG_NAMESPACE, v -> oid(PG_NAMESPACE.get(v, "nspowner")) != roleOid
                && PG_NAMESPACE.get(v, "nspacl") != null)) {
            int[] acl = (int[]) PG_NAMESPACE.get(s.values(), "nspacl");
            for (int i = 0; i < acl.length; i += 3) {
                if (acl[i] == roleOid || acl[i + 1] == roleOid) {
                    out.add("privileges for schema " + PG_NAMESPACE.get(s.values(), "nspname"));
                    break;
                }
            }
        }
        for (TupleSlot s : writer.find(PG_CLASS, v -> true)) {
            Object[] v = s.values();
            String kind = switch (((String) PG_CLASS.get(v, "relkind")).charAt(0)) {
                case 'r', 'p' -> "table";
                case 'v' -> "view";
                case 'S' -> "sequence";
                case 'm' -> "materialized view";
                default -> null;
            };
            if (kind == null) continue;
            String name = (String) PG_CLASS.get(v, "relname");
            if (oid(PG_CLASS.get(v, "relowner")) == roleOid) out.add("owner of " + kind + " " + name);
            int[] acl = (int[]) PG_CLASS.get(v, "relacl");
            if (acl != null) {
                for (int i = 0; i < acl.length; i += 3) {
                    if ((acl[i] == roleOid || acl[i + 1] == roleOid) && oid(PG_CLASS.get(v, "relowner")) != roleOid) {
                        out.add("privileges for " + kind + " " + name);
                        break;
                    }
                }
            }
            // column privileges (pg_shdepend ACL rows of the columns: "privileges for column a of table t")
            if (oid(PG_CLASS.get(v, "relowner")) != roleOid) {
                int relOid = oid(PG_CLASS.get(v, "oid"));
                List<TupleSlot> cols = new ArrayList<>(writer.find(PG_ATTRIBUTE, CatalogScan.key(PG_ATTRIBUTE, "attrelid", relOid),
                        r -> PG_ATTRIBUTE.get(r, "attacl") != null && (Short) PG_ATTRIBUTE.get(r, "attnum") > 0));
                cols.sort(java.util.Comparator.comparingInt(a -> (Short) PG_ATTRIBUTE.get(a.values(), "attnum")));
                for (TupleSlot a : cols) {
                    int[] colAcl = (int[]) PG_ATTRIBUTE.get(a.values(), "attacl");
                    for (int i = 0; i < colAcl.length; i += 3) {
                        if (colAcl[i] == roleOid || colAcl[i + 1] == roleOid) {
                            out.add("privileges for column " + PG_ATTRIBUTE.get(a.values(), "attname") + " of " + kind + " " + name);
                            break;
                        }
                    }
                }
            }
        }
        // routines and types the role owns (their pg_shdepend owner rows), as getObjectDescription names them
        OwnedObjects owned = ownedObjects(roleOid);
        for (int routine : owned.routines()) {
            String what = dependencies.describeOrNull(new ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, routine, 0));
            if (what != null) out.add("owner of " + what);
        }
        for (int type : owned.types()) {
            out.add("owner of type " + org.tusk.utils.adt.FormatType.format(type, -1, false));
        }
        // pg_default_acl entries of the role (shdepend's owner dependency of each, getObjectDescription's wording)
        for (TupleSlot s : writer.find(SystemCatalogs.PG_DEFAULT_ACL,
                v -> oid(SystemCatalogs.PG_DEFAULT_ACL.get(v, "defaclrole")) == roleOid)) {
            Object[] v = s.values();
            String what = switch (String.valueOf(SystemCatalogs.PG_DEFAULT_ACL.get(v, "defaclobjtype"))) {
                case "S" -> "sequences";
                case "f" -> "functions";
                default -> "relations";
            };
            int nsp = oid(SystemCatalogs.PG_DEFAULT_ACL.get(v, "defaclnamespace"));
            String role = ObjectNames.current().roleName(roleOid).orElse(Integer.toUnsignedString(roleOid));
            out.add("owner of default privileges on new " + what + " belonging to role " + role
                    + (nsp == 0 ? "" : " in schema " + namespaces.nameOf(nsp)));
        }
        out.addAll(policies.roleDependencies(roleOid));
        return out;
    }

    @Override
    public void removeRoleFromAcls(int roleOid) {
        for (TupleSlot s : writer.find(PG_CLASS, v -> PG_CLASS.get(v, "relacl") != null)) {
            int[] acl = (int[]) PG_CLASS.get(s.values(), "relacl");
            int[] out = Acl.removeGrantee(acl, roleOid);
            if (out == acl) continue;
            Object[] v = s.values().clone();
            PG_CLASS.set(v, "relacl", out);
            writer.update(PG_CLASS, s, v);
            env.inval().registerRelcacheInval(oid(PG_CLASS.get(v, "oid")));
        }
        for (TupleSlot s : writer.find(PG_ATTRIBUTE, v -> PG_ATTRIBUTE.get(v, "attacl") != null)) {
            int[] acl = (int[]) PG_ATTRIBUTE.get(s.values(), "attacl");
            int[] out = Acl.removeGrantee(acl, roleOid);
            if (out == acl) continue;
            Object[] v = s.values().clone();
            // ExecGrant_Attribute: a column ACL left empty is null again
            PG_ATTRIBUTE.set(v, "attacl", out.length == 0 ? null : out);
            writer.update(PG_ATTRIBUTE, s, v);
            env.inval().registerRelcacheInval(oid(PG_ATTRIBUTE.get(v, "attrelid")));
        }
        for (TupleSlot s : writer.find(PG_NAMESPACE, v -> PG_NAMESPACE.get(v, "nspacl") != null)) {
            int[] acl = (int[]) PG_NAMESPACE.get(s.values(), "nspacl");
            int[] out = Acl.removeGrantee(acl, roleOid);
            if (out != acl) namespaces.setAcl(oid(PG_NAMESPACE.get(s.values(), "oid")), out);
        }
        for (TupleSlot s : writer.find(SystemCatalogs.PG_PROC, v -> SystemCatalogs.PG_PROC.get(v, "proacl") != null)) {
            int[] acl = (int[]) SystemCatalogs.PG_PROC.get(s.values(), "proacl");
            int[] out = Acl.removeGrantee(acl, roleOid);
            if (out != acl) functions().alterRow(oid(SystemCatalogs.PG_PROC.get(s.values(), "oid")),
                    row -> SystemCatalogs.PG_PROC.set(row, "proacl", out));
        }
        // the role's own default privileges (their owner dependency), and its place in others'
        for (TupleSlot s : writer.find(SystemCatalogs.PG_DEFAULT_ACL, v -> true)) {
            Object[] row = s.values();
            if (oid(SystemCatalogs.PG_DEFAULT_ACL.get(row, "defaclrole")) == roleOid) {
                int defOid = oid(SystemCatalogs.PG_DEFAULT_ACL.get(row, "oid"));
                writer.delete(SystemCatalogs.PG_DEFAULT_ACL, v -> oid(SystemCatalogs.PG_DEFAULT_ACL.get(v, "oid")) == defOid);
                continue;
            }
            int[] acl = (int[]) SystemCatalogs.PG_DEFAULT_ACL.get(row, "defaclacl");
            int[] out = acl == null ? null : Acl.removeGrantee(acl, roleOid);
            if (out == acl) continue;
            Object[] v = row.clone();
            SystemCatalogs.PG_DEFAULT_ACL.set(v, "defaclacl", out);
            writer.update(SystemCatalogs.PG_DEFAULT_ACL, s, v);
        }
        env.commandCounterIncrement().run();
    }

    @Override
    public OwnedObjects ownedObjects(int roleOid) {
        List<Integer> namespaces = new ArrayList<>(), relations = new ArrayList<>(), routines = new ArrayList<>(),
                types = new ArrayList<>();
        for (TupleSlot s : writer.find(PG_NAMESPACE, CatalogScan.key(PG_NAMESPACE, "nspowner", roleOid))) {
            namespaces.add(oid(PG_NAMESPACE.get(s.values(), "oid")));
        }
        java.util.Map<Integer, Character> relkinds = new java.util.HashMap<>();
        for (TupleSlot s : writer.find(PG_CLASS, v -> oid(PG_CLASS.get(v, "relowner")) == roleOid)) {
            Object[] v = s.values();
            int relOid = oid(PG_CLASS.get(v, "oid"));
            char kind = ((String) PG_CLASS.get(v, "relkind")).charAt(0);
            relkinds.put(relOid, kind);
            // a sequence a column owns follows its table (ATExecChangeOwner's recursion, the AUTO
            // or INTERNAL dependency at deletion)
            if ("rpvmSf".indexOf(kind) < 0 || kind == 'S' && relationOwnership().owningColumn(relOid) != null) continue;
            relations.add(relOid);
        }
        for (TupleSlot s : writer.find(SystemCatalogs.PG_PROC, v -> oid(SystemCatalogs.PG_PROC.get(v, "proowner")) == roleOid)) {
            routines.add(oid(SystemCatalogs.PG_PROC.get(s.values(), "oid")));
        }
        List<Object[]> typeRows = new ArrayList<>();
        java.util.Set<Integer> arrays = new java.util.HashSet<>();
        for (TupleSlot s : writer.find(PG_TYPE, v -> oid(PG_TYPE.get(v, "typowner")) == roleOid)) {
            typeRows.add(s.values());
            arrays.add(oid(PG_TYPE.get(s.values(), "typarray")));
        }
        for (Object[] v : typeRows) {
            int typeOid = oid(PG_TYPE.get(v, "oid"));
            char typtype = ((String) PG_TYPE.get(v, "typtype")).charAt(0);
            if (arrays.contains(typeOid)) continue;
            if (typtype == 'c') {
                // only a composite type of its own (CREATE TYPE AS); a relation's row type follows it
                Character kind = relkinds.get(oid(PG_TYPE.get(v, "typrelid")));
                if (kind == null || kind != 'c') continue;
            } else if ("bder".indexOf(typtype) < 0) {
                continue;
            }
            types.add(typeOid);
        }
        for (List<Integer> l : List.of(namespaces, relations, routines, types)) l.sort(Integer::compareUnsigned);
        return new OwnedObjects(List.copyOf(namespaces), List.copyOf(relations), List.copyOf(routines), List.copyOf(types));
    }

    private TupleSlot classRow(int relOid) {
        List<TupleSlot> rows = writer.find(PG_CLASS, CatalogScan.key(PG_CLASS, "oid", relOid));
        return rows.isEmpty() ? null : rows.get(0);
    }

    // ------------------------------------------------------------------ DROP

    /**
     * RemoveRelations for DROP TABLE ({@code relkind} 'r') or DROP INDEX ('i'): 42P01 / 42704 for
     * a missing relation (a NOTICE and false with IF EXISTS), 42809 for one of the wrong kind.
     */
    public boolean dropRelation(String schemaOrNull, String name, char relkind, boolean missingOk) {
        String kind = relkind == 'i' ? "index" : "table";
        String qualified = schemaOrNull == null ? name : schemaOrNull + "." + name;
        int relOid = relnameGetRelid(schemaOrNull, name);
        if (relOid == 0) {
            if (missingOk) {
                env.notices().accept(new PgException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        kind + " \"" + qualified + "\" does not exist, skipping", null, null, 0));
                return false;
            }
            throw PgException.error(relkind == 'i' ? SqlState.UNDEFINED_OBJECT : SqlState.UNDEFINED_TABLE,
                    kind + " \"" + qualified + "\" does not exist");
        }
        // RangeVarCallbackForDropRelation: an index's table is locked first, in the same mode, as
        // every other path locks a table before its indexes (a query's planner takes its indexes'
        // locks after its table's); index first would deadlock with such a query.
        Relation unlocked = env.relcache().byOid(relOid);
        if (unlocked != null && unlocked.index() != null && (unlocked.relkind() == 'i' || unlocked.relkind() == 'I')) {
            lock(unlocked.index().heapOid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        }
        lock(relOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        Relation rel = env.relcache().byOid(relOid);
        if (rel == null) {   // dropped while we waited for the lock
            throw PgException.error(relkind == 'i' ? SqlState.UNDEFINED_OBJECT : SqlState.UNDEFINED_TABLE,
                    kind + " \"" + qualified + "\" does not exist");
        }
        if (rel.relkind() != relkind && !(relkind == 'i' && rel.relkind() == 'I')) {
            String hint = rel.relkind() == 'i' ? "Use DROP INDEX to remove an index."
                    : rel.relkind() == 'r' ? "Use DROP TABLE to remove a table." : null;
            throw new PgException(Severity.ERROR, SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not " + (relkind == 'i' ? "an index" : "a table"),
                    null, hint, 0);
        }
        dropRelation(rel);
        return true;
    }

    @Override
    public void dropRelation(Relation rel) {
        if (rel.relkind() == 'i' || rel.relkind() == 'I') {
            lock(rel.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            // an index attached to a partitioned index goes only with it (DEPENDENCY_PARTITION_PRI)
            List<Integer> parents = inheritance.parents(rel.oid());
            if (!parents.isEmpty()) {
                Relation parent = env.relcache().byOid(parents.get(0));
                String pname = parent == null ? "?" : parent.name();
                throw new PgException(Severity.ERROR, SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + rel.name()
                        + " because index " + pname + " requires it", null, "You can drop index " + pname + " instead.", 0);
            }
            removeRelation(rel);
        } else {
            dropRelations(List.of(rel), false);
        }
    }

    /** pgstat_drop_relation: the relation's statistics go when the transaction commits. */
    private static void dropStats(Relation rel) {
        if (rel != null && rel.pgstatInfo() != null) rel.pgstatInfo().dropped();
    }

    /** heap_drop_with_catalog / index_drop for one relation, without looking at what depends on it. */
    private void removeRelation(Relation rel) {
        lock(rel.oid(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (classRow(rel.oid()) == null) {
            throw PgException.error(rel.relkind() == 'i' ? SqlState.UNDEFINED_OBJECT : SqlState.UNDEFINED_TABLE,
                    (rel.relkind() == 'i' ? "index" : "table") + " \"" + rel.name() + "\" does not exist");
        }
        if (rel.relkind() == 'i' || rel.relkind() == 'I') {
            List<TupleSlot> cons = writer.find(PG_CONSTRAINT, CatalogScan.key(PG_CONSTRAINT, "conindid", rel.oid()), v -> ("p".equals(PG_CONSTRAINT.get(v, "contype")) || "u".equals(PG_CONSTRAINT.get(v, "contype"))));
            if (!cons.isEmpty()) {
                String conname = (String) PG_CONSTRAINT.get(cons.get(0).values(), "conname");
                Relation heap = env.relcache().byOid(oid(PG_CONSTRAINT.get(cons.get(0).values(), "conrelid")));
                String table = heap == null ? "?" : heap.name();
                throw new PgException(Severity.ERROR, SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + rel.name()
                        + " because constraint " + conname + " on table " + table + " requires it", null,
                        "You can drop constraint " + conname + " on table " + table + " instead.", 0);
            }
            dropStats(rel);
            removeIndexTree(rel.oid());
        } else {
            List<Integer> indexes = env.relcache().indexOids(rel.oid());
            dropStats(rel);
            for (int ix : indexes) dropStats(env.relcache().byOid(ix));
            for (int ix : indexes) {
                env.locks().lockRelation(ix, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
                removeIndex(ix);
                // As performDeletion does after each object: the rows just deleted (the index's
                // constraint among them) must not be found, and deleted again, below.
                env.commandCounterIncrement().run();
            }
            int relOid = rel.oid();
            views.removeRules(relOid);   // a view's _RETURN rule, and any table's or view's rules
            if (rel.relkind() == 'S') writer.delete(PG_SEQUENCE, v -> oid(PG_SEQUENCE.get(v, "seqrelid")) == relOid);
            writer.delete(PG_STATISTIC, v -> oid(PG_STATISTIC.get(v, "starelid")) == relOid);
            // Its foreign keys' referenced tables list them in their relcache entries: tell them.
            for (ConstraintInfo c : constraints.ofRelation(relOid)) {
                if (c.confrelid() != 0) env.inval().registerRelcacheInval(c.confrelid());
                comments.delete(c.oid(), PG_CONSTRAINT.oid(), 0);
            }
            // the relation's comment and its columns' comments
            comments.delete(relOid, PG_CLASS.oid(), 0);
            writer.delete(PG_CONSTRAINT, v -> oid(PG_CONSTRAINT.get(v, "conrelid")) == relOid);
            AttrDefaults.delete(writer, v -> oid(PG_ATTRDEF.get(v, "adrelid")) == relOid);
            writer.delete(PG_ATTRIBUTE, v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == relOid);
            // The row type and its array type (RemoveTypeById for both).
            for (TupleSlot t : writer.find(PG_TYPE, CatalogScan.key(PG_TYPE, "typrelid", relOid))) {
                int typeOid = oid(PG_TYPE.get(t.values(), "oid"));
                int arrayOid = oid(PG_TYPE.get(t.values(), "typarray"));
                writer.delete(PG_TYPE, v -> { int o = oid(PG_TYPE.get(v, "oid")); return o == typeOid || (arrayOid != 0 && o == arrayOid); });
            }
            writer.delete(PG_INHERITS, v -> oid(PG_INHERITS.get(v, "inhrelid")) == relOid);
            if (rel.relkind() == 'p') partitions.removeKey(relOid);
            partitions.forgetDefault(relOid);
            writer.delete(PG_CLASS, v -> oid(PG_CLASS.get(v, "oid")) == relOid);
            if (rel.locator() != null) env.storage().scheduleUnlink(rel.locator());
            env.inval().registerRelcacheInval(relOid);
        }
        env.commandCounterIncrement().run();
    }

    /** index_drop: the index's catalog rows, its file at commit, and relcache invalidation of it and its table. */
    /** index_drop of a partitioned index drops the indexes attached to it first, level by level. */
    private void removeIndexTree(int indexOid) {
        for (int child : inheritance.children(indexOid)) {
            lock(child, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            removeIndexTree(child);
            env.commandCounterIncrement().run();
        }
        removeIndex(indexOid);
    }

    private void removeIndex(int indexOid) {
        Relation index = env.relcache().byOid(indexOid);
        // its link to a partitioned index, and the links of the indexes attached to it
        writer.delete(PG_INHERITS, v -> oid(PG_INHERITS.get(v, "inhrelid")) == indexOid
                || oid(PG_INHERITS.get(v, "inhparent")) == indexOid);
        List<TupleSlot> ix = writer.find(PG_INDEX, CatalogScan.key(PG_INDEX, "indexrelid", indexOid));
        int heapOid = ix.isEmpty() ? 0 : oid(PG_INDEX.get(ix.get(0).values(), "indrelid"));
        // The index's own PRIMARY KEY/UNIQUE row; foreign keys that point at it are not its to remove.
        for (TupleSlot c : writer.find(PG_CONSTRAINT, CatalogScan.key(PG_CONSTRAINT, "conindid", indexOid), v -> ("p".equals(PG_CONSTRAINT.get(v, "contype")) || "u".equals(PG_CONSTRAINT.get(v, "contype"))))) {
            int conOid = oid(PG_CONSTRAINT.get(c.values(), "oid"));
            comments.delete(conOid, PG_CONSTRAINT.oid(), 0);
            // its partition links: to the constraint it is a partition of, and from those of the partitions
            writer.delete(PG_DEPEND, v -> "PS".contains((String) PG_DEPEND.get(v, "deptype"))
                    && ((oid(PG_DEPEND.get(v, "classid")) == IndexDependencies.CONSTRAINT_RELATION_ID && oid(PG_DEPEND.get(v, "objid")) == conOid)
                        || (oid(PG_DEPEND.get(v, "refclassid")) == IndexDependencies.CONSTRAINT_RELATION_ID && oid(PG_DEPEND.get(v, "refobjid")) == conOid)));
        }
        writer.delete(PG_CONSTRAINT, v -> oid(PG_CONSTRAINT.get(v, "conindid")) == indexOid
                && ("p".equals(PG_CONSTRAINT.get(v, "contype")) || "u".equals(PG_CONSTRAINT.get(v, "contype"))));
        comments.delete(indexOid, PG_CLASS.oid(), 0);
        // RemoveStatistics: what ANALYZE gathered on its expression columns
        writer.delete(PG_STATISTIC, v -> oid(PG_STATISTIC.get(v, "starelid")) == indexOid);
        writer.delete(PG_INDEX, v -> oid(PG_INDEX.get(v, "indexrelid")) == indexOid);
        indexDependencies.forget(indexOid);
        writer.delete(PG_ATTRIBUTE, v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == indexOid);
        writer.delete(PG_CLASS, v -> oid(PG_CLASS.get(v, "oid")) == indexOid);
        if (index != null && index.locator() != null) env.storage().scheduleUnlink(index.locator());
        env.inval().registerRelcacheInval(indexOid);
        if (heapOid != 0) env.inval().registerRelcacheInval(heapOid);
    }
}
