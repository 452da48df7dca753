package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelationLocks;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * MergeAttributes (tablecmds.c) for CREATE TABLE ... INHERITS: the new table's columns are the
 * parents' columns, in parent order, each name once (a name several parents share must have the
 * same type there, and is merged with a NOTICE), followed by the table's own columns; an own
 * column named like an inherited one is merged into it (NOTICE; same type required). NOT NULL
 * and defaults are inherited; an own default overrides the inherited one, and parents that
 * disagree on a default need one given explicitly. Each column's attinhcount (how many parents
 * it comes from) and attislocal (whether the table defines it itself) are computed for the
 * catalog.
 */
final class InheritanceMerge {
    private InheritanceMerge() {}

    /** The merged columns, with per-column attinhcount and attislocal, and the parents' OIDs in order. */
    record Result(List<Catalog.ColumnSpec> columns, int[] inhcount, boolean[] islocal, List<Integer> parents) {}

    private static final class Col {
        Catalog.ColumnSpec spec;
        int inhcount;
        boolean local;
        boolean defaultConflict;

        Col(Catalog.ColumnSpec spec, int inhcount, boolean local) {
            this.spec = spec;
            this.inhcount = inhcount;
            this.local = local;
        }
    }

    static Result merge(List<Stmt.RangeVar> parentNames, List<Catalog.ColumnSpec> own, boolean temp, Catalog catalog,
                        Consumer<String> notices) {
        return merge(parentNames, own, temp, catalog, notices, false);
    }

    /** The same; {@code isPartition}: the one parent is the partitioned table of PARTITION OF. */
    static Result merge(List<Stmt.RangeVar> parentNames, List<Catalog.ColumnSpec> own, boolean temp, Catalog catalog,
                        Consumer<String> notices, boolean isPartition) {
        List<Col> cols = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        for (Stmt.RangeVar rv : parentNames) {
            Relation parent = catalog.openRelation(rv.schema(), rv.name(), RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK);
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            if (parent == null) throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist");
            if (parent.relkind() == 'p' && !isPartition) {
                throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot inherit from partitioned table \"" + parent.name() + "\"");
            }
            if (parent.relkind() != 'r' && parent.relkind() != 'p') {
                throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "inherited relation \"" + parent.name()
                        + "\" is not a table or foreign table");
            }
            if (parent.persistence() == 't' && !temp && !isPartition) {
                throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot inherit from temporary relation \"" + parent.name() + "\"");
            }
            if (parents.contains(parent.oid())) {
                throw PgException.error(SqlState.DUPLICATE_TABLE, "relation \"" + parent.name() + "\" would be inherited from more than once");
            }
            parents.add(parent.oid());
            List<String> defaults = catalog.columnDefaults(parent);
            List<String> generation = parent.hasGeneratedStored() ? catalog.generationExpressions(parent) : null;
            for (int i = 0; i < parent.desc().natts(); i++) {
                var att = parent.desc().attr(i);
                if (att.attisdropped()) continue;   // MergeAttributes: a dropped column is not inherited
                boolean generated = parent.attgenerated(i + 1) != 0;
                Catalog.ColumnSpec inherited = new Catalog.ColumnSpec(att.name(), att.type().oid(), parent.atttypmod(i + 1),
                        att.attnotnull(), generated ? generation.get(i) : defaults.get(i))
                        .withCollation(parent.attcollation(i + 1)).asGenerated(parent.attgenerated(i + 1));
                Col existing = find(cols, att.name());
                if (existing == null) {
                    cols.add(new Col(inherited, 1, false));
                    continue;
                }
                notices.accept("merging multiple inherited definitions of column \"" + att.name() + "\"");
                Catalog.ColumnSpec e = existing.spec;
                if (e.typeOid() != inherited.typeOid() || e.typmod() != inherited.typmod()) {
                    throw PgException.error(SqlState.DATATYPE_MISMATCH, "inherited column \"" + att.name() + "\" has a type conflict")
                            .withDetail(BuiltinCatalog.formatType(e.typeOid()) + " versus " + BuiltinCatalog.formatType(inherited.typeOid()));
                }
                ColumnCollations.checkSame("inherited column \"" + att.name() + "\"", e.effectiveCollation(),
                        inherited.effectiveCollation());
                if (e.generated() != inherited.generated())
                    throw PgException.error(SqlState.DATATYPE_MISMATCH, "inherited column \"" + att.name()
                            + "\" has a generation conflict");
                String def = e.defaultSql();
                if (!Objects.equals(def, inherited.defaultSql())) {
                    if (def == null) def = inherited.defaultSql();
                    else if (inherited.defaultSql() != null) existing.defaultConflict = true;
                }
                existing.spec = new Catalog.ColumnSpec(e.name(), e.typeOid(), e.typmod(), e.notNull() || inherited.notNull(), def)
                        .withCollation(e.collation()).asGenerated(e.generated());
                existing.inhcount++;
            }
        }
        int inheritedCount = cols.size();
        for (Catalog.ColumnSpec c : own) {
            Col existing = find(cols.subList(0, inheritedCount), c.name());
            if (existing == null) {
                if (find(cols, c.name()) != null) {
                    throw PgException.error(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than once");
                }
                cols.add(new Col(c, 0, true));
                continue;
            }
            Catalog.ColumnSpec e = existing.spec;
            // MergeAttributes: a column inheriting a generated one must be unadorned (42611)
            if (e.generated() != 0 && c.generated() != 0)
                throw PgException.error("42611", "child column \"" + c.name() + "\" specifies generation expression")
                        .withHint("Omit the generation expression in the definition of the child table column to inherit "
                                + "the generation expression from the parent table.");
            notices.accept("merging column \"" + c.name() + "\" with inherited definition");
            if (e.generated() != 0 && c.defaultSql() != null)
                throw PgException.error("42611", "column \"" + c.name() + "\" inherits from generated column but specifies default");
            if (e.generated() != 0 && c.identity() != 0)
                throw PgException.error("42611", "column \"" + c.name() + "\" inherits from generated column but specifies identity");
            if (e.typeOid() != c.typeOid() || e.typmod() != c.typmod()) {
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "column \"" + c.name() + "\" has a type conflict")
                        .withDetail(BuiltinCatalog.formatType(e.typeOid()) + " versus " + BuiltinCatalog.formatType(c.typeOid()));
            }
            ColumnCollations.checkSame("column \"" + c.name() + "\"", e.effectiveCollation(), c.effectiveCollation());
            if (existing.local) throw PgException.error(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than once");
            existing.local = true;
            if (c.defaultSql() != null) existing.defaultConflict = false;
            // a parent column that is not generated takes whatever the child's definition says
            existing.spec = new Catalog.ColumnSpec(e.name(), e.typeOid(), e.typmod(), e.notNull() || c.notNull(),
                    c.defaultSql() != null ? c.defaultSql() : e.defaultSql(), c.identity(), e.collation())
                    .asGenerated(e.generated() != 0 ? e.generated() : c.generated());
        }
        List<Catalog.ColumnSpec> out = new ArrayList<>();
        int[] inhcount = new int[cols.size()];
        boolean[] islocal = new boolean[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            Col c = cols.get(i);
            if (c.defaultConflict && c.spec.generated() != 0) {
                throw PgException.error("42611", "column \"" + c.spec.name() + "\" inherits conflicting generation expressions");
            }
            if (c.defaultConflict) {
                throw PgException.error("42611", "column \"" + c.spec.name() + "\" inherits conflicting default values")
                        .withHint("To resolve the conflict, specify a default explicitly.");
            }
            out.add(c.spec);
            inhcount[i] = c.inhcount;
            islocal[i] = c.local;
        }
        return new Result(out, inhcount, islocal, parents);
    }

    private static Col find(List<Col> cols, String name) {
        for (Col c : cols) if (c.spec.name().equals(name)) return c;
        return null;
    }
}
