package org.tusk.commands;

import java.util.List;
import java.util.Locale;

import org.tusk.catalog.BtreeOpclasses;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.ExclusionOperators;
import org.tusk.catalog.IndexSpec;
import org.tusk.executor.ExclusionCheck;
import org.tusk.executor.ExecContext;
import org.tusk.executor.IndexKeys;
import org.tusk.nodes.Stmt;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * EXCLUDE constraints (contype 'x'): DefineIndex with excludeOpNames, as CREATE TABLE and ALTER
 * TABLE ADD CONSTRAINT call it. The elements are analysed as CREATE INDEX's
 * ({@link IndexCommands#compute}); each operator must be its own commutator and a member of the
 * column's B-tree operator family (ComputeIndexAttrs), which for B-tree leaves equality. The
 * index (indisexclusion, not unique) and the pg_constraint row with conexclop are made together;
 * rows already in the table are then checked against each other (IndexCheckExclusion).
 *
 * <p>Access methods: B-tree and GiST (whose operator must be a search member of the column's GiST
 * family: &&, ~=, -|-, =). GIN and BRIN have no amgettuple and are refused as PostgreSQL refuses
 * them; SP-GiST and hash, which PostgreSQL allows, Tusk does not have (0A000, as for CREATE
 * INDEX).
 */
final class ExclusionConstraints {
    private ExclusionConstraints() {}

    private static final List<String> BTREE_MEMBERS = List.of("=", "<", "<=", ">", ">=");
    private static final List<String> PATTERN_MEMBERS = List.of("=", "~<~", "~<=~", "~>=~", "~>~");
    /** The comparison operators that are their own commutators. */
    private static final List<String> SELF_COMMUTATORS = List.of("=", "<>", "&&", "~=", "-|-");

    static void define(Relation heap, Stmt.TableConstraint k, String queryString, ExecContext ctx, boolean checkExisting) {
        Stmt.Exclusion x = k.exclusion();
        // transformIndexConstraint refuses these before anything else is looked at
        if (heap.relkind() == 'p')
            throw PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED, "exclusion constraints are not supported on partitioned tables",
                    org.tusk.parser.Lexer.position(queryString, k.location()));
        String method = x.accessMethod().toLowerCase(Locale.ROOT);
        boolean gist = method.equals("gist");
        if (!method.equals("btree") && !gist) {
            if (method.equals("gin") || method.equals("brin"))
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \"" + method
                        + "\" does not support exclusion constraints");
            if (List.of("hash", "spgist").contains(method))
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \"" + method + "\" is not supported yet");
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "access method \"" + method + "\" does not exist");
        }
        Stmt.IndexStmt s = new Stmt.IndexStmt(k.name(), null, method, x.elems(), false, false, x.where(), x.whereSql(),
                false, false);
        IndexCommands.Computed c = IndexCommands.compute(heap, s, queryString, ctx);
        int[] opclasses = c.spec().opclasses();
        int[] ops = new int[x.operators().size()];
        for (int i = 0; i < ops.length; i++) {
            int type = c.types()[i];
            int opType = type == 1043 ? 25 : type;   // varchar uses text's operators
            String name = x.operators().get(i);
            int oid = ExclusionOperators.oid(name, opType, opType);
            // a range type's operators are anyrange's (polymorphic)
            if (oid == 0 && org.tusk.utils.adt.RangeTypes.isRange(type)) oid = ExclusionOperators.oid(name, 3831, 3831);
            String formatted = name + "(" + BuiltinCatalog.formatType(opType) + "," + BuiltinCatalog.formatType(opType) + ")";
            if (oid == 0)
                throw PgException.error("42883", "operator does not exist: " + BuiltinCatalog.formatType(type) + " " + name + " "
                        + BuiltinCatalog.formatType(type));
            if (!SELF_COMMUTATORS.contains(name))
                throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "operator " + formatted + " is not commutative")
                        .withDetail("Only commutative operators can be used in exclusion constraints.");
            int opclass = opclasses == null ? 0 : opclasses[i];
            if (gist) {
                // ComputeIndexAttrs: the operator must be a search member of the column's GiST family
                int gc = opclass != 0 ? opclass : org.tusk.catalog.GistOpclassCatalog.defaultFor(type);
                int family = org.tusk.catalog.GistOpclassCatalog.familyOf(gc);
                if (org.tusk.catalog.GistOpclassCatalog.memberByOperator(family, name, oid) == null) {
                    String fam = null;
                    for (var cn : List.of("box_ops", "point_ops", "poly_ops", "circle_ops", "range_ops")) {
                        var gcl = org.tusk.catalog.GistOpclassCatalog.byName(cn);
                        if (gcl.family() == family) fam = gcl.familyName();
                    }
                    throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "operator " + formatted + " is not a member of operator family \""
                            + (fam == null ? BuiltinCatalog.formatType(type) + "_ops" : fam) + "\"")
                            .withDetail("The exclusion operator must be related to the index operator class for the constraint.");
                }
                ops[i] = oid;
                continue;
            }
            BtreeOpclasses.FamilyAndInput fi = BtreeOpclasses.familyOf(opclass, type);
            boolean pattern = BtreeOpclasses.nonDefaultName(opclass) != null;
            if (!(pattern ? PATTERN_MEMBERS : BTREE_MEMBERS).contains(name)) {
                String family = ExclusionOperators.familyName(fi.family());
                throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "operator " + formatted + " is not a member of operator family \""
                        + (family == null ? BuiltinCatalog.formatType(type) + "_ops" : family) + "\"")
                        .withDetail("The exclusion operator must be related to the index operator class for the constraint.");
            }
            ops[i] = oid;
        }
        IndexSpec spec = c.spec().withDeferrability(k.deferrable(), k.initiallyDeferred()).asExclusion(ops);
        Catalog catalog = ctx.env().catalog();
        int indexOid = catalog.createIndex(heap, spec, index -> IndexKeys.open(catalog.openRelation(heap.oid()), index, ctx));
        if (checkExisting) ExclusionCheck.checkExisting(catalog.openRelation(heap.oid()), catalog.openRelation(indexOid), ctx);
    }
}
