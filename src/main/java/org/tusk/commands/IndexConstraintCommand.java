package org.tusk.commands;

import java.util.function.Consumer;

import org.tusk.catalog.BtreeOpclasses;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.CatalogRows;
import org.tusk.catalog.ConstraintInfo;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Lexer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * ALTER TABLE ... ADD [CONSTRAINT name] {PRIMARY KEY | UNIQUE} USING INDEX index: an existing
 * unique index becomes the constraint's index (parse_utilcmd.c transformIndexConstraint's checks
 * of the index, then tablecmds.c ATExecAddIndexConstraint and index.c index_constraint_create).
 * The index must be the table's, valid, unique, a plain B-tree on columns without predicate,
 * and sort every column as a constraint's own index would (default operator class, the column's
 * collation, ASC NULLS LAST); it must not back a constraint already. A constraint name other
 * than the index's renames the index (with a NOTICE). A primary key also runs
 * index_check_primary_key: no other primary key, and the key columns are checked for NULLs
 * before they become NOT NULL. The table is held AccessExclusiveLock by ALTER TABLE.
 */
final class IndexConstraintCommand {
    private static final String CANNOT = "Cannot create a primary key or unique constraint using such an index.";

    private IndexConstraintCommand() {}

    static void add(Relation rel, Stmt.AlterTableCmd.AddIndexConstraint c, String queryString, ExecEnvironment env,
                    Consumer<String> notices) {
        Catalog catalog = env.catalog();
        int pos = Lexer.position(queryString, c.location());
        if (rel.relkind() == 'p') {
            // transformIndexConstraint reports this one without a position
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "ALTER TABLE / ADD CONSTRAINT USING INDEX is not supported on partitioned tables");
        }
        int indexOid = catalog.relnameGetRelid(catalog.namespaceName(rel.namespace()), c.index());
        Relation index = indexOid == 0 ? null : catalog.openRelation(indexOid);
        if (index == null || index.relkind() != 'i' && index.relkind() != 'I') {
            throw PgException.errorAt(SqlState.UNDEFINED_OBJECT, "index \"" + c.index() + "\" does not exist", pos);
        }
        for (ConstraintInfo k : catalog.constraintsOf(rel)) {
            if (k.indid() == index.oid()) {
                throw PgException.errorAt("55000", "index \"" + c.index() + "\" is already associated with a constraint", pos);
            }
        }
        Relation.IndexInfo info = index.index();
        if (info.heapOid() != rel.oid()) {
            throw PgException.errorAt("55000", "index \"" + c.index() + "\" does not belong to table \"" + rel.name() + "\"", pos);
        }
        if (!index.indexIsValid()) throw PgException.errorAt("55000", "index \"" + c.index() + "\" is not valid", pos);
        if (!info.unique()) {
            throw PgException.errorAt(SqlState.WRONG_OBJECT_TYPE, "\"" + c.index() + "\" is not a unique index", pos)
                    .withDetail(CANNOT);
        }
        if (info.hasExpressions()) {
            throw PgException.errorAt(SqlState.WRONG_OBJECT_TYPE, "index \"" + c.index() + "\" contains expressions", pos)
                    .withDetail(CANNOT);
        }
        if (info.predicate() != null) {
            throw PgException.errorAt(SqlState.WRONG_OBJECT_TYPE, "\"" + c.index() + "\" is a partial index", pos)
                    .withDetail(CANNOT);
        }
        if (!info.immediate() && !c.deferrable()) {
            throw PgException.errorAt(SqlState.WRONG_OBJECT_TYPE, "\"" + c.index() + "\" is a deferrable index", pos)
                    .withDetail("Cannot create a non-deferrable constraint using a deferrable index.");
        }
        checkDefaultSorting(rel, index, c.index(), pos);
        if (c.primary()) checkPrimaryKey(rel, info, env);
        String name = c.name() == null ? index.name() : c.name();
        if (!name.equals(index.name())) {
            notices.accept("ALTER TABLE / ADD CONSTRAINT USING INDEX will rename index \"" + index.name() + "\" to \""
                    + name + "\"");
            catalog.renameRelation(index, name);
            index = catalog.openRelation(index.oid());
        }
        catalog.attachIndexConstraint(rel, index, c.primary(), c.deferrable(), c.initiallyDeferred());
    }

    /**
     * transformIndexConstraint: each column must use its type's default operator class, the
     * column's collation (attcollation) and no DESC / NULLS FIRST, so that the constraint means what its own index would.
     */
    private static void checkDefaultSorting(Relation rel, Relation index, String indexName, int pos) {
        Relation.IndexInfo info = index.index();
        int[] keys = info.keyAttnums();
        int[] opclasses = info.indclass();
        int[] collations = info.indcollation();
        short[] options = info.indoption();
        for (int i = 0; i < keys.length; i++) {
            int type = rel.atttypid(keys[i]);
            boolean defaultClass = opclasses[i] == 0 || opclasses[i] == BtreeOpclasses.defaultFor(type);
            boolean columnCollation = collations[i] == rel.attcollation(keys[i]);
            if (!defaultClass || !columnCollation || options[i] != 0) {
                throw PgException.errorAt(SqlState.WRONG_OBJECT_TYPE, "index \"" + indexName + "\" column number " + (i + 1)
                        + " does not have default sorting behavior", pos).withDetail(CANNOT);
            }
        }
    }

    /** index_check_primary_key: one primary key per table, and no NULL in the key columns. */
    private static void checkPrimaryKey(Relation rel, Relation.IndexInfo info, ExecEnvironment env) {
        for (Relation other : env.catalog().indexesOf(rel)) {
            if (other.index().primary()) {
                throw PgException.error(SqlState.INVALID_TABLE_DEFINITION,
                        "multiple primary keys for table \"" + rel.name() + "\" are not allowed");
            }
        }
        for (int attnum : info.keyAttnums()) {
            if (!rel.desc().attr(attnum - 1).attnotnull()) AlterTableCommand.checkNoNulls(rel, attnum, env);
        }
    }
}
