package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.CatalogRows;
import org.tusk.catalog.DomainDdl;
import org.tusk.catalog.DomainInfo;
import org.tusk.catalog.PgType;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.catalog.TypeCache;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.ExprEvaluator;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Analyzer;
import org.tusk.parser.DomainCheckAnalysis;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.error.PgException;
import org.tusk.utils.ruleutils.Deparser;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * CREATE DOMAIN, ALTER DOMAIN and DROP DOMAIN: PostgreSQL's typecmds.c DefineDomain,
 * AlterDomainDefault, AlterDomainNotNull, AlterDomainAddConstraint, AlterDomainDropConstraint,
 * AlterDomainValidateConstraint (with validateDomainConstraint), RenameType /
 * RenameConstraint for domains, and RemoveObjects(OBJECT_DOMAIN). Name lookup, analysis of the
 * DEFAULT and CHECK expressions and the checks of stored values are here; the catalog rows are
 * written by {@code catalog.DomainDdl}.
 *
 * <p>Stored values are checked as validateDomainConstraint does: every column of every table
 * declared with the domain (or with a domain over it) is read in full through SPI and each value
 * is tested. Tusk has no pg_depend: the columns are found through pg_attribute. DROP DOMAIN
 * CASCADE would drop those columns, which Tusk cannot do yet (no ALTER TABLE DROP COLUMN), so it
 * is refused (0A000) when there are any; domains over the dropped domain are dropped with it.
 * Ownership is not checked (as for enum types).
 */
public final class DomainCommands {
    private DomainCommands() {}

    /** DefineDomain. */
    public static void define(Stmt.CreateDomainStmt s, String queryString, ExecContext ctx) {
        ExecEnvironment env = ctx.env();
        List<String> n = s.name();
        if (n.size() > 2) throw crossDatabase(n);
        String name = n.get(n.size() - 1);
        DomainDdl ddl = env.catalog().typeDdl().domains();
        int nsp = ddl.namespaceFor(n.size() == 2 ? n.get(0) : null);
        ParseCoerce.ResolvedType bt;
        try {
            bt = ParseCoerce.resolveTypeName(s.type(), queryString);
        } catch (PgException e) {
            // DefineDomain looks the type up without a parse state: no position
            throw new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0);
        }
        PgType base = BuiltinCatalog.type(bt.oid());
        DomainInfo baseDomain = TypeCache.lookupDomain(bt.oid());
        // DefineDomain: only base, composite, domain, enum, range and multirange types
        if (base.category() == PgType.CAT_PSEUDO) {
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "\"" + base.sqlName() + "\" is not a valid base type for a domain");
        }
        int baseCollation = baseDomain != null ? baseDomain.collation() : CatalogRows.builtinCollation(bt.oid());
        int collation = baseCollation;
        if (s.collation() != null) {
            if (baseCollation == 0) {
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "collations are not supported by type " + base.sqlName());
            }
            collation = collationOid(s.collation());
        }
        int typmod = bt.typmod();
        // the values the constraints see: the base type under every level of domain (getBaseTypeAndTypmod)
        int bottom = bt.oid(), bottomTypmod = typmod;
        for (DomainInfo d = baseDomain; d != null; d = TypeCache.lookupDomain(d.baseType())) {
            bottom = d.baseType();
            bottomTypmod = d.baseTypmod();
        }
        String defaultSql = s.defaultSql();
        if (defaultSql != null) {
            // typdefault holds the cooked expression's text (deparse_expression of typdefaultbin)
            defaultSql = Deparser.deparse(Analyzer.analyzeColumnDefault(defaultSql, name, bt.oid(), typmod, ctx.inputSettings(),
                    ctx.session().currentDatabase(), ctx.session().scanSettings()));
        } else if (baseDomain != null) {
            defaultSql = baseDomain.defaultSql();   // DefineDomain: a domain over a domain inherits its default
        }
        boolean notNull = false;
        List<DomainDdl.NewCheck> checks = new ArrayList<>();
        for (Stmt.DomainConstraint c : s.constraints()) {
            switch (c.kind()) {
                case 'n' -> notNull = true;
                case 'u' -> notNull = false;
                default -> {
                    // conbin binds the names the expression resolves now (StoredNamePins)
                    int checkBase = bottom, checkTypmod = bottomTypmod;
                    String stored = org.tusk.catalog.StoredNamePins.analyze(c.checkSql(), () -> DomainCheckAnalysis.cook(name,
                            checkBase, checkTypmod, c.checkSql(), ctx.inputSettings(), ctx.session().currentDatabase(), env)).text();
                    checks.add(new DomainDdl.NewCheck(c.name(), stored, true));
                }
            }
        }
        ddl.create(nsp, name, bt.oid(), typmod, collation, defaultSql, notNull, checks);
    }

    /** AlterDomainDefault / NotNull / AddConstraint / DropConstraint / ValidateConstraint, and the RENAME forms. */
    public static void alter(Stmt.AlterDomainStmt s, String queryString, ExecContext ctx, Consumer<String> notices) {
        ExecEnvironment env = ctx.env();
        Catalog catalog = env.catalog();
        DomainInfo d = lookupDomain(catalog, s.name(), false, true);
        DomainDdl ddl = catalog.typeDdl().domains();
        switch (s.subtype()) {
            case 'T' -> {
                String text = s.defaultSql() == null ? null
                        : Deparser.deparse(Analyzer.analyzeColumnDefault(s.defaultSql(), d.name(), d.baseType(),
                                d.baseTypmod(), ctx.inputSettings(), ctx.session().currentDatabase(), ctx.session().scanSettings()));
                ddl.setDefault(d.oid(), text);
            }
            case 'O' -> {
                if (d.notNull()) return;
                for (Column col : columnsUsing(catalog, d.oid())) {
                    for (Object v : values(col, ctx)) {
                        if (v == null) {
                            throw PgException.error("23502", "column \"" + col.column() + "\" of table \"" + col.table()
                                    + "\" contains null values");
                        }
                    }
                }
                ddl.setNotNull(d.oid(), true);
            }
            case 'N' -> {
                if (d.notNull()) ddl.setNotNull(d.oid(), false);
            }
            case 'C' -> {
                Stmt.DomainConstraint c = s.constraint();
                // conbin binds the names the expression resolves now (StoredNamePins)
                var pinned = org.tusk.catalog.StoredNamePins.analyze(c.checkSql(),
                        () -> DomainCheckAnalysis.cook(d, c.checkSql(), ctx.inputSettings(), ctx.session().currentDatabase(), env));
                Expr check = pinned.result();
                if (!c.notValid()) validate(catalog, d, check, ctx);
                ddl.addCheck(d, new DomainDdl.NewCheck(c.name(), pinned.text(), !c.notValid()));
            }
            case 'X' -> {
                int con = ddl.constraintOid(d.oid(), s.constraintName());
                if (con == 0) {
                    if (!s.missingOk()) {
                        throw PgException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + s.constraintName()
                                + "\" of domain \"" + d.name() + "\" does not exist");
                    }
                    notices.accept("constraint \"" + s.constraintName() + "\" of domain \"" + d.name()
                            + "\" does not exist, skipping");
                    return;
                }
                ddl.dropConstraint(con);
            }
            case 'V' -> {
                DomainInfo.Check c = d.checks().stream().filter(x -> x.name().equals(s.constraintName())).findFirst()
                        .orElse(null);
                if (c == null) {
                    if (ddl.constraintOid(d.oid(), s.constraintName()) != 0) {
                        throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "constraint \"" + s.constraintName()
                                + "\" of domain \"" + d.name() + "\" is not a check constraint");
                    }
                    throw PgException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + s.constraintName()
                            + "\" of domain \"" + d.name() + "\" does not exist");
                }
                if (c.validated()) return;
                validate(catalog, d, DomainCheckAnalysis.cook(d, c.sql(), ctx.inputSettings(), ctx.session().currentDatabase(),
                        env), ctx);
                ddl.markValidated(c.oid());
            }
            case 'R' -> catalog.typeDdl().renameType(d.oid(), s.newName());
            case 'r' -> {
                int con = ddl.constraintOid(d.oid(), s.constraintName());
                if (con == 0) {
                    throw PgException.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + s.constraintName()
                            + "\" for domain " + d.name() + " does not exist");
                }
                ddl.renameConstraint(d, con, s.newName());
            }
            default -> throw new IllegalStateException("ALTER DOMAIN subtype " + s.subtype());
        }
    }

    /** RemoveObjects(OBJECT_DOMAIN) and performDeletion without pg_depend. */
    public static void drop(Stmt.DropDomainStmt s, ExecContext ctx, Consumer<String> notices) {
        Catalog catalog = ctx.env().catalog();
        for (List<String> name : s.names()) {
            DomainInfo d = lookupDomain(catalog, name, s.missingOk(), false);
            if (d == null) {
                notices.accept("type \"" + String.join(".", name) + "\" does not exist, skipping");
                continue;
            }
            dropDomain(catalog, d, s.cascade(), notices);
        }
    }

    /** DROP DOMAIN or DROP TYPE of one domain, with the dependency checks findDependentObjects makes. */
    static void dropDomain(Catalog catalog, DomainInfo d, boolean cascade, Consumer<String> notices) {
        List<String> columns = catalog.typeDdl().dependents(d.oid());
        List<String> functions = catalog.typeDdl().domains().functionsUsing(d.oid());
        List<DomainInfo> over = domainsOver(catalog, d.oid());
        if (columns.isEmpty() && over.isEmpty() && functions.isEmpty()) {
            catalog.typeDdl().domains().drop(d);
            return;
        }
        List<String> detail = new ArrayList<>();
        for (DomainInfo o : over) detail.add("type " + o.name());
        detail.addAll(functions);
        detail.addAll(columns);
        if (!cascade) {
            throw new PgException(Severity.ERROR, SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop type " + d.name() + " because other objects depend on it",
                    String.join("\n", detail.stream().map(x -> x + " depends on type " + d.name()).toList()),
                    "Use DROP ... CASCADE to drop the dependent objects too.", 0);
        }
        if (!functions.isEmpty()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "DROP DOMAIN ... CASCADE with dependent functions is not supported yet");
        }
        List<String> allColumns = new ArrayList<>(columns);
        for (DomainInfo o : over) allColumns.addAll(catalog.typeDdl().dependents(o.oid()));
        // a partition key column stands as its table ("table t"), which goes whole
        allColumns.removeIf(c -> c.startsWith("table "));
        if (!allColumns.isEmpty()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "DROP DOMAIN ... CASCADE with dependent columns is not supported yet (it needs ALTER TABLE DROP COLUMN)");
        }
        List<String> dropped = new ArrayList<>();
        for (DomainInfo o : over) dropped.add("type " + o.name());
        for (String c : columns) if (c.startsWith("table ")) dropped.add(c);
        notices.accept(dropped.size() == 1 ? "drop cascades to " + dropped.get(0)
                : "drop cascades to " + dropped.size() + " other objects");
        for (DomainInfo o : over) dropDomain(catalog, o, true, x -> { });
        List<org.tusk.catalog.ObjectAddress> tables = new ArrayList<>();
        for (int rel : catalog.typeDdl().partitionKeyTables(d.oid())) tables.add(org.tusk.catalog.ObjectAddress.relation(rel));
        if (!tables.isEmpty()) catalog.dependencies().performDeletion(tables, true, true);
        catalog.typeDdl().domains().drop(d);
    }

    /** The domains whose typbasetype is {@code typeOid}. */
    static List<DomainInfo> domainsOver(Catalog catalog, int typeOid) {
        List<DomainInfo> out = new ArrayList<>();
        for (int oid : catalog.typeDdl().domains().domainsOver(typeOid)) {
            DomainInfo o = catalog.types().domain(oid);
            if (o != null) out.add(o);
        }
        return out;
    }

    /** One table column declared with a domain. */
    private record Column(String schema, String table, String column) {}

    /** get_rels_with_domain: the table columns of the domain and of every domain over it. */
    private static List<Column> columnsUsing(Catalog catalog, int domainOid) {
        List<Column> out = new ArrayList<>();
        for (String[] c : catalog.typeDdl().domains().tableColumnsOf(domainOid)) {
            out.add(new Column(c[0], c[1], c[2]));
        }
        for (DomainInfo o : domainsOver(catalog, domainOid)) out.addAll(columnsUsing(catalog, o.oid()));
        return out;
    }

    /** validateDomainConstraint: 23514 if a stored value fails {@code check}. */
    private static void validate(Catalog catalog, DomainInfo d, Expr check, ExecContext ctx) {
        for (Column col : columnsUsing(catalog, d.oid())) {
            for (Object v : values(col, ctx)) {
                if (Boolean.FALSE.equals(ExprEvaluator.eval(check, new Object[] {v}, null, ctx))) {
                    throw PgException.error("23514", "column \"" + col.column() + "\" of table \"" + col.table()
                            + "\" contains values that violate the new constraint");
                }
            }
        }
    }

    /** Every stored value of one column, read through SPI. */
    private static List<Object> values(Column col, ExecContext ctx) {
        String sql = "SELECT " + quote(col.column()) + " FROM ONLY " + quote(col.schema()) + "." + quote(col.table());
        List<Object> out = new ArrayList<>();
        for (Object[] row : ctx.env().constraintSupport().execute(sql, List.of(), new Object[0], 0, ctx)) out.add(row[0]);
        return out;
    }

    private static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }

    /**
     * typenameTypeId and the "is not a domain" check (42809): checkDomainOwner (ALTER, {@code
     * formatted}) names the type as format_type prints it, RemoveObjects (DROP) as written.
     * Null with {@code missingOk} if there is no such type.
     */
    static DomainInfo lookupDomain(Catalog catalog, List<String> name, boolean missingOk, boolean formatted) {
        if (name.size() > 2) throw crossDatabase(name);
        TypeCache types = catalog.types();
        String last = name.get(name.size() - 1);
        int oid = types == null ? 0 : types.lookupTypeName(name.size() == 2 ? name.get(0) : null, last);
        if (oid == 0 && (name.size() == 1 || "pg_catalog".equals(name.get(0))) && BuiltinCatalog.typeByName(last) != null) {
            oid = BuiltinCatalog.typeByName(last).oid();
        }
        if (oid == 0) {
            if (missingOk) return null;
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "type \"" + String.join(".", name) + "\" does not exist");
        }
        DomainInfo d = types == null ? null : types.domain(oid);
        if (d == null) {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, (formatted ? BuiltinCatalog.formatType(oid)
                    : "\"" + String.join(".", name) + "\"") + " is not a domain");
        }
        return d;
    }

    /** A COLLATE name: the collations Tusk has (default, C, POSIX), as in pg_collation.dat. */
    private static int collationOid(List<String> name) {
        String last = name.get(name.size() - 1);
        return switch (last) {
            case "default" -> SystemCatalogs.DEFAULT_COLLATION_OID;
            case "C" -> SystemCatalogs.C_COLLATION_OID;
            case "POSIX" -> 951;
            default -> throw PgException.error(SqlState.UNDEFINED_OBJECT, "collation \"" + String.join(".", name)
                    + "\" for encoding \"UTF8\" does not exist");
        };
    }

    private static PgException crossDatabase(List<String> name) {
        return PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "cross-database references are not implemented: " + String.join(".", name));
    }
}
