package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.catalog.BtreeOpclasses;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.IndexSpec;
import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecContext;
import org.tusk.executor.IndexKeys;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.IndexExprAnalysis;
import org.tusk.parser.Lexer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE INDEX (PostgreSQL's indexcmds.c DefineIndex with ComputeIndexAttrs, ResolveOpClass,
 * ChooseIndexColumnNames and CheckPredicate). Key columns are table columns or expressions
 * (analysed over the table's row, which must be immutable and contain no subquery); a
 * parenthesized plain column, such as {@code ((a))}, is a column as in PostgreSQL. A WHERE clause
 * makes a partial index: rows for which it is not true get no entry. The table is locked with
 * ShareLock for the build (writers wait, readers do not). CREATE INDEX CONCURRENTLY takes
 * ShareUpdateExclusiveLock instead and builds in several transactions ({@link ConcurrentIndexBuild});
 * on a temporary table it builds as a plain CREATE INDEX does, as DefineIndex does. A system
 * relation (IsSystemClass) takes an index only with allow_system_table_mods, as initdb's
 * catalog_indexes.sql sets it (RangeVarCallbackOwnsRelation's 42501).
 *
 * <p>Operator classes: a type's default class by name, and text_pattern_ops,
 * varchar_pattern_ops and bpchar_pattern_ops (see {@link BtreeOpclasses#byName}), also for a
 * column of a type binary-coercible to the class's (bpchar_ops on text). INCLUDE columns are
 * plain table columns without class, collation or ordering, stored after the keys. Collations:
 * "default", "C" and "POSIX" (Tusk compares strings bytewise under all three). DESC and NULLS
 * FIRST/LAST become pg_index.indoption as ComputeIndexAttrs sets it (DESC implies NULLS FIRST
 * unless NULLS LAST is written); NULLS NOT DISTINCT becomes indnullsnotdistinct. WITH (storage
 * parameters) are checked as btoptions checks them ({@link IndexRelOptions}) and stored in the
 * index's pg_class.reloptions; parameters of an operator class are refused, as no B-tree class
 * takes any. USING gist builds a GiST index ({@code access.gist}) with the GiST classes
 * ({@link org.tusk.catalog.GistOpclassCatalog}: box_ops, point_ops, poly_ops, circle_ops,
 * range_ops). USING hash builds a hash index ({@code access.hash}) with the hash classes
 * ({@link org.tusk.catalog.HashOpclassCatalog}; one key column, not unique, no INCLUDE, no
 * ordering options, as hashhandler's abilities say: {@link HashIndexColumns}); spgist and brin are
 * refused (0A000).
 */
public final class IndexCommands {
    private IndexCommands() {}

    public static void define(Stmt.IndexStmt s, String queryString, ExecContext ctx) {
        define(s, queryString, ctx, null);
    }

    /**
     * DefineIndex; CREATE INDEX CONCURRENTLY needs {@code steps} (the traffic cop's, given only
     * outside a transaction block) to commit between its phases (see {@link ConcurrentIndexBuild}).
     */
    public static void define(Stmt.IndexStmt s, String queryString, ExecContext ctx, TransactionSteps steps) {
        if (s.concurrent() && steps == null) {
            throw PgException.error("25001", "CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
        }
        Catalog catalog = ctx.env().catalog();
        Stmt.RangeVar rv = s.relation();
        String method = s.accessMethod().toLowerCase(Locale.ROOT);
        boolean gin = method.equals("gin");
        boolean hash = method.equals("hash");
        if (!method.equals("btree") && !gin && !hash && !method.equals("gist")) {
            if (List.of("spgist", "brin").contains(method))
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \"" + method + "\" is not supported yet");
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "access method \"" + method + "\" does not exist");
        }
        // DefineIndex: ShareLock keeps writers out of a plain build; a concurrent one lets them in
        Relation heap = catalog.openRelation(rv.schema(), rv.name(),
                s.concurrent() ? RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK : RelationLocks.SHARE_LOCK);
        if (heap == null) {
            throw PgException.errorAt(SqlState.UNDEFINED_TABLE, "relation \"" + shown(rv) + "\" does not exist",
                    Lexer.position(queryString, rv.location()));
        }
        // RangeVarCallbackOwnsRelation: the catalogs' structure changes only with allow_system_table_mods
        if (isSystemRelation(heap) && !ctx.session().boolSetting("allow_system_table_mods")) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + heap.name() + "\" is a system catalog");
        }
        if (heap.relkind() != 'r' && heap.relkind() != 'p' && heap.relkind() != 'm') {
            throw PgException.error("42809", "cannot create index on relation \"" + heap.name() + "\"")
                    .withDetail(org.tusk.catalog.RelkindDetail.notSupported(heap.relkind()));
        }
        // DefineIndex validates the storage parameters (index_reloptions) before building
        IndexSpec spec = compute(heap, s, queryString, ctx).spec()
                .withRelOptions(gin ? IndexRelOptions.gin(s.options())
                        : hash ? IndexRelOptions.hash(s.options()) : IndexRelOptions.btree(s.options()));
        if (heap.relkind() == 'p' && s.concurrent()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot create index on partitioned table \""
                    + heap.name() + "\" concurrently");
        }
        if (heap.relkind() == 'p') {
            if (rv.inh()) PartitionIndexes.define(heap, spec, ctx);
            else PartitionIndexes.defineOnly(heap, spec, ctx);
            return;
        }
        // IF NOT EXISTS finding the name taken in the table's schema: nothing is made (index_create's NOTICE)
        int existing = s.ifNotExists() && spec.name() != null
                ? catalog.relnameGetRelid(catalog.namespaceName(heap.namespace()), spec.name()) : 0;
        if (s.concurrent() && heap.persistence() != 't') {
            int indexOid = catalog.createIndexConcurrently(heap, spec);
            if (s.ifNotExists() && indexOid == existing && existing != 0) return;   // NOTICE given, nothing built
            IndexExpressionDependencies.record(heap, indexOid, ctx);
            ConcurrentIndexBuild.complete(heap.oid(), indexOid, steps);
            return;
        }
        // (DefineIndex: a temporary table is not shared, so the concurrent dance is not needed)
        int indexOid = catalog.createIndex(heap, spec, index -> IndexKeys.open(catalog.openRelation(heap.oid()), index, ctx));
        if (indexOid != existing || existing == 0) IndexExpressionDependencies.record(heap, indexOid, ctx);
    }

    /**
     * IsSystemClass: a relation initdb made in pg_catalog (an OID below FirstUnpinnedObjectId, as
     * IsCatalogRelationOid tests) or a TOAST relation.
     */
    static boolean isSystemRelation(Relation rel) {
        return Integer.compareUnsigned(rel.oid(), FIRST_UNPINNED_OBJECT_ID) < 0 || rel.namespace() == PG_TOAST_NAMESPACE;
    }

    /**
     * IsSystemClass for what DROP may remove: a system relation, or an index of one (initdb makes
     * the catalogs' indexes after bootstrap, with OIDs above FirstUnpinnedObjectId, where
     * PostgreSQL's bootstrap gives them fixed OIDs below it).
     */
    static boolean isSystemClass(Relation rel) {
        if (isSystemRelation(rel)) return true;
        return (rel.relkind() == 'i' || rel.relkind() == 'I') && rel.index() != null
                && Integer.compareUnsigned(rel.index().heapOid(), FIRST_UNPINNED_OBJECT_ID) < 0;
    }

    /** FirstUnpinnedObjectId (transam.h) and PG_TOAST_NAMESPACE (pg_namespace.dat). */
    private static final int FIRST_UNPINNED_OBJECT_ID = 12000, PG_TOAST_NAMESPACE = 99;

    /** DefineIndex's IndexInfo for {@code s}, and each key column's type (ComputeIndexAttrs' atttype). */
    record Computed(IndexSpec spec, int[] types) {}

    /** ComputeIndexAttrs and CheckPredicate: the index {@code s} describes on {@code heap}. */
    static Computed compute(Relation heap, Stmt.IndexStmt s, String queryString, ExecContext ctx) {
        String db = ctx.session().currentDatabase();
        boolean gist = s.accessMethod().equalsIgnoreCase("gist");
        int n = s.params().size();
        int[] attnums = new int[n];
        int[] opclasses = new int[n];
        int[] collations = new int[n];
        int[] types = new int[n];
        boolean gin = s.accessMethod().equalsIgnoreCase("gin");
        if (gin) GinIndexColumns.checkStatement(s);
        boolean hash = s.accessMethod().equalsIgnoreCase("hash");
        if (hash) HashIndexColumns.checkStatement(s);
        short[] indoption = new short[n];
        List<String> colnames = new ArrayList<>();
        List<IndexSpec.ExprColumn> exprs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Stmt.IndexElem e = s.params().get(i);
            indoption[i] = indexOption(e);
            int type;
            String colname;
            if (e.column() != null) {
                attnums[i] = attnum(heap, e.column());
                if (attnums[i] == 0 && org.tusk.catalog.CatalogRows.isSystemColumnName(e.column())) {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "index creation on system columns is not supported");
                }
                if (attnums[i] == 0) {
                    throw PgException.errorAt(SqlState.UNDEFINED_COLUMN, "column \"" + e.column() + "\" does not exist",
                            Lexer.position(queryString, e.location()));
                }
                type = heap.atttypid(attnums[i]);
                colname = e.column();
            } else {
                IndexExprAnalysis.Column c = IndexExprAnalysis.cookExpression(heap, e.expr(), queryString, ctx.inputSettings(), db,
                        ctx.env());
                Expr x = c.expr();
                if (x instanceof Expr.Var v && v.attno() > 0) {
                    // ComputeIndexAttrs: an expression that is just a column is a simple index column
                    attnums[i] = v.attno();
                    type = heap.atttypid(v.attno());
                    colname = heap.desc().attr(v.attno() - 1).name();
                } else {
                    attnums[i] = 0;
                    type = x.type();
                    colname = c.name() == null || c.name().equals("?column?") ? "expr" : c.name();
                    colname = uniqueName(colname, colnames);
                    // ConstructTupleDescriptor's CheckAttributeType: an index column cannot be of a pseudo-type
                    org.tusk.catalog.PgType t = BuiltinCatalog.type(type);
                    if (t != null && t.category() == org.tusk.catalog.PgType.CAT_PSEUDO) {
                        throw PgException.error(SqlState.INVALID_TABLE_DEFINITION, "column \"" + colname
                                + "\" has pseudo-type " + t.sqlName());
                    }
                    // stored as written, in the form pg_get_indexdef_columns shows a key: parenthesized
                    // unless it is a bare function call (looks_like_function)
                    boolean function = x instanceof Expr.FuncExpr || x instanceof Expr.CoalesceExpr
                            || x instanceof Expr.MinMaxExpr || x instanceof Expr.NullIfExpr;
                    String text = function ? e.exprSql() : "(" + e.exprSql() + ")";
                    // indexprs binds the names the expression resolved now (StoredNamePins)
                    text = IndexExprAnalysis.pinnedExpressions(heap, text, ctx.inputSettings(), db, ctx.env());
                    exprs.add(new IndexSpec.ExprColumn(text, colname, type, x.typmod()));
                    // an expression column's collation is the expression's unless the element names one
                    if (c.collation() != org.tusk.catalog.Collations.typeCollation(type)) collations[i] = c.collation();
                }
            }
            colnames.add(colname);
            types[i] = type;
            if (e.collation() != null) collations[i] = collationOid(e.collation(), type);
            if (gin) {
                opclasses[i] = GinIndexColumns.opclass(e, type);
            } else if (hash) {
                opclasses[i] = HashIndexColumns.opclass(e, type);
            } else if (e.opclass() != null && gist) {
                opclasses[i] = resolveGistOpclass(e.opclass(), type);
                IndexRelOptions.checkOpclassOptions(e, e.opclass().get(e.opclass().size() - 1));
            } else if (e.opclass() != null) {
                opclasses[i] = resolveOpclass(e.opclass(), type, true, ctx.env() == null ? null : ctx.env().catalog());
                IndexRelOptions.checkOpclassOptions(e, e.opclass().get(e.opclass().size() - 1));
            }
        }
        String predicate = null;
        if (s.where() != null) {
            IndexExprAnalysis.cookPredicate(heap, s.where(), queryString, ctx.inputSettings(), db, ctx.env());
            predicate = IndexExprAnalysis.pinnedPredicate(heap, s.whereSql(), ctx.inputSettings(), db, ctx.env());
        }
        // null when nothing was chosen, so a catalog without operator classes can take a plain index
        boolean anyOpclass = java.util.Arrays.stream(opclasses).anyMatch(o -> o != 0);
        boolean anyCollation = java.util.Arrays.stream(collations).anyMatch(o -> o != 0);
        IndexSpec spec = new IndexSpec(s.name(), attnums, exprs, predicate, anyOpclass ? opclasses : null,
                anyCollation ? collations : null, s.unique(), false, false, s.ifNotExists(), indoption,
                s.nullsNotDistinct());
        if (!s.includes().isEmpty()) spec = spec.withIncludes(includeAttnums(heap, s, queryString));
        if (gin) spec = spec.withAccessMethod(org.tusk.catalog.GinOpclassCatalog.GIN_AM_OID);
        if (gist) spec = spec.withAccessMethod(SystemCatalogs.GIST_AM_OID);
        if (hash) spec = spec.withAccessMethod(SystemCatalogs.HASH_AM_OID);
        return new Computed(spec, types);
    }

    /**
     * ComputeIndexAttrs for the INCLUDE elements: each a table column (0A000 for an expression,
     * and for a collation, operator class or ordering, which a column that is not a key has no
     * use for), its attnum in order. The total stays within INDEX_MAX_KEYS (index_create).
     */
    private static int[] includeAttnums(Relation heap, Stmt.IndexStmt s, String queryString) {
        int[] out = new int[s.includes().size()];
        for (int j = 0; j < out.length; j++) {
            Stmt.IndexElem e = s.includes().get(j);
            if (e.column() == null) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "expressions are not supported in included columns");
            }
            if (e.collation() != null) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "including column does not support a collation");
            }
            if (e.opclass() != null) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "including column does not support an operator class");
            }
            if (e.desc()) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "including column does not support ASC/DESC options");
            }
            if (e.nullsFirst() != null) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "including column does not support NULLS FIRST/LAST options");
            }
            out[j] = attnum(heap, e.column());
            if (out[j] == 0 && org.tusk.catalog.CatalogRows.isSystemColumnName(e.column())) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "index creation on system columns is not supported");
            }
            if (out[j] == 0) {
                throw PgException.errorAt(SqlState.UNDEFINED_COLUMN, "column \"" + e.column() + "\" does not exist",
                        Lexer.position(queryString, e.location()));
            }
        }
        return out;
    }

    /**
     * ComputeIndexAttrs' indoption for one column: INDOPTION_DESC for DESC, INDOPTION_NULLS_FIRST
     * for NULLS FIRST, or for DESC when the nulls' place is not written.
     */
    static short indexOption(Stmt.IndexElem e) {
        short opt = 0;
        if (e.desc()) opt |= Relation.IndexInfo.INDOPTION_DESC;
        boolean nullsFirst = e.nullsFirst() != null ? e.nullsFirst() : e.desc();
        if (nullsFirst) opt |= Relation.IndexInfo.INDOPTION_NULLS_FIRST;
        return opt;
    }

    /** ChooseIndexColumnNames: a name already used by an earlier column gets 1, 2, ... appended. */
    private static String uniqueName(String name, List<String> used) {
        String candidate = name;
        for (int i = 1; used.contains(candidate); i++) candidate = name + i;
        return candidate;
    }

    private static int attnum(Relation heap, String column) {
        for (int a = 0; a < heap.desc().natts(); a++) {
            if (heap.desc().attr(a).name().equals(column) && !heap.desc().attr(a).attisdropped()) return a + 1;
        }
        return 0;
    }

    /**
     * ResolveOpClass: 42704 for an operator class btree does not have, 42804 for one whose input
     * type the column's type cannot be (binary-)coerced to. Returns the class's OID for indclass.
     */
    static int resolveOpclass(List<String> names, int type, org.tusk.catalog.Catalog catalog) {
        return resolveOpclass(names, type, false, catalog);
    }

    /**
     * As above; {@code binaryCoercible}: the class's input type may be a type the column's is
     * binary-coercible to (IsBinaryCoercible: bpchar_ops on a text column), as for an index key,
     * whose comparisons follow the class ({@link BtreeOpclasses#coercedInputType}). Without it
     * (a partition key) every implicit binary cast counts (int4 under oid_ops), and the bounds
     * compare by the class ({@link org.tusk.catalog.PartitionBound#keyType}).
     */
    static int resolveOpclass(List<String> names, int type, boolean binaryCoercible, org.tusk.catalog.Catalog catalog) {
        String name = names.get(names.size() - 1);
        boolean otherSchema = names.size() == 2 && !names.get(0).equals("pg_catalog");
        BtreeOpclasses.Opclass oc = otherSchema ? null : BtreeOpclasses.byName(name);
        if (oc == null) {
            userClass(names, type, SystemCatalogs.BTREE_AM_OID, "btree", catalog);
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "operator class \"" + String.join(".", names)
                    + "\" does not exist for access method \"btree\"");
        }
        // varchar is binary-coercible to text, so text's classes take it
        boolean accepts = binaryCoercible ? BtreeOpclasses.accepts(oc.inputType(), type)
                : oc.inputType() == type || oc.inputType() == 25 && type == 1043
                || BtreeOpclasses.binaryCoercible(type, oc.inputType());
        if (!accepts) {
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "operator class \"" + name + "\" does not accept data type "
                    + BuiltinCatalog.formatType(type));
        }
        return BtreeOpclasses.indclassFor(oc, type);
    }

    /**
     * ResolveOpClass for access method gist: 42704 for a class gist does not have, 42804 for one
     * that does not take the column's type.
     */
    static int resolveGistOpclass(List<String> names, int type) {
        String name = names.get(names.size() - 1);
        boolean otherSchema = names.size() == 2 && !names.get(0).equals("pg_catalog");
        var oc = otherSchema ? null : org.tusk.catalog.GistOpclassCatalog.byName(name);
        if (oc == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "operator class \"" + String.join(".", names)
                    + "\" does not exist for access method \"gist\"");
        }
        if (!org.tusk.catalog.GistOpclassCatalog.accepts(oc.oid(), type)) {
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "operator class \"" + name + "\" does not accept data type "
                    + BuiltinCatalog.formatType(type));
        }
        return oc.oid();
    }

    /**
     * A user-defined operator class (CREATE OPERATOR CLASS) of that name, if there is one: 42804 if
     * it does not accept the column's type, else 0A000, because B-tree keys, hash partitions and
     * partition bounds are compared and hashed with the built-in functions of the key's type, not
     * through a class's support functions yet. Returns normally when there is no such class.
     */
    static void userClass(List<String> names, int type, int am, String amName, org.tusk.catalog.Catalog catalog) {
        String name = names.get(names.size() - 1);
        org.tusk.catalog.OpclassDdl opclasses = catalog == null ? null : catalog.userOpclasses();
        Object[] row = opclasses == null ? null
                : opclasses.userClass(names.size() >= 2 ? names.get(names.size() - 2) : null, name, am);
        if (row == null) return;
        int input = org.tusk.catalog.CatalogScan.oid(SystemCatalogs.PG_OPCLASS.get(row, "opcintype"));
        if (input != type && input != org.tusk.catalog.TypeCache.baseType(type)) {
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "operator class \"" + name + "\" does not accept data type "
                    + BuiltinCatalog.formatType(type));
        }
        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "user-defined operator class \"" + name
                + "\" for access method \"" + amName + "\" cannot order or hash keys yet");
    }

    /** An index element's COLLATE (LookupCollation, 42704); a type without collation refuses it (42804). */
    static int collationOid(List<String> names, int type) {
        int coll = org.tusk.catalog.Collations.lookup(names);
        org.tusk.catalog.Collations.checkCollatable(type);
        return coll;
    }

    private static String shown(Stmt.RangeVar rv) {
        return rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
    }

}
