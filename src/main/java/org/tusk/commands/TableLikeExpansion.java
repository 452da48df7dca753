package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.ConstraintInfo;
import org.tusk.catalog.IndexSpec;
import org.tusk.catalog.RelationLocks;
import org.tusk.catalog.RelkindDetail;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Lexer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * One LIKE clause of CREATE TABLE (parse_utilcmd.c's transformTableLikeClause, with the part
 * expandTableLikeClause does once the new table exists).
 *
 * <p>Before the table is made, {@link #open} locks the source (AccessShareLock) and
 * {@link #columns} gives its live columns with their types, typmods and NOT NULL, and their
 * defaults with INCLUDING DEFAULTS; with INCLUDING CONSTRAINTS {@link #checks} gives its CHECK
 * constraints under their own names. After the table is made, {@link #finish} builds with
 * INCLUDING INDEXES a copy of each index (PRIMARY KEY and UNIQUE constraints stay constraints,
 * with their deferrability; names are chosen afresh as for an unnamed index), copies
 * INCLUDING STORAGE the columns' attstorage, INCLUDING COMPRESSION their attcompression, and
 * INCLUDING COMMENTS the comments of the columns, CHECK constraints and indexes copied.
 *
 * <p>Not done: an identity column is refused with INCLUDING IDENTITY (0A000) rather than
 * copied; an index with expressions or a predicate is refused with INCLUDING INDEXES; the
 * source's privileges are not checked (PostgreSQL wants SELECT on a table, USAGE on a type).
 * Tusk has no extended statistics, so STATISTICS finds
 * nothing to copy.
 */
final class TableLikeExpansion {
    private final Stmt.TableLikeClause like;
    private final Relation source;
    private final Catalog catalog;

    private TableLikeExpansion(Stmt.TableLikeClause like, Relation source, Catalog catalog) {
        this.like = like;
        this.source = source;
        this.catalog = catalog;
    }

    /** parserOpenTable on the source, and its kind checked. */
    static TableLikeExpansion open(Stmt.TableLikeClause like, Catalog catalog, String queryString) {
        Stmt.RangeVar rv = like.relation();
        Relation rel = catalog.openRelation(rv.schema(), rv.name(), RelationLocks.ACCESS_SHARE_LOCK);
        if (rel == null) {
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            throw PgException.errorAt(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist",
                    Lexer.position(queryString, rv.location()));
        }
        if ("rvmcfp".indexOf(rel.relkind()) < 0) {
            throw PgException.errorAt(SqlState.WRONG_OBJECT_TYPE, "relation \"" + rel.name() + "\" is invalid in LIKE clause",
                    Lexer.position(queryString, rv.location())).withDetail(RelkindDetail.notSupported(rel.relkind()));
        }
        return new TableLikeExpansion(like, rel, catalog);
    }

    /** Where the columns go among the statement's own column definitions. */
    int position() { return like.position(); }

    /** The source's live columns as the new table's. */
    List<Catalog.ColumnSpec> columns() {
        List<String> defaults = like.including(Stmt.TableLikeClause.DEFAULTS) ? catalog.columnDefaults(source) : null;
        List<Catalog.ColumnSpec> out = new ArrayList<>();
        for (int i = 0; i < source.desc().natts(); i++) {
            var att = source.desc().attr(i);
            if (att.attisdropped()) continue;
            if (source.attidentity(i + 1) != 0 && like.including(Stmt.TableLikeClause.IDENTITY)) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "LIKE ... INCLUDING IDENTITY of an identity column is not supported yet");
            }
            String def = defaults == null || i >= defaults.size() ? null : defaults.get(i);
            Catalog.ColumnSpec spec = new Catalog.ColumnSpec(att.name(), source.atttypid(i + 1), source.atttypmod(i + 1),
                    att.attnotnull(), def).withCollation(source.attcollation(i + 1));
            if (source.attgenerated(i + 1) != 0 && like.including(Stmt.TableLikeClause.GENERATED)) {
                // transformTableLikeClause: INCLUDING GENERATED copies the generation expression
                spec = new Catalog.ColumnSpec(att.name(), source.atttypid(i + 1), source.atttypmod(i + 1), att.attnotnull(),
                        catalog.generationExpressions(source).get(i)).withCollation(source.attcollation(i + 1))
                        .asGenerated(source.attgenerated(i + 1));
            }
            out.add(spec);
        }
        return out;
    }

    /** INCLUDING CONSTRAINTS: the CHECK constraints, with their names and NO INHERIT. */
    List<Stmt.TableConstraint> checks() {
        List<Stmt.TableConstraint> out = new ArrayList<>();
        if (!like.including(Stmt.TableLikeClause.CONSTRAINTS)) return out;
        for (ConstraintInfo c : catalog.constraintsOf(source)) {
            if (c.contype() != 'c') continue;
            out.add(new Stmt.TableConstraint(c.name(), 'c', List.of(), like.location(), c.bin(), c.noInherit(), null, false,
                    false, false, -1));
        }
        return out;
    }

    /** expandTableLikeClause: indexes, storage, compression and comments on the new table {@code rel}. */
    void finish(Relation rel) {
        boolean comments = like.including(Stmt.TableLikeClause.COMMENTS);
        int pgClass = SystemCatalogs.PG_CLASS.oid(), pgConstraint = SystemCatalogs.PG_CONSTRAINT.oid();
        for (int i = 0; i < source.desc().natts(); i++) {
            var att = source.desc().attr(i);
            if (att.attisdropped()) continue;
            int attnum = column(rel, att.name());
            if (like.including(Stmt.TableLikeClause.STORAGE) && att.attstorage() != rel.desc().attr(attnum - 1).attstorage())
                catalog.setColumnStorage(rel, attnum, att.attstorage(), null);
            if (like.including(Stmt.TableLikeClause.COMPRESSION)) {
                char c = catalog.columnCompression(source, i + 1);
                if (c != '\0') catalog.setColumnStorage(rel, attnum, null, c);
            }
            if (comments) {
                String text = catalog.comment(pgClass, source.oid(), i + 1);
                if (text != null) catalog.setComment(pgClass, rel.oid(), attnum, text);
            }
        }
        if (comments && like.including(Stmt.TableLikeClause.CONSTRAINTS)) {
            for (ConstraintInfo c : catalog.constraintsOf(source)) {
                if (c.contype() != 'c') continue;
                String text = catalog.comment(pgConstraint, c.oid(), 0);
                if (text == null) continue;
                for (ConstraintInfo n : catalog.constraintsOf(rel))
                    if (n.contype() == 'c' && n.name().equals(c.name())) catalog.setComment(pgConstraint, n.oid(), 0, text);
            }
        }
        if (like.including(Stmt.TableLikeClause.INDEXES)) {
            for (Relation index : catalog.indexesOf(source)) copyIndex(index, rel, comments);
        }
    }

    /** generateClonedIndexStmt + DefineIndex for one index of the source. */
    private void copyIndex(Relation index, Relation rel, boolean comments) {
        Relation.IndexInfo info = index.index();
        if (info.hasExpressions() || info.predicate() != null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "LIKE ... INCLUDING INDEXES of an index with expressions or a predicate is not supported yet");
        }
        int[] attnums = new int[info.keyCount()];
        for (int k = 0; k < attnums.length; k++) attnums[k] = column(rel, source.desc().attr(info.keyAttnum(k) - 1).name());
        ConstraintInfo con = null;
        for (ConstraintInfo c : catalog.constraintsOf(source)) if (c.indid() == index.oid()) con = c;
        IndexSpec spec = new IndexSpec(null, attnums, List.of(), null, null, null, info.unique(), info.primary(), con != null,
                false, info.indoption(), info.nullsNotDistinct());
        if (con != null) spec = spec.withDeferrability(con.deferrable(), con.deferred());
        int[] includes = info.includeAttnums();
        for (int j = 0; j < includes.length; j++) includes[j] = column(rel, source.desc().attr(includes[j] - 1).name());
        spec = spec.withIncludes(includes);
        int oid = catalog.createIndex(rel, spec, null);
        if (comments) {
            String text = catalog.comment(SystemCatalogs.PG_CLASS.oid(), index.oid(), 0);
            if (text != null) catalog.setComment(SystemCatalogs.PG_CLASS.oid(), oid, 0, text);
        }
    }

    private static int column(Relation rel, String name) {
        for (int a = 0; a < rel.desc().natts(); a++) {
            if (!rel.desc().attr(a).attisdropped() && rel.desc().attr(a).name().equals(name)) return a + 1;
        }
        throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist");
    }
}
