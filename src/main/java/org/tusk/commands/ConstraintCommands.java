package org.tusk.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.ConstraintInfo;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.ExprEvaluator;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.CheckConstraintAnalysis;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * CHECK and FOREIGN KEY constraints at DDL time, and the ALTER TABLE forms that change any
 * constraint (PostgreSQL's heap.c AddRelationNewConstraints, tablecmds.c ATAddCheckConstraint,
 * ATAddForeignKeyConstraint, transformFkeyGetPrimaryKey, transformFkeyCheckAttrs,
 * ATExecDropConstraint, ATExecValidateConstraint, RenameConstraint, and ri_triggers.c
 * RI_Initial_Check). The caller holds AccessExclusiveLock on the constrained table; a referenced
 * table is locked ShareRowExclusiveLock, as PostgreSQL locks it while it adds the RI triggers.
 *
 * <p>Existing rows are checked when a constraint is added to a table that may have rows (ALTER
 * TABLE ADD) unless it is NOT VALID; VALIDATE CONSTRAINT checks them later and sets convalidated.
 */
public final class ConstraintCommands {
    private ConstraintCommands() {}

    /**
     * The CHECK part of AddRelationNewConstraints: analyses the expression, names the constraint
     * (table_column_check when it uses one column, table_check otherwise), checks the existing rows
     * unless {@code ctx} is null (a new table) or it is NOT VALID, and stores it.
     */
    public static void addCheck(Relation rel, Stmt.TableConstraint k, String queryString, ExecEnvironment env, InputSettings zone,
                                String database, ExecContext ctx) {
        addCheck(rel, k, queryString, env, zone, database, ctx, true, false, rel.isPartition(), m -> { });
    }

    /**
     * The same, as ALTER TABLE [ONLY] ADD CHECK (ATAddCheckConstraint) or DefineRelation add it:
     * {@code recurse} (no ONLY) sends the constraint on to the inheritance children, where it
     * is inherited ({@code recursing} on the way down) and merges with a same-named constraint of
     * the same expression (MergeWithExistingConstraint); {@code isPartition} says whether
     * {@code rel} is a partition (true while a partition is being created, before its bound is stored).
     */
    static void addCheck(Relation rel, Stmt.TableConstraint k, String queryString, ExecEnvironment env, InputSettings zone,
                         String database, ExecContext ctx, boolean recurse, boolean recursing, boolean isPartition,
                         Consumer<String> notices) {
        Catalog catalog = env.catalog();
        // conbin binds the names the expression resolved now (StoredNamePins)
        var pinned = org.tusk.catalog.StoredNamePins.analyze(k.checkSql(), () -> CheckConstraintAnalysis.cookAt(rel,
                k.checkSql(), queryString, k.checkLocation(), zone, database, env));
        CheckConstraintAnalysis.Cooked cooked = pinned.result();
        String name = k.name();
        if (name == null) {
            String col = cooked.varCount() == 1 && cooked.attnums().length == 1 ? rel.desc().attr(cooked.attnums()[0] - 1).name() : null;
            name = catalog.chooseConstraintName(rel, col, "check");
        } else {
            for (ConstraintInfo c : catalog.constraintsOf(rel)) {
                if (!c.name().equals(name)) continue;
                // A table being created has only the constraints of this statement and its inherited ones.
                if (ctx == null && c.inhcount() == 0)
                    throw PgException.error(SqlState.DUPLICATE_OBJECT, "check constraint \"" + name + "\" already exists");
                // DefineRelation and the recursion of ALTER TABLE ADD allow a merge (allow_merge)
                ConstraintInheritance.mergeWithExisting(rel, c, k.checkSql(), ctx == null || recursing, !recursing,
                        !k.notValid(), k.noInherit(), isPartition, env, zone, database, notices);
                return;   // merged: nothing more to add here or below (ATAddCheckConstraint)
            }
        }
        if (rel.relkind() == 'p' && k.noInherit())
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "cannot add NO INHERIT constraint to partitioned table \""
                    + rel.name() + "\"");
        // a partitioned table has no rows of its own: its partitions' rows are checked as the
        // constraint reaches them (ATAddCheckConstraint recursing to each partition)
        boolean validate = ctx != null && !k.notValid() && rel.relkind() != 'p';
        if (validate) validateCheck(rel, name, cooked.expr(), env, ctx);
        ConstraintInfo info = ConstraintInfo.check(name, rel.oid(), cooked.attnums(), pinned.text(), !k.notValid(), k.noInherit());
        if (recursing) info = info.withInheritance(false, 1);
        catalog.addConstraint(rel, info);
        // ATAddCheckConstraint: on to the children, one level at a time (a new table has none)
        if (ctx == null || k.noInherit()) return;
        List<Integer> children = catalog.inheritanceChildren(rel.oid());
        if (children.isEmpty()) return;
        if (!recurse)
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "constraint must be added to child tables too");
        Stmt.TableConstraint named = k.withName(name);
        for (int child : children) {
            catalog.lockRelation(child, org.tusk.catalog.RelationLocks.ACCESS_EXCLUSIVE_LOCK);
            Relation c = catalog.openRelation(child);
            if (c != null) addCheck(c, named, queryString, env, zone, database, ctx, true, true, c.isPartition(), notices);
        }
    }

    /** ATRewriteTable's constraint test: 23514 if a live row fails the CHECK. */
    private static void validateCheck(Relation rel, String name, Expr expr, ExecEnvironment env, ExecContext ctx) {
        try (TableScan scan = env.tableAm().beginScan(rel, env.latestSnapshot())) {
            TupleSlot t;
            while ((t = scan.next()) != null) {
                ctx.session().checkForInterrupts();
                Object[] row = org.tusk.executor.TableConstraints.forCheck(rel, Arrays.copyOf(t.values(), rel.desc().natts()));
                if (Boolean.FALSE.equals(ExprEvaluator.eval(expr, row, null, ctx))) {
                    throw PgException.error("23514", "check constraint \"" + name + "\" of relation \"" + rel.name()
                            + "\" is violated by some row")
                            .withObjects(new PgException.ErrorObjects(null, rel.name(), null, null, name));
                }
            }
        }
    }

    /**
     * ATAddForeignKeyConstraint: resolves the referenced table and columns (its primary key when
     * none are named), finds the unique index they match, checks the column types, names the
     * constraint table_columns_fkey, checks the existing rows unless {@code ctx} is null (a new
     * table) or it is NOT VALID, and stores it.
     */
    public static void addForeignKey(Relation rel, Stmt.TableConstraint k, ExecEnvironment env, ExecContext ctx) {
        Catalog catalog = env.catalog();
        Stmt.ForeignKey fk = k.fk();
        Relation pk = fk.pkTable().schema() == null && fk.pkTable().name().equals(rel.name()) && samePath(rel, fk, catalog)
                ? rel : catalog.openRelation(fk.pkTable().schema(), fk.pkTable().name(), RelationLocks.SHARE_ROW_EXCLUSIVE_LOCK);
        if (pk == null) {
            String shown = fk.pkTable().schema() == null ? fk.pkTable().name() : fk.pkTable().schema() + "." + fk.pkTable().name();
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
        }
        if (pk.relkind() != 'r') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "referenced relation \"" + pk.name() + "\" is not a table");
        }
        if (rel.persistence() == 'p' && pk.persistence() != 'p') {
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION,
                    "constraints on permanent tables may reference only permanent tables");
        }
        if (rel.persistence() == 't' && pk.persistence() != 't') {
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION,
                    "constraints on temporary tables may reference only temporary tables");
        }
        short[] fkAtts = attnums(rel, k.columns());
        for (short a : fkAtts) {
            // ATAddForeignKeyConstraint: per the SQL standard, no action may write a generated column
            if (rel.attgenerated(a) == 0) continue;
            if (fk.updAction() == 'n' || fk.updAction() == 'd' || fk.updAction() == 'c')
                throw PgException.error(SqlState.SYNTAX_ERROR,
                        "invalid ON UPDATE action for foreign key constraint containing generated column");
            if (fk.delAction() == 'n' || fk.delAction() == 'd')
                throw PgException.error(SqlState.SYNTAX_ERROR,
                        "invalid ON DELETE action for foreign key constraint containing generated column");
        }
        short[] pkAtts;
        Relation index;
        if (fk.pkColumns().isEmpty()) {
            index = null;
            for (Relation ix : catalog.indexesOf(pk)) if (ix.index().primary()) index = ix;
            if (index == null) {
                throw PgException.error("42830", "there is no primary key for referenced table \"" + pk.name() + "\"");
            }
            int[] keys = index.index().keyAttnums();
            pkAtts = new short[keys.length];
            for (int i = 0; i < keys.length; i++) pkAtts[i] = (short) keys[i];
        } else {
            pkAtts = attnums(pk, fk.pkColumns());
            index = matchingUniqueIndex(pk, pkAtts, catalog);
        }
        if (fkAtts.length != pkAtts.length) {
            throw PgException.error("42830", "number of referencing and referenced columns for foreign key disagree");
        }
        String name = k.name() != null ? k.name() : catalog.chooseConstraintName(rel, columnNames(rel, fkAtts), "fkey");
        for (int i = 0; i < fkAtts.length; i++) {
            // atttypid, not the storage type: every enum column stores as anyenum
            int fkType = rel.atttypid(fkAtts[i]);
            int pkType = pk.atttypid(pkAtts[i]);
            if (!comparable(fkType, pkType)) {
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "foreign key constraint \"" + name
                        + "\" cannot be implemented")
                        .withDetail("Key columns \"" + rel.desc().attr(fkAtts[i] - 1).name() + "\" and \""
                                + pk.desc().attr(pkAtts[i] - 1).name() + "\" are of incompatible types: "
                                + BuiltinCatalog.formatType(fkType) + " and " + BuiltinCatalog.formatType(pkType) + ".");
            }
        }
        ConstraintInfo c = ConstraintInfo.foreignKey(name, rel.oid(), fkAtts, index.oid(), pk.oid(), pkAtts,
                fk.updAction(), fk.delAction(), fk.matchType(), k.deferrable(), k.initiallyDeferred(), !k.notValid());
        if (ctx != null && !k.notValid()) initialCheck(rel, pk, c, env, ctx);
        catalog.addConstraint(rel, c);
    }

    /** Whether an unqualified REFERENCES to the table's own name means the table itself (a self-reference). */
    private static boolean samePath(Relation rel, Stmt.ForeignKey fk, Catalog catalog) {
        Relation found = catalog.openRelation(null, fk.pkTable().name());
        return found != null && found.oid() == rel.oid();
    }

    /**
     * Whether the referencing type can be compared with the referenced one by the referenced
     * column's B-tree equality (the check ATAddForeignKeyConstraint makes through the operator
     * family): the same type, or one that coerces to it implicitly.
     */
    private static boolean comparable(int fkType, int pkType) {
        return fkType == pkType || ParseCoerce.canCoerce(fkType, pkType, ParseCoerce.Context.IMPLICIT);
    }

    /** transformFkeyCheckAttrs: the unique index whose key columns are exactly {@code pkAtts}, in any order. */
    private static Relation matchingUniqueIndex(Relation pk, short[] pkAtts, Catalog catalog) {
        for (int i = 0; i < pkAtts.length; i++) {
            for (int j = i + 1; j < pkAtts.length; j++) {
                if (pkAtts[i] == pkAtts[j]) {
                    throw PgException.error("42830", "foreign key referenced-columns list must not contain duplicates");
                }
            }
        }
        for (Relation ix : catalog.indexesOf(pk)) {
            Relation.IndexInfo info = ix.index();
            if (!info.unique() || info.keyCount() != pkAtts.length) continue;
            boolean all = true;
            for (short a : pkAtts) {
                boolean found = false;
                for (int key : info.keyAttnums()) found |= key == a;
                all &= found;
            }
            if (all) return ix;
        }
        throw PgException.error("42830", "there is no unique constraint matching given keys for referenced table \""
                + pk.name() + "\"");
    }

    private static short[] attnums(Relation rel, List<String> names) {
        short[] out = new short[names.size()];
        for (int i = 0; i < out.length; i++) {
            String n = names.get(i);
            int found = -1;
            for (int a = 0; a < rel.desc().natts(); a++) {
                if (rel.desc().attr(a).name().equals(n) && !rel.desc().attr(a).attisdropped()) found = a + 1;
            }
            if (found < 0) {
                throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + n
                        + "\" referenced in foreign key constraint does not exist");
            }
            out[i] = (short) found;
        }
        return out;
    }

    /** ChooseForeignKeyConstraintNameAddition: the column names joined by '_'. */
    private static String columnNames(Relation rel, short[] atts) {
        StringBuilder sb = new StringBuilder();
        for (short a : atts) {
            if (!sb.isEmpty()) sb.append('_');
            sb.append(rel.desc().attr(a - 1).name());
        }
        return sb.toString();
    }

    /**
     * RI_Initial_Check: one query for a referencing row without a referenced row (MATCH SIMPLE: a
     * key without NULLs; MATCH FULL: any key not all NULL); 23503 naming the first one found.
     */
    private static void initialCheck(Relation rel, Relation pk, ConstraintInfo c, ExecEnvironment env, ExecContext ctx) {
        StringBuilder select = new StringBuilder("SELECT ");
        StringBuilder on = new StringBuilder();
        StringBuilder fkNotNull = new StringBuilder();
        for (int i = 0; i < c.keyCount(); i++) {
            String fkCol = "fk." + quote(rel.desc().attr(c.key(i) - 1).name());
            String pkCol = "pk." + quote(pk.desc().attr(c.fkey(i) - 1).name());
            if (i > 0) {
                select.append(", ");
                on.append(" AND ");
                fkNotNull.append(c.matchType() == 'f' ? " OR " : " AND ");
            }
            select.append(fkCol);
            on.append(pkCol).append(" = ").append(fkCol);
            fkNotNull.append(fkCol).append(" IS NOT NULL");
        }
        String sql = select + " FROM " + qualified(rel, env) + " fk LEFT OUTER JOIN " + qualified(pk, env) + " pk ON "
                + on + " WHERE " + "pk." + quote(pk.desc().attr(c.fkey(0) - 1).name()) + " IS NULL AND (" + fkNotNull + ")";
        List<Object[]> bad = env.constraintSupport().execute(sql, List.of(), new Object[0], 1, ctx);
        if (bad.isEmpty()) return;
        Object[] key = bad.get(0);
        boolean someNull = false;
        for (int i = 0; i < c.keyCount(); i++) someNull |= key[i] == null;
        PgException e = PgException.error("23503", "insert or update on table \"" + rel.name()
                + "\" violates foreign key constraint \"" + c.name() + "\"");
        if (someNull) throw e.withDetail("MATCH FULL does not allow mixing of null and nonnull key values.");
        StringBuilder names = new StringBuilder("(");
        StringBuilder values = new StringBuilder("(");
        for (int i = 0; i < c.keyCount(); i++) {
            if (i > 0) {
                names.append(", ");
                values.append(", ");
            }
            var att = rel.desc().attr(c.key(i) - 1);
            names.append(att.name());
            values.append(BuiltinCatalog.type(att.type().oid()).output().out(key[i], ctx.outputSettings()));
        }
        throw e.withDetail("Key " + names + ")=" + values + ") is not present in table \"" + pk.name() + "\".")
                .withObjects(new PgException.ErrorObjects(null, rel.name(), null, null, c.name()));
    }

    private static String qualified(Relation r, ExecEnvironment env) {
        String nsp = env.catalog().namespaceName(r.namespace());
        return (nsp == null ? "" : quote(nsp) + ".") + quote(r.name());
    }

    private static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }

    /** The constraint {@code name} of {@code rel}, or null. */
    private static ConstraintInfo find(Relation rel, String name, Catalog catalog) {
        for (ConstraintInfo c : catalog.constraintsOf(rel)) if (c.name().equals(name)) return c;
        return null;
    }

    /**
     * ATExecDropConstraint: 42704 for a missing constraint (a NOTICE with IF EXISTS); dropping a
     * PRIMARY KEY or UNIQUE constraint that foreign keys reference is 2BP01 unless CASCADE, which
     * drops those foreign keys first.
     */
    public static void drop(Relation rel, Stmt.AlterTableCmd.DropConstraint d, ExecEnvironment env, Consumer<String> notices) {
        drop(rel, d, true, env, notices);
    }

    /**
     * The same; {@code recurse} false for ALTER TABLE ONLY. An inherited CHECK cannot be dropped
     * from a child (42P16); dropping one from a parent goes on to its children
     * ({@link ConstraintInheritance#dropFromChildren}).
     */
    public static void drop(Relation rel, Stmt.AlterTableCmd.DropConstraint d, boolean recurse, ExecEnvironment env,
                            Consumer<String> notices) {
        Catalog catalog = env.catalog();
        ConstraintInfo c = find(rel, d.name(), catalog);
        if (c == null) {
            if (d.missingOk()) {
                notices.accept("constraint \"" + d.name() + "\" of relation \"" + rel.name() + "\" does not exist, skipping");
                return;
            }
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + d.name() + "\" of relation \"" + rel.name()
                    + "\" does not exist");
        }
        // ATExecDropConstraint refuses an inherited one (a partition's copy of its parent's key too) first
        if (c.inhcount() > 0)
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "cannot drop inherited constraint \"" + c.name()
                    + "\" of relation \"" + rel.name() + "\"");
        if (c.contype() == 'p' || c.contype() == 'u') {
            Relation index = catalog.openRelation(c.indid());
            List<ConstraintInfo> dependents = new ArrayList<>();
            for (ConstraintInfo f : catalog.foreignKeysReferencing(rel)) if (f.indid() == c.indid()) dependents.add(f);
            dropDependentForeignKeys(dependents, "constraint " + c.name() + " on table " + rel.name(),
                    "index " + (index == null ? c.name() : index.name()), d.cascade(), env, notices);
        }
        catalog.dropConstraint(rel, c);
        ConstraintInheritance.dropFromChildren(rel, c, recurse, env);
    }

    /**
     * performDeletion's dependency check for foreign keys that depend on an object being dropped:
     * without CASCADE 2BP01 naming them; with it a NOTICE per key and the keys dropped.
     *
     * @param what    the object being dropped, as the error names it ("table b"), or null when
     *                the statement names several (PostgreSQL's "desired object(s)" message)
     * @param onWhat  what the keys depend on, as the DETAIL names it ("table b", "index b_pkey")
     */
    static void dropDependentForeignKeys(List<ConstraintInfo> fks, String what, String onWhat, boolean cascade,
                                         ExecEnvironment env, Consumer<String> notices) {
        if (fks.isEmpty()) return;
        Catalog catalog = env.catalog();
        List<String> lines = new ArrayList<>();
        for (ConstraintInfo f : fks) {
            Relation fkRel = catalog.openRelation(f.relid());
            lines.add("constraint " + f.name() + " on table " + fkRel.name());
        }
        if (!cascade) {
            List<String> detail = new ArrayList<>();
            for (String l : lines) detail.add(l + " depends on " + onWhat);
            String message = what == null ? "cannot drop desired object(s) because other objects depend on them"
                    : "cannot drop " + what + " because other objects depend on it";
            throw new PgException(Severity.ERROR, SqlState.DEPENDENT_OBJECTS_STILL_EXIST, message, String.join("\n", detail),
                    "Use DROP ... CASCADE to drop the dependent objects too.", 0);
        }
        for (int i = 0; i < fks.size(); i++) {
            notices.accept("drop cascades to " + lines.get(i));
            ConstraintInfo f = fks.get(i);
            catalog.dropConstraint(catalog.openRelation(f.relid()), f);
        }
    }

    /** RenameConstraint: 42704 if the table has no constraint of that name. */
    public static void rename(Stmt.RenameConstraintStmt s, ExecEnvironment env, Consumer<String> notices) {
        Catalog catalog = env.catalog();
        Relation rel = catalog.openRelation(s.relation().schema(), s.relation().name(), RelationLocks.ACCESS_EXCLUSIVE_LOCK);
        String shown = s.relation().schema() == null ? s.relation().name() : s.relation().schema() + "." + s.relation().name();
        if (rel == null) {
            if (s.missingOk()) {
                notices.accept("relation \"" + shown + "\" does not exist, skipping");
                return;
            }
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
        }
        ConstraintInfo c = find(rel, s.name(), catalog);
        if (c == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + s.name() + "\" for table \"" + rel.name()
                    + "\" does not exist");
        }
        catalog.renameConstraint(rel, c, s.newName());
    }

    /**
     * ATExecValidateConstraint: checks the existing rows against a NOT VALID CHECK or FOREIGN KEY
     * constraint and marks it validated; nothing happens to one that is valid already.
     */
    public static void validate(Relation rel, String name, ExecContext ctx) {
        ExecEnvironment env = ctx.env();
        Catalog catalog = env.catalog();
        ConstraintInfo c = find(rel, name, catalog);
        if (c == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" of relation \"" + rel.name()
                    + "\" does not exist");
        }
        if (c.contype() != 'c' && c.contype() != 'f') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "constraint \"" + name + "\" of relation \"" + rel.name()
                    + "\" is not a foreign key or check constraint");
        }
        if (c.validated()) return;
        if (c.contype() == 'c') {
            Expr e = CheckConstraintAnalysis.cook(rel, c.bin(), ctx.inputSettings(), ctx.session().currentDatabase(), env).expr();
            validateCheck(rel, name, e, env, ctx);
        } else {
            Relation pk = catalog.openRelation(c.confrelid());
            initialCheck(rel, pk, c, env, ctx);
        }
        catalog.markConstraintValidated(c);
    }
}
