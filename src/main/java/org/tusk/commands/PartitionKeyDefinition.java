package org.tusk.commands;

import java.util.List;

import org.tusk.catalog.BtreeOpclasses;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.CatalogRows;
import org.tusk.catalog.PartitionKey;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.Lexer;
import org.tusk.parser.PartitionKeyAnalysis;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.ruleutils.RuleUtils;

/**
 * ComputePartitionAttrs (tablecmds.c): the partition key of a new partitioned table from its
 * PARTITION BY clause, computed once the relation exists (as DefineRelation does), so that key
 * expressions are analysed over its row. Per element: the column or expression, its type (no
 * pseudo-types), its collation (the column's or expression's, or the COLLATE written; a
 * collatable type must have one, a non-collatable one must not), and its operator class (the
 * type's default btree class for list and range; hash keys are hashed by the built-in hash
 * functions, so only the type's default class name is accepted and partclass holds 0).
 */
final class PartitionKeyDefinition {
    private PartitionKeyDefinition() {}

    static PartitionKey compute(Stmt.PartitionSpec spec, char strategy, Relation rel, String queryString, ExecEnvironment env,
                                InputSettings zone, String currentDatabase, org.tusk.executor.ExecContext ctx) {
        int n = spec.params().size();
        int[] attnums = new int[n], types = new int[n], typmods = new int[n], opclasses = new int[n], collations = new int[n];
        String[] exprs = new String[n], names = new String[n];
        for (int i = 0; i < n; i++) {
            Stmt.PartitionElem e = spec.params().get(i);
            int collation;
            if (e.column() != null) {
                int attnum = PartitionCommands.column(rel, e.column());
                if (attnum == 0 && CatalogRows.isSystemColumnName(e.column()))
                    throw PgException.errorAt("42P17", "cannot use system column \"" + e.column() + "\" in partition key",
                            Lexer.position(queryString, e.location()));
                if (attnum == 0)
                    throw PgException.errorAt(SqlState.UNDEFINED_COLUMN, "column \"" + e.column()
                            + "\" named in partition key does not exist", Lexer.position(queryString, e.location()));
                refuseGenerated(rel, attnum, queryString, e.location());
                attnums[i] = attnum;
                types[i] = rel.atttypid(attnum);
                typmods[i] = rel.atttypmod(attnum);
                names[i] = e.column();
                collation = CatalogRows.builtinCollation(types[i]);
            } else {
                Expr x = PartitionKeyAnalysis.cook(rel, e.expr(), queryString, zone, currentDatabase, env);
                // ComputePartitionAttrs: no generated column, also not through a whole-row reference
                java.util.BitSet used = new java.util.BitSet();
                org.tusk.parser.IndexExprAnalysis.collectAttnums(x, used);
                if (org.tusk.nodes.ExprTrees.any(x, y -> y instanceof Expr.WholeRowVar))
                    used.set(1, rel.desc().natts() + 1);
                for (int a = used.nextSetBit(1); a > 0 && a <= rel.desc().natts(); a = used.nextSetBit(a + 1))
                    refuseGenerated(rel, a, queryString, e.location());
                if (x instanceof Expr.Var v) {
                    // a parenthesized column is a plain key column
                    attnums[i] = v.attno();
                    types[i] = rel.atttypid(v.attno());
                    typmods[i] = rel.atttypmod(v.attno());
                    names[i] = rel.desc().attr(v.attno() - 1).name();
                } else {
                    types[i] = x.type();
                    typmods[i] = x.typmod();
                    if (isPseudoType(types[i])) throw pseudoType(i, types[i]);
                    // CheckMutability: expression_planner first, which inlines simple SQL functions
                    // (plusone(b) is b + 1), then contain_mutable_functions on what is left
                    PartitionKeyAnalysis.check(rel, x, ctx == null ? x : org.tusk.optimizer.Planner.fold(x, ctx));
                    // stored deparsed, as pg_get_partkeydef_columns prints an element, every name
                    // outside pg_catalog schema-qualified, so that it keeps meaning what it means now
                    // under any search path (StoredNamePins)
                    exprs[i] = org.tusk.catalog.ObjectNames.current().withOverrideSearchPath(
                            java.util.List.of(org.tusk.catalog.SystemCatalogs.PG_CATALOG_NAMESPACE), () -> RuleUtils.nonPretty(x));
                }
                collation = CatalogRows.builtinCollation(types[i]);
            }
            if (isPseudoType(types[i])) throw pseudoType(i, types[i]);
            if (e.collation() != null) {
                if (CatalogRows.builtinCollation(types[i]) == 0)
                    throw PgException.error(SqlState.DATATYPE_MISMATCH, "collations are not supported by type "
                            + BuiltinCatalog.formatType(types[i]));
                collation = IndexCommands.collationOid(e.collation(), types[i]);
            }
            collations[i] = collation;
            org.tusk.catalog.Catalog catalog = env == null ? null : env.catalog();
            opclasses[i] = strategy == 'h' ? hashOpclass(e, types[i], catalog) : btreeOpclass(e, types[i], catalog);
        }
        return new PartitionKey(strategy, attnums, exprs, types, typmods, opclasses, collations, names);
    }

    /** ComputePartitionAttrs: "cannot use generated column in partition key" (42P17) at the key element. */
    private static void refuseGenerated(Relation rel, int attnum, String queryString, int location) {
        if (rel.attgenerated(attnum) == 0) return;
        throw PgException.errorAt("42P17", "cannot use generated column in partition key",
                location < 0 ? 0 : Lexer.position(queryString, location))
                .withDetail("Column \"" + rel.desc().attr(attnum - 1).name() + "\" is a generated column.");
    }

    /** partclass for list and range: GetDefaultOpClass(type, btree) or ResolveOpClass of the written name. */
    private static int btreeOpclass(Stmt.PartitionElem e, int type, org.tusk.catalog.Catalog catalog) {
        org.tusk.catalog.OpclassDdl opclasses = catalog == null ? null : catalog.userOpclasses();
        if (e.opclass() != null) {
            String name = e.opclass().get(e.opclass().size() - 1);
            boolean otherSchema = e.opclass().size() == 2 && !e.opclass().get(0).equals("pg_catalog");
            Object[] user = opclasses == null || !otherSchema && BtreeOpclasses.byName(name) != null ? null
                    : opclasses.userClass(otherSchema ? e.opclass().get(0) : null, name, org.tusk.catalog.SystemCatalogs.BTREE_AM_OID);
            if (user != null) return userOpclass(user, name, type, org.tusk.catalog.SystemCatalogs.BTREE_AM_OID, 0, opclasses);
            return IndexCommands.resolveOpclass(e.opclass(), type, catalog);
        }
        // GetDefaultOpClass: a domain takes its base type's default class
        type = org.tusk.catalog.TypeCache.baseType(type);
        if (!BtreeOpclasses.hasDefault(type)) {
            int user = opclasses == null ? 0 : opclasses.userDefault(org.tusk.catalog.SystemCatalogs.BTREE_AM_OID, type);
            if (user != 0) {
                Object[] row = opclasses.row(org.tusk.catalog.SystemCatalogs.PG_OPCLASS, user);
                return userOpclass(row, (String) org.tusk.catalog.SystemCatalogs.PG_OPCLASS.get(row, "opcname"), type,
                        org.tusk.catalog.SystemCatalogs.BTREE_AM_OID, 0, opclasses);
            }
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "data type " + BuiltinCatalog.formatType(type)
                    + " has no default operator class for access method \"btree\"")
                    .withHint("You must specify a btree operator class or define a default btree operator class for the data type.");
        }
        return BtreeOpclasses.defaultFor(type);
    }

    /**
     * partclass for hash: the built-in classes hash with the type's built-in extended hash function
     * (PartitionHashing), so for them a written class must be the type's default one and partclass
     * holds 0; a user-defined class (CREATE OPERATOR CLASS ... USING hash) is stored by OID and its
     * support function 2 (HASHEXTENDED_PROC) hashes the key, as ComputePartitionAttrs requires.
     */
    private static int hashOpclass(Stmt.PartitionElem e, int type, org.tusk.catalog.Catalog catalog) {
        if (e.opclass() == null) return 0;
        String name = e.opclass().get(e.opclass().size() - 1);
        org.tusk.catalog.OpclassDdl opclasses = catalog == null ? null : catalog.userOpclasses();
        Object[] user = opclasses == null ? null : opclasses.userClass(e.opclass().size() >= 2 ? e.opclass().get(e.opclass().size() - 2)
                : null, name, org.tusk.catalog.SystemCatalogs.HASH_AM_OID);
        if (user != null) return userOpclass(user, name, type, org.tusk.catalog.SystemCatalogs.HASH_AM_OID, 2, opclasses);
        BtreeOpclasses.Opclass oc = e.opclass().size() == 1 || e.opclass().get(0).equals("pg_catalog")
                ? BtreeOpclasses.byName(name) : null;
        if (oc == null || !oc.isDefault())
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "operator class \"" + String.join(".", e.opclass())
                    + "\" does not exist for access method \"hash\"");
        if (oc.inputType() != type)
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "operator class \"" + name + "\" does not accept data type "
                    + BuiltinCatalog.formatType(type));
        return 0;
    }

    /**
     * ComputePartitionAttrs for a user-defined class: it must take the key's type, and a hash
     * class must have its extended hash function (support function {@code procnum} 2,
     * HASHEXTENDED_PROC). A btree class's comparison function (BTORDER_PROC) is looked for only
     * when the key is loaded (RelationBuildPartitionKey), so {@code procnum} is 0 for btree.
     */
    private static int userOpclass(Object[] row, String name, int type, int am, int procnum, org.tusk.catalog.OpclassDdl opclasses) {
        var c = org.tusk.catalog.SystemCatalogs.PG_OPCLASS;
        int input = org.tusk.catalog.CatalogScan.oid(c.get(row, "opcintype"));
        if (input != type && input != org.tusk.catalog.TypeCache.baseType(type))
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "operator class \"" + name + "\" does not accept data type "
                    + BuiltinCatalog.formatType(type));
        int oid = org.tusk.catalog.CatalogScan.oid(c.get(row, "oid"));
        if (procnum != 0 && opclasses.userSupportProc(oid, procnum) == 0)
            throw PgException.error("42P17", "operator class \"" + name + "\" of access method "
                    + (am == org.tusk.catalog.SystemCatalogs.HASH_AM_OID ? "hash" : "btree")
                    + " is missing support function " + procnum + " for type " + BuiltinCatalog.formatType(input));
        return oid;
    }

    private static PgException pseudoType(int i, int type) {
        return PgException.error(SqlState.DATATYPE_MISMATCH, "partition key column " + (i + 1) + " has pseudo-type "
                + BuiltinCatalog.formatType(type));
    }

    /** get_typtype(type) == TYPTYPE_PSEUDO. */
    private static boolean isPseudoType(int type) {
        var row = CatalogRows.builtinType(type);
        return row != null && row.typtype() == 'p';
    }
}
