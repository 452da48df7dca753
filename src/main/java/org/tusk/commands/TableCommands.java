package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.tusk.catalog.Catalog;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Analyzer;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.adt.InputSettings;
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
    public static void createTable(Stmt.CreateStmt s, String queryString, ExecEnvironment env, InputSettings zone,
                                   String currentDatabase) {
        createTable(s, queryString, env, zone, currentDatabase, n -> { });
    }

    /** The same, with NOTICEs (merged inherited columns) going to {@code notices}. */
    public static void createTable(Stmt.CreateStmt s, String queryString, ExecEnvironment env, InputSettings zone,
                                   String currentDatabase, Consumer<String> notices) {
        createTable(s, queryString, env, zone, currentDatabase, notices, null);
    }

    /** The same in a statement context, which EXCLUDE constraints (analysed as index definitions) need. */
    public static void createTable(Stmt.CreateStmt s, String queryString, ExecContext ctx, Consumer<String> notices) {
        createTable(s, queryString, ctx.env(), ctx.inputSettings(), ctx.session().currentDatabase(), notices, ctx);
    }

    private static void createTable(Stmt.CreateStmt s, String queryString, ExecEnvironment env, InputSettings zone,
                                    String currentDatabase, Consumer<String> notices, ExecContext ctx) {
        Catalog catalog = env.catalog();
        Stmt.RangeVar rv = s.relation();
        if (s.unlogged() && rv.schema() != null && (rv.schema().equals("pg_temp") || rv.schema().startsWith("pg_temp_"))) {
            // RangeVarAdjustRelationPersistence, before anything is made
            throw PgException.errorAt(SqlState.INVALID_TABLE_DEFINITION,
                    "only temporary relations may be created in temporary schemas",
                    org.tusk.parser.Lexer.position(queryString, rv.location()));
        }
        if (s.temp() && rv.schema() != null && !rv.schema().equals("pg_temp") && !rv.schema().startsWith("pg_temp_")) {
            // RangeVarAdjustRelationPersistence, under transformCreateStmt's error position callback
            throw PgException.errorAt(SqlState.INVALID_TABLE_DEFINITION,
                    "cannot create temporary relation in non-temporary schema",
                    org.tusk.parser.Lexer.position(queryString, rv.location()));
        }
        if (s.onCommit() != Stmt.CreateStmt.ONCOMMIT_NOOP && !s.temp()) {
            throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "ON COMMIT can only be used on temporary tables");
        }
        List<String> reloptions = RelOptions.heapOptions(s.options());
        if (s.ifNotExists() && catalog.openRelation(rv.schema(), rv.name()) != null) {
            // the catalog reports the existing relation with its NOTICE and changes nothing
            catalog.createTable(rv.schema(), rv.name(), List.of(), s.temp() ? 't' : 'p', true);
            return;
        }
        List<Stmt.TableConstraint> keys = new ArrayList<>();
        List<Stmt.TableConstraint> others = new ArrayList<>();
        // transformTableLikeClause: the sources are read (and locked) first, their CHECKs go with the others
        List<TableLikeExpansion> likes = new ArrayList<>();
        for (Stmt.TableLikeClause l : s.likes()) {
            TableLikeExpansion like = TableLikeExpansion.open(l, catalog, queryString);
            likes.add(like);
            others.addAll(like.checks());
        }
        for (Stmt.ColumnDefinition c : s.columns()) {
            if (c.primaryKey()) keys.add(new Stmt.TableConstraint(null, true, List.of(c.name()), c.primaryKeyLocation()));
            if (c.unique()) keys.add(new Stmt.TableConstraint(null, false, List.of(c.name()), c.uniqueLocation()));
            for (Stmt.TableConstraint k : c.constraints()) (k.isIndexConstraint() ? keys : others).add(k);
        }
        for (Stmt.TableConstraint k : s.constraints()) (k.isIndexConstraint() ? keys : others).add(k);
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
        List<OwnedSequence> ownedSequences = new ArrayList<>();
        java.util.Map<String, org.tusk.nodes.Expr> defaults = new java.util.LinkedHashMap<>();
        int position = 0;
        for (Stmt.ColumnDefinition c : s.columns()) {
            for (TableLikeExpansion like : likes) if (like.position() == position) specs.addAll(like.columns());
            position++;
            String serial = serialType(c.type());
            if (serial != null) {
                specs.add(serialColumn(c, serial, List.of(), (char) 0, rv, persistence(s), catalog, queryString, ownedSequences));
                continue;
            }
            if (c.generation() != null) GeneratedColumns.checkDefinition(c, rv.name(), queryString);
            if (c.identity() != 0) {
                specs.add(identityColumn(c, rv, persistence(s), catalog, queryString, ownedSequences));
                continue;
            }
            ParseCoerce.ResolvedType t = ParseCoerce.resolveTypeName(c.type(), queryString);
            if (c.generation() != null) {
                // the expression is analysed once the table exists (cookDefault over its row)
                specs.add(new Catalog.ColumnSpec(c.name(), t.oid(), t.typmod(), c.notNull() || pkColumns.contains(c.name()),
                        c.generation().sql()).withCollation(ColumnCollations.of(c, t.oid(), queryString)).asGenerated('s'));
                continue;
            }
            String defaultSql = c.defaultSql();
            if (c.defaultSql() != null) {
                // adbin binds the names the default resolved now (StoredNamePins)
                var pinned = org.tusk.catalog.StoredNamePins.analyze(c.defaultSql(),
                        () -> analyzeDefault(c, t, zone, currentDatabase, queryString, Analyzer.scanSettings(env)));
                defaults.put(c.name(), pinned.result());
                defaultSql = pinned.text();
            }
            boolean notNull = c.notNull() || pkColumns.contains(c.name());
            specs.add(new Catalog.ColumnSpec(c.name(), t.oid(), t.typmod(), notNull, defaultSql)
                    .withCollation(ColumnCollations.of(c, t.oid(), queryString)));
        }
        for (TableLikeExpansion like : likes) if (like.position() == position) specs.addAll(like.columns());
        for (Stmt.TableConstraint k : keys) {
            // transformIndexConstraint: the INCLUDE columns must exist as the key columns must
            for (String col : java.util.stream.Stream.concat(k.columns().stream(), k.includes().stream()).toList()) {
                if (specs.stream().noneMatch(sp -> sp.name().equals(col)))
                    throw PgException.errorAt(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" named in key does not exist",
                            org.tusk.parser.Lexer.position(queryString, k.location()));
            }
        }
        InheritanceMerge.Result merged = null;
        if (!s.inhRelations().isEmpty()) {
            merged = InheritanceMerge.merge(s.inhRelations(), specs, s.temp(), catalog, notices, s.partbound() != null);
            specs = new ArrayList<>(merged.columns());
        }
        int oid = s.partspec() != null ? PartitionCommands.createPartitioned(s, specs, catalog, reloptions, queryString,
                env, zone, currentDatabase, ctx)
                : catalog.createTable(rv.schema(), rv.name(), specs, persistence(s), false, reloptions);
        OnCommitActions.register(catalog, oid, s.onCommit());
        if (merged != null) {
            catalog.storeInheritance(oid, merged.parents(), merged.inhcount(), merged.islocal());
            env.commandCounterIncrement();
            ConstraintInheritance.inheritOnCreate(catalog.openRelation(oid), merged.parents(), s.partbound() != null, env, zone,
                    currentDatabase);
        }
        for (OwnedSequence o : ownedSequences) {
            int attnum = attnum(specs, o.column());
            catalog.relationOwnership().setOwningColumn(o.sequenceOid(), oid, attnum, o.identity());
            catalog.relationOwnership().recordDefaultDependencies(oid, attnum, List.of(o.sequenceOid()));
        }
        for (var d : defaults.entrySet()) DefaultDependencies.record(catalog, oid, attnum(specs, d.getKey()), d.getValue());
        GeneratedColumns.cookNew(catalog.openRelation(oid), s.columns(), queryString, env, zone, currentDatabase);
        if (keys.isEmpty() && others.isEmpty() && likes.isEmpty()) return;
        env.commandCounterIncrement();
        // DefineRelation stores the CHECK constraints with the table; the indexes come next and
        // the foreign keys last (they may reference the new table's own keys).
        for (Stmt.TableConstraint k : others) {
            if (k.contype() == 'c') ConstraintCommands.addCheck(catalog.openRelation(oid), k, queryString, env, zone, currentDatabase,
                    null, false, false, s.partbound() != null, notices);
        }
        for (Stmt.TableConstraint k : keys) {
            int[] attnums = new int[k.columns().size()];
            for (int i = 0; i < attnums.length; i++) attnums[i] = attnum(specs, k.columns().get(i));
            Relation heap = catalog.openRelation(oid);
            int[] includes = new int[k.includes().size()];
            for (int i = 0; i < includes.length; i++) includes[i] = attnum(specs, k.includes().get(i));
            if (heap.relkind() == 'p') {
                PartitionIndexes.defineOnNewTable(heap, org.tusk.catalog.IndexSpec.ofColumns(k.name(), attnums, true, k.primary(),
                        true, false).withDeferrability(k.deferrable(), k.initiallyDeferred())
                        .withNullsNotDistinct(k.nullsNotDistinct()).withIncludes(includes), catalog);
            } else {
                catalog.createIndex(heap, org.tusk.catalog.IndexSpec.ofColumns(k.name(), attnums, true, k.primary(), true,
                        false).withDeferrability(k.deferrable(), k.initiallyDeferred())
                        .withNullsNotDistinct(k.nullsNotDistinct()).withIncludes(includes), null);
            }
            env.commandCounterIncrement();
        }
        for (Stmt.TableConstraint k : others) {
            if (k.contype() != 'x') continue;
            if (ctx == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "EXCLUDE constraints cannot be made here");
            ExclusionConstraints.define(catalog.openRelation(oid), k, queryString, ctx, false);   // the table is empty
            env.commandCounterIncrement();
        }
        for (Stmt.TableConstraint k : others) {
            if (k.contype() == 'f') ConstraintCommands.addForeignKey(catalog.openRelation(oid), k, env, null);
        }
        for (TableLikeExpansion like : likes) {
            env.commandCounterIncrement();
            like.finish(catalog.openRelation(oid));
        }
    }

    /** A sequence made for a serial or identity column, to be tied to it once the table exists. */
    private record OwnedSequence(int sequenceOid, String column, boolean identity) {}

    /** The integer type a serial pseudo-type stands for, or null if {@code tn} is not one. */
    private static String serialType(org.tusk.nodes.TypeName tn) {
        if (tn.names().size() > 2 || tn.array() || !tn.typmods().isEmpty()) return null;
        if (tn.names().size() == 2 && !tn.names().get(0).equals("pg_catalog")) return null;
        return switch (tn.lastName()) {
            case "smallserial", "serial2" -> "int2";
            case "serial", "serial4" -> "int4";
            case "bigserial", "serial8" -> "int8";
            default -> null;
        };
    }

    /**
     * transformColumnDefinition for serial columns: a sequence named table_column_seq (made unique
     * as ChooseRelationName does) AS the column's type, and the column NOT NULL DEFAULT
     * nextval('schema.seq'). The sequence is recorded in {@code owned}: once the table exists it is
     * owned by the column (pg_depend AUTO, or INTERNAL for an identity column), so DROP TABLE and
     * DROP COLUMN remove it.
     */
    /** The relpersistence a CREATE TABLE asks for (RangeVar.relpersistence): 't', 'u' or 'p'. */
    static char persistence(Stmt.CreateStmt s) {
        return s.temp() ? 't' : s.unlogged() ? 'u' : 'p';
    }

    private static Catalog.ColumnSpec serialColumn(Stmt.ColumnDefinition c, String type, List<Stmt.DefElem> seqOptions,
                                                   char identity, Stmt.RangeVar table, char persistence, Catalog catalog,
                                                   String queryString, List<OwnedSequence> owned) {
        if (c.defaultSql() != null) {
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "multiple default values specified for column \"" + c.name()
                    + "\" of table \"" + table.name() + "\"", org.tusk.parser.Lexer.position(queryString, c.location()));
        }
        ColumnSequences.Created seq = ColumnSequences.create(table, c.name(), type, seqOptions, persistence, catalog, c.location());
        if (seq.sequence() != null) owned.add(new OwnedSequence(seq.sequence().oid(), c.name(), identity != 0));
        int typeOid = switch (type) {
            case "int2" -> org.tusk.catalog.TypeOids.INT2;
            case "int4" -> org.tusk.catalog.TypeOids.INT4;
            default -> org.tusk.catalog.TypeOids.INT8;
        };
        // an identity column has no pg_attrdef row: its default is the owned sequence's nextval
        // (HeapCatalog.columnDefaults), as build_column_default makes it
        return new Catalog.ColumnSpec(c.name(), typeOid, -1, true,
                identity != 0 ? null : "nextval('" + seq.qualifiedName() + "')", identity);
    }

    /**
     * GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY: a serial column of the declared integer type
     * whose sequence takes the given options, marked attidentity 'a' or 'd'; INSERT and UPDATE
     * refuse explicit values for an ALWAYS column (ModifyAnalysis, as rewriteTargetListIU).
     */
    private static Catalog.ColumnSpec identityColumn(Stmt.ColumnDefinition c, Stmt.RangeVar table, char persistence,
                                                     Catalog catalog, String queryString, List<OwnedSequence> owned) {
        if (c.defaultSql() != null) {
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "both default and identity specified for column \"" + c.name()
                    + "\" of table \"" + table.name() + "\"", org.tusk.parser.Lexer.position(queryString, c.location()));
        }
        ParseCoerce.ResolvedType t = ParseCoerce.resolveTypeName(c.type(), queryString);
        String type = switch (t.oid()) {
            case org.tusk.catalog.TypeOids.INT2 -> "int2";
            case org.tusk.catalog.TypeOids.INT4 -> "int4";
            case org.tusk.catalog.TypeOids.INT8 -> "int8";
            default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "identity column type must be smallint, integer, or bigint");
        };
        return serialColumn(c, type, c.identityOptions(), c.identity(), table, persistence, catalog, queryString, owned);
    }

    /** makeObjectName: name1_name2_label within NAMEDATALEN - 1 bytes, shortening the longer name first. */
    static String makeObjectName(String name1, String name2, String label) {
        int avail = 63 - label.length() - 2;
        int n1 = name1.length(), n2 = name2.length();
        while (n1 + n2 > avail) {
            if (n1 > n2) n1--;
            else n2--;
        }
        return name1.substring(0, n1) + "_" + name2.substring(0, n2) + "_" + label;
    }

    private static int attnum(List<Catalog.ColumnSpec> specs, String name) {
        for (int i = 0; i < specs.size(); i++) if (specs.get(i).name().equals(name)) return i + 1;
        throw new IllegalStateException("column " + name + " checked above");
    }

    /**
     * RemoveRelations: each named relation must exist (unless IF EXISTS) and be of the named kind,
     * and may be a system catalog or a catalog's index only with {@code allowSystemTableMods}.
     */
    public static void drop(Stmt.DropStmt s, ExecEnvironment env, Consumer<String> notices,
                            java.util.function.BooleanSupplier allowSystemTableMods) {
        Catalog catalog = env.catalog();
        String what = s.kind().sqlName().toLowerCase(Locale.ROOT);
        char want = switch (s.kind()) {
            case TABLE -> 'r';
            case INDEX -> 'i';
            case SEQUENCE -> 'S';
            case VIEW -> 'v';
            case MATERIALIZED_VIEW -> 'm';
        };
        List<Relation> victims = new ArrayList<>();
        for (Stmt.RangeVar rv : s.objects()) {
            Relation rel = catalog.openRelation(rv.schema(), rv.name());
            if (rel == null) {
                if (s.missingOk()) {
                    notices.accept(what + " \"" + shown(rv) + "\" does not exist, skipping");
                    continue;
                }
                throw PgException.error(s.kind() == Stmt.DropStmt.ObjectType.INDEX ? SqlState.UNDEFINED_OBJECT : SqlState.UNDEFINED_TABLE,
                        what + " \"" + shown(rv) + "\" does not exist");
            }
            if (rel.relkind() != want && !(want == 'r' && rel.relkind() == 'p') && !(want == 'i' && rel.relkind() == 'I')) {
                throw PgException.error("42809", "\"" + rel.name() + "\" is not " + article(want))
                        .withHint("Use DROP " + dropKind(rel.relkind()) + " to remove " + article(rel.relkind()) + ".");
            }
            // RangeVarCallbackForDropRelation: IsSystemClass needs allow_system_table_mods
            if (IndexCommands.isSystemClass(rel) && !allowSystemTableMods.getAsBoolean()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + rel.name() + "\" is a system catalog");
            }
            victims.add(rel);
        }
        // findDependentObjects for foreign keys: those of other tables that reference a victim
        // block the drop, or with CASCADE are dropped first.
        for (Relation rel : victims) {
            if (rel.relkind() != 'r' && rel.relkind() != 'p') continue;
            List<org.tusk.catalog.ConstraintInfo> fks = new ArrayList<>();
            for (org.tusk.catalog.ConstraintInfo f : catalog.foreignKeysReferencing(rel)) {
                if (victims.stream().noneMatch(v -> v.oid() == f.relid())) fks.add(f);
            }
            ConstraintCommands.dropDependentForeignKeys(fks, victims.size() == 1 ? "table " + rel.name() : null,
                    "table " + rel.name(), s.cascade(), env, notices);
        }
        // Indexes go one by one (they have no pg_depend rows yet); the rest in one deletion walk,
        // so that objects depending on one another are all dropped and not reported (performMultipleDeletions).
        List<Relation> others = new ArrayList<>();
        for (Relation rel : victims) {
            if (rel.relkind() == 'i' || rel.relkind() == 'I') catalog.dropRelation(rel);
            else others.add(rel);
        }
        if (!others.isEmpty()) catalog.dropRelations(others, s.cascade());
    }

    private static String shown(Stmt.RangeVar rv) {
        return rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
    }


    private static String dropKind(char relkind) {
        return switch (relkind) {
            case 'i' -> "INDEX";
            case 'v' -> "VIEW";
            case 'm' -> "MATERIALIZED VIEW";
            case 'S' -> "SEQUENCE";
            default -> "TABLE";
        };
    }

    private static String article(char relkind) {
        return switch (relkind) {
            case 'i' -> "an index";
            case 'v' -> "a view";
            case 'm' -> "a materialized view";
            case 'S' -> "a sequence";
            default -> "a table";
        };
    }

    /** quote_identifier, for a name inside the nextval('...') literal of a serial default. */
    static String quoteName(String name) {
        return org.tusk.utils.adt.Texts.quoteIdentifier(name).replace("'", "''");
    }
    /**
     * cookDefault for CREATE TABLE: the DEFAULT text analysed on its own, its errors pointing into
     * the statement (the text starts where the grammar found it, after the column's name).
     */
    private static org.tusk.nodes.Expr analyzeDefault(Stmt.ColumnDefinition c, ParseCoerce.ResolvedType t, InputSettings zone,
                                                      String currentDatabase, String queryString,
                                                      org.tusk.utils.misc.ScanSettings scan) {
        try {
            return Analyzer.analyzeColumnDefault(c.defaultSql(), c.name(), t.oid(), t.typmod(), zone, currentDatabase, scan);
        } catch (PgException e) {
            int start = queryString == null || c.location() < 0 ? -1 : queryString.indexOf(c.defaultSql(), c.location());
            if (e.position() <= 0 || start < 0) throw e;
            throw e.withPosition(queryString.codePointCount(0, start) + e.position());
        }
    }
}
