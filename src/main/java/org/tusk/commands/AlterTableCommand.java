package org.tusk.commands;

import java.util.List;
import java.util.function.Consumer;

import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.ExprEvaluator;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Analyzer;
import org.tusk.parser.Lexer;
import org.tusk.parser.ParseCoerce;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * ALTER TABLE and the table forms of RENAME (PostgreSQL's tablecmds.c AlterTable, ATExec*,
 * renameatt, RenameRelation). The table is locked AccessExclusiveLock for the whole statement;
 * subcommands run in order, each ending with a CommandCounterIncrement (the catalog's), and the
 * relation is re-read from the relcache after each, since each changes its definition.
 *
 * <ul>
 * <li>ADD [CONSTRAINT n] PRIMARY KEY / UNIQUE (cols): checks that primary key columns hold no
 *     NULL (their NOT NULL is then set by index_create) and builds the unique index, which
 *     refuses duplicates.</li>
 * <li>ADD COLUMN without a default (or DEFAULT NULL) changes only the catalog: existing rows are
 *     shorter than the new descriptor and read as NULL there. With a non-null default the table
 *     is rewritten (ATRewriteTable: a new relfilenode holding every live row with the default
 *     evaluated per row, indexes rebuilt); Tusk does not store PostgreSQL 11's attmissingval.</li>
 * <li>ALTER COLUMN SET/DROP NOT NULL (SET checks the rows; DROP refuses a primary key column),
 *     SET/DROP DEFAULT.</li>
 * <li>ADD CHECK / FOREIGN KEY, DROP CONSTRAINT, VALIDATE CONSTRAINT ({@link ConstraintCommands}).</li>
 * <li>ADD [CONSTRAINT n] PRIMARY KEY / UNIQUE USING INDEX ({@link IndexConstraintCommand}).</li>
 * <li>SET/RESET (storage parameters) and ALTER COLUMN SET STATISTICS, also of an index
 *     ({@link AlterIndexCommand}).</li>
 * <li>RENAME TO and RENAME COLUMN.</li>
 * </ul>
 * DROP COLUMN is refused (0A000): it needs attisdropped columns throughout the executor.
 */
public final class AlterTableCommand {
    private AlterTableCommand() {}

    public static void alter(Stmt.AlterTableStmt s, String queryString, ExecContext ctx, Consumer<String> notices) {
        ExecEnvironment env = ctx.env();
        if (s.cmds().size() == 1 && s.cmds().get(0) instanceof Stmt.AlterTableCmd.AttachPartition a && a.bound() == null) {
            PartitionIndexes.alterIndexAttach(s.relation(), s.missingOk(), a.partition(), ctx, notices);
            return;
        }
        // SET/DROP DEFAULT also applies to a view (ATSimplePermissions ATT_VIEW): the default an
        // INSERT through the view gives the column (rewriteTargetView)
        boolean defaultsOnly = s.cmds().stream().allMatch(c -> c instanceof Stmt.AlterTableCmd.SetDefault);
        // SET/RESET (options) and ALTER COLUMN SET STATISTICS / SET (options) also name an index
        // (ALTER INDEX, or ALTER TABLE on one: ATSimplePermissions with ATT_INDEX); AlterIndexCommand checks the kind
        boolean indexForms = s.cmds().stream().allMatch(c -> c instanceof Stmt.AlterTableCmd.SetRelOptions
                || c instanceof Stmt.AlterTableCmd.SetStatistics || c instanceof Stmt.AlterTableCmd.SetColumnOptions);
        Relation rel = open(s.relation(), s.missingOk(), env, notices, defaultsOnly || indexForms);
        if (rel == null) return;
        if (defaultsOnly && rel.relkind() != 'r' && rel.relkind() != 'p' && rel.relkind() != 'v')
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table, view, materialized view, or foreign table");
        for (Stmt.AlterTableCmd cmd : s.cmds()) {
            switch (cmd) {
                case Stmt.AlterTableCmd.AddConstraint a -> {
                    switch (a.constraint().contype()) {
                        case 'c' -> ConstraintCommands.addCheck(rel, a.constraint(), queryString, env, ctx.inputSettings(),
                                ctx.session().currentDatabase(), ctx, s.relation().inh(), false, rel.isPartition(), notices);
                        case 'f' -> ConstraintCommands.addForeignKey(rel, a.constraint(), env, ctx);
                        case 'x' -> ExclusionConstraints.define(rel, a.constraint(), queryString, ctx, true);
                        default -> addConstraint(rel, a.constraint(), s.relation().inh(), queryString, ctx);
                    }
                }
                case Stmt.AlterTableCmd.DropConstraint d -> ConstraintCommands.drop(rel, d, s.relation().inh(), env, notices);
                case Stmt.AlterTableCmd.ValidateConstraint v -> ConstraintCommands.validate(rel, v.name(), ctx);
                case Stmt.AlterTableCmd.AddColumn a -> addColumn(rel, a, queryString, ctx, notices);
                case Stmt.AlterTableCmd.DropColumn d -> DropColumnCommand.drop(rel, d, s.relation().inh(), false, ctx, notices);
                case Stmt.AlterTableCmd.AlterColumnType t -> AlterColumnTypeCommand.alter(rel, t, queryString, false, ctx);
                case Stmt.AlterTableCmd.SetNotNull n -> setNotNull(rel, n.column(), env);
                case Stmt.AlterTableCmd.AddIdentity ai -> IdentityCommands.addIdentity(rel, ai, attnum(rel, ai.column()), env);
                case Stmt.AlterTableCmd.SetRelOptions o -> {
                    if (AlterIndexCommand.isIndex(rel)) AlterIndexCommand.setRelOptions(rel, o, env.catalog());
                    else RelOptions.alter(rel, o.options(), o.reset(), env);
                }
                case Stmt.AlterTableCmd.SetStatistics st -> AlterIndexCommand.setStatistics(rel, st, env.catalog());
                case Stmt.AlterTableCmd.SetColumnOptions co -> {
                    if (rel.relkind() != 'r' && rel.relkind() != 'p') AlterIndexCommand.refuseColumnOptions(rel, co);
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "ALTER COLUMN " + (co.reset() ? "RESET" : "SET")
                            + " (attribute options) is not supported yet");
                }
                case Stmt.AlterTableCmd.AddIndexConstraint ic -> IndexConstraintCommand.add(rel, ic, queryString, env, notices);
                case Stmt.AlterTableCmd.SetStorage st -> ColumnStorageCommands.setStorage(rel, attnum(rel, st.column()), st.storage(), env);
                case Stmt.AlterTableCmd.SetCompression sc ->
                        ColumnStorageCommands.setCompression(rel, attnum(rel, sc.column()), sc.method(), env);
                case Stmt.AlterTableCmd.DropNotNull n -> dropNotNull(rel, n.column(), env);
                case Stmt.AlterTableCmd.DropExpression d ->
                        GeneratedColumns.dropExpression(rel, d, s.relation().inh(), false, ctx, notices);
                case Stmt.AlterTableCmd.SetDefault d -> {
                    int attnum = attnum(rel, d.column());
                    if (rel.attgenerated(attnum) != 0) {
                        // ATExecColumnDefault: a generation expression is no default to set or drop
                        PgException e = PgException.error(SqlState.SYNTAX_ERROR, "column \"" + d.column() + "\" of relation \""
                                + rel.name() + "\" is a generated column");
                        throw d.defaultSql() == null ? e.withHint("Use ALTER TABLE ... ALTER COLUMN ... DROP EXPRESSION instead.") : e;
                    }
                    Expr analyzed = null;
                    String stored = null;
                    if (d.defaultSql() != null) {
                        int typ = rel.desc().attr(attnum - 1).type().oid(), typmod = rel.atttypmod(attnum);
                        // adbin binds the names the default resolved now (StoredNamePins)
                        var pinned = org.tusk.catalog.StoredNamePins.analyze(d.defaultSql(),
                                () -> withoutPosition(() -> Analyzer.analyzeColumnDefault(d.defaultSql(), d.column(), typ,
                                        typmod, ctx.inputSettings(), ctx.session().currentDatabase(), ctx.session().scanSettings())));
                        analyzed = pinned.result();
                        stored = pinned.text();
                    }
                    env.catalog().setColumnDefault(rel, attnum, stored);
                    DefaultDependencies.record(env.catalog(), rel.oid(), attnum, analyzed);
                }
                case Stmt.AlterTableCmd.AttachPartition a -> PartitionCommands.attach(rel, a, queryString, ctx);
                case Stmt.AlterTableCmd.DetachPartition d -> PartitionCommands.detach(rel, d, ctx);
                case Stmt.AlterTableCmd.EnableTrigger e -> TriggerCommands.enableDisable(rel, e, env);
                case Stmt.AlterTableCmd.RowSecurity r -> PolicyCommands.setRowSecurity(rel, r, env);
                case Stmt.AlterTableCmd.ClusterOn c -> ClusterOnCommand.clusterOn(rel, c.index(), env.catalog());
                case Stmt.AlterTableCmd.ReplicaIdentity r -> ReplicaIdentityCommand.set(rel, r.identity(), r.index(), env.catalog());
            }
            rel = env.catalog().openRelation(rel.oid());
        }
    }

    /** RenameRelation / renameatt. */
    public static void rename(Stmt.RenameStmt s, ExecEnvironment env, Consumer<String> notices) {
        Relation rel = open(s.relation(), s.missingOk(), env, notices, true);
        if (rel == null) return;
        if (s.column() == null) env.catalog().renameRelation(rel, s.newName());
        else renameColumn(rel, s.column(), s.newName(), s.relation().inh(), false, env);
    }

    /**
     * renameatt_internal: unless ONLY, first the same column of every inheritance child and partition
     * (find_all_inheritors: each descendant once, however many parents lead to it, before the parent
     * itself, so a clash in a child is the one reported), then the column of {@code rel}; an inherited
     * column cannot be renamed on its own (42P16).
     */
    private static void renameColumn(Relation rel, String column, String newName, boolean recurse, boolean recursing,
                                     ExecEnvironment env) {
        Catalog catalog = env.catalog();
        if (recurse) {
            java.util.LinkedHashSet<Integer> descendants = new java.util.LinkedHashSet<>();
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(catalog.inheritanceChildren(rel.oid()));
            while (!queue.isEmpty()) {
                int oid = queue.poll();
                if (descendants.add(oid)) queue.addAll(catalog.inheritanceChildren(oid));
            }
            for (int childOid : descendants) {
                catalog.lockRelation(childOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
                Relation child = catalog.openRelation(childOid);
                if (child != null) renameColumn(child, column, newName, false, true, env);
            }
        } else if (!recursing && !catalog.inheritanceChildren(rel.oid()).isEmpty()) {
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "inherited column \"" + column
                    + "\" must be renamed in child tables too");
        }
        int attnum = -1;
        for (int i = 0; i < rel.desc().natts(); i++) {
            if (rel.desc().attr(i).name().equals(column) && !rel.desc().attr(i).attisdropped()) attnum = i + 1;
        }
        if (attnum < 0) throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" does not exist");
        if (!recursing && catalog.columnInheritance(rel, attnum).inhcount() > 0) {
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "cannot rename inherited column \"" + column + "\"");
        }
        catalog.renameColumn(rel, attnum, newName);
    }

    private static Relation open(Stmt.RangeVar rv, boolean missingOk, ExecEnvironment env, Consumer<String> notices) {
        return open(rv, missingOk, env, notices, false);
    }

    /**
     * @param anyKind RENAME, which applies to every kind of relation whichever of ALTER TABLE,
     *                VIEW or INDEX names it (RangeVarCallbackForAlterRelation's compatibility rule)
     */
    private static Relation open(Stmt.RangeVar rv, boolean missingOk, ExecEnvironment env, Consumer<String> notices,
                                 boolean anyKind) {
        Relation rel = env.catalog().openRelation(rv.schema(), rv.name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
        if (rel == null) {
            if (missingOk) {
                notices.accept("relation \"" + shown + "\" does not exist, skipping");
                return null;
            }
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
        }
        if (rel.relkind() != 'r' && rel.relkind() != 'p' && !anyKind)
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rel.name() + "\" is not a table");
        return rel;
    }

    private static int attnum(Relation rel, String column) {
        for (int i = 0; i < rel.desc().natts(); i++) {
            if (rel.desc().attr(i).name().equals(column) && !rel.desc().attr(i).attisdropped()) return i + 1;
        }
        throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + rel.name()
                + "\" does not exist");
    }

    /**
     * ATExecAddIndexConstraint via DefineIndex; {@code recurse} false for ALTER TABLE ONLY, when a
     * partitioned table's index is made alone (invalid while partitions lack theirs).
     */
    private static void addConstraint(Relation rel, Stmt.TableConstraint k, boolean recurse, String queryString, ExecContext ctx) {
        ExecEnvironment env = ctx.env();
        int[] attnums = new int[k.columns().size()];
        for (int i = 0; i < attnums.length; i++) {
            String col = k.columns().get(i);
            attnums[i] = -1;
            for (int a = 0; a < rel.desc().natts(); a++) {
                if (rel.desc().attr(a).name().equals(col) && !rel.desc().attr(a).attisdropped()) attnums[i] = a + 1;
            }
            if (attnums[i] < 0) {
                throw PgException.errorAt(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" named in key does not exist",
                        Lexer.position(queryString, k.location()));
            }
        }
        int[] includes = new int[k.includes().size()];
        for (int i = 0; i < includes.length; i++) {
            String col = k.includes().get(i);
            for (int a = 0; a < rel.desc().natts(); a++) {
                if (rel.desc().attr(a).name().equals(col) && !rel.desc().attr(a).attisdropped()) includes[i] = a + 1;
            }
            if (includes[i] == 0) {
                throw PgException.errorAt(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" named in key does not exist",
                        Lexer.position(queryString, k.location()));
            }
        }
        if (k.primary()) {
            for (Relation index : env.catalog().indexesOf(rel)) {
                if (index.index().primary()) {
                    throw PgException.error(SqlState.INVALID_TABLE_DEFINITION,
                            "multiple primary keys for table \"" + rel.name() + "\" are not allowed");
                }
            }
            for (int a : attnums) if (!rel.desc().attr(a - 1).attnotnull() && rel.relkind() == 'r') checkNoNulls(rel, a, env);
        }
        if (rel.relkind() == 'p') {
            // DefineIndex recursing to the partitions (relation->inh), or not (ONLY)
            org.tusk.catalog.IndexSpec spec = org.tusk.catalog.IndexSpec.ofColumns(k.name(), attnums, true, k.primary(), true, false)
                    .withDeferrability(k.deferrable(), k.initiallyDeferred())
                    .withNullsNotDistinct(k.nullsNotDistinct()).withIncludes(includes);
            if (recurse) PartitionIndexes.define(rel, spec, ctx);
            else PartitionIndexes.defineOnly(rel, spec, ctx);
            return;
        }
        env.catalog().createIndex(rel, org.tusk.catalog.IndexSpec.ofColumns(k.name(), attnums, true, k.primary(), true, false)
                .withDeferrability(k.deferrable(), k.initiallyDeferred())
                        .withNullsNotDistinct(k.nullsNotDistinct()).withIncludes(includes), null);
    }

    /** ATRewriteTable's NOT NULL verification: a scan for a NULL in the column. */
    static void checkNoNulls(Relation rel, int attnum, ExecEnvironment env) {
        try (TableScan scan = env.tableAm().beginScan(rel, env.latestSnapshot())) {
            TupleSlot t;
            while ((t = scan.next()) != null) {
                if (t.values()[attnum - 1] == null) {
                    throw PgException.error("23502", "column \"" + rel.desc().attr(attnum - 1).name() + "\" of relation \""
                            + rel.name() + "\" contains null values");
                }
            }
        }
    }

    private static void setNotNull(Relation rel, String column, ExecEnvironment env) {
        int attnum = attnum(rel, column);
        if (rel.desc().attr(attnum - 1).attnotnull()) return;
        checkNoNulls(rel, attnum, env);
        env.catalog().setColumnNotNull(rel, attnum, true);
    }

    private static void dropNotNull(Relation rel, String column, ExecEnvironment env) {
        int attnum = attnum(rel, column);
        for (Relation index : env.catalog().indexesOf(rel)) {
            if (!index.index().primary()) continue;
            for (int a : index.index().keyAttnums()) {
                if (a == attnum) throw PgException.error("42P16", "column \"" + column + "\" is in a primary key");
            }
        }
        env.catalog().setColumnNotNull(rel, attnum, false);
    }

    /** ATExecAddColumn, then the rewrite a non-null default needs, then its PRIMARY KEY / UNIQUE. */
    private static void addColumn(Relation rel, Stmt.AlterTableCmd.AddColumn a, String queryString, ExecContext ctx,
                                  Consumer<String> notices) {
        ExecEnvironment env = ctx.env();
        Catalog catalog = env.catalog();
        Stmt.ColumnDefinition c = a.column();
        for (int i = 0; i < rel.desc().natts(); i++) {
            if (rel.desc().attr(i).name().equals(c.name())) {
                if (a.ifNotExists()) {
                    notices.accept("column \"" + c.name() + "\" of relation \"" + rel.name() + "\" already exists, skipping");
                    return;
                }
                throw PgException.error(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" of relation \"" + rel.name()
                        + "\" already exists");
            }
        }
        ParseCoerce.ResolvedType t = ParseCoerce.resolveTypeName(c.type(), queryString);
        if (c.generation() != null) {
            addGeneratedColumn(rel, c, t, queryString, ctx);
            addConstraintsAndChildren(rel, c, t, catalog.openRelation(rel.oid()).desc().natts(), queryString, ctx, notices);
            return;
        }
        Expr def = null;
        String stored = null;
        if (c.defaultSql() != null) {
            // adbin binds the names the default resolved now (StoredNamePins)
            var pinned = org.tusk.catalog.StoredNamePins.analyze(c.defaultSql(),
                    () -> withoutPosition(() -> Analyzer.analyzeColumnDefault(c.defaultSql(), c.name(), t.oid(), t.typmod(),
                            ctx.inputSettings(), ctx.session().currentDatabase(), ctx.session().scanSettings())));
            def = pinned.result();
            stored = pinned.text();
            if (def instanceof Expr.Const k && k.value() == null) def = null;
        }
        boolean notNull = c.notNull() || c.primaryKey();
        if (notNull && def == null && hasRows(rel, env)) {
            throw PgException.error("23502", "column \"" + c.name() + "\" of relation \"" + rel.name() + "\" contains null values");
        }
        int attnum = catalog.addColumn(rel, new Catalog.ColumnSpec(c.name(), t.oid(), t.typmod(), notNull, stored)
                .withCollation(ColumnCollations.of(c, t.oid(), queryString)));
        DefaultDependencies.record(catalog, rel.oid(), attnum, def);
        Relation widened = catalog.openRelation(rel.oid());
        if (def != null) rewrite(rel, widened, attnum, def, false, ctx);
        addConstraintsAndChildren(rel, c, t, attnum, queryString, ctx, notices);
    }

    /**
     * ATExecAddColumn of a stored generated column: the expression is cooked over the widened
     * table (without the statement's position, as AddRelationNewConstraints does), and the rows
     * there are rewritten with its value (ATRewriteTable's ExecComputeStoredGenerated).
     */
    private static void addGeneratedColumn(Relation rel, Stmt.ColumnDefinition c, ParseCoerce.ResolvedType t,
                                           String queryString, ExecContext ctx) {
        Catalog catalog = ctx.env().catalog();
        GeneratedColumns.checkDefinition(c, rel.name(), queryString);
        boolean notNull = c.notNull() || c.primaryKey();
        int attnum = catalog.addColumn(rel, new Catalog.ColumnSpec(c.name(), t.oid(), t.typmod(), notNull,
                c.generation().sql()).withCollation(ColumnCollations.of(c, t.oid(), queryString)).asGenerated('s'));
        Relation widened = catalog.openRelation(rel.oid());
        Expr e = withoutPosition(() -> org.tusk.parser.GenerationExprAnalysis.cook(widened, attnum, c.generation().sql(),
                ctx.inputSettings(), ctx.session().currentDatabase(), ctx.env()));
        GeneratedColumns.recordDependencies(catalog, widened, attnum, e);
        if (widened.locator() != null && hasRows(rel, ctx.env())) rewrite(rel, widened, attnum, e, true, ctx);
    }

    /** The rest of ATExecAddColumn: the column's PRIMARY KEY / UNIQUE, CHECK and REFERENCES, then the children. */
    private static void addConstraintsAndChildren(Relation rel, Stmt.ColumnDefinition c, ParseCoerce.ResolvedType t,
                                                  int attnum, String queryString, ExecContext ctx, Consumer<String> notices) {
        ExecEnvironment env = ctx.env();
        Catalog catalog = env.catalog();
        if (c.primaryKey() || c.unique()) {
            Relation current = catalog.openRelation(rel.oid());
            catalog.createIndex(null, current, new int[] {attnum}, true, c.primaryKey(), false);
        }
        for (Stmt.TableConstraint k : c.constraints()) {
            Relation current = catalog.openRelation(rel.oid());
            if (k.contype() == 'c') {
                ConstraintCommands.addCheck(current, k, queryString, env, ctx.inputSettings(), ctx.session().currentDatabase(), ctx);
            } else {
                ConstraintCommands.addForeignKey(current, k, env, ctx);
            }
        }
        addToChildren(rel, c, t, queryString, ctx, notices);
    }

    /**
     * ATExecAddColumn's recursion: the column goes to every inheritance child too (inherited:
     * attinhcount 1, not local), or, where a child already has a column of that name and type,
     * is merged into it (attinhcount + 1, with PostgreSQL's NOTICE). Indexes are not inherited.
     */
    private static void addToChildren(Relation parent, Stmt.ColumnDefinition c, ParseCoerce.ResolvedType t,
                                      String queryString, ExecContext ctx, Consumer<String> notices) {
        Catalog catalog = ctx.env().catalog();
        for (int childOid : catalog.inheritanceChildren(parent.oid())) {
            catalog.lockRelation(childOid, RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            Relation child = catalog.openRelation(childOid);
            if (child == null) continue;
            int existing = -1;
            for (int i = 0; i < child.desc().natts(); i++) if (child.desc().attr(i).name().equals(c.name())) existing = i + 1;
            if (existing > 0) {
                if (child.desc().attr(existing - 1).type().oid() != t.oid() || child.atttypmod(existing) != t.typmod()) {
                    throw PgException.error(SqlState.DATATYPE_MISMATCH, "child table \"" + child.name()
                            + "\" has different type for column \"" + c.name() + "\"");
                }
                int given = ColumnCollations.of(c, t.oid(), queryString);
                if (child.attcollation(existing) != (given != 0 ? given : org.tusk.catalog.Collations.typeCollation(t.oid()))) {
                    throw PgException.error("42P21", "child table \"" + child.name()
                            + "\" has different collation for column \"" + c.name() + "\"");
                }
                notices.accept("merging definition of column \"" + c.name() + "\" for child \"" + child.name() + "\"");
                catalog.adjustColumnInheritance(child, existing, 1, null);
                continue;
            }
            Stmt.ColumnDefinition inherited = new Stmt.ColumnDefinition(c.name(), c.type(), c.notNull() || c.primaryKey(),
                    c.rawDefault(), c.defaultSql(), -1, -1, c.location(), (char) 0, List.of(), List.of(), c.collation(),
                    c.collationLocation()).withGeneration(c.generation());
            addColumn(child, new Stmt.AlterTableCmd.AddColumn(inherited, false), queryString, ctx, notices);
            Relation widened = catalog.openRelation(childOid);
            catalog.adjustColumnInheritance(widened, widened.desc().natts(), 1, false);
        }
    }

    private static boolean hasRows(Relation rel, ExecEnvironment env) {
        try (TableScan scan = env.tableAm().beginScan(rel, env.latestSnapshot())) {
            return scan.next() != null;
        }
    }

    /**
     * ATRewriteTable: the table gets a new relfilenode (and its indexes new, empty ones); every
     * row live in the old file is stored again with the new column's default, and entered into
     * the indexes. The old files go at commit. Like PostgreSQL's rewrite, it is not MVCC-safe:
     * the rows get this transaction's xid, so snapshots older than it no longer see them.
     */
    private static void rewrite(Relation old, Relation widened, int attnum, Expr def, boolean overRow, ExecContext ctx) {
        ExecEnvironment env = ctx.env();
        env.catalog().truncateRelation(widened);
        Relation target = env.catalog().openRelation(old.oid());
        List<Relation> indexes = env.catalog().indexesOf(target);
        List<org.tusk.executor.IndexKeys> formers = new java.util.ArrayList<>();
        for (Relation index : indexes) formers.add(org.tusk.executor.IndexKeys.open(target, index, ctx));
        int natts = target.desc().natts();
        try (TableScan scan = env.tableAm().beginScan(old, env.latestSnapshot())) {
            TupleSlot t;
            while ((t = scan.next()) != null) {
                ctx.session().checkForInterrupts();
                Object[] row = java.util.Arrays.copyOf(t.values(), natts);
                // a generated column's expression reads the row (and its tableoid); a default reads nothing
                row[attnum - 1] = ExprEvaluator.eval(def, overRow ? org.tusk.executor.TableConstraints.forCheck(target, row)
                        : new Object[0], null, ctx);
                if (row[attnum - 1] == null && target.desc().attr(attnum - 1).attnotnull()) {
                    throw PgException.error("23502", "column \"" + target.desc().attr(attnum - 1).name() + "\" of relation \""
                            + target.name() + "\" contains null values");
                }
                ItemPointer tid = env.tableAm().insert(target, row, env.commandId());
                for (int i = 0; i < indexes.size(); i++) {
                    Object[] keys = formers.get(i).form(row);
                    if (keys == null) continue;   // outside a partial index
                    env.indexAm().insert(indexes.get(i), keys, tid, target, env.tableAm(), indexes.get(i).index().unique());
                }
            }
        }
    }
    /**
     * A DEFAULT analysed for ALTER TABLE: PostgreSQL cooks it in a parse state without the query
     * text (AddRelationNewConstraints from ATExecAddColumn / ATExecColumnDefault), so its errors
     * carry no position.
     */
    private static Expr withoutPosition(java.util.function.Supplier<Expr> analysis) {
        try {
            return analysis.get();
        } catch (PgException e) {
            throw e.position() > 0 ? e.withPosition(0) : e;
        }
    }
}
