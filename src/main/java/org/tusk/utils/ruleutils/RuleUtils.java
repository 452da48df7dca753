package org.tusk.utils.ruleutils;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_ATTRDEF;
import static org.tusk.catalog.SystemCatalogs.PG_ATTRIBUTE;
import static org.tusk.catalog.SystemCatalogs.PG_CONSTRAINT;
import static org.tusk.catalog.SystemCatalogs.PG_INDEX;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.ObjectNames;
import org.tusk.catalog.RelationProvider;
import org.tusk.catalog.ScannableRelation;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawStmt;
import org.tusk.parser.Analyzer;
import org.tusk.parser.Parser;
import org.tusk.utils.adt.RegTypes;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * pg_get_expr, pg_get_indexdef and pg_get_constraintdef (ruleutils.c). Tusk keeps an
 * expression's SQL text in adbin and conbin (see catalog/package-info.java), so the text is
 * parsed and analysed again against the relation's columns, and the analysed tree printed by
 * {@link Deparser}: the result is PostgreSQL's canonical form, not the text as written.
 */
public final class RuleUtils {
    private RuleUtils() {}

    /**
     * pg_get_expr(expr, relation). A column default (the text is the adbin of one of the
     * relation's pg_attrdef rows) is analysed as that column's default, coerced to its type;
     * any other expression as a boolean expression over the relation's columns.
     */
    public static String getExpr(String text, int relid, String currentDatabase) {
        return getExpr(text, relid, false, currentDatabase);
    }

    /** pg_get_expr(expr, relation, pretty). */
    public static String getExpr(String text, int relid, boolean pretty, String currentDatabase) {
        if (PartitionRuleUtils.isPartitionBound(text)) return text;
        ObjectNames names = ObjectNames.current();
        for (Object[] d : names.rows(PG_ATTRDEF, v -> oid(PG_ATTRDEF.get(v, "adrelid")) == relid && text.equals(PG_ATTRDEF.get(v, "adbin")))) {
            short adnum = (Short) PG_ATTRDEF.get(d, "adnum");
            for (Object[] a : names.rows(PG_ATTRIBUTE, v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == relid
                    && (Short) PG_ATTRIBUTE.get(v, "attnum") == adnum)) {
                String gen = (String) PG_ATTRIBUTE.get(a, "attgenerated");
                if (gen != null && !gen.isEmpty() && gen.charAt(0) != 0) {
                    // a generation expression reads the table's columns
                    Query q = analyzeQueryOverRelation("(" + text + ")", relid, currentDatabase);
                    return deparseOverRelation(q, q.targetList().get(0).expr(), pretty, false);
                }
                Expr e = names.analyzeStored(namespaceOf(relid), () -> Analyzer.analyzeColumnDefault(text,
                        (String) PG_ATTRIBUTE.get(a, "attname"), oid(PG_ATTRIBUTE.get(a, "atttypid")),
                        (Integer) PG_ATTRIBUTE.get(a, "atttypmod"), org.tusk.utils.adt.InputSettings.DEFAULT, currentDatabase,
                        names.scanSettings()));
                return Deparser.deparse(e);
            }
        }
        return Deparser.deparse(analyzeOverRelation(text, relid, currentDatabase));
    }

    /** The expression analysed as {@code SELECT (text) FROM relation}, its columns being the relation's. */
    static Expr analyzeOverRelation(String text, int relid, String currentDatabase) {
        return analyzeListOverRelation("(" + text + ")", relid, currentDatabase).get(0);
    }

    /**
     * A CHECK constraint's expression over its table. The stand-in relation of
     * {@link #analyzeOverRelation} knows only the table's columns and the built-in functions; a
     * constraint reading the whole row ({@code tbl.*}) or calling user-defined functions is
     * analysed by the session as {@code SELECT (expr) FROM ONLY table}, under the table's schema.
     */
    private static Expr checkOverRelation(String bin, int relid, String currentDatabase,
                                          java.util.function.Function<String, Query> session) {
        try {
            return analyzeOverRelation(bin, relid, currentDatabase);
        } catch (PgException e) {
            if (session == null) throw e;
            String sql = "SELECT (" + bin + ") FROM ONLY " + qualifiedRelationName(relid);
            return ObjectNames.current().analyzeStored(namespaceOf(relid), () -> session.apply(sql))
                    .targetList().get(0).expr();
        }
    }

    /** The namespace of relation {@code relid}, or 0: where its stored expressions' names are resolved. */
    static int namespaceOf(int relid) {
        return ObjectNames.current().relation(relid).map(r -> r.namespace()).orElse(0);
    }

    /** Each expression of a select list analysed as {@code SELECT list FROM relation} (pg_index.indexprs). */
    static List<Expr> analyzeListOverRelation(String selectList, int relid, String currentDatabase) {
        List<Expr> out = new ArrayList<>();
        for (var te : analyzeQueryOverRelation(selectList, relid, currentDatabase).targetList()) out.add(te.expr());
        return out;
    }

    /** {@code SELECT list FROM relation} analysed, its one range table entry being the relation. */
    private static Query analyzeQueryOverRelation(String selectList, int relid, String currentDatabase) {
        List<ColumnDef> cols = new ArrayList<>();
        List<Object[]> attrs = new ArrayList<>(ObjectNames.current().rows(PG_ATTRIBUTE,
                v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == relid && (Short) PG_ATTRIBUTE.get(v, "attnum") > 0
                        && !(Boolean) PG_ATTRIBUTE.get(v, "attisdropped")));
        attrs.sort(java.util.Comparator.comparing(v -> (Short) PG_ATTRIBUTE.get(v, "attnum")));
        for (Object[] a : attrs)
            cols.add(new ColumnDef((String) PG_ATTRIBUTE.get(a, "attname"), oid(PG_ATTRIBUTE.get(a, "atttypid")),
                    (Integer) PG_ATTRIBUTE.get(a, "atttypmod")));
        ScannableRelation rel = new ScannableRelation() {
            public List<ColumnDef> columns() { return cols; }
            public Iterator<Object[]> scan() { return java.util.Collections.emptyIterator(); }
        };
        RelationProvider only = (schema, name) -> schema == null && name.equals("pg_get_expr_relation") ? rel : null;
        String sql = "SELECT " + selectList + " FROM pg_get_expr_relation";
        List<RawStmt> raw = Parser.parse(sql, ObjectNames.current().scanSettings());
        Query q = ObjectNames.current().analyzeStored(namespaceOf(relid),
                () -> Analyzer.analyze(raw.get(0), sql, only, org.tusk.utils.adt.InputSettings.DEFAULT, currentDatabase));
        return q;
    }

    /**
     * deparse_expression_pretty of an expression of {@code q} (from {@link #analyzeQueryOverRelation}):
     * its Vars by their bare column names; without {@code pretty} only PRETTYFLAG_INDENT, so that
     * every operator and cast argument carries its own parentheses ({@code (c1)::text}).
     */
    private static String deparseOverRelation(Query q, Expr e, boolean pretty, boolean showimplicit) {
        StringBuilder buf = new StringBuilder();
        int flags = DeparseContext.PRETTYFLAG_INDENT | (pretty ? DeparseContext.PRETTYFLAG_PAREN : 0);
        DeparseNamespace dpns = DeparseNamespace.setRtableNames(q, List.of(), List.of());
        DeparseContext ctx = new DeparseContext(buf, List.of(dpns), flags, DeparseContext.WRAP_COLUMN_DEFAULT, 0);
        ctx.varprefix = false;
        new RuleExpr(ctx).expr(e, showimplicit);
        return buf.toString();
    }

    /**
     * The text of one index expression column as pg_get_indexdef_worker prints it: a CollateExpr
     * at the top is not part of the stored expression (DefineIndex makes it the column's
     * indcollation), and the expression is in parentheses unless it looks like a function call.
     *
     * <p>Tusk's coercion nodes do not record whether the cast was written, and an index
     * expression is never coerced to anything, so a cast at its top was written by the user and
     * is shown ({@code ((f1)::character varying)}).
     */
    private static String indexKeyText(Query q, Expr key, boolean pretty) {
        String str = deparseOverRelation(q, key, pretty, true);
        return looksLikeFunction(key) ? str : "(" + str + ")";
    }

    /** An index expression without the COLLATE clause DefineIndex takes off its top. */
    private static Expr stripIndexCollate(Expr e) {
        return e instanceof Expr.CollateExpr c ? c.arg() : e;
    }

    /**
     * pg_get_indexdef_columns for the key columns of an index on {@code heapOid} with
     * expressions {@code indexprs} (pg_index.indexprs), as BuildIndexValueDescription names them
     * in "Key (...)=(...)": the text of each expression column, in order, pretty-printed
     * (BuildIndexValueDescription asks for it), so {@code (a + 1)} rather than {@code ((a + 1))}.
     */
    public static List<String> indexExpressionColumns(int heapOid, String indexprs) {
        List<String> out = new ArrayList<>();
        if (indexprs == null) return out;
        Query q = analyzeQueryOverRelation(indexprs, heapOid, null);
        for (var te : q.targetList()) out.add(indexKeyText(q, stripIndexCollate(te.expr()), true));
        return out;
    }

    /** pg_get_indexdef(index, column, pretty): the CREATE INDEX command, or one key column's name (column > 0). */
    public static String getIndexdef(int indexOid, int column) {
        return getIndexdef(indexOid, column, false);
    }

    /**
     * pg_get_indexdef(index, column, pretty): with {@code pretty} (PRETTYFLAG_PAREN, as psql's
     * \d asks) an operator expression is not wrapped in its own parentheses.
     */
    public static String getIndexdef(int indexOid, int column, boolean pretty) {
        return indexdefWorker(indexOid, column, pretty, null);
    }

    /**
     * pg_get_indexdef_worker: with {@code excludeOps} (an EXCLUDE constraint's conexclop) the
     * constraint's text "EXCLUDE USING gist (col WITH op, ...)" and its WHERE in parentheses.
     */
    private static String indexdefWorker(int indexOid, int column, boolean pretty, int[] excludeOps) {
        ObjectNames names = ObjectNames.current();
        List<Object[]> rows = names.rows(PG_INDEX, v -> oid(PG_INDEX.get(v, "indexrelid")) == indexOid);
        if (rows.isEmpty()) return null;
        Object[] ix = rows.get(0);
        int heapOid = oid(PG_INDEX.get(ix, "indrelid"));
        short[] keys = (short[]) PG_INDEX.get(ix, "indkey");
        short[] options = (short[]) PG_INDEX.get(ix, "indoption");
        int[] indcollation = (int[]) PG_INDEX.get(ix, "indcollation");
        int[] indclass = (int[]) PG_INDEX.get(ix, "indclass");
        String indexprs = (String) PG_INDEX.get(ix, "indexprs");
        String indpred = (String) PG_INDEX.get(ix, "indpred");
        // index expressions name no relations, so no database name is needed to analyse them
        String db = null;
        Query exprQuery = indexprs == null ? null : analyzeQueryOverRelation(indexprs, heapOid, db);
        // the text of each key column: a column name, or the deparsed expression
        List<String> keyText = new ArrayList<>();
        List<Integer> keyColl = new ArrayList<>();
        int next = 0;
        for (short k : keys) {
            if (k != 0) {
                keyText.add(RegTypes.quote(attname(heapOid, k)));
                keyColl.add(attcollation(heapOid, k));
            } else {
                Expr e = stripIndexCollate(exprQuery.targetList().get(next++).expr());
                keyText.add(indexKeyText(exprQuery, e, pretty));
                keyColl.add(org.tusk.parser.ParseCollate.exprCollation(e, att -> attcollation(heapOid, (short) att)));
            }
        }
        if (column > 0) return column <= keys.length ? keyText.get(column - 1) : "";
        var idx = names.relation(indexOid).orElseThrow();
        StringBuilder sb = new StringBuilder();
        if (excludeOps != null) {
            sb.append("EXCLUDE USING ").append(accessMethodName(names, indexOid)).append(" (");
        } else {
            sb.append("CREATE ");
            if ((Boolean) PG_INDEX.get(ix, "indisunique")) sb.append("UNIQUE ");
            sb.append("INDEX ").append(RegTypes.quote(idx.name())).append(" ON ").append(qualifiedRelationName(heapOid))
                    .append(" USING ").append(accessMethodName(names, indexOid)).append(" (");
        }
        boolean isHash = "hash".equals(accessMethodName(names, indexOid));
        int nkey = Math.min(keys.length, (Short) PG_INDEX.get(ix, "indnkeyatts"));
        for (int i = 0; i < keys.length; i++) {
            // the INCLUDE columns after the keys, bare: no collation, class or ordering
            if (i == nkey) {
                sb.append(") INCLUDE (").append(keyText.get(i));
                continue;
            }
            if (i > 0) sb.append(", ");
            sb.append(keyText.get(i));
            if (i > nkey) continue;
            int coll = indcollation != null && i < indcollation.length ? indcollation[i] : 0;
            if (coll != 0 && coll != keyColl.get(i)) sb.append(" COLLATE ").append(collationName(coll));
            String opclass = indclass != null && i < indclass.length
                    ? isHash ? hashNonDefaultName(indclass[i], atttypid(indexOid, (short) (i + 1)))
                    : org.tusk.catalog.BtreeOpclasses.nonDefaultName(indclass[i], atttypid(indexOid, (short) (i + 1))) : null;
            if (opclass != null) sb.append(' ').append(opclass);
            int opt = options != null && i < options.length ? options[i] : 0;
            if ((opt & 1) != 0) sb.append(" DESC");
            if ((opt & 2) != 0 && (opt & 1) == 0) sb.append(" NULLS FIRST");
            if ((opt & 2) == 0 && (opt & 1) != 0) sb.append(" NULLS LAST");
            if (excludeOps != null && i < excludeOps.length) {
                String op = org.tusk.catalog.ExclusionOperators.name(excludeOps[i]);
                sb.append(" WITH ").append(op == null ? Integer.toUnsignedString(excludeOps[i]) : op);
            }
        }
        sb.append(')');
        if (excludeOps == null && (Boolean) PG_INDEX.get(ix, "indnullsnotdistinct")) sb.append(" NULLS NOT DISTINCT");
        if (excludeOps == null) {
            String with = flattenRelOptions(names, indexOid);
            if (with != null) sb.append(" WITH (").append(with).append(')');
        }
        if (indpred != null) {
            Query predQuery = analyzeQueryOverRelation("(" + indpred + ")", heapOid, db);
            String pred = deparseOverRelation(predQuery, predQuery.targetList().get(0).expr(), pretty, false);
            sb.append(excludeOps != null ? " WHERE (" + pred + ")" : " WHERE " + pred);
        }
        return sb.toString();
    }

    /**
     * get_rule_expr without PRETTY_PAREN: an operator or boolean expression at the top is
     * parenthesized too ({@link Deparser} leaves the outermost parentheses off).
     */
    public static String nonPretty(Expr e) {
        String str = Deparser.deparse(e);
        boolean parens = e instanceof Expr.OpExpr || e instanceof Expr.BoolExpr || e instanceof Expr.NullTest
                || e instanceof Expr.BooleanTest || e instanceof Expr.DistinctExpr || e instanceof Expr.ScalarArrayOpExpr
                || e instanceof Expr.CollateExpr;
        return parens ? "(" + str + ")" : str;
    }

    /** looks_like_function: a node ruleutils prints in function-call syntax, needing no parentheses. */
    public static boolean looksLikeFunction(Expr e) {
        return e instanceof Expr.FuncExpr || e instanceof Expr.CoalesceExpr || e instanceof Expr.MinMaxExpr
                || e instanceof Expr.NullIfExpr;
    }

    /** generate_collation_name for the collations Tusk has. */
    static String collationName(int collOid) {
        return switch (collOid) {
            case 950 -> "\"C\"";
            case 951 -> "\"POSIX\"";
            default -> "\"default\"";
        };
    }

    /** pg_attribute.atttypid of a relation's column; 0 if there is none. */
    private static int atttypid(int relid, short attnum) {
        for (Object[] a : ObjectNames.current().rows(PG_ATTRIBUTE, v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == relid
                && (Short) PG_ATTRIBUTE.get(v, "attnum") == attnum)) {
            return oid(PG_ATTRIBUTE.get(a, "atttypid"));
        }
        return 0;
    }

    private static int attcollation(int relid, short attnum) {
        for (Object[] a : ObjectNames.current().rows(PG_ATTRIBUTE, v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == relid
                && (Short) PG_ATTRIBUTE.get(v, "attnum") == attnum)) {
            return oid(PG_ATTRIBUTE.get(a, "attcollation"));
        }
        return 0;
    }

    /**
     * flatten_reloptions: pg_class.reloptions as "name=value, ...", the name quoted as an
     * identifier and the value left bare only when it is an identifier that needs no quotes; null
     * when there are none.
     */
    /** The name of the index's access method (pg_class.relam joined to pg_am.amname). */
    private static String accessMethodName(ObjectNames names, int relOid) {
        List<Object[]> cls = names.rows(org.tusk.catalog.SystemCatalogs.PG_CLASS,
                v -> oid(org.tusk.catalog.SystemCatalogs.PG_CLASS.get(v, "oid")) == relOid);
        int am = cls.isEmpty() ? 0 : oid(org.tusk.catalog.SystemCatalogs.PG_CLASS.get(cls.get(0), "relam"));
        if (am == 0) return "btree";   // an index made before relam was recorded
        List<Object[]> ams = names.rows(org.tusk.catalog.SystemCatalogs.PG_AM,
                v -> oid(org.tusk.catalog.SystemCatalogs.PG_AM.get(v, "oid")) == am);
        return ams.isEmpty() ? "btree" : String.valueOf(org.tusk.catalog.SystemCatalogs.PG_AM.get(ams.get(0), "amname"));
    }

    /** get_opclass_name for a hash class: its name unless it is the default class of the column's type. */
    private static String hashNonDefaultName(int opclass, int type) {
        if (opclass == 0 || opclass == org.tusk.catalog.HashOpclassCatalog.defaultFor(type)) return null;
        var c = org.tusk.catalog.HashOpclassCatalog.name(opclass);
        return c;
    }

    private static String flattenRelOptions(ObjectNames names, int relOid) {
        List<Object[]> cls = names.rows(org.tusk.catalog.SystemCatalogs.PG_CLASS,
                v -> oid(org.tusk.catalog.SystemCatalogs.PG_CLASS.get(v, "oid")) == relOid);
        if (cls.isEmpty()) return null;
        String[] options = (String[]) org.tusk.catalog.SystemCatalogs.PG_CLASS.get(cls.get(0), "reloptions");
        if (options == null || options.length == 0) return null;
        StringBuilder sb = new StringBuilder();
        for (String o : options) {
            if (!sb.isEmpty()) sb.append(", ");
            int eq = o.indexOf('=');
            String name = eq < 0 ? o : o.substring(0, eq);
            String value = eq < 0 ? "" : o.substring(eq + 1);
            sb.append(RegTypes.quote(name)).append('=');
            sb.append(RegTypes.quote(value).equals(value) ? value : "'" + value.replace("'", "''") + "'");
        }
        return sb.toString();
    }

    /** pg_get_indexdef(index). */
    public static String indexdefOf(Integer indexOid) {
        return getIndexdef(indexOid, 0);
    }

    /** pg_get_constraintdef(constraint, pretty), for PRIMARY KEY, UNIQUE, FOREIGN KEY and CHECK constraints. */
    public static String getConstraintdef(int conOid, boolean pretty, String currentDatabase) {
        return getConstraintdef(conOid, pretty, currentDatabase, null);
    }

    /**
     * The same, with the session's analysis of a stored query (what a CHECK calling user-defined
     * functions or reading its table's whole row needs), or null.
     */
    public static String getConstraintdef(int conOid, boolean pretty, String currentDatabase,
                                          java.util.function.Function<String, Query> catalog) {
        List<Object[]> rows = ObjectNames.current().rows(PG_CONSTRAINT, v -> oid(PG_CONSTRAINT.get(v, "oid")) == conOid);
        if (rows.isEmpty()) return null;
        return constraintdef(rows.get(0), pretty, currentDatabase, catalog);
    }

    /** pg_get_constraintdef_worker for one pg_constraint row. */
    public static String constraintdef(Object[] con, boolean pretty, String currentDatabase) {
        return constraintdef(con, pretty, currentDatabase, null);
    }

    private static String constraintdef(Object[] con, boolean pretty, String currentDatabase,
                                        java.util.function.Function<String, Query> catalog) {
        char contype = ((String) PG_CONSTRAINT.get(con, "contype")).charAt(0);
        int relid = oid(PG_CONSTRAINT.get(con, "conrelid"));
        StringBuilder sb = new StringBuilder();
        switch (contype) {
            case 'p', 'u' -> {
                sb.append(contype == 'p' ? "PRIMARY KEY (" : "UNIQUE (");
                columns(sb, relid, (short[]) PG_CONSTRAINT.get(con, "conkey"));
                sb.append(')');
                int indexOid = oid(PG_CONSTRAINT.get(con, "conindid"));
                List<Object[]> ix = ObjectNames.current().rows(PG_INDEX, v -> oid(PG_INDEX.get(v, "indexrelid")) == indexOid);
                if (contype == 'u' && !ix.isEmpty() && (Boolean) PG_INDEX.get(ix.get(0), "indnullsnotdistinct"))
                    sb.insert("UNIQUE ".length(), "NULLS NOT DISTINCT ");
                if (!ix.isEmpty()) {
                    // the index's INCLUDE columns, past indnkeyatts (decompile_column_index_array)
                    short[] indkey = (short[]) PG_INDEX.get(ix.get(0), "indkey");
                    int nkey = (Short) PG_INDEX.get(ix.get(0), "indnkeyatts");
                    if (indkey.length > nkey) {
                        sb.append(" INCLUDE (");
                        columns(sb, relid, java.util.Arrays.copyOfRange(indkey, nkey, indkey.length));
                        sb.append(')');
                    }
                }
            }
            case 'f' -> {
                sb.append("FOREIGN KEY (");
                columns(sb, relid, (short[]) PG_CONSTRAINT.get(con, "conkey"));
                int confrelid = oid(PG_CONSTRAINT.get(con, "confrelid"));
                sb.append(") REFERENCES ").append(relationName(confrelid)).append('(');
                columns(sb, confrelid, (short[]) PG_CONSTRAINT.get(con, "confkey"));
                sb.append(')');
                String match = (String) PG_CONSTRAINT.get(con, "confmatchtype");
                if ("f".equals(match)) sb.append(" MATCH FULL");
                else if ("p".equals(match)) sb.append(" MATCH PARTIAL");
                String upd = action((String) PG_CONSTRAINT.get(con, "confupdtype"));
                if (upd != null) sb.append(" ON UPDATE ").append(upd);
                String del = action((String) PG_CONSTRAINT.get(con, "confdeltype"));
                if (del != null) sb.append(" ON DELETE ").append(del);
            }
            case 'c' -> {
                String bin = (String) PG_CONSTRAINT.get(con, "conbin");
                if (bin == null) throw PgException.error(SqlState.INTERNAL_ERROR, "null conbin for constraint " + oid(PG_CONSTRAINT.get(con, "oid")));
                Object contypid = PG_CONSTRAINT.get(con, "contypid");
                int typid = contypid == null ? 0 : oid(contypid);
                org.tusk.catalog.DomainInfo domain = typid == 0 ? null : org.tusk.catalog.TypeCache.lookupDomain(typid);
                String expr = Deparser.deparse(domain != null
                        ? org.tusk.parser.DomainCheckAnalysis.cook(domain, bin, org.tusk.utils.adt.InputSettings.DEFAULT, currentDatabase, null)
                        : checkOverRelation(bin, relid, currentDatabase, catalog));
                sb.append(pretty ? "CHECK (" + expr + ")" : "CHECK ((" + expr + "))");
                if ((Boolean) PG_CONSTRAINT.get(con, "connoinherit")) sb.append(" NO INHERIT");
            }
            case 'x' -> {
                int[] ops = (int[]) PG_CONSTRAINT.get(con, "conexclop");
                sb.append(indexdefWorker(oid(PG_CONSTRAINT.get(con, "conindid")), 0, pretty, ops == null ? new int[0] : ops));
            }
            default -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "unsupported constraint type \"" + contype + "\"");
        }
        if ((Boolean) PG_CONSTRAINT.get(con, "condeferrable")) sb.append(" DEFERRABLE");
        if ((Boolean) PG_CONSTRAINT.get(con, "condeferred")) sb.append(" INITIALLY DEFERRED");
        if (!(Boolean) PG_CONSTRAINT.get(con, "convalidated")) sb.append(" NOT VALID");
        return sb.toString();
    }

    /** The referential action's words; null for NO ACTION, which is not printed. */
    private static String action(String code) {
        if (code == null) return null;
        return switch (code) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> null;
        };
    }

    private static void columns(StringBuilder sb, int relid, short[] attnums) {
        if (attnums == null) return;
        for (int i = 0; i < attnums.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(RegTypes.quote(attname(relid, attnums[i])));
        }
    }

    private static String attname(int relid, short attnum) {
        List<Object[]> a = ObjectNames.current().rows(PG_ATTRIBUTE,
                v -> oid(PG_ATTRIBUTE.get(v, "attrelid")) == relid && (Short) PG_ATTRIBUTE.get(v, "attnum") == attnum);
        if (a.isEmpty()) throw PgException.error(SqlState.INTERNAL_ERROR,
                "cache lookup failed for attribute " + attnum + " of relation " + Integer.toUnsignedString(relid));
        return (String) PG_ATTRIBUTE.get(a.get(0), "attname");
    }

    /** generate_relation_name: the name, qualified only when not visible on the search path. */
    public static String relationName(int relid) {
        return RegTypes.regclassOut((long) relid & 0xFFFFFFFFL);
    }

    /** generate_qualified_relation_name: always schema.name. */
    public static String qualifiedRelationName(int relid) {
        ObjectNames names = ObjectNames.current();
        var rel = names.relation(relid).orElseThrow(() -> PgException.error(SqlState.INTERNAL_ERROR,
                "cache lookup failed for relation " + Integer.toUnsignedString(relid)));
        return RegTypes.quote(names.namespaceName(rel.namespace())) + "." + RegTypes.quote(rel.name());
    }
}
