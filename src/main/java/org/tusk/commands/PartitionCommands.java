package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.PartitionBound;
import org.tusk.catalog.PartitionCatalog;
import org.tusk.catalog.PartitionKey;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.PartitionKeyDatum;
import org.tusk.executor.PartitionRouting;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Declarative partitioning DDL (PostgreSQL's tablecmds.c DefineRelation with PARTITION BY /
 * PARTITION OF, ComputePartitionAttrs, ATExecAttachPartition, ATExecDetachPartition, and
 * partbounds.c check_new_partition_bound / check_default_partition_contents).
 *
 * <p>CREATE TABLE ... PARTITION OF is CREATE TABLE ... INHERITS (parent) (the columns are the
 * parent's, merged by {@link InheritanceMerge}) plus a bound. As in DefineRelation, the
 * relation is created first and its bound then transformed and checked against the parent's
 * other partitions (an error rolls the creation back with the transaction); column options (NOT
 * NULL, DEFAULT) written in the PARTITION OF list are applied to the new partition before that. The parent is locked
 * AccessExclusiveLock, as PostgreSQL does, so no one routes rows into it while its set of
 * partitions changes.
 */
public final class PartitionCommands {
    private PartitionCommands() {}

    /** Whether CREATE TABLE {@code s} involves partitioning (needs this class rather than plain DefineRelation). */
    public static boolean isPartitionDdl(Stmt.CreateStmt s) {
        return s.partbound() != null || s.partspec() != null;
    }

    /** DefineRelation for a partitioned table and/or a partition. */
    public static void createTable(Stmt.CreateStmt s, String queryString, ExecContext ctx, Consumer<String> notices) {
        ExecEnvironment env = ctx.env();
        Catalog catalog = env.catalog();
        if (s.partspec() != null && s.partbound() == null && !s.inhRelations().isEmpty())
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "cannot create partitioned table as inheritance child");
        if (s.partbound() == null) {
            TableCommands.createTable(s, queryString, ctx, notices);
            return;
        }
        Stmt.RangeVar prv = s.inhRelations().get(0);
        if (s.ifNotExists() && catalog.openRelation(s.relation().schema(), s.relation().name()) != null) {
            catalog.createTable(s.relation().schema(), s.relation().name(), List.of(), s.temp() ? 't' : 'p', true);
            return;
        }
        Relation parent = catalog.openRelation(prv.schema(), prv.name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (parent == null)
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown(prv) + "\" does not exist");
        if (parent.relkind() != 'p') throw notPartitioned(parent);
        if (parent.persistence() == 't' && !s.temp() && !"pg_temp".equals(s.relation().schema()))
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot create a permanent relation as partition of temporary relation \""
                    + parent.name() + "\"");
        if (parent.persistence() != 't' && s.temp())
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot create a temporary relation as partition of permanent relation \""
                    + parent.name() + "\"");
        // The PARTITION OF list has column options only: take them out, apply them after creation.
        List<Stmt.ColumnDefinition> options = new ArrayList<>();
        List<Stmt.ColumnDefinition> typed = new ArrayList<>();
        for (Stmt.ColumnDefinition c : s.columns()) (c.type() == null ? options : typed).add(c);
        for (int i = 0; i < options.size(); i++) {
            Stmt.ColumnDefinition c = options.get(i);
            // MergeAttributes: each column's options are written once
            for (int j = 0; j < i; j++)
                if (options.get(j).name().equals(c.name()))
                    throw PgException.error(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than once");
            if (column(parent, c.name()) == 0)
                throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + c.name() + "\" does not exist");
            // PostgreSQL 15: a partition's columns are generated exactly as its parent's are
            if (c.generation() != null)
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "generated columns are not supported on partitions");
        }
        Stmt.CreateStmt plain = new Stmt.CreateStmt(s.relation(), typed, s.constraints(), s.temp(), false, s.unlogged(),
                s.options(), s.inhRelations(), s.partspec(), s.partbound());
        TableCommands.createTable(plain, queryString, ctx, notices);
        Relation part = catalog.openRelation(s.relation().schema() != null ? s.relation().schema()
                : parent.persistence() == 't' ? "pg_temp" : null, s.relation().name());
        for (Stmt.ColumnDefinition c : options) {
            int attnum = column(part, c.name());
            if (c.notNull()) catalog.setColumnNotNull(part, attnum, true);
            if (c.defaultSql() != null) {
                org.tusk.parser.Analyzer.analyzeColumnDefault(c.defaultSql(), c.name(), part.atttypid(attnum),
                        part.atttypmod(attnum), ctx.inputSettings(), ctx.session().currentDatabase(), ctx.session().scanSettings());
                catalog.setColumnDefault(part, attnum, c.defaultSql());
            }
        }
        // PRIMARY KEY / UNIQUE written as column options of PARTITION OF (transformColumnDefinition
        // makes them table constraints; DefineIndex builds them before the bound is stored)
        for (Stmt.ColumnDefinition c : options) {
            int attnum = column(part, c.name());
            if (c.primaryKey()) catalog.createIndex(null, part, new int[] {attnum}, true, true, false);
            if (c.unique()) catalog.createIndex(null, part, new int[] {attnum}, true, false, false);
        }
        // As DefineRelation: the relation exists first, then its bound is transformed and checked
        // against the other partitions (the new one has no bound yet, so it is not among them).
        PartitionCatalog pc = catalog.partitions();
        PartitionKey key = pc.key(parent);
        PartitionBound bound = PartitionBounds.transform(s.partbound(), key, parent, queryString, ctx);
        PartitionBounds.checkNew(part.name(), parent, key, bound, s.partbound(), queryString, ctx);
        pc.storeBound(part.oid(), parent.oid(), bound.toSql(key), bound.isDefault());
        // DefineRelation: the parent's indexes are cloned (or matched) on the new partition
        PartitionIndexes.cloneToPartition(parent, catalog.openRelation(part.oid()), ctx);
        TriggerCommands.cloneRowTriggersToPartition(parent, part, catalog);
    }

    /**
     * The relkind 'p' half of DefineRelation: the relation (without storage) is made, then
     * ComputePartitionAttrs ({@link PartitionKeyDefinition}) works out the key over its row and
     * StorePartitionKey writes the pg_partitioned_table row. An error rolls the creation back
     * with the transaction.
     */
    static int createPartitioned(Stmt.CreateStmt s, List<Catalog.ColumnSpec> specs, Catalog catalog, List<String> reloptions,
                                 String queryString, ExecEnvironment env, org.tusk.utils.adt.InputSettings zone, String currentDatabase,
                                 org.tusk.executor.ExecContext ctx) {
        Stmt.PartitionSpec spec = s.partspec();
        char strategy = switch (spec.strategy()) {
            case "list" -> 'l';
            case "range" -> 'r';
            case "hash" -> 'h';
            default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized partitioning strategy \""
                    + spec.strategy() + "\"");
        };
        if (strategy == 'l' && spec.params().size() != 1)
            throw PgException.error("42P17", "cannot use \"list\" partition strategy with more than one column");
        Stmt.RangeVar rv = s.relation();
        int oid = catalog.createPartitionedTable(rv.schema(), rv.name(), specs, TableCommands.persistence(s), reloptions);
        Relation rel = catalog.openRelation(oid);
        PartitionKey key = PartitionKeyDefinition.compute(spec, strategy, rel, queryString, env, zone, currentDatabase, ctx);
        catalog.partitions().storeKey(oid, key);
        PartitionKeyDependencies.record(catalog, rel, key, env);
        return oid;
    }

    /** ATExecAttachPartition. */
    public static void attach(Relation parent, Stmt.AlterTableCmd.AttachPartition a, String queryString, ExecContext ctx) {
        ExecEnvironment env = ctx.env();
        Catalog catalog = env.catalog();
        if (parent.relkind() != 'p') throw notPartitioned(parent);
        Stmt.RangeVar rv = a.partition();
        Relation part = catalog.openRelation(rv.schema(), rv.name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (part == null) throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown(rv) + "\" does not exist");
        if (part.relkind() != 'r' && part.relkind() != 'p')
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + part.name() + "\" is not a table");
        PartitionCatalog pc = catalog.partitions();
        if (pc.boundText(part.oid()) != null)
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + part.name() + "\" is already a partition");
        if (!catalog.inheritanceParents(part.oid()).isEmpty())
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot attach inheritance child as partition");
        if (!catalog.inheritanceChildren(part.oid()).isEmpty() && part.relkind() == 'r')
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot attach inheritance parent as partition");
        // find_all_inheritors(attachrel), itself included, must not contain the parent
        for (Relation r : allOf(part, env)) {
            if (r.oid() == parent.oid())
                throw PgException.error(SqlState.DUPLICATE_TABLE, "circular inheritance not allowed")
                        .withDetail("\"" + parent.name() + "\" is already a child of \"" + part.name() + "\".");
        }
        if (parent.persistence() == 't' && part.persistence() != 't')
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot attach a permanent relation as partition of temporary relation \""
                    + parent.name() + "\"");
        if (parent.persistence() != 't' && part.persistence() == 't')
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot attach a temporary relation as partition of permanent relation \""
                    + parent.name() + "\"");
        // MergeAttributesIntoExisting: same columns, same types, nothing extra.
        for (int i = 0; i < part.desc().natts(); i++) {
            if (part.desc().attr(i).attisdropped()) continue;
            String name = part.desc().attr(i).name();
            if (column(parent, name) == 0)
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "table \"" + part.name() + "\" contains column \"" + name
                        + "\" not found in parent \"" + parent.name() + "\"")
                        .withDetail("The new partition may contain only the columns present in parent.");
        }
        int[] inhcount = new int[part.desc().natts()];
        boolean[] islocal = new boolean[inhcount.length];
        for (int i = 0; i < parent.desc().natts(); i++) {
            if (parent.desc().attr(i).attisdropped()) continue;
            String name = parent.desc().attr(i).name();
            int attnum = column(part, name);
            if (attnum == 0)
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "child table is missing column \"" + name + "\"");
            if (part.atttypid(attnum) != parent.atttypid(i + 1) || part.atttypmod(attnum) != parent.atttypmod(i + 1))
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "child table \"" + part.name()
                        + "\" has different type for column \"" + name + "\"");
            if (parent.desc().attr(i).attnotnull() && !part.desc().attr(attnum - 1).attnotnull())
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "column \"" + name + "\" in child table must be marked NOT NULL");
            inhcount[attnum - 1] = 1;
            islocal[attnum - 1] = false;   // MergeAttributesIntoExisting: a partition's columns are all inherited
        }
        PartitionKey key = pc.key(parent);
        PartitionBound bound = PartitionBounds.transform(a.bound(), key, parent, queryString, ctx);
        PartitionBounds.checkNew(part.name(), parent, key, bound, a.bound(), queryString, ctx);
        // QueuePartitionConstraintValidation: every existing row must belong in the partition.
        List<PartitionCatalog.Partition> siblings = pc.partitions(parent, key, catalog);
        validateRows(part, parent, key, v -> bound.isDefault() ? PartitionRouting.choose(key, siblings, 0, v, ctx) == 0
                : PartitionRouting.boundAccepts(key, bound, v, ctx), ctx,
                "partition constraint of relation \"" + part.name() + "\" is violated by some row");
        ConstraintInheritance.mergeIntoExisting(part, parent, true, env, ctx.inputSettings(), ctx.session().currentDatabase());
        catalog.storeInheritance(part.oid(), List.of(parent.oid()), inhcount, islocal);
        pc.storeBound(part.oid(), parent.oid(), bound.toSql(key), bound.isDefault());
        PartitionIndexes.cloneToPartition(parent, catalog.openRelation(part.oid()), ctx);   // AttachPartitionEnsureIndexes
        TriggerCommands.cloneRowTriggersToPartition(parent, part, catalog);
    }

    /** ATExecDetachPartition (not CONCURRENTLY). */
    public static void detach(Relation parent, Stmt.AlterTableCmd.DetachPartition d, ExecContext ctx) {
        ExecEnvironment env = ctx.env();
        Catalog catalog = env.catalog();
        if (parent.relkind() != 'p') throw notPartitioned(parent);
        Stmt.RangeVar rv = d.partition();
        Relation part = catalog.openRelation(rv.schema(), rv.name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        if (part == null) throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown(rv) + "\" does not exist");
        if (catalog.partitions().boundText(part.oid()) == null || !catalog.inheritanceParents(part.oid()).contains(parent.oid()))
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + part.name() + "\" is not a partition of relation \""
                    + parent.name() + "\"");
        // DetachPartitionFinalize: the partition's indexes are detached from the parent's
        for (Relation index : catalog.indexesOf(part)) {
            int parentIndex = catalog.partitions().parentIndex(index.oid());
            if (parentIndex != 0) catalog.partitions().detachIndex(index.oid());
        }
        ConstraintInheritance.removeInheritance(part, parent, env);
        catalog.partitions().detach(part.oid(), parent.oid());
        for (int i = 0; i < parent.desc().natts(); i++) {
            int attnum = column(part, parent.desc().attr(i).name());
            if (attnum != 0) catalog.adjustColumnInheritance(part, attnum, -1, true);
        }
    }

    /**
     * The rows of {@code part} (its leaves, if it is itself partitioned) must all have key values
     * of {@code parent}'s key that {@code accepts} takes (QueuePartitionConstraintValidation,
     * done at once); 23514 otherwise. Each row is converted to the parent's column order first,
     * where the key's columns and expressions are formed.
     */
    static void validateRows(Relation part, Relation parent, PartitionKey key, java.util.function.Predicate<Object[]> accepts,
                             ExecContext ctx, String message) {
        ExecEnvironment env = ctx.env();
        PartitionKeyDatum former = PartitionKeyDatum.open(parent, key, ctx);
        for (Relation leaf : leaves(part, env)) {
            if (leaf.locator() == null) continue;
            int[] toParent = PartitionRouting.columnMap(leaf, parent);
            try (TableScan scan = env.tableAm().beginScan(leaf, env.latestSnapshot())) {
                TupleSlot t;
                while ((t = scan.next()) != null) {
                    ctx.session().checkForInterrupts();
                    Object[] values = former.form(PartitionRouting.convert(t.values(), toParent));
                    if (!accepts.test(values)) throw PgException.error("23514", message)
                            .withObjects(new PgException.ErrorObjects(null, leaf.name(), null, null, null));
                }
            }
        }
    }

    /** The leaf partitions under partitioned table {@code rel} (find_all_inheritors without the partitioned ones). */
    static List<Relation> leafPartitions(Relation rel, ExecEnvironment env) {
        return leaves(rel, env);
    }

    /** {@code rel} itself, or its leaf partitions if it is partitioned. */
    private static List<Relation> leaves(Relation rel, ExecEnvironment env) {
        List<Relation> out = new ArrayList<>();
        if (rel.relkind() != 'p') {
            out.add(rel);
            return out;
        }
        for (int child : env.catalog().inheritanceChildren(rel.oid())) {
            Relation c = env.catalog().openRelation(child);
            if (c != null) out.addAll(leaves(c, env));
        }
        return out;
    }

    /** find_all_inheritors: {@code rel} and every relation below it. */
    static List<Relation> allOf(Relation rel, ExecEnvironment env) {
        List<Relation> out = new ArrayList<>();
        out.add(rel);
        for (int i = 0; i < out.size(); i++) {
            for (int child : env.catalog().inheritanceChildren(out.get(i).oid())) {
                Relation c = env.catalog().openRelation(child);
                if (c != null && out.stream().noneMatch(x -> x.oid() == child)) out.add(c);
            }
        }
        return out;
    }

    /**
     * ATExecDropColumn's has_partition_attrs check: a column of a partitioned table's key, or
     * one its key expressions read, cannot be dropped (42P16, the same message for both).
     */
    static void checkNotInKey(Relation rel, int attnum, ExecContext ctx) {
        if (usedByKey(rel, attnum, ctx))
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "cannot drop column \""
                    + rel.desc().attr(attnum - 1).name() + "\" because it is part of the partition key of relation \""
                    + rel.name() + "\"");
    }

    /** has_partition_attrs for one column: whether it is a key column of {@code rel} or read by a key expression. */
    static boolean usedByKey(Relation rel, int attnum, ExecContext ctx) {
        PartitionKey key = ctx.env().catalog().partitions().key(rel);
        if (key == null) return false;
        for (int i = 0; i < key.count(); i++) if (key.attnum(i) == attnum) return true;
        if (!key.hasExpressions()) return false;
        java.util.BitSet used = new java.util.BitSet();
        for (var e : org.tusk.parser.IndexExprAnalysis.storedExpressions(rel, key.expressionsText(), ctx.inputSettings(),
                ctx.session().currentDatabase(), ctx.env())) org.tusk.parser.IndexExprAnalysis.collectAttnums(e, used);
        return used.get(attnum);
    }

    /** The attnum of live column {@code name} of {@code rel}, 0 if it has none. */
    static int column(Relation rel, String name) {
        for (int i = 0; i < rel.desc().natts(); i++) {
            if (!rel.desc().attr(i).attisdropped() && rel.desc().attr(i).name().equals(name)) return i + 1;
        }
        return 0;
    }

    private static PgException notPartitioned(Relation rel) {
        return PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not partitioned");
    }

    private static String shown(Stmt.RangeVar rv) {
        return rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
    }
}
