package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.HeapCatalog;
import org.tusk.catalog.TypeCache;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.Severity;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE TYPE ... AS (...) (typecmds.c DefineCompositeType): the attribute types are resolved
 * as a table's column types are, the type name must be free in its schema (42710), and the
 * catalog makes a relation of relkind 'c' without storage whose row type is the new type.
 * DROP TYPE of such a type drops that relation ({@link TypeCommands}).
 */
public final class CompositeTypeCommands {
    private CompositeTypeCommands() {}

    /** DefineCompositeType. */
    public static void define(Stmt.CompositeTypeStmt s, String queryString, ExecEnvironment env) {
        List<String> n = s.name();
        if (n.size() > 2)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "cross-database references are not implemented: " + String.join(".", n));
        String schema = n.size() == 2 ? n.get(0) : null;
        String name = n.get(n.size() - 1);
        Catalog catalog = env.catalog();
        List<Catalog.ColumnSpec> cols = new ArrayList<>();
        for (Stmt.CompositeAttribute a : s.attributes()) {
            ParseCoerce.ResolvedType t = ParseCoerce.resolveTypeName(a.type(), queryString);
            cols.add(new Catalog.ColumnSpec(a.name(), t.oid(), t.typmod(), false, null));
        }
        ((HeapCatalog) catalog).createCompositeType(schema, name, cols);
    }

    /**
     * DROP TYPE of a composite type: a stand-alone one (relkind 'c') goes with its relation; a
     * table's or view's row type cannot be dropped by itself (2BP01, as the dependency of the
     * type on its relation says in PostgreSQL).
     */
    static void drop(TypeCache.UserType t, boolean cascade, ExecEnvironment env, java.util.function.Consumer<String> notices) {
        TypeCache.CompositeType c = env.catalog().types().composite(t.oid());
        Relation rel = c == null ? null : env.catalog().openRelation(c.relid());
        if (rel == null) throw PgException.error(SqlState.UNDEFINED_OBJECT, "type \"" + t.name() + "\" does not exist");
        if (rel.relkind() != 'c') {
            String kind = rel.relkind() == 'v' ? "view" : "table";
            throw new PgException(Severity.ERROR, SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop type " + t.name()
                    + " because " + kind + " " + rel.name() + " requires it", null,
                    "You can drop " + kind + " " + rel.name() + " instead.", 0);
        }
        List<String> columns = env.catalog().typeDdl().dependents(t.oid());
        // domains over the type depend on it as pg_depend's DEPENDENCY_NORMAL entries would say
        List<org.tusk.catalog.DomainInfo> over = DomainCommands.domainsOver(env.catalog(), t.oid());
        List<String> deps = new java.util.ArrayList<>();
        for (org.tusk.catalog.DomainInfo d : over) deps.add("type " + d.name());
        deps.addAll(columns);
        if (!deps.isEmpty()) {
            if (!cascade)
                throw new PgException(Severity.ERROR, SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop type " + t.name() + " because other objects depend on it",
                        String.join("\n", deps.stream().map(d -> d + " depends on type " + t.name()).toList()),
                        "Use DROP ... CASCADE to drop the dependent objects too.", 0);
            if (!columns.isEmpty())
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "DROP TYPE ... CASCADE with dependent columns is not supported yet");
            // each domain goes first (refused if columns use it), as findDependentObjects orders them
            for (org.tusk.catalog.DomainInfo d : over) DomainCommands.dropDomain(env.catalog(), d, true, x -> { });
            notices.accept(over.size() == 1 ? "drop cascades to type " + over.get(0).name()
                    : "drop cascades to " + over.size() + " other objects");
        }
        env.catalog().dropRelations(List.of(rel), cascade);
    }
}
