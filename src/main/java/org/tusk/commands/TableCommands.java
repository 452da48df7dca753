package org.tusk.commands;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.tusk.catalog.Catalog;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Analyzer;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE TABLE, CREATE INDEX and DROP TABLE/INDEX (PostgreSQL's tablecmds.c DefineRelation and
 * RemoveRelations, parse_utilcmd.c transformCreateStmt/transformIndexConstraints, indexcmds.c
 * DefineIndex), carried out through the {@link Catalog} of the statement's environment.
 *
 * <p>CREATE TABLE resolves the column types, checks each DEFAULT expression as cookDefault does
 * (the catalog stores its text), makes PRIMARY KEY columns NOT NULL, creates the table, makes it
 * visible with a CommandCounterIncrement and then creates one unique B-tree index per PRIMARY KEY
 * or UNIQUE constraint, in the order they were written. Notices (IF [NOT] EXISTS skips) go to
 * {@code notices}.
 */
public final class TableCommands {
    private TableCommands() {}

    /** DefineRelation + the index constraints. */
    public static void createTable(Stmt.CreateStmt s, String queryString, ExecEnvironment env, ZoneId zone,
                                   String currentDatabase) {
        Catalog catalog = env.catalog();
        Stmt.RangeVar rv = s.relation();
        if (s.ifNotExists() && catalog.openRelation(rv.schema(), rv.name()) != null) {
            // the catalog reports the existing relation with its NOTICE and changes nothing
            catalog.createTable(rv.schema(), rv.name(), List.of(), s.temp() ? 't' : 'p', true);
            return;
        }
        List<Stmt.TableConstraint> keys = new ArrayList<>();
        for (Stmt.ColumnDefinition c : s.columns()) {
            if (c.primaryKey()) keys.add(new Stmt.TableConstraint(null, true, List.of(c.name()), c.primaryKeyLocation()));
            if (c.unique()) keys.add(new Stmt.TableConstraint(null, false, List.of(c.name()), c.uniqueLocation()));
        }
        keys.addAll(s.constraints());
        List<String> pkColumns = new ArrayList<>();
        boolean hasPk = false;
        for (Stmt.TableConstraint k : keys) {
            if (!k.primary()) continue;
            if (hasPk)
                throw PgException.errorAt("42P16", "multiple primary keys for table \"" + rv.name() + "\" are not allowed",
                        org.tusk.parser.Lexer.position(queryString, k.location()));
            hasPk = true;
            pkColumns.addAll(k.columns());
        }
        List<Catalog.ColumnSpec> specs = new ArrayList<>();
        for (Stmt.ColumnDefinition c : s.columns()) {
            ParseCoerce.ResolvedType t = ParseCoerce.resolveTypeName(c.type(), queryString);
            if (c.defaultSql() != null)
                Analyzer.analyzeColumnDefault(c.defaultSql(), c.name(), t.oid(), t.typmod(), zone, currentDatabase);
            boolean notNull = c.notNull() || pkColumns.contains(c.name());
            specs.add(new Catalog.ColumnSpec(c.name(), t.oid(), t.typmod(), notNull, c.defaultSql()));
        }
        for (Stmt.TableConstraint k : keys) {
            for (String col : k.columns()) {
                if (specs.stream().noneMatch(sp -> sp.name().equals(col)))
                    throw PgException.errorAt(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" named in key does not exist",
                            org.tusk.parser.Lexer.position(queryString, k.location()));
            }
        }
        int oid = catalog.createTable(rv.schema(), rv.name(), specs, s.temp() ? 't' : 'p', false);
        if (keys.isEmpty()) return;
        env.commandCounterIncrement();
        Relation heap = catalog.openRelation(oid);
        for (Stmt.TableConstraint k : keys) {
            int[] attnums = new int[k.columns().size()];
            for (int i = 0; i < attnums.length; i++) attnums[i] = attnum(specs, k.columns().get(i));
            catalog.createIndex(k.name(), heap, attnums, true, k.primary(), false);
            env.commandCounterIncrement();
        }
    }

    private static int attnum(List<Catalog.ColumnSpec> specs, String name) {
        for (int i = 0; i < specs.size(); i++) if (specs.get(i).name().equals(name)) return i + 1;
        throw new IllegalStateException("column " + name + " checked above");
    }

    /** DefineIndex, for plain B-tree indexes on columns in ascending order. */
    public static void createIndex(Stmt.IndexStmt s, String queryString, ExecEnvironment env) {
        Catalog catalog = env.catalog();
        Stmt.RangeVar rv = s.relation();
        String method = s.accessMethod().toLowerCase(Locale.ROOT);
        if (!method.equals("btree")) {
            if (List.of("hash", "gist", "gin", "spgist", "brin").contains(method))
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \"" + method + "\" is not supported yet");
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "access method \"" + method + "\" does not exist");
        }
        Relation heap = catalog.openRelation(rv.schema(), rv.name());
        if (heap == null)
            throw PgException.errorAt(SqlState.UNDEFINED_TABLE, "relation \"" + shown(rv) + "\" does not exist",
                    org.tusk.parser.Lexer.position(queryString, rv.location()));
        if (heap.relkind() != 'r')
            throw PgException.error("42809", "cannot create index on relation \"" + heap.name() + "\"")
                    .withDetail("This operation is not supported for " + kindName(heap.relkind()) + ".");
        int[] attnums = new int[s.params().size()];
        for (int i = 0; i < attnums.length; i++) {
            Stmt.IndexElem e = s.params().get(i);
            if (e.desc() || e.nullsFirst() != null)
                throw PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED, "DESC and NULLS FIRST/LAST index columns are not supported yet",
                        org.tusk.parser.Lexer.position(queryString, e.location()));
            attnums[i] = -1;
            for (int a = 0; a < heap.desc().natts(); a++) if (heap.desc().attr(a).name().equals(e.column())) attnums[i] = a + 1;
            if (attnums[i] < 0)
                throw PgException.errorAt(SqlState.UNDEFINED_COLUMN, "column \"" + e.column() + "\" does not exist",
                        org.tusk.parser.Lexer.position(queryString, e.location()));
        }
        catalog.createIndex(s.name(), heap, attnums, s.unique(), false, s.ifNotExists());
    }

    /** RemoveRelations: each named relation must exist (unless IF EXISTS) and be of the named kind. */
    public static void drop(Stmt.DropStmt s, ExecEnvironment env, Consumer<String> notices) {
        Catalog catalog = env.catalog();
        boolean table = s.kind() == Stmt.DropStmt.ObjectType.TABLE;
        String what = table ? "table" : "index";
        List<Relation> victims = new ArrayList<>();
        for (Stmt.RangeVar rv : s.objects()) {
            Relation rel = catalog.openRelation(rv.schema(), rv.name());
            if (rel == null) {
                if (s.missingOk()) {
                    notices.accept(what + " \"" + shown(rv) + "\" does not exist, skipping");
                    continue;
                }
                throw PgException.error(table ? SqlState.UNDEFINED_TABLE : SqlState.UNDEFINED_OBJECT,
                        what + " \"" + shown(rv) + "\" does not exist");
            }
            char want = table ? 'r' : 'i';
            if (rel.relkind() != want) {
                throw PgException.error("42809", "\"" + rel.name() + "\" is not " + (table ? "a table" : "an index"))
                        .withHint("Use DROP " + dropKind(rel.relkind()) + " to remove " + article(rel.relkind()) + ".");
            }
            victims.add(rel);
        }
        for (Relation rel : victims) catalog.dropRelation(rel);
    }

    private static String shown(Stmt.RangeVar rv) {
        return rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
    }

    private static String kindName(char relkind) {
        return switch (relkind) {
            case 'i' -> "indexes";
            case 'v' -> "views";
            case 'S' -> "sequences";
            default -> "this relation";
        };
    }

    private static String dropKind(char relkind) {
        return switch (relkind) {
            case 'i' -> "INDEX";
            case 'v' -> "VIEW";
            case 'S' -> "SEQUENCE";
            default -> "TABLE";
        };
    }

    private static String article(char relkind) {
        return switch (relkind) {
            case 'i' -> "an index";
            case 'v' -> "a view";
            case 'S' -> "a sequence";
            default -> "a table";
        };
    }
}
